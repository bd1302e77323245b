#pragma once

#include "panel.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

// The tables: number, the menu each discusses, how many seats, and who hosts it. The host is a participant with
// the host role and this table (Session::hostOf); choosing one here edits that participant.
// "4 tables, 24 seats for 22 participants", with the singular where a count is 1.
std::string tablesSummary(const Session& session);

class TablesPanel {
public:
    void draw(const PanelContext& context);

private:
    void drawRow(const PanelContext& context, const Table& table);

    EditBuffers m_edits;
};

}  // namespace worldcafe::gui
