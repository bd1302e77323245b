#pragma once
// "Where do I go next": every person present in a round with the table they sit at, in the order people scan for
// their own name (가나다 for Korean names), cut into pages that fit the projector.

#include <cstddef>
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

// Consecutive pages of at most `perPage` entries each; every entry lands on exactly one page.
std::vector<std::vector<MoveEntry>> paginate(const std::vector<MoveEntry>& entries, std::size_t perPage);

}  // namespace worldcafe::gui
