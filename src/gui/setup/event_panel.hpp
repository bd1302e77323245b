#pragma once

#include "panel.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

// The café itself: title, date, venue, organiser and the language its content is written in.
class EventPanel {
public:
    void draw(const PanelContext& context);

private:
    // Below the form: the questions and the timetable at a glance, which is what the organiser checks last.
    void drawOverview(const Session& session);

    EditBuffers m_edits;
};

}  // namespace worldcafe::gui
