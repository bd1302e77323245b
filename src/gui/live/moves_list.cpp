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
