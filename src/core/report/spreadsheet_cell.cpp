#include "worldcafe/spreadsheet_cell.hpp"

#include "worldcafe/csv.hpp"

namespace worldcafe {

namespace {

// Whether a spreadsheet would run `text`, once the apostrophes in front of it are taken away.
bool startsLikeFormula(std::string_view text, std::size_t& apostrophes) {
    apostrophes = 0;
    while (apostrophes < text.size() && text[apostrophes] == '\'') ++apostrophes;
    return apostrophes < text.size() && std::string_view("=+-@\t\r").find(text[apostrophes]) != std::string_view::npos;
}

}  // namespace

std::string neutraliseSpreadsheetCell(std::string_view text) {
    std::size_t apostrophes = 0;
    if (startsLikeFormula(text, apostrophes)) return "'" + std::string(text);
    return std::string(text);
}

std::string restoreSpreadsheetCell(std::string_view text) {
    std::size_t apostrophes = 0;
    if (startsLikeFormula(text, apostrophes) && apostrophes > 0) return std::string(text.substr(1));
    return std::string(text);
}

std::string spreadsheetCsvField(std::string_view text) { return csvField(neutraliseSpreadsheetCell(text)); }

}  // namespace worldcafe
