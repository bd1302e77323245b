#pragma once
// The harvest as files an organiser shares: Markdown, a self-contained HTML report, CSV, XLSX and JSON. Each export
// is a pure function from the session and its synthesis to the file's bytes; writeExport() writes them atomically.
// Reports use the session's language for their labels: Korean for a "ko" session, English otherwise.
//
// JSON layout: the session snapshot exactly as NAME.wcafe stores it (cereal; "format": "worldcafe-session"), with
// one more top-level member, "harvest", holding the synthesis. parseSnapshot() reads the file back to the same
// Session (it ignores "harvest"), so an export also opens as a session.
//   "harvest": { "format": "worldcafe-harvest", "version": 1, "round_count": R, "note_count": N,
//                "menus": [ { "menu": id, "title", "question", "colour": "#RRGGBB", "note_count",
//                             "notes_per_round": [round 1, ...], "tables": [...],
//                             "keywords": [ { "term", "score", "count" } ],
//                             "themes": [ { "key", "origin": "organiser"|"tags"|"cluster", "theme_id", "name",
//                                           "tags": [...], "summary", "in_report", "notes": [ids],
//                                           "entries": [ { "note", "duplicates": [ids] } ], "representative",
//                                           "headline", "key_notes": [ids], "tables", "rounds", "stars", "votes",
//                                           "highlighted", "highlighted_notes", "cohesion", "keywords" } ] } ] }

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "worldcafe/harvest.hpp"
#include "worldcafe/model.hpp"
#include "worldcafe/spreadsheet_cell.hpp"  // neutraliseSpreadsheetCell(), which exportCsv() applies

namespace worldcafe {

enum class ExportFormat : std::uint8_t { Markdown, Html, Csv, Xlsx, Json };

std::optional<ExportFormat> parseExportFormat(std::string_view name);  // "md", "html", "csv", "xlsx", "json"
const char* exportFormatName(ExportFormat format);
const char* exportExtension(ExportFormat format);                      // ".md", ".html", ...

// Per menu "## [메뉴 n] title", its question, and a bullet per theme: "- (theme) summary — N notes, tables 1, 3",
// the summary being the organiser's, else the theme's headline note; other starred or highlighted notes below it.
std::string exportMarkdown(const Session& session, const Synthesis& synthesis);

// One print-friendly page: inline CSS, the notes per menu and round as inline SVG, every user text escaped.
std::string exportHtml(const Session& session, const Synthesis& synthesis);

// One row per note: id, menu, table, round, theme, tags ("; "), stars, votes, text. UTF-8 with BOM, CRLF, RFC 4180;
// a cell starting with = + - @ TAB or CR gets a leading ' so that spreadsheets never run it as a formula.
std::string exportCsv(const Session& session, const Synthesis& synthesis);

// A workbook with a sheet per menu (its themes, then its notes) and a sheet with every note. libxlsxwriter writes
// through a temporary file, whose bytes are returned. Throws StorageError when that fails.
std::string exportXlsx(const Session& session, const Synthesis& synthesis);

// The session snapshot plus "harvest" (see the layout above).
std::string exportJson(const Session& session, const Synthesis& synthesis);

std::string exportReport(const Session& session, const Synthesis& synthesis, ExportFormat format);

// Synthesises, exports and writes `file` atomically (writeFileAtomically): the old file stays intact on failure.
void writeExport(const Session& session, ExportFormat format, const std::filesystem::path& file);

// Helpers shared with the view and tests. (HTML escaping is escapeHtml() of printables.hpp.)
// Unique sheet names of at most 31 characters without []:*?/\, one per menu in order.
std::vector<std::string> xlsxSheetNames(const Session& session, const Synthesis& synthesis);

// The y axis of the notes-per-round chart, for the HTML report's SVG and the harvest view's panel alike: gridlines
// every `step` (1, 2 or 5 times a power of ten, at most five parts) up to `top`, the first gridline at or above the
// largest count (at least 1).
struct ChartScale {
    int step = 1;
    int top = 1;
};
ChartScale notesChartScale(const Synthesis& synthesis);

}  // namespace worldcafe
