#include "console_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "i18n.hpp"
#include "live_state.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

const std::vector<std::string>& livePhaseNames() {
    static const std::vector<std::string> names = {"welcome", "talk", "warning", "move", "harvest", "done"};
    return names;
}

std::vector<std::string> ConsoleView::parts() const { return livePhaseNames(); }

bool ConsoleView::selectPart(std::string_view part) {
    const auto& names = livePhaseNames();
    return std::find(names.begin(), names.end(), part) != names.end();
}

void ConsoleView::draw(const PanelContext& context) {
    // Before any widget: a shortcut handled here cancels the keyboard navigation that the same key would trigger.
    TimerPanel::handleShortcuts(context);

    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const float sideWidth = std::clamp(available.x * 0.36f, std::min(em(20.0f), available.x * 0.5f), em(34.0f));

    if (ImGui::BeginChild("##console_main", {available.x - sideWidth - spacing, 0.0f}, false)) {
        m_timer.draw(context);
        subHeading("console.seating");
        m_seating.draw(context);
    }
    ImGui::EndChild();
    ImGui::SameLine(0.0f, spacing);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {em(0.8f), em(0.6f)});
    if (ImGui::BeginChild("##console_side", {0.0f, 0.0f}, true)) {
        drawProjectorControls(context);
        m_links.draw(context);
        subHeading("console.attendance");
        const float attendanceHeight = std::max(ImGui::GetContentRegionAvail().y * 0.52f, em(10.0f));
        if (ImGui::BeginChild("##attendance", {0.0f, attendanceHeight}, false)) m_attendance.draw(context);
        ImGui::EndChild();
        subHeading("console.notes");
        if (ImGui::BeginChild("##notes", {0.0f, 0.0f}, false)) m_notes.draw(context);
        ImGui::EndChild();
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();

    if (context.timer) {
        const TimerState state = context.timer->state(context.session);
        m_drawnSeconds = state.displaySeconds();
        m_drawnPhase = state.phaseIndex;
    }
}

void ConsoleView::drawProjectorControls(const PanelContext& context) {
    if (!context.projector) return;
    const ProjectorStatus& status = *context.projector;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("console.projector"));
    ImGui::SameLine();
    if (status.open) {
        if (actionButton("console.projector_close")) context.out.request(CloseProjectorRequest{});
    } else {
        const int last = static_cast<int>(status.monitors.size()) - 1;
        const int monitor = std::clamp(m_monitor.value_or(status.suggestedMonitor), 0, std::max(last, 0));
        if (status.monitors.size() > 1) {
            ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.5f, em(14.0f)));
            if (ImGui::BeginCombo("##monitor", status.monitors[static_cast<std::size_t>(monitor)].c_str())) {
                for (std::size_t i = 0; i < status.monitors.size(); ++i)
                    if (ImGui::Selectable(status.monitors[i].c_str(), static_cast<int>(i) == monitor))
                        m_monitor = static_cast<int>(i);
                ImGui::EndCombo();
            }
            ImGui::SameLine();
        }
        if (actionButton("console.projector_open"))
            context.out.request(OpenProjectorRequest{status.monitors.empty() ? -1 : monitor});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("console.projector_help"));
        ImGui::SameLine();
        if (smallActionButton("console.projector_window")) context.out.request(OpenProjectorRequest{-1});
    }
    bool muted = status.muted;
    if (ImGui::Checkbox(trId("console.mute").c_str(), &muted)) context.out.request(MuteChimeRequest{muted});
    recordItem("console.mute");
    if (!status.chimeAvailable) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", tr("console.no_sound"));
    }
}

std::optional<double> ConsoleView::redrawAfter(const PanelContext& context) const {
    std::optional<double> due;
    if (m_attendance.busy()) due = 0.1;
    if (!context.timer) return due;
    const TimerState state = context.timer->state(context.session);
    // A late wake-up finds the second already changed: draw at once rather than wait for the next one.
    if (state.running && (state.displaySeconds() != m_drawnSeconds || state.phaseIndex != m_drawnPhase)) return 0.0;
    if (auto tick = secondsUntilNextTick(state)) due = due ? std::min(*due, *tick) : *tick;
    return due;
}

}  // namespace worldcafe::gui
