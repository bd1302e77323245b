#pragma once
// File I/O that never loses a user's data: atomic replacement and reads with clear errors.

#include <filesystem>
#include <string>
#include <string_view>

namespace worldcafe {

// Writes `bytes` to a temporary file in the same directory, fsyncs it, renames it over `file` and fsyncs the
// directory. On any failure (full disk, permissions) throws StorageError and leaves `file` as it was.
void writeFileAtomically(const std::filesystem::path& file, std::string_view bytes);

// fsync of the folder holding `file`, so that a rename or a new file survives power loss.
void syncDirectoryOf(const std::filesystem::path& file);

// Throws InputError("cannot read ...: <reason>") naming the file.
std::string readWholeFile(const std::filesystem::path& file);

// $XDG_DATA_HOME/worldcafe (default ~/.local/share/worldcafe), created on demand.
std::filesystem::path userDataDirectory();

// The bundled assets folder (i18n, ...): $WORLDCAFE_ASSETS, else ../share/worldcafe/assets from the executable
// (installed), else share/worldcafe/assets beside it (a build tree).
std::filesystem::path assetsDirectory();
// The bundled sample sessions: $WORLDCAFE_SESSIONS, else share/worldcafe/sessions found the same way.
std::filesystem::path bundledSessionsDirectory();

}  // namespace worldcafe
