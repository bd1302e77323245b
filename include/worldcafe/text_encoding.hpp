#pragma once
// Registration lists arrive in whatever Excel saved: "CSV UTF-8", "CSV" (CP949 on Korean Windows), "Unicode text"
// (UTF-16 with a byte-order mark). Everything is turned into UTF-8 here, before any parsing, and the caller says
// what was converted so that the organiser knows.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace worldcafe {

struct DecodedText {
    std::string text;      // UTF-8 without a BOM; still to be checked with requireModelText (NUL, stray bytes)
    std::string encoding;  // "UTF-8", "UTF-16LE", "UTF-16BE" or "CP949"
    bool converted() const { return encoding != "UTF-8"; }
};

// Throws InputError naming `file`, and the line and column of the first byte that is not UTF-8, with a hint that
// fits what the bytes look like (UTF-16 without a byte-order mark, Windows-1252, or some other encoding).
DecodedText decodeText(std::string_view bytes, const std::filesystem::path& file);

// The bytes as CP949 (Korean Windows, a superset of EUC-KR) turned into UTF-8, or nothing when they are not
// CP949 or when they decode but do not read as Korean (Windows-1252 accents often form valid CP949 pairs).
std::optional<std::string> decodeCp949(std::string_view bytes);

}  // namespace worldcafe
