#pragma once

#include <future>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "panel.hpp"
#include "worldcafe/planner.hpp"

namespace worldcafe::gui {

// Who is here from the next round on. Marking someone absent (they leave: present until the round before) or
// arrived (present from the next round) is kept as a pending change; "Re-plan remaining rounds" plans the rounds
// that have not begun with the change, shows what it costs in repeated meetings, and applies the change and the new
// plan as one Batch, one undo step. The rounds already held are never touched.
class AttendancePanel {
public:
    ~AttendancePanel();
    void draw(const PanelContext& context);

    // While the planner works the panel wants to be drawn again soon.
    bool busy() const { return m_planning.valid(); }
    // Waits for a running re-plan (tests).
    void waitForPlan();

    // The participant as they would be after marking them absent or arrived from `firstOpen` on (the first round
    // not yet begun). Absent before they ever sat down makes them a no-show.
    static Participant markedAbsent(const Participant& participant, RoundNumber firstOpen);
    static Participant markedArrived(const Participant& participant, RoundNumber firstOpen);

    const std::map<ParticipantId, Participant>& pending() const { return m_pending; }

private:
    struct Preview {
        PlanResult result;
        PlanQuality before;
        RoundNumber fromRound = 1;
        int moved = 0;  // people whose table changes in a re-planned round
        // What the plan was computed from: applying it after either changed would undo someone else's edit.
        std::vector<Participant> participants;
        std::vector<RoundPlan> plan;
    };

    void drawList(const PanelContext& context, RoundNumber firstOpen);
    void drawReplan(const PanelContext& context, RoundNumber firstOpen);
    void startReplan(const PanelContext& context, RoundNumber firstOpen);
    void collectPlan(const Session& session);
    Session withPending(const Session& session) const;

    std::string m_search;
    std::map<ParticipantId, Participant> m_pending;
    std::future<PlanResult> m_planning;
    RoundNumber m_planningFrom = 1;
    std::vector<Participant> m_planningParticipants;
    std::vector<RoundPlan> m_planningPlan;
    std::optional<Preview> m_preview;
    std::string m_error;
};

}  // namespace worldcafe::gui
