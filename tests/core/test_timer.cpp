#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "test_clock.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/timer.hpp"

using namespace worldcafe;

namespace {

constexpr std::int64_t kSecond = 1000;
using worldcafe::test::kMinute;

using FakeClock = test::ManualClock;

Session twoRounds() {
    Session s;
    s.rounds.count = 2;
    s.rounds.talkMinutes = 20;
    s.rounds.moveMinutes = 3;
    s.rounds.harvestMinutes = 15;
    return s;
}

void control(Session& session, const Action& action) { applyAction(session, action); }

}  // namespace

TEST_CASE("timer: the agenda is talk and move for every round, then harvest") {
    Session s = twoRounds();
    auto agenda = agendaOf(s);
    REQUIRE(agenda.size() == 5);
    CHECK(agenda[0] == Phase{PhaseKind::Talk, 1, 20 * kMinute});
    CHECK(agenda[1] == Phase{PhaseKind::Move, 2, 3 * kMinute});
    CHECK(agenda[2] == Phase{PhaseKind::Talk, 2, 20 * kMinute});
    CHECK(agenda[3] == Phase{PhaseKind::Harvest, 0, 15 * kMinute});
    CHECK(agenda[4].kind == PhaseKind::Done);
    s.rounds.welcomeMinutes = 10;
    CHECK(agendaOf(s).front() == Phase{PhaseKind::Welcome, 0, 10 * kMinute});
}

TEST_CASE("timer: a harvest after each round comes after every talk but the last, carrying its round") {
    Session s = twoRounds();
    s.rounds.count = 3;
    s.rounds.roundHarvestMinutes = 5;
    auto agenda = agendaOf(s);
    REQUIRE(agenda.size() == 9);
    CHECK(agenda[0] == Phase{PhaseKind::Talk, 1, 20 * kMinute});
    CHECK(agenda[1] == Phase{PhaseKind::Harvest, 1, 5 * kMinute});
    CHECK(agenda[2] == Phase{PhaseKind::Move, 2, 3 * kMinute});
    CHECK(agenda[3] == Phase{PhaseKind::Talk, 2, 20 * kMinute});
    CHECK(agenda[4] == Phase{PhaseKind::Harvest, 2, 5 * kMinute});
    CHECK(agenda[5] == Phase{PhaseKind::Move, 3, 3 * kMinute});
    CHECK(agenda[6] == Phase{PhaseKind::Talk, 3, 20 * kMinute});
    // The last round has the final harvest only.
    CHECK(agenda[7] == Phase{PhaseKind::Harvest, 0, 15 * kMinute});
    CHECK(agenda[8].kind == PhaseKind::Done);

    s.rounds.roundHarvestMinutes = 0;
    CHECK(agendaOf(s).size() == 7);
    s.rounds.count = 1;
    s.rounds.roundHarvestMinutes = 5;
    REQUIRE(agendaOf(s).size() == 3);
    CHECK(agendaOf(s)[1] == Phase{PhaseKind::Harvest, 0, 15 * kMinute});
}

TEST_CASE("timer: the countdown runs through a round's harvest into the move") {
    FakeClock clock;
    Timer timer(clock);
    Session s = twoRounds();
    s.rounds.roundHarvestMinutes = 4;
    control(s, timer.start());
    clock.advance(20 * kMinute + 90 * kSecond);
    TimerState state = timer.state(s);
    CHECK(state.phase == Phase{PhaseKind::Harvest, 1, 4 * kMinute});
    CHECK(state.remainingMillis() == 150 * kSecond);
    REQUIRE(state.next);
    CHECK(*state.next == Phase{PhaseKind::Move, 2, 3 * kMinute});
    // A four-minute harvest warns at two minutes left like any phase longer than the warning.
    CHECK_FALSE(state.warning);
    clock.advance(31 * kSecond);
    CHECK(timer.state(s).warning == 120);

    control(s, timer.extend(60));
    clock.advance(178 * kSecond);
    CHECK(timer.state(s).phase.kind == PhaseKind::Harvest);
    clock.advance(1 * kSecond + 1 * kSecond);
    state = timer.state(s);
    CHECK(state.phase.kind == PhaseKind::Move);
    CHECK(state.elapsedMillis == 1 * kSecond);

    control(s, timer.back());
    CHECK(timer.state(s).phase == Phase{PhaseKind::Harvest, 1, 4 * kMinute});
    control(s, timer.skip());
    control(s, timer.skip());
    control(s, timer.skip());
    CHECK(timer.state(s).phase == Phase{PhaseKind::Harvest, 0, 15 * kMinute});
}

TEST_CASE("timer: phases run into each other, and pause stops the countdown") {
    FakeClock clock;
    Timer timer(clock);
    Session s = twoRounds();
    CHECK_FALSE(timer.state(s).started);
    control(s, timer.start());
    clock.advance(5 * kMinute);
    TimerState state = timer.state(s);
    CHECK(state.running);
    CHECK(state.phase.kind == PhaseKind::Talk);
    CHECK(state.remainingMillis() == 15 * kMinute);
    CHECK(state.displaySeconds() == 15 * 60);

    control(s, timer.pause());
    clock.advance(10 * kMinute);
    CHECK(timer.state(s).remainingMillis() == 15 * kMinute);
    CHECK_FALSE(timer.state(s).running);
    control(s, timer.togglePause(s));
    CHECK(timer.state(s).running);

    clock.advance(15 * kMinute + 30 * kSecond);
    state = timer.state(s);
    CHECK(state.phase.kind == PhaseKind::Move);
    CHECK(state.phase.round == 2);
    CHECK(state.elapsedMillis == 30 * kSecond);
    CHECK(state.next->kind == PhaseKind::Talk);

    clock.advance(3 * kMinute + 20 * kMinute + 15 * kMinute);
    state = timer.state(s);
    CHECK(state.finished);
    CHECK(state.phase.kind == PhaseKind::Done);
    CHECK_FALSE(state.running);
}

TEST_CASE("timer: extend, shorten, skip and back") {
    FakeClock clock;
    Timer timer(clock);
    Session s = twoRounds();
    control(s, timer.start());
    clock.advance(10 * kMinute);
    control(s, timer.extend(60));
    CHECK(timer.state(s).remainingMillis() == 11 * kMinute);
    control(s, timer.extend(-60));
    control(s, timer.extend(-60));
    CHECK(timer.state(s).remainingMillis() == 9 * kMinute);
    CHECK(timer.state(s).durationMillis == 19 * kMinute);

    control(s, timer.skip());
    CHECK(timer.state(s).phase.kind == PhaseKind::Move);
    CHECK(timer.state(s).remainingMillis() == 3 * kMinute);
    clock.advance(kMinute);
    control(s, timer.back());
    // Back restarts the previous phase with its extensions kept.
    CHECK(timer.state(s).phase.kind == PhaseKind::Talk);
    CHECK(timer.state(s).remainingMillis() == 19 * kMinute);

    // Shortening below the time already spent ends the phase at once.
    clock.advance(5 * kMinute);
    control(s, timer.extend(-20 * 60));
    CHECK(timer.state(s).phase.kind == PhaseKind::Move);

    control(s, timer.finish());
    CHECK(timer.state(s).finished);
    control(s, timer.back());
    CHECK(timer.state(s).phase.kind == PhaseKind::Harvest);
}

TEST_CASE("timer: warnings at two minutes left and at time up") {
    FakeClock clock;
    Timer timer(clock);
    Session s = twoRounds();
    control(s, timer.start());
    clock.advance(17 * kMinute);
    CHECK_FALSE(timer.state(s).warning.has_value());
    clock.advance(90 * kSecond);
    CHECK(timer.state(s).warning == 120);
    s.rounds.warningSeconds = {300, 60, 0};
    CHECK(timer.state(s).warning == 300);
    clock.advance(40 * kSecond);
    CHECK(timer.state(s).warning == 60);
    clock.advance(49 * kSecond);
    CHECK(timer.state(s).warning == 60);
    // Time up is the phase ending: the talk has run into the three-minute move, which a 300 s warning would fill
    // from its first second; it is not started in warning.
    clock.advance(kSecond);
    CHECK(timer.state(s).phase.kind == PhaseKind::Move);
    CHECK_FALSE(timer.state(s).warning.has_value());
    clock.advance(2 * kMinute);
    CHECK(timer.state(s).warning == 60);
}

TEST_CASE("timer: a phase no longer than a warning threshold does not start in warning; time up still comes") {
    FakeClock clock;
    Timer timer(clock);
    Session s = twoRounds();
    s.rounds.moveMinutes = 2;  // exactly the two-minute warning
    control(s, timer.start());
    clock.advance(20 * kMinute);
    TimerState state = timer.state(s);
    REQUIRE(state.phase.kind == PhaseKind::Move);
    CHECK_FALSE(state.warning.has_value());
    clock.advance(119 * kSecond);
    CHECK_FALSE(timer.state(s).warning.has_value());
    // Shortening a long phase into its last two minutes still warns: the threshold fits the phase as planned.
    clock.advance(kSecond);
    REQUIRE(timer.state(s).phase.kind == PhaseKind::Talk);
    control(s, timer.extend(-19 * 60));
    CHECK(timer.state(s).warning == 120);
}

TEST_CASE("timer: a wall-clock jump during the event does not move the countdown") {
    FakeClock clock;
    Timer timer(clock);
    Session s = twoRounds();
    control(s, timer.start());
    clock.advance(2 * kMinute);
    clock.wall += 3600 * kSecond;  // NTP or a time-zone change
    CHECK(timer.state(s).remainingMillis() == 18 * kMinute);
}

TEST_CASE("timer: after a crash a running round keeps running with the right time left") {
    test::TempDir dir;
    auto file = dir / "cafe.wcafe";
    FakeClock clock;
    Session s = twoRounds();
    s.menus.push_back(Menu{1, "m", "", 0});
    s.tables.push_back(Table{1, 1, 6});
    {
        auto engine = Engine::create(file, s);
        Timer timer(clock);
        engine->apply(timer.start());
        clock.advance(4 * kMinute);
        engine->apply(timer.extend(120));
    }  // the process dies here; the journal has both controls
    clock.advance(3 * kMinute);
    auto engine = Engine::open(file);
    Timer timer(clock);
    std::string explanation;
    CHECK_FALSE(timer.resumeAfterOpen(engine->session(), explanation).has_value());
    TimerState state = timer.state(engine->session());
    CHECK(state.running);
    CHECK(state.remainingMillis() == (20 + 2 - 7) * kMinute);
}

TEST_CASE("timer: reopened long after its phase ended, the run comes back paused and says so") {
    FakeClock clock;
    Session s = twoRounds();
    {
        Timer timer(clock);
        control(s, timer.start());
    }
    clock.advance(3 * 3600 * kSecond);
    Timer timer(clock);
    std::string explanation;
    auto pause = timer.resumeAfterOpen(s, explanation);
    REQUIRE(pause.has_value());
    CHECK(explanation.find("paused") != std::string::npos);
    control(s, *pause);
    TimerState state = timer.state(s);
    CHECK_FALSE(state.running);
    CHECK(state.phase.kind == PhaseKind::Move);
    CHECK(state.remainingMillis() == 3 * kMinute);
    control(s, timer.resume());
    clock.advance(kMinute);
    CHECK(timer.state(s).remainingMillis() == 2 * kMinute);
}

TEST_CASE("timer: a process killed in the middle of a round resumes with the right time, and its notes survive") {
    test::TempDir dir;
    auto file = dir / "cafe.wcafe";
    Session s = twoRounds();
    s.menus.push_back(Menu{1, "로컬푸드", "", 0});
    s.tables.push_back(Table{1, 1, 6});
    Engine::create(file, s).reset();
    FakeClock clock;
    int ackPipe[2];
    REQUIRE(::pipe(ackPipe) == 0);
    std::fflush(stdout);
    pid_t child = ::fork();
    if (child == 0) {
        ::close(ackPipe[0]);
        auto engine = Engine::open(file);
        Timer timer(clock);
        engine->apply(timer.start());
        Note note;
        note.id = engine->session().nextNoteId();
        note.table = 1;
        note.round = 1;
        note.menu = 1;
        note.text = "지역 먹거리 관리가 필요함";
        note.tags = {"로컬푸드"};
        note.created = note.edited = timer.now();
        engine->apply(Put<Note>{note});
        char ack = 1;
        if (::write(ackPipe[1], &ack, 1) != 1) ::_exit(3);
        ::pause();
        ::_exit(0);
    }
    ::close(ackPipe[1]);
    char ack = 0;
    REQUIRE(::read(ackPipe[0], &ack, 1) == 1);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    ::close(ackPipe[0]);

    clock.advance(6 * kMinute);  // the facilitator restarts the laptop
    auto engine = Engine::open(file);
    REQUIRE(engine->session().notes.size() == 1);
    CHECK(engine->session().notes[0].text == "지역 먹거리 관리가 필요함");
    Timer timer(clock);
    std::string explanation;
    CHECK_FALSE(timer.resumeAfterOpen(engine->session(), explanation).has_value());
    TimerState state = timer.state(engine->session());
    CHECK(state.running);
    CHECK(state.phase.kind == PhaseKind::Talk);
    CHECK(state.remainingMillis() == 14 * kMinute);
}

TEST_CASE("timer: the clock texts every live view shows come from one helper each") {
    CHECK(formatClock(-5) == "0:00");
    CHECK(formatClock(0) == "0:00");
    CHECK(formatClock(9) == "0:09");
    CHECK(formatClock(754) == "12:34");
    CHECK(formatClock(3723) == "1:02:03");
    CHECK(minutesRoundedUp(0) == 0);
    CHECK(minutesRoundedUp(1) == 1);
    CHECK(minutesRoundedUp(60000) == 1);
    CHECK(minutesRoundedUp(270000) == 5);
    const std::string time = formatTimeOfDay(1716040800000);
    REQUIRE(time.size() == 5);
    CHECK(time[2] == ':');
}
