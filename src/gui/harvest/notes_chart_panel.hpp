#pragma once

#include <cstddef>
#include <optional>

#include "worldcafe/harvest.hpp"

namespace worldcafe::gui {

// Notes per menu and round: a group of bars per menu in its colour, a bar per round (later rounds lighter), the
// same picture as the HTML report's chart. Drawn with ImDrawList; hovering a group names the menu and its counts.
class NotesChartPanel {
public:
    // Returns the index of a menu group the user clicked, to show that menu.
    std::optional<std::size_t> draw(const Session& session, const Synthesis& synthesis, std::size_t selected);
};

}  // namespace worldcafe::gui
