#include "live_state.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "i18n.hpp"
#include "worldcafe/printables.hpp"

namespace worldcafe::gui {

LiveRounds liveRounds(const Session& session, const TimerState& state) {
    const RoundNumber count = std::max(session.rounds.count, 1);
    LiveRounds rounds;
    auto nextOf = [&](RoundNumber round) { return round < count ? round + 1 : kNoRound; };
    rounds.next = nextOf(1);
    if (!state.started) return rounds;
    switch (state.phase.kind) {
        case PhaseKind::Welcome: break;
        case PhaseKind::Talk:
            rounds.now = state.phase.round;
            rounds.next = nextOf(state.phase.round);
            rounds.firstOpen = state.phase.round + 1;
            rounds.notes = state.phase.round;
            break;
        case PhaseKind::Move:
            // The phase carries the round people are moving to; the one just ended is still being written up.
            rounds.now = state.phase.round;
            rounds.next = nextOf(state.phase.round);
            rounds.firstOpen = state.phase.round;
            rounds.notes = std::max(state.phase.round - 1, 1);
            break;
        case PhaseKind::Harvest:
            if (state.phase.round != kNoRound) {
                // A harvest between rounds: people are still at the round's tables and its notes are written up.
                rounds.now = state.phase.round;
                rounds.next = nextOf(state.phase.round);
                rounds.firstOpen = state.phase.round + 1;
                rounds.notes = state.phase.round;
                break;
            }
            [[fallthrough]];
        case PhaseKind::Done:
            rounds.now = count;
            rounds.next = kNoRound;
            rounds.firstOpen = count + 1;
            rounds.notes = count;
            break;
    }
    return rounds;
}

bool hasPlanFor(const Session& session, RoundNumber round) {
    return std::any_of(session.plan.begin(), session.plan.end(),
                       [&](const RoundPlan& plan) { return plan.round == round && !plan.seats.empty(); });
}

std::vector<TableSeating> seatingOf(const Session& session, RoundNumber round) {
    const RoundPlan* plan = nullptr;
    for (const RoundPlan& candidate : session.plan)
        if (candidate.round == round) plan = &candidate;
    if (!plan || plan->seats.empty()) return {};

    std::vector<TableSeating> tables;
    tables.reserve(session.tables.size());
    for (const Table& table : session.tables) {
        TableSeating seating;
        seating.table = &table;
        seating.menu = session.findMenu(table.menu);
        tables.push_back(seating);
    }
    std::unordered_map<TableNumber, std::size_t> indexOf;
    for (std::size_t i = 0; i < tables.size(); ++i) indexOf.emplace(tables[i].table->number, i);
    for (const Participant& p : session.participants) {
        if (p.role != Role::Host || p.table == kNoTable || !p.presentIn(round)) continue;
        if (auto it = indexOf.find(p.table); it != indexOf.end()) tables[it->second].host = &p;
    }
    std::unordered_map<ParticipantId, TableNumber> tableOf;
    for (const Seat& seat : plan->seats) tableOf[seat.participant] = seat.table;
    // Guests in name order, so that a name is easy to find on a card.
    for (const Participant* p : participantsInNameOrder(session)) {
        auto seat = tableOf.find(p->id);
        if (seat == tableOf.end()) continue;
        auto it = indexOf.find(seat->second);
        if (it == indexOf.end() || tables[it->second].host == p) continue;
        tables[it->second].guests.push_back(p);
    }
    return tables;
}

const char* phaseLabel(PhaseKind kind) {
    switch (kind) {
        case PhaseKind::Welcome: return tr("live.phase.welcome");
        case PhaseKind::Talk: return tr("live.phase.talk");
        case PhaseKind::Move: return tr("live.phase.move");
        case PhaseKind::Harvest: return tr("live.phase.harvest");
        case PhaseKind::Done: return tr("live.phase.done");
    }
    return "";
}

std::string phaseTitle(const Session& session, const Phase& phase) {
    if (phase.round == kNoRound) return phaseLabel(phase.kind);
    return trf("live.round_of", {std::to_string(phase.round), std::to_string(session.rounds.count),
                                 phaseLabel(phase.kind)});
}

const char* runLabel(const TimerState& state) {
    if (!state.started) return tr("live.state.not_started");
    if (state.finished) return tr("live.state.finished");
    if (state.running) return tr("live.state.running");
    // "Next phase" from a pause lands here: the new phase waits for Resume, and the room must not think it runs.
    return state.elapsedMillis == 0 ? tr("live.state.paused_at_start") : tr("live.state.paused");
}

const char* warningText(const TimerState& state) {
    if (!state.warning) return nullptr;
    if (*state.warning == 0) return tr("projector.time_up");
    return state.phase.kind == PhaseKind::Move ? tr("projector.move_almost") : tr("projector.almost");
}

std::optional<double> secondsUntilNextTick(const TimerState& state) {
    if (!state.running || state.finished) return std::nullopt;
    const std::int64_t remaining = state.remainingMillis();
    if (remaining <= 0) return 0.0;
    // The display rounds up, so it changes when the remainder crosses the next whole second below it.
    const std::int64_t untilChange = remaining - (state.displaySeconds() - 1) * 1000;
    return static_cast<double>(std::clamp<std::int64_t>(untilChange, 1, 1000)) / 1000.0;
}

std::uint32_t textColourOn(std::uint32_t rgb) {
    // WCAG relative luminance; above 0.179 black text has the higher contrast.
    auto linear = [](std::uint32_t channel) {
        const double c = static_cast<double>(channel & 0xFF) / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const double luminance = 0.2126 * linear(rgb >> 16) + 0.7152 * linear(rgb >> 8) + 0.0722 * linear(rgb);
    return luminance > 0.179 ? 0x000000 : 0xFFFFFF;
}

}  // namespace worldcafe::gui
