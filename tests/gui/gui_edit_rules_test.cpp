// The setup panels' removals and renumbering, from click to engine: each emits the core's edit rule, so a planned
// session stays valid (before, removing a participant left their seats in the plan).
#include <doctest/doctest.h>

#include "apply_output.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "participants_panel.hpp"
#include "tables_panel.hpp"
#include "test_support.hpp"
#include "worldcafe/validation.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

Session editRulesSession() {
    Session s;
    s.id = "gui-edit-rules";
    s.event = {"Café", "2025-05-17", "Town hall", "Lee", "en"};
    s.menus = {{1, "Future", "What next?", 0xE69F00}, {2, "Housing", "Where to live?", 0x56B4E9}};
    s.tables = {{1, 1, 6}, {2, 2, 6}};
    for (ParticipantId id = 1; id <= 6; ++id) {
        Participant p;
        p.id = id;
        p.name = "Person " + std::to_string(id);
        if (id <= 2) {
            p.role = Role::Host;
            p.table = static_cast<TableNumber>(id);
        }
        s.participants.push_back(p);
    }
    s.rules = {{1, RuleKind::KeepApart, 3, 4}};
    s.rounds = {2, 20, 3, 15};
    s.plan = {RoundPlan{1, {{1, 1}, {2, 2}, {3, 1}, {4, 2}, {5, 1}, {6, 2}}, false},
              RoundPlan{2, {{1, 1}, {2, 2}, {3, 2}, {4, 1}, {5, 2}, {6, 1}}, false}};
    return s;
}

std::string errorsOf(const Session& session) {
    std::string text;
    for (const Problem& p : validate(session))
        if (p.severity == Severity::Error) text += "\n  " + p.message;
    return text;
}

template <class Panel>
struct EngineFixture {
    worldcafe::test::TempDir dir;
    std::unique_ptr<Engine> engine = Engine::create(dir / "cafe.wcafe", editRulesSession());
    HeadlessUi ui;
    Panel panel;
    PanelOutput out;
    Toasts toasts;
    HeadlessUi::Draw draw = [this] { panel.draw(PanelContext{engine->session(), out, engine->revision(), false, {}}); };

    EngineFixture() {
        setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en");
        REQUIRE(errorsOf(engine->session()).empty());
        ui.frame(draw);
    }
    void applyOutput() {
        applyPanelOutput(*engine, out, toasts);
        out = {};
    }
};

}  // namespace

TEST_CASE("gui edit rules: removing a participant takes their seats in the plan too") {
    EngineFixture<ParticipantsPanel> f;
    REQUIRE(f.ui.clickItem("remove", f.draw, 2));  // participant 3
    f.applyOutput();
    const Session& after = f.engine->session();
    CHECK(after.findParticipant(3) == nullptr);
    CHECK(after.rules.empty());
    CHECK(errorsOf(after) == "");
    CHECK(f.toasts.size() == 0);
}

TEST_CASE("gui edit rules: renumbering a table moves its seats in the plan") {
    EngineFixture<TablesPanel> f;
    REQUIRE(f.ui.clickItem("##number", f.draw, 0));
    f.ui.press(ImGuiKey_A, f.draw, true);
    f.ui.type("7", f.draw);
    f.ui.press(ImGuiKey_Enter, f.draw);
    REQUIRE(f.out.actions.size() == 1);
    f.applyOutput();
    const Session& after = f.engine->session();
    REQUIRE(after.hostOf(7));
    CHECK(after.hostOf(7)->id == 1);
    CHECK(after.plan[0].seats[0].table == 7);
    CHECK(errorsOf(after) == "");
}

TEST_CASE("gui edit rules: removing a table leaves no host without a table and no seat at it") {
    EngineFixture<TablesPanel> f;
    REQUIRE(f.ui.clickItem("remove", f.draw, 1));  // table 2
    f.applyOutput();
    const Session& after = f.engine->session();
    CHECK(after.findTable(2) == nullptr);
    CHECK(after.findParticipant(2)->role == Role::Guest);
    CHECK(errorsOf(after) == "");
    f.engine->undo();
    CHECK(f.engine->session() == editRulesSession());
}

TEST_CASE("gui edit rules: a removal the core refuses becomes a notice, not an action") {
    EngineFixture<TablesPanel> f;
    f.engine->apply(Put<Note>{Note{1, 2, 1, 2, "Shared flats", {}, false, "Person 2", 1, 1}});
    f.ui.frame(f.draw);
    REQUIRE(f.ui.clickItem("remove", f.draw, 1));
    CHECK(f.out.actions.empty());
    REQUIRE(f.out.notices.size() == 1);
    CHECK(f.out.notices[0].text.find("table 2 holds 1 note") != std::string::npos);
}
