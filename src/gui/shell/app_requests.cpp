// The App's side of what views ask: actions and notices to apply, typed requests, and the projector window.

#include "app.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>

#include "apply_output.hpp"
#include "i18n.hpp"
#include "live_fonts.hpp"
#include "platform.hpp"
#include "timer_panel.hpp"

namespace worldcafe::gui {

// [SECTION] what the views emit

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
        defer([this, open = phones->open] { open ? openRoom() : closeRoom(); });
    else if (const auto* notes = std::get_if<NoteTakingRequest>(&request))
        m_phones.setNoteTakingOpen(notes->open);
}


// [SECTION] the room's server

void App::openRoom() {
    if (!m_engine || m_options.presentation) return;
    const Clock& clock = m_options.clock ? *m_options.clock : m_systemClock;
    if (std::string problem = m_phones.start(*m_engine, clock, m_options.phones); !problem.empty()) {
        notify(NoticeKind::Error, trf("phones.failed", {problem}));
        return;
    }
    setRoomBase(m_phones.status().base);
    m_phones.status(m_engine->session(), clock.wallMillis());
}

void App::previewRoom(const std::string& base) {
    if (!m_engine || m_phones.running()) return;
    const Clock& clock = m_options.clock ? *m_options.clock : m_systemClock;
    m_phones.present(PhonesRoom::preview(shownSession(), clock.wallMillis(), base));
    setRoomBase(base);
}

void App::closeRoom() {
    if (!m_phones.running()) return;
    m_phones.stop();
    setRoomBase({});
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
    // Unless it went elsewhere last time, and that screen is still there.
    if (m_projectorMonitor >= 0 && m_projectorMonitor < static_cast<int>(monitors.size()))
        m_projectorStatus.suggestedMonitor = m_projectorMonitor;

    if (m_projectorWindow && m_projectorWindow->closeRequested()) closeProjector();

    // Keys pressed while the projector has the focus: a presenter's clicker or the facilitator at the wall.
    if (m_projectorWindow && m_engine) {
        PanelOutput output;
        // Only bare keys: Ctrl++ pressed with the projector focused is a zoom attempt, not "one more minute".
        for (const WindowKey& press : m_projectorWindow->takeKeys()) {
            if (press.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) continue;
            if (auto action = timerShortcut(*m_timer, shownSession(), press.key)) output.emit(std::move(*action));
        }
        applyOutput(output);
    }
}

void App::openProjector(int monitor) {
    if (m_projectorWindow) closeProjector();
    try {
        m_projectorWindow = m_platform.openSecondWindow(monitor, "worldcafe — projector");
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("console.projector_failed", {error.what()}));
        return;
    }
    m_projectorStatus.open = true;
    m_projectorMonitor = monitor;
    m_projectorView.reset();
    m_projectorDrawnRevision = UINT64_MAX;
    m_fontsDirty = true;  // its text is rasterised for its own height
}

void App::askCloseProjector() {
    if (!m_projectorWindow) return;
    const TimerState state = m_engine ? m_timer->state(shownSession()) : TimerState{};
    if (!state.started || state.finished) {
        closeProjector();
        return;
    }
    // Keeping it is the default and the Esc answer: a second Esc must not finish what the first one began.
    m_modals.ask(tr("projector.close_title"), tr("projector.close_question"),
                 {{tr("console.projector_close"), [this] { closeProjector(); }, false},
                  {tr("projector.keep_showing"), {}, true}});
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

}  // namespace worldcafe::gui
