// Keyboard reach through the whole App, headless, with keyboard navigation on as the real window has it: Tab moves
// from field to field (committing each), and Ctrl+Tab / Ctrl+Shift+Tab step through the workspaces like a
// browser's tabs, without starting ImGui's own window switcher and without losing what was being typed.
#include <doctest/doctest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include "app.hpp"
#include "gui_language_guard.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

// What the main loop does around one frame (gui_entry.cpp), minus the window.
struct KeyboardRig {
    worldcafe::test::LanguageGuard language{kI18nDir, "en"};
    HeadlessUi ui{{1280.0f, 800.0f}};
    HeadlessPlatform platform;
    App app{platform, App::Options{"en"}};
    worldcafe::test::TempDir dir;

    KeyboardRig() {
        // As Platform sets it for the real window.
        ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        Session session;
        session.event.title = "Keyboard café";
        session.event.language = "en";
        Engine::create(dir / "cafe.wcafe", session);
        app.openSession(dir / "cafe.wcafe");
        frames(3);
    }
    void frame() {
        app.betweenFrames();
        ui.bareFrame([this] { app.buildFrame(); });
    }
    void frames(int count) {
        for (int i = 0; i < count; ++i) frame();
    }
    void press(ImGuiKey key, bool ctrl = false, bool shift = false) {
        ImGuiIO& io = ImGui::GetIO();
        const int index = io.KeyMap[key];
        io.KeyCtrl = ctrl;
        io.KeyShift = shift;
        io.KeysDown[index] = true;
        frame();
        io.KeysDown[index] = false;
        frame();
        io.KeyCtrl = false;
        io.KeyShift = false;
        frames(2);  // a command runs between frames, after the frame that lets a field commit
    }
    bool windowSwitcherShown() const { return ImGui::GetCurrentContext()->NavWindowingTarget != nullptr; }
    const Session& session() { return app.engine()->session(); }
};

}  // namespace

TEST_CASE("gui keyboard: Ctrl+Tab and Ctrl+Shift+Tab step through the workspaces, not ImGui's window switcher") {
    KeyboardRig rig;
    REQUIRE(rig.app.engine());
    CHECK(std::string(rig.app.workspaceName()) == "setup");
    const std::vector<std::string> order{"plan", "console", "host", "harvest", "setup"};
    for (const std::string& expected : order) {
        rig.press(ImGuiKey_Tab, true);
        CHECK(std::string(rig.app.workspaceName()) == expected);
        CHECK_FALSE(rig.windowSwitcherShown());
    }
    rig.press(ImGuiKey_Tab, true, true);
    CHECK(std::string(rig.app.workspaceName()) == "harvest");
    rig.press(ImGuiKey_Tab, true, true);
    CHECK(std::string(rig.app.workspaceName()) == "host");
    CHECK_FALSE(rig.windowSwitcherShown());
    // While Ctrl is still held after Tab, ImGui 1.86 would show its window switcher and, on release, move the
    // keyboard focus to the window it picked.
    ImGuiIO& io = ImGui::GetIO();
    const int tab = io.KeyMap[ImGuiKey_Tab];
    io.KeyCtrl = true;
    io.KeysDown[tab] = true;
    rig.frame();
    io.KeysDown[tab] = false;
    rig.frame();
    CHECK_FALSE(rig.windowSwitcherShown());
    io.KeyCtrl = false;
    rig.frames(2);
    CHECK(std::string(rig.app.workspaceName()) == "harvest");
    // Tab alone does not change the workspace.
    rig.press(ImGuiKey_Tab);
    CHECK(std::string(rig.app.workspaceName()) == "harvest");
}

TEST_CASE("gui keyboard: Tab goes from field to field committing each, and Ctrl+Tab keeps what was being typed") {
    KeyboardRig rig;
    REQUIRE(rig.app.selectView("setup/event"));
    rig.frames(2);
    const RecordedItem* title = rig.ui.find("##title");
    REQUIRE(title);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = title->centre();
    rig.frame();
    io.MouseDown[0] = true;
    rig.frame();
    io.MouseDown[0] = false;
    rig.frame();
    REQUIRE(io.WantTextInput);
    rig.press(ImGuiKey_A, true);
    io.AddInputCharactersUTF8("키보드 카페");
    rig.frame();
    const ImGuiID titleId = ImGui::GetActiveID();
    REQUIRE(titleId != 0);

    rig.press(ImGuiKey_Tab);  // on to the date
    CHECK(rig.session().event.title == "키보드 카페");
    CHECK(ImGui::GetActiveID() != 0);
    CHECK(ImGui::GetActiveID() != titleId);
    io.AddInputCharactersUTF8("2026-12-01");
    rig.frame();

    rig.press(ImGuiKey_Tab, true);  // Ctrl+Tab while typing: the date is kept, then the plan shows
    CHECK(std::string(rig.app.workspaceName()) == "plan");
    CHECK(rig.session().event.date == "2026-12-01");
    CHECK_FALSE(rig.windowSwitcherShown());
}
