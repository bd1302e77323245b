#pragma once

#include "panel.hpp"

namespace worldcafe::gui {

// The newest notes in the room, newest first, for a facilitator who walks the room with an eye on the laptop:
// which tables are writing, and what about.
class NotesPanel {
public:
    static constexpr int kShown = 12;
    void draw(const PanelContext& context);
};

}  // namespace worldcafe::gui
