#pragma once
// Unicode helpers. Text is UTF-8 everywhere and stored in NFC: files from a Mac arrive decomposed (NFD).

#include <string>
#include <string_view>
#include <vector>

namespace worldcafe {

bool isValidUtf8(std::string_view text);
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
