#pragma once
// "Where do I go next": every person present in a round with the table they sit at, in the order people scan for
// their own name (가나다 for Korean names), cut into pages that fit the projector.

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe::gui {

struct MoveEntry {
    const Participant* person = nullptr;
    TableNumber table = kNoTable;
    const Menu* menu = nullptr;
    bool host = false;  // stays at their table
};

// Everyone present in `round` with a table in the plan (hosts at their own table), in name order.
std::vector<MoveEntry> movesInto(const Session& session, RoundNumber round);

// Who a re-plan (attendance, "Seat now") seated elsewhere while the list for a round was up: people mid-walk must
// see that their row changed. A mark lasts kShowMillis or until the phase changes; rows seen for the first time (a
// list that just appeared, another round) are never marked.
class MoveUpdates {
public:
    static constexpr std::int64_t kShowMillis = 5 * 60 * 1000;
    // The list as it is now, for `round`, at `now` (the timer's clock, milliseconds).
    void observe(const std::vector<MoveEntry>& entries, RoundNumber round, std::int64_t now);
    // A new phase: the walk these marks were for is over.
    void phaseChanged() { m_since.clear(); }
    bool updated(ParticipantId id, std::int64_t now) const;

private:
    RoundNumber m_round = kNoRound;
    std::unordered_map<ParticipantId, TableNumber> m_tables;
    std::unordered_map<ParticipantId, std::int64_t> m_since;
};

// Consecutive pages of at most `perPage` entries each; every entry lands on exactly one page.
std::vector<std::vector<MoveEntry>> paginate(const std::vector<MoveEntry>& entries, std::size_t perPage);

}  // namespace worldcafe::gui
