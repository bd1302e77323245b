#include "worldcafe/edit_rules.hpp"

#include <algorithm>
#include <string>

#include "model_numbers.hpp"
#include "worldcafe/errors.hpp"

namespace worldcafe {

namespace {

const Table& tableOrThrow(const Session& session, TableNumber number) {
    const Table* table = session.findTable(number);
    if (!table) throw ActionRejected("there is no table " + str(number));
    return *table;
}

const Participant& participantOrThrow(const Session& session, ParticipantId id) {
    const Participant* participant = session.findParticipant(id);
    if (!participant) throw ActionRejected("there is no participant " + str(id));
    return *participant;
}

int tableIndex(const Session& session, TableNumber number) {
    auto it = std::find_if(session.tables.begin(), session.tables.end(),
                           [&](const Table& t) { return t.number == number; });
    return static_cast<int>(it - session.tables.begin());
}

// The plan with every seat that `keep` refuses taken out, or nothing when no seat goes.
template <class Keep>
void dropSeats(const Session& session, Batch& batch, Keep keep) {
    std::vector<RoundPlan> plan = session.plan;
    bool changed = false;
    for (RoundPlan& round : plan) {
        auto end = std::remove_if(round.seats.begin(), round.seats.end(), [&](const Seat& s) { return !keep(s); });
        changed = changed || end != round.seats.end();
        round.seats.erase(end, round.seats.end());
    }
    if (changed) batch.actions.push_back(SetPlan{std::move(plan)});
}

Participant asGuest(Participant participant) {
    participant.role = Role::Guest;
    participant.table = kNoTable;
    return participant;
}

std::size_t notesAt(const Session& session, TableNumber number) {
    return static_cast<std::size_t>(
        std::count_if(session.notes.begin(), session.notes.end(), [&](const Note& n) { return n.table == number; }));
}

}  // namespace

Action removeParticipant(const Session& session, ParticipantId id) {
    participantOrThrow(session, id);
    Batch batch{"remove participant " + str(id), {}};
    for (const Rule& rule : session.rules)
        if (rule.a == id || rule.b == id) batch.actions.push_back(Remove<Rule>{rule.id});
    dropSeats(session, batch, [&](const Seat& seat) { return seat.participant != id; });
    batch.actions.push_back(Remove<Participant>{id});
    return collapseBatch(std::move(batch));
}

Action removeTable(const Session& session, TableNumber number) {
    tableOrThrow(session, number);
    if (std::size_t notes = notesAt(session, number); notes > 0)
        throw ActionRejected("table " + str(number) + " holds " + str(static_cast<long long>(notes)) +
                             (notes == 1 ? " note" : " notes") +
                             " from the café, which would lose their table: renumber the table instead");
    Batch batch{"remove table " + str(number), {}};
    for (const Participant& participant : session.participants) {
        if (participant.table != number) continue;
        // A host without a table is an error; a guest pinned to nothing is simply unpinned.
        batch.actions.push_back(Put<Participant>{asGuest(participant)});
    }
    dropSeats(session, batch, [&](const Seat& seat) { return seat.table != number; });
    batch.actions.push_back(Remove<Table>{number});
    return collapseBatch(std::move(batch));
}

Action removeMenu(const Session& session, MenuId id) {
    if (!session.findMenu(id)) throw ActionRejected("there is no menu " + str(id));
    auto notes = std::count_if(session.notes.begin(), session.notes.end(), [&](const Note& n) { return n.menu == id; });
    if (notes > 0)
        throw ActionRejected("menu " + str(id) + " has " + str(notes) + (notes == 1 ? " note" : " notes") +
                             " from the café, which would lose their question");
    if (std::any_of(session.themes.begin(), session.themes.end(), [&](const Theme& t) { return t.menu == id; }))
        throw ActionRejected("menu " + str(id) + " has themes in the harvest, which would lose their question");
    Batch batch{"remove menu " + str(id), {}};
    for (const Table& table : session.tables) {
        if (table.menu != id) continue;
        // Which question the table takes up instead is the organiser's choice, not a guess.
        Table cleared = table;
        cleared.menu = kNoMenu;
        batch.actions.push_back(Put<Table>{cleared});
    }
    batch.actions.push_back(Remove<Menu>{id});
    return collapseBatch(std::move(batch));
}

Action assignHost(const Session& session, TableNumber table, ParticipantId host) {
    tableOrThrow(session, table);
    const Participant* former = session.hostOf(table);
    const ParticipantId formerId = former ? former->id : 0;
    if (host == formerId)
        throw ActionRejected(host == 0 ? "table " + str(table) + " has no host"
                                       : "participant " + str(host) + " already hosts table " + str(table));
    Batch batch{"host table " + str(table), {}};
    if (former) batch.actions.push_back(Put<Participant>{asGuest(*former)});
    if (host != 0) {
        Participant chosen = participantOrThrow(session, host);
        // A keep-together partner fixed to another table could never sit with a host who stays at this one.
        for (const Rule& rule : session.rules) {
            if (rule.kind != RuleKind::KeepTogether || (rule.a != host && rule.b != host)) continue;
            const Participant* partner = session.findParticipant(rule.a == host ? rule.b : rule.a);
            if (!partner || partner->id == formerId || partner->table == kNoTable || partner->table == table) continue;
            throw ActionRejected("participant " + str(host) + " '" + chosen.name + "' must sit with participant " +
                                 str(partner->id) + " '" + partner->name + "', who is fixed to table " +
                                 str(partner->table) + " (rule " + str(rule.id) + ")");
        }
        chosen.role = Role::Host;
        chosen.table = table;
        batch.actions.push_back(Put<Participant>{std::move(chosen)});
    }
    return batch;
}

Action renumberTable(const Session& session, TableNumber from, TableNumber to) {
    const Table& table = tableOrThrow(session, from);
    if (to < 1) throw ActionRejected("table " + str(to) + ": table numbers start at 1");
    if (to == from) throw ActionRejected("table " + str(from) + " already has that number");
    if (session.findTable(to)) throw ActionRejected("there is already a table " + str(to));
    Table renumbered = table;
    renumbered.number = to;
    // The number is the table's key: it moves, at the same place in the list.
    Batch batch{"renumber table " + str(from) + " to " + str(to), {Remove<Table>{from}}};
    batch.actions.push_back(Put<Table>{renumbered, tableIndex(session, from)});
    for (const Participant& participant : session.participants) {
        if (participant.table != from) continue;
        Participant moved = participant;
        moved.table = to;
        batch.actions.push_back(Put<Participant>{std::move(moved)});
    }
    std::vector<RoundPlan> plan = session.plan;
    bool seated = false;
    for (RoundPlan& round : plan)
        for (Seat& seat : round.seats)
            if (seat.table == from) {
                seat.table = to;
                seated = true;
            }
    if (seated) batch.actions.push_back(SetPlan{std::move(plan)});
    for (const Note& note : session.notes) {
        if (note.table != from) continue;
        Note moved = note;
        moved.table = to;
        batch.actions.push_back(Put<Note>{std::move(moved)});
    }
    return batch;
}

}  // namespace worldcafe
