#pragma once
// What the exports share: labels in the session's language, menu names, the line a theme stands for. Private.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "worldcafe/harvest.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe::report {

// Report labels in the session's language. Korean counts take 개 after the number; English ones are pluralised.
struct Labels {
    bool korean = false;

    std::string menu(int number, std::string_view title) const;  // "[메뉴 1] title", "[Menu 1] title"
    std::string noMenu() const { return korean ? "메뉴 없음" : "No menu"; }
    std::string notes(int count) const;                           // "메모 4개", "4 notes", "1 note"
    std::string tables(const std::vector<TableNumber>& tables) const;  // "테이블 1, 3", "tables 1, 3", "table 2"
    std::string votes(int count) const;                           // "투표 5", "5 votes"
    std::string stars(int count) const;                           // "별표 2", "2 stars"
    std::string otherNotes(int count) const;                      // "기타 메모 3개", "3 other notes"
    std::string round(int number) const;                          // "라운드 2", "Round 2"
    std::string similar(int count) const;                         // "비슷한 메모 2개", "2 similar notes"
    std::string menus(int count) const;
    std::string tableCount(int count) const;
    std::string rounds(int count) const;
    const char* keywords() const { return korean ? "핵심어" : "Keywords"; }
    const char* noNotes() const { return korean ? "메모가 없습니다." : "No notes were taken."; }
    const char* chartTitle() const { return korean ? "메뉴·라운드별 메모 수" : "Notes per menu and round"; }
    const char* themes() const { return korean ? "주제" : "Themes"; }
    const char* allNotes() const { return korean ? "전체 메모" : "All notes"; }
    const char* highlighted() const { return korean ? "강조" : "Highlighted"; }
    const char* generated() const { return korean ? "worldcafe로 만든 보고서" : "Report made with worldcafe"; }

    // Column names shared by the CSV and the XLSX.
    const char* colId() const { return korean ? "번호" : "id"; }
    const char* colMenu() const { return korean ? "메뉴" : "menu"; }
    const char* colTable() const { return korean ? "테이블" : "table"; }
    const char* colRound() const { return korean ? "라운드" : "round"; }
    const char* colTheme() const { return korean ? "주제" : "theme"; }
    const char* colTags() const { return korean ? "태그" : "tags"; }
    const char* colStars() const { return korean ? "별표" : "stars"; }
    const char* colVotes() const { return korean ? "투표" : "votes"; }
    const char* colText() const { return korean ? "내용" : "text"; }
    const char* colSummary() const { return korean ? "요약" : "summary"; }
    const char* colNotes() const { return korean ? "메모 수" : "notes"; }
    const char* colTables() const { return korean ? "테이블" : "tables"; }
    const char* colHighlighted() const { return korean ? "강조" : "highlighted"; }
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
