#include "planner_search.hpp"

// Where the search starts: the plan people already follow (a re-plan that moves few people), or a greedy seating.
// Index
// [SECTION] baseline: re-plans that move few people
// [SECTION] greedy start

#include <algorithm>
#include <climits>
#include <numeric>

#include "worldcafe/planner.hpp"

namespace worldcafe::planner {

// [SECTION] baseline: re-plans that move few people

void Search::setBaseline(std::vector<int> baseline) {
    m_baseline = std::move(baseline);
    m_moveWeight.assign(static_cast<std::size_t>(m_r), kWeightMove);
    if (!m_freeRounds.empty()) m_moveWeight[m_freeRounds.front()] = kWeightMoveNow;
    // Per round: hosts and pinned guests whose baseline table is not theirs must move; beyond them, tables above
    // the even spread must lose people and those below it gain people, which arrivals can do without a move.
    m_movesBound = 0;
    m_leastMoves = 0;
    for (int r : m_freeRounds) {
        std::vector<int> size(static_cast<std::size_t>(m_t), 0);
        int forced = 0, arrivals = 0;
        for (const Unit& u : m.units[r])
            for (int i : u.members) {
                int base = m_baseline[cell(r, i)];
                if (u.fixedTable != kNone) {
                    forced += base != kNone && base != u.fixedTable;
                    ++size[u.fixedTable];
                } else if (base == kNone) {
                    ++arrivals;
                } else {
                    ++size[base];
                }
            }
        long long excess = 0, deficit = 0;
        for (int t = 0; t < m_t; ++t) {
            excess += std::max(0, size[t] - m.sizeHigh[r * m_t + t]);
            deficit += std::max(0, m.sizeLow[r * m_t + t] - size[t]);
        }
        const long long least = forced + std::max({0LL, excess, deficit - arrivals});
        m_leastMoves += static_cast<int>(least);
        m_movesBound += least * m_moveWeight[r];
    }
}

// After the baseline's seats: while a table is outside the even spread, the cheapest single move that brings the
// round closer to it (someone the baseline does not seat first, as they cost no move).
void Search::rebalance(int r) {
    auto outside = [&](int t, int size) { return std::max(0, size - high(r, t)) + std::max(0, low(r, t) - size); };
    for (int step = 0; step < m_n + m_t; ++step) {
        bool over = false, under = false;
        for (int t = 0; t < m_t; ++t) {
            int size = static_cast<int>(membersOf(r, t).size());
            over = over || size > high(r, t);
            under = under || size < low(r, t);
        }
        if (!over && !under) return;
        long long bestCost = LLONG_MAX;
        int bestPerson = kNone, bestTo = kNone;
        for (int a = 0; a < m_t; ++a) {
            const int sa = static_cast<int>(membersOf(r, a).size());
            if (over ? sa <= high(r, a) : sa <= low(r, a)) continue;
            for (int b = 0; b < m_t; ++b) {
                const int sb = static_cast<int>(membersOf(r, b).size());
                if (b == a || sb + 1 > high(r, b) || (under && sb >= low(r, b))) continue;
                if (outside(a, sa - 1) + outside(b, sb + 1) >= outside(a, sa) + outside(b, sb)) continue;
                for (int i : membersOf(r, a)) {
                    const Unit& u = unit(r, m.unitIndex(r, i));
                    if (u.fixedTable != kNone || u.members.size() != 1) continue;
                    long long cost = moveDelta(r, i, a, b) + revisitDelta(i, a, b);
                    const std::uint8_t* met = &m_meet[static_cast<std::size_t>(i) * static_cast<std::size_t>(m_n)];
                    for (int j : membersOf(r, b)) {
                        cost += m_increase[met[j]] + (apart(i, j) ? kWeightHard : 0);
                        int f = m.affiliation[i];
                        if (f != kNone && f == m.affiliation[j]) cost += kWeightAffiliation;
                    }
                    m_work += membersOf(r, b).size();
                    if (cost < bestCost) {
                        bestCost = cost;
                        bestPerson = i;
                        bestTo = b;
                    }
                }
            }
        }
        if (bestPerson == kNone) return;
        removeFrom(r, bestPerson);
        addTo(r, bestPerson, bestTo);
    }
}

// [SECTION] greedy start

void Search::start(const std::vector<int>* given) {
    reset();
    for (int r : m_freeRounds) greedyRound(r, given);
    buildTables();
    m_bestCost = m_totals.cost();
    m_currentIsBest = true;
    m_bestFoundMs = millisecondsSince(m_limits.start);
}

void Search::greedyRound(int r, const std::vector<int>* given) {
    const std::vector<Unit>& units = m.units[r];
    std::vector<int> rest;
    long long present = 0;
    for (std::size_t u = 0; u < units.size(); ++u) {
        const Unit& unit = units[u];
        present += static_cast<long long>(unit.members.size());
        int table = unit.fixedTable;
        if (table == kNone && given) table = (*given)[cell(r, unit.members[0])];
        if (table == kNone) {
            rest.push_back(static_cast<int>(u));
            continue;
        }
        for (int i : unit.members) addTo(r, i, table);
    }
    // The hardest to place first: keep-together groups, people with keep-apart rules, members of large
    // organisations (so that they spread while every table has room); otherwise random.
    std::vector<int> organisationSize(static_cast<std::size_t>(m_n) + 1, 0);
    for (int i = 0; i < m_n; ++i)
        if (m.affiliation[i] != kNone && m.isIn(r, i)) ++organisationSize[m.affiliation[static_cast<std::size_t>(i)]];
    std::shuffle(rest.begin(), rest.end(), m_rng);
    auto difficulty = [&](int u) {
        const Unit& unit = units[u];
        long long apartRules = 0, organisation = 0;
        for (int i : unit.members) {
            apartRules += static_cast<long long>(m.apart[i].size());
            int a = m.affiliation[i];
            if (a != kNone) organisation = std::max<long long>(organisation, organisationSize[a]);
        }
        return static_cast<long long>(unit.members.size()) * 1000000000LL + std::min(apartRules, 999LL) * 1000000LL +
               organisation;
    };
    std::stable_sort(rest.begin(), rest.end(), [&](int a, int b) { return difficulty(a) > difficulty(b); });

    // Sizes end within [low, high] when the seats above `low` never exceed the people beyond the sum of `low`.
    long long lowSum = 0, excess = 0;
    for (int t = 0; t < m_t; ++t) {
        lowSum += low(r, t);
        excess += std::max(0, static_cast<int>(membersOf(r, t).size()) - low(r, t));
    }
    const long long budget = present - lowSum;
    for (int u : rest) {
        const Unit& unit = units[u];
        const int size = static_cast<int>(unit.members.size());
        int best = kNone;
        long long bestCost = LLONG_MAX, bestExtra = 0;
        int ties = 0;
        for (int pass = 0; pass < 2 && best == kNone; ++pass) {
            for (int t = 0; t < m_t; ++t) {
                const std::vector<int>& list = membersOf(r, t);
                int now = static_cast<int>(list.size());
                long long extra = 0;
                if (pass == 0) {
                    if (now + size > high(r, t)) continue;
                    extra = std::max(0, now + size - low(r, t)) - std::max(0, now - low(r, t));
                    if (excess + extra > budget) continue;
                } else if (now + size > m.capacity[t]) {
                    continue;
                }
                long long cost = 2LL * now * kWeightBalance;
                for (int i : unit.members) {
                    const std::uint8_t* met = &m_meet[static_cast<std::size_t>(i) * static_cast<std::size_t>(m_n)];
                    const int affiliation = m.affiliation[i];
                    for (int j : list)
                        cost += m_increase[met[j]] +
                                (affiliation != kNone && m.affiliation[j] == affiliation ? kWeightAffiliation : 0);
                    for (int p : m.apart[i])
                        if (seatOf(r, p) == t) cost += kWeightHard;
                    if (m.revisitCounted[i] && seen(i, m.menuOf[t], 1)) cost += kWeightRevisit;
                }
                m_work += static_cast<std::uint64_t>(list.size() * unit.members.size() + 1);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = t;
                    bestExtra = extra;
                    ties = 1;
                } else if (cost == bestCost && m_rng() % static_cast<std::uint64_t>(++ties) == 0) {
                    best = t;
                    bestExtra = extra;
                }
            }
        }
        if (best == kNone) {
            std::string names, plainNames;
            for (int i : unit.members) {
                names += (names.empty() ? "" : ", ") + m.who(i);
                plainNames += (plainNames.empty() ? "" : ", ") + m.name(i);
            }
            throw PlanImpossible("round " + std::to_string(r + 1) + ": the tables' capacities leave no table for " +
                                     names + " (keep-together groups do not pack into the free seats)",
                                 "report.cannot_plan.no_room_for_group", {std::to_string(r + 1), plainNames});
        }
        excess += bestExtra;
        for (int i : unit.members) addTo(r, i, best);
    }
    if (!m_baseline.empty()) rebalance(r);
    checkRanges(r);
}

}  // namespace worldcafe::planner
