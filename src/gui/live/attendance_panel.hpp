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
// plan as one Batch, one undo step. The rounds already held are never touched. "Seat now" puts a walk-in at a table
// with room in the round under way (the last one too) without moving anyone else, also as one Batch.
class AttendancePanel {
public:
    ~AttendancePanel();
    void draw(const PanelContext& context);

    // While the planner works the panel wants to be drawn again soon.
    bool busy() const { return m_planning.valid(); }
    // Waits for a running re-plan (tests, screenshots).
    void waitForPlan();
    // The screenshot "console/replan": the first guest without a pinned seat who sits in the next round is marked
    // absent and "Re-plan remaining rounds" pressed, as the row's button and the panel's would.
    void stageReplan(const PanelContext& context);

    // The participant as they would be after marking them absent or arrived from `firstOpen` on (the first round
    // not yet begun). Absent before they ever sat down makes them a no-show.
    static Participant markedAbsent(const Participant& participant, RoundNumber firstOpen);
    static Participant markedArrived(const Participant& participant, RoundNumber firstOpen);

    const std::map<ParticipantId, Participant>& pending() const { return m_pending; }

    // One line naming who moves, in the current language: "김민수: table 3 → table 5 (round 2)".
    static std::string describeChange(const Session& session, const SeatChange& change);
    // What the shown preview says (tests read it; empty without a preview): the figure, then one line per change.
    std::vector<std::string> previewLines() const;
    // The last "Seat now" outcome or failure, as shown under the buttons.
    const std::string& message() const { return m_message; }
    const std::string& error() const { return m_error; }

private:
    struct Preview {
        PlanResult result;
        PlanQuality before;
        RoundNumber fromRound = 1;
        std::vector<std::string> changes;  // who moves, one line each, named when the plan came back
        // What the plan was computed from: applying it after either changed would undo someone else's edit.
        std::vector<Participant> participants;
        std::vector<RoundPlan> plan;
    };

    void drawList(const PanelContext& context, RoundNumber firstOpen);
    void drawNameCell(const Participant& person);
    // Marks someone absent or arrived from `firstOpen` on, pending; or drops their pending mark.
    void toggleMark(const Participant& original, RoundNumber firstOpen);
    void drawReplan(const PanelContext& context, RoundNumber firstOpen);
    void drawMessages();
    void seatWalkIn(const PanelContext& context, const Participant& person, RoundNumber round);
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
    std::string m_message;
    RoundNumber m_walkInRound = kNoRound;  // the round under way, where "Seat now" seats; kNoRound when none is
};

}  // namespace worldcafe::gui
