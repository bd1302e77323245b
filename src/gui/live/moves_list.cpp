#include "moves_list.hpp"

#include <algorithm>
#include <unordered_map>

#include "worldcafe/printables.hpp"

namespace worldcafe::gui {

std::vector<MoveEntry> movesInto(const Session& session, RoundNumber round) {
    const RoundPlan* plan = nullptr;
    for (const RoundPlan& candidate : session.plan)
        if (candidate.round == round) plan = &candidate;
    if (!plan) return {};
    std::unordered_map<ParticipantId, TableNumber> tableOf;
    for (const Seat& seat : plan->seats) tableOf[seat.participant] = seat.table;

    std::vector<MoveEntry> entries;
    entries.reserve(session.participants.size());
    for (const Participant* person : participantsInNameOrder(session)) {
        if (!person->presentIn(round)) continue;
        MoveEntry entry;
        entry.person = person;
        entry.host = person->role == Role::Host && person->table != kNoTable;
        auto seat = tableOf.find(person->id);
        entry.table = seat != tableOf.end() ? seat->second : entry.host ? person->table : kNoTable;
        if (entry.table == kNoTable) continue;
        if (const Table* table = session.findTable(entry.table)) entry.menu = session.findMenu(table->menu);
        entries.push_back(entry);
    }
    return entries;
}

void MoveUpdates::observe(const std::vector<MoveEntry>& entries, RoundNumber round, std::int64_t now) {
    const bool sameList = round == m_round;
    if (!sameList) m_since.clear();
    std::unordered_map<ParticipantId, TableNumber> tables;
    tables.reserve(entries.size());
    for (const MoveEntry& entry : entries) {
        tables[entry.person->id] = entry.table;
        if (!sameList) continue;
        auto before = m_tables.find(entry.person->id);
        // A walk-in seated now had no row: new to the list is as much news as a new table.
        if (before == m_tables.end() || before->second != entry.table) m_since[entry.person->id] = now;
    }
    m_tables = std::move(tables);
    m_round = round;
}

bool MoveUpdates::updated(ParticipantId id, std::int64_t now) const {
    auto it = m_since.find(id);
    return it != m_since.end() && now - it->second < kShowMillis;
}

std::vector<std::vector<MoveEntry>> paginate(const std::vector<MoveEntry>& entries, std::size_t perPage) {
    perPage = std::max<std::size_t>(perPage, 1);
    std::vector<std::vector<MoveEntry>> pages;
    for (std::size_t start = 0; start < entries.size(); start += perPage) {
        auto end = entries.begin() + static_cast<std::ptrdiff_t>(std::min(start + perPage, entries.size()));
        pages.emplace_back(entries.begin() + static_cast<std::ptrdiff_t>(start), end);
    }
    return pages;
}

}  // namespace worldcafe::gui
