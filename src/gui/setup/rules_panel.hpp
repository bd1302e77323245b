#pragma once

#include "panel.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

// Pairs the planner keeps apart (a manager and their report) or together (an interpreter and a guest).
class RulesPanel {
public:
    void draw(const PanelContext& context);

private:
    void drawRow(const PanelContext& context, const Rule& rule);
    void drawNewRule(const PanelContext& context);

    RuleKind m_newKind = RuleKind::KeepApart;
    ParticipantId m_newA = 0;
    ParticipantId m_newB = 0;
};

}  // namespace worldcafe::gui
