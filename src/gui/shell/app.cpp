// The App: construction, adopting a session, the frame loop's hooks and the workspaces.
// Its other concerns live in app_commands.cpp, app_requests.cpp, app_fonts.cpp and app_menus.cpp.

#include "app.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "app_internal.hpp"
#include "console_view.hpp"
#include "i18n.hpp"
#include "platform.hpp"

namespace worldcafe::gui {

using app_detail::fileName;

// [SECTION] construction

App::App(AppPlatform& platform, Options options)
    : m_platform(platform), m_options(std::move(options)), m_phones([&platform] { platform.wake(); }) {
    m_timer = std::make_unique<Timer>(m_options.clock ? *m_options.clock : m_systemClock);
    resetWorkspaces();
    m_languageChosen = isSupportedLanguage(m_options.language);
    m_language = m_languageChosen ? m_options.language : "en";
    gui::setLanguage(m_language);
    for (std::string& problem : takeTranslationProblems()) notify(NoticeKind::Warning, std::move(problem));
    loadRemembered();
    // Built by the first betweenFrames(), once the session (and with it the language and title) is known.
    m_fontsDirty = true;
}

App::~App() {
    // Quitting closes the room before the engine and the clock it serves go.
    m_phones.stop();
    // The projector's ImGui context goes while the main one (whose atlas it shares) is still there.
    m_projectorWindow.reset();
}

void App::adopt(std::unique_ptr<Engine> engine, ReadOnlyReason reason) {
    closeRoom();  // the room serves the session being closed
    m_engine = std::move(engine);
    m_presented.reset();
    m_projectorView.reset();
    m_headingCheckedRevision = UINT64_MAX;
    m_glyphsCheckedRevision = UINT64_MAX;
    m_readOnlyReason = !m_engine->readOnly()            ? ReadOnlyReason::None
                       : reason == ReadOnlyReason::None ? ReadOnlyReason::Requested
                                                        : reason;
    // Edit buffers and caches belong to the old session.
    resetWorkspaces();
    m_autosaveRetryAfter = {};
    if (!m_languageChosen && isSupportedLanguage(m_engine->session().event.language))
        setLanguage(m_engine->session().event.language);
    if (!m_options.presentation && !m_engine->file().empty()) {
        std::error_code error;
        m_settings.addRecentFile(std::filesystem::absolute(m_engine->file(), error));
    }
    const RecoveryReport& recovery = m_engine->recovery();
    if (m_reopened) notify(NoticeKind::Warning, reopenedText());
    if (!recovery.clean()) notify(NoticeKind::Warning, trf("recovery.toast", {recovery.summary()}));
    // A café that was running keeps running when the app comes back soon after a crash; reopened long after its
    // phase ended, it comes back paused at that phase's end rather than several phases further on.
    std::string explanation;
    if (canEdit()) {
        if (auto pause = m_timer->resumeAfterOpen(m_engine->session(), explanation)) {
            PanelOutput output;
            output.emit(std::move(*pause));
            output.notify(NoticeKind::Warning, tr("live.resumed_paused"));
            applyOutput(output);
        }
    }
}

void App::presentSession(Session session) {
    m_presented = std::move(session);
    m_fontsDirty = true;
}

// [SECTION] the frame loop's hooks

void App::betweenFrames() {
    // Commands queued by a frame whose text fields have now committed their edits.
    auto work = std::move(m_deferred);
    m_deferred.clear();
    for (auto& item : work) item();
    serviceProjector();
    // Last seen and notes per table move without a change of ours: the loop holds the room's gate here.
    if (m_phones.running() && m_engine)
        m_phones.status(m_engine->session(), (m_options.clock ? *m_options.clock : m_systemClock).wallMillis());

    if (m_engine && m_engine->revision() != m_headingCheckedRevision) {
        // The heading font only carries the glyphs it was built for: a new title or menu may need more.
        m_headingCheckedRevision = m_engine->revision();
        const std::string title = sessionHeadings(shownSession());
        const char* cursor = title.c_str();
        const char* end = cursor + title.size();
        while (cursor < end && !m_fontsDirty) {
            unsigned int codepoint = 0;
            int length = ImTextCharFromUtf8(&codepoint, cursor, end);
            if (length <= 0) break;
            if (codepoint > 0x7F &&
                m_headingText.find(std::string(cursor, static_cast<std::size_t>(length))) == std::string::npos)
                m_fontsDirty = true;
            cursor += length;
        }
    }
    if (!m_fontsDirty && projectorFontsStale()) m_fontsDirty = true;
    if (m_fontsDirty) rebuildFonts();
    rememberSettings();
}

void App::tick(std::chrono::steady_clock::time_point now) {
    if (!m_engine || m_engine->readOnly() || m_options.presentation || now < m_autosaveRetryAfter) return;
    try {
        m_engine->autosaveIfDue(now);
    } catch (const std::exception& error) {
        // Said once a minute, not on every wake-up of the loop.
        notify(NoticeKind::Warning, trf("autosave.failed", {error.what()}));
        m_autosaveRetryAfter = now + std::chrono::minutes(1);
    }
}

void App::buildFrame() {
    // A command waits for one whole frame: releasing the active field in it lets the field commit its edit
    // before the command (save, quit, undo) runs. Commands queued during this frame wait for the next one.
    std::vector<std::function<void()>> ready = std::move(m_commands);
    m_commands.clear();
    if (!ready.empty()) ImGui::ClearActiveID();
    if (m_projectorOnly && m_engine) {
        // A screenshot of the projector: the wall's picture, filling the window as it fills the wall.
        PanelOutput output;
        m_projectorView.drawFullWindow(makeContext(output));
        for (auto& item : ready) m_deferred.push_back(std::move(item));
        return;
    }
    handleShortcuts();
    drawMenuBar();

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    // No background: the frame is cleared to the same colour, and a software renderer (Xvfb, a laptop without
    // drivers) would spend a second full-window fill on every frame the countdown draws.
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                             ImGuiWindowFlags_NoNavFocus | ImGuiWindowFlags_NoBackground;
    bool visible = ImGui::Begin("##main", nullptr, flags);
    ImGui::PopStyleVar(2);
    if (visible) {
        drawReadOnlyBanner();
        if (!m_engine) {
            drawWelcome();
        } else {
            drawWorkspaceTabs();
            PanelOutput output;
            m_workspaces[m_currentWorkspace]->draw(makeContext(output));
            applyOutput(output);
        }
    }
    ImGui::End();

    if (auto file = m_picker.draw()) handlePickerResult(*file);
    m_modals.draw();
    m_toasts.draw();

    for (auto& item : ready) m_deferred.push_back(std::move(item));
}


// [SECTION] workspaces

void App::resetWorkspaces() {
    std::string current = m_workspaces.empty() ? "setup" : m_workspaces[m_currentWorkspace]->name();
    m_workspaces = createWorkspaces();
    for (const auto& workspace : m_workspaces) workspace->restoreFrom(m_settings);
    m_currentWorkspace = 0;
    for (std::size_t i = 0; i < m_workspaces.size(); ++i)
        if (current == m_workspaces[i]->name()) m_currentWorkspace = i;
}

bool App::selectView(std::string_view view) {
    std::string_view name = view.substr(0, view.find('/'));
    if (name == "projector") {
        const auto& phases = livePhaseNames();
        if (name.size() < view.size() &&
            std::find(phases.begin(), phases.end(), view.substr(name.size() + 1)) == phases.end())
            return false;
        m_projectorOnly = true;
        m_fontsDirty = true;
        return true;
    }
    for (std::size_t i = 0; i < m_workspaces.size(); ++i) {
        if (name != m_workspaces[i]->name()) continue;
        if (name.size() < view.size() && !m_workspaces[i]->selectPart(view.substr(name.size() + 1))) return false;
        m_currentWorkspace = i;
        m_workspaceRequest = i;
        return true;
    }
    return false;
}

void App::finishBackgroundWork() {
    if (!m_workspaces.empty()) m_workspaces[m_currentWorkspace]->finishBackgroundWork();
}

const char* App::workspaceName() const {
    return m_workspaces.empty() ? "" : m_workspaces[m_currentWorkspace]->name();
}

std::string App::viewNames() const {
    std::string names;
    for (const auto& workspace : m_workspaces) {
        names += (names.empty() ? "" : ", ") + std::string(workspace->name());
        for (const std::string& part : workspace->parts()) names += ", " + std::string(workspace->name()) + "/" + part;
    }
    names += ", projector";
    for (const std::string& phase : livePhaseNames()) names += ", projector/" + phase;
    return names;
}

PanelContext App::makeContext(PanelOutput& output) const {
    bool readOnly = m_engine->readOnly() && !m_options.presentation;
    PanelContext context{shownSession(), output, m_engine->revision(), readOnly, pickerFolder()};
    context.timer = m_timer.get();
    if (!m_options.presentation) context.projector = &m_projectorStatus;
    context.phones = &m_phones.status();
    context.roomBase = m_roomBase;
    return context;
}

void App::setRoomBase(std::string base) {
    if (base == m_roomBase) return;
    m_roomBase = std::move(base);
    m_projectorDrawnRevision = UINT64_MAX;  // the code appears or goes at once
}

std::optional<double> App::redrawAfter() const {
    if (!m_engine) return std::nullopt;
    // Under a full-screen projector the console's ticking clock is not seen: the projector's is.
    if (m_projectorWindow && m_projectorWindow->coversMainWindow()) return std::nullopt;
    PanelOutput ignored;
    return m_workspaces[m_currentWorkspace]->redrawAfter(makeContext(ignored));
}

void App::drawWorkspaceTabs() {
    if (m_workspaces.size() < 2) return;
    // Ctrl+Tab and Ctrl+Shift+Tab step through the workspaces, as through a browser's tabs. With keyboard navigation
    // on, ImGui 1.86 starts its own window switcher on the same keys; the app is one window, so that is cancelled
    // rather than left to take the focus when Ctrl is released. As a command: a field being typed in commits first.
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab)) && !m_modals.active() &&
        !m_picker.isOpen() && !ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId)) {
        ImGuiContext& g = *ImGui::GetCurrentContext();
        g.NavWindowingTarget = g.NavWindowingTargetAnim = nullptr;
        command([this, backwards = io.KeyShift] {
            const std::size_t count = m_workspaces.size();
            if (count < 2) return;
            m_currentWorkspace = (m_currentWorkspace + (backwards ? count - 1 : 1)) % count;
            m_workspaceRequest = m_currentWorkspace;
        });
    }
    if (!ImGui::BeginTabBar("##workspaces", ImGuiTabBarFlags_NoTooltip)) return;
    for (std::size_t i = 0; i < m_workspaces.size(); ++i) {
        ImGuiTabItemFlags flags = m_workspaceRequest == i ? ImGuiTabItemFlags_SetSelected : 0;
        std::string label = std::string(tr(m_workspaces[i]->titleKey())) + "###workspace-" + m_workspaces[i]->name();
        if (ImGui::BeginTabItem(label.c_str(), nullptr, flags)) {
            if (!m_workspaceRequest) m_currentWorkspace = i;
            ImGui::EndTabItem();
        }
    }
    m_workspaceRequest.reset();
    ImGui::EndTabBar();
}


std::string App::windowTitle() const {
    std::string title = "worldcafe";
    if (!m_engine) return title;
    std::string name = fileName(m_engine->file());
    // Every change is journalled before it shows: a writable session is always saved.
    if (m_engine->readOnly())
        name += std::string(" [") + tr("title.read_only") + "]";
    else
        name += std::string(" (") + tr("title.saved") + ")";
    return name + " — " + title;
}

bool App::canEdit() const { return m_engine && !m_engine->readOnly() && !m_options.presentation; }

std::filesystem::path App::pickerFolder() const {
    return PathPicker::defaultDirectory(m_engine ? m_engine->file() : std::filesystem::path());
}

}  // namespace worldcafe::gui
