#pragma once
// The rotation planner: who sits at which table in every round.
//
// Hard rules (never broken): hosts stay at their table; each present participant sits at exactly one table per
// round; capacity; pinned seats; keep-apart and keep-together rules; nobody is seated in a round they are absent from.
// Soft goals, in this order: a new menu every round (no revisits while rounds <= menus), meet new people
// (C2 = sum over pairs of C(m,2), then E = sum of max(0, m-1), m = rounds a pair shares a table), mix affiliations
// (fewest same-affiliation pairs at a table), balanced tables (sizes differ by at most one where capacity allows).

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
};

struct PlanQuality {
    long long c2 = 0;
    long long e = 0;
    long long c2LowerBound = 0;
    long long eLowerBound = 0;
    int menuRevisits = 0;
    long long sameAffiliationPairs = 0;
    long long sameAffiliationLowerBound = 0;
    int sizeSpread = 0;      // largest minus smallest table in any round (tables in use)
    int hardViolations = 0;  // 0 for every plan the planner returns
};

struct PlanOptions {
    // Rounds before this one are frozen: taken from session.plan as they are, and their meetings count.
    RoundNumber fromRound = 1;
    std::uint64_t seed = 1;
    double timeLimitSeconds = 1.0;  // the search stops early when it reaches the lower bounds
    // Called now and then with progress in [0, 1]; returning false cancels (the best plan so far is returned).
    std::function<bool(double)> progress;
};

struct PlanResult {
    std::vector<RoundPlan> plan;  // rounds 1..session.rounds.count, frozen rounds included unchanged
    PlanQuality quality;
    bool cancelled = false;
    double elapsedMs = 0;
    std::string method;  // e.g. "construction (GF(7))" or "tabu search"
};

// Same session, options and seed give the same plan. Throws PlanImpossible.
PlanResult planSeating(const Session& session, const PlanOptions& options = {});

// Scores any plan (the planner's, or one a facilitator edited by hand) against the session.
PlanQuality scorePlan(const Session& session, const std::vector<RoundPlan>& plan);

// Every hard rule the plan breaks, each as a precise message ("round 2: table 3 seats 8, capacity 6").
std::vector<std::string> findHardViolations(const Session& session, const std::vector<RoundPlan>& plan);

}  // namespace worldcafe
