// "Seat now": a walk-in joins the round under way at a table with room, and only the rounds after it are re-planned.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "worldcafe/planner.hpp"

namespace worldcafe {

namespace {

struct Placement {
    long long cost = 0;
    TableNumber table = kNoTable;
};

}  // namespace

PlanResult seatNow(const Session& session, RoundNumber round, const PlanOptions& options) {
    if (round < 1 || round > session.rounds.count)
        throw PlanImpossible("round " + std::to_string(round) + " does not exist (the café has " +
                             std::to_string(session.rounds.count) + " rounds)");
    Session seated = session;
    auto current = std::find_if(seated.plan.begin(), seated.plan.end(),
                                [&](const RoundPlan& p) { return p.round == round; });
    if (current == seated.plan.end())
        throw PlanImpossible("round " + std::to_string(round) + " has no seating yet: plan it first");

    std::map<TableNumber, const Table*> tables;
    for (const Table& table : session.tables) tables[table.number] = &table;
    std::map<TableNumber, std::vector<ParticipantId>> at;
    std::set<ParticipantId> hasSeat;
    for (const Seat& seat : current->seats) {
        at[seat.table].push_back(seat.participant);
        hasSeat.insert(seat.participant);
    }
    // What the rounds before this one already gave: meetings and menus.
    std::map<std::pair<ParticipantId, ParticipantId>, int> met;
    std::map<ParticipantId, std::set<MenuId>> menusSeen;
    for (const RoundPlan& earlier : session.plan) {
        if (earlier.round >= round) continue;
        std::map<TableNumber, std::vector<ParticipantId>> groups;
        for (const Seat& seat : earlier.seats) groups[seat.table].push_back(seat.participant);
        for (const auto& [number, members] : groups) {
            auto table = tables.find(number);
            if (table != tables.end() && table->second->menu != kNoMenu)
                for (ParticipantId id : members) menusSeen[id].insert(table->second->menu);
            for (std::size_t a = 0; a < members.size(); ++a)
                for (std::size_t b = a + 1; b < members.size(); ++b) ++met[std::minmax(members[a], members[b])];
        }
    }
    auto apart = [&](ParticipantId a, ParticipantId b) {
        for (const Rule& rule : session.rules)
            if (rule.kind == RuleKind::KeepApart && std::minmax(rule.a, rule.b) == std::minmax(a, b)) return true;
        return false;
    };
    auto partnerTable = [&](ParticipantId id) {
        for (const Rule& rule : session.rules) {
            if (rule.kind != RuleKind::KeepTogether || (rule.a != id && rule.b != id)) continue;
            ParticipantId other = rule.a == id ? rule.b : rule.a;
            for (const Seat& seat : current->seats)
                if (seat.participant == other) return seat.table;
        }
        return kNoTable;
    };
    auto affiliationOf = [&](ParticipantId id) {
        const Participant* p = session.findParticipant(id);
        return p ? p->affiliation : std::string();
    };

    for (const Participant& person : session.participants) {
        if (!person.presentIn(round) || hasSeat.count(person.id)) continue;
        TableNumber required = person.table != kNoTable ? person.table : partnerTable(person.id);
        Placement best;
        best.cost = -1;
        for (const auto& [number, table] : tables) {
            if (required != kNoTable && number != required) continue;
            const std::vector<ParticipantId>& members = at[number];
            if (static_cast<int>(members.size()) >= table->capacity) continue;
            bool allowed = true;
            long long cost = static_cast<long long>(members.size());  // the emptier table first
            for (ParticipantId other : members) {
                if (apart(person.id, other)) allowed = false;
                auto it = met.find(std::minmax(person.id, other));
                if (it != met.end()) cost += 1000LL * it->second;
                if (!person.affiliation.empty() && affiliationOf(other) == person.affiliation) cost += 100;
            }
            if (!allowed) continue;
            if (table->menu != kNoMenu && menusSeen[person.id].count(table->menu)) cost += 1000000;
            if (best.cost < 0 || cost < best.cost) best = {cost, number};
        }
        if (best.table == kNoTable) {
            std::string name = "'" + person.name + "' (" + std::to_string(person.id) + ")";
            throw PlanImpossible("round " + std::to_string(round) + ": no table has a free seat for " + name +
                                     (required != kNoTable ? " at table " + std::to_string(required)
                                                           : " (every table is full or seats someone to keep apart)"),
                                 "report.cannot_plan.no_free_seat", {person.name, std::to_string(round)});
        }
        current->seats.push_back(Seat{person.id, best.table});
        at[best.table].push_back(person.id);
        hasSeat.insert(person.id);
    }

    if (round == session.rounds.count) {
        PlanResult result;
        result.plan = seated.plan;
        std::sort(result.plan.begin(), result.plan.end(),
                  [](const RoundPlan& a, const RoundPlan& b) { return a.round < b.round; });
        result.quality = scorePlan(seated, result.plan, round);
        result.method = "seated now";
        return result;
    }
    PlanOptions later = options;
    later.fromRound = round + 1;
    later.baseline = seated.plan;
    PlanResult result = planSeating(seated, later);
    result.method = "seated now; " + result.method;
    return result;
}

}  // namespace worldcafe
