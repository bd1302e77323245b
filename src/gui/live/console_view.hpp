#pragma once

#include <optional>
#include <string>
#include <vector>

#include "attendance_panel.hpp"
#include "links_popup.hpp"
#include "notes_panel.hpp"
#include "panel.hpp"
#include "seating_panel.hpp"
#include "timer_panel.hpp"
#include "workspace.hpp"

namespace worldcafe::gui {

// The facilitator's laptop during the café: the clock and its controls with their shortcuts, what comes next, this
// round's and next round's seating, attendance with re-planning, the projector, and the newest notes.
class ConsoleView final : public Workspace {
public:
    const char* name() const override { return "console"; }
    const char* titleKey() const override { return "workspace.console"; }
    void draw(const PanelContext& context) override;
    std::optional<double> redrawAfter(const PanelContext& context) const override;
    // Phases for screenshots ("console/move"): the shell simulates the run; the view itself shows what it is given.
    std::vector<std::string> parts() const override;
    bool selectPart(std::string_view part) override;
    void finishBackgroundWork() override { m_attendance.waitForPlan(); }

    AttendancePanel& attendance() { return m_attendance; }

private:
    void drawProjectorControls(const PanelContext& context);
    void drawPhonesControls(const PanelContext& context);

    TimerPanel m_timer;
    SeatingPanel m_seating;
    AttendancePanel m_attendance;
    NotesPanel m_notes;
    LinksPopup m_links;
    bool m_stageReplan = false;  // "console/replan": mark a guest absent and re-plan in the next frame
    std::optional<int> m_monitor;  // picked in the console; until then the shell's suggestion
    std::int64_t m_drawnSeconds = -1;
    std::size_t m_drawnPhase = 0;
};

// The phases a screenshot of a live view can show: "welcome", "talk", "warning", "move", "harvest", "done".
const std::vector<std::string>& livePhaseNames();

}  // namespace worldcafe::gui
