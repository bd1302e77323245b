#pragma once

#include "panel.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

// The tables: number, the menu each discusses, how many seats, and who hosts it. The host is a participant with
// the host role and this table (Session::hostOf); choosing one here edits that participant.
class TablesPanel {
public:
    void draw(const PanelContext& context);

private:
    void drawRow(const PanelContext& context, const Table& table);

    EditBuffers m_edits;
};

}  // namespace worldcafe::gui
