#pragma once
// Typed errors of the core. The command line maps them to exit codes; the GUI to a modal or a toast.

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace worldcafe {

struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Input that cannot be read as asked: missing, malformed, wrong-typed, too new. The file is never touched.
struct InputError : Error {
    InputError(std::filesystem::path file, const std::string& message, int line = 0, int column = 0);
    std::filesystem::path file;
    std::string detail;  // the message without the location
    int line = 0;        // 1-based; 0 when unknown
    int column = 0;      // 1-based, in characters; 0 when unknown
};

// A session file written by a newer worldcafe: it may be read, never overwritten.
struct NewerVersionError : InputError {
    NewerVersionError(std::filesystem::path file, int fileVersion, int supportedVersion);
    int fileVersion;
    int supportedVersion;
};

// Another process holds the session's write lock.
struct SessionLockedError : Error {
    SessionLockedError(std::filesystem::path file, std::int64_t pid, std::string holder);
    std::filesystem::path file;
    std::int64_t pid;    // 0 when the lock file does not say
    std::string holder;  // the process name, when known
};

// Writing failed (full disk, permissions, I/O): the previous file is intact.
struct StorageError : Error {
    StorageError(std::filesystem::path file, const std::string& what);
    std::filesystem::path file;
};

// An action that cannot apply to the current session (removing what is not there, a duplicate id, ...).
struct ActionRejected : Error {
    using Error::Error;
};

// The session was opened read-only (a newer file, a lock held elsewhere, or on request).
struct ReadOnlyError : Error {
    using Error::Error;
};

}  // namespace worldcafe
