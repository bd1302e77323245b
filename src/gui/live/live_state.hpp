#pragma once
// What the live views (console, projector, host) read the same way: which round is seated now and which comes
// next, who sits at which table, the phase's name and the countdown text. Pure functions of the session and the
// timer state, so the facilitator's laptop, the wall and the hosts never disagree.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "worldcafe/model.hpp"
#include "worldcafe/timer.hpp"

namespace worldcafe::gui {

struct LiveRounds {
    // The round whose seating is "now": the round being talked, the one people are moving to, round 1 before the
    // start, the last one at harvest.
    RoundNumber now = 1;
    // The round after `now`, or kNoRound.
    RoundNumber next = kNoRound;
    // The first round that has not begun: attendance changes and re-plans start here (count + 1 when all began).
    RoundNumber firstOpen = 1;
    // The round a host is taking notes for: the round being talked, the one that just ended while people move.
    RoundNumber notes = 1;
};

LiveRounds liveRounds(const Session& session, const TimerState& state);

// One table in one round: who sits there, host first, then guests in name order.
struct TableSeating {
    const Table* table = nullptr;
    const Menu* menu = nullptr;
    const Participant* host = nullptr;  // present in that round
    std::vector<const Participant*> guests;
};

// Every table of the session in order. An empty result means the round has no plan. A host sits at their table
// even where the plan leaves them out (the planner may, since they never move).
std::vector<TableSeating> seatingOf(const Session& session, RoundNumber round);
bool hasPlanFor(const Session& session, RoundNumber round);


// The translated phase name: "Talk", "대화".
const char* phaseLabel(PhaseKind kind);
// "Round 2 of 4 — Talk" / "2라운드 / 4 — 대화"; phases without a round give the phase name alone.
std::string phaseTitle(const Session& session, const Phase& phase);
// "Not started", "Running", "Paused", "Finished"; a phase paused before its first second says so.
const char* runLabel(const TimerState& state);
// The words for the warning reached, fitting the phase ("find your next table" in a move); null without a warning.
const char* warningText(const TimerState& state);

// Seconds until what a countdown shows changes (its next second), from `state`; nullopt while nothing moves.
std::optional<double> secondsUntilNextTick(const TimerState& state);

// Text colour that reads on `rgb`: black on light colours (Okabe-Ito yellow, sky blue), white on dark ones.
std::uint32_t textColourOn(std::uint32_t rgb);

}  // namespace worldcafe::gui
