#pragma once
// Text from participants and notes goes into CSV files that people open in spreadsheets, which run a cell starting
// with = + - @ TAB or CR as a formula (=HYPERLINK(...) from a registration form). Every CSV writer neutralises its
// cells with these, and the readers restore them, so that a name survives export and import unchanged.

#include <string>
#include <string_view>

namespace worldcafe {

// A leading ' before = + - @ TAB CR (after any leading 's, so that restoring is exact for every text).
std::string neutraliseSpreadsheetCell(std::string_view text);
// The inverse: removes the ' that neutraliseSpreadsheetCell() added; other text is returned as it is.
std::string restoreSpreadsheetCell(std::string_view text);
// csvField(neutraliseSpreadsheetCell(text)).
std::string spreadsheetCsvField(std::string_view text);

}  // namespace worldcafe
