// The live run's controls through the whole App, headless: zoom keys zoom and never touch the timer, Esc in the
// console leaves the projector to the room, and the timer's keys act only on the console itself.
#include <doctest/doctest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app.hpp"
#include "gui_language_guard.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "test_clock.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/planner.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

Session controlsSession() {
    Session session;
    session.event.title = "Controls test";
    session.event.language = "en";
    session.rounds.count = 2;
    for (int m = 1; m <= 2; ++m)
        session.menus.push_back(Menu{m, "Menu " + std::to_string(m), "Question " + std::to_string(m),
                                     defaultMenuColour(static_cast<std::size_t>(m - 1))});
    for (int t = 1; t <= 2; ++t) session.tables.push_back(Table{t, t, 6});
    for (int p = 1; p <= 8; ++p) {
        Participant person;
        person.id = p;
        person.name = "Person " + std::to_string(p);
        person.affiliation = p % 2 ? "A" : "B";
        if (p <= 2) {
            person.role = Role::Host;
            person.table = p;
        }
        session.participants.push_back(person);
    }
    session.plan = planSeating(session).plan;
    return session;
}

// What the main loop does around one frame (gui_entry.cpp), minus the window, on a clock the test moves.
struct LiveRig {
    worldcafe::test::LanguageGuard language{kI18nDir, "en"};
    worldcafe::test::ManualClock clock;
    HeadlessUi ui{{1280.0f, 800.0f}};
    HeadlessPlatform platform;
    App app{platform, App::Options{"en", false, &clock}};
    worldcafe::test::TempDir dir;

    LiveRig() {
        platform.allowProjector(true);
        // As the GLFW backend maps them: the modals read Esc and Enter through the key map, the shell by GLFW code.
        ImGui::GetIO().KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
        ImGui::GetIO().KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
        app.adopt(Engine::create(dir / "cafe.wcafe", controlsSession()), ReadOnlyReason::None);
        REQUIRE(app.selectView("console"));
        frames(3);
    }
    void frame() {
        app.betweenFrames();
        ui.bareFrame([this] { app.buildFrame(); });
    }
    void frames(int count) {
        for (int i = 0; i < count; ++i) frame();
    }
    // Keys by GLFW code, as the GLFW backend delivers them: the modifier's own key is down too.
    void press(int key, bool ctrl = false, bool shift = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeysDown[GLFW_KEY_LEFT_CONTROL] = ctrl;
        io.KeyShift = shift;
        io.KeysDown[GLFW_KEY_LEFT_SHIFT] = shift;
        io.KeysDown[key] = true;
        frame();
        io.KeysDown[key] = false;
        frame();
        io.KeyCtrl = io.KeyShift = false;
        io.KeysDown[GLFW_KEY_LEFT_CONTROL] = io.KeysDown[GLFW_KEY_LEFT_SHIFT] = false;
        frame();
    }
    bool click(const std::string& key) { return ui.clickItemStepping(key, [this] { frame(); }, 2); }
    HeadlessSecondWindow* openProjector() {
        REQUIRE(click("console.projector_open"));
        frames(2);
        REQUIRE(platform.projector() != nullptr);
        return platform.projector();
    }
    const Session& session() { return app.engine()->session(); }
    std::size_t timelineSize() { return session().timeline.size(); }
};

}  // namespace

TEST_CASE("gui controls: Ctrl++ and Ctrl+= zoom and never change the running timer") {
    LiveRig rig;
    rig.press(GLFW_KEY_SPACE);
    REQUIRE(rig.timelineSize() == 1);  // started
    const int reloads = rig.platform.fontReloads();

    rig.press(GLFW_KEY_EQUAL, true, true);  // Ctrl++ on most keyboards: Ctrl+Shift+=
    rig.frames(2);
    CHECK(rig.platform.fontReloads() > reloads);
    CHECK(rig.timelineSize() == 1);
    CHECK(rig.app.engine()->undoLabel().find("extend") == std::string::npos);

    const int afterPlus = rig.platform.fontReloads();
    rig.press(GLFW_KEY_EQUAL, true);  // Ctrl+=
    rig.frames(2);
    CHECK(rig.platform.fontReloads() > afterPlus);
    rig.press(GLFW_KEY_KP_ADD, true);
    rig.press(GLFW_KEY_MINUS, true);
    rig.press(GLFW_KEY_KP_SUBTRACT, true);
    rig.press(GLFW_KEY_0, true);
    rig.frames(2);
    CHECK(rig.timelineSize() == 1);

    // Without Ctrl, + is the timer's: the one way to add a minute from the keyboard still works.
    rig.press(GLFW_KEY_EQUAL, false, true);
    CHECK(rig.timelineSize() == 2);
}

TEST_CASE("gui controls: keys with Ctrl, Alt or Super pressed on the projector's window leave the timer alone") {
    LiveRig rig;
    rig.press(GLFW_KEY_SPACE);
    REQUIRE(rig.timelineSize() == 1);
    HeadlessSecondWindow* projector = rig.openProjector();

    projector->press(GLFW_KEY_EQUAL, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT);  // Ctrl++
    projector->press(GLFW_KEY_EQUAL, GLFW_MOD_CONTROL);
    projector->press(GLFW_KEY_MINUS, GLFW_MOD_CONTROL);
    projector->press(GLFW_KEY_SPACE, GLFW_MOD_ALT);
    projector->press(GLFW_KEY_N, GLFW_MOD_SUPER);
    rig.frames(3);
    CHECK(rig.timelineSize() == 1);
    CHECK(rig.app.engine()->undoLabel().find("extend") == std::string::npos);

    // A bare + at the wall (a presenter's clicker, the facilitator beside the screen) still adds a minute.
    projector->press(GLFW_KEY_EQUAL, GLFW_MOD_SHIFT);
    rig.frames(2);
    CHECK(rig.timelineSize() == 2);
}

TEST_CASE("gui controls: Esc in the console asks before closing the projector during a round, and Esc keeps it") {
    LiveRig rig;
    rig.openProjector();
    // Before the café starts nobody reads it yet: Esc closes at once.
    rig.press(GLFW_KEY_ESCAPE);
    rig.frames(2);
    CHECK(rig.platform.projector() == nullptr);

    rig.openProjector();
    rig.press(GLFW_KEY_SPACE);
    REQUIRE(rig.timelineSize() == 1);
    rig.press(GLFW_KEY_ESCAPE);
    rig.frames(2);
    CHECK(rig.platform.projector() != nullptr);
    CHECK(rig.ui.find(tr("projector.close_question")) != nullptr);
    // A second Esc answers "keep it".
    rig.press(GLFW_KEY_ESCAPE);
    rig.frames(2);
    CHECK(rig.ui.find(tr("projector.close_question")) == nullptr);
    CHECK(rig.platform.projector() != nullptr);
    CHECK(rig.timelineSize() == 1);

    // Asked again and answered "close": it closes.
    rig.press(GLFW_KEY_ESCAPE);
    rig.frames(2);
    REQUIRE(rig.click(tr("console.projector_close")));
    rig.frames(2);
    CHECK(rig.platform.projector() == nullptr);

    // Esc on the projector's own window closes it without a question: whoever pressed it is looking at it.
    HeadlessSecondWindow* projector = rig.openProjector();
    projector->requestClose();
    rig.frames(2);
    CHECK(rig.platform.projector() == nullptr);
    CHECK(rig.ui.find(tr("projector.close_question")) == nullptr);
}

TEST_CASE("gui controls: after a menu command the timer's keys work again; while a menu is open they do nothing") {
    LiveRig rig;
    REQUIRE(rig.click("menu.view"));
    rig.press(GLFW_KEY_SPACE);  // the View menu is open: Space is the menu's
    CHECK(rig.timelineSize() == 0);
    const int reloads = rig.platform.fontReloads();
    REQUIRE(rig.click("menu.view.zoom_in"));
    rig.frames(2);
    CHECK(rig.platform.fontReloads() > reloads);
    rig.press(GLFW_KEY_SPACE);
    CHECK(rig.timelineSize() == 1);
}
