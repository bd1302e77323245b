// The event panel, driven headless: one edit becomes one SetEvent, and only once the field lets go.
#include <doctest/doctest.h>

#include "event_panel.hpp"
#include "headless.hpp"
#include "i18n.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

struct EventFixture {
    HeadlessUi ui;
    Session session;
    EventPanel panel;
    PanelOutput out;
    bool readOnly = false;
    HeadlessUi::Draw draw = [this] { panel.draw(PanelContext{session, out, 0, readOnly, {}}); };

    EventFixture() {
        setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en");
        session.event.title = "Old title";
        session.event.venue = "Town hall";
        ui.frame(draw);
    }

    void replaceText(const char* field, const std::string& text) {
        REQUIRE(ui.clickItem(field, draw));
        ui.press(ImGuiKey_A, draw, /*ctrl=*/true);
        ui.type(text, draw);
    }
};

const SetEvent* onlySetEvent(const PanelOutput& out) {
    REQUIRE(out.actions.size() == 1);
    return std::get_if<SetEvent>(&out.actions.front().value);
}

}  // namespace

TEST_CASE("gui event panel: typing a title emits nothing until Enter, then exactly one SetEvent") {
    EventFixture f;
    f.replaceText("##title", "Neighbourhood café");
    f.ui.frames(2, f.draw);
    CHECK(f.out.actions.empty());

    f.ui.press(ImGuiKey_Enter, f.draw);
    const SetEvent* set = onlySetEvent(f.out);
    REQUIRE(set);
    CHECK(set->event.title == "Neighbourhood café");
    CHECK(set->event.venue == "Town hall");  // the rest of the event is kept

    f.ui.frames(3, f.draw);
    CHECK(f.out.actions.size() == 1);  // no repeat once the field is idle
}

TEST_CASE("gui event panel: clicking into another field commits the first one") {
    EventFixture f;
    f.replaceText("##title", "Moved focus");
    REQUIRE(f.ui.clickItem("##venue", f.draw));
    const SetEvent* set = onlySetEvent(f.out);
    REQUIRE(set);
    CHECK(set->event.title == "Moved focus");
}

TEST_CASE("gui event panel: Shift+Tab to an earlier field still commits the edit") {
    EventFixture f;
    f.replaceText("##venue", "Library");
    f.ui.press(ImGuiKey_Tab, f.draw, false, /*shift=*/true);
    const SetEvent* set = onlySetEvent(f.out);
    REQUIRE(set);
    CHECK(set->event.venue == "Library");
}

TEST_CASE("gui event panel: Escape reverts and emits nothing; an unchanged field emits nothing") {
    EventFixture f;
    f.replaceText("##title", "Abandoned");
    f.ui.press(ImGuiKey_Escape, f.draw);
    f.ui.frames(2, f.draw);
    CHECK(f.out.actions.empty());

    REQUIRE(f.ui.clickItem("##title", f.draw));
    f.ui.press(ImGuiKey_Enter, f.draw);
    CHECK(f.out.actions.empty());
}

TEST_CASE("gui event panel: text is trimmed and NFC-normalised on commit") {
    EventFixture f;
    // "café" typed with a combining accent (as a Mac sends it), with stray spaces around it.
    f.replaceText("##title", "  cafe\xCC\x81  ");
    f.ui.press(ImGuiKey_Enter, f.draw);
    const SetEvent* set = onlySetEvent(f.out);
    REQUIRE(set);
    CHECK(set->event.title == "caf\xC3\xA9");
}

TEST_CASE("gui event panel: a read-only session cannot be edited") {
    EventFixture f;
    f.readOnly = true;
    f.ui.frame(f.draw);
    REQUIRE(f.ui.clickItem("##title", f.draw));
    f.ui.type("x", f.draw);
    f.ui.press(ImGuiKey_Enter, f.draw);
    CHECK(f.out.actions.empty());
}
