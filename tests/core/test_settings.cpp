// The remembered settings: a round trip, every value out of range falling back alone, a malformed file kept aside
// and never overwritten, and a folder that cannot be written. Every test works in its own temporary folder.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "test_support.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/settings.hpp"

using namespace worldcafe;
using worldcafe::test::readBytes;
using worldcafe::test::TempDir;
using worldcafe::test::writeBytes;

namespace {

// Sets an environment variable for one test and puts the old value back.
class EnvGuard {
public:
    EnvGuard(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        value ? ::setenv(name, value, 1) : ::unsetenv(name);
    }
    ~EnvGuard() { m_old ? ::setenv(m_name, m_old->c_str(), 1) : ::unsetenv(m_name); }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

Settings everythingSet() {
    Settings settings;
    settings.language = "ko";
    settings.zoom = 1.3f;
    settings.theme = "high-contrast";
    for (int i = 0; i < 10; ++i) settings.recentFiles.push_back("/tmp/카페 " + std::to_string(i) + ".wcafe");
    settings.projectorMonitor = 2;
    settings.projectorOpen = true;
    settings.themesByVotes = true;
    settings.openSession = "/home/facilitator/워크숍.wcafe";
    settings.workspace = "console";
    settings.running = true;
    return settings;
}

// A settings file with one good value beside the one under test (a different key, so neither hides the other).
std::string withValue(const std::string& key, const std::string& value) {
    const std::string good = key == "theme" ? "\"language\": \"ko\"" : "\"theme\": \"light\"";
    return "{\"format\": \"worldcafe-settings\", \"version\": 1, " + good + ",\n  \"" + key + "\": " + value +
           "\n}\n";
}

Settings withGoodValue(const std::string& key) {
    Settings settings;
    if (key == "theme")
        settings.language = "ko";
    else
        settings.theme = "light";
    return settings;
}

}  // namespace

TEST_CASE("settings: every value survives a save and a load") {
    TempDir dir;
    Settings settings = everythingSet();
    saveSettings(dir.path(), settings);
    SettingsLoad loaded = loadSettings(dir.path());
    CHECK(loaded.notices.empty());
    CHECK(loaded.settings == settings);
    CHECK(loaded.canSave);
}

TEST_CASE("settings: a missing file gives the defaults and says nothing") {
    TempDir dir;
    SettingsLoad loaded = loadSettings(dir / "never-created");
    CHECK(loaded.notices.empty());
    CHECK(loaded.settings == Settings{});
}

TEST_CASE("settings: the folder follows XDG_CONFIG_HOME, else HOME/.config") {
    {
        EnvGuard xdg("XDG_CONFIG_HOME", "/somewhere/config");
        CHECK(settingsDirectory() == std::filesystem::path("/somewhere/config/worldcafe"));
    }
    {
        EnvGuard xdg("XDG_CONFIG_HOME", "relative/is/ignored");
        EnvGuard home("HOME", "/home/someone");
        CHECK(settingsDirectory() == std::filesystem::path("/home/someone/.config/worldcafe"));
    }
    {
        EnvGuard xdg("XDG_CONFIG_HOME", nullptr);
        EnvGuard home("HOME", "/home/other");
        CHECK(settingsDirectory() == std::filesystem::path("/home/other/.config/worldcafe"));
    }
}

TEST_CASE("settings: a value out of range falls back to its own default, with a notice where it stands") {
    struct Case {
        const char* key;
        const char* value;
        const char* said;
    };
    const Case cases[] = {
        {"language", "\"fr\"", "language \"fr\" is not one of"},
        {"language", "7", "language is not text"},
        {"zoom", "9", "zoom 9 is out of range (0.6 to 2.5)"},
        {"zoom", "0.1", "zoom 0.1 is out of range"},
        {"zoom", "-1e308", "out of range"},
        {"zoom", "\"big\"", "zoom is not a number"},
        {"theme", "\"neon\"", "theme \"neon\" is not one of dark, light, high-contrast"},
        {"recentFiles", "\"a.wcafe\"", "recentFiles is not a list"},
        {"projector", "{\"monitor\": 16}", "projector.monitor 16 is out of range (-1 to 15)"},
        {"projector", "{\"monitor\": -2}", "projector.monitor -2 is out of range"},
        {"projector", "{\"monitor\": 1.5}", "projector.monitor is not a whole number"},
        {"projector", "{\"open\": \"yes\"}", "projector.open is not true or false"},
        {"harvest", "{\"themesByVotes\": 1}", "harvest.themesByVotes is not true or false"},
        {"lastSession", "{\"file\": 3}", "lastSession.file is not a file name"},
        {"lastSession", "{\"workspace\": \"kitchen\"}", "lastSession.workspace \"kitchen\" is not one of"},
        {"lastSession", "{\"running\": 1}", "lastSession.running is not true or false"},
    };
    for (const Case& item : cases) {
        const std::string key = item.key;
        const std::string value = item.value;
        CAPTURE(key);
        CAPTURE(value);
        SettingsLoad loaded = parseSettings(withValue(item.key, item.value), "/config/settings.json");
        REQUIRE(loaded.notices.size() == 1);
        CHECK(loaded.notices[0].find(item.said) != std::string::npos);
        // Where: the line and column of the bad value.
        CHECK(loaded.notices[0].rfind("settings.json:2:", 0) == 0);
        CHECK(!loaded.malformed);
        // The other values are kept.
        CHECK(loaded.settings == withGoodValue(key));
    }
}

TEST_CASE("settings: recent files keep their order, lose duplicates and stop at ten") {
    std::string list = "[";
    for (int i = 0; i < 12; ++i) list += std::string(i ? ", " : "") + "\"/f" + std::to_string(i) + ".wcafe\"";
    list += ", \"/f0.wcafe\", 5, \"\"]";
    SettingsLoad loaded = parseSettings(withValue("recentFiles", list), "settings.json");
    REQUIRE(loaded.settings.recentFiles.size() == 10);
    CHECK(loaded.settings.recentFiles.front() == std::filesystem::path("/f0.wcafe"));
    CHECK(loaded.settings.recentFiles.back() == std::filesystem::path("/f9.wcafe"));
    REQUIRE(!loaded.notices.empty());
    CHECK(loaded.notices[0].find("past the 10 remembered files") != std::string::npos);

    Settings settings;
    for (int i = 0; i < 12; ++i) settings.addRecentFile("/g" + std::to_string(i));
    settings.addRecentFile("/g5");
    REQUIRE(settings.recentFiles.size() == 10);
    CHECK(settings.recentFiles[0] == std::filesystem::path("/g5"));
    CHECK(settings.recentFiles[1] == std::filesystem::path("/g11"));
    CHECK(std::count(settings.recentFiles.begin(), settings.recentFiles.end(), std::filesystem::path("/g5")) == 1);
}

TEST_CASE("settings: a malformed file is kept aside, never overwritten, and the defaults are used") {
    const char* broken[] = {"{\"zoom\": 1.2,,}", "", "[1, 2]", "{\"theme\": \"light\"", "\xff\xfe{}",
                            "{\"zoom\": 0.", "null"};
    for (const char* broken_bytes : broken) {
        const std::string bytes = broken_bytes;
        CAPTURE(bytes);
        TempDir dir;
        writeBytes(dir / "settings.json", bytes);
        SettingsLoad loaded = loadSettings(dir.path());
        CHECK(loaded.malformed);
        CHECK(loaded.settings == Settings{});
        CHECK(loaded.canSave);
        REQUIRE(!loaded.keptAside.empty());
        CHECK(loaded.keptAside.filename().string().rfind("settings.json.bad-", 0) == 0);
        CHECK(readBytes(loaded.keptAside) == bytes);
        CHECK(!std::filesystem::exists(dir / "settings.json"));
        REQUIRE(loaded.notices.size() == 2);
        CHECK(loaded.notices[0].rfind("settings.json:", 0) == 0);
        CHECK(loaded.notices[1].find("kept as settings.json.bad-") != std::string::npos);

        // A fresh file goes in its place; the bad one stays.
        saveSettings(dir.path(), everythingSet());
        CHECK(loadSettings(dir.path()).settings == everythingSet());
        CHECK(readBytes(loaded.keptAside) == bytes);
    }
}

TEST_CASE("settings: a syntax error says its line and column") {
    SettingsLoad loaded = parseSettings("{\n  \"zoom\": 1.2,\n  ]\n}", "/x/settings.json");
    REQUIRE(loaded.notices.size() == 1);
    CHECK(loaded.notices[0].rfind("settings.json:3:3: ", 0) == 0);
}

TEST_CASE("settings: a folder that cannot be created throws StorageError and writes nothing") {
    TempDir dir;
    writeBytes(dir / "not-a-folder", "x");
    CHECK_THROWS_AS(saveSettings(dir / "not-a-folder" / "worldcafe", everythingSet()), StorageError);
    CHECK(readBytes(dir / "not-a-folder") == "x");
}
