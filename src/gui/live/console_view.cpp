#include "console_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "i18n.hpp"
#include "live_preview.hpp"
#include "live_state.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

const std::vector<std::string>& livePhaseNames() {
    static const std::vector<std::string> names = {"welcome", "talk", "warning", "move", "harvest", "done"};
    return names;
}

std::vector<std::string> ConsoleView::parts() const {
    std::vector<std::string> parts = livePhaseNames();
    parts.emplace_back(kReplanPart);
    return parts;
}

bool ConsoleView::selectPart(std::string_view part) {
    if (part == kReplanPart) {
        m_stageReplan = true;
        return true;
    }
    const auto& names = livePhaseNames();
    return std::find(names.begin(), names.end(), part) != names.end();
}

void ConsoleView::draw(const PanelContext& context) {
    // Before any widget: a shortcut handled here cancels the keyboard navigation that the same key would trigger.
    TimerPanel::handleShortcuts(context);
    if (m_stageReplan) {
        m_stageReplan = false;
        m_attendance.stageReplan(context);
    }

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
        drawPhonesControls(context);
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

void ConsoleView::drawPhonesControls(const PanelContext& context) {
    if (!context.phones) return;
    const PhonesStatus& phones = *context.phones;
    bool open = phones.open;
    if (ImGui::Checkbox(trId("console.phones").c_str(), &open)) context.out.request(OpenToPhonesRequest{open});
    recordItem("console.phones");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("console.phones_help"));
    if (!phones.problem.empty() && !phones.open) {
        ImGui::TextWrapped("%s", trf("phones.failed", {phones.problem}).c_str());
        recordItem("##phones_problem");
    }
    if (!phones.open) return;
    ImGui::TextDisabled("%s", tr("console.phones_guests"));
    for (const std::string& url : phones.urls) {
        ImGui::TextUnformatted(url.c_str());
        recordItem("##phones_url");
    }
    if (phones.urls.empty()) ImGui::TextDisabled("%s", tr("console.phones_no_network"));
    ImGui::TextUnformatted(
        trf("console.phones_links", {std::to_string(phones.tablesWithLink), std::to_string(phones.tableCount)}).c_str());
    recordItem("console.phones_links");
    bool noteTaking = phones.noteTakingOpen;
    if (ImGui::Checkbox(trId("console.note_taking").c_str(), &noteTaking))
        context.out.request(NoteTakingRequest{noteTaking});
    recordItem("console.note_taking");
    if (!phones.noteTakingOpen) {
        ImGui::TextWrapped("%s", tr("console.note_taking_closed"));
        recordItem("console.note_taking_closed");
    }
    // Dot voting lives in the session (an action, journalled and undoable), so the phones and the projector agree.
    Voting voting = context.session.voting;
    bool votingOpen = voting.open;
    if (ImGui::Checkbox(trId("console.voting").c_str(), &votingOpen) && !context.readOnly)
        context.out.emit(SetVoting{{votingOpen, voting.dots}});
    recordItem("console.voting");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("console.voting_help"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    int dots = voting.dots;
    if (ImGui::InputInt(trId("console.voting_dots").c_str(), &dots) && !context.readOnly) {
        dots = std::clamp(dots, 1, kMaxDotsPerVoter);
        if (dots != voting.dots) context.out.emit(SetVoting{{voting.open, dots}});
    }
    recordItem("console.voting_dots");
    if (!context.session.votes.empty()) {
        std::set<std::string_view> phones;
        for (const Vote& vote : context.session.votes) phones.insert(vote.voter);
        ImGui::TextUnformatted(trf("console.voting_cast", {std::to_string(context.session.votes.size()),
                                                           std::to_string(phones.size())})
                                   .c_str());
        recordItem("console.voting_cast");
    }
    if (phones.tables.empty()) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg;
    if (!ImGui::BeginTable("##phones_tables", 3, flags)) return;
    ImGui::TableSetupColumn(tr("console.phones_table"));
    ImGui::TableSetupColumn(tr("console.phones_seen"));
    ImGui::TableSetupColumn(tr("console.phones_notes"));
    ImGui::TableHeadersRow();
    for (const PhonesStatus::TableLink& link : phones.tables) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", link.table);
        ImGui::TableNextColumn();
        recordItem("console.phones_table");
        if (!link.secondsSinceSeen)
            ImGui::TextDisabled("%s", tr("console.phones_never"));
        else if (*link.secondsSinceSeen < 10.0)  // a page polls every two seconds: it is connected
            ImGui::TextUnformatted(tr("console.phones_now"));
        else
            ImGui::TextUnformatted(trf("console.phones_ago", {std::to_string(static_cast<long>(*link.secondsSinceSeen))}).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", link.notesThisRound);
        recordItem("console.phones_notes");
    }
    ImGui::EndTable();
}

std::optional<double> ConsoleView::redrawAfter(const PanelContext& context) const {
    std::optional<double> due;
    if (m_attendance.busy()) due = 0.1;
    // The tables' "last seen" ages by the second while the room is open.
    if (context.phones && context.phones->open) due = due ? std::min(*due, 1.0) : 1.0;
    if (!context.timer) return due;
    const TimerState state = context.timer->state(context.session);
    // A late wake-up finds the second already changed: draw at once rather than wait for the next one.
    if (state.running && (state.displaySeconds() != m_drawnSeconds || state.phaseIndex != m_drawnPhase)) return 0.0;
    if (auto tick = secondsUntilNextTick(state)) due = due ? std::min(*due, *tick) : *tick;
    return due;
}

}  // namespace worldcafe::gui
