#include "worldcafe/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>

#include "worldcafe/errors.hpp"

namespace worldcafe {

std::string systemError(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

std::string timestampForFileName() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&now, &local);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%d-%H%M%S", &local);
    return buffer;
}

namespace {

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

void writeAll(int fd, std::string_view bytes, const std::filesystem::path& file) {
    while (!bytes.empty()) {
        ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) throw StorageError(file, systemError("cannot write"));
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace

namespace {

// Empty on success, else why the folder of `file` could not be synced.
std::string syncDirectoryReason(const std::filesystem::path& file) {
    std::filesystem::path directory = file.parent_path().empty() ? "." : file.parent_path();
    FileDescriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) return std::strerror(errno);
    return {};
}

}  // namespace

void syncDirectoryOf(const std::filesystem::path& file) {
    if (std::string reason = syncDirectoryReason(file); !reason.empty()) {
        std::filesystem::path directory = file.parent_path().empty() ? "." : file.parent_path();
        throw StorageError(directory, "cannot sync the folder: " + reason);
    }
}

void writeFileAtomically(const std::filesystem::path& file, std::string_view bytes) {
    std::filesystem::path temporary = file;
    temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}());
    FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd.get() < 0) throw StorageError(file, systemError("cannot create a temporary file beside it"));
    try {
        writeAll(fd.get(), bytes, file);
        if (::fsync(fd.get()) != 0) throw StorageError(file, systemError("cannot flush to disk"));
        if (::close(fd.release()) != 0) throw StorageError(file, systemError("cannot close"));
        if (::rename(temporary.c_str(), file.c_str()) != 0) throw StorageError(file, systemError("cannot replace"));
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }
    if (std::string reason = syncDirectoryReason(file); !reason.empty())
        throw FolderNotSyncedError(file, "written, but its folder could not be synced to disk (" + reason +
                                             "), so a power failure could still undo it");
}

std::string readWholeFile(const std::filesystem::path& file) {
    std::error_code error;
    if (std::filesystem::is_directory(file, error)) throw InputError(file, "is a folder, not a file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file, systemError("cannot read"));
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) throw InputError(file, systemError("cannot read"));
    return content.str();
}

std::filesystem::path userDataDirectory() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".local" / "share";
    else
        base = std::filesystem::temp_directory_path();
    std::filesystem::path directory = base / "worldcafe";
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) throw StorageError(directory, "cannot create the data folder: " + error.message());
    return directory;
}

namespace {

// Found from the running executable, never from a path compiled in: `PREFIX/bin/worldcafe` reads
// `PREFIX/share/worldcafe/NAME`, and a build tree mirrors that as `BUILD/share/worldcafe/NAME` beside its binaries.
std::filesystem::path bundledDirectory(const char* environmentVariable, const char* name) {
    if (const char* fromEnvironment = std::getenv(environmentVariable); fromEnvironment && *fromEnvironment)
        return fromEnvironment;
    std::error_code error;
    std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
    std::filesystem::path installed = executable.parent_path().parent_path() / "share" / "worldcafe" / name;
    if (error) return installed;
    if (std::filesystem::is_directory(installed, error)) return installed;
    std::filesystem::path buildTree = executable.parent_path() / "share" / "worldcafe" / name;
    if (std::filesystem::is_directory(buildTree, error)) return buildTree;
    return installed;
}

}  // namespace

std::filesystem::path assetsDirectory() { return bundledDirectory("WORLDCAFE_ASSETS", "assets"); }

std::filesystem::path bundledSessionsDirectory() { return bundledDirectory("WORLDCAFE_SESSIONS", "sessions"); }

}  // namespace worldcafe
