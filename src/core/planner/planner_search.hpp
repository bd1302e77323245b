#pragma once
// The planner's search: a seating state with incremental costs, a greedy start, and a tabu search over swaps and
// moves within a round. Also the constructions (planner_construct.cpp) that give the search a perfect start.
//
// Index
// [SECTION] costs
// [SECTION] constructions
// [SECTION] search

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "planner_model.hpp"

namespace worldcafe::planner {

inline double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// [SECTION] costs

// Lexicographic in practice: one move changes a lower term by far less than the weight above it.
inline constexpr long long kWeightBalance = 1;
inline constexpr long long kWeightAffiliation = 1LL << 8;
inline constexpr long long kWeightE = 1LL << 16;
inline constexpr long long kWeightC2 = 1LL << 24;
// Re-plans from a baseline: a person off their baseline table in the round about to start, or in a later round.
// One move outweighs any change of repeats it could buy (at most a few dozen pairs, 2^24 each).
inline constexpr long long kWeightMove = 1LL << 34;
inline constexpr long long kWeightMoveNow = 1LL << 37;
inline constexpr long long kWeightRevisit = 1LL << 41;
inline constexpr long long kWeightHard = 1LL << 48;

struct Totals {
    long long hard = 0;  // keep-apart pairs at one table
    long long revisits = 0;
    long long c2 = 0;
    long long e = 0;
    long long sameAffiliation = 0;
    long long balance = 0;  // sum of squared table sizes in the rounds to plan
    long long moves = 0;    // weighted: kWeightMoveNow or kWeightMove per seat off the baseline
    long long cost() const {
        return hard * kWeightHard + revisits * kWeightRevisit + moves + c2 * kWeightC2 + e * kWeightE +
               sameAffiliation * kWeightAffiliation + balance * kWeightBalance;
    }
};

// [SECTION] constructions

struct Construction {
    std::vector<int> seats;  // rounds * people: a table, or kNone for people the greedy seats
    std::string name;        // "GF(7)", "Kirkman's schoolgirls", ...
    bool relabel = false;    // nobody is fixed at these tables: which group sits at which table is free
    // People with no pin, absence or keep-together rule: trading two itineraries changes only same-affiliation pairs
    // (and keep-apart rules, which the trade's cost counts).
    std::vector<char> interchangeable;
};

// A known zero-repeat design when the session has the shape of one; nothing otherwise.
std::optional<Construction> construct(const Model& model, std::mt19937_64& rng);

// Galois field GF(q) for a prime power q: elements 0..q-1, as digits of polynomials over GF(p).
class GaloisField {
public:
    static std::optional<GaloisField> make(int q);
    int size() const { return m_q; }
    int add(int a, int b) const;
    int mul(int a, int b) const;

private:
    int m_q = 0, m_p = 0, m_degree = 0;
    std::vector<int> m_log, m_exp;
};

// [SECTION] search

struct SearchLimits {
    std::chrono::steady_clock::time_point start;
    std::chrono::steady_clock::time_point deadline;
    std::uint64_t workBudget = 0;  // deterministic stop: pair look-ups, about 10^8 a second on one core
    std::function<bool(double)> progress;
};

class Search {
public:
    Search(const Model& model, const Bounds& bounds, std::uint64_t seed, SearchLimits limits);

    // A plan to change as little as possible (rounds * people: a table or kNone); before start(). The start then
    // takes it as `given`, and rebalances rounds it leaves outside the even spread with the fewest moves.
    void setBaseline(std::vector<int> baseline);
    // Fewest seats any plan must move off the baseline (a lower bound), and how many the best seating moves.
    int leastMoves() const { return m_leastMoves; }
    // Seats everyone: `given` people first (a construction), then the rest greedily. Throws PlanImpossible when
    // keep-together groups cannot be packed into the tables.
    void start(const std::vector<int>* given);
    // Which group sits at which table, round by round, for the fewest revisits (constructions without hosts).
    void relabelTables();
    // Trades whole itineraries between interchangeable people for fewer same-affiliation pairs.
    void swapItineraries(const std::vector<char>& interchangeable);
    // Tabu search from the current seating; keeps the best seating seen.
    void improve();
    // Ends the search `time` before the time limit (at most half of it), for what follows it to fit in the limit.
    void reserve(std::chrono::steady_clock::duration time) {
        m_limits.deadline -= std::min(time, (m_limits.deadline - m_limits.start) / 2);
    }

    bool atBounds() const;
    bool cancelled() const { return m_cancelled; }
    std::uint64_t work() const { return m_work; }
    bool searched() const { return m_iterations > 0; }
    double bestFoundMs() const { return m_bestFoundMs; }
    const Totals& totals() const { return m_totals; }
    // The best seating: rounds * people, a table or kNone (absent, or a frozen round).
    std::vector<int> bestSeats();

private:
    // [SECTION] state
    std::size_t cell(int r, int i) const {
        return static_cast<std::size_t>(r) * static_cast<std::size_t>(m_n) + static_cast<std::size_t>(i);
    }
    int& seatOf(int r, int i) { return m_seat[cell(r, i)]; }
    int seatOf(int r, int i) const { return m_seat[cell(r, i)]; }
    std::vector<int>& membersOf(int r, int t) { return m_members[r * m_t + t]; }
    const std::vector<int>& membersOf(int r, int t) const { return m_members[r * m_t + t]; }
    // How often i and j have shared a table: a people x people matrix for small cafés; for large ones counted from
    // the seats (each round compared), so that memory stays linear in people x rounds.
    int meet(int i, int j) const {
        if (!m_sparse)
            return m_meet[static_cast<std::size_t>(i) * static_cast<std::size_t>(m_n) + static_cast<std::size_t>(j)];
        return sharedRounds(i, j);
    }
    int sharedRounds(int i, int j) const;
    // How often person i has had `menu`: people x menus for small cafés; for large ones a slot per round and
    // person (nobody has more menus than rounds), as people x menus was 20 MB of cache misses at 10,000 people.
    std::uint8_t& visits(int i, int menu) {
        if (!m_sparse) return m_visits[static_cast<std::size_t>(i) * m_menus + menu];
        const std::size_t base = static_cast<std::size_t>(i) * static_cast<std::size_t>(m_r);
        for (std::size_t k = base; k < base + static_cast<std::size_t>(m_r); ++k)
            if (m_visitMenu[k] == menu) return m_visits[k];
        // A new menu for i: a slot no menu holds any more (one is free, as i sits once a round).
        std::size_t free = base;
        while (free + 1 < base + static_cast<std::size_t>(m_r) && m_visits[free] != 0) ++free;
        m_visitMenu[free] = menu;
        return m_visits[free];
    }
    std::uint8_t visits(int i, int menu) const {
        if (!m_sparse) return m_visits[static_cast<std::size_t>(i) * m_menus + menu];
        const std::size_t base = static_cast<std::size_t>(i) * static_cast<std::size_t>(m_r);
        for (std::size_t k = base; k < base + static_cast<std::size_t>(m_r); ++k)
            if (m_visitMenu[k] == menu) return m_visits[k];
        return 0;
    }
    // Whether person i has had `menu` at least `times` times (never for a table without a menu).
    bool seen(int i, int menu, int times) const { return menu != kNone && visits(i, menu) >= times; }
    int low(int r, int t) const { return m_low[r * m_t + t]; }
    int high(int r, int t) const { return m_high[r * m_t + t]; }
    bool frozen(int r) const { return m.frozen[r] != 0; }
    const Unit& unit(int r, int u) const { return m.units[r][u]; }
    // Gain tables. join(r, i, t): the cost of i's pairs with the people at table t (t not i's table); leave(r, i):
    // the change when i's pairs at their own table break up.
    // Dense (rounds x people x tables) only for small cafés; large ones sum the few pairs at t when asked.
    long long& join(int r, int i, int t) {
        return m_join[cell(r, i) * static_cast<std::size_t>(m_t) + static_cast<std::size_t>(t)];
    }
    long long joinCost(int r, int i, int t) {
        if (!m_sparse) return join(r, i, t);
        long long sum = 0;
        for (int x : membersOf(r, t)) sum += pairJoin(i, x);
        m_work += membersOf(r, t).size();
        return sum;
    }
    long long& leave(int r, int i) { return m_leave[cell(r, i)]; }
    bool apart(int i, int j) const;
    long long pairJoin(int i, int j) const;   // cost of i and j sharing a table once more
    long long pairLeave(int i, int j) const;  // change when i and j, now together, part
    long long revisitDelta(int i, int from, int to) const;
    long long moveCost(int r, int i, int t) const {
        if (m_baseline.empty()) return 0;
        int base = m_baseline[cell(r, i)];
        return base == kNone || base == t ? 0 : m_moveWeight[r];
    }
    long long moveDelta(int r, int i, int from, int to) const { return moveCost(r, i, to) - moveCost(r, i, from); }
    void rebalance(int r);

    void reset();
    void changeMeeting(int i, int j, int step, int round);
    void addTo(int r, int i, int t);
    void removeFrom(int r, int i);
    void load(const std::vector<int>& seats);
    void buildTables();
    void greedyRound(int r, const std::vector<int>* given);
    void checkRanges(int r);

    // [SECTION] moves: units from table `from` to table `to`, and others back (none for a plain move). Mostly one
    // unit each way; a keep-together group trades places with as many people as it has.
    struct Move {
        int round = kNone, from = kNone, to = kNone;
        int out[3] = {kNone, kNone, kNone};
        int back[3] = {kNone, kNone, kNone};
        int outCount = 0, backCount = 0;
    };
    static Move swapMove(int r, int x, int a, int y, int b);
    int sizeOf(int r, const int* units, int count) const;
    bool fits(const Move& move) const;
    bool isTabu(const Move& move) const;
    long long delta(const Move& move);
    void apply(const Move& move);
    void setTabu(const Move& move, long long tenure);

    bool primaryAtBound() const;
    bool conflicted(int r, int x);
    bool iterate();
    void perturb();
    void noteBest();
    void saveBest();
    bool outOfTime();

    const Model& m;
    Bounds m_bounds;
    std::mt19937_64 m_rng;
    SearchLimits m_limits;
    int m_n, m_t, m_r, m_menus;
    std::vector<int> m_freeRounds;

    std::vector<int> m_seat;
    std::vector<std::vector<int>> m_members;
    std::vector<int> m_slot;
    std::vector<std::uint8_t> m_meet;  // dense mode only
    // Large cafés: no people x people nor people x tables structures, and the greedy start samples tables.
    bool m_sparse = false;
    std::vector<int> m_history;  // sparse mode: rounds * people, the frozen group each person sat in, or kNone
    std::vector<int> m_frozenRounds;
    std::vector<std::uint8_t> m_visits;
    std::vector<int> m_visitMenu;  // sparse mode: the menu of each slot of m_visits (people x rounds)
    std::vector<long long> m_join, m_leave;
    bool m_tablesLive = false;  // off while seating everyone from scratch, then built in one pass
    std::vector<int> m_low, m_high;
    std::vector<char> m_movable;  // in some round to plan, and not fixed there
    std::vector<int> m_baseline;  // empty, or rounds * people
    std::vector<long long> m_moveWeight;  // per round
    long long m_movesBound = 0;           // weighted, as Totals::moves
    int m_leastMoves = 0;
    Totals m_totals;
    long long m_increase[256], m_decrease[256];

    // Tabu: a person may not go back to the table they left in that round until the iteration stored.
    std::vector<int> m_tabuTable;
    std::vector<long long> m_tabuUntil;
    std::vector<int> m_candidates;

    std::vector<int> m_best;
    long long m_bestCost = 0;
    bool m_currentIsBest = false;
    double m_bestFoundMs = 0;
    long long m_iterations = 0;
    long long m_lastImprovement = 0;
    std::uint64_t m_work = 0;
    bool m_cancelled = false;
    bool m_stopped = false;
};

}  // namespace worldcafe::planner
