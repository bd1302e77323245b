#pragma once
// The live run's timer. Its state is never stored: it is replayed from the session's timeline (every control is an
// AppendTimeline action with its wall-clock time), so a crash loses nothing and a reopened session resumes with
// the right time left. Time comes from an injected clock; tests drive it with a fake one.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "worldcafe/actions.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe {

class Clock {
public:
    virtual ~Clock() = default;
    // Unix epoch milliseconds, recorded with every control.
    virtual WallMillis wallMillis() const = 0;
    // Milliseconds on a clock that never jumps: intervals measured while the app runs use this.
    virtual std::int64_t monotonicMillis() const = 0;
};

class SystemClock final : public Clock {
public:
    WallMillis wallMillis() const override;
    std::int64_t monotonicMillis() const override;
};

enum class PhaseKind : std::uint8_t { Welcome, Talk, Move, Harvest, Done };

struct Phase {
    PhaseKind kind = PhaseKind::Talk;
    // 0 for welcome, the final harvest and done; a move carries the round people move to, a harvest after a round
    // the round just talked.
    RoundNumber round = 0;
    std::int64_t plannedMillis = 0;
    bool operator==(const Phase&) const = default;
};

// Optional welcome; talk, optional harvest of that round, then move for every round (neither after the last);
// harvest; done.
std::vector<Phase> agendaOf(const Session& session);

struct TimerState {
    bool started = false;
    bool running = false;
    bool finished = false;
    std::size_t phaseIndex = 0;
    Phase phase;
    std::optional<Phase> next;
    std::int64_t durationMillis = 0;  // planned plus extensions
    std::int64_t elapsedMillis = 0;
    std::int64_t remainingMillis() const { return durationMillis - elapsedMillis; }
    // Seconds left, rounded up, as the countdown shows it: 0:01 until the phase really ends.
    std::int64_t displaySeconds() const;
    double progress() const;  // 0..1 through the phase
    // The warning threshold (seconds left) most recently crossed in this phase, if any: 120, then 0.
    std::optional<int> warning;
};

// Replays the timeline up to `now` (wall-clock milliseconds). Phases end on their own: talk runs into move.
TimerState timerStateAt(const Session& session, WallMillis now);

// Builds the controls as actions stamped with the time, and tells the time left. Its "now" is the wall clock when it
// was made plus the monotonic time since, so a wall-clock jump during the event does not move the countdown.
class Timer {
public:
    explicit Timer(const Clock& clock);
    WallMillis now() const;

    TimerState state(const Session& session) const;

    Action start() const;
    Action pause() const;
    Action resume() const;
    Action togglePause(const Session& session) const;
    Action extend(int seconds) const;  // negative shortens
    Action skip() const;
    Action back() const;
    Action finish() const;

    // After opening a session: a timer that was running keeps running when the app comes back soon; when the phase
    // it was in would have ended more than `grace` ago, the returned action pauses it at that phase's end, and
    // `explanation` says so.
    std::optional<Action> resumeAfterOpen(const Session& session, std::string& explanation,
                                          std::int64_t graceMillis = 5 * 60 * 1000) const;

private:
    Action control(TimelineKind kind, int seconds = 0) const;

    const Clock& m_clock;
    WallMillis m_wallAtStart;
    std::int64_t m_monotonicAtStart;
};

const char* phaseKindName(PhaseKind kind);  // "welcome", "talk", "move", "harvest", "done"

// The clock's texts, one helper each for every view that shows them (console, projector, host).
// A countdown: "12:34", or "1:02:03" past an hour. Negative values show as 0:00.
std::string formatClock(std::int64_t seconds);
// "14:35" in local time: when a phase ends or a note was written.
std::string formatTimeOfDay(WallMillis at);
// Whole minutes, rounded up: a phase of 4 min 30 s is announced as 5 minutes.
std::int64_t minutesRoundedUp(std::int64_t millis);

}  // namespace worldcafe
