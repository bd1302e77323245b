#include "app.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "apply_output.hpp"
#include "console_view.hpp"
#include "export_panel.hpp"
#include "fonts.hpp"
#include "i18n.hpp"
#include "live_fonts.hpp"
#include "platform.hpp"
#include "revert_dialogs.hpp"
#include "timer_panel.hpp"
#include "widgets.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/printables.hpp"

namespace worldcafe::gui {

// [SECTION] construction and sessions

namespace {

constexpr float kMinZoom = 0.6f;
constexpr float kMaxZoom = 2.5f;
constexpr float kZoomStep = 0.1f;

std::string fileName(const std::filesystem::path& file) { return file.filename().string(); }

bool sameFile(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code error;
    return std::filesystem::weakly_canonical(a, error) == std::filesystem::weakly_canonical(b, error);
}

void applyStyle(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.0f;
    style.ChildRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.PopupRounding = 4.0f;
    style.GrabRounding = 3.0f;
    style.TabRounding = 4.0f;
    style.FramePadding = {7.0f, 4.0f};
    style.ItemSpacing = {9.0f, 6.0f};
    style.CellPadding = {6.0f, 4.0f};
    style.WindowPadding = {12.0f, 10.0f};
    style.ScrollbarSize = 15.0f;
    ImVec4* colours = style.Colors;
    colours[ImGuiCol_WindowBg] = {0.11f, 0.12f, 0.14f, 1.0f};
    colours[ImGuiCol_ChildBg] = {0.13f, 0.14f, 0.16f, 1.0f};
    colours[ImGuiCol_PopupBg] = {0.13f, 0.14f, 0.17f, 0.98f};
    colours[ImGuiCol_MenuBarBg] = {0.15f, 0.16f, 0.19f, 1.0f};
    colours[ImGuiCol_FrameBg] = {0.19f, 0.21f, 0.25f, 1.0f};
    colours[ImGuiCol_TableRowBgAlt] = {1.0f, 1.0f, 1.0f, 0.03f};
    colours[ImGuiCol_Text] = {0.93f, 0.94f, 0.95f, 1.0f};
    colours[ImGuiCol_TextDisabled] = {0.60f, 0.62f, 0.66f, 1.0f};
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace

App::App(Platform& platform, Options options)
    : m_platform(platform), m_options(std::move(options)), m_phones([] { glfwPostEmptyEvent(); }) {
    m_timer = std::make_unique<Timer>(m_options.clock ? *m_options.clock : m_systemClock);
    resetWorkspaces();
    m_languageChosen = isSupportedLanguage(m_options.language);
    m_language = m_languageChosen ? m_options.language : "en";
    gui::setLanguage(m_language);
    for (std::string& problem : takeTranslationProblems()) notify(NoticeKind::Warning, std::move(problem));
    // Built by the first betweenFrames(), once the session (and with it the language and title) is known.
    m_fontsDirty = true;
}

App::~App() {
    // The projector's ImGui context goes while the main one (whose atlas it shares) is still there.
    m_projectorWindow.reset();
}

void App::openAtLaunch(const std::filesystem::path& file) {
    if (file.empty()) return;
    std::error_code error;
    if (std::filesystem::exists(file, error))
        openSession(file);
    else
        createSession(file);
}

void App::openSession(const std::filesystem::path& file, ReadOnlyReason readOnly) {
    if (m_engine && sameFile(m_engine->file(), file) && readOnly == ReadOnlyReason::None) {
        notify(NoticeKind::Info, trf("file.already_open", {fileName(file)}));
        return;
    }
    try {
        OpenOptions options;
        options.readOnly = readOnly != ReadOnlyReason::None;
        adopt(Engine::open(file, options), readOnly);
    } catch (const NewerVersionError& newer) {
        try {
            OpenOptions options;
            options.readOnly = true;
            options.acceptNewerFormat = true;
            adopt(Engine::open(file, options), ReadOnlyReason::NewerVersion);
            m_modals.ask(tr("newer.title"),
                         trf("newer.message", {fileName(file), std::to_string(newer.fileVersion),
                                               std::to_string(newer.supportedVersion)}),
                         {{tr("common.ok"), {}, true}});
        } catch (const std::exception& error) {
            notify(NoticeKind::Error, trf("error.open_failed", {error.what()}));
        }
    } catch (const SessionLockedError& locked) {
        std::string holder = locked.holder.empty() ? tr("locked.another_program") : locked.holder;
        std::string pid = locked.pid > 0 ? std::to_string(locked.pid) : "?";
        std::filesystem::path target = file;
        m_modals.ask(
            tr("locked.title"), trf("locked.message", {fileName(file), holder, pid}),
            {{tr("locked.open_read_only"),
              [this, target] { defer([this, target] { openSession(target, ReadOnlyReason::LockedElsewhere); }); },
              true},
             {tr("common.cancel"), {}}});
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.open_failed", {error.what()}));
    }
}

void App::createSession(const std::filesystem::path& file) {
    Session initial;
    initial.event.language = m_language;
    try {
        adopt(Engine::create(file, std::move(initial)), ReadOnlyReason::None);
        notify(NoticeKind::Success, trf("file.created", {fileName(file)}));
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.create_failed", {fileName(file), error.what()}));
    }
}

void App::adopt(std::unique_ptr<Engine> engine, ReadOnlyReason reason) {
    m_phones.stop();  // the room serves the session being closed
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
    const RecoveryReport& recovery = m_engine->recovery();
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
    context.phones = &m_phones.status();  // screenshots show the switch, off
    return context;
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

void App::applyOutput(PanelOutput& output) {
    if (!m_engine || m_options.presentation) {
        for (const Notice& notice : output.notices) m_toasts.push(notice);
        return;
    }
    for (const ShellRequest& request : output.requests) handleRequest(request);
    output.requests.clear();
    applyPanelOutput(*m_engine, output, m_toasts);
}

void App::handleRequest(const ShellRequest& request) {
    // Windows and pickers change between frames, like every command.
    if (const auto* open = std::get_if<OpenProjectorRequest>(&request))
        defer([this, monitor = open->monitor] { openProjector(monitor); });
    else if (std::holds_alternative<CloseProjectorRequest>(request))
        defer([this] { closeProjector(); });
    else if (const auto* mute = std::get_if<MuteChimeRequest>(&request))
        m_projectorStatus.muted = mute->muted;
    else if (const auto* report = std::get_if<ExportReportRequest>(&request))
        command([this, format = report->format] { startReportExport(format); });
    else if (const auto* phones = std::get_if<OpenToPhonesRequest>(&request))
        defer([this, open = phones->open] {
            if (!open) return m_phones.stop();
            if (std::string problem = m_phones.start(*m_engine, m_options.clock ? *m_options.clock : m_systemClock); !problem.empty())
                notify(NoticeKind::Error, trf("phones.failed", {problem}));
        });
    else if (const auto* notes = std::get_if<NoteTakingRequest>(&request))
        m_phones.setNoteTakingOpen(notes->open);
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

// [SECTION] commands

void App::requestQuit() {
    command([this] {
        // Nothing to ask: every acknowledged action is already in the journal (the session is always saved).
        m_quit = true;
    });
}

bool App::save() {
    if (!m_engine) return false;
    if (m_engine->readOnly()) {
        notify(NoticeKind::Warning, tr("readonly.cannot_save"));
        return false;
    }
    try {
        m_engine->save();
        notify(NoticeKind::Success, trf("file.saved", {fileName(m_engine->file())}));
        return true;
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.save_failed", {error.what()}));
        return false;
    }
}

void App::undo() {
    if (!canEdit() || !m_engine->canUndo()) return;
    try {
        m_engine->undo();
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.undo_failed", {error.what()}));
    }
}

void App::redo() {
    if (!canEdit() || !m_engine->canRedo()) return;
    try {
        m_engine->redo();
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.undo_failed", {error.what()}));
    }
}

void App::startNew() {
    m_pickerPurpose = PickerPurpose::New;
    m_picker.open(PathPicker::Mode::Save, "picker.new_title", ".wcafe", pickerFolder(), "cafe.wcafe");
}

void App::startOpen() {
    m_pickerPurpose = PickerPurpose::Open;
    m_picker.open(PathPicker::Mode::Open, "picker.open_title", ".wcafe", pickerFolder());
}

void App::startSaveAs() {
    if (!m_engine || m_readOnlyReason == ReadOnlyReason::NewerVersion) return;
    m_pickerPurpose = PickerPurpose::SaveAs;
    m_picker.open(PathPicker::Mode::Save, "picker.save_as_title", ".wcafe", pickerFolder(), fileName(m_engine->file()));
}

void App::startRevert() {
    if (!canEdit() || m_modals.active()) return;
    askRevert(m_modals, [this] { return canEdit() ? m_engine.get() : nullptr; }, m_toasts);
}

void App::startRecover() {
    if (!canEdit() || m_modals.active()) return;
    askRecover(m_modals, [this] { return canEdit() ? m_engine.get() : nullptr; }, m_toasts);
}

void App::startImport() {
    if (!canEdit()) return;
    for (std::size_t i = 0; i < m_workspaces.size(); ++i) {
        if (!m_workspaces[i]->startImport(pickerFolder())) continue;
        m_workspaceRequest = i;
        return;
    }
}

void App::startExport() {
    if (!m_engine) return;
    m_pickerPurpose = PickerPurpose::ExportParticipants;
    std::string name = m_engine->file().stem().string() + "-participants.csv";
    m_picker.open(PathPicker::Mode::Save, "picker.export_title", ".csv", pickerFolder(), name);
}

void App::handlePickerResult(const std::filesystem::path& file) {
    PickerPurpose purpose = std::exchange(m_pickerPurpose, PickerPurpose::None);
    switch (purpose) {
        case PickerPurpose::New: {
            std::error_code error;
            if (std::filesystem::exists(file, error)) {
                notify(NoticeKind::Warning, trf("file.exists", {fileName(file)}));
                return;
            }
            defer([this, file] { createSession(file); });
            break;
        }
        case PickerPurpose::Open: defer([this, file] { openSession(file); }); break;
        case PickerPurpose::SaveAs:
            defer([this, file] {
                if (!m_engine) return;
                try {
                    m_engine->saveAs(file);
                    m_readOnlyReason = ReadOnlyReason::None;
                    notify(NoticeKind::Success, trf("file.saved", {fileName(file)}));
                } catch (const std::exception& error) {
                    notify(NoticeKind::Error, trf("error.save_failed", {error.what()}));
                }
            });
            break;
        case PickerPurpose::ExportParticipants: exportParticipants(file); break;
        case PickerPurpose::PrintCards:
        case PickerPurpose::PrintTents: writePrintable(file, purpose); break;
        case PickerPurpose::ExportReport: {
            PanelOutput output;
            ExportPanel::write(shownSession(), m_reportFormat, file, output);
            for (const Notice& notice : output.notices) m_toasts.push(notice);
            break;
        }
        case PickerPurpose::None: break;
    }
}

void App::exportParticipants(const std::filesystem::path& file) {
    if (!m_engine) return;
    const auto& participants = m_engine->session().participants;
    try {
        writeFileAtomically(file, formatParticipantsCsv(participants));
        notify(NoticeKind::Success,
               trf("participants.exported", {std::to_string(participants.size()), fileName(file)}));
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.export_failed", {error.what()}));
    }
}

void App::startReportExport(ExportFormat format) {
    if (!m_engine) return;
    m_pickerPurpose = PickerPurpose::ExportReport;
    m_reportFormat = format;
    m_picker.open(PathPicker::Mode::Save, "harvest.export.picker_title", exportExtension(format), pickerFolder(),
                  ExportPanel::defaultFileName(m_engine->file(), format));
}

void App::startPrint(PickerPurpose purpose) {
    if (!m_engine) return;
    m_pickerPurpose = purpose;
    const bool cards = purpose == PickerPurpose::PrintCards;
    std::string name = m_engine->file().stem().string() + (cards ? "-cards.html" : "-tents.html");
    m_picker.open(PathPicker::Mode::Save, cards ? "print.cards_title" : "print.tents_title", ".html", pickerFolder(),
                  name);
}

void App::writePrintable(const std::filesystem::path& file, PickerPurpose purpose) {
    if (!m_engine) return;
    const Session& session = shownSession();
    const bool cards = purpose == PickerPurpose::PrintCards;
    try {
        writeFileAtomically(file,
                            formatPrintableHtml(session, cards ? Printable::ItineraryCards : Printable::TableTents));
        std::error_code error;
        const std::filesystem::path shown = std::filesystem::absolute(file, error);
        const std::string count = std::to_string(cards ? session.participants.size() : session.tables.size());
        notify(NoticeKind::Success, trf(cards ? "print.cards_written" : "print.tents_written",
                                        {count, (error ? file : shown).string()}));
        if (cards && session.plan.empty()) notify(NoticeKind::Warning, tr("print.no_plan"));
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("print.failed", {error.what()}));
    }
}

// [SECTION] the projector

void App::serviceProjector() {
    m_projectorStatus.chimeAvailable = m_chime.available();
    if (m_options.presentation) return;
    // The screens: refreshed every time, since a projector is often plugged in after the app started.
    m_projectorStatus.monitors.clear();
    const std::vector<MonitorInfo> monitors = m_platform.monitors();
    for (std::size_t i = 0; i < monitors.size(); ++i) {
        const MonitorInfo& monitor = monitors[i];
        std::string label = std::to_string(i + 1) + ": " + (monitor.name.empty() ? "?" : monitor.name) + " (" +
                            std::to_string(monitor.width) + "×" + std::to_string(monitor.height) + ")";
        if (monitor.primary && monitors.size() > 1) label += " · " + std::string(tr("console.projector_laptop"));
        m_projectorStatus.monitors.push_back(std::move(label));
    }
    // The projector is rarely the primary screen.
    m_projectorStatus.suggestedMonitor = monitors.size() > 1 && monitors[0].primary ? 1 : 0;

    if (m_projectorWindow && m_projectorWindow->closeRequested()) closeProjector();

    // Keys pressed while the projector has the focus: a presenter's clicker or the facilitator at the wall.
    if (m_projectorWindow && m_engine) {
        PanelOutput output;
        for (int key : m_projectorWindow->takeKeys())
            if (auto action = timerShortcut(*m_timer, shownSession(), key)) output.emit(std::move(*action));
        applyOutput(output);
    }
}

void App::openProjector(int monitor) {
    if (m_projectorWindow) closeProjector();
    try {
        m_projectorWindow = std::make_unique<SecondWindow>(m_platform, monitor, "worldcafe — projector");
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("console.projector_failed", {error.what()}));
        return;
    }
    m_projectorStatus.open = true;
    m_projectorView.reset();
    m_projectorDrawnRevision = UINT64_MAX;
    m_fontsDirty = true;  // its text is rasterised for its own height
}

void App::closeProjector() {
    m_projectorWindow.reset();
    m_projectorStatus.open = false;
}

void App::buildProjectorFrame() {
    if (!m_engine) return;
    PanelOutput ignored;
    m_projectorView.drawFullWindow(makeContext(ignored), true);
    m_projectorDrawnRevision = m_engine->revision();
    if (m_projectorView.takePhaseEnded() && !m_projectorStatus.muted && !m_options.presentation) m_chime.play();
}

std::optional<double> App::projectorRedrawAfter() const {
    if (!m_projectorWindow || !m_engine) return std::nullopt;
    if (m_engine->revision() != m_projectorDrawnRevision) return 0.0;
    PanelOutput ignored;
    return m_projectorView.redrawAfter(makeContext(ignored));
}

float App::projectorFontHeight() const {
    if (m_projectorWindow) return static_cast<float>(m_projectorWindow->framebufferHeight());
    if (m_projectorOnly) return static_cast<float>(m_platform.framebufferHeight());
    return 0.0f;
}

bool App::projectorFontsStale() {
    const float wanted = projectorFontHeight();
    if ((wanted > 0.0f) != (m_projectorFontPixels > 0.0f)) return true;
    if (wanted <= 0.0f) return false;
    // A window dragged bigger: rebuild once it differs enough to blur, not on every pixel of the drag.
    if (std::abs(wanted - m_projectorFontPixels) > m_projectorFontPixels * 0.08f) return true;
    if (!m_engine) return false;
    const std::uint64_t revision = m_engine->revision();
    if (revision == m_glyphsCheckedRevision && m_language == m_glyphsCheckedLanguage) return false;
    m_glyphsCheckedRevision = revision;
    m_glyphsCheckedLanguage = m_language;
    // A name added during the café needs its glyphs at projector size.
    ImFont* title = liveFont(LiveFont::Title);
    if (!title) return false;
    const std::string text = ProjectorView::glyphText(shownSession());
    const char* cursor = text.c_str();
    const char* end = cursor + text.size();
    while (cursor < end) {
        unsigned int codepoint = 0;
        const int length = ImTextCharFromUtf8(&codepoint, cursor, end);
        if (length <= 0) break;
        cursor += length;
        if (codepoint >= 0x20 && codepoint <= 0xFFFF && !title->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)))
            return true;
    }
    return false;
}

// [SECTION] language, zoom and fonts

void App::setLanguage(const std::string& language) {
    m_language = isSupportedLanguage(language) ? language : "en";
    gui::setLanguage(m_language);
    for (std::string& problem : takeTranslationProblems()) notify(NoticeKind::Warning, std::move(problem));
    if (headingText() != m_headingText) m_fontsDirty = true;
}

void App::setZoom(float zoom) {
    zoom = std::clamp(std::round(zoom * 10.0f) / 10.0f, kMinZoom, kMaxZoom);
    if (zoom == m_zoom) return;
    m_zoom = zoom;
    m_fontsDirty = true;
    notify(NoticeKind::Info, trf("view.zoom_now", {std::to_string(static_cast<int>(std::lround(zoom * 100.0f)))}));
}

std::string App::sessionHeadings(const Session& session) {
    // The live views head their tables with the menu's title.
    std::string text = session.event.title;
    for (const Menu& menu : session.menus) text += menu.title;
    return text;
}

std::string App::headingText() const {
    std::string text = allTranslatedText();
    if (m_engine) text += sessionHeadings(shownSession());
    return text;
}

void App::rebuildFonts() {
    // Glyphs are rasterised for the screen's pixels. Where window coordinates are logical points (the framebuffer
    // has more pixels than the window has coordinates), ImGui draws them scaled back down, so they stay sharp.
    const float framebufferScale = std::max(m_platform.framebufferScale(), 1.0f);
    const float contentScale = std::max(m_platform.contentScale(), framebufferScale);
    m_fontPixels = std::round(kBaseFontPixels * contentScale * m_zoom);
    m_headingText = headingText();
    FontReport report = buildFonts(*ImGui::GetIO().Fonts, m_fontPixels, m_headingText);
    LiveFontPlan live;
    live.consoleClock = std::round(m_fontPixels * kConsoleClockEm);
    live.projectorHeight = projectorFontHeight();
    if (live.projectorHeight > 0.0f && m_engine) live.glyphText = ProjectorView::glyphText(shownSession());
    addLiveFonts(*ImGui::GetIO().Fonts, live);
    m_projectorFontPixels = live.projectorHeight;
    m_glyphsCheckedRevision = m_engine ? m_engine->revision() : UINT64_MAX;
    m_glyphsCheckedLanguage = m_language;
    ImGui::GetIO().FontGlobalScale = 1.0f / framebufferScale;
    m_platform.reloadFontTexture();
    applyStyle(m_fontPixels / framebufferScale / kBaseFontPixels);
    m_fontsDirty = false;
    if (!report.missingPackages.empty() && !m_fontWarningShown) {
        std::string packages;
        for (const std::string& package : report.missingPackages) packages += (packages.empty() ? "" : " ") + package;
        notify(NoticeKind::Warning, trf("fonts.missing", {packages}));
        m_fontWarningShown = true;
    }
}

// [SECTION] menus, shortcuts and screens

void App::handleShortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    // Esc closes the projector from the console too: it may cover the screen the keyboard is typing into.
    if (m_projectorWindow && !io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) && !m_modals.active() &&
        !m_picker.isOpen() && !io.WantTextInput && !ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId))
        command([this] { closeProjector(); });
    if (!io.KeyCtrl || m_modals.active() || m_picker.isOpen()) return;
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    bool typing = io.WantTextInput;
    if (pressed(GLFW_KEY_S)) command([this, shift = io.KeyShift] { shift ? startSaveAs() : (void)save(); });
    if (pressed(GLFW_KEY_O)) command([this] { startOpen(); });
    if (pressed(GLFW_KEY_N)) command([this] { startNew(); });
    if (pressed(GLFW_KEY_Q)) requestQuit();
    // While a field is being typed in, Ctrl+Z undoes typing in that field, as everywhere else.
    if (!typing && pressed(GLFW_KEY_Z)) command([this, shift = io.KeyShift] { shift ? redo() : undo(); });
    if (!typing && pressed(GLFW_KEY_Y)) command([this] { redo(); });
    if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)) command([this] { setZoom(m_zoom + kZoomStep); });
    if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) command([this] { setZoom(m_zoom - kZoomStep); });
    if (pressed(GLFW_KEY_0) || pressed(GLFW_KEY_KP_0)) command([this] { setZoom(1.0f); });
}

void App::drawMenuBar() {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(trId("menu.file").c_str())) {
        if (ImGui::MenuItem(trId("menu.file.new").c_str(), "Ctrl+N")) command([this] { startNew(); });
        if (ImGui::MenuItem(trId("menu.file.open").c_str(), "Ctrl+O")) command([this] { startOpen(); });
        ImGui::Separator();
        if (ImGui::MenuItem(trId("menu.file.save").c_str(), "Ctrl+S", false, canEdit())) command([this] { save(); });
        if (ImGui::MenuItem(trId("menu.file.save_as").c_str(), "Ctrl+Shift+S", false,
                            m_engine && m_readOnlyReason != ReadOnlyReason::NewerVersion))
            command([this] { startSaveAs(); });
        if (ImGui::MenuItem(trId("menu.file.revert").c_str(), nullptr, false, canEdit() && m_engine->canRevert()))
            command([this] { startRevert(); });
        if (ImGui::MenuItem(trId("menu.file.recover").c_str(), nullptr, false, canEdit()))
            command([this] { startRecover(); });
        ImGui::Separator();
        if (ImGui::MenuItem(trId("menu.file.import").c_str(), nullptr, false, canEdit()))
            command([this] { startImport(); });
        if (ImGui::MenuItem(trId("menu.file.export").c_str(), nullptr, false, m_engine != nullptr))
            command([this] { startExport(); });
        if (ImGui::BeginMenu(trId("harvest.menu.export_report").c_str(), m_engine != nullptr)) {
            for (ExportFormat format : ExportPanel::kFormats)
                if (ImGui::MenuItem(trId(ExportPanel::labelKey(format)).c_str()))
                    command([this, format] { startReportExport(format); });
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem(trId("menu.file.print_cards").c_str(), nullptr, false, m_engine != nullptr))
            command([this] { startPrint(PickerPurpose::PrintCards); });
        if (ImGui::MenuItem(trId("menu.file.print_tents").c_str(), nullptr, false, m_engine != nullptr))
            command([this] { startPrint(PickerPurpose::PrintTents); });
        ImGui::Separator();
        if (ImGui::MenuItem(trId("menu.file.quit").c_str(), "Ctrl+Q")) requestQuit();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(trId("menu.edit").c_str())) {
        bool canUndo = canEdit() && m_engine->canUndo();
        bool canRedo = canEdit() && m_engine->canRedo();
        // The engine names the step ("put participant 17"); the verb around it is translated.
        std::string undo = canUndo ? trf("menu.edit.undo_action", {m_engine->undoLabel()}) : tr("menu.edit.undo");
        std::string redo = canRedo ? trf("menu.edit.redo_action", {m_engine->redoLabel()}) : tr("menu.edit.redo");
        if (ImGui::MenuItem((undo + "###undo").c_str(), "Ctrl+Z", false, canUndo)) command([this] { this->undo(); });
        if (ImGui::MenuItem((redo + "###redo").c_str(), "Ctrl+Shift+Z", false, canRedo))
            command([this] { this->redo(); });
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(trId("menu.view").c_str())) {
        if (ImGui::BeginMenu(trId("menu.view.language").c_str())) {
            for (const LanguageInfo& language : supportedLanguages()) {
                std::string code = language.code;
                if (ImGui::MenuItem(language.nativeName, nullptr, m_language == code))
                    command([this, code] {
                        m_languageChosen = true;
                        setLanguage(code);
                    });
            }
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem(trId("menu.view.zoom_in").c_str(), "Ctrl++"))
            command([this] { setZoom(m_zoom + kZoomStep); });
        if (ImGui::MenuItem(trId("menu.view.zoom_out").c_str(), "Ctrl+-"))
            command([this] { setZoom(m_zoom - kZoomStep); });
        if (ImGui::MenuItem(trId("menu.view.zoom_reset").c_str(), "Ctrl+0")) command([this] { setZoom(1.0f); });
        ImGui::EndMenu();
    }

    if (m_engine && !m_options.presentation) {
        // Save state at the right edge, where a facilitator glances before closing the laptop.
        const char* state = m_engine->readOnly() ? tr("status.read_only") : tr("status.saved");
        std::string text = fileName(m_engine->file()) + "  ·  " + state;
        float width = ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2.0f;
        ImGui::SameLine(ImGui::GetWindowWidth() - width);
        ImGui::TextDisabled("%s", text.c_str());
    }
    ImGui::EndMainMenuBar();
}

void App::drawReadOnlyBanner() {
    if (!m_engine || !m_engine->readOnly() || m_options.presentation) return;
    const char* key = m_readOnlyReason == ReadOnlyReason::NewerVersion      ? "readonly.banner_newer"
                      : m_readOnlyReason == ReadOnlyReason::LockedElsewhere ? "readonly.banner_locked"
                                                                            : "readonly.banner";
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0.42f, 0.31f, 0.06f, 1.0f});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {em(0.8f), em(0.35f)});
    float height = ImGui::GetFrameHeight() + em(0.7f);
    if (ImGui::BeginChild("##read_only_banner", {0.0f, height}, false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr(key));
        if (m_readOnlyReason != ReadOnlyReason::NewerVersion) {
            ImGui::SameLine();
            if (actionButton("readonly.save_copy")) command([this] { startSaveAs(); });
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::Spacing();
}

void App::drawWelcome() {
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const float width = std::min(available.x, em(30.0f));
    ImGui::SetCursorPos({(available.x - width) * 0.5f, available.y * 0.3f});
    ImGui::BeginGroup();
    ImGui::PushFont(headingFont());
    ImGui::TextUnformatted(tr("app.name"));
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextDisabled("%s", tr("welcome.no_session"));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (actionButton("welcome.new")) command([this] { startNew(); });
    ImGui::SameLine();
    if (actionButton("welcome.open")) command([this] { startOpen(); });
    ImGui::EndGroup();
}

}  // namespace worldcafe::gui
