#include "worldcafe/timer.hpp"

#include <algorithm>
#include <ctime>
#include <chrono>

namespace worldcafe {

WallMillis SystemClock::wallMillis() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t SystemClock::monotonicMillis() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

const char* phaseKindName(PhaseKind kind) {
    switch (kind) {
        case PhaseKind::Welcome: return "welcome";
        case PhaseKind::Talk: return "talk";
        case PhaseKind::Move: return "move";
        case PhaseKind::Harvest: return "harvest";
        case PhaseKind::Done: return "done";
    }
    return "done";
}

std::vector<Phase> agendaOf(const Session& session) {
    constexpr std::int64_t minute = 60 * 1000;
    const RoundSettings& r = session.rounds;
    std::vector<Phase> agenda;
    if (r.welcomeMinutes > 0) agenda.push_back({PhaseKind::Welcome, 0, r.welcomeMinutes * minute});
    for (RoundNumber round = 1; round <= r.count; ++round) {
        agenda.push_back({PhaseKind::Talk, round, r.talkMinutes * minute});
        if (round == r.count) break;
        // People harvest at the table they talked at, before moving: the phase belongs to the round just talked.
        if (r.roundHarvestMinutes > 0) agenda.push_back({PhaseKind::Harvest, round, r.roundHarvestMinutes * minute});
        agenda.push_back({PhaseKind::Move, round + 1, r.moveMinutes * minute});
    }
    agenda.push_back({PhaseKind::Harvest, 0, r.harvestMinutes * minute});
    agenda.push_back({PhaseKind::Done, 0, 0});
    return agenda;
}

std::int64_t TimerState::displaySeconds() const {
    std::int64_t remaining = remainingMillis();
    return remaining <= 0 ? 0 : (remaining + 999) / 1000;
}

double TimerState::progress() const {
    if (durationMillis <= 0) return finished ? 1.0 : 0.0;
    return std::clamp(static_cast<double>(elapsedMillis) / static_cast<double>(durationMillis), 0.0, 1.0);
}

namespace {

// Where the run stands while the timeline is replayed.
class Replay {
public:
    explicit Replay(const Session& session) : m_agenda(agendaOf(session)), m_extension(m_agenda.size(), 0) {}

    void runUntil(WallMillis t) {
        if (m_lastTime && m_running) advance(t - *m_lastTime);
        m_lastTime = std::max(t, m_lastTime.value_or(t));
    }

    void apply(const TimelineEntry& entry) {
        runUntil(entry.at);
        switch (entry.kind) {
            case TimelineKind::Start:
                if (!m_started || m_finished) restart();
                m_running = true;
                break;
            case TimelineKind::Pause: m_running = false; break;
            case TimelineKind::Resume: m_running = m_started && !m_finished; break;
            case TimelineKind::Extend:
                if (!m_finished) m_extension[m_index] += static_cast<std::int64_t>(entry.seconds) * 1000;
                break;
            case TimelineKind::Skip:
                if (m_started && !m_finished) enter(m_index + 1);
                break;
            case TimelineKind::Back:
                if (m_started) {
                    m_finished = false;
                    enter(m_index == 0 ? 0 : m_index - 1);
                }
                break;
            case TimelineKind::Finish:
                enter(m_agenda.size() - 1);
                break;
        }
        advance(0);
    }

    std::int64_t duration() const { return m_agenda[m_index].plannedMillis + m_extension[m_index]; }
    bool running() const { return m_running; }

    TimerState state(const RoundSettings& settings) const {
        TimerState state;
        state.started = m_started;
        state.running = m_running;
        state.finished = m_finished;
        state.phaseIndex = m_index;
        state.phase = m_agenda[m_index];
        if (m_index + 1 < m_agenda.size()) state.next = m_agenda[m_index + 1];
        state.durationMillis = std::max<std::int64_t>(0, duration());
        state.elapsedMillis = std::min(m_elapsed, state.durationMillis);
        if (m_started && !m_finished) {
            for (int threshold : settings.warningSeconds) {
                // A phase planned no longer than a warning would spend all of it warning (a two-minute move under
                // "two minutes left"): that warning does not apply to it. Time up (0) always does.
                if (threshold > 0 && static_cast<std::int64_t>(threshold) * 1000 >= state.phase.plannedMillis)
                    continue;
                if (state.remainingMillis() <= static_cast<std::int64_t>(threshold) * 1000 &&
                    (!state.warning || threshold < *state.warning))
                    state.warning = threshold;
            }
        }
        return state;
    }

private:
    void restart() {
        std::fill(m_extension.begin(), m_extension.end(), 0);
        m_started = true;
        m_finished = false;
        m_index = 0;
        m_elapsed = 0;
    }

    void enter(std::size_t index) {
        m_index = std::min(index, m_agenda.size() - 1);
        m_elapsed = 0;
        if (m_agenda[m_index].kind == PhaseKind::Done) {
            m_finished = true;
            m_running = false;
        }
    }

    // Time runs on through phase ends: talk becomes move, the last talk becomes harvest.
    void advance(std::int64_t delta) {
        if (!m_running) return;
        while (!m_finished) {
            std::int64_t left = duration() - m_elapsed;
            if (delta < left) {
                m_elapsed += delta;
                return;
            }
            delta -= std::max<std::int64_t>(left, 0);
            enter(m_index + 1);
        }
    }

    std::vector<Phase> m_agenda;
    std::vector<std::int64_t> m_extension;
    std::size_t m_index = 0;
    std::int64_t m_elapsed = 0;
    bool m_started = false;
    bool m_running = false;
    bool m_finished = false;
    std::optional<WallMillis> m_lastTime;
};

}  // namespace

TimerState timerStateAt(const Session& session, WallMillis now) {
    Replay replay(session);
    for (const TimelineEntry& entry : session.timeline) replay.apply(entry);
    replay.runUntil(now);
    return replay.state(session.rounds);
}

Timer::Timer(const Clock& clock)
    : m_clock(clock), m_wallAtStart(clock.wallMillis()), m_monotonicAtStart(clock.monotonicMillis()) {}

WallMillis Timer::now() const { return m_wallAtStart + (m_clock.monotonicMillis() - m_monotonicAtStart); }

TimerState Timer::state(const Session& session) const { return timerStateAt(session, now()); }

Action Timer::control(TimelineKind kind, int seconds) const {
    return AppendTimeline{TimelineEntry{kind, now(), seconds}};
}

Action Timer::start() const { return control(TimelineKind::Start); }
Action Timer::pause() const { return control(TimelineKind::Pause); }
Action Timer::resume() const { return control(TimelineKind::Resume); }
Action Timer::extend(int seconds) const { return control(TimelineKind::Extend, seconds); }
Action Timer::skip() const { return control(TimelineKind::Skip); }
Action Timer::back() const { return control(TimelineKind::Back); }
Action Timer::finish() const { return control(TimelineKind::Finish); }

Action Timer::togglePause(const Session& session) const {
    TimerState current = state(session);
    if (!current.started || current.finished) return start();
    return current.running ? pause() : resume();
}

std::optional<Action> Timer::resumeAfterOpen(const Session& session, std::string& explanation,
                                             std::int64_t graceMillis) const {
    if (session.timeline.empty()) return std::nullopt;
    WallMillis last = session.timeline.back().at;
    TimerState then = timerStateAt(session, last);
    if (!then.running) return std::nullopt;
    WallMillis phaseEnd = last + then.remainingMillis();
    if (now() <= phaseEnd + graceMillis) return std::nullopt;
    explanation = "the timer was running when the session was last open; its " + std::string(phaseKindName(then.phase.kind)) +
                  " phase ended long ago, so it is paused at the start of the next phase";
    return AppendTimeline{TimelineEntry{TimelineKind::Pause, phaseEnd, 0}};
}

std::string formatClock(std::int64_t seconds) {
    seconds = std::max<std::int64_t>(seconds, 0);
    const std::int64_t hours = seconds / 3600;
    const std::int64_t minutes = (seconds / 60) % 60;
    const std::int64_t rest = seconds % 60;
    // Padded by hand: GCC 12 misreads `"0" + std::to_string(n)` at -O3 (bugs 105329, 105651).
    auto two = [](std::int64_t value) {
        std::string digits = std::to_string(value);
        if (value < 10) digits.insert(digits.begin(), '0');
        return digits;
    };
    if (hours > 0) return std::to_string(hours) + ":" + two(minutes) + ":" + two(rest);
    return std::to_string(minutes) + ":" + two(rest);
}

std::string formatTimeOfDay(WallMillis at) {
    std::time_t seconds = static_cast<std::time_t>(at / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char text[16];
    std::strftime(text, sizeof text, "%H:%M", &local);
    return text;
}

std::int64_t minutesRoundedUp(std::int64_t millis) { return (millis + 59999) / 60000; }

}  // namespace worldcafe
