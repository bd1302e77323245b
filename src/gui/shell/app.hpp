#pragma once
// The shell: owns the Engine and the views, turns what the panels emit into Engine::apply calls, and handles
// files, errors, fonts, language and quitting. Anything that replaces the engine runs between frames.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chime.hpp"
#include "modals.hpp"
#include "palette.hpp"
#include "panel.hpp"
#include "phones_room.hpp"
#include "path_picker.hpp"
#include "projector_view.hpp"
#include "toasts.hpp"
#include "workspace.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/report.hpp"
#include "worldcafe/settings.hpp"
#include "worldcafe/timer.hpp"

namespace worldcafe::gui {

class AppPlatform;
class SecondWindow;

// Why a session is read-only decides what the banner says and whether Save As is offered.
enum class ReadOnlyReason { None, Requested, LockedElsewhere, NewerVersion };

class App {
public:
    struct Options {
        std::string language;       // empty: the session's language
        bool presentation = false;  // screenshots: draw as an editor sees it, apply nothing, no banner
        const Clock* clock = nullptr;  // null: the system clock; screenshots pass a fixed one
        server::ServerOptions phones{};  // where "Open to phones" binds (tests: 127.0.0.1, port 0)
        std::string theme{};  // "dark", "light", "high-contrast"; empty: the remembered one
        // Where settings.json is read and written (settingsDirectory()); empty: nothing is remembered, as in tests
        // and screenshots, which must never touch the user's settings.
        std::filesystem::path settingsDirectory{};
    };

    // `platform`: the GLFW window (Platform) or, in tests, HeadlessPlatform.
    App(AppPlatform& platform, Options options);
    ~App();

    // At launch: open `file`, or create it when it does not exist yet. An empty path reopens the session that was
    // open when the last run ended without quitting (a crash), where the facilitator was; else the welcome screen.
    // `fallback` (the sample) opens when `file` is empty and nothing is reopened.
    void openAtLaunch(const std::filesystem::path& file, const std::filesystem::path& fallback = {});
    // `readOnly` other than None opens without writing and says why in the banner.
    void openSession(const std::filesystem::path& file, ReadOnlyReason readOnly = ReadOnlyReason::None);
    void adopt(std::unique_ptr<Engine> engine, ReadOnlyReason reason);
    // Screenshots: draw `session` (a copy the caller changed in memory, e.g. a simulated run) instead of the
    // engine's. Nothing is applied in presentation mode, so the file never sees it.
    void presentSession(Session session);

    // Runs the work queued for between frames: engine replacement, language, font rebuilds.
    void betweenFrames();
    // The ImGui content of one frame, between Platform::newFrame() and Platform::render().
    void buildFrame();
    // Autosave and anything else the clock drives.
    void tick(std::chrono::steady_clock::time_point now);

    // Queued like every command, so an edit still being typed is committed first.
    void requestQuit();
    void contentScaleChanged() { m_fontsDirty = true; }
    bool shouldQuit() const { return m_quit; }
    // Work is waiting for the next betweenFrames(): the loop should not go to sleep.
    bool busy() const { return !m_deferred.empty() || !m_commands.empty() || m_fontsDirty; }
    bool animating() const { return m_toasts.animating(); }
    std::string windowTitle() const;

    Engine* engine() { return m_engine.get(); }
    // `name` or `name/part` as on the command line; false when there is no such view.
    bool selectView(std::string_view view);
    // The workspace shown ("setup", "plan", ...), as selectView names it.
    const char* workspaceName() const;
    // "setup, setup/event, ..., plan, ...": for the command line's message about an unknown view.
    std::string viewNames() const;
    // Seconds until the visible view must be redrawn although nothing happened (the timer's next second), if any.
    std::optional<double> redrawAfter() const;
    Toasts& toasts() { return m_toasts; }
    UiTheme theme() const { return m_theme; }
    // The name of the workspace shown ("setup", "console", ...).
    std::string currentWorkspace() const;
    // What is remembered now (written to settings.json when it changes and there is a settings folder).
    const Settings& settings() const { return m_settings; }
    // The room's server: the loop holds its frame lock around everything that touches the engine.
    PhonesRoom& phones() { return m_phones; }
    // The room's links as the live views show them (QR codes); set while the room is open, or by screenshots.
    void setRoomBase(std::string base);
    // Screenshots: the room drawn as open at `base`, with tables seen a while ago, without binding anything.
    void previewRoom(const std::string& base);
    // Screenshots: waits for the shown view's background work (see Workspace::finishBackgroundWork).
    void finishBackgroundWork();
    const std::string& roomBase() const { return m_roomBase; }

    // The projector window, while it is open; the loop draws it with buildProjectorFrame() between its
    // beginFrame() and endFrame().
    SecondWindow* projectorWindow() { return m_projectorWindow.get(); }
    void buildProjectorFrame();
    // When the projector must be drawn again although nothing happened; 0 after any change of the session.
    std::optional<double> projectorRedrawAfter() const;

private:
    enum class PickerPurpose { None, New, Open, SaveAs, ExportParticipants, PrintCards, PrintTents, ExportReport };

    void defer(std::function<void()> work) { m_deferred.push_back(std::move(work)); }
    // A user command: runs between frames, after the frame in which any active text field gives up its edit.
    void command(std::function<void()> work) { m_commands.push_back(std::move(work)); }
    // Actions go to the engine, notices to the toasts, and what a view asks of the shell (ShellRequest) is queued
    // for between frames.
    void applyOutput(PanelOutput& output);
    void handleRequest(const ShellRequest& request);
    void notify(NoticeKind kind, std::string text) { m_toasts.push(kind, std::move(text)); }

    bool save();
    void undo();
    void redo();
    void startNew();
    void startOpen();
    void startSaveAs();
    void startRevert();
    void startRecover();
    void startImport();
    void startExport();
    void createSession(const std::filesystem::path& file);
    void exportParticipants(const std::filesystem::path& file);
    void startPrint(PickerPurpose purpose);
    void writePrintable(const std::filesystem::path& file, PickerPurpose purpose);
    // The harvest report: File > Export report and the harvest view's buttons both ask where, then write.
    void startReportExport(ExportFormat format);
    void handlePickerResult(const std::filesystem::path& file);

    void setLanguage(const std::string& language);
    void setZoom(float zoom);
    void setTheme(UiTheme theme);
    void rebuildFonts();
    std::string headingText() const;
    static std::string sessionHeadings(const Session& session);

    // [SECTION] remembered settings (app_settings.cpp)
    void loadRemembered();
    // Writes settings.json when what it would hold changed; says once when it cannot.
    void rememberSettings();
    bool reopenAfterCrash();
    void openRecent(const std::filesystem::path& file);
    void drawRecentMenu();
    std::string reopenedText() const;
    Settings m_settings;          // what is remembered now
    Settings m_savedSettings;     // as last written (or loaded)
    Settings m_previousRun;       // as the last run left it: `running` set means it did not quit
    bool m_settingsCanSave = false;
    bool m_settingsFailureShown = false;
    bool m_reopened = false;      // this run reopened the session after a crash: the toast says what was recovered
    int m_projectorMonitor = -1;  // where the projector went last
    UiTheme m_theme = UiTheme::Dark;

    void handleShortcuts();
    void drawMenuBar();
    void drawReadOnlyBanner();
    void drawWelcome();
    std::filesystem::path pickerFolder() const;
    bool canEdit() const;

    AppPlatform& m_platform;
    Options m_options;
    std::unique_ptr<Engine> m_engine;
    ReadOnlyReason m_readOnlyReason = ReadOnlyReason::None;
    void resetWorkspaces();
    void drawWorkspaceTabs();
    PanelContext makeContext(PanelOutput& output) const;
    const Session& shownSession() const { return m_presented ? *m_presented : m_engine->session(); }

    // The projector: its window, the view drawn in it (or, for screenshots, in the main window) and what the views
    // are told about it.
    void serviceProjector();
    void openProjector(int monitor);
    void closeProjector();
    // Esc in the console: closes at once between rounds, asks while a phase runs.
    void askCloseProjector();
    float projectorFontHeight() const;
    bool projectorFontsStale();
    ProjectorView m_projectorView;
    ProjectorStatus m_projectorStatus;
    std::unique_ptr<SecondWindow> m_projectorWindow;
    bool m_projectorOnly = false;  // screenshots of the projector: it fills the main window
    std::uint64_t m_projectorDrawnRevision = UINT64_MAX;
    float m_projectorFontPixels = 0.0f;  // the projector height the live fonts were built for
    std::uint64_t m_glyphsCheckedRevision = UINT64_MAX;
    std::string m_glyphsCheckedLanguage;
    Chime m_chime;
    PhonesRoom m_phones;  // after m_engine: it stops before the engine it serves goes
    std::string m_roomBase;
    void openRoom();
    void closeRoom();
    std::optional<Session> m_presented;

    SystemClock m_systemClock;
    std::unique_ptr<Timer> m_timer;
    std::vector<std::unique_ptr<Workspace>> m_workspaces;
    std::size_t m_currentWorkspace = 0;
    std::optional<std::size_t> m_workspaceRequest;
    Toasts m_toasts;
    Modals m_modals;
    PathPicker m_picker;
    PickerPurpose m_pickerPurpose = PickerPurpose::None;
    ExportFormat m_reportFormat = ExportFormat::Markdown;
    std::vector<std::function<void()>> m_deferred;
    std::vector<std::function<void()>> m_commands;
    bool m_languageChosen = false;  // by the user or the command line: a session's language no longer overrides it
    bool m_fontWarningShown = false;
    bool m_quit = false;

    std::string m_language;
    float m_zoom = 1.0f;
    float m_fontPixels = 0.0f;
    bool m_fontsDirty = true;
    std::string m_headingText;  // what the heading font was built for
    std::uint64_t m_headingCheckedRevision = UINT64_MAX;
    std::chrono::steady_clock::time_point m_autosaveRetryAfter{};
};

}  // namespace worldcafe::gui
