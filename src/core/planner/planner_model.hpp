#pragma once
// The planner's flat view of a session: people, tables, menus and rounds as small indices, the units that move
// together in each round, the rounds that are frozen, and the lower bounds. Shared by scoring, construction and
// search; not part of the public API.
//
// Index
// [SECTION] model
// [SECTION] bounds
// [SECTION] groups: a plan as who sits together

#include <cstdint>
#include <string>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe::planner {

inline constexpr int kNone = -1;

// [SECTION] model

// People who must sit at one table in a round: one person, or the present members of a keep-together group.
struct Unit {
    std::vector<int> members;
    int fixedTable = kNone;  // a host or a pinned guest among the members keeps the unit at that table
};

struct Model {
    int people = 0;
    int tables = 0;
    int rounds = 0;
    int menus = 0;  // distinct menus

    std::vector<ParticipantId> ids;
    std::vector<const Participant*> participant;
    std::vector<int> affiliation;         // index, kNone when empty
    std::vector<char> host;               // role Host
    std::vector<int> fixedTable;          // a host's table (given or assigned) or a guest's pin; kNone otherwise
    std::vector<char> revisitCounted;     // free to move: not a host, not pinned, not tied to either by a rule
    std::vector<std::vector<int>> apart;  // keep-apart partners

    std::vector<TableNumber> tableNumber;
    std::vector<int> capacity;
    std::vector<int> menuOf;  // table -> menu index; kNone for a table without a menu (never a revisit)
    int openTables = 0;       // tables with at least one seat

    std::vector<char> frozen;  // per round: taken from the session's plan as it is
    // Who is in a round: present for a round to plan, seated for a frozen one.
    std::vector<char> in;  // rounds * people

    // Rounds to plan: units, and for frozen rounds the recorded groups.
    std::vector<std::vector<Unit>> units;  // per round
    std::vector<int> unitOf;               // rounds * people, kNone when absent or frozen
    struct FrozenGroup {
        int menu = kNone;  // kNone when the table no longer exists
        std::vector<int> members;
    };
    std::vector<std::vector<FrozenGroup>> frozenGroups;  // per round

    // Balanced sizes: each table stays within [low, high] in a round unless units make that impossible.
    std::vector<int> sizeLow, sizeHigh;  // rounds * tables

    std::vector<std::pair<ParticipantId, int>> byId;    // sorted
    std::vector<std::pair<TableNumber, int>> byNumber;  // sorted

    bool isIn(int round, int person) const { return in[round * people + person] != 0; }
    int unitIndex(int round, int person) const { return unitOf[round * people + person]; }
    int indexOf(ParticipantId id) const;
    int tableIndexOf(TableNumber number) const;
    // "'Kim Minsu' (17)": how messages name a person.
    std::string who(int person) const;
    const std::string& name(int person) const;
};

struct ModelOptions {
    RoundNumber fromRound = 1;
    bool freezeLockedRounds = true;
    // Scoring builds a model of any session, even one that cannot be planned; planning throws PlanImpossible.
    bool tolerant = false;
};

// `plan` supplies the frozen rounds (the session's plan when planning, the scored plan when scoring).
Model buildModel(const Session& session, const std::vector<RoundPlan>& plan, const ModelOptions& options);

// [SECTION] bounds

// f(k, g): the fewest pairs among k people that still share a table when spread over g tables.
long long pigeonholePairs(long long k, long long g);

struct Bounds {
    long long c2 = 0;
    long long e = 0;
    long long sameAffiliation = 0;
    long long revisits = 0;  // for stopping the search; not shown
};

Bounds computeBounds(const Model& model);

// [SECTION] groups: a plan as who sits together

// A round of a plan as table index -> members, for scoring any plan including hand-edited ones.
struct RoundGroups {
    std::vector<std::vector<int>> byTable;    // tables of the session
    std::vector<std::vector<int>> elsewhere;  // seats at tables that do not exist (history after a table closed)
};

struct Figures {
    long long c2 = 0;
    long long e = 0;
    long long revisits = 0;
    long long sameAffiliation = 0;
    int sizeSpread = 0;
};

// Scores rounds given as groups; round r of `groups` is round r + 1 of the session.
Figures scoreGroups(const Model& model, const std::vector<RoundGroups>& groups);

std::vector<RoundGroups> groupsOf(const Model& model, const std::vector<RoundPlan>& plan);

}  // namespace worldcafe::planner
