#pragma once

#include "panel.hpp"

namespace worldcafe::gui {

// This round's and the next round's seating side by side, one row per table: the menu in its colour, the host, the
// guests. The facilitator answers "where am I now / where do I go" from here.
class SeatingPanel {
public:
    void draw(const PanelContext& context);
};

}  // namespace worldcafe::gui
