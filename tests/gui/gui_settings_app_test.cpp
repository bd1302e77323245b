// The App's remembered settings, headless, each test with its own settings folder (never the user's): the App
// reopens a session where the facilitator was after a run that ended without quitting, writes what it remembers
// as it changes, says when it cannot, follows the theme menu and drops a vanished recent file.
#include <doctest/doctest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app.hpp"
#include "gui_language_guard.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "palette.hpp"
#include "test_clock.hpp"
#include "test_support.hpp"
#include "widgets.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/planner.hpp"
#include "worldcafe/settings.hpp"
#include "worldcafe/timer.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;
using worldcafe::test::readBytes;
using worldcafe::test::TempDir;
using worldcafe::test::writeBytes;

namespace {

using worldcafe::test::kI18nDir;

Session settingsSession() {
    Session session;
    session.event.title = "Settings test";
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
        if (p <= 2) {
            person.role = Role::Host;
            person.table = p;
        }
        session.participants.push_back(person);
    }
    session.plan = planSeating(session).plan;
    return session;
}

Note settingsNote(NoteId id) {
    Note n;
    n.id = id;
    n.table = 1;
    n.text = "note " + std::to_string(id);
    return n;
}

// A session whose journal holds what a crash would leave: a started round and two notes, never saved.
std::filesystem::path crashedSession(const TempDir& dir, const worldcafe::test::ManualClock& clock) {
    const auto file = dir / "cafe.wcafe";
    auto engine = Engine::create(file, settingsSession());
    Timer timer(clock);
    engine->apply(timer.start());
    engine->apply(Put<Note>{settingsNote(1)});
    engine->apply(Put<Note>{settingsNote(2)});
    return file;
}

struct SettingsRig {
    worldcafe::test::LanguageGuard language{kI18nDir, "en"};
    worldcafe::test::ManualClock clock;
    HeadlessUi ui{{1280.0f, 800.0f}};
    HeadlessPlatform platform;
    std::unique_ptr<App> app;

    explicit SettingsRig(const std::filesystem::path& settingsFolder) {
        clock.set(1'700'000'000'000);
        platform.allowProjector(true);
        platform.setMonitors({{"laptop", 1920, 1080, true}, {"projector", 1280, 720, false}});
        App::Options options{"en", false, &clock};
        options.settingsDirectory = settingsFolder;
        app = std::make_unique<App>(platform, options);
    }
    void frame() {
        app->betweenFrames();
        ui.bareFrame([this] { app->buildFrame(); });
    }
    void frames(int count) {
        for (int i = 0; i < count; ++i) frame();
    }
    bool hover(const std::string& key) {
        const RecordedItem* item = ui.find(key);
        if (!item) return false;
        ImGui::GetIO().MousePos = item->centre();
        frames(2);
        return true;
    }
    bool click(const std::string& key) { return ui.clickItemStepping(key, [this] { frame(); }, 2); }
};

}  // namespace

TEST_CASE("gui settings: after a crash in the console with the projector open, the App reopens there and says what "
          "it recovered") {
    TempDir dir;
    TempDir config;
    worldcafe::test::ManualClock sessionClock;
    sessionClock.set(1'700'000'000'000);
    const auto file = crashedSession(dir, sessionClock);
    Settings last;
    last.openSession = file;
    last.workspace = "console";
    last.running = true;
    last.projectorOpen = true;
    last.projectorMonitor = 1;
    saveSettings(config.path() / "worldcafe", last);

    SettingsRig rig(config.path() / "worldcafe");
    rig.app->openAtLaunch({}, dir / "sample.wcafe");
    rig.frames(3);
    REQUIRE(rig.app->engine() != nullptr);
    CHECK(rig.app->engine()->file() == file);
    CHECK(rig.app->currentWorkspace() == "console");
    CHECK(rig.platform.projector() != nullptr);
    CHECK(!std::filesystem::exists(dir / "sample.wcafe"));
    CHECK(rig.app->toasts().showing("did not close properly"));
    CHECK(rig.app->toasts().showing("Recovered 3 actions: 2 notes, 1 timer change"));
    // The round is still running: the console draws its countdown ticking.
    CHECK(rig.app->redrawAfter().has_value());

    // While it runs, the settings say so, for the next crash.
    Settings now = loadSettings(config.path() / "worldcafe").settings;
    CHECK(now.running);
    CHECK(now.workspace == "console");
    CHECK(now.projectorOpen);
    CHECK(now.projectorMonitor == 1);
    CHECK(now.openSession == file);

    // A clean quit clears the mark: the next start opens the sample, not this session.
    rig.app->requestQuit();
    rig.frames(2);
    CHECK(rig.app->shouldQuit());
    CHECK(!loadSettings(config.path() / "worldcafe").settings.running);
}

TEST_CASE("gui settings: a file given at launch wins over the session a crash left open") {
    TempDir dir;
    TempDir config;
    worldcafe::test::ManualClock sessionClock;
    const auto crashed = crashedSession(dir, sessionClock);
    const auto other = dir / "other.wcafe";
    Engine::create(other, settingsSession());
    Settings last;
    last.openSession = crashed;
    last.workspace = "console";
    last.running = true;
    saveSettings(config.path(), last);

    SettingsRig rig(config.path());
    rig.app->openAtLaunch(other);
    rig.frames(2);
    REQUIRE(rig.app->engine() != nullptr);
    CHECK(rig.app->engine()->file() == other);
    CHECK(!rig.app->toasts().showing("did not close properly"));
}

TEST_CASE("gui settings: after a clean quit the App starts with the fallback, and a vanished session is said") {
    TempDir dir;
    TempDir config;
    worldcafe::test::ManualClock sessionClock;
    const auto file = crashedSession(dir, sessionClock);
    Settings last;
    last.openSession = file;
    last.running = false;
    saveSettings(config.path(), last);
    {
        SettingsRig rig(config.path());
        rig.app->openAtLaunch({}, dir / "sample.wcafe");
        rig.frames(2);
        REQUIRE(rig.app->engine() != nullptr);
        CHECK(rig.app->engine()->file() == dir / "sample.wcafe");
    }
    last.running = true;
    last.openSession = dir / "gone.wcafe";
    saveSettings(config.path(), last);
    SettingsRig rig(config.path());
    rig.app->openAtLaunch({}, dir / "sample2.wcafe");
    rig.frames(2);
    REQUIRE(rig.app->engine() != nullptr);
    CHECK(rig.app->engine()->file() == dir / "sample2.wcafe");
    CHECK(rig.app->toasts().showing("the session that was open is gone"));
}

TEST_CASE("gui settings: language, zoom and theme come back from the settings, and the theme menu changes them") {
    // Other tests draw in the dark theme, however this one ends.
    struct ThemeGuard {
        ~ThemeGuard() { setCurrentTheme(UiTheme::Dark); }
    } guard;
    TempDir config;
    Settings saved;
    saved.theme = "high-contrast";
    saved.zoom = 1.2f;
    saveSettings(config.path(), saved);
    {
        SettingsRig rig(config.path());
        rig.frames(2);
        CHECK(rig.app->theme() == UiTheme::HighContrast);
        CHECK(ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x == paletteFor(UiTheme::HighContrast).style[ImGuiCol_WindowBg].x);
        CHECK(ImGui::GetStyle().FrameBorderSize >= 2.0f);

        // View > Theme > Light.
        REQUIRE(rig.click("menu.view"));
        REQUIRE(rig.hover("menu.view.theme"));
        REQUIRE(rig.click("menu.view.theme.light"));
        rig.frames(2);
        CHECK(rig.app->theme() == UiTheme::Light);
        const Palette& light = paletteFor(UiTheme::Light);
        CHECK(ImGui::GetStyle().Colors[ImGuiCol_WindowBg].z == light.style[ImGuiCol_WindowBg].z);
        // The colours the panels name follow.
        CHECK(kMutedColour.x == light.muted.x);
        CHECK(kErrorColour.x == light.error.x);
        const Settings now = loadSettings(config.path()).settings;
        CHECK(now.theme == "light");
        CHECK(now.zoom == doctest::Approx(1.2f));
    }
}

TEST_CASE("gui settings: a settings folder that cannot be written is said once, and the App goes on") {
    TempDir dir;
    writeBytes(dir / "not-a-folder", "x");
    SettingsRig rig(dir / "not-a-folder" / "worldcafe");
    rig.app->adopt(Engine::create(dir / "cafe.wcafe", settingsSession()), ReadOnlyReason::None);
    rig.frames(2);
    CHECK(rig.app->toasts().showing("Settings could not be saved"));
    REQUIRE(rig.app->selectView("plan"));
    rig.frames(2);
    REQUIRE(rig.app->selectView("console"));
    rig.frames(2);
    CHECK(rig.app->currentWorkspace() == "console");
    CHECK(readBytes(dir / "not-a-folder") == "x");
    CHECK(!rig.app->shouldQuit());
}

TEST_CASE("gui settings: a malformed settings file is kept aside and the App starts with the defaults") {
    TempDir config;
    writeBytes(config / "settings.json", "{\"theme\": \"light\",,}");
    SettingsRig rig(config.path());
    rig.frames(2);
    CHECK(rig.app->theme() == UiTheme::Dark);
    CHECK(rig.app->toasts().showing("Settings: settings.json:1:"));
    CHECK(rig.app->toasts().showing("kept as settings.json.bad-"));
    int kept = 0;
    for (const auto& entry : std::filesystem::directory_iterator(config.path()))
        if (entry.path().filename().string().rfind("settings.json.bad-", 0) == 0) {
            ++kept;
            CHECK(readBytes(entry.path()) == "{\"theme\": \"light\",,}");
        }
    CHECK(kept == 1);
}

TEST_CASE("gui settings: File > Open recent lists the newest first, and a vanished file says so and is dropped") {
    TempDir dir;
    TempDir config;
    SettingsRig rig(config.path());
    Engine::create(dir / "first.wcafe", settingsSession());
    Engine::create(dir / "second.wcafe", settingsSession());
    rig.app->openSession(dir / "first.wcafe");
    rig.app->openSession(dir / "second.wcafe");
    rig.frames(2);
    REQUIRE(rig.app->settings().recentFiles.size() == 2);
    CHECK(rig.app->settings().recentFiles[0] == dir / "second.wcafe");
    CHECK(loadSettings(config.path()).settings.recentFiles == rig.app->settings().recentFiles);

    std::filesystem::remove(dir / "first.wcafe");
    REQUIRE(rig.click("menu.file"));
    REQUIRE(rig.hover("menu.file.open_recent"));
    REQUIRE(rig.click("menu.file.recent.1"));
    rig.frames(2);
    CHECK(rig.app->toasts().showing("first.wcafe is no longer there"));
    REQUIRE(rig.app->settings().recentFiles.size() == 1);
    CHECK(rig.app->engine()->file() == dir / "second.wcafe");
    CHECK(loadSettings(config.path()).settings.recentFiles.size() == 1);
}

TEST_CASE("gui settings: the harvest's \"most votes first\" comes back in the next run") {
    TempDir dir;
    TempDir config;
    worldcafe::test::ManualClock sessionClock;
    const auto file = crashedSession(dir, sessionClock);  // two notes: the harvest has themes to order
    const auto openHarvest = [&](SettingsRig& rig) {
        rig.app->openSession(file);
        REQUIRE(rig.app->selectView("harvest"));
        rig.frames(2);
    };
    {
        SettingsRig rig(config.path());
        openHarvest(rig);
        CHECK_FALSE(loadSettings(config.path()).settings.themesByVotes);
        REQUIRE(rig.click("harvest.order_votes"));
        CHECK(loadSettings(config.path()).settings.themesByVotes);
    }
    SettingsRig rig(config.path());
    openHarvest(rig);
    CHECK(rig.app->settings().themesByVotes);
    // Ticked when the view opened: a click unticks it, and the file follows.
    REQUIRE(rig.click("harvest.order_votes"));
    CHECK_FALSE(loadSettings(config.path()).settings.themesByVotes);
}
