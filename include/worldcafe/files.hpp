#pragma once
// File I/O that never loses a user's data: atomic replacement and reads with clear errors.

#include <filesystem>
#include <string>
#include <string_view>

#include "worldcafe/errors.hpp"

namespace worldcafe {

// The new file is in place (renamed over the old one, which is gone), but the fsync of its folder failed: the file
// reads back complete now, yet a power failure could still undo the rename. Unlike its base class, this error does
// not mean "the previous file is intact", so a command that catches it must say the file was written.
struct FolderNotSyncedError : StorageError {
    using StorageError::StorageError;
};

// Writes `bytes` to a temporary file in the same directory, fsyncs it, renames it over `file` and fsyncs the
// directory. On any failure (full disk, permissions) before the rename throws StorageError and leaves `file` as it
// was, with no temporary file beside it; when only the folder's fsync after the rename fails, throws
// FolderNotSyncedError (the file is written).
void writeFileAtomically(const std::filesystem::path& file, std::string_view bytes);

// fsync of the folder holding `file`, so that a rename or a new file survives power loss.
void syncDirectoryOf(const std::filesystem::path& file);

// Throws InputError("cannot read ...: <reason>") naming the file.
std::string readWholeFile(const std::filesystem::path& file);

// "what: <strerror(errno)>", for the message of a failed system call.
std::string systemError(const char* what);
// The local time as 20261202-013000, for the name of a file kept aside.
std::string timestampForFileName();

// $XDG_DATA_HOME/worldcafe (default ~/.local/share/worldcafe), created on demand.
std::filesystem::path userDataDirectory();

// The bundled assets folder (i18n, ...): $WORLDCAFE_ASSETS, else ../share/worldcafe/assets from the executable
// (installed), else share/worldcafe/assets beside it (a build tree).
std::filesystem::path assetsDirectory();
// The bundled sample sessions: $WORLDCAFE_SESSIONS, else share/worldcafe/sessions found the same way.
std::filesystem::path bundledSessionsDirectory();

}  // namespace worldcafe
