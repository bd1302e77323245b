#include <doctest/doctest.h>

// Index
// [SECTION] hard rules
// [SECTION] soft goals and constructions
// [SECTION] determinism, re-planning, progress
// [SECTION] impossible input

#include <algorithm>
#include <random>

#include "test_planner_support.hpp"
#include "worldcafe/planner.hpp"

using namespace worldcafe;
using worldcafe::test::addRule;
using worldcafe::test::cafe;
using worldcafe::test::CafeShape;
using worldcafe::test::meetings;
using worldcafe::test::personWithId;
using worldcafe::test::seatingOf;

namespace {

using worldcafe::test::contains;

// A work budget of `seconds` at the planner's nominal rate, and a time limit only as a safety net: what the tests
// check must not depend on how fast the machine (or a sanitizer build) is.
PlanOptions quick(std::uint64_t seed = 1, double seconds = 1.0) {
    PlanOptions options;
    options.seed = seed;
    options.workBudget = static_cast<std::uint64_t>(seconds * 2e7);
    options.timeLimitSeconds = 600.0;
    return options;
}

// 60 people at 8 tables for 4 rounds with every kind of rule: couples, pairs kept apart, pinned guests, late
// arrivals, early leavers, a large organisation, 4 menus shared by the tables.
Session constrainedCafe() {
    Session s = cafe({.people = 60, .tables = 8, .rounds = 4, .menus = 4, .capacity = 9});
    for (int id = 9; id <= 20; ++id) personWithId(s, id).affiliation = "Big Org";
    addRule(s, RuleKind::KeepTogether, 21, 22);
    addRule(s, RuleKind::KeepTogether, 23, 24);
    addRule(s, RuleKind::KeepTogether, 24, 25);  // a group of three
    addRule(s, RuleKind::KeepApart, 9, 10);
    addRule(s, RuleKind::KeepApart, 11, 12);
    addRule(s, RuleKind::KeepApart, 30, 31);
    addRule(s, RuleKind::KeepApart, 31, 32);
    personWithId(s, 40).table = 3;  // pinned guests
    personWithId(s, 41).table = 3;
    personWithId(s, 42).table = 7;
    personWithId(s, 43).fromRound = 2;
    personWithId(s, 44).fromRound = 3;
    personWithId(s, 45).untilRound = 2;
    personWithId(s, 46).untilRound = 3;
    personWithId(s, 3).untilRound = 3;           // a host who leaves early
    addRule(s, RuleKind::KeepTogether, 43, 47);  // a partner who arrives late
    return s;
}

}  // namespace

// [SECTION] hard rules

TEST_CASE("planner: every hard rule holds with hosts, pins, couples, keep-apart rules and absences") {
    Session s = constrainedCafe();
    PlanResult result = planSeating(s, quick());
    CHECK(findHardViolations(s, result.plan).empty());
    CHECK(result.quality.hardViolations == 0);
    REQUIRE(result.plan.size() == 4);
    auto seating = seatingOf(result.plan);
    for (RoundNumber round = 1; round <= 4; ++round) {
        CAPTURE(round);
        const auto& seats = seating[round];
        std::size_t seatCount = 0;
        for (const RoundPlan& r : result.plan)
            if (r.round == round) seatCount = r.seats.size();
        CHECK(seatCount == seats.size());  // nobody twice
        std::map<TableNumber, int> size;
        for (const Participant& p : s.participants) {
            CAPTURE(p.id);
            bool seated = seats.count(p.id) > 0;
            CHECK(seated == p.presentIn(round));  // present: exactly one seat; absent: none
            if (!seated) continue;
            ++size[seats.at(p.id)];
            if (p.table != kNoTable) CHECK(seats.at(p.id) == p.table);  // hosts stay, pinned guests stay
        }
        for (const auto& [table, count] : size) CHECK(count <= 9);
        for (const Rule& rule : s.rules) {
            if (!seats.count(rule.a) || !seats.count(rule.b)) continue;
            if (rule.kind == RuleKind::KeepApart)
                CHECK(seats.at(rule.a) != seats.at(rule.b));
            else
                CHECK(seats.at(rule.a) == seats.at(rule.b));
        }
    }
    // Sizes stay within one of each other where the capacity allows it.
    CHECK(result.quality.sizeSpread <= 1);
}

TEST_CASE("planner: findHardViolations names every broken rule precisely") {
    Session s = cafe({.people = 9, .tables = 2, .rounds = 2});
    s.tables[0].capacity = 3;
    s.tables[1].capacity = 6;
    personWithId(s, 5).table = 2;       // pinned
    personWithId(s, 8).untilRound = 1;  // leaves after round 1
    addRule(s, RuleKind::KeepApart, 3, 4);
    addRule(s, RuleKind::KeepTogether, 6, 7);
    // Round 1 keeps every rule; round 2 breaks all of them at once.
    std::vector<RoundPlan> plan = {
        {1, {{1, 1}, {3, 1}, {9, 1}, {2, 2}, {4, 2}, {5, 2}, {6, 2}, {7, 2}, {8, 2}}, false},
        {2, {{1, 2}, {2, 2}, {3, 1}, {4, 1}, {5, 1}, {6, 1}, {7, 2}, {8, 2}, {8, 1}, {99, 1}, {9, 9}}, false},
    };
    std::vector<std::string> broken = findHardViolations(s, plan);
    auto has = [&](const std::vector<std::string>& messages, const std::string& part) {
        return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) { return contains(m, part); });
    };
    CAPTURE(broken);
    CHECK(has(broken, "round 2: host 'P1' (1) sits at table 2 instead of table 1"));
    CHECK(has(broken, "round 2: table 2 has two hosts: 'P1' (1) and 'P2' (2)"));
    CHECK(has(broken, "round 2: 'P8' (8) is seated twice (tables 2 and 1)"));
    CHECK(has(broken, "round 2: 'P8' (8) is seated at table 2 but is absent (leaves after round 1)"));
    CHECK(has(broken, "round 2: participant 99 is seated, but does not exist"));
    CHECK(has(broken, "round 2: 'P9' (9) sits at table 9, which does not exist"));
    CHECK(has(broken, "round 2: table 1 seats 4, capacity 3"));
    CHECK(has(broken, "round 2: 'P5' (5) is pinned to table 2 but sits at table 1"));
    CHECK(has(broken, "round 2: 'P3' (3) and 'P4' (4) must be kept apart but both sit at table 1"));
    CHECK(has(broken, "round 2: 'P6' (6) and 'P7' (7) must sit together but sit at tables 1 and 2"));
    CHECK(std::none_of(broken.begin(), broken.end(), [](const std::string& m) { return m.rfind("round 1:", 0) == 0; }));
    CHECK(broken.size() == 10);
    CHECK(scorePlan(s, plan).hardViolations == 10);

    std::vector<RoundPlan> missing = {plan[0]};
    CHECK(findHardViolations(s, missing) ==
          std::vector<std::string>{"round 2: not planned: 8 people present without a seat"});
    missing.push_back(plan[0]);
    missing.back().round = 5;
    CHECK(has(findHardViolations(s, missing), "the plan has round 5, but the café has 2 rounds"));
    missing.back().round = 1;
    CHECK(has(findHardViolations(s, missing), "round 1 is in the plan twice"));
    // Rounds before fromRound are history: a table that has closed since is not a broken rule.
    CHECK(findHardViolations(s, plan, 3).empty());
}

TEST_CASE("planner: a present person is never left without a seat, an absent one never seated") {
    Session s = cafe({.people = 30, .tables = 5, .rounds = 5});
    for (int id = 6; id <= 30; id += 4) personWithId(s, id).fromRound = 1 + id % 5;
    for (int id = 7; id <= 30; id += 5) personWithId(s, id).untilRound = 1 + id % 4;
    PlanResult result = planSeating(s, quick());
    CHECK(findHardViolations(s, result.plan).empty());
    auto seating = seatingOf(result.plan);
    for (const Participant& p : s.participants)
        for (RoundNumber r = 1; r <= 5; ++r) CHECK(seating[r].count(p.id) == (p.presentIn(r) ? 1u : 0u));
}

TEST_CASE("planner: a host without a table takes a free one and keeps it every round") {
    Session s = cafe({.people = 16, .tables = 4, .rounds = 3});
    personWithId(s, 2).table = kNoTable;  // host of nothing yet: table 2 is free
    PlanResult result = planSeating(s, quick());
    CHECK(findHardViolations(s, result.plan).empty());
    auto seating = seatingOf(result.plan);
    CHECK(seating[1][2] == 2);
    CHECK(seating[2][2] == 2);
    CHECK(seating[3][2] == 2);
}

// [SECTION] soft goals and constructions

TEST_CASE("planner: no guest revisits a menu while rounds <= menus, even when tables share menus") {
    std::vector<CafeShape> shapes = {
        {.people = 40, .tables = 8, .rounds = 4, .menus = 4},  // two tables per menu
        {.people = 48, .tables = 6, .rounds = 6},              // full rotation, crowded
        {.people = 36, .tables = 6, .rounds = 3, .menus = 3},
        {.people = 25, .tables = 5, .rounds = 5, .hosts = false},
        // Menus shared unevenly (menu 1 at two tables, the others at one): only unequal tables avoid revisits,
        // and a new menu every round ranks above balanced tables.
        {.people = 16, .tables = 4, .rounds = 3, .menus = 3, .capacity = 5},
        {.people = 30, .tables = 5, .rounds = 3, .menus = 3, .capacity = 10},
    };
    for (const CafeShape& shape : shapes) {
        CAPTURE(shape.people);
        CAPTURE(shape.tables);
        Session s = cafe(shape);
        PlanResult result = planSeating(s, quick());
        CHECK(result.quality.menuRevisits == 0);
        // Independently: every guest's menus are all different.
        std::map<ParticipantId, std::set<MenuId>> menus;
        std::map<ParticipantId, int> rounds;
        for (const RoundPlan& round : result.plan)
            for (const Seat& seat : round.seats) {
                if (s.findParticipant(seat.participant)->role == Role::Host) continue;
                menus[seat.participant].insert(s.findTable(seat.table)->menu);
                ++rounds[seat.participant];
            }
        for (const auto& [id, set] : menus) CHECK(static_cast<int>(set.size()) == rounds[id]);
    }
}

TEST_CASE("planner: the GF(q) construction gives zero repeats on full rotations 35/7/7 and 40/8/8") {
    for (auto [people, tables] : {std::pair{35, 7}, std::pair{40, 8}, std::pair{12, 4}}) {
        CAPTURE(people);
        Session s = cafe({.people = people, .tables = tables, .rounds = tables});
        PlanResult result = planSeating(s, quick());
        CHECK(contains(result.method, "GF(" + std::to_string(tables) + ")"));
        CHECK(result.quality.c2 == 0);
        CHECK(result.quality.e == 0);
        CHECK(result.quality.menuRevisits == 0);
        CHECK(result.quality.hardViolations == 0);
        // Independently: no pair twice, and every guest meets every host exactly once.
        for (const auto& [pair, count] : meetings(result.plan)) CHECK(count == 1);
        auto seating = seatingOf(result.plan);
        for (ParticipantId guest = tables + 1; guest <= people; ++guest) {
            std::set<TableNumber> visited;
            for (RoundNumber r = 1; r <= tables; ++r) visited.insert(seating[r][guest]);
            CHECK(static_cast<int>(visited.size()) == tables);
        }
    }
}

TEST_CASE("planner: Kirkman's schoolgirls and the social golfers 8-4-9 and 8-4-10 meet nobody twice") {
    for (auto [groups, size, rounds] :
         {std::tuple{5, 3, 7}, std::tuple{8, 4, 9}, std::tuple{8, 4, 10}, std::tuple{8, 4, 6}}) {
        CAPTURE(rounds);
        Session s = cafe({.people = groups * size, .tables = groups, .rounds = rounds, .hosts = false});
        for (Table& table : s.tables) table.menu = kNoMenu;  // a pure grouping problem
        PlanResult result = planSeating(s, quick());
        CHECK(result.quality.c2 == 0);
        CHECK(result.quality.e == 0);
        CHECK(result.quality.sizeSpread == 0);
        for (const auto& [pair, count] : meetings(result.plan)) CHECK(count == 1);
    }
}

TEST_CASE("planner: crowded tables reach the C2 lower bound with no revisits (12/3/3, 30/5/3, 60/6/4)") {
    for (auto [people, tables, rounds] : {std::tuple{12, 3, 3}, std::tuple{30, 5, 3}, std::tuple{60, 6, 4}}) {
        CAPTURE(people);
        Session s = cafe({.people = people, .tables = tables, .rounds = rounds});
        PlanResult result = planSeating(s, quick(1, 5.0));
        CHECK(result.quality.menuRevisits == 0);
        CHECK(result.quality.c2 == result.quality.c2LowerBound);
        CHECK(result.quality.c2LowerBound > 0);
    }
}

TEST_CASE("planner: larger sparse cafés get zero repeats, zero revisits and one-organisation-free tables") {
    Session s = cafe({.people = 300, .tables = 50, .rounds = 6});
    PlanResult result = planSeating(s, quick());
    CHECK(result.quality.c2 == 0);
    CHECK(result.quality.menuRevisits == 0);
    CHECK(result.quality.sameAffiliationPairs == result.quality.sameAffiliationLowerBound);
    CHECK(result.quality.sizeSpread == 0);
}

TEST_CASE("planner: scorePlan counts C2, E, revisits, same-affiliation pairs and spread of a hand-made plan") {
    Session s = cafe({.people = 6, .tables = 2, .rounds = 3, .capacity = 4, .hosts = false, .organisations = 2});
    // Odd ids are Org 1, even ids Org 2; tables 1 and 2 serve menus 1 and 2.
    std::vector<RoundPlan> plan = {
        {1, {{1, 1}, {2, 1}, {3, 1}, {4, 2}, {5, 2}, {6, 2}}, false},
        {2, {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 2}, {6, 2}}, false},
        {3, {{1, 2}, {2, 2}, {3, 1}, {4, 1}, {5, 1}, {6, 1}}, false},
    };
    PlanQuality q = scorePlan(s, plan);
    // 1-2 and 5-6 meet 3 times; 1-3, 2-3, 3-4, 4-5, 4-6 twice: C2 = 2 * 3 + 5 = 11, E = 2 * 2 + 5 = 9.
    CHECK(q.c2 == 11);
    CHECK(q.e == 9);
    // Menus: 1 and 2: 1,1,2; 3: 1,1,1; 4: 2,1,1; 5 and 6: 2,2,1.
    CHECK(q.menuRevisits == 1 + 1 + 2 + 1 + 1 + 1);
    // Round 1: 1-3, 4-6; round 2: 1-3, 2-4; round 3: 3-5, 4-6.
    CHECK(q.sameAffiliationPairs == 6);
    CHECK(q.sizeSpread == 2);
    CHECK(q.hardViolations == 0);
    // A table without a menu has nothing to revisit.
    for (Table& table : s.tables) table.menu = kNoMenu;
    CHECK(scorePlan(s, plan).menuRevisits == 0);
}

// [SECTION] determinism, re-planning, progress

TEST_CASE("planner: the same session and seed give the same plan; another seed may differ") {
    // With every kind of rule; the search ends at its bounds, so the clock (a slow sanitizer build) plays no part.
    Session s = cafe({.people = 80, .tables = 10, .rounds = 4, .organisations = 0});
    addRule(s, RuleKind::KeepTogether, 21, 22);
    addRule(s, RuleKind::KeepApart, 23, 24);
    personWithId(s, 25).table = 3;
    personWithId(s, 26).fromRound = 2;
    personWithId(s, 27).untilRound = 3;
    PlanResult a = planSeating(s, quick(7, 30.0));
    PlanResult b = planSeating(s, quick(7, 30.0));
    CHECK(a.plan == b.plan);
    CHECK(a.method == b.method);
    CHECK(a.quality.c2 == a.quality.c2LowerBound);
    CHECK(planSeating(s, quick(8, 30.0)).plan != a.plan);
}

TEST_CASE("planner: re-planning keeps the frozen rounds and does not seat pairs from them together again") {
    Session s = cafe({.people = 48, .tables = 8, .rounds = 5});
    PlanResult first = planSeating(s, quick());
    s.plan = first.plan;
    personWithId(s, 20).untilRound = 2;  // leaves after round 2
    personWithId(s, 30).untilRound = 2;
    PlanOptions options = quick(3, 10.0);  // it stops at the bound (zero) long before
    options.fromRound = 3;
    PlanResult again = planSeating(s, options);
    REQUIRE(again.plan.size() == 5);
    CHECK(again.plan[0] == first.plan[0]);
    CHECK(again.plan[1] == first.plan[1]);
    CHECK(findHardViolations(s, again.plan).empty());
    auto seating = seatingOf(again.plan);
    CHECK(seating[3].count(20) == 0);
    // Every pair that met in rounds 1-2 is apart in rounds 3-5 (possible here: the bound is zero).
    CHECK(again.quality.c2LowerBound == 0);
    CHECK(again.quality.c2 == 0);
    for (const auto& [pair, count] : meetings(again.plan)) CHECK(count == 1);
    CHECK(again.quality.menuRevisits == 0);
    CHECK(scorePlan(s, again.plan, 3).c2 == again.quality.c2);
}

TEST_CASE("planner: frozen meetings count even when the remaining rounds are crowded") {
    // Round 1 is forced by hand: everyone at two tables; re-plan rounds 2-3 with the bound from round 1.
    Session s = cafe({.people = 8, .tables = 2, .rounds = 3, .capacity = 4, .hosts = false, .organisations = 0});
    for (Table& table : s.tables) table.menu = kNoMenu;  // no menus: only the meetings matter
    s.plan = {{1, {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 2}, {6, 2}, {7, 2}, {8, 2}}, false}};
    PlanOptions options = quick();
    options.fromRound = 2;
    PlanResult result = planSeating(s, options);
    CHECK(result.plan[0] == s.plan[0]);
    // Rounds 1 and 2: each round-1 table of 4 spreads over 2 tables as 2 + 2 at best: 2 pairs each, 4 in all.
    // Rounds 2 and 3 the same, and rounds 1 and 3: C2 >= 12, and the search finds it.
    CHECK(result.quality.c2LowerBound == 12);
    CHECK(result.quality.c2 == 12);
}

TEST_CASE("planner: locked rounds in the session's plan are kept as they are") {
    Session s = cafe({.people = 24, .tables = 4, .rounds = 4});
    PlanResult first = planSeating(s, quick());
    s.plan = first.plan;
    s.plan[2].locked = true;  // round 3
    PlanResult again = planSeating(s, quick(9));
    CHECK(again.plan[2] == s.plan[2]);
    CHECK(findHardViolations(s, again.plan).empty());
}

TEST_CASE("planner: progress is reported in [0, 1] and cancelling returns a valid plan") {
    Session s = cafe({.people = 60, .tables = 6, .rounds = 4});
    std::vector<double> seen;
    PlanOptions options = quick(1, 30.0);
    options.progress = [&](double fraction) {
        seen.push_back(fraction);
        return seen.size() < 5;
    };
    PlanResult result = planSeating(s, options);
    CHECK(result.cancelled);
    REQUIRE(seen.size() == 5);
    for (double fraction : seen) CHECK((fraction >= 0.0 && fraction <= 1.0));
    CHECK(findHardViolations(s, result.plan).empty());
    // Stopped by the cancel, long before the budget of 30 nominal seconds.
    CHECK(result.work < quick(1, 30.0).workBudget / 10);
}

TEST_CASE("planner: the work budget is honoured and a larger one buys more search") {
    Session s = cafe({.people = 60, .tables = 6, .rounds = 4});
    PlanResult small = planSeating(s, quick(1, 0.05));
    CHECK(small.quality.hardViolations == 0);
    CHECK_FALSE(small.cancelled);
    // The budget is checked between steps: it may be passed by one step's work, not by another budget's worth.
    CHECK(small.work >= quick(1, 0.05).workBudget);
    CHECK(small.work < 2 * quick(1, 0.05).workBudget);
    PlanResult large = planSeating(s, quick(1, 0.2));
    CHECK(large.work > small.work);
    // Same budget, same seed: the same plan, however busy the machine.
    CHECK(planSeating(s, quick(1, 0.05)).plan == small.plan);
}

TEST_CASE("planner: a time limit of zero stops the search at once with a valid plan") {
    Session s = cafe({.people = 60, .tables = 6, .rounds = 4});
    PlanOptions options = quick(1, 1000.0);
    options.timeLimitSeconds = 0.0;
    PlanResult result = planSeating(s, options);
    CHECK(result.quality.hardViolations == 0);
    CHECK(result.work < options.workBudget / 1000);
}

// [SECTION] impossible input

TEST_CASE("planner: impossible input throws PlanImpossible with the reason") {
    struct Case {
        std::string name;
        std::function<void(Session&)> change;
        std::string reason;
    };
    std::vector<Case> cases = {
        {"capacity",
         [](Session& s) {
             for (Table& t : s.tables) t.capacity = 2;
         },
         "round 1: capacity too small: 12 people are present, but the 4 tables seat 8"},
        {"capacity in one round",
         [](Session& s) {
             for (Table& t : s.tables) t.capacity = 2;
             for (int id = 9; id <= 12; ++id) personWithId(s, id).untilRound = 1;
         },
         "round 1: capacity too small"},
        {"pin to a missing table", [](Session& s) { personWithId(s, 7).table = 9; },
         "'P7' (7) is pinned to table 9, but there is no table 9"},
        {"host at a missing table", [](Session& s) { personWithId(s, 2).table = 5; },
         "host 'P2' (2) is at table 5, but there is no table 5"},
        {"together and apart",
         [](Session& s) {
             addRule(s, RuleKind::KeepTogether, 5, 6);
             addRule(s, RuleKind::KeepApart, 6, 5);
         },
         "'P5' (5) and 'P6' (6) must be kept both together and apart"},
        {"more hosts than tables",
         [](Session& s) {
             personWithId(s, 5).role = Role::Host;
             personWithId(s, 5).table = kNoTable;
         },
         "more hosts than tables: 5 hosts for 4 tables"},
        {"two hosts at one table", [](Session& s) { personWithId(s, 2).table = 1; },
         "table 1 has two hosts: 'P1' (1) and 'P2' (2)"},
        {"together group larger than a table",
         [](Session& s) {
             for (int id = 5; id < 9; ++id) addRule(s, RuleKind::KeepTogether, id, id + 1);
         },
         "must sit together, but no table seats 5 (the largest capacity is 3)"},
        {"apart but pinned together",
         [](Session& s) {
             for (Table& t : s.tables) t.capacity = 4;
             personWithId(s, 5).table = 1;
             addRule(s, RuleKind::KeepApart, 1, 5);
         },
         "'P1' (1) and 'P5' (5) must be kept apart, but both are fixed to table 1"},
        {"together but pinned apart",
         [](Session& s) {
             personWithId(s, 5).table = 1;
             addRule(s, RuleKind::KeepTogether, 5, 6);
             personWithId(s, 6).table = 2;
         },
         "must sit together (keep-together rules), but they are fixed to table 1 and table 2"},
        {"apart inside a together group",
         [](Session& s) {
             addRule(s, RuleKind::KeepTogether, 5, 6);
             addRule(s, RuleKind::KeepTogether, 6, 7);
             addRule(s, RuleKind::KeepApart, 5, 7);
         },
         "'P5' (5) and 'P7' (7) must be kept apart, but keep-together rules put them at one table"},
        {"fixed people over capacity",
         [](Session& s) {
             for (int id = 5; id <= 7; ++id) personWithId(s, id).table = 2;
         },
         "table 2 must seat 4 people who are fixed there"},
        {"no tables",
         [](Session& s) {
             s.tables.clear();
             for (Participant& p : s.participants) p.table = kNoTable;
             for (Participant& p : s.participants) p.role = Role::Guest;
         },
         "there are no tables"},
        {"no rounds", [](Session& s) { s.rounds.count = 0; }, "the café needs at least one round"},
        {"unknown person in a rule", [](Session& s) { addRule(s, RuleKind::KeepApart, 5, 99); },
         "names participant 99, who does not exist"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        Session s = cafe({.people = 12, .tables = 4, .rounds = 3});
        c.change(s);
        std::string message;
        try {
            planSeating(s, quick());
        } catch (const PlanImpossible& error) {
            message = error.what();
        }
        CHECK(contains(message, c.reason));
    }
    // A frozen round that was never planned.
    Session s = cafe({.people = 12, .tables = 4, .rounds = 3});
    PlanOptions options = quick();
    options.fromRound = 2;
    CHECK_THROWS_WITH_AS(planSeating(s, options),
                         "round 1 comes before round 2 and is kept as it is, but the plan has no seats for it",
                         PlanImpossible);
}

TEST_CASE("planner: keep-apart rules that no seating can meet end in PlanImpossible, never in a broken plan") {
    // Four guests who must all be kept apart from each other, at three tables.
    Session s = cafe({.people = 12, .tables = 3, .rounds = 2});
    for (int a = 4; a <= 7; ++a)
        for (int b = a + 1; b <= 7; ++b) addRule(s, RuleKind::KeepApart, a, b);
    std::string message;
    try {
        planSeating(s, quick(1, 0.2));
    } catch (const PlanImpossible& error) {
        message = error.what();
    }
    CHECK(contains(message, "no plan keeps every rule: round "));
    CHECK(contains(message, "must be kept apart but both sit at table"));
}

TEST_CASE("planner: defaultCapacity spreads the fullest round evenly and fits the largest fixed group") {
    Session s = cafe({.people = 43, .tables = 8, .rounds = 4});
    CHECK(defaultCapacity(s) == 6);
    for (int id = 9; id <= 15; ++id) personWithId(s, id).table = 2;  // host 2 and seven pinned guests
    CHECK(defaultCapacity(s) == 8);
    Session small = cafe({.people = 12, .tables = 4, .rounds = 3});
    for (int id = 5; id < 10; ++id) addRule(small, RuleKind::KeepTogether, id, id + 1);
    CHECK(defaultCapacity(small) == 6);
}
