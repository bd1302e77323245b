// The harvest view, headless: the Korean sample's first screen, renaming and merging themes as the actions the core's
// helpers build, the menu selector, read-only sessions, empty states and the export buttons.
#include <algorithm>

#include "export_panel.hpp"
#include "gui_language_guard.hpp"
#include "i18n.hpp"
#include "gui_harvest_support.hpp"
#include "worldcafe/report.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;
using worldcafe::test::HarvestFixture;

TEST_CASE("gui harvest view: the Korean sample opens on menu 1's themes, every string translated") {
    worldcafe::test::LanguageGuard language(test::kHarvestI18nDir, "ko");
    takeMissingTranslations();
    HarvestFixture f(test::loadHarvestSample(), "ko");
    CHECK(f.view.selectedMenu() == 0);
    for (const char* name : {"로컬푸드", "녹색소비", "공급활성화, 중소기업"}) {
        const ThemeSummary& theme = f.theme(name);
        const RecordedItem* field = f.ui.find("name:" + theme.key);
        REQUIRE_MESSAGE(field, "no name field for " << name);
        CHECK(field->max.y < 1000.0f);  // on the first screen of a 1600x1000 window
    }
    // Every part of the view once: all themes open, so the notes tables draw too.
    f.click("harvest.expand_all");
    f.ui.frames(2, f.draw);
    CHECK(f.ui.count("vote+:2") == 1);
    auto missing = takeMissingTranslations();
    CHECK_MESSAGE(missing.empty(), "missing " << missing.size() << " keys, first: "
                                              << (missing.empty() ? "" : missing.front()));
    CHECK(f.out.actions.empty());  // looking changes nothing
}

TEST_CASE("gui harvest view: renaming a theme emits what renameTheme builds, once, and the new name shows") {
    HarvestFixture f;
    const std::string key = f.theme("로컬푸드").key;
    const Session before = f.session;
    const Synthesis synthesis = synthesize(before);

    f.click("name:" + key);
    f.ui.press(ImGuiKey_A, f.draw, true);
    f.ui.type("로컬푸드 관리", f.draw);
    CHECK(f.out.actions.empty());  // nothing while typing
    f.ui.press(ImGuiKey_Enter, f.draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == renameTheme(before, synthesis, key, "로컬푸드 관리"));

    const ThemeId id = f.session.nextThemeId();
    f.apply();
    CHECK(f.out.actions.empty());
    const ThemeSummary* renamed = f.view.synthesis().findTheme(themeKeyOf(id));
    REQUIRE(renamed);
    CHECK(renamed->name == "로컬푸드 관리");
    CHECK(renamed->origin == ThemeOrigin::Organiser);
    CHECK(f.ui.find("name:" + themeKeyOf(id)));
    CHECK_FALSE(f.ui.find("name:" + key));
}

TEST_CASE("gui harvest view: an emptied theme name is refused with a notice") {
    HarvestFixture f;
    f.click("name:" + f.theme("녹색소비").key);
    f.ui.press(ImGuiKey_A, f.draw, true);
    f.ui.press(ImGuiKey_Delete, f.draw);
    f.ui.press(ImGuiKey_Enter, f.draw);
    CHECK(f.out.actions.empty());
    REQUIRE(f.out.notices.size() == 1);
    CHECK(f.out.notices.front().kind == NoticeKind::Warning);
}

TEST_CASE("gui harvest view: merging two ticked themes emits one action into the first") {
    HarvestFixture f;
    const ThemeSummary first = f.theme("로컬푸드");
    const ThemeSummary second = f.theme("녹색소비");
    CHECK_FALSE(f.ui.find("merge"));  // nothing ticked: no merge button
    f.click("select:" + second.key);
    f.click("select:" + first.key);
    CHECK(f.view.themes().selectedThemes().size() == 2);
    const Session before = f.session;
    f.click("merge");
    REQUIRE(f.out.actions.size() == 1);
    const std::vector<std::string> sources{second.key};
    CHECK(f.out.actions.front() == mergeThemes(before, synthesize(before), first.key, sources));
    CHECK(f.view.themes().selectedThemes().empty());

    const ThemeId id = f.session.nextThemeId();
    f.apply();
    const ThemeSummary* merged = f.view.synthesis().findTheme(themeKeyOf(id));
    REQUIRE(merged);
    CHECK(merged->name == "로컬푸드");
    CHECK(merged->noteCount() == first.noteCount() + second.noteCount());
    CHECK(f.view.synthesis().findTheme(second.key) == nullptr);
}

TEST_CASE("gui harvest view: highlighting a theme and dissolving an organiser theme") {
    HarvestFixture f;
    const std::string key = f.theme("녹색소비").key;
    const Session before = f.session;
    f.click("highlight:" + key);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == setThemeHighlight(before, synthesize(before), key, true));
    const ThemeId id = f.session.nextThemeId();
    f.apply();
    const std::string organiser = themeKeyOf(id);
    REQUIRE(f.view.synthesis().findTheme(organiser));
    CHECK(f.view.synthesis().findTheme(organiser)->highlighted);

    // Now an organiser theme, it can be dissolved back into automatic grouping.
    const Session highlighted = f.session;
    f.click("dissolve:" + organiser);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == dissolveTheme(highlighted, synthesize(highlighted), organiser));
    f.apply();
    CHECK(f.view.synthesis().findTheme(organiser) == nullptr);
    CHECK(f.session.findTheme(id) == nullptr);
}

TEST_CASE("gui harvest view: an opened theme stays open when an edit turns it into an organiser theme") {
    HarvestFixture f;
    const std::string key = f.theme("공급활성화, 중소기업").key;
    f.click("expand:" + key);
    CHECK(f.view.themes().expanded(key));
    f.click("highlight:" + key);
    const ThemeId id = f.session.nextThemeId();
    f.apply();
    CHECK(f.view.themes().expanded(themeKeyOf(id)));
}

TEST_CASE("gui harvest view: the menu selector and the chart choose the menu shown") {
    HarvestFixture f;
    f.click("menu:2");
    CHECK(f.view.selectedMenu() == 2);
    CHECK(f.ui.find("name:" + f.theme("안산시", 2).key));
    CHECK_FALSE(f.ui.find("name:" + f.theme("로컬푸드", 0).key));
    // Menu 5 is the rightmost group of the chart.
    const RecordedItem* chart = f.ui.find("##chart");
    REQUIRE(chart);
    f.ui.click({chart->max.x - 10.0f, (chart->min.y + chart->max.y) * 0.5f}, f.draw);
    CHECK(f.view.selectedMenu() == 4);
    CHECK(f.view.selectPart("2"));
    CHECK(f.view.selectedMenu() == 1);
    CHECK_FALSE(f.view.selectPart("menu"));
    CHECK(f.out.actions.empty());
}

TEST_CASE("gui harvest view: a read-only session can be read and exported, not edited") {
    HarvestFixture f;
    f.readOnly = true;
    f.ui.frames(2, f.draw);
    const std::string key = f.theme("로컬푸드").key;
    f.click("highlight:" + key);
    f.click("select:" + key);
    f.click("expand:" + key);
    f.click("vote+:2");
    CHECK(f.out.actions.empty());
    CHECK(f.view.themes().selectedThemes().empty());
    f.click(ExportPanel::labelKey(ExportFormat::Html));
    CHECK(f.takeExportRequest() == ExportFormat::Html);
}

TEST_CASE("gui harvest view: empty states instead of an empty screen") {
    setLanguage(test::kHarvestI18nDir, "en");
    takeMissingTranslations();
    {
        HarvestFixture f(Session{});
        CHECK(f.view.synthesis().menus.empty());
        CHECK(f.ui.count("harvest.export.md") == 0);
    }
    Session noNotes = test::loadHarvestSample();
    noNotes.notes.clear();
    {
        HarvestFixture f(noNotes);
        CHECK(f.view.synthesis().noteCount == 0);
        CHECK(f.ui.find("menu:0"));
        CHECK(f.ui.find("harvest.export.md"));  // an empty report is still a report
        CHECK_FALSE(f.ui.find("##chart"));
        CHECK(f.out.actions.empty());
    }
    CHECK(takeMissingTranslations().empty());
}

TEST_CASE("gui harvest view: the export buttons ask the shell for a report, once per click") {
    HarvestFixture f;
    CHECK_FALSE(f.takeExportRequest());
    for (ExportFormat format : ExportPanel::kFormats) {
        f.click(ExportPanel::labelKey(format));
        CHECK(f.takeExportRequest() == format);
        CHECK_FALSE(f.takeExportRequest());
    }
    CHECK(f.out.actions.empty());
}

TEST_CASE("gui harvest view: what the shell does with a request writes the report and says where") {
    // The toast's text comes from the string tables: load them, whatever ran before this test.
    setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en");
    test::TempDir dir;
    const Session session = test::loadHarvestSample();
    CHECK(ExportPanel::defaultFileName("/x/green-procurement-2019.wcafe", ExportFormat::Markdown) ==
          "green-procurement-2019-harvest.md");
    CHECK(ExportPanel::defaultFileName("/x/cafe.wcafe", ExportFormat::Xlsx) == "cafe-harvest.xlsx");
    for (ExportFormat format : ExportPanel::kFormats) {
        PanelOutput out;
        const std::filesystem::path file = dir / ExportPanel::defaultFileName("cafe.wcafe", format);
        REQUIRE(ExportPanel::write(session, format, file, out));
        const std::string bytes = test::readBytes(file);
        if (format == ExportFormat::Xlsx)
            CHECK(bytes.rfind("PK", 0) == 0);  // a zip; its entries carry the time of writing
        else
            CHECK(bytes == exportReport(session, synthesize(session), format));
        REQUIRE(out.notices.size() == 1);
        CHECK(out.notices.front().kind == NoticeKind::Success);
        CHECK(out.notices.front().text.find(file.string()) != std::string::npos);
    }
    PanelOutput out;
    CHECK_FALSE(ExportPanel::write(session, ExportFormat::Markdown, dir / "no-such-folder" / "report.md", out));
    REQUIRE(out.notices.size() == 1);
    CHECK(out.notices.front().kind == NoticeKind::Error);
}

TEST_CASE("gui harvest view: a theme's report line is written in place and committed once") {
    HarvestFixture f;
    const std::string key = f.theme("녹색소비").key;
    f.click("expand:" + key);
    f.click("summary:" + key);
    f.ui.frames(3, f.draw);
    f.ui.type("불편함을 감수하는 소비가 미래 세대를 위한 길", f.draw);
    CHECK(f.out.actions.empty());
    const Session before = f.session;
    f.ui.press(ImGuiKey_Tab, f.draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() ==
          setThemeSummary(before, synthesize(before), key, "불편함을 감수하는 소비가 미래 세대를 위한 길"));
    const ThemeId id = f.session.nextThemeId();
    f.apply();
    const ThemeSummary* theme = f.view.synthesis().findTheme(themeKeyOf(id));
    REQUIRE(theme);
    CHECK(theme->summary == "불편함을 감수하는 소비가 미래 세대를 위한 길");
    CHECK(f.view.themes().expanded(themeKeyOf(id)));
}

TEST_CASE("gui harvest view: it opens on the first menu with notes") {
    Session session = test::loadHarvestSample();
    std::erase_if(session.notes, [](const Note& note) { return note.menu == 1 || note.menu == 2; });
    HarvestFixture f(session);
    CHECK(f.view.selectedMenu() == 2);
    f.click("menu:0");  // chosen by the organiser, an empty menu stays chosen, even after a change
    ++f.revision;
    f.ui.frames(2, f.draw);
    CHECK(f.view.selectedMenu() == 0);
}

namespace {

// The cards of menu 1 as the organiser sees them, top to bottom.
std::vector<std::string> cardsTopToBottom(const HarvestFixture& f) {
    std::vector<std::pair<float, std::string>> cards;
    for (const ThemeSummary& theme : f.view.synthesis().menus.at(0).themes)
        if (const RecordedItem* card = f.ui.find("card:" + theme.key)) cards.emplace_back(card->min.y, theme.key);
    std::sort(cards.begin(), cards.end());
    std::vector<std::string> keys;
    for (const auto& card : cards) keys.push_back(card.second);
    return keys;
}

}  // namespace

TEST_CASE("gui harvest view: a renamed theme stays where it was until the list is sorted or the view reopened") {
    HarvestFixture f;
    const std::vector<std::string> before = cardsTopToBottom(f);
    // The last automatic theme of the report: renamed, the synthesis puts it first among the organiser's themes.
    std::string key;
    for (const ThemeSummary& theme : f.view.synthesis().menus.at(0).themes)
        if (theme.automatic() && isReportTheme(theme)) key = theme.key;
    REQUIRE_FALSE(key.empty());
    const auto at = std::find(before.begin(), before.end(), key);
    REQUIRE(at != before.end());
    REQUIRE(at != before.begin());
    const float y = f.ui.find("card:" + key)->min.y;
    const std::string next = *(at + 1);
    const float nextY = f.ui.find("card:" + next)->min.y;
    CHECK_FALSE(f.ui.find("harvest.sort"));

    f.click("name:" + key);
    f.ui.press(ImGuiKey_A, f.draw, true);
    f.ui.type("새 이름", f.draw);
    f.ui.press(ImGuiKey_Enter, f.draw);
    const ThemeId id = f.session.nextThemeId();
    f.apply();
    const std::string renamed = themeKeyOf(id);
    REQUIRE(f.view.synthesis().findTheme(renamed));
    std::vector<std::string> expected = before;
    *(expected.begin() + (at - before.begin())) = renamed;
    CHECK(cardsTopToBottom(f) == expected);
    CHECK(f.ui.find("card:" + renamed)->min.y == doctest::Approx(y));
    CHECK(f.ui.find("card:" + next)->min.y == doctest::Approx(nextY));  // the next click lands where it did

    // Sorting on request: the organiser's theme comes first, as the synthesis orders it.
    f.click("harvest.sort");
    f.ui.frame(f.draw);
    CHECK(cardsTopToBottom(f).front() == renamed);
    CHECK_FALSE(f.ui.find("harvest.sort"));

    // Reopening the view sorts too.
    f.click("name:" + f.theme("녹색소비").key);
    f.ui.press(ImGuiKey_A, f.draw, true);
    f.ui.type("녹색소비 2", f.draw);
    f.ui.press(ImGuiKey_Enter, f.draw);
    const std::string second = themeKeyOf(f.session.nextThemeId());
    f.apply();
    REQUIRE(f.view.synthesis().findTheme(second));
    CHECK(f.ui.find("harvest.sort"));
    f.ui.frame([] {});  // another workspace
    f.ui.frames(2, f.draw);
    CHECK_FALSE(f.ui.find("harvest.sort"));
    const std::vector<std::string> sorted = cardsTopToBottom(f);
    REQUIRE(sorted.size() >= 2);
    CHECK(sorted[0] == renamed);
    CHECK(sorted[1] == second);
    CHECK(f.out.actions.empty());
}

namespace {

// Places `dots` dots of each phone in `voters` on the theme `key` of menu 1, as the guests' page does through the API.
void castDots(Session& session, const std::string& key, std::initializer_list<const char*> voters, int dots) {
    for (const char* voter : voters)
        for (int dot = 0; dot < dots; ++dot) {
            const Synthesis synthesis = synthesize(session);
            applyAction(session, castVote(session, synthesis, voter, dot, synthesis.menus.at(0).menu, key, 0));
        }
}

}  // namespace

TEST_CASE("gui harvest view: each theme says its votes in words, and the organiser can put the most voted first") {
    worldcafe::test::LanguageGuard language(test::kHarvestI18nDir, "en");
    Session session = test::loadHarvestSample();
    session.voting = Voting{true, 3};
    std::string last;  // the last theme of the report: only votes can bring it to the top
    const Synthesis unvoted = synthesize(session);
    for (const ThemeSummary& theme : unvoted.menus.at(0).themes)
        if (isReportTheme(theme)) last = theme.key;
    REQUIRE_FALSE(last.empty());
    castDots(session, last, {"phone-a", "phone-b"}, 2);

    HarvestFixture f(session);
    const ThemeSummary* voted = f.view.synthesis().findTheme(last);
    REQUIRE(voted);
    CHECK(voted->phoneVotes == 4);
    REQUIRE(f.ui.find("votes:" + last));
    CHECK(votesLabel(voted->votes) == std::to_string(voted->votes) + " votes");
    CHECK(votesLabel(1) == "1 vote");
    CHECK(voted->voters == 2);  // from the core: two phones, two dots each
    CHECK(votersLabel(voted->voters) == "from 2 phones");
    CHECK(votersLabel(1) == "from 1 phone");
    CHECK(votesDetail(*voted).find("4 dots from the guests' phones") == 0);
    // While the room votes, every card says its votes, none included, beside its note count.
    const std::vector<std::string> harvestOrder = cardsTopToBottom(f);
    REQUIRE(harvestOrder.size() >= 3);
    for (const std::string& key : harvestOrder) {
        const RecordedItem* votes = f.ui.find("votes:" + key);
        REQUIRE_MESSAGE(votes, "no votes on " << key);
        CHECK(votes->min.y < f.ui.find("card:" + key)->min.y + 40.0f);  // on the card's first line
    }

    // By default the harvest's order, as before voting.
    CHECK_FALSE(f.view.themes().orderedByVotes());
    CHECK(harvestOrder.front() != last);
    f.click("harvest.order_votes");
    f.ui.frame(f.draw);
    CHECK(f.view.themes().orderedByVotes());
    CHECK(cardsTopToBottom(f).front() == last);

    // Votes arriving while the list is ordered by votes move the theme they went to, and only that one.
    const std::string other = harvestOrder.front();
    castDots(f.session, other, {"phone-c", "phone-d"}, 3);
    ++f.revision;
    f.ui.frames(2, f.draw);
    std::vector<std::string> expected = cardsTopToBottom(f);
    REQUIRE(expected.size() >= 2);
    CHECK(expected[0] == other);
    CHECK(expected[1] == last);

    // Unticked: the harvest's order again.
    f.click("harvest.order_votes");
    f.ui.frame(f.draw);
    CHECK_FALSE(f.view.themes().orderedByVotes());
    CHECK(cardsTopToBottom(f) == harvestOrder);
    CHECK(f.out.actions.empty());  // ordering is the organiser's view, not a change to the session
}

TEST_CASE("gui harvest view: votes in Korean words, and no votes line before the room votes") {
    worldcafe::test::LanguageGuard language(test::kHarvestI18nDir, "ko");
    takeMissingTranslations();
    {
        HarvestFixture f(test::loadHarvestSample(), "ko");
        CHECK(votesLabel(12) == "투표 12");
        CHECK(votesLabel(1) == "투표 1");
        CHECK(votersLabel(5) == "휴대폰 5대");
        for (const ThemeSummary& theme : f.view.synthesis().menus.at(0).themes)
            if (theme.votes == 0) CHECK_FALSE(f.ui.find("votes:" + theme.key));
        CHECK(f.ui.find("harvest.order_votes"));
    }
    Session session = test::loadHarvestSample();
    session.voting = Voting{true, 2};
    const std::string key = synthesize(session).menus.at(0).themes.front().key;
    castDots(session, key, {"phone-a"}, 2);
    session.voting.open = false;  // closed: the dots cast still count and still show
    HarvestFixture f(session, "ko");
    CHECK(f.ui.find("votes:" + key));
    CHECK(takeMissingTranslations().empty());
}
