#pragma once

#include "panel.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

// How many rounds, and how long each phase lasts: talking, moving between tables, and the closing harvest.
class RoundsPanel {
public:
    void draw(const PanelContext& context);

    // Talking in every round, moving between them, then the harvest.
    static int totalMinutes(const RoundSettings& rounds);
    // The café as a strip: each round's talk, the moves between them and the harvest, to scale.
    static void drawSchedule(const RoundSettings& rounds);

private:
    EditBuffers m_edits;
};

}  // namespace worldcafe::gui
