#include "attendance_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <unordered_set>

#include "i18n.hpp"
#include "live_state.hpp"
#include "widgets.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/plan_words.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::gui {

namespace {

bool hasSeatFrom(const std::vector<RoundPlan>& plan, RoundNumber round) {
    for (const RoundPlan& r : plan)
        if (r.round >= round && !r.seats.empty()) return true;
    return false;
}

TableNumber tableIn(const std::vector<RoundPlan>& plan, RoundNumber round, ParticipantId id) {
    for (const RoundPlan& r : plan)
        if (r.round == round)
            for (const Seat& seat : r.seats)
                if (seat.participant == id) return seat.table;
    return kNoTable;
}

// A long list of moves would push Apply off the screen; the count says the rest.
constexpr std::size_t kShownChanges = 12;

}  // namespace

std::string AttendancePanel::describeChange(const Session& session, const SeatChange& change) {
    const Participant* person = session.findParticipant(change.participant);
    const std::string name = person ? person->name : "#" + std::to_string(change.participant);
    const std::string round = std::to_string(change.round);
    if (change.from == kNoTable)
        return trf("attendance.change_new", {name, std::to_string(change.to), round});
    if (change.to == kNoTable)
        return trf("attendance.change_left", {name, std::to_string(change.from), round});
    return trf("attendance.change_moved", {name, std::to_string(change.from), std::to_string(change.to), round});
}

std::vector<std::string> AttendancePanel::previewLines() const {
    std::vector<std::string> lines;
    if (!m_preview) return lines;
    lines.push_back(trf("attendance.moved",
                        {std::to_string(m_preview->result.moved), std::to_string(m_preview->result.leastMoves)}));
    lines.insert(lines.end(), m_preview->changes.begin(), m_preview->changes.end());
    return lines;
}

AttendancePanel::~AttendancePanel() {
    // The planner stops on its own time limit; the future's destructor waits for it.
}

Participant AttendancePanel::markedAbsent(const Participant& participant, RoundNumber firstOpen) {
    Participant marked = participant;
    // Someone who has not sat at any table yet did not come: a no-show rather than someone who left.
    const bool satBefore = firstOpen > 1 && (marked.fromRound == kNoRound || marked.fromRound < firstOpen);
    if (!satBefore) {
        marked.absent = true;
        return marked;
    }
    // "Absent from round R on" is "present until round R-1".
    marked.untilRound = firstOpen - 1;
    return marked;
}

Participant AttendancePanel::markedArrived(const Participant& participant, RoundNumber firstOpen) {
    Participant marked = participant;
    marked.absent = false;
    marked.fromRound = firstOpen <= 1 ? kNoRound : firstOpen;
    // Someone who left and came back is present from now on; the rounds they missed keep their frozen seating.
    if (marked.untilRound != kNoRound && marked.untilRound < firstOpen) marked.untilRound = kNoRound;
    return marked;
}

Session AttendancePanel::withPending(const Session& session) const {
    Session changed = session;
    for (Participant& participant : changed.participants)
        if (auto it = m_pending.find(participant.id); it != m_pending.end()) participant = it->second;
    return changed;
}

void AttendancePanel::waitForPlan() {
    if (m_planning.valid()) m_planning.wait();
}

void AttendancePanel::stageReplan(const PanelContext& context) {
    const Session& session = context.session;
    const TimerState state = context.timer ? context.timer->state(session) : timerStateAt(session, 0);
    const RoundNumber firstOpen = liveRounds(session, state).firstOpen;
    if (firstOpen > session.rounds.count || m_planning.valid()) return;
    for (const Participant& participant : session.participants) {
        if (participant.role != Role::Guest || participant.table != kNoTable || !participant.presentIn(firstOpen) ||
            tableIn(session.plan, firstOpen, participant.id) == kNoTable)
            continue;
        toggleMark(participant, firstOpen);
        startReplan(context, firstOpen);
        return;
    }
}

void AttendancePanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    const TimerState state = context.timer ? context.timer->state(session) : timerStateAt(session, 0);
    const LiveRounds rounds = liveRounds(session, state);
    collectPlan(session);
    // A pending mark for someone removed meanwhile is dropped rather than re-adding them.
    std::erase_if(m_pending, [&](const auto& entry) { return session.findParticipant(entry.first) == nullptr; });

    // A walk-in may still come during the last round: the list stays for "Seat now".
    const bool allBegun = rounds.firstOpen > session.rounds.count;
    m_walkInRound = kNoRound;
    if (state.started && (state.phase.kind == PhaseKind::Talk || state.phase.kind == PhaseKind::Move))
        m_walkInRound = rounds.now;
    if (allBegun) {
        ImGui::TextDisabled("%s", tr("attendance.all_begun"));
        drawMessages();
        if (m_walkInRound == kNoRound) return;
        ImGui::Separator();
    } else {
        ImGui::TextDisabled("%s", trf("attendance.from_round", {std::to_string(rounds.firstOpen)}).c_str());
        drawReplan(context, rounds.firstOpen);
    }
    drawList(context, rounds.firstOpen);
}

void AttendancePanel::drawList(const PanelContext& context, RoundNumber firstOpen) {
    const Session& session = context.session;
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool enter = ImGui::InputTextWithHint("##attendance_search", tr("attendance.search_hint"), &m_search,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    recordItem("##attendance_search");

    const std::string needle = foldForSearch(trim(m_search));
    std::vector<const Participant*> rows;
    for (const Participant& participant : session.participants) {
        if (!needle.empty() && foldForSearch(participant.name).find(needle) == std::string::npos &&
            foldForSearch(participant.affiliation).find(needle) == std::string::npos)
            continue;
        rows.push_back(&participant);
    }
    const bool allBegun = firstOpen > session.rounds.count;
    if (enter) {
        // Enter with one match marks that person as the row's button would: type a few letters, Enter, and the
        // field is empty and ready for the next name. The mark stays pending (Undo, Discard) like any other.
        if (rows.size() == 1 && !needle.empty() && !allBegun && !context.readOnly) {
            toggleMark(*rows.front(), firstOpen);
            m_search.clear();
            rows.clear();
            for (const Participant& participant : session.participants) rows.push_back(&participant);
        }
        // Enter released the field; the typing goes on there.
        ImGui::SetKeyboardFocusHere(-1);
    }
    if (rows.empty()) {
        emptyState(session.participants.empty() ? tr("attendance.nobody") : tr("attendance.no_match"));
        return;
    }

    // A walk-in: marked arrived (or here without a seat, or any time in the last round) while a round is under
    // way, and not seated in it.
    std::unordered_set<ParticipantId> seatedNow;
    if (m_walkInRound != kNoRound)
        for (const RoundPlan& round : session.plan)
            if (round.round == m_walkInRound)
                for (const Seat& seat : round.seats) seatedNow.insert(seat.participant);
    const auto shownOf = [&](const Participant& original) -> const Participant& {
        auto pending = m_pending.find(original.id);
        return pending != m_pending.end() ? pending->second : original;
    };
    const auto canSeatNow = [&](const Participant& original) {
        if (m_walkInRound == kNoRound || m_planning.valid() || seatedNow.count(original.id)) return false;
        const Participant& shown = shownOf(original);
        const bool arriving =
            m_pending.count(original.id) && shown.presentIn(firstOpen) && !original.presentIn(firstOpen);
        return arriving || shown.presentIn(m_walkInRound) || allBegun;
    };
    const bool seatColumn = std::any_of(rows.begin(), rows.end(), [&](const Participant* p) { return canSeatNow(*p); });

    // The columns beside the name are as wide as what they hold, and only there when they hold something: the
    // name comes first, and gets the rest of the row.
    const float stateWidth =
        std::max(ImGui::CalcTextSize(tr("attendance.present")).x, ImGui::CalcTextSize(tr("attendance.absent")).x);
    const float actionWidth =
        std::max({actionButtonWidth("attendance.undo"), actionButtonWidth("attendance.mark_absent"),
                  actionButtonWidth("attendance.mark_arrived")});
    const int columns = 2 + (allBegun ? 0 : 1) + (seatColumn ? 1 : 0);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("##attendance", columns, flags)) return;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthFixed, stateWidth);
    if (!allBegun) ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthFixed, actionWidth);
    if (seatColumn)
        ImGui::TableSetupColumn("seat", ImGuiTableColumnFlags_WidthFixed, actionButtonWidth("attendance.seat_now"));
    ImGui::BeginDisabled(context.readOnly);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const Participant& original = *rows[static_cast<std::size_t>(row)];
            auto pending = m_pending.find(original.id);
            const Participant& shown = shownOf(original);
            const bool present = shown.presentIn(firstOpen);
            ImGui::PushID(static_cast<int>(original.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            drawNameCell(original);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            const ImVec4 colour = pending != m_pending.end() ? kWarningColour : present ? kSuccessColour : kMutedColour;
            ImGui::TextColored(colour, "%s", tr(present ? "attendance.present" : "attendance.absent"));
            recordItem("##attendance_state");
            // In the last round there is no later round to mark anyone for; only "Seat now" is left.
            if (!allBegun) {
                ImGui::TableNextColumn();
                const char* action = pending != m_pending.end() ? "attendance.undo"
                                     : present                  ? "attendance.mark_absent"
                                                                : "attendance.mark_arrived";
                if (smallActionButton(action)) toggleMark(original, firstOpen);
            }
            if (seatColumn) {
                ImGui::TableNextColumn();
                if (canSeatNow(original) && smallActionButton("attendance.seat_now"))
                    seatWalkIn(context, shown, m_walkInRound);
            }
            ImGui::PopID();
        }
    }
    ImGui::EndDisabled();
    ImGui::EndTable();
}

void AttendancePanel::toggleMark(const Participant& original, RoundNumber firstOpen) {
    if (m_pending.erase(original.id)) return;
    m_pending[original.id] = original.presentIn(firstOpen) ? markedAbsent(original, firstOpen)
                                                           : markedArrived(original, firstOpen);
}

void AttendancePanel::drawNameCell(const Participant& person) {
    // The name whole where it fits, else shortened with "…"; the affiliation in what is left, shortened too, and
    // left out when only a few letters of it would show. Whatever is not shown whole is in the tooltip.
    const float width = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float nameWidth = ImGui::CalcTextSize(person.name.c_str()).x;
    const float room = width - nameWidth - spacing;
    const bool withAffiliation = !person.affiliation.empty() && room >= em(3.0f);
    const std::string whole = person.affiliation.empty() ? person.name : person.name + " · " + person.affiliation;
    const bool affiliationHidden = !person.affiliation.empty() && !withAffiliation;
    const std::string shownName = fitText(person.name, width);
    shortenedText(person.name, width, nullptr, affiliationHidden ? &whole : nullptr);
    recordItem(("attendance.name:" + shownName).c_str());
    if (!withAffiliation) return;
    ImGui::SameLine(0.0f, spacing);
    shortenedText(person.affiliation, room, &kMutedColour, &whole);
    recordItem(("attendance.affiliation:" + fitText(person.affiliation, room)).c_str());
}

void AttendancePanel::drawReplan(const PanelContext& context, RoundNumber firstOpen) {
    const Session& session = context.session;
    ImGui::BeginDisabled(context.readOnly);
    if (!m_preview && !m_planning.valid()) {
        const bool planned = hasSeatFrom(session.plan, 1);
        ImGui::BeginDisabled(!planned);
        if (actionButton("attendance.replan")) startReplan(context, firstOpen);
        ImGui::EndDisabled();
        if (!planned && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s", tr("attendance.no_plan"));
        if (!m_pending.empty()) {
            sameLineIfFits(actionButtonWidth("attendance.save_only"));
            if (actionButton("attendance.save_only")) {
                Batch batch{"attendance", {}};
                for (const auto& [id, participant] : m_pending) batch.actions.push_back(Put<Participant>{participant});
                context.out.emit(std::move(batch));
                m_pending.clear();
            }
            sameLineIfFits(actionButtonWidth("attendance.discard"));
            if (actionButton("attendance.discard")) m_pending.clear();
            ImGui::TextColored(kWarningColour, "%s",
                               trf(m_pending.size() == 1 ? "attendance.pending_one" : "attendance.pending", {std::to_string(m_pending.size())}).c_str());
        }
    } else if (m_planning.valid()) {
        ImGui::TextDisabled("%s", trf("attendance.planning", {std::to_string(m_planningFrom)}).c_str());
    }
    drawMessages();

    if (m_preview) {
        const Preview& preview = *m_preview;
        const PlanQuality& after = preview.result.quality;
        const bool stale = preview.participants != withPending(session).participants || preview.plan != session.plan;
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(trf("attendance.preview", {std::to_string(preview.fromRound),
                                                          std::to_string(session.rounds.count)})
                                   .c_str());
        const ImVec4 colour = after.c2 > preview.before.c2 ? kWarningColour : kSuccessColour;
        ImGui::TextColored(colour, "%s",
                           trf("attendance.repeats", {std::to_string(preview.before.c2), std::to_string(after.c2),
                                                      std::to_string(preview.before.e), std::to_string(after.e)})
                               .c_str());
        const std::vector<std::string> lines = previewLines();
        ImGui::TextUnformatted(lines.front().c_str());
        for (std::size_t i = 1; i < lines.size() && i <= kShownChanges; ++i)
            ImGui::BulletText("%s", lines[i].c_str());
        if (preview.changes.size() > kShownChanges)
            ImGui::TextDisabled("%s",
                                trf("attendance.changes_more", {std::to_string(preview.changes.size() - kShownChanges)})
                                    .c_str());
        if (stale) ImGui::TextColored(kWarningColour, "%s", tr("attendance.stale"));
        ImGui::PopTextWrapPos();
        ImGui::BeginDisabled(stale);
        if (actionButton("attendance.apply")) {
            Batch batch{"attendance and re-plan from round " + std::to_string(preview.fromRound), {}};
            for (const auto& [id, participant] : m_pending) batch.actions.push_back(Put<Participant>{participant});
            batch.actions.push_back(SetPlan{preview.result.plan});
            context.out.emit(std::move(batch));
            m_pending.clear();
            m_preview.reset();
        }
        ImGui::EndDisabled();
        sameLineIfFits(actionButtonWidth("common.cancel"));
        if (actionButton("common.cancel")) m_preview.reset();
    }
    ImGui::EndDisabled();
    ImGui::Separator();
}

void AttendancePanel::drawMessages() {
    ImGui::PushTextWrapPos(0.0f);
    if (!m_error.empty()) ImGui::TextColored(kErrorColour, "%s", m_error.c_str());
    if (!m_message.empty()) ImGui::TextColored(kSuccessColour, "%s", m_message.c_str());
    ImGui::PopTextWrapPos();
}

void AttendancePanel::seatWalkIn(const PanelContext& context, const Participant& person, RoundNumber round) {
    m_error.clear();
    m_message.clear();
    // Present from the round under way on; other pending marks stay pending, for a re-plan of their own.
    const Participant arrived = markedArrived(person, round);
    Session changed = context.session;
    for (Participant& participant : changed.participants)
        if (participant.id == arrived.id) participant = arrived;
    PlanOptions options;
    options.timeLimitSeconds = 1.0;
    try {
        // Quick: one placement and a fewest-moves pass over the rounds after; the person is standing there.
        PlanResult result = seatNow(changed, round, options);
        Batch batch{"seat " + arrived.name + " now", {}};
        batch.words = ActionLabel{"action.attendance.seat_now", {arrived.name}, {}};
        batch.actions.push_back(Put<Participant>{arrived});
        batch.actions.push_back(SetPlan{result.plan});
        context.out.emit(std::move(batch));
        m_pending.erase(arrived.id);
        // A preview computed before this seat would undo it.
        m_preview.reset();
        m_message = trf("attendance.seated", {arrived.name, std::to_string(tableIn(result.plan, round, arrived.id)),
                                              std::to_string(round)});
    } catch (const PlanImpossible& error) {
        std::string reason = error.what();
        try {
            reason = plainReason(error, Strings::forLanguage(currentLanguage()));
        } catch (const Error&) {
            // Without the label file the planner's own message still says why.
        }
        m_error = trf("attendance.seat_failed", {arrived.name, reason});
    }
}

void AttendancePanel::startReplan(const PanelContext& context, RoundNumber firstOpen) {
    m_error.clear();
    Session changed = withPending(context.session);
    m_planningFrom = firstOpen;
    m_planningParticipants = changed.participants;
    m_planningPlan = context.session.plan;
    PlanOptions options;
    options.fromRound = firstOpen;
    // People already know where they go next: change the current plan as little as possible.
    options.baseline = context.session.plan;
    // The room is waiting: a plan in a second, however good, beats a better one in a minute.
    options.timeLimitSeconds = 1.0;
    m_planning = std::async(std::launch::async, [changed = std::move(changed), options] {
        return planSeating(changed, options);
    });
}

void AttendancePanel::collectPlan(const Session& session) {
    if (!m_planning.valid() || m_planning.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    try {
        Preview preview;
        preview.result = m_planning.get();
        preview.fromRound = m_planningFrom;
        preview.before = scorePlan(session, session.plan, m_planningFrom);
        // Pending marks change when people come, not their names: the session names everyone the plan seats.
        for (const SeatChange& change : seatChanges(session.plan, preview.result.plan, m_planningFrom))
            preview.changes.push_back(describeChange(session, change));
        preview.participants = std::move(m_planningParticipants);
        preview.plan = std::move(m_planningPlan);
        m_preview = std::move(preview);
    } catch (const PlanImpossible& error) {
        std::string reason = error.what();
        try {
            reason = plainReason(error, Strings::forLanguage(currentLanguage()));
        } catch (const Error&) {
        }
        m_error = trf("attendance.replan_failed", {reason});
    } catch (const std::exception& error) {
        m_error = trf("attendance.replan_failed", {error.what()});
    }
}

}  // namespace worldcafe::gui
