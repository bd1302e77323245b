#pragma once
// The session's lock, NAME.wcafe.lock: flock()ed while one process writes the session, and holding that process's
// pid so that another can say who has it. Private to the core.

#include <filesystem>

namespace worldcafe {

// The locked file's descriptor. Throws SessionLockedError naming the holder, StorageError when it cannot lock.
int acquireLock(const std::filesystem::path& file);
// Removes the lock file, then closes `fd` and sets it to -1; nothing when `fd` is already -1.
void releaseLock(int& fd, const std::filesystem::path& file);

}  // namespace worldcafe
