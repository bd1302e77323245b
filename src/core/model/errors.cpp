#include "worldcafe/errors.hpp"

namespace worldcafe {

namespace {

std::string located(const std::filesystem::path& file, const std::string& message, int line, int column) {
    std::string text = file.string();
    // `+=` piece by piece: GCC 12 misreads `":" + std::to_string(n)` at -O3 (bugs 105329, 105651).
    if (line > 0) (text += ':') += std::to_string(line);
    if (line > 0 && column > 0) (text += ':') += std::to_string(column);
    return text + ": " + message;
}

}  // namespace

InputError::InputError(std::filesystem::path file_, const std::string& message, int line_, int column_)
    : Error(located(file_, message, line_, column_)), file(std::move(file_)), detail(message), line(line_),
      column(column_) {}

NewerVersionError::NewerVersionError(std::filesystem::path file_, int fileVersion_, int supportedVersion_)
    : InputError(std::move(file_),
                 "written by a newer worldcafe (format version " + std::to_string(fileVersion_) +
                     "; this build reads up to " + std::to_string(supportedVersion_) +
                     "); it can be opened read-only and will not be overwritten"),
      fileVersion(fileVersion_), supportedVersion(supportedVersion_) {}

SessionLockedError::SessionLockedError(std::filesystem::path file_, std::int64_t pid_, std::string holder_)
    : Error(file_.string() + ": in use by " +
            (pid_ > 0 ? "process " + std::to_string(pid_) + (holder_.empty() ? "" : " (" + holder_ + ")")
                      : std::string("another process")) +
            "; close it there or open this session read-only"),
      file(std::move(file_)), pid(pid_), holder(std::move(holder_)) {}

StorageError::StorageError(std::filesystem::path file_, const std::string& what)
    : Error(file_.string() + ": " + what), file(std::move(file_)) {}

}  // namespace worldcafe
