// [SECTION] index
// - lock: flock() on NAME.wcafe.lock, which names the holder

#include "lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"

namespace worldcafe {

std::filesystem::path lockPathFor(const std::filesystem::path& file) { return file.string() + ".lock"; }

namespace {

std::string processName(std::int64_t pid) {
    std::error_code error;
    if (!std::filesystem::exists("/proc/" + std::to_string(pid) + "/comm", error)) return {};
    try {
        std::string name = readWholeFile("/proc/" + std::to_string(pid) + "/comm");
        while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.pop_back();
        return name;
    } catch (const InputError&) {
        return {};
    }
}

}  // namespace

// [SECTION] lock

int acquireLock(const std::filesystem::path& file) {
    std::filesystem::path lockFile = lockPathFor(file);
    int fd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw StorageError(lockFile, systemError("cannot create the lock file"));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int lockErrno = errno;
        char buffer[32] = {};
        ssize_t length = ::pread(fd, buffer, sizeof buffer - 1, 0);
        ::close(fd);
        if (lockErrno != EWOULDBLOCK) {
            errno = lockErrno;
            throw StorageError(lockFile, systemError("cannot lock"));
        }
        std::int64_t pid = length > 0 ? std::atoll(buffer) : 0;
        throw SessionLockedError(file, pid, pid > 0 ? processName(pid) : std::string());
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        std::string reason = systemError("cannot write the lock file");
        // We hold the lock, so the file is ours to remove, as releaseLock() does; left behind it would name nobody.
        ::unlink(lockFile.c_str());
        ::close(fd);
        throw StorageError(lockFile, reason);
    }
    return fd;
}

void releaseLock(int& fd, const std::filesystem::path& file) {
    if (fd < 0) return;
    // Unlinking before closing means a new holder always locks a fresh file, never our stale one.
    ::unlink(lockPathFor(file).c_str());
    ::close(fd);
    fd = -1;
}

}  // namespace worldcafe
