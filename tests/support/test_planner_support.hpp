#pragma once
// Sessions for the planner tests: built in code, deterministic.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "worldcafe/model.hpp"
#include "worldcafe/planner.hpp"

namespace worldcafe::test {

struct CafeShape {
    int people = 12;
    int tables = 4;
    int rounds = 3;
    int menus = 0;           // 0: one per table; table t holds menu ((t - 1) mod menus) + 1
    int capacity = 0;        // 0: an even spread
    bool hosts = true;       // people 1..tables host tables 1..tables
    int organisations = 12;  // 0: no affiliations; otherwise round robin
};

inline Session cafe(const CafeShape& shape) {
    Session s;
    s.event.title = "planner test";
    s.rounds.count = shape.rounds;
    int menus = shape.menus > 0 ? shape.menus : shape.tables;
    for (int m = 1; m <= menus; ++m) s.menus.push_back(Menu{m, "Menu " + std::to_string(m), "", defaultMenuColour(0)});
    int capacity = shape.capacity > 0 ? shape.capacity : (shape.people + shape.tables - 1) / shape.tables;
    for (int t = 1; t <= shape.tables; ++t) s.tables.push_back(Table{t, (t - 1) % menus + 1, capacity});
    for (int id = 1; id <= shape.people; ++id) {
        Participant p;
        p.id = id;
        p.name = "P" + std::to_string(id);
        if (shape.organisations > 0) p.affiliation = "Org " + std::to_string((id - 1) % shape.organisations + 1);
        if (shape.hosts && id <= shape.tables) {
            p.role = Role::Host;
            p.table = id;
        }
        s.participants.push_back(p);
    }
    return s;
}

inline Participant& personWithId(Session& s, ParticipantId id) {
    for (Participant& p : s.participants)
        if (p.id == id) return p;
    throw std::runtime_error("no participant " + std::to_string(id));
}

inline void addRule(Session& s, RuleKind kind, ParticipantId a, ParticipantId b) {
    s.rules.push_back(Rule{s.nextRuleId(), kind, a, b});
}

// round -> participant -> table
using Seating = std::map<RoundNumber, std::map<ParticipantId, TableNumber>>;

inline Seating seatingOf(const std::vector<RoundPlan>& plan) {
    Seating seating;
    for (const RoundPlan& round : plan)
        for (const Seat& seat : round.seats) seating[round.round][seat.participant] = seat.table;
    return seating;
}

// How many rounds each pair shares a table, counted independently of the planner's own scoring.
inline std::map<std::pair<ParticipantId, ParticipantId>, int> meetings(const std::vector<RoundPlan>& plan) {
    std::map<std::pair<ParticipantId, ParticipantId>, int> count;
    for (const RoundPlan& round : plan) {
        std::map<TableNumber, std::vector<ParticipantId>> byTable;
        for (const Seat& seat : round.seats) byTable[seat.table].push_back(seat.participant);
        for (auto& [table, members] : byTable)
            for (std::size_t a = 0; a < members.size(); ++a)
                for (std::size_t b = a + 1; b < members.size(); ++b) ++count[std::minmax(members[a], members[b])];
    }
    return count;
}

}  // namespace worldcafe::test
