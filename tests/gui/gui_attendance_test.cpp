// The attendance panel during the event, headless: the re-plan preview names who moves and says how many against
// the fewest possible, in both languages; "Seat now" seats a walk-in in the round under way as one Batch without
// moving anyone else, in the last round too, and says plainly when every table is full.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "attendance_panel.hpp"
#include "gui_language_guard.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "live_state.hpp"
#include "test_clock.hpp"
#include "worldcafe/planner.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;
using worldcafe::test::kMinute;

// 4 tables, 4 menus, 20 people (4 hosts), 3 rounds, planned; person 21, 김민수, did not come (a no-show).
Session attendanceSession(int capacity) {
    Session session;
    session.event.title = "Attendance test";
    session.rounds.count = 3;
    for (int m = 1; m <= 4; ++m)
        session.menus.push_back(Menu{m, "Menu " + std::to_string(m), "Question " + std::to_string(m),
                                     defaultMenuColour(static_cast<std::size_t>(m - 1))});
    for (int t = 1; t <= 4; ++t) session.tables.push_back(Table{t, t, capacity});
    const char* names[] = {"가람", "나래", "다솜", "라온", "마루", "바다", "사랑", "아라", "자람", "차오",
                           "카라", "타미", "파랑", "하늘", "Alex", "Blake", "Casey", "Drew", "Eden", "Finn", "김민수"};
    for (int p = 1; p <= 21; ++p) {
        Participant person;
        person.id = p;
        person.name = names[p - 1];
        person.affiliation = p % 2 ? "A" : "B";
        if (p <= 4) {
            person.role = Role::Host;
            person.table = p;
        }
        person.absent = p == 21;
        session.participants.push_back(person);
    }
    PlanOptions options;
    options.workBudget = 2'000'000;
    options.timeLimitSeconds = 30;
    session.plan = planSeating(session, options).plan;
    return session;
}

struct AttendanceFixture {
    explicit AttendanceFixture(int capacity = 6) : session(attendanceSession(capacity)) {}
    test::ManualClock clock;
    Timer timer{clock};
    Session session;
    AttendancePanel panel;
    PanelOutput out;
    std::uint64_t revision = 1;

    void draw() {
        PanelContext context{session, out, revision, false, {}};
        context.timer = &timer;
        panel.draw(context);
    }
    void applyAll() {
        for (const Action& action : out.actions) applyAction(session, action);
        out.actions.clear();
        ++revision;
    }
    // Starts the café and skips phases until `round` is being talked.
    void talkIn(RoundNumber round) {
        session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
        clock.set(test::kTestStart + kMinute);
        for (int guard = 0; guard < 20; ++guard) {
            const TimerState state = timerStateAt(session, clock.wallMillis());
            if (state.phase.kind == PhaseKind::Talk && state.phase.round == round) return;
            session.timeline.push_back({TimelineKind::Skip, clock.wallMillis(), 0});
            clock.advance(1000);
        }
        FAIL("round " << round << " never started");
    }
};

TableNumber tableOf(const std::vector<RoundPlan>& plan, RoundNumber round, ParticipantId id) {
    for (const RoundPlan& r : plan)
        if (r.round == round)
            for (const Seat& seat : r.seats)
                if (seat.participant == id) return seat.table;
    return kNoTable;
}

const Batch* onlyBatch(const PanelOutput& out) {
    REQUIRE(out.actions.size() == 1);
    return std::get_if<Batch>(&out.actions[0].value);
}

}  // namespace

TEST_CASE("gui attendance: the re-plan preview names who moves and gives moved against the least possible") {
    test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    AttendanceFixture f;
    f.talkIn(1);
    const std::vector<RoundPlan> before = f.session.plan;
    auto draw = [&] { f.draw(); };
    ui.frame(draw);

    // Two guests who share a table in round 2 leave: that table would be two short of the others, so someone has to
    // move to keep the tables even.
    std::map<TableNumber, std::vector<ParticipantId>> round2;
    for (const Seat& seat : before[1].seats)
        if (seat.participant > 4) round2[seat.table].push_back(seat.participant);
    std::vector<ParticipantId> leaving;
    for (const auto& [table, guests] : round2)
        if (guests.size() >= 2 && leaving.empty()) leaving = {guests[0], guests[1]};
    REQUIRE(leaving.size() == 2);
    std::sort(leaving.begin(), leaving.end());
    // Rows follow the session's order; the later one first so that the earlier one's button keeps its index.
    REQUIRE(ui.clickItem("attendance.mark_absent", draw, static_cast<int>(leaving[1] - 1)));
    ui.frame(draw);
    REQUIRE(ui.clickItem("attendance.mark_absent", draw, static_cast<int>(leaving[0] - 1)));
    REQUIRE(f.panel.pending().size() == 2);

    REQUIRE(ui.clickItem("attendance.replan", draw));
    f.panel.waitForPlan();
    ui.frames(2, draw);
    const std::vector<std::string> lines = f.panel.previewLines();
    REQUIRE(lines.size() >= 2);

    REQUIRE(ui.clickItem("attendance.apply", draw));
    const Batch* batch = onlyBatch(f.out);
    REQUIRE(batch);
    const auto* setPlan = std::get_if<SetPlan>(&batch->actions.back().value);
    REQUIRE(setPlan);
    const std::vector<SeatChange> changes = seatChanges(before, setPlan->plan, 2);

    int moved = 0;
    std::vector<std::string> expected;
    for (const SeatChange& change : changes) {
        if (change.from != kNoTable && change.to != kNoTable) {
            ++moved;
            const Participant* person = f.session.findParticipant(change.participant);
            REQUIRE(person);
            expected.push_back(person->name + ": table " + std::to_string(change.from) + " → table " +
                               std::to_string(change.to) + " (round " + std::to_string(change.round) + ")");
        }
    }
    CHECK(moved >= 1);
    CHECK(lines.size() == changes.size() + 1);
    for (const std::string& line : expected)
        CHECK_MESSAGE(std::find(lines.begin(), lines.end(), line) != lines.end(), line);
    // The figure counts seats that change and the least any plan could: the planner's own numbers.
    const std::string figure = lines.front();
    CHECK(figure.rfind("Moved " + std::to_string(moved) + " (least possible ", 0) == 0);
    CHECK(figure.find("least possible 0)") == std::string::npos);  // two leave one table: a move is forced

    // The same line in Korean.
    {
        test::LanguageGuard korean(kI18nDir, "ko");
        SeatChange change{2, 21, 3, 5};
        CHECK(AttendancePanel::describeChange(f.session, change) == "김민수: 3번 테이블 → 5번 테이블 (2라운드)");
        CHECK(trf("attendance.moved", {"1", "1"}) == "이동 1건 (가능한 최소 1건)");
    }
    CHECK(AttendancePanel::describeChange(f.session, SeatChange{2, 21, 3, 5}) == "김민수: table 3 → table 5 (round 2)");
}

TEST_CASE("gui attendance: Seat now seats a walk-in in the round under way as one Batch, moving nobody in it") {
    test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    AttendanceFixture f;
    f.talkIn(1);
    const std::vector<RoundPlan> before = f.session.plan;
    auto draw = [&] { f.draw(); };
    ui.frame(draw);

    // Nobody needs seating yet: everyone here has a seat.
    CHECK(ui.count("attendance.seat_now") == 0);
    // 김민수 (the only one absent) walks in.
    REQUIRE(ui.clickItem("attendance.mark_arrived", draw, 0));
    ui.frame(draw);
    REQUIRE(ui.count("attendance.seat_now") == 1);
    REQUIRE(ui.clickItem("attendance.seat_now", draw));

    const Batch* batch = onlyBatch(f.out);
    REQUIRE(batch);
    REQUIRE(batch->actions.size() == 2);
    const auto* put = std::get_if<Put<Participant>>(&batch->actions[0].value);
    REQUIRE(put);
    CHECK(put->item.id == 21);
    CHECK(put->item.presentIn(1));
    f.applyAll();
    CHECK(f.panel.pending().empty());

    const TableNumber table = tableOf(f.session.plan, 1, 21);
    REQUIRE(table != kNoTable);
    CHECK(findHardViolations(f.session, f.session.plan).empty());
    // Round 1 is under way: nobody else moves in it, and the walk-in is in every later round too.
    for (const SeatChange& change : seatChanges(before, f.session.plan, 1)) {
        if (change.round == 1) CHECK(change.participant == 21);
    }
    CHECK(tableOf(f.session.plan, 2, 21) != kNoTable);
    CHECK(tableOf(f.session.plan, 3, 21) != kNoTable);
    CHECK(f.panel.message() == "김민수 is seated at table " + std::to_string(table) + " in round 1.");
    ui.frame(draw);
    CHECK(ui.count("attendance.seat_now") == 0);
}

TEST_CASE("gui attendance: Seat now works in the last round and changes only that round") {
    test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    AttendanceFixture f;
    f.talkIn(3);
    const std::vector<RoundPlan> before = f.session.plan;
    auto draw = [&] { f.draw(); };
    ui.frame(draw);

    // Nothing is left to mark for a later round; the walk-in is offered a seat straight away.
    CHECK(ui.count("attendance.mark_arrived") == 0);
    REQUIRE(ui.count("attendance.seat_now") == 1);
    REQUIRE(ui.clickItem("attendance.seat_now", draw));
    REQUIRE(onlyBatch(f.out));
    f.applyAll();

    CHECK(f.session.plan[0] == before[0]);
    CHECK(f.session.plan[1] == before[1]);
    CHECK(tableOf(f.session.plan, 3, 21) != kNoTable);
    for (const SeatChange& change : seatChanges(before, f.session.plan, 1)) CHECK(change.participant == 21);
    CHECK(findHardViolations(f.session, f.session.plan).empty());
    CHECK(f.panel.error().empty());
}

TEST_CASE("gui attendance: Seat now with every table full says so and changes nothing") {
    test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    AttendanceFixture f(5);  // 20 people at 4 tables of 5
    f.talkIn(2);
    const Session before = f.session;
    auto draw = [&] { f.draw(); };
    ui.frame(draw);

    REQUIRE(ui.clickItem("attendance.mark_arrived", draw, 0));
    ui.frame(draw);
    REQUIRE(ui.clickItem("attendance.seat_now", draw));
    CHECK(f.out.actions.empty());
    CHECK(f.session == before);
    const std::string error = f.panel.error();
    CHECK(error.rfind("Could not seat 김민수: ", 0) == 0);
    // In plain words, with what to do about it.
    CHECK(error == "Could not seat 김민수: No table has a free seat for 김민수 in round 2: add a seat or a table.");
    CHECK(f.panel.message().empty());
    // The arrival stays pending: the facilitator may still re-plan from the next round.
    CHECK(f.panel.pending().size() == 1);
}

TEST_CASE("gui attendance: Enter in Find a name with one match marks that person; the field is ready for the next") {
    test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    AttendanceFixture f;
    f.talkIn(1);
    auto draw = [&] { f.draw(); };
    ui.frames(2, draw);

    REQUIRE(ui.clickItem("##attendance_search", draw));
    ui.type("bla", draw);
    CHECK(ui.count("attendance.mark_absent") == 1);  // Blake only
    ui.press(ImGuiKey_Enter, draw);
    REQUIRE(f.panel.pending().size() == 1);
    CHECK(f.panel.pending().begin()->second.name == "Blake");
    CHECK(f.panel.pending().begin()->second.untilRound == 1);
    CHECK(f.out.actions.empty());  // pending, like a click on the row's button
    CHECK(ui.count("##attendance_state") == 21);  // the field is empty again: every row is back

    // The field keeps the keyboard: the next name goes straight in. Several matches: Enter picks nobody.
    ui.type("a", draw);
    CHECK(ui.count("##attendance_state") > 1);
    ui.press(ImGuiKey_Enter, draw);
    CHECK(f.panel.pending().size() == 1);

    // Blake again: Enter takes the mark back, as the row's Undo does.
    ui.press(ImGuiKey_A, draw, true);
    ui.type("blake", draw);
    ui.press(ImGuiKey_Enter, draw);
    CHECK(f.panel.pending().empty());
    CHECK(f.out.actions.empty());
}
