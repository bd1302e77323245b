// The facilitator's console, headless: the shortcuts emit the timer's actions (and nothing while a field has the
// keyboard), attendance with a re-plan is one Batch that leaves the rounds already held alone, and the view asks to
// be redrawn once a second while the clock runs and not at all while it is paused.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <chrono>
#include <thread>

#include "console_view.hpp"
#include "headless.hpp"
#include "gui_language_guard.hpp"
#include "i18n.hpp"
#include "test_clock.hpp"
#include "live_state.hpp"
#include "projector_view.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/harvest.hpp"
#include "worldcafe/planner.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;
using test::ManualClock;
using worldcafe::test::kMinute;

// 4 tables, 4 menus, 20 people (4 hosts), 3 rounds of 20 minutes, planned.
Session consoleSession() {
    Session session;
    session.event.title = "Console test";
    session.rounds.count = 3;
    for (int m = 1; m <= 4; ++m)
        session.menus.push_back(Menu{m, "Menu " + std::to_string(m), "Question " + std::to_string(m),
                                     defaultMenuColour(static_cast<std::size_t>(m - 1))});
    for (int t = 1; t <= 4; ++t) session.tables.push_back(Table{t, t, 6});
    const char* names[] = {"가람", "나래", "다솜", "라온", "마루", "바다", "사랑", "아라", "자람", "차오",
                           "카라", "타미", "파랑", "하늘", "Alex", "Blake", "Casey", "Drew", "Eden", "Finn"};
    for (int p = 1; p <= 20; ++p) {
        Participant person;
        person.id = p;
        person.name = names[p - 1];
        person.affiliation = p % 2 ? "A" : "B";
        if (p <= 4) {
            person.role = Role::Host;
            person.table = p;
        }
        session.participants.push_back(person);
    }
    session.plan = planSeating(session).plan;
    return session;
}

struct ConsoleFixture {
    ManualClock clock;
    Timer timer{clock};
    Session session = consoleSession();
    ConsoleView view;
    PanelOutput out;
    std::uint64_t revision = 1;

    PanelContext context() {
        PanelContext context{session, out, revision, false, {}};
        context.timer = &timer;
        return context;
    }
    void draw() { view.draw(context()); }
    // What the shell does with an emitted action.
    void applyAll() {
        for (const Action& action : out.actions) applyAction(session, action);
        out.actions.clear();
        ++revision;
    }
};

// Re-plans with the pending attendance marks and applies the result: the one action the console emits.
const Batch* replanAndApply(HeadlessUi& ui, ConsoleFixture& f) {
    auto draw = [&] { f.draw(); };
    REQUIRE(ui.clickItem("attendance.replan", draw));
    f.view.attendance().waitForPlan();
    ui.frames(2, draw);
    REQUIRE(ui.clickItem("attendance.apply", draw));
    REQUIRE(f.out.actions.size() == 1);
    return std::get_if<Batch>(&f.out.actions[0].value);
}

const TimelineEntry* timelineOf(const Action& action) {
    auto* append = std::get_if<AppendTimeline>(&action.value);
    return append ? &append->entry : nullptr;
}

}  // namespace

TEST_CASE("gui console: Space starts, pauses and resumes; N skips; + and - change the phase by a minute") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as in the app
    ConsoleFixture f;
    auto draw = [&] { f.draw(); };
    ui.frame(draw);

    ui.press(GLFW_KEY_SPACE, draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->kind == TimelineKind::Start);
    CHECK(timelineOf(f.out.actions[0])->at == test::kTestStart);
    f.applyAll();
    CHECK(f.timer.state(f.session).running);

    f.clock.advance(5 * kMinute);
    ui.press(GLFW_KEY_SPACE, draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->kind == TimelineKind::Pause);
    CHECK(timelineOf(f.out.actions[0])->at == test::kTestStart + 5 * kMinute);
    f.applyAll();
    ui.press(GLFW_KEY_SPACE, draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->kind == TimelineKind::Resume);
    f.applyAll();

    ui.press(GLFW_KEY_EQUAL, draw, false, true);  // "+" is Shift+= on most keyboards
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->kind == TimelineKind::Extend);
    CHECK(timelineOf(f.out.actions[0])->seconds == 60);
    f.applyAll();
    CHECK(f.timer.state(f.session).durationMillis == 21 * kMinute);

    ui.press(GLFW_KEY_KP_SUBTRACT, draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->seconds == -60);
    f.applyAll();

    ui.press(GLFW_KEY_N, draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->kind == TimelineKind::Skip);
    f.applyAll();
    CHECK(f.timer.state(f.session).phase.kind == PhaseKind::Move);
}

TEST_CASE("gui console: Space after clicking Pause toggles once, not also through keyboard navigation") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ConsoleFixture f;
    f.session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
    auto draw = [&] { f.draw(); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("console.pause", draw));
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->kind == TimelineKind::Pause);
    f.applyAll();
    ui.frame(draw);
    ui.press(GLFW_KEY_SPACE, draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->kind == TimelineKind::Resume);
}

TEST_CASE("gui console: the shortcuts do nothing while a text field has the keyboard") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    ConsoleFixture f;
    f.session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
    auto draw = [&] { f.draw(); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("##attendance_search", draw));
    for (int key : {GLFW_KEY_SPACE, GLFW_KEY_N, GLFW_KEY_EQUAL, GLFW_KEY_MINUS}) ui.press(key, draw);
    CHECK(f.out.actions.empty());

    // Once the field lets go (a click elsewhere), the keys are controls again.
    ui.click({5.0f, 995.0f}, draw);
    ui.press(GLFW_KEY_N, draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->kind == TimelineKind::Skip);
}

TEST_CASE("gui console: nothing is emitted for shortcuts in a read-only session") {
    HeadlessUi ui({1600.0f, 1000.0f});
    ConsoleFixture f;
    bool readOnly = true;
    auto draw = [&] {
        PanelContext context = f.context();
        context.readOnly = readOnly;
        f.view.draw(context);
    };
    ui.frame(draw);
    ui.press(GLFW_KEY_SPACE, draw);
    CHECK(f.out.actions.empty());

    // The control: the same key in the same view emits its action once the session is writable, so the silence
    // above is the read-only rule and not a key that never arrived.
    readOnly = false;
    ui.frame(draw);
    ui.press(GLFW_KEY_SPACE, draw);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(timelineOf(f.out.actions[0])->kind == TimelineKind::Start);
}

TEST_CASE("gui console: marking someone absent and re-planning is one Batch that keeps the rounds held") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    ConsoleFixture f;
    // Round 1 is under way: rounds 2 and 3 are open.
    f.session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
    f.clock.set(test::kTestStart + 5 * kMinute);
    const std::vector<RoundPlan> before = f.session.plan;
    auto draw = [&] { f.draw(); };
    ui.frame(draw);

    // The rows follow the session's order; row 6 is a guest, 바다.
    REQUIRE(ui.clickItem("attendance.mark_absent", draw, 5));
    CHECK(f.out.actions.empty());  // pending until applied
    REQUIRE(f.view.attendance().pending().size() == 1);
    const Participant& absent = f.view.attendance().pending().begin()->second;
    CHECK(absent.name == "바다");
    CHECK(absent.untilRound == 1);

    const Batch* batch = replanAndApply(ui, f);
    REQUIRE(batch);
    REQUIRE(batch->actions.size() == 2);
    auto* put = std::get_if<Put<Participant>>(&batch->actions[0].value);
    REQUIRE(put);
    CHECK(put->item.id == 6);
    CHECK(put->item.untilRound == 1);
    auto* setPlan = std::get_if<SetPlan>(&batch->actions[1].value);
    REQUIRE(setPlan);

    // Round 1 stays as it was held; 바다 is in it and nowhere after.
    REQUIRE(setPlan->plan.size() == 3);
    CHECK(setPlan->plan[0] == before[0]);
    for (const RoundPlan& round : setPlan->plan) {
        bool seated = false;
        for (const Seat& seat : round.seats) seated = seated || seat.participant == 6;
        CHECK(seated == (round.round == 1));
    }
    Session after = f.session;
    applyAction(after, f.out.actions[0]);
    CHECK(findHardViolations(after, after.plan, 2).empty());
    // Nobody else moves: 19 people still sit 4 or 5 to a table, so rounds 2 and 3 simply lose 바다.
    for (const SeatChange& change : seatChanges(before, setPlan->plan, 2)) CHECK(change.participant == 6);
}

TEST_CASE("gui console: someone who never sat down is a no-show; someone who did leaves after the last round") {
    Participant person;
    person.id = 1;
    const Participant noShow = AttendancePanel::markedAbsent(person, 1);
    CHECK(noShow.absent);
    for (RoundNumber round = 1; round <= 3; ++round) CHECK_FALSE(noShow.presentIn(round));

    const Participant left = AttendancePanel::markedAbsent(person, 3);
    CHECK_FALSE(left.absent);
    CHECK(left.untilRound == 2);
    CHECK(left.presentIn(2));
    CHECK_FALSE(left.presentIn(3));

    // Expected in round 3 and gone before round 2 begins: they never sat down either.
    person.fromRound = 3;
    CHECK(AttendancePanel::markedAbsent(person, 2).absent);

    // The no-show turns up for round 2.
    const Participant arrived = AttendancePanel::markedArrived(noShow, 2);
    CHECK_FALSE(arrived.absent);
    CHECK(arrived.fromRound == 2);
    CHECK_FALSE(arrived.presentIn(1));
    CHECK(arrived.presentIn(2));

    Participant back = left;  // left after round 2, back for round 3
    back.untilRound = 1;
    back = AttendancePanel::markedArrived(back, 3);
    CHECK(back.fromRound == 3);
    CHECK(back.untilRound == kNoRound);
    CHECK(back.presentIn(3));
}

TEST_CASE("gui console: before round 1, a guest and a host who did not come are taken out of every round") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    ConsoleFixture f;  // not started: every round is open
    auto draw = [&] { f.draw(); };
    ui.frame(draw);

    // Rows follow the session's order: row 2 is the host of table 2 (나래), row 6 the guest 바다.
    REQUIRE(ui.clickItem("attendance.mark_absent", draw, 5));
    ui.frame(draw);  // the pending count now shows above the list and moves it down
    REQUIRE(ui.clickItem("attendance.mark_absent", draw, 1));
    REQUIRE(f.view.attendance().pending().size() == 2);
    const Batch* batch = replanAndApply(ui, f);
    REQUIRE(batch);
    std::set<ParticipantId> markedIds;
    for (const Action& action : batch->actions)
        if (auto* put = std::get_if<Put<Participant>>(&action.value)) {
            CHECK(put->item.absent);
            CHECK(put->item.untilRound == kNoRound);
            markedIds.insert(put->item.id);
        }
    CHECK(markedIds == std::set<ParticipantId>{2, 6});

    f.applyAll();
    REQUIRE(f.session.plan.size() == 3);
    for (const RoundPlan& round : f.session.plan) {
        CHECK(round.seats.size() == 18);
        for (const Seat& seat : round.seats) {
            CHECK(seat.participant != 2);
            CHECK(seat.participant != 6);
        }
    }
    CHECK(findHardViolations(f.session, f.session.plan, 1).empty());
}

TEST_CASE("gui console: redraws once a second while running, not at all while paused") {
    HeadlessUi ui({1600.0f, 1000.0f});
    ConsoleFixture f;
    f.session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
    f.clock.set(test::kTestStart + 10'250);  // 19:49.75 left: the display changes to 19:49 in 750 ms
    auto draw = [&] { f.draw(); };
    ui.frame(draw);
    auto due = f.view.redrawAfter(f.context());
    REQUIRE(due);
    CHECK(*due > 0.0);
    CHECK(*due <= 1.0);
    CHECK(*due == doctest::Approx(0.75).epsilon(0.01));

    // A late wake-up: the second changed while asleep, so the view is due at once.
    f.clock.advance(1'100);
    due = f.view.redrawAfter(f.context());
    REQUIRE(due);
    CHECK(*due == 0.0);
    ui.frame(draw);
    due = f.view.redrawAfter(f.context());
    REQUIRE(due);
    CHECK(*due > 0.0);
    CHECK(*due <= 1.0);

    f.session.timeline.push_back({TimelineKind::Pause, f.clock.wallMillis(), 0});
    ui.frame(draw);
    CHECK_FALSE(f.view.redrawAfter(f.context()));
}

TEST_CASE("gui console: the Korean console draws in every phase without a missing key") {
    worldcafe::test::LanguageGuard language(kI18nDir, "ko");
    takeMissingTranslations();
    HeadlessUi ui({1280.0f, 720.0f});
    ConsoleFixture f;
    auto draw = [&] { f.draw(); };
    ui.frames(2, draw);  // not started
    f.session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
    for (std::int64_t minutes : {5, 21, 65, 70}) {  // talk, move, talk 3 (last), harvest
        f.clock.set(test::kTestStart + minutes * kMinute);
        ui.frames(2, draw);
    }
    f.session.timeline.push_back({TimelineKind::Finish, f.clock.wallMillis(), 0});
    ui.frames(2, draw);
    auto missing = takeMissingTranslations();
    CHECK_MESSAGE(missing.empty(), "first missing key: " << (missing.empty() ? "" : missing.front()));
    CHECK(f.out.actions.empty());
}

TEST_CASE("gui console: the live views' strings have glyphs in the UI font") {
    HeadlessUi ui({800.0f, 600.0f}, true);
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (const char* language : {"en", "ko"}) {
        const auto table = loadStringTable(kI18nDir / (std::string(language) + ".live.json"));
        for (const auto& [key, text] : table) {
            const char* cursor = text.c_str();
            const char* end = cursor + text.size();
            while (cursor < end) {
                unsigned int codepoint = 0;
                cursor += ImTextCharFromUtf8(&codepoint, cursor, end);
                CHECK_MESSAGE(font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)),
                              language << ": '" << key << "' has no glyph for U+" << std::hex << codepoint);
            }
        }
    }
}

TEST_CASE("gui console: the projector controls ask the shell with typed requests and change nothing themselves") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    ConsoleFixture f;
    ProjectorStatus status;
    status.monitors = {"1: eDP-1 (1920×1080) · laptop", "2: HDMI-1 (1280×720)"};
    status.suggestedMonitor = 1;
    auto draw = [&] {
        PanelContext context = f.context();
        context.projector = &status;
        f.view.draw(context);
    };
    ui.frame(draw);
    REQUIRE(ui.clickItem("console.projector_open", draw));
    REQUIRE(f.out.requests.size() == 1);
    CHECK(f.out.requests[0] == ShellRequest{OpenProjectorRequest{1}});
    f.out.requests.clear();
    REQUIRE(ui.clickItem("console.projector_window", draw));
    REQUIRE(f.out.requests.size() == 1);
    CHECK(f.out.requests[0] == ShellRequest{OpenProjectorRequest{-1}});
    f.out.requests.clear();
    REQUIRE(ui.clickItem("console.mute", draw));
    REQUIRE(f.out.requests.size() == 1);
    CHECK(f.out.requests[0] == ShellRequest{MuteChimeRequest{true}});
    CHECK_FALSE(status.muted);  // the shell decides; the view only asked

    f.out.requests.clear();
    status.open = true;
    ui.frame(draw);
    REQUIRE(ui.clickItem("console.projector_close", draw));
    REQUIRE(f.out.requests.size() == 1);
    CHECK(f.out.requests[0] == ShellRequest{CloseProjectorRequest{}});
    CHECK(f.out.actions.empty());

    // Without a projector to offer (tests, screenshots) there are no controls.
    f.out.requests.clear();
    ui.frame([&] { f.draw(); });
    CHECK_FALSE(ui.find("console.projector_open"));
    CHECK_FALSE(ui.find("console.projector_close"));
}

TEST_CASE("gui console: while the room is open to phones, a popup shows the guests' and each table's host link QR") {
    worldcafe::test::LanguageGuard language(kI18nDir, "ko");
    takeMissingTranslations();
    HeadlessUi ui({1600.0f, 1000.0f});
    ConsoleFixture f;
    f.session.tables[0].token = "dG9rZW4tb25lLXh4eHh4eHg";
    f.session.tables[2].token = "dG9rZW4tdGhyZWUteHh4eHg";
    ui.frames(2, [&] { f.draw(); });
    CHECK(ui.count("console.links") == 0);  // the server is off: no links to show

    auto draw = [&] {
        PanelContext context = f.context();
        context.roomBase = "http://10.0.0.5:8080/";
        f.view.draw(context);
    };
    ui.frames(2, draw);
    REQUIRE(ui.count("console.links") == 1);
    CHECK(ui.count("console.link_qr") == 0);
    REQUIRE(ui.clickItem("console.links", draw));
    ui.frames(2, draw);
    // The guests' page and the two tables that have a token; the others say they have no link yet.
    CHECK(ui.count("console.link_qr") == 3);
    CHECK(takeMissingTranslations().empty());
    REQUIRE(ui.clickItem("console.links_close", draw));
    ui.frames(2, draw);
    CHECK(ui.count("console.link_qr") == 0);
}

TEST_CASE("gui console: warnings fit the phase, a pause has no stale end time, and Next from a pause says it waits") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    ConsoleFixture f;
    auto draw = [&] { f.draw(); };
    ui.frame(draw);
    ui.press(GLFW_KEY_SPACE, draw);
    f.applyAll();

    // The talk's last two minutes: wrap up.
    f.clock.advance(18 * kMinute + 30'000);
    ui.frame(draw);
    CHECK(ui.find(tr("projector.almost")) != nullptr);
    CHECK(ui.find("console.ends_at") != nullptr);

    // The three-minute move: no warning at its start, then "find your next table", never "wrap up".
    f.clock.advance(2 * kMinute);
    ui.frame(draw);
    REQUIRE(f.timer.state(f.session).phase.kind == PhaseKind::Move);
    CHECK(ui.find(tr("projector.almost")) == nullptr);
    CHECK(ui.find(tr("projector.move_almost")) == nullptr);
    f.clock.advance(90'000);
    ui.frame(draw);
    CHECK(ui.find(tr("projector.move_almost")) != nullptr);
    CHECK(ui.find(tr("projector.almost")) == nullptr);

    // Paused: "paused", not an end time that drifts into the past.
    ui.press(GLFW_KEY_SPACE, draw);
    f.applyAll();
    f.clock.advance(5 * kMinute);
    ui.frame(draw);
    CHECK(ui.find("console.ends_paused") != nullptr);
    CHECK(ui.find("console.ends_at") == nullptr);

    // Next phase from the pause: the new phase waits at its start, and the console says so.
    REQUIRE(ui.clickItem("console.skip", draw));
    f.applyAll();
    ui.frame(draw);
    const TimerState state = f.timer.state(f.session);
    CHECK(state.phase.kind == PhaseKind::Talk);
    CHECK_FALSE(state.running);
    CHECK(ui.find(tr("live.state.paused_at_start")) != nullptr);
    CHECK(ui.find("console.ends_paused") != nullptr);
}

TEST_CASE("gui console: newest notes are the room's newest first, whatever their table, and one note is '1 note'") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    ConsoleFixture f;
    auto note = [](NoteId id, TableNumber table, WallMillis created, WallMillis edited = 0) {
        Note n;
        n.id = id;
        n.table = table;
        n.round = 1;
        n.text = "note " + std::to_string(id);
        n.created = created;
        n.edited = edited;
        return n;
    };
    f.session.notes = {note(1, 1, test::kTestStart + 1 * kMinute)};
    auto draw = [&] { f.draw(); };
    ui.frame(draw);
    CHECK(ui.find("1 note") != nullptr);

    f.session.notes = {note(1, 1, test::kTestStart + 1 * kMinute), note(2, 4, test::kTestStart + 9 * kMinute),
                       note(3, 1, test::kTestStart + 5 * kMinute), note(4, 2, test::kTestStart + 2 * kMinute, test::kTestStart + 12 * kMinute)};
    ++f.revision;
    ui.frame(draw);
    // Edited a moment ago counts as new: 4 (edited at 12), 2 (9), 3 (5), 1 (1).
    std::vector<float> rows;
    for (NoteId id : {4, 2, 3, 1}) {
        const RecordedItem* item = ui.find("note:" + std::to_string(id));
        REQUIRE(item);
        rows.push_back(item->min.y);
    }
    CHECK(std::is_sorted(rows.begin(), rows.end()));
    CHECK(rows.front() < rows.back());
}

namespace {

// The room open to phones: the console's side panel then holds the links and the tables' status above attendance.
PhonesStatus openPhones() {
    PhonesStatus phones;
    phones.open = true;
    phones.urls = {"http://192.168.100.200:8080/"};
    phones.base = "http://192.168.100.200:8080";
    phones.tableCount = 4;
    phones.tablesWithLink = 4;
    for (int t = 1; t <= 4; ++t) phones.tables.push_back({t, 12.0, 3});
    return phones;
}

// The attendance rows as drawn: each row's name, affiliation (if shown) and state, in drawing order.
struct AttendanceRow {
    const RecordedItem* name = nullptr;
    const RecordedItem* affiliation = nullptr;
    const RecordedItem* state = nullptr;
};

std::vector<AttendanceRow> attendanceRows(const HeadlessUi& ui) {
    std::vector<AttendanceRow> rows;
    AttendanceRow row;
    for (const RecordedItem& item : ui.items()) {
        if (item.key.rfind("attendance.name:", 0) == 0) row.name = &item;
        if (item.key.rfind("attendance.affiliation:", 0) == 0) row.affiliation = &item;
        if (item.key == "##attendance_state") {
            row.state = &item;
            rows.push_back(row);
            row = {};
        }
    }
    return rows;
}

bool endsWithEllipsis(const std::string& text) {
    return text.size() >= 3 && text.compare(text.size() - 3, 3, "…") == 0;
}

}  // namespace

TEST_CASE("gui console: Discard changes is whole inside the attendance panel at 1280 and 1600 px, in both languages") {
    for (const std::string language : {"en", "ko"}) {
        for (const ImVec2 size : {ImVec2{1280.0f, 800.0f}, ImVec2{1600.0f, 1000.0f}}) {
            CAPTURE(language);
            CAPTURE(size.x);
            worldcafe::test::LanguageGuard guard(kI18nDir, language);
            HeadlessUi ui(size, true);
            ConsoleFixture f;
            f.session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
            f.clock.set(test::kTestStart + 5 * kMinute);
            const PhonesStatus phones = openPhones();
            auto draw = [&] {
                PanelContext context = f.context();
                context.phones = &phones;
                f.view.draw(context);
            };
            ui.frames(2, draw);
            REQUIRE(ui.clickItem("attendance.mark_absent", draw, 5));
            ui.frames(2, draw);
            const RecordedItem* search = ui.find("##attendance_search");
            REQUIRE(search);
            for (const char* key : {"attendance.replan", "attendance.save_only", "attendance.discard"}) {
                CAPTURE(key);
                const RecordedItem* button = ui.find(key);
                REQUIRE(button);
                CHECK(button->min.x >= search->min.x - 0.5f);
                CHECK(button->max.x <= search->max.x + 0.5f);
            }
            REQUIRE(ui.clickItem("attendance.discard", draw));
            CHECK(f.view.attendance().pending().empty());
        }
    }
}

TEST_CASE("gui console: at 1280 px with the phones panel open, names show whole and long ones end in …") {
    for (const std::string language : {"en", "ko"}) {
        CAPTURE(language);
        worldcafe::test::LanguageGuard guard(kI18nDir, language);
        HeadlessUi ui({1280.0f, 800.0f}, true);
        ConsoleFixture f;
        f.session.participants[4].name = "Priya Slaughter";
        f.session.participants[4].affiliation = "Neighbourhood Climate Action Network of Greater Manchester";
        f.session.participants[5].name = "남궁세영";
        f.session.participants[5].affiliation = "한국환경산업기술원 녹색구매지원센터 국제협력팀 지속가능소비확산 담당";
        f.session.participants[6].name = "Maximilian Alexander von Hohenberg-Schwarzenfeld";
        f.session.participants[6].affiliation = "Stadtwerke";
        // Round 1 under way and everyone seated: nobody needs "Seat now".
        f.session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
        f.clock.set(test::kTestStart + 5 * kMinute);
        const PhonesStatus phones = openPhones();
        auto draw = [&] {
            PanelContext context = f.context();
            context.phones = &phones;
            f.view.draw(context);
        };
        ui.frames(3, draw);
        CHECK(ui.find("console.phones_links"));
        const std::vector<AttendanceRow> rows = attendanceRows(ui);
        REQUIRE(rows.size() >= 7);
        for (const AttendanceRow& row : rows) {
            REQUIRE(row.name);
            CAPTURE(row.name->key);
            CHECK(row.name->max.x <= row.state->min.x);
            if (row.affiliation) CHECK(row.affiliation->max.x <= row.state->min.x);
        }
        CHECK(rows[4].name->key == "attendance.name:Priya Slaughter");
        REQUIRE(rows[4].affiliation);
        CHECK(rows[4].affiliation->key.rfind("attendance.affiliation:Neigh", 0) == 0);
        CHECK(endsWithEllipsis(rows[4].affiliation->key));
        CHECK(rows[5].name->key == "attendance.name:남궁세영");
        REQUIRE(rows[5].affiliation);
        CHECK(rows[5].affiliation->key.rfind("attendance.affiliation:한국환경산업기술원", 0) == 0);
        CHECK(endsWithEllipsis(rows[5].affiliation->key));
        CHECK(rows[6].name->key.rfind("attendance.name:Maximilian Alexander", 0) == 0);
        CHECK(endsWithEllipsis(rows[6].name->key));
        CHECK_FALSE(rows[6].affiliation);  // no room left: it is in the tooltip
        // Short names keep their affiliation whole.
        CHECK(rows[3].name->key == "attendance.name:라온");
        REQUIRE(rows[3].affiliation);
        CHECK(rows[3].affiliation->key == "attendance.affiliation:B");
    }
}

TEST_CASE("gui console: the screenshot part 'replan' marks the first free guest absent and opens the preview") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui({1280.0f, 800.0f});
    ConsoleFixture f;
    // Round 1 is under way: round 2 is the first open one.
    f.session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
    f.clock.set(test::kTestStart + 5 * kMinute);
    const std::vector<std::string> parts = f.view.parts();
    CHECK(std::find(parts.begin(), parts.end(), "replan") != parts.end());
    REQUIRE(f.view.selectPart("replan"));
    auto draw = [&] { f.draw(); };
    ui.frame(draw);
    f.view.finishBackgroundWork();
    ui.frames(2, draw);

    // Participants 1-4 are hosts; 5, 마루, is the first guest, marked as the row's button would mark them.
    REQUIRE(f.view.attendance().pending().size() == 1);
    const Participant& absent = f.view.attendance().pending().begin()->second;
    CHECK(absent.id == 5);
    CHECK(absent.untilRound == 1);
    const std::vector<std::string> lines = f.view.attendance().previewLines();
    REQUIRE(lines.size() >= 2);
    CHECK(lines.front().find("Moved") == 0);
    bool named = false;
    for (std::size_t i = 1; i < lines.size(); ++i) named = named || lines[i].find("마루") != std::string::npos;
    CHECK(named);
    // A preview, not a change: Apply is still the user's.
    CHECK(f.out.actions.empty());
    CHECK(ui.find("attendance.apply"));
    // Staged once: drawing again does not mark a second guest.
    ui.frames(2, draw);
    CHECK(f.view.attendance().pending().size() == 1);
}

TEST_CASE("gui live state: a harvest after a round belongs to that round: its seating, its notes, its title") {
    Session session = consoleSession();
    session.rounds.talkMinutes = 20;
    session.rounds.moveMinutes = 3;
    session.rounds.roundHarvestMinutes = 5;
    session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
    // Two minutes into the harvest after round 2.
    const WallMillis at = test::kTestStart + (20 + 5 + 3 + 20 + 2) * kMinute;
    const TimerState state = timerStateAt(session, at);
    REQUIRE(state.phase == Phase{PhaseKind::Harvest, 2, 5 * kMinute});
    const LiveRounds rounds = liveRounds(session, state);
    CHECK(rounds.now == 2);
    CHECK(rounds.notes == 2);
    CHECK(rounds.next == 3);
    CHECK(rounds.firstOpen == 3);
    {
        worldcafe::test::LanguageGuard guard(kI18nDir, "en");
        CHECK(phaseTitle(session, state.phase) == "Round 2 of 3 — Harvest");
    }
    // The final harvest still belongs to the last round.
    const TimerState last = timerStateAt(session, test::kTestStart + (3 * 20 + 2 * 5 + 2 * 3 + 1) * kMinute);
    REQUIRE(last.phase == Phase{PhaseKind::Harvest, 0, session.rounds.harvestMinutes * kMinute});
    CHECK(liveRounds(session, last).notes == 3);
    CHECK(liveRounds(session, last).firstOpen == 4);
}

TEST_CASE("gui console: the voting switch and its dots go through the engine, undoably, and the projector tallies") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    test::TempDir dir;
    Session initial = consoleSession();
    // Notes of menu 1 under two tags: two themes for the guests' dots. The run is over: the projector harvests.
    for (NoteId id = 1; id <= 4; ++id) {
        Note note;
        note.id = id;
        note.table = 1;
        note.menu = 1;
        note.text = "note " + std::to_string(id);
        note.tags = {id <= 2 ? "bus" : "bikes"};
        initial.notes.push_back(note);
    }
    initial.timeline = {{TimelineKind::Start, test::kTestStart, 0}, {TimelineKind::Finish, test::kTestStart + kMinute, 0}};
    const std::filesystem::path file = dir / "cafe.wcafe";
    auto engine = Engine::create(file, initial);

    ManualClock clock;
    clock.set(test::kTestStart + 2 * kMinute);
    Timer timer{clock};
    PhonesStatus phones;
    phones.open = true;
    ConsoleView console;
    ProjectorView projector;
    PanelOutput out;
    auto context = [&] {
        PanelContext context{engine->session(), out, engine->revision(), false, {}};
        context.timer = &timer;
        context.phones = &phones;
        return context;
    };
    HeadlessUi ui({1600.0f, 1000.0f});
    // A frame as the shell runs it: what the console emitted last frame goes through the engine, journalled, first.
    std::size_t emitted = 0;
    auto drawConsole = [&] {
        for (const Action& action : out.actions) engine->apply(action);
        emitted += out.actions.size();
        out.actions.clear();
        console.draw(context());
    };
    auto apply = [&] {
        ui.frames(2, drawConsole);
        return std::exchange(emitted, 0);
    };
    auto wall = [&] {
        ui.frame([&] { projector.draw(context(), {0.0f, 0.0f}, {1280.0f, 800.0f}); });
        return projector.harvestShown();
    };
    ui.frames(2, drawConsole);
    REQUIRE(ui.find("console.voting"));
    CHECK_FALSE(engine->session().voting.open);
    CHECK_FALSE(engine->canUndo());

    // Opened with the default dots, then 5 dots typed in: two actions, each undoable.
    REQUIRE(ui.clickItem("console.voting", drawConsole));
    CHECK(apply() == 1);
    CHECK(engine->session().voting == Voting{true, 3});
    const RecordedItem* dotsField = ui.find("console.voting_dots");
    REQUIRE(dotsField);
    ui.click({dotsField->min.x + 8.0f, dotsField->centre().y}, drawConsole);
    ui.press(ImGuiKey_A, drawConsole, true);
    ui.type("5", drawConsole);
    ui.press(ImGuiKey_Enter, drawConsole);
    CHECK(apply() == 1);
    CHECK(engine->session().voting == Voting{true, 5});
    engine->undo();
    CHECK(engine->session().voting == Voting{true, 3});
    engine->undo();
    CHECK(engine->session().voting == Voting{false, 3});
    CHECK_FALSE(engine->canUndo());
    engine->redo();
    engine->redo();
    CHECK(engine->session().voting == Voting{true, 5});

    // The guests' dots, as the server applies them: the wall shows the tally, most votes first.
    auto castDots = [&](const char* voter, int dots, const char* tag) {
        for (int dot = 0; dot < dots; ++dot) {
            const Synthesis synthesis = synthesize(engine->session());
            const MenuHarvest* menu = synthesis.findMenu(1);
            REQUIRE(menu);
            std::string key;
            for (const ThemeSummary& theme : menu->themes)
                if (theme.name == tag) key = theme.key;
            REQUIRE_MESSAGE(!key.empty(), "no theme " << tag);
            engine->apply(castVote(engine->session(), synthesis, voter, dot, 1, key, test::kTestStart));
        }
    };
    castDots("phone-a", 5, "bikes");
    castDots("phone-b", 2, "bus");
    auto votesOn = [](const ProjectorView::HarvestShown& shown, const std::string& name) {
        for (const auto& row : shown.rows)
            if (row.name == name) return row.votes;
        return -1;
    };
    ProjectorView::HarvestShown shown = wall();
    REQUIRE(shown.rows.size() >= 2);
    CHECK(shown.rows[0].name == "bikes");
    CHECK(votesOn(shown, "bikes") == 5);
    CHECK(votesOn(shown, "bus") == 2);

    // Closed: the phones can no longer vote, the dots cast stay on the wall.
    ui.frames(2, drawConsole);
    REQUIRE(ui.clickItem("console.voting", drawConsole));
    CHECK(apply() == 1);
    CHECK(engine->session().voting == Voting{false, 5});
    CHECK_THROWS_AS(castDots("phone-c", 1, "bus"), ActionRejected);
    shown = wall();
    CHECK(votesOn(shown, "bikes") == 5);
    CHECK(votesOn(shown, "bus") == 2);

    // Every step was journalled before it was acknowledged: the file reopens as the room left it.
    engine.reset();
    auto reopened = Engine::open(file);
    CHECK(reopened->session().voting == Voting{false, 5});
    CHECK(reopened->session().votes.size() == 7);
}
