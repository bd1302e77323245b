#pragma once
// Screenshots of the live views show a café in progress without touching the file: the session is copied, planned
// in memory when it has no plan, its timer started at a fixed time, and a fixed clock placed inside the phase asked
// for. The same picture comes out on every run and every machine.

#include <optional>
#include <string>
#include <string_view>

#include "worldcafe/model.hpp"
#include "worldcafe/timer.hpp"

namespace worldcafe::gui {

// Time stands still unless set(): a screenshot steps it a second a frame, as a running countdown would.
class FixedClock final : public Clock {
public:
    explicit FixedClock(WallMillis now) : m_now(now) {}
    WallMillis wallMillis() const override { return m_now; }
    std::int64_t monotonicMillis() const override { return m_now; }
    void set(WallMillis now) { m_now = now; }

private:
    WallMillis m_now;
};

struct LivePreview {
    Session session;
    WallMillis now = 0;
};

// "console/replan": the console in the move into round 2 with one guest marked absent and the attendance panel's
// re-plan preview open.
inline constexpr std::string_view kReplanPart = "replan";

// The phase a screenshot of `view` should show ("projector/move" -> "move"; "console" -> "talk";
// "console/replan" -> "move"), or nullopt for
// views that are not live (setup, plan, ...).
std::optional<std::string> livePhaseForView(std::string_view view);

// `session` as if the café had run up to a moment in `phase` (one of livePhaseNames()): "talk" is round 2 (or the
// only round) with two thirds of its time left, "warning" the same round with 95 seconds left, "move" the move
// into round 2, "harvest" a third into the harvest, "done" after the finish, "welcome" before the start. Notes of
// rounds not yet reached are left out.
LivePreview simulateRun(const Session& session, std::string_view phase);

}  // namespace worldcafe::gui
