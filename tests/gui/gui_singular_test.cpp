// Counts read as English: "1 table", never "1 tables", wherever the GUI prints a count beside a noun; Korean needs
// no plural and keeps one text.
#include <doctest/doctest.h>

#include <algorithm>

#include "gui_language_guard.hpp"
#include "i18n.hpp"
#include "participants_panel.hpp"
#include "problems_panel.hpp"
#include "setup_view.hpp"
#include "tables_panel.hpp"
#include "test_support.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

Session sized(int count) {
    Session s;
    s.rounds.count = count;
    for (int i = 1; i <= count; ++i) {
        s.menus.push_back(Menu{i, "Menu", "?", 0});
        s.tables.push_back(Table{i, i, 1});
        Participant p;
        p.id = i;
        p.name = "P";
        s.participants.push_back(p);
    }
    return s;
}

}  // namespace

TEST_CASE("gui singular: the Setup header's counts") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    CHECK(setupCounts(sized(1)) == "1 menu · 1 table · 1 participant · 1 round");
    CHECK(setupCounts(sized(2)) == "2 menus · 2 tables · 2 participants · 2 rounds");
    worldcafe::test::LanguageGuard korean(kI18nDir, "ko");
    CHECK(setupCounts(sized(1)) == "메뉴 1개 · 테이블 1개 · 참가자 1명 · 1라운드");
}

TEST_CASE("gui singular: the tables summary") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    CHECK(tablesSummary(sized(1)) == "1 table, 1 seat for 1 participant");
    CHECK(tablesSummary(sized(3)) == "3 tables, 3 seats for 3 participants");
    worldcafe::test::LanguageGuard korean(kI18nDir, "ko");
    CHECK(tablesSummary(sized(1)) == "테이블 1개, 좌석 1석, 참가자 1명");
}

TEST_CASE("gui singular: the problems count") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    CHECK(problemCounts(1, 1) == "1 error, 1 warning");
    CHECK(problemCounts(0, 2) == "0 errors, 2 warnings");
    worldcafe::test::LanguageGuard korean(kI18nDir, "ko");
    CHECK(problemCounts(1, 2) == "오류 1개, 경고 2개");
}

TEST_CASE("gui singular: importing one participant says 'participant'") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    worldcafe::test::TempDir dir;
    worldcafe::test::writeBytes(dir / "one.csv", "name,affiliation\nJo Park,Elm Park School\n");
    worldcafe::test::writeBytes(dir / "two.csv", "name,affiliation\nJo Park,Elm Park School\nAna Lima,Library\n");
    Session session;
    PanelOutput one, two;
    REQUIRE(ParticipantsPanel::importFile(dir / "one.csv", session, one));
    REQUIRE(ParticipantsPanel::importFile(dir / "two.csv", session, two));
    auto said = [](const PanelOutput& out, const std::string& text) {
        return std::any_of(out.notices.begin(), out.notices.end(), [&](const Notice& n) { return n.text == text; });
    };
    CHECK(said(one, "Imported 1 participant from one.csv (0 updated)."));
    CHECK(said(two, "Imported 2 participants from two.csv (0 updated)."));
}

TEST_CASE("gui singular: the export notice's forms") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    CHECK(trCount(1, "participants.exported.one", "participants.exported.other", {"people.csv"}) ==
          "Exported 1 participant to people.csv.");
    CHECK(trCount(5, "participants.exported.one", "participants.exported.other", {"people.csv"}) ==
          "Exported 5 participants to people.csv.");
}
