#include <doctest/doctest.h>

// The lower bounds are valid (no plan goes below them, checked by brute force on tiny cafés and on the planner's
// own plans for random ones) and the planner finds the best plan where brute force can tell.

#include <algorithm>
#include <climits>
#include <functional>
#include <map>
#include <random>
#include <tuple>

#include "planner_model.hpp"
#include "test_planner_support.hpp"
#include "worldcafe/planner.hpp"

using namespace worldcafe;
using worldcafe::test::addRule;
using worldcafe::test::cafe;
using worldcafe::test::personWithId;

namespace {

struct Figures {
    long long revisits = 0, c2 = 0, e = 0, sameAffiliation = 0;
    int spread = 0;
    auto key() const { return std::tuple(revisits, c2, e, sameAffiliation); }
    std::string text() const {
        return "revisits " + std::to_string(revisits) + ", C2 " + std::to_string(c2) + ", E " + std::to_string(e) +
               ", same-affiliation " + std::to_string(sameAffiliation) + ", spread " + std::to_string(spread);
    }
};

// Every plan that keeps the hard rules, scored independently of the planner.
class BruteForce {
public:
    explicit BruteForce(const Session& s) : m_session(s), m_n(static_cast<int>(s.participants.size())) {
        for (RoundNumber r = 1; r <= s.rounds.count; ++r) {
            std::vector<int> seats(static_cast<std::size_t>(m_n), -1);
            std::vector<std::vector<int>> options;
            place(r, 0, seats, options);
            m_options.push_back(std::move(options));
        }
    }

    std::size_t plans() const {
        std::size_t count = 1;
        for (const auto& options : m_options) count *= options.size();
        return count;
    }

    // The best figures over all plans (each figure on its own) and the best lexicographic key over the plans whose
    // every round is as even as the capacities allow.
    void run(Figures& lowest, Figures& bestBalanced) {
        lowest = {LLONG_MAX, LLONG_MAX, LLONG_MAX, LLONG_MAX, 0};
        bestBalanced = {LLONG_MAX, LLONG_MAX, LLONG_MAX, LLONG_MAX, 0};
        std::vector<const std::vector<int>*> chosen(m_options.size());
        std::function<void(std::size_t)> recurse = [&](std::size_t r) {
            if (r == m_options.size()) {
                Figures f = score(chosen);
                lowest.revisits = std::min(lowest.revisits, f.revisits);
                lowest.c2 = std::min(lowest.c2, f.c2);
                lowest.e = std::min(lowest.e, f.e);
                lowest.sameAffiliation = std::min(lowest.sameAffiliation, f.sameAffiliation);
                if (f.spread <= 1 && f.key() < bestBalanced.key()) bestBalanced = f;
                return;
            }
            for (const auto& option : m_options[r]) {
                chosen[r] = &option;
                recurse(r + 1);
            }
        };
        recurse(0);
    }

private:
    void place(RoundNumber round, int i, std::vector<int>& seats, std::vector<std::vector<int>>& options) {
        if (i == m_n) {
            if (keepsRules(seats)) options.push_back(seats);
            return;
        }
        const Participant& p = m_session.participants[i];
        if (!p.presentIn(round)) {
            place(round, i + 1, seats, options);
            return;
        }
        for (std::size_t t = 0; t < m_session.tables.size(); ++t) {
            const Table& table = m_session.tables[t];
            if (p.table != kNoTable && p.table != table.number) continue;
            int used = static_cast<int>(std::count(seats.begin(), seats.begin() + i, table.number));
            if (used >= table.capacity) continue;
            seats[i] = table.number;
            place(round, i + 1, seats, options);
            seats[i] = -1;
        }
    }

    bool keepsRules(const std::vector<int>& seats) const {
        for (const Rule& rule : m_session.rules) {
            int a = seats[rule.a - 1], b = seats[rule.b - 1];
            if (a < 0 || b < 0) continue;
            if ((rule.kind == RuleKind::KeepApart) == (a == b)) return false;
        }
        return true;
    }

    Figures score(const std::vector<const std::vector<int>*>& rounds) const {
        Figures f;
        for (int i = 0; i < m_n; ++i)
            for (int j = i + 1; j < m_n; ++j) {
                long long met = 0, same = 0;
                const std::string& a = m_session.participants[i].affiliation;
                bool colleagues = !a.empty() && a == m_session.participants[j].affiliation;
                for (const auto* seats : rounds) {
                    int ti = (*seats)[i], tj = (*seats)[j];
                    if (ti >= 0 && ti == tj) {
                        ++met;
                        same += colleagues;
                    }
                }
                f.c2 += met * (met - 1) / 2;
                f.e += std::max(0LL, met - 1);
                f.sameAffiliation += same;
            }
        for (int i = 0; i < m_n; ++i) {
            const Participant& p = m_session.participants[i];
            if (p.role == Role::Host || p.table != kNoTable) continue;
            std::map<MenuId, int> visits;
            for (const auto* seats : rounds) {
                int t = (*seats)[i];
                if (t < 0) continue;
                MenuId menu = m_session.findTable(t)->menu;
                if (menu != kNoMenu && visits[menu]++ >= 1) ++f.revisits;
            }
        }
        for (const auto* seats : rounds) {
            std::map<int, int> size;
            for (int t : *seats)
                if (t >= 0) ++size[t];
            int lo = INT_MAX, hi = 0;
            for (const auto& [table, count] : size) {
                hi = std::max(hi, count);
                lo = std::min(lo, count);
            }
            if (!size.empty()) f.spread = std::max(f.spread, hi - lo);
        }
        return f;
    }

    const Session& m_session;
    int m_n;
    std::vector<std::vector<std::vector<int>>> m_options;
};

void checkAgainstBruteForce(const Session& s) {
    BruteForce brute(s);
    CAPTURE(brute.plans());
    REQUIRE(brute.plans() < 2'000'000);
    Figures lowest, best;
    brute.run(lowest, best);
    PlanOptions options;
    options.workBudget = 40'000'000;  // two nominal seconds, the same on every machine
    options.timeLimitSeconds = 600.0;
    PlanResult result = planSeating(s, options);
    const PlanQuality& q = result.quality;
    // Valid bounds: no plan at all goes below them.
    CHECK(q.c2LowerBound <= lowest.c2);
    CHECK(q.eLowerBound <= lowest.e);
    CHECK(q.sameAffiliationLowerBound <= lowest.sameAffiliation);
    // The planner finds the lexicographically best even plan.
    Figures planned{q.menuRevisits, q.c2, q.e, q.sameAffiliationPairs, q.sizeSpread};
    CHECK(planned.text() == best.text());
    CHECK(q.hardViolations == 0);
}

}  // namespace

TEST_CASE("planner: f(k, g) keeps the fewest pairs together") {
    CHECK(planner::pigeonholePairs(0, 3) == 0);
    CHECK(planner::pigeonholePairs(3, 4) == 0);  // 3 people over 4 tables: all apart
    CHECK(planner::pigeonholePairs(4, 3) == 1);  // 2 + 1 + 1
    CHECK(planner::pigeonholePairs(6, 5) == 1);
    CHECK(planner::pigeonholePairs(10, 6) == 4);  // 2 + 2 + 2 + 2 + 1 + 1
    CHECK(planner::pigeonholePairs(9, 3) == 9);   // 3 + 3 + 3
    CHECK(planner::pigeonholePairs(5, 1) == 10);
}

TEST_CASE("planner: the bounds match known values") {
    // 12 people, 3 tables, 3 rounds, hosts: tables of 4 over 3 tables keep 1 pair each, per pair of rounds.
    PlanQuality q = scorePlan(cafe({.people = 12, .tables = 3, .rounds = 3}), {});
    CHECK(q.c2LowerBound == 9);
    CHECK(q.eLowerBound == 6);
    // 60/6/4: f(10, 6) = 4 per table and pair of rounds: 6 * 4 * 6 = 144; E >= ceil(2 * 144 / 4) = 72.
    q = scorePlan(cafe({.people = 60, .tables = 6, .rounds = 4}), {});
    CHECK(q.c2LowerBound == 144);
    CHECK(q.eLowerBound == 72);
    // Zero where a zero-repeat plan exists.
    CHECK(scorePlan(cafe({.people = 35, .tables = 7, .rounds = 7}), {}).c2LowerBound == 0);
    // The counting bound: 8 people at 2 tables for 4 rounds make 4 * 2 * 6 = 48 pair slots for 28 pairs: E >= 20.
    q = scorePlan(cafe({.people = 8, .tables = 2, .rounds = 4, .hosts = false}), {});
    CHECK(q.eLowerBound >= 20);
    // Same organisation: 12 people of one organisation over 4 tables share at least 4 * C(3, 2) = 12 pairs a round.
    Session one = cafe({.people = 12, .tables = 4, .rounds = 2, .hosts = false, .organisations = 1});
    CHECK(scorePlan(one, {}).sameAffiliationLowerBound == 24);
    // Pairs that rules force together: a couple present in 3 rounds gives C2 >= 3 and E >= 2.
    Session couple = cafe({.people = 12, .tables = 4, .rounds = 3});
    addRule(couple, RuleKind::KeepTogether, 5, 6);
    q = scorePlan(couple, {});
    CHECK(q.c2LowerBound == 3);
    CHECK(q.eLowerBound == 2);
}

TEST_CASE("planner: brute force on tiny cafés: the bounds hold and the planner finds the best plan") {
    SUBCASE("2 hosts, 4 guests, 2 tables, 3 rounds, 2 menus") {
        checkAgainstBruteForce(cafe({.people = 6, .tables = 2, .rounds = 3, .organisations = 3}));
    }
    SUBCASE("8 people, 2 tables of 4, 3 rounds, no hosts, no menus") {
        Session s = cafe({.people = 8, .tables = 2, .rounds = 3, .capacity = 4, .hosts = false, .organisations = 3});
        for (Table& t : s.tables) t.menu = kNoMenu;
        checkAgainstBruteForce(s);
    }
    SUBCASE("3 hosts, 5 guests, 3 tables, 3 rounds") {
        checkAgainstBruteForce(cafe({.people = 8, .tables = 3, .rounds = 3, .organisations = 2}));
    }
    SUBCASE("rules, a pinned guest and absences") {
        Session s = cafe({.people = 9, .tables = 3, .rounds = 3, .capacity = 4, .organisations = 3});
        addRule(s, RuleKind::KeepTogether, 4, 5);
        addRule(s, RuleKind::KeepApart, 6, 7);
        personWithId(s, 8).table = 2;
        personWithId(s, 9).fromRound = 2;
        personWithId(s, 6).untilRound = 2;
        checkAgainstBruteForce(s);
    }
    SUBCASE("re-planned: round 1 frozen") {
        Session s = cafe({.people = 8, .tables = 2, .rounds = 3, .capacity = 4, .hosts = false, .organisations = 2});
        for (Table& t : s.tables) t.menu = kNoMenu;
        s.plan = {{1, {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 2}, {6, 2}, {7, 2}, {8, 2}}, false}};
        // The brute force would try other first rounds: compare the bounds with the frozen round given instead.
        PlanOptions options;
        options.fromRound = 2;
        PlanResult result = planSeating(s, options);
        CHECK(result.quality.c2 == result.quality.c2LowerBound);
        CHECK(result.quality.c2LowerBound == 12);
    }
}

TEST_CASE("planner: on random cafés the planner never goes below its bounds and keeps every rule") {
    std::mt19937_64 rng(20240607);
    for (int k = 0; k < 40; ++k) {
        int tables = 2 + static_cast<int>(rng() % 7);
        int people = tables * (2 + static_cast<int>(rng() % 5)) + static_cast<int>(rng() % tables);
        int rounds = 1 + static_cast<int>(rng() % 6);
        bool hosts = rng() % 3 != 0;
        int menus = 1 + static_cast<int>(rng() % tables);
        Session s = cafe({.people = people,
                          .tables = tables,
                          .rounds = rounds,
                          .menus = menus,
                          .capacity = (people + tables - 1) / tables + static_cast<int>(rng() % 2),
                          .hosts = hosts,
                          .organisations = 1 + static_cast<int>(rng() % 6)});
        int first = hosts ? tables + 1 : 1;
        if (people - first > 6) {
            addRule(s, RuleKind::KeepApart, first, first + 1);
            addRule(s, RuleKind::KeepTogether, first + 2, first + 3);
            personWithId(s, first + 4).fromRound = 1 + static_cast<int>(rng() % rounds);
            personWithId(s, first + 5).untilRound = 1 + static_cast<int>(rng() % rounds);
        }
        CAPTURE(k);
        CAPTURE(people);
        CAPTURE(tables);
        CAPTURE(rounds);
        PlanOptions options;
        options.seed = rng();
        options.workBudget = 4'000'000;  // a fifth of a nominal second
        options.timeLimitSeconds = 600.0;
        PlanResult result = planSeating(s, options);
        const PlanQuality& q = result.quality;
        CHECK(findHardViolations(s, result.plan).empty());
        CHECK(q.c2 >= q.c2LowerBound);
        CHECK(q.e >= q.eLowerBound);
        CHECK(q.e <= q.c2);
        CHECK(q.sameAffiliationPairs >= q.sameAffiliationLowerBound);
        // With every menu at as many tables, guests can rotate between the menus without coming back.
        if (rounds <= menus && tables % menus == 0) CHECK(q.menuRevisits == 0);
        // The planner's figures agree with scoring the plan afresh.
        PlanQuality again = scorePlan(s, result.plan);
        CHECK(again.c2 == q.c2);
        CHECK(again.e == q.e);
        CHECK(again.menuRevisits == q.menuRevisits);
        CHECK(again.sameAffiliationPairs == q.sameAffiliationPairs);
        CHECK(again.c2LowerBound == q.c2LowerBound);
    }
}
