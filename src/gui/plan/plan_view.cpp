#include "plan_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <string_view>
#include <chrono>
#include <map>

#include "i18n.hpp"
#include "participant_combo.hpp"
#include "widgets.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/plan_words.hpp"
#include "worldcafe/printables.hpp"

namespace worldcafe::gui {

// [SECTION] the planning job

PlanJob::PlanJob(Session session, PlanOptions options) : m_fromRound(options.fromRound) {
    options.progress = [this](double progress) {
        m_progress = progress;
        return !m_cancelled.load();
    };
    m_worker = std::thread([this, session = std::move(session), options = std::move(options)] {
        try {
            m_result = planSeating(session, options);
        } catch (const PlanImpossible& error) {
            m_failure = error.what();
            m_impossible = error;
        } catch (const std::exception& error) {
            m_failure = error.what();
        }
        m_finished = true;
    });
}

PlanJob::~PlanJob() {
    m_cancelled = true;
    if (m_worker.joinable()) m_worker.join();
}

// [SECTION] plan edits

RoundNumber PlanView::firstUnlockedRound(const Session& session) {
    RoundNumber lastLocked = 0;
    for (const RoundPlan& round : session.plan)
        if (round.locked) lastLocked = std::max(lastLocked, round.round);
    return lastLocked + 1;
}

std::vector<RoundPlan> PlanView::withMove(const Session& session, RoundNumber round, ParticipantId participant,
                                          TableNumber table) {
    std::vector<RoundPlan> plan = session.plan;
    for (RoundPlan& roundPlan : plan) {
        if (roundPlan.round != round) continue;
        for (Seat& seat : roundPlan.seats)
            if (seat.participant == participant) seat.table = table;
    }
    return plan;
}

std::vector<RoundPlan> PlanView::withSwap(const Session& session, RoundNumber round, ParticipantId a,
                                          ParticipantId b) {
    std::vector<RoundPlan> plan = session.plan;
    for (RoundPlan& roundPlan : plan) {
        if (roundPlan.round != round) continue;
        Seat* seatA = nullptr;
        Seat* seatB = nullptr;
        for (Seat& seat : roundPlan.seats) {
            if (seat.participant == a) seatA = &seat;
            if (seat.participant == b) seatB = &seat;
        }
        if (seatA && seatB) std::swap(seatA->table, seatB->table);
    }
    return plan;
}

void PlanView::startPlanning(const Session& session, RoundNumber fromRound) {
    PlanOptions options;
    options.fromRound = std::max<RoundNumber>(1, fromRound);
    options.timeLimitSeconds = 2.0;
    m_job = std::make_unique<PlanJob>(session, options);
    m_jobIsTry = false;
    m_candidate.reset();
}

void PlanView::tryAnotherPlan(const Session& session, std::uint64_t revision) {
    PlanOptions options;
    // Locked rounds stay as they are: the planner keeps them, and the rounds before the first unlocked one too.
    options.fromRound = firstUnlockedRound(session);
    options.timeLimitSeconds = 2.0;
    options.seed = ++m_trySeed;
    m_job = std::make_unique<PlanJob>(session, options);
    m_jobIsTry = true;
    m_tryRevision = revision;
    m_candidate.reset();
}

bool PlanView::selectPart(std::string_view part) {
    if (part == "seating") m_partRequest = 0;
    else if (part == "itineraries") m_partRequest = 1;
    else if (part == "another") {
        m_partRequest = 0;
        m_stageTry = true;
    }
    else return false;
    return true;
}

std::optional<double> PlanView::redrawAfter(const PanelContext&) const {
    // The progress bar moves while a job runs; nothing else here changes on its own.
    if (m_job && !m_job->finished()) return 0.1;
    if (m_job) return 0.0;  // collect the result at once
    return std::nullopt;
}

void PlanView::collectJob(const PanelContext& context) {
    if (!m_job || !m_job->finished()) return;
    if (m_jobIsTry && m_job->result()) {
        // Offered, not applied: the user compares and keeps one.
        m_candidate = Candidate{*m_job->result(), m_trySeed, m_tryRevision};
    } else if (m_job->result()) {
        const PlanResult& result = *m_job->result();
        Batch batch{"plan seating", {SetPlan{result.plan}}};
        context.out.emit(std::move(batch));
        context.out.notify(result.cancelled ? NoticeKind::Warning : NoticeKind::Success,
                           trf(result.cancelled ? "plan.cancelled_kept" : "plan.done",
                               {std::to_string(result.quality.c2), std::to_string(result.quality.c2LowerBound),
                                result.method}));
    } else {
        std::string reason = m_job->failure();
        if (m_job->impossible()) {
            try {
                reason = plainReason(*m_job->impossible(), Strings::forLanguage(currentLanguage()));
            } catch (const Error&) {
                // Without the label file the planner's own message still says why.
            }
        }
        context.out.notify(NoticeKind::Error, trf("plan.impossible", {reason}));
    }
    m_job.reset();
    m_jobIsTry = false;
}

void PlanView::drawCandidate(const PanelContext& context) {
    if (!m_candidate) return;
    // Planned from another session than the one shown (an edit, an undo): comparing them would mislead.
    if (m_candidate->revision != context.revision) {
        m_candidate.reset();
        return;
    }
    const PlanQuality& now = m_quality;
    const PlanQuality& other = m_candidate->result.quality;
    ImGui::TextUnformatted(trf("plan.try.heading", {std::to_string(m_candidate->seed)}).c_str());
    struct Row {
        const char* key;
        long long current, candidate;
    };
    const Row rows[] = {
        {"plan.figure.c2", now.c2, other.c2},
        {"plan.figure.e", now.e, other.e},
        {"plan.figure.revisits", now.menuRevisits, other.menuRevisits},
        {"plan.figure.same_affiliation", now.sameAffiliationPairs, other.sameAffiliationPairs},
        {"plan.figure.spread", now.sizeSpread, other.sizeSpread},
        {"plan.figure.violations", now.hardViolations, other.hardViolations},
    };
    if (ImGui::BeginTable("##candidate", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("");
        ImGui::TableSetupColumn(tr("plan.try.current"));
        ImGui::TableSetupColumn(tr("plan.try.other"));
        ImGui::TableHeadersRow();
        for (const Row& row : rows) {
            ImGui::TableNextColumn();
            ImGui::TextColored(kMutedColour, "%s", tr(row.key));
            ImGui::TableNextColumn();
            ImGui::Text("%lld", row.current);
            ImGui::TableNextColumn();
            // Lower is better for every figure here: say which way the other plan goes, not in colour alone.
            const std::string mark = row.candidate < row.current   ? std::string(" ") + tr("plan.try.better")
                                     : row.candidate > row.current ? std::string(" ") + tr("plan.try.worse")
                                                                   : std::string();
            const ImVec4 colour = row.candidate < row.current   ? kSuccessColour
                                  : row.candidate > row.current ? kWarningColour
                                                                : ImGui::GetStyleColorVec4(ImGuiCol_Text);
            ImGui::TextColored(colour, "%lld%s", row.candidate, mark.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::BeginDisabled(context.readOnly);
    if (actionButton("plan.try.keep_other")) {
        context.out.emit(Batch{"plan seating (another try)", {SetPlan{m_candidate->result.plan}}});
        context.out.notify(NoticeKind::Success, tr("plan.try.kept_other"));
        m_candidate.reset();
    }
    recordItem("plan.try.keep_other");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (actionButton("plan.try.keep_current")) m_candidate.reset();
    recordItem("plan.try.keep_current");
}

// [SECTION] drawing

void PlanView::draw(const PanelContext& context) {
    if (m_stageTry && !m_job) {
        m_stageTry = false;
        // As the toolbar's button, which is there only over a plan.
        if (!context.session.plan.empty()) tryAnotherPlan(context.session, context.revision);
    }
    collectJob(context);
    const Session& session = context.session;
    if (m_scoredRevision != context.revision) {
        m_scoredRevision = context.revision;
        m_quality = session.plan.empty() ? PlanQuality{} : scorePlan(session, session.plan);
        m_violations = session.plan.empty() ? std::vector<std::string>{} : findHardViolations(session, session.plan);
        m_meetings = countMeetings(session.plan);
        m_round = std::clamp(m_round, 1, std::max(1, session.rounds.count));
        m_replanFrom = std::clamp(m_replanFrom, 1, std::max(1, session.rounds.count));
    }
    drawToolbar(context);
    if (session.plan.empty()) {
        emptyState(tr("plan.empty"));
        return;
    }
    drawQuality(context);
    drawCandidate(context);
    ImGui::Spacing();
    if (ImGui::BeginTabBar("##plan_parts")) {
        const char* labels[] = {tr("plan.seating"), tr("plan.itineraries")};
        for (int part = 0; part < 2; ++part) {
            ImGuiTabItemFlags flags = m_partRequest == part ? ImGuiTabItemFlags_SetSelected : 0;
            std::string label = std::string(labels[part]) + "###plan_part" + std::to_string(part);
            if (ImGui::BeginTabItem(label.c_str(), nullptr, flags)) {
                if (!m_partRequest) m_part = part;
                ImGui::EndTabItem();
            }
        }
        m_partRequest.reset();
        ImGui::EndTabBar();
    }
    if (m_part == 0)
        drawSeating(context);
    else
        drawItineraries(context);
}

void PlanView::drawToolbar(const PanelContext& context) {
    const Session& session = context.session;
    ImGui::PushFont(headingFont());
    ImGui::TextUnformatted(tr("plan.title"));
    ImGui::PopFont();
    if (m_job) {
        ImGui::ProgressBar(static_cast<float>(m_job->progress()), {em(20.0f), 0.0f});
        ImGui::SameLine();
        if (actionButton("plan.cancel")) m_job->cancel();
        return;
    }
    ImGui::BeginDisabled(context.readOnly);
    if (actionButton("plan.plan")) startPlanning(session, firstUnlockedRound(session));
    recordItem("plan.plan");
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("plan.replan_from"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(6.0f));
    ImGui::InputInt("##replan_from", &m_replanFrom, 1, 1);
    m_replanFrom = std::clamp(m_replanFrom, 1, std::max(1, session.rounds.count));
    ImGui::SameLine();
    if (actionButton("plan.replan")) startPlanning(session, std::max(m_replanFrom, firstUnlockedRound(session)));
    recordItem("plan.replan");
    if (!session.plan.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        if (actionButton("plan.try.another")) tryAnotherPlan(session, context.revision);
        recordItem("plan.try.another");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("plan.try.tooltip"));
    }
    ImGui::EndDisabled();
    if (RoundNumber first = firstUnlockedRound(session); first > 1) {
        ImGui::SameLine();
        ImGui::TextColored(kMutedColour, "%s", trf("plan.locked_until", {std::to_string(first - 1)}).c_str());
    }
}

void PlanView::drawQuality(const PanelContext&) {
    struct Figure {
        const char* key;
        long long value;
        long long bound;
        bool hasBound;
        const char* tip;  // what an abbreviation in the name means
    };
    const Figure figures[] = {
        {"plan.figure.c2", m_quality.c2, m_quality.c2LowerBound, true, "plan.figure.c2_tip"},
        {"plan.figure.e", m_quality.e, m_quality.eLowerBound, true, "plan.figure.e_tip"},
        {"plan.figure.revisits", m_quality.menuRevisits, 0, true, nullptr},
        {"plan.figure.same_affiliation", m_quality.sameAffiliationPairs, m_quality.sameAffiliationLowerBound, true,
         nullptr},
        {"plan.figure.spread", m_quality.sizeSpread, 1, true, nullptr},
        {"plan.figure.violations", m_quality.hardViolations, 0, true, nullptr},
    };
    // The jargon's meaning first, in a sentence anyone in the room can repeat.
    std::string sentence;
    try {
        sentence = planSentence(m_quality, m_meetings, Strings::forLanguage(currentLanguage()));
    } catch (const Error&) {
        // Unreadable export labels are reported by the exports; the figures below still say it all.
    }
    if (!sentence.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(sentence.c_str());
        ImGui::PopTextWrapPos();
        recordItem("##plan_sentence");
    }
    if (ImGui::BeginTable("##quality", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
        for (const Figure& figure : figures) {
            ImGui::TableNextColumn();
            ImGui::TextColored(kMutedColour, "%s", tr(figure.key));
            if (figure.tip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(figure.tip));
            recordItem(figure.key);
            bool atBound = figure.value <= figure.bound;
            ImGui::PushFont(headingFont());
            ImGui::TextColored(atBound ? kSuccessColour : kWarningColour, "%lld", figure.value);
            ImGui::PopFont();
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(kMutedColour, "%s", trf("plan.bound", {std::to_string(figure.bound)}).c_str());
            if (std::string_view(figure.key) != "plan.figure.spread" &&
                ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("%s", tr("plan.bound_tip"));
            // Above its bound the spread is usually a choice, not a shortfall: say which.
            if (std::string_view(figure.key) == "plan.figure.spread" && !atBound &&
                ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("%s", tr("plan.figure.spread_why"));
        }
        ImGui::EndTable();
    }
    for (const std::string& violation : m_violations) ImGui::TextColored(kErrorColour, "%s", violation.c_str());
}

void PlanView::drawSeating(const PanelContext& context) {
    const Session& session = context.session;
    // Rounds as buttons: a facilitator thinks "round 2", not "tab 2".
    for (RoundNumber round = 1; round <= session.rounds.count; ++round) {
        if (round > 1) ImGui::SameLine();
        bool selected = round == m_round;
        if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        std::string label = trf("plan.round", {std::to_string(round)});
        auto plan = std::find_if(session.plan.begin(), session.plan.end(),
                                 [&](const RoundPlan& r) { return r.round == round; });
        if (plan != session.plan.end() && plan->locked) label += std::string(" (") + tr("plan.locked_mark") + ")";
        if (ImGui::Button((label + "##round" + std::to_string(round)).c_str())) m_round = round;
        if (selected) ImGui::PopStyleColor();
    }
    auto current = std::find_if(session.plan.begin(), session.plan.end(),
                                [&](const RoundPlan& r) { return r.round == m_round; });
    if (current == session.plan.end()) {
        emptyState(tr("plan.round_not_planned"));
        return;
    }
    ImGui::SameLine(0.0f, em(2.0f));
    bool locked = current->locked;
    ImGui::BeginDisabled(context.readOnly);
    if (ImGui::Checkbox(tr("plan.lock_round"), &locked)) {
        std::vector<RoundPlan> plan = session.plan;
        for (RoundPlan& r : plan)
            if (r.round == m_round) r.locked = locked;
        context.out.emit(SetPlan{plan});
    }
    ImGui::EndDisabled();
    ImGui::TextColored(kMutedColour, "%s", tr("plan.drag_hint"));

    std::map<TableNumber, std::vector<const Participant*>> seated;
    for (const Seat& seat : current->seats)
        if (const Participant* p = session.findParticipant(seat.participant)) seated[seat.table].push_back(p);

    const float cardWidth = em(15.0f);
    const int columns = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / (cardWidth + em(0.6f))));
    if (!ImGui::BeginTable("##tables", columns, ImGuiTableFlags_SizingFixedSame | ImGuiTableFlags_ScrollY)) return;
    for (const Table& table : session.tables) {
        ImGui::TableNextColumn();
        const Menu* menu = session.findMenu(table.menu);
        ImGui::PushID(table.number);
        ImGui::BeginGroup();
        ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(start, {start.x + em(0.4f), start.y + em(1.3f)},
                                                  colourFromRgb(menu ? menu->colour : 0x999999));
        ImGui::SetCursorScreenPos({start.x + em(0.7f), start.y});
        ImGui::Text("%s", trf("plan.table", {std::to_string(table.number)}).c_str());
        if (menu) {
            ImGui::SameLine();
            ImGui::TextColored(kMutedColour, "%s", menu->title.c_str());
        }
        auto& people = seated[table.number];
        ImGui::TextColored(people.size() > static_cast<std::size_t>(table.capacity) ? kErrorColour : kMutedColour,
                           "%s", trf("plan.occupancy", {std::to_string(people.size()), std::to_string(table.capacity)}).c_str());
        for (const Participant* person : people) {
            bool host = person->role == Role::Host;
            std::string label = person->name + (host ? " ★" : "") + "##p" + std::to_string(person->id);
            ImGui::Selectable(label.c_str(), false, 0, {cardWidth - em(1.0f), 0.0f});
            recordItem(("seat:" + std::to_string(person->id)).c_str());
            if (!host && !context.readOnly && !current->locked &&
                ImGui::BeginDragDropSource(ImGuiDragDropFlags_None)) {
                ParticipantId id = person->id;
                ImGui::SetDragDropPayload("WC_SEAT", &id, sizeof id);
                ImGui::TextUnformatted(person->name.c_str());
                ImGui::EndDragDropSource();
            }
            if (ImGui::IsItemHovered() && !person->affiliation.empty()) ImGui::SetTooltip("%s", person->affiliation.c_str());
        }
        ImGui::Dummy({cardWidth - em(1.0f), em(0.5f)});
        ImGui::EndGroup();
        recordItem(("table:" + std::to_string(table.number)).c_str());
        if (ImGui::BeginDragDropTarget()) {
            if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload("WC_SEAT")) {
                ParticipantId id = *static_cast<const ParticipantId*>(payload->Data);
                const bool here = std::any_of(people.begin(), people.end(),
                                              [&](const Participant* p) { return p->id == id; });
                if (here) {
                    // Dropped back where they sit: nothing to do.
                } else if (people.size() >= static_cast<std::size_t>(table.capacity)) {
                    m_swapOffer = SwapOffer{id, table.number, m_round};
                    m_openSwapOffer = true;
                } else {
                std::vector<RoundPlan> moved = withMove(session, m_round, id, table.number);
                // Said before it is applied: the move goes through, and the checks show what it broke.
                for (const std::string& problem : findHardViolations(session, moved))
                    context.out.notify(NoticeKind::Warning, problem);
                context.out.emit(SetPlan{moved});
                }
            }
            ImGui::EndDragDropTarget();
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
    drawSwapOffer(context);
}

void PlanView::drawSwapOffer(const PanelContext& context) {
    if (m_openSwapOffer) {
        ImGui::OpenPopup("##swap_offer");
        m_openSwapOffer = false;
    }
    if (!ImGui::BeginPopup("##swap_offer")) {
        m_swapOffer.reset();
        return;
    }
    const Session& session = context.session;
    const Participant* mover = m_swapOffer ? session.findParticipant(m_swapOffer->mover) : nullptr;
    const Table* table = m_swapOffer ? session.findTable(m_swapOffer->table) : nullptr;
    auto round = std::find_if(session.plan.begin(), session.plan.end(),
                              [&](const RoundPlan& r) { return m_swapOffer && r.round == m_swapOffer->round; });
    if (!mover || !table || round == session.plan.end()) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::TextUnformatted(trf("plan.swap.full", {std::to_string(table->number), std::to_string(table->capacity)}).c_str());
    ImGui::TextUnformatted(trf("plan.swap.with", {mover->name}).c_str());
    // The host stays: the table's guests only, in the order the card shows them.
    for (const Seat& seat : round->seats) {
        if (seat.table != table->number) continue;
        const Participant* guest = session.findParticipant(seat.participant);
        if (!guest || guest->role == Role::Host) continue;
        ImGui::PushID(static_cast<int>(guest->id));
        const bool chosen = ImGui::Selectable(participantLabel(*guest).c_str());
        recordItem(("swap:" + std::to_string(guest->id)).c_str());
        ImGui::PopID();
        if (chosen) {
            std::vector<RoundPlan> swapped = withSwap(session, round->round, mover->id, guest->id);
            for (const std::string& problem : findHardViolations(session, swapped))
                context.out.notify(NoticeKind::Warning, problem);
            context.out.emit(SetPlan{swapped});
            m_swapOffer.reset();
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::Separator();
    if (actionButton("common.cancel")) {
        m_swapOffer.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void PlanView::drawItineraries(const PanelContext& context) {
    const Session& session = context.session;
    const int rounds = session.rounds.count;
    ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##itineraries", 2 + rounds, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(tr("plan.column.name"), ImGuiTableColumnFlags_WidthFixed, em(9.0f));
    ImGui::TableSetupColumn(tr("plan.column.affiliation"), ImGuiTableColumnFlags_WidthFixed, em(11.0f));
    for (RoundNumber round = 1; round <= rounds; ++round)
        ImGui::TableSetupColumn(trf("plan.round", {std::to_string(round)}).c_str(), ImGuiTableColumnFlags_WidthFixed,
                                em(10.0f));
    ImGui::TableHeadersRow();
    for (const Participant* person : participantsInNameOrder(session)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(person->name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(kMutedColour, "%s", person->affiliation.c_str());
        for (RoundNumber round = 1; round <= rounds; ++round) {
            ImGui::TableNextColumn();
            TableNumber table = seatOf(session, person->id, round);
            if (table == kNoTable) {
                ImGui::TextColored(kMutedColour, "%s", person->presentIn(round) ? "?" : "–");
                continue;
            }
            const Table* t = session.findTable(table);
            const Menu* menu = t ? session.findMenu(t->menu) : nullptr;
            ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddRectFilled({at.x, at.y + em(0.2f)}, {at.x + em(0.6f), at.y + em(0.9f)},
                                                      colourFromRgb(menu ? menu->colour : 0x999999));
            ImGui::SetCursorScreenPos({at.x + em(0.9f), at.y});
            ImGui::Text("%d  %s", table, menu ? menu->title.c_str() : "");
        }
    }
    ImGui::EndTable();
}

}  // namespace worldcafe::gui
