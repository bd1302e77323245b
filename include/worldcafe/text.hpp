#pragma once
// Unicode helpers. Text is UTF-8 everywhere and stored in NFC: files from a Mac arrive decomposed (NFD).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace worldcafe {

// 가 to 힣: a precomposed Hangul syllable.
constexpr bool isHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

bool isValidUtf8(std::string_view text);

// Text that enters the model (session files, journalled actions, participants CSV, and later the network) is valid
// UTF-8 without NUL: invalid UTF-8 makes the XLSX export malformed XML, and a NUL silently cuts a name short.
struct TextFault {
    std::size_t offset = 0;  // of the first offending byte
    std::string reason;      // e.g. "not valid UTF-8 (byte 0xFF)"
};
std::optional<TextFault> findTextFault(std::string_view text);
// Throws InputError naming `file` and the line and column (in characters) of the first offending byte of `text`, a
// whole file; lines end at LF, CRLF or a lone CR. `hint` follows the reason (e.g. how to save a file as UTF-8).
void requireModelText(std::string_view text, const std::filesystem::path& file, std::string_view hint = {});
// NFC; invalid UTF-8 is returned unchanged (callers that must reject it check isValidUtf8 first).
std::string normalizeNfc(std::string_view text);
// NFC, case-folded: for search and for comparing names.
std::string foldForSearch(std::string_view text);
std::string trim(std::string_view text);
// Number of code points: column positions in messages count characters, not bytes.
int codePointCount(std::string_view text);
// `pattern` with "{0}".."{9}" replaced by `args`; a placeholder without an argument is dropped.
std::string fillPlaceholders(std::string_view pattern, const std::vector<std::string>& args);

}  // namespace worldcafe
