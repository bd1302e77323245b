#pragma once
// What the exports share: labels in the session's language, menu names, the line a theme stands for. Private.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "worldcafe/harvest.hpp"
#include "worldcafe/model.hpp"
#include "worldcafe/strings.hpp"

namespace worldcafe::report {

// Report labels in the session's language, from its string table (assets/i18n/LANGUAGE.report.json). The table is
// cached for the process, so the returned C strings outlive every export.
struct Labels {
    const Strings* strings = nullptr;

    const std::string& language() const { return strings->language(); }
    const char* text(std::string_view key) const { return strings->text(key).c_str(); }

    std::string menu(int number, std::string_view title) const;  // "[메뉴 1] title", "[Menu 1] title"
    std::string noMenu() const { return text("report.no_menu"); }
    std::string notes(int count) const;                           // "메모 4개", "4 notes", "1 note"
    std::string tables(const std::vector<TableNumber>& tables) const;  // "테이블 1, 3", "tables 1, 3", "table 2"
    std::string votes(int count) const;                           // "투표 5", "5 votes"
    // "5 votes (3 phones)": the phones that put dots on the theme, when any did
    std::string votes(int count, int voters) const;
    std::string stars(int count) const;                           // "별표 2", "2 stars"
    std::string otherNotes(int count) const;                      // "기타 메모 3개", "3 other notes"
    std::string round(int number) const;                          // "라운드 2", "Round 2"
    std::string similar(int count) const;                         // "비슷한 메모 2개", "2 similar notes"
    std::string menus(int count) const;
    std::string tableCount(int count) const;
    std::string rounds(int count) const;
    const char* keywords() const { return text("report.keywords"); }
    const char* noNotes() const { return text("report.no_notes"); }
    const char* chartTitle() const { return text("report.chart_title"); }
    const char* themes() const { return text("report.themes"); }
    const char* allNotes() const { return text("report.all_notes"); }
    const char* highlighted() const { return text("report.highlighted"); }
    const char* generated() const { return text("report.generated"); }

    // Column names shared by the CSV and the XLSX.
    const char* colId() const { return text("report.column.id"); }
    const char* colMenu() const { return text("report.column.menu"); }
    const char* colTable() const { return text("report.column.table"); }
    const char* colRound() const { return text("report.column.round"); }
    const char* colTheme() const { return text("report.column.theme"); }
    const char* colTags() const { return text("report.column.tags"); }
    const char* colStars() const { return text("report.column.stars"); }
    const char* colVotes() const { return text("report.column.votes"); }
    const char* colThemeVotes() const { return text("report.column.theme_votes"); }
    const char* colVoters() const { return text("report.column.voters"); }
    const char* colText() const { return text("report.column.text"); }
    const char* colSummary() const { return text("report.column.summary"); }
    const char* colNotes() const { return text("report.column.notes"); }
    const char* colTables() const { return text("report.column.tables"); }
    const char* colHighlighted() const { return text("report.column.highlighted"); }
};

Labels labelsFor(const Session& session);

// "[메뉴 n] title" with n the menu's position; the notes without a menu get "메뉴 없음".
std::string menuTitle(const Session& session, const Synthesis& synthesis, std::size_t menuIndex);
const Menu* menuOf(const Session& session, const MenuHarvest& harvest);

// Notes by id without a linear search per note (Session::findNote): exports look up every note.
class NoteIndex {
public:
    explicit NoteIndex(const Session& session);
    const Note* find(NoteId id) const;

private:
    std::vector<std::pair<NoteId, const Note*>> m_notes;
};

// The line a theme stands for: the organiser's summary, else its headline note.
std::string themeLine(const NoteIndex& notes, const ThemeSummary& theme);

// The theme column of a note: the theme's name, or empty for a note that is in no report theme.
std::string themeColumn(const Synthesis& synthesis, NoteId note);

std::string joinTags(const std::vector<std::string>& tags);  // "a; b"
std::string colourHex(std::uint32_t rgb);                     // "#E69F00"
std::string oneLine(std::string_view text);                   // line breaks and tabs become spaces

// The notes of a menu in report order: themes in order, each theme's notes earliest first.
std::vector<const Note*> notesInReportOrder(const NoteIndex& notes, const MenuHarvest& harvest);

}  // namespace worldcafe::report
