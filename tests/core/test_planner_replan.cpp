#include <doctest/doctest.h>

// Re-plans during the event: start from the current plan and move as few people as possible.
//
// Index
// [SECTION] absences and arrivals
// [SECTION] walk-ins: seat now

#include <algorithm>

#include "test_planner_support.hpp"
#include "worldcafe/planner.hpp"

using namespace worldcafe;
using worldcafe::test::addRule;
using worldcafe::test::cafe;
using worldcafe::test::personWithId;
using worldcafe::test::seatingOf;

namespace {

PlanOptions budget(std::uint64_t seed = 1, double seconds = 1.0) {
    PlanOptions options;
    options.seed = seed;
    options.timeLimitSeconds = seconds;
    return options;
}

// People seated in a round of both plans at different tables, rounds from `fromRound` on; counted here, not by
// the planner.
int movedBetween(const std::vector<RoundPlan>& before, const std::vector<RoundPlan>& after, RoundNumber fromRound) {
    auto a = seatingOf(before), b = seatingOf(after);
    int moved = 0;
    for (const auto& [round, seats] : b) {
        if (round < fromRound) continue;
        for (const auto& [id, table] : seats) {
            auto it = a[round].find(id);
            if (it != a[round].end() && it->second != table) ++moved;
        }
    }
    return moved;
}

// The 24-person café of the walk-through: 4 hosts, 20 guests, 4 tables of 6, 4 menus, 4 rounds.
Session roomOf24() {
    Session s = cafe({.people = 24, .tables = 4, .rounds = 4, .organisations = 8});
    s.plan = planSeating(s, budget()).plan;
    return s;
}

}  // namespace

// [SECTION] absences and arrivals

TEST_CASE("replan: one absence at the move into round 2 moves nobody else (24 people, 4 tables)") {
    Session s = roomOf24();
    const std::vector<RoundPlan> current = s.plan;
    // Guest 10 leaves after round 1. Every table keeps 5 or 6 people: the even spread of 23 at 4 tables. The
    // least possible is to move nobody: each later round simply loses guest 10.
    personWithId(s, 10).untilRound = 1;
    PlanOptions options = budget();
    options.fromRound = 2;
    options.baseline = current;
    PlanResult result = planSeating(s, options);
    CHECK(findHardViolations(s, result.plan).empty());
    CHECK(result.plan[0] == current[0]);
    CHECK(movedBetween(current, result.plan, 2) == 0);
    CHECK(result.moved == 0);
    CHECK(result.leastMoves == 0);
    CHECK(result.quality.menuRevisits == 0);
    for (const RoundPlan& round : result.plan)
        if (round.round >= 2)
            for (const Seat& seat : round.seats) CHECK(seat.participant != 10);
}

TEST_CASE("replan: three absences at one table move the fewest people to keep the tables even") {
    Session s = roomOf24();
    const std::vector<RoundPlan> current = s.plan;
    // Three guests who sit together in round 2 go home after round 1: in round 2 their table drops to 3 while
    // the spread of 21 at 4 tables is 5 or 6. Two people must come over in round 2; later rounds the least
    // the bound gives. A fresh plan moves far more.
    std::vector<ParticipantId> together;
    TableNumber table = kNoTable;
    for (const Seat& seat : current[1].seats) {
        if (seat.participant <= 4) continue;
        if (table == kNoTable) table = seat.table;
        if (seat.table == table && together.size() < 3) together.push_back(seat.participant);
    }
    REQUIRE(together.size() == 3);
    for (ParticipantId id : together) personWithId(s, id).untilRound = 1;
    PlanOptions options = budget();
    options.fromRound = 2;
    options.baseline = current;
    PlanResult result = planSeating(s, options);
    CHECK(findHardViolations(s, result.plan).empty());
    CHECK(result.quality.menuRevisits == 0);
    const int moved = movedBetween(current, result.plan, 2);
    CHECK(result.moved == moved);
    CHECK(result.leastMoves >= 2);
    CHECK(moved == result.leastMoves);
    // Round 2, the one about to start, moves exactly two people.
    CHECK(movedBetween({current[1]}, {result.plan[1]}, 2) == 2);

    options.baseline.clear();
    CHECK(movedBetween(current, planSeating(s, options).plan, 2) > moved + 10);
}

TEST_CASE("replan: an arrival is seated into a table with room and nobody else moves") {
    Session s = cafe({.people = 22, .tables = 4, .rounds = 4, .capacity = 6, .organisations = 8});
    s.plan = planSeating(s, budget()).plan;
    const std::vector<RoundPlan> current = s.plan;
    Participant late;
    late.id = 23;
    late.name = "Late";
    late.fromRound = 2;
    s.participants.push_back(late);
    PlanOptions options = budget();
    options.fromRound = 2;
    options.baseline = current;
    PlanResult result = planSeating(s, options);
    CHECK(findHardViolations(s, result.plan).empty());
    CHECK(result.moved == 0);
    CHECK(movedBetween(current, result.plan, 2) == 0);
    for (RoundNumber r = 2; r <= 4; ++r) CHECK(seatingOf(result.plan)[r].count(23) == 1);
}

TEST_CASE("replan: a keep-apart rule added during the event moves one of the two, no more") {
    Session s = roomOf24();
    const std::vector<RoundPlan> current = s.plan;
    auto seating = seatingOf(current);
    // Two guests who share a table in round 3.
    ParticipantId a = 0, b = 0;
    for (const auto& [id, table] : seating[3])
        for (const auto& [other, otherTable] : seating[3])
            if (!a && id > 4 && other > id && table == otherTable) a = id, b = other;
    REQUIRE(a != 0);
    addRule(s, RuleKind::KeepApart, a, b);
    PlanOptions options = budget();
    options.fromRound = 2;
    options.baseline = current;
    PlanResult result = planSeating(s, options);
    CHECK(findHardViolations(s, result.plan, 2).empty());
    // One of them trades tables with someone else in round 3, and both trade back in another later round so that
    // no one revisits a menu: a handful of seats, never the room.
    CHECK(movedBetween(current, result.plan, 2) <= 8);
    CHECK(result.quality.menuRevisits == 0);
}

// [SECTION] walk-ins: seat now

namespace {

Participant walkIn(ParticipantId id, RoundNumber round) {
    Participant p;
    p.id = id;
    p.name = "Walk-in " + std::to_string(id);
    p.affiliation = "Org 1";
    p.fromRound = round;
    return p;
}

}  // namespace

TEST_CASE("replan: seat now puts a walk-in at a table with room in round 2 and moves nobody") {
    Session s = cafe({.people = 22, .tables = 4, .rounds = 4, .capacity = 6, .organisations = 8});
    s.plan = planSeating(s, budget()).plan;
    const std::vector<RoundPlan> current = s.plan;
    s.participants.push_back(walkIn(23, 2));
    PlanResult result = seatNow(s, 2, budget());
    CHECK(findHardViolations(s, result.plan).empty());
    CHECK(result.plan[0] == current[0]);
    auto seating = seatingOf(result.plan);
    for (RoundNumber r = 2; r <= 4; ++r) CHECK(seating[r].count(23) == 1);
    CHECK(movedBetween(current, result.plan, 2) == 0);
    CHECK(result.moved == 0);
    CHECK(result.quality.menuRevisits == 0);
}

TEST_CASE("replan: seat now during the last round seats the walk-in and keeps the session valid") {
    Session s = cafe({.people = 22, .tables = 4, .rounds = 3, .capacity = 6, .organisations = 8});
    s.plan = planSeating(s, budget()).plan;
    const std::vector<RoundPlan> current = s.plan;
    s.participants.push_back(walkIn(23, 3));
    PlanResult result = seatNow(s, 3, budget());
    CHECK(findHardViolations(s, result.plan).empty());
    CHECK(seatingOf(result.plan)[3].count(23) == 1);
    CHECK(movedBetween(current, result.plan, 1) == 0);
    for (int r = 0; r < 2; ++r) CHECK(result.plan[r] == current[r]);
}

TEST_CASE("replan: seat now says so when every table is full") {
    Session s = cafe({.people = 24, .tables = 4, .rounds = 3, .capacity = 6, .organisations = 8});
    s.plan = planSeating(s, budget()).plan;
    s.participants.push_back(walkIn(25, 2));
    CHECK_THROWS_WITH_AS(seatNow(s, 2, budget()), doctest::Contains("no table has a free seat for 'Walk-in 25'"),
                         PlanImpossible);
}
