// The setup view and its smaller panels, headless: the Korean UI draws every tab with no missing key and no
// missing glyph, and the menus, tables and rounds panels emit the actions a facilitator's clicks mean.
#include <doctest/doctest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include "fonts.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "menus_panel.hpp"
#include "problems_panel.hpp"
#include "rounds_panel.hpp"
#include "setup_view.hpp"
#include "tables_panel.hpp"
#include "worldcafe/engine.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

Session sampleSession() {
    Session session;
    session.event.title = "공공녹색구매 워크숍";
    session.menus = {Menu{1, "녹색구매란?", "우리가 생각하는 녹색구매는?", 0xE69F00},
                     Menu{2, "Networks", "How should cities work together?", 0x56B4E9}};
    session.tables = {Table{1, 1, 6}, Table{2, 2, 6}, Table{3, kNoMenu, 4}};
    for (ParticipantId id = 1; id <= 8; ++id) {
        Participant p;
        p.id = id;
        p.name = "참가자 " + std::to_string(id);
        p.affiliation = id % 2 ? "수원시" : "Elm Park";
        if (id <= 2) {
            p.role = Role::Host;
            p.table = static_cast<TableNumber>(id);
        }
        session.participants.push_back(p);
    }
    session.rules = {Rule{1, RuleKind::KeepApart, 3, 4}};
    return session;
}

// Every code point of `text` that `font` has no glyph for.
std::vector<unsigned> missingGlyphs(ImFont* font, const std::string& text) {
    std::vector<unsigned> missing;
    const char* cursor = text.c_str();
    const char* end = cursor + text.size();
    while (cursor < end) {
        unsigned int codepoint = 0;
        int length = ImTextCharFromUtf8(&codepoint, cursor, end);
        if (length <= 0) break;
        cursor += length;
        if (codepoint >= 0x20 && !font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)))
            missing.push_back(codepoint);
    }
    return missing;
}

}  // namespace

TEST_CASE("gui setup view: the Korean UI draws every tab without a missing key") {
    setLanguage(kI18nDir, "ko");
    takeMissingTranslations();
    HeadlessUi ui({1600.0f, 1000.0f});
    Session session = sampleSession();
    SetupView view;
    PanelOutput out;
    auto draw = [&] { view.draw(PanelContext{session, out, 0, false, {}}); };
    for (SetupTab tab : SetupView::kTabs) {
        view.selectTab(tab);
        ui.frames(3, draw);
        CHECK(view.currentTab() == tab);
        auto missing = takeMissingTranslations();
        CHECK_MESSAGE(missing.empty(), "tab " << std::string(SetupView::tabName(tab)) << " misses " << missing.size()
                                              << " keys, first: " << (missing.empty() ? "" : missing.front()));
    }
    CHECK(out.actions.empty());
    setLanguage(kI18nDir, "en");
}

TEST_CASE("gui setup view: the merged font draws every Korean UI string whole") {
    HeadlessUi ui({800.0f, 600.0f});
    FontReport report = buildFonts(*ImGui::GetIO().Fonts, kBaseFontPixels, "");
    std::string packages;
    for (const std::string& package : report.missingPackages) packages += " " + package;
    REQUIRE_MESSAGE(report.missingPackages.empty(), "install the font packages:" << packages);
    CHECK(report.hangul);
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (const char* language : {"en", "ko"}) {
        for (const auto& [key, text] : loadStringTable(kI18nDir / (std::string(language) + ".json"))) {
            auto missing = missingGlyphs(font, text);
            CHECK_MESSAGE(missing.empty(), std::string(language) << ": '" << key << "' has no glyph for U+" << std::hex
                                                                 << (missing.empty() ? 0u : missing.front()));
        }
    }
}

TEST_CASE("gui setup view: the heading font carries the glyphs of the text it is built for") {
    HeadlessUi ui({800.0f, 600.0f});
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    buildFonts(atlas, kBaseFontPixels, "점검 워크숍");
    REQUIRE(atlas.Fonts.Size == 2);
    CHECK(missingGlyphs(atlas.Fonts[1], "점검 워크숍 Checks").empty());
    CHECK(missingGlyphs(atlas.Fonts[0], "아무 한글이나 다 됩니다").empty());
}

TEST_CASE("gui menus panel: Add emits a titled, coloured Put<Menu>; remove also clears the tables") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui;
    Session session = sampleSession();
    MenusPanel panel;
    PanelOutput out;
    auto draw = [&] { panel.draw(PanelContext{session, out, 0, false, {}}); };
    ui.frame(draw);

    REQUIRE(ui.clickItem("menus.add", draw));
    REQUIRE(out.actions.size() == 1);
    auto* put = std::get_if<Put<Menu>>(&out.actions[0].value);
    REQUIRE(put);
    CHECK(put->item.id == 3);
    CHECK(put->item.title == "Menu 3");
    CHECK(put->item.colour == MenusPanel::paletteColour(2));

    out.actions.clear();
    REQUIRE(ui.clickItem("remove", draw, 0));
    REQUIRE(out.actions.size() == 1);
    Session after = session;
    applyAction(after, out.actions[0]);
    CHECK(after.findMenu(1) == nullptr);
    CHECK(after.findTable(1)->menu == kNoMenu);
}

TEST_CASE("gui menus panel: moving a menu down is one Batch that keeps every menu") {
    HeadlessUi ui;
    Session session = sampleSession();
    MenusPanel panel;
    PanelOutput out;
    auto draw = [&] { panel.draw(PanelContext{session, out, 0, false, {}}); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("##down", draw, 0));
    REQUIRE(out.actions.size() == 1);
    applyAction(session, out.actions[0]);
    REQUIRE(session.menus.size() == 2);
    CHECK(session.menus[0].id == 2);
    CHECK(session.menus[1].id == 1);
}

TEST_CASE("gui menus panel: clicking a question opens it for editing and commits once") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui;
    Session session = sampleSession();
    MenusPanel panel;
    PanelOutput out;
    auto draw = [&] { panel.draw(PanelContext{session, out, 0, false, {}}); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("##question", draw, 1));
    ui.frames(2, draw);
    ui.press(ImGuiKey_A, draw, true);
    ui.type("Which city networks help most?", draw);
    CHECK(out.actions.empty());
    ui.press(ImGuiKey_Tab, draw);
    REQUIRE(out.actions.size() == 1);
    auto* put = std::get_if<Put<Menu>>(&out.actions[0].value);
    REQUIRE(put);
    CHECK(put->item.id == 2);
    CHECK(put->item.question == "Which city networks help most?");
    CHECK(put->item.title == "Networks");
}

TEST_CASE("gui tables panel: Add emits a Put<Table> with the next number and the least used menu") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui;
    Session session = sampleSession();
    TablesPanel panel;
    PanelOutput out;
    auto draw = [&] { panel.draw(PanelContext{session, out, 0, false, {}}); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("tables.add", draw));
    REQUIRE(out.actions.size() == 1);
    auto* put = std::get_if<Put<Table>>(&out.actions[0].value);
    REQUIRE(put);
    CHECK(put->item.number == 4);
    CHECK(put->item.menu == 1);  // both menus serve one table; the first wins the tie
    CHECK(put->item.capacity == 4);
}

TEST_CASE("gui tables panel: renumbering a table moves its host with it; a taken number is refused") {
    HeadlessUi ui;
    Session session = sampleSession();
    TablesPanel panel;
    PanelOutput out;
    auto draw = [&] { panel.draw(PanelContext{session, out, 0, false, {}}); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("##number", draw, 0));
    ui.press(ImGuiKey_A, draw, true);
    ui.type("2", draw);
    ui.press(ImGuiKey_Enter, draw);
    CHECK(out.actions.empty());
    REQUIRE_FALSE(out.notices.empty());

    ui.frame(draw);
    REQUIRE(ui.clickItem("##number", draw, 0));
    ui.press(ImGuiKey_A, draw, true);
    ui.type("7", draw);
    ui.press(ImGuiKey_Enter, draw);
    REQUIRE(out.actions.size() == 1);
    applyAction(session, out.actions[0]);
    CHECK(session.tables[0].number == 7);
    REQUIRE(session.hostOf(7));
    CHECK(session.hostOf(7)->id == 1);
}

TEST_CASE("gui rounds panel: typing a round count commits one SetRoundSettings") {
    HeadlessUi ui;
    Session session = sampleSession();
    RoundsPanel panel;
    PanelOutput out;
    auto draw = [&] { panel.draw(PanelContext{session, out, 0, false, {}}); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("##count", draw));
    ui.press(ImGuiKey_A, draw, true);
    ui.type("4", draw);
    CHECK(out.actions.empty());
    ui.press(ImGuiKey_Enter, draw);
    REQUIRE(out.actions.size() == 1);
    auto* set = std::get_if<SetRoundSettings>(&out.actions[0].value);
    REQUIRE(set);
    CHECK(set->rounds.count == 4);
    CHECK(set->rounds.talkMinutes == session.rounds.talkMinutes);
    CHECK(RoundsPanel::totalMinutes(RoundSettings{3, 20, 3, 15}) == 81);
}

TEST_CASE("gui rounds panel: the harvest after each round is a field that commits SetRoundSettings and counts in the total") {
    HeadlessUi ui;
    Session session = sampleSession();
    session.rounds = RoundSettings{3, 20, 3, 15};
    RoundsPanel panel;
    PanelOutput out;
    auto draw = [&] { panel.draw(PanelContext{session, out, 0, false, {}}); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("##round_harvest", draw));
    ui.press(ImGuiKey_A, draw, true);
    ui.type("5", draw);
    ui.press(ImGuiKey_Enter, draw);
    REQUIRE(out.actions.size() == 1);
    auto* set = std::get_if<SetRoundSettings>(&out.actions[0].value);
    REQUIRE(set);
    CHECK(set->rounds.roundHarvestMinutes == 5);
    CHECK(set->rounds.harvestMinutes == 15);
    CHECK(set->rounds.count == 3);
    applyAction(session, out.actions[0]);
    // Two harvests between three rounds: 81 + 2 × 5.
    CHECK(RoundsPanel::totalMinutes(session.rounds) == 91);
    ui.frames(2, draw);
}

TEST_CASE("gui problems panel: shows what validate() finds, errors first") {
    HeadlessUi ui;
    Session session = sampleSession();
    ProblemsPanel panel;
    PanelOutput out;
    ui.frame([&] { panel.draw(PanelContext{session, out, 0, false, {}}); });
    REQUIRE_FALSE(panel.problems().empty());  // table 3 has no menu and no host
    for (std::size_t i = 1; i < panel.problems().size(); ++i)
        CHECK(panel.problems()[i - 1].severity <= panel.problems()[i].severity);
}
