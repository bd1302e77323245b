#pragma once
// The rotation planner: who sits at which table in every round.
//
// Hard rules (never broken): hosts stay at their table; each present participant sits at exactly one table per
// round; capacity; pinned seats; keep-apart and keep-together rules; nobody is seated in a round they are absent from.
// Soft goals, in this order: a new menu every round (no revisits while rounds <= menus), meet new people
// (C2 = sum over pairs of C(m,2), then E = sum of max(0, m-1), m = rounds a pair shares a table), mix affiliations
// (fewest same-affiliation pairs at a table), balanced tables (sizes differ by at most one where capacity allows).
// The planner keeps every table within the even spread of each round (its fixed people and capacity permitting) and
// ranks the other goals within that; a table without a menu is never a revisit. Methods: known zero-repeat
// constructions where the session has their shape (GF(q) rotations, affine planes, Kirkman, social golfers), then a
// tabu search (src/core/planner_search.cpp) that stops at the lower bounds, on its work budget or on the time limit.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "worldcafe/errors.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe {

// The input cannot be planned without breaking a hard rule: capacity too small, a pin to a missing table, a pair
// both together and apart, more hosts than tables, ... The message says which and why.
struct PlanImpossible : Error {
    using Error::Error;
    PlanImpossible(const std::string& message, std::string plainKey, std::vector<std::string> plainArgs)
        : Error(message), key(std::move(plainKey)), args(std::move(plainArgs)) {}
    // The reason again in plain words with what to do about it, for plainReason() (plan_words.hpp): a key of the
    // report tables ("report.cannot_plan.capacity.other") and the names and numbers that fill it. Empty for the
    // rare reasons whose message is all there is.
    std::string key;
    std::vector<std::string> args;
};

// Lower bounds hold for every plan that keeps the hard rules (and the frozen rounds): pigeonhole over each pair of
// rounds, the counting bound E >= S - U, and the pairs that rules force together (couples, a host and pinned guests).
struct PlanQuality {
    long long c2 = 0;
    long long e = 0;
    long long c2LowerBound = 0;
    long long eLowerBound = 0;
    int menuRevisits = 0;  // guests free to move seated at a menu they had before; hosts and pinned guests stay by rule
    long long sameAffiliationPairs = 0;
    long long sameAffiliationLowerBound = 0;
    int sizeSpread = 0;      // largest minus smallest table in any round (tables in use)
    int hardViolations = 0;  // 0 for every plan the planner returns
};

struct PlanOptions {
    // Rounds before this one are frozen: taken from session.plan as they are, and their meetings count. Locked
    // rounds of session.plan are kept as they are too.
    RoundNumber fromRound = 1;
    std::uint64_t seed = 1;
    double timeLimitSeconds = 1.0;  // the search stops early when it reaches the lower bounds
    // The search's work budget in pair look-ups; 0: 2e7 for each second of the time limit. Tests set it (and a
    // generous time limit as a safety net) so that what they check does not depend on the machine's speed.
    std::uint64_t workBudget = 0;
    // The plan people already follow (the session's current plan during the event, or a PLAN.csv): its rounds from
    // `fromRound` on change as little as possible. With one, the goals rank: hard rules, no menu revisit, fewest
    // people moved (the round about to start weighs most), then repeats, mixing and balance. People it does not
    // seat (arrivals) are seated without counting as moved; absent people simply leave. Empty: plan anew.
    std::vector<RoundPlan> baseline;
    // Called now and then with progress in [0, 1]; returning false cancels (the best plan so far is returned).
    std::function<bool(double)> progress;
};

struct PlanResult {
    std::vector<RoundPlan> plan;  // rounds 1..session.rounds.count, frozen rounds included unchanged
    PlanQuality quality;
    bool cancelled = false;
    double elapsedMs = 0;
    std::uint64_t work = 0;  // pair look-ups the search spent: what the work budget counts
    double bestFoundMs = 0;  // when the returned plan was found; the rest went into looking for a better one
    std::string method;      // e.g. "construction (GF(7))" or "tabu search"
    // With a baseline: seats in the planned rounds at another table than the baseline's (a person moved in two
    // rounds counts twice), and the fewest any plan keeping the hard rules could have (a lower bound).
    int moved = 0;
    int leastMoves = 0;
};

// A seat that differs between two plans, in rounds from `fromRound` on: moved (both tables), new (from is
// kNoTable) or dropped (to is kNoTable). For previews that name who moves.
struct SeatChange {
    RoundNumber round = 0;
    ParticipantId participant = 0;
    TableNumber from = kNoTable;
    TableNumber to = kNoTable;
};
std::vector<SeatChange> seatChanges(const std::vector<RoundPlan>& before, const std::vector<RoundPlan>& after,
                                    RoundNumber fromRound);

// Same session, options and seed give the same plan, unless a machine much slower than the development one reaches
// the time limit before the search's own work budget (then the plan is as valid, maybe less polished).
// Throws PlanImpossible.
PlanResult planSeating(const Session& session, const PlanOptions& options = {});

// "Seat now": everyone present in `round` (under way) without a seat in session.plan's round gets one at a table
// with room, where they break no rule and revisit no menu if that can be helped, meeting the fewest people again;
// nobody else moves in that round. The rounds after it are re-planned from session.plan as baseline (fewest moves;
// a walk-in who fits in every round moves nobody). In the last round only that round changes. options.fromRound
// and options.baseline are ignored. Throws PlanImpossible when no table has room (the message says so).
PlanResult seatNow(const Session& session, RoundNumber round, const PlanOptions& options = {});

// Scores any plan (the planner's, or one a facilitator edited by hand) against the session.
PlanQuality scorePlan(const Session& session, const std::vector<RoundPlan>& plan);
// The same after a re-plan: rounds before `fromRound` are history. Their meetings and menus count and the bounds
// start from them; the rules they break (a table that has closed since) are not counted.
PlanQuality scorePlan(const Session& session, const std::vector<RoundPlan>& plan, RoundNumber fromRound);

// Every hard rule the plan breaks, each as a precise message ("round 2: table 3 seats 8, capacity 6").
std::vector<std::string> findHardViolations(const Session& session, const std::vector<RoundPlan>& plan);
// Only in rounds from `fromRound` on.
std::vector<std::string> findHardViolations(const Session& session, const std::vector<RoundPlan>& plan,
                                            RoundNumber fromRound);

// Seats per table when the organiser gives none: an even spread of the fullest round, and at least the largest
// group that must share a table (a host with pinned guests, a keep-together group).
int defaultCapacity(const Session& session);

}  // namespace worldcafe
