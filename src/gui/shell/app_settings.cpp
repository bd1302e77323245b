// The App's remembered settings: read at start, written whenever what they hold changes, and the reopening after a
// run that ended without quitting.

#include "app.hpp"

#include <imgui.h>

#include <algorithm>

#include "app_internal.hpp"
#include "app_platform.hpp"
#include "i18n.hpp"
#include "revert_dialogs.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

using app_detail::fileName;
using app_detail::kMaxZoom;
using app_detail::kMinZoom;

// [SECTION] reading and writing

void App::loadRemembered() {
    UiTheme theme = UiTheme::Dark;
    std::vector<std::string> notices;
    if (!m_options.settingsDirectory.empty()) {
        SettingsLoad loaded = loadSettings(m_options.settingsDirectory);
        notices = std::move(loaded.notices);
        m_settingsCanSave = loaded.canSave;
        m_previousRun = loaded.settings;
        m_settings = loaded.settings;
        m_savedSettings = loaded.settings;
        if (!m_languageChosen && isSupportedLanguage(loaded.settings.language)) {
            m_languageChosen = true;
            m_language = loaded.settings.language;
            gui::setLanguage(m_language);
        }
        m_zoom = std::clamp(loaded.settings.zoom, kMinZoom, kMaxZoom);
        theme = themeFromName(loaded.settings.theme).value_or(UiTheme::Dark);
        m_projectorMonitor = loaded.settings.projectorMonitor;
    }
    if (auto chosen = themeFromName(m_options.theme)) theme = *chosen;
    m_theme = theme;
    setCurrentTheme(theme);
    // In the language just chosen.
    for (const std::string& notice : notices) notify(NoticeKind::Warning, trf("settings.notice", {notice}));
}

void App::rememberSettings() {
    if (m_options.presentation) return;
    m_settings.language = m_languageChosen ? m_language : "";
    m_settings.zoom = m_zoom;
    m_settings.theme = themeName(m_theme);
    m_settings.projectorMonitor = m_projectorMonitor;
    m_settings.projectorOpen = m_projectorWindow != nullptr;
    for (const auto& workspace : m_workspaces) workspace->rememberIn(m_settings);
    std::error_code error;
    m_settings.openSession = m_engine ? std::filesystem::absolute(m_engine->file(), error) : std::filesystem::path();
    m_settings.workspace = m_engine ? currentWorkspace() : "";
    m_settings.running = m_engine != nullptr && !m_quit;
    if (m_settings == m_savedSettings) return;
    m_savedSettings = m_settings;
    if (m_options.settingsDirectory.empty() || !m_settingsCanSave) return;
    try {
        saveSettings(m_options.settingsDirectory, m_settings);
        m_settingsFailureShown = false;
    } catch (const std::exception& failure) {
        // The app goes on with what it has in memory; said once, not at every change of tab.
        if (!m_settingsFailureShown) notify(NoticeKind::Warning, trf("settings.save_failed", {failure.what()}));
        m_settingsFailureShown = true;
    }
}

std::string App::currentWorkspace() const { return m_workspaces[m_currentWorkspace]->name(); }

// [SECTION] back where the facilitator was

bool App::reopenAfterCrash() {
    const Settings last = m_previousRun;
    if (!last.running || last.openSession.empty()) return false;
    std::error_code error;
    if (!std::filesystem::exists(last.openSession, error)) {
        notify(NoticeKind::Warning, trf("reopen.gone", {last.openSession.string()}));
        return false;
    }
    // Written before opening: if opening is what crashed, the next start shows the welcome screen instead of
    // crashing again. Once the session is open the mark is set again.
    rememberSettings();
    m_reopened = true;
    openSession(last.openSession);
    m_reopened = false;
    if (!m_engine) return false;
    if (!last.workspace.empty()) selectView(last.workspace);
    if (last.projectorOpen && !m_engine->readOnly()) {
        // The projector may have been unplugged since: a window then, which the facilitator can move.
        const int screens = static_cast<int>(m_platform.monitors().size());
        const int monitor = last.projectorMonitor < screens ? last.projectorMonitor : -1;
        defer([this, monitor] { openProjector(monitor); });
    }
    return true;
}

std::string App::reopenedText() const {
    const RecoveryReport& recovery = m_engine->recovery();
    const std::string name = fileName(m_engine->file());
    if (recovery.actionsReplayed == 0) return trf("reopen.toast_nothing", {name});
    return trf("reopen.toast", {name, std::to_string(recovery.actionsReplayed), describeChanges(recovery.replayed)});
}

// [SECTION] recent files

void App::openRecent(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
        std::erase(m_settings.recentFiles, file);
        notify(NoticeKind::Warning, trf("recent.gone", {file.string()}));
        return;
    }
    openSession(file);
}

void App::drawRecentMenu() {
    const bool open = ImGui::BeginMenu(trId("menu.file.open_recent").c_str(), !m_settings.recentFiles.empty());
    recordItem("menu.file.open_recent");
    if (!open) return;
    for (std::size_t i = 0; i < m_settings.recentFiles.size(); ++i) {
        const std::filesystem::path& file = m_settings.recentFiles[i];
        // The name first; the folder tells two files of the same name apart.
        std::string label = fileName(file) + "  —  " + file.parent_path().string() + "##recent-" + std::to_string(i);
        const bool chosen = ImGui::MenuItem(label.c_str());
        recordItem(("menu.file.recent." + std::to_string(i)).c_str());
        if (chosen) command([this, file] { openRecent(file); });
    }
    ImGui::EndMenu();
}

}  // namespace worldcafe::gui
