#pragma once
// What the app remembers between runs (language, zoom, theme, recent files, the projector, where the facilitator
// was): one small JSON file in $XDG_CONFIG_HOME/worldcafe/. Loading is tolerant: a value that is wrong or out of
// range falls back to its default alone, with a notice; a file that is not JSON is kept aside, never overwritten.

#include <filesystem>
#include <string>
#include <vector>

namespace worldcafe {

struct Settings {
    static constexpr float kMinZoom = 0.6f;
    static constexpr float kMaxZoom = 2.5f;
    static constexpr std::size_t kMaxRecentFiles = 10;
    static constexpr int kMaxMonitor = 15;

    std::string language;        // "en", "ko", or empty: the session's language
    float zoom = 1.0f;
    std::string theme = "dark";  // one of settingsThemes()
    std::vector<std::filesystem::path> recentFiles;  // newest first, no duplicates, at most kMaxRecentFiles
    int projectorMonitor = -1;   // the screen the projector went to last; -1: a window
    bool projectorOpen = false;
    bool themesByVotes = false;  // the harvest's theme list ordered by votes, most first

    // Where the facilitator was, recorded while a session is open: `running` stays true until a clean quit, so a
    // start that finds it true follows a crash (or a power cut) and reopens there.
    std::filesystem::path openSession;
    std::string workspace;  // one of settingsWorkspaces(), or empty
    bool running = false;

    // Puts `file` first, dropping an older entry for it and anything past kMaxRecentFiles.
    void addRecentFile(const std::filesystem::path& file);
    bool operator==(const Settings&) const = default;
};

const std::vector<std::string>& settingsThemes();
const std::vector<std::string>& settingsWorkspaces();

// $XDG_CONFIG_HOME/worldcafe, else $HOME/.config/worldcafe (XDG: a relative XDG_CONFIG_HOME is ignored); empty when
// neither is set.
std::filesystem::path settingsDirectory();

struct SettingsLoad {
    Settings settings;
    // One line each, "settings.json:3:11: zoom 9 is out of range (0.6 to 2.5); using 1".
    std::vector<std::string> notices;
    // Where a malformed file was moved; empty when it was not.
    std::filesystem::path keptAside;
    bool malformed = false;  // not a JSON object at all: nothing in it was used
    // False when a malformed file could not be moved aside: saving would destroy it, so the app must not save.
    bool canSave = true;
};

// The text of a settings file as it is written.
std::string formatSettings(const Settings& settings);
// Never throws: every problem becomes a notice and a default. `file` names it in the notices.
SettingsLoad parseSettings(const std::string& bytes, const std::filesystem::path& file);
// Reads `directory`/settings.json; a missing file gives the defaults silently. A malformed one is renamed to
// settings.json.bad-<time> (never replaced) and the defaults are used.
SettingsLoad loadSettings(const std::filesystem::path& directory);
// Creates `directory` when needed and replaces settings.json atomically. Throws StorageError (the old file intact).
void saveSettings(const std::filesystem::path& directory, const Settings& settings);

}  // namespace worldcafe
