// The projector, headless: the "where do I go next" list is in 가나다 order and pages when it does not fit (every
// name on exactly one page); the view asks to be redrawn once a second while running and not while paused; a phase
// change flashes once; the countdown font is a fifth of the height; screenshots simulate each phase in memory.
#include <doctest/doctest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <map>
#include <set>

#include "chime.hpp"
#include "console_view.hpp"
#include "fonts.hpp"
#include "headless.hpp"
#include "gui_language_guard.hpp"
#include "i18n.hpp"
#include "test_clock.hpp"
#include "live_fonts.hpp"
#include "live_preview.hpp"
#include "projector_view.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/planner.hpp"
#include "worldcafe/printables.hpp"
#include "worldcafe/text.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kSourceDir;
using worldcafe::test::kI18nDir;
using test::ManualClock;
using worldcafe::test::kMinute;

// `people` participants with Korean names in no particular order, 6 tables, 3 rounds, planned.
Session koreanCafe(int people) {
    static const char* const kFamily[] = {"한", "김", "박", "이", "최", "강", "정", "윤", "조", "장"};
    static const char* const kGiven[] = {"하늘", "가람", "다솜", "나래", "마루", "바다", "사랑", "아라"};
    Session session;
    session.event.language = "ko";
    session.rounds.count = 3;
    for (int m = 1; m <= 6; ++m)
        session.menus.push_back(
            Menu{m, "메뉴 " + std::to_string(m), "", defaultMenuColour(static_cast<std::size_t>(m - 1))});
    for (int t = 1; t <= 6; ++t) session.tables.push_back(Table{t, t, (people + 5) / 6 + 1});
    for (int p = 1; p <= people; ++p) {
        Participant person;
        person.id = p;
        person.name = std::string(kFamily[p % 10]) + kGiven[(p / 10) % 8] + (p >= 80 ? std::to_string(p) : "");
        if (p <= 6) {
            person.role = Role::Host;
            person.table = p;
        }
        session.participants.push_back(person);
    }
    session.plan = planSeating(session).plan;
    return session;
}

struct ProjectorFixture {
    explicit ProjectorFixture(int people) : session(koreanCafe(people)) {
        session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
    }
    ManualClock clock;
    Timer timer{clock};
    Session session;
    ProjectorView view;
    PanelOutput out;
    PanelContext context() {
        PanelContext context{session, out, 1, true, {}};
        context.timer = &timer;
        return context;
    }
    // Minutes into the run: 0-20 talk 1, 20-23 move into 2, 23-43 talk 2, ...
    void at(double minutes) { clock.set(test::kTestStart + static_cast<std::int64_t>(minutes * kMinute)); }
};

}  // namespace

TEST_CASE("gui projector: the move list is in 가나다 order, everyone present with their table") {
    ProjectorFixture f(30);
    const auto entries = movesInto(f.session, 2);
    REQUIRE(entries.size() == 30);
    for (std::size_t i = 1; i < entries.size(); ++i)
        CHECK(foldForSearch(entries[i - 1].person->name) <= foldForSearch(entries[i].person->name));
    CHECK(entries.front().person->name.rfind("강", 0) == 0);  // ㄱ first
    CHECK(entries.back().person->name.rfind("한", 0) == 0);   // ㅎ last
    for (const MoveEntry& entry : entries) {
        CHECK(entry.table == seatOf(f.session, entry.person->id, 2));
        CHECK(entry.menu != nullptr);
    }

    // Someone who left after round 1 is not in round 2's list.
    f.session.participants[10].untilRound = 1;
    CHECK(movesInto(f.session, 2).size() == 29);
}

TEST_CASE("gui projector: the move list pages on a small projector, every name on exactly one page") {
    worldcafe::test::LanguageGuard language(kI18nDir, "ko");
    HeadlessUi ui({640.0f, 360.0f});
    ProjectorFixture f(90);
    f.at(21.0);  // moving into round 2
    std::vector<std::vector<MoveEntry>> pages;
    ui.frame([&] { pages = f.view.movePages(f.context(), 2, {640.0f, 360.0f}); });
    REQUIRE(pages.size() > 1);
    std::map<ParticipantId, int> seen;
    std::vector<std::string> order;
    for (const auto& page : pages) {
        CHECK_FALSE(page.empty());
        for (const MoveEntry& entry : page) {
            ++seen[entry.person->id];
            order.push_back(foldForSearch(entry.person->name));
        }
    }
    CHECK(seen.size() == 90);
    for (const auto& [id, count] : seen) CHECK_MESSAGE(count == 1, "participant " << id << " on " << count << " pages");
    CHECK(std::is_sorted(order.begin(), order.end()));  // pages continue the order

    // On a full-HD wall the same room fits one page.
    ui.frame([&] { pages = f.view.movePages(f.context(), 2, {1920.0f, 1080.0f}); });
    CHECK(pages.size() < 3);

    // Pages rotate with the clock.
    CHECK(ProjectorView::pageAt(0, 3) == 0);
    CHECK(ProjectorView::pageAt(ProjectorView::kPageMillis, 3) == 1);
    CHECK(ProjectorView::pageAt(3 * ProjectorView::kPageMillis, 3) == 0);
}

TEST_CASE("gui projector: every phase draws, in Korean, without a missing key") {
    worldcafe::test::LanguageGuard language(kI18nDir, "ko");
    takeMissingTranslations();
    HeadlessUi ui({1280.0f, 720.0f});
    ProjectorFixture f(40);
    auto draw = [&] { f.view.draw(f.context(), {0.0f, 0.0f}, {1280.0f, 720.0f}); };
    for (double minutes : {5.0, 19.0, 21.0, 30.0, 70.0}) {
        f.at(minutes);
        ui.frames(2, draw);
    }
    f.session.timeline.push_back({TimelineKind::Finish, f.clock.wallMillis(), 0});
    ui.frames(2, draw);
    f.session.timeline.clear();  // not started
    ui.frames(2, draw);
    // Tiny and degenerate sizes are survived.
    ui.frame([&] { f.view.draw(f.context(), {0.0f, 0.0f}, {120.0f, 40.0f}); });
    ui.frame([&] { f.view.draw(f.context(), {0.0f, 0.0f}, {0.0f, 0.0f}); });
    auto missing = takeMissingTranslations();
    CHECK_MESSAGE(missing.empty(), "first missing key: " << (missing.empty() ? "" : missing.front()));
}

TEST_CASE("gui projector: redraws about once a second while running, never while paused") {
    HeadlessUi ui({1280.0f, 720.0f});
    ProjectorFixture f(20);
    auto draw = [&] { f.view.draw(f.context(), {0.0f, 0.0f}, {1280.0f, 720.0f}); };
    f.clock.set(test::kTestStart + 3'400);
    ui.frame(draw);
    auto due = f.view.redrawAfter(f.context());
    REQUIRE(due);
    CHECK(*due > 0.0);
    CHECK(*due <= 1.0);
    CHECK(*due == doctest::Approx(0.6).epsilon(0.01));

    f.session.timeline.push_back({TimelineKind::Pause, f.clock.wallMillis(), 0});
    ui.frame(draw);
    CHECK_FALSE(f.view.redrawAfter(f.context()));
}

TEST_CASE("gui projector: the end of a phase flashes for a moment and rings once") {
    HeadlessUi ui({1280.0f, 720.0f});
    ProjectorFixture f(20);
    auto draw = [&] { f.view.draw(f.context(), {0.0f, 0.0f}, {1280.0f, 720.0f}); };
    f.at(19.9);
    ui.frame(draw);
    CHECK_FALSE(f.view.takePhaseEnded());
    f.at(20.01);  // talk ran into move
    auto due = f.view.redrawAfter(f.context());
    REQUIRE(due);
    CHECK(*due == 0.0);
    ui.frame(draw);
    CHECK(f.view.takePhaseEnded());
    CHECK_FALSE(f.view.takePhaseEnded());
    due = f.view.redrawAfter(f.context());
    REQUIRE(due);
    CHECK(*due <= 1.0 / 30.0 + 1e-9);  // animating the flash
    f.at(20.01 + 2.0 / 60.0);  // two seconds later it is over
    ui.frame(draw);
    due = f.view.redrawAfter(f.context());
    REQUIRE(due);
    CHECK(*due > 0.1);
}

TEST_CASE("gui projector: the countdown font is a fifth of the height and carries the session's glyphs") {
    worldcafe::test::LanguageGuard language(kI18nDir, "ko");
    HeadlessUi ui({1920.0f, 1080.0f}, true);
    const Session session = koreanCafe(30);
    LiveFontPlan plan;
    plan.projectorHeight = 1080.0f;
    plan.consoleClock = 58.0f;
    plan.glyphText = ProjectorView::glyphText(session);
    addLiveFonts(*ImGui::GetIO().Fonts, plan);
    ImFont* countdown = liveFont(LiveFont::Countdown);
    ImFont* title = liveFont(LiveFont::Title);
    ImFont* body = liveFont(LiveFont::Body);
    REQUIRE(countdown);
    REQUIRE(title);
    REQUIRE(body);
    REQUIRE(liveFont(LiveFont::ConsoleClock));
    // The digit "0" as drawn: its ink is at least a fifth of the projector's height.
    const ImFontGlyph* zero = countdown->FindGlyphNoFallback('0');
    REQUIRE(zero);
    CHECK(zero->Y1 - zero->Y0 >= 1080.0f / 5.0f);
    const char* cursor = plan.glyphText.c_str();
    const char* end = cursor + plan.glyphText.size();
    while (cursor < end) {
        unsigned int codepoint = 0;
        cursor += ImTextCharFromUtf8(&codepoint, cursor, end);
        CHECK_MESSAGE(title->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)),
                      "title lacks U+" << std::hex << codepoint);
        CHECK_MESSAGE(body->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)),
                      "body lacks U+" << std::hex << codepoint);
    }
}

TEST_CASE("gui projector: screenshots simulate each phase in memory") {
    auto engine = Engine::open(kSourceDir / "sessions" / "green-procurement-2019.wcafe", OpenOptions{.readOnly = true});
    const Session before = engine->session();
    // As the sample sessions first shipped: no plan yet, so the preview plans in memory.
    Session original = before;
    original.plan.clear();
    struct Expect {
        const char* phase;
        bool started;
        PhaseKind kind;
        RoundNumber round;
    };
    for (const Expect& expect :
         {Expect{"welcome", false, PhaseKind::Talk, 1}, Expect{"talk", true, PhaseKind::Talk, 2},
          Expect{"warning", true, PhaseKind::Talk, 2}, Expect{"move", true, PhaseKind::Move, 2},
          Expect{"harvest", true, PhaseKind::Harvest, 0}, Expect{"done", true, PhaseKind::Done, 0}}) {
        CAPTURE(expect.phase);
        LivePreview preview = simulateRun(original, expect.phase);
        const TimerState state = timerStateAt(preview.session, preview.now);
        CHECK(state.started == expect.started);
        CHECK(state.phase.kind == expect.kind);
        CHECK(state.phase.round == expect.round);
        CHECK(preview.session.plan.size() == 3);
        CHECK(findHardViolations(preview.session, preview.session.plan).empty());
        if (std::string(expect.phase) == "warning") CHECK(state.warning == 120);
    }
    // The file's session is untouched, and a session that has a plan keeps it.
    CHECK(engine->session() == before);
    if (!before.plan.empty()) CHECK(simulateRun(before, "talk").session.plan == before.plan);

    CHECK(livePhaseForView("projector/move") == "move");
    CHECK(livePhaseForView("console") == "talk");
    CHECK(livePhaseForView("host/3") == "talk");
    CHECK_FALSE(livePhaseForView("setup/menus"));
}

TEST_CASE("gui projector: the chime is a short, audible tone that does not clip") {
    const auto samples = chimeSamples(kChimeSampleRate);
    CHECK(samples.size() == static_cast<std::size_t>(1.4 * kChimeSampleRate));
    int peak = 0;
    for (std::int16_t sample : samples) peak = std::max(peak, std::abs(static_cast<int>(sample)));
    CHECK(peak > 6000);
    CHECK(peak < 32000);
    CHECK(std::abs(static_cast<int>(samples.back())) < 200);  // fades out, no click at the end
}

TEST_CASE("gui projector: while the room is open to phones, the move list makes room for the guests' QR code") {
    worldcafe::test::LanguageGuard language(kI18nDir, "ko");
    takeMissingTranslations();
    HeadlessUi ui({1920.0f, 1080.0f});
    ProjectorFixture f(90);
    f.at(21.0);  // moving into round 2
    std::size_t withoutCode = 0;
    std::size_t withCode = 0;
    ui.frame([&] { withoutCode = f.view.movePages(f.context(), 2, {1920.0f, 1080.0f}).front().size(); });
    ui.frame([&] {
        PanelContext context = f.context();
        context.roomBase = "http://192.168.0.10:8080";
        withCode = f.view.movePages(context, 2, {1920.0f, 1080.0f}).front().size();
        f.view.draw(context, {0.0f, 0.0f}, {1920.0f, 1080.0f});
    });
    CHECK(withCode > 0);
    CHECK(withCode < withoutCode);
    CHECK(takeMissingTranslations().empty());
    // Every glyph of the caption is in the projector's fonts.
    CHECK(ProjectorView::glyphText(f.session).find(tr("projector.scan")) != std::string::npos);
}

TEST_CASE("gui projector: rows a re-plan changed during the move are marked updated until the phase ends") {
    HeadlessUi ui({1280.0f, 720.0f});
    ProjectorFixture f(30);
    std::uint64_t revision = 1;
    auto draw = [&] {
        PanelContext context{f.session, f.out, revision, true, {}};
        context.timer = &f.timer;
        f.view.draw(context, {0.0f, 0.0f}, {1280.0f, 720.0f});
    };
    auto marked = [&] {
        std::set<ParticipantId> ids;
        for (const Participant& person : f.session.participants)
            if (f.view.moveUpdates().updated(person.id, f.timer.now())) ids.insert(person.id);
        return ids;
    };
    f.at(20.5);  // the move into round 2: the list is up
    ui.frame(draw);
    CHECK(marked().empty());

    // An attendance re-plan trades two guests' tables in round 2 while people walk.
    RoundPlan& round2 = *std::find_if(f.session.plan.begin(), f.session.plan.end(),
                                      [](const RoundPlan& plan) { return plan.round == 2; });
    Seat* first = nullptr;
    Seat* second = nullptr;
    for (Seat& seat : round2.seats) {
        if (f.session.findParticipant(seat.participant)->role == Role::Host) continue;
        if (!first)
            first = &seat;
        else if (seat.table != first->table) {
            second = &seat;
            break;
        }
    }
    REQUIRE(second);
    std::swap(first->table, second->table);
    ++revision;
    f.at(21.0);
    ui.frame(draw);
    CHECK(marked() == std::set<ParticipantId>{first->participant, second->participant});
    f.at(22.9);  // still the same walk
    ui.frame(draw);
    CHECK(marked().size() == 2);
    f.at(23.1);  // talk 2 has begun: the marks are over
    ui.frame(draw);
    CHECK(marked().empty());
}

TEST_CASE("gui projector: an updated mark lasts MoveUpdates::kShowMillis; a walk-in's new row is marked too") {
    ProjectorFixture f(12);
    std::vector<MoveEntry> entries = movesInto(f.session, 2);
    MoveUpdates updates;
    updates.observe(entries, 2, 1000);
    const ParticipantId moved = entries[3].person->id;
    entries[3].table = entries[3].table % 6 + 1;
    Participant walkIn;
    walkIn.id = 99;
    walkIn.name = "새손님";
    entries.push_back(MoveEntry{&walkIn, 1, nullptr, false});
    updates.observe(entries, 2, 2000);
    CHECK(updates.updated(moved, 2000));
    CHECK(updates.updated(99, 2000 + MoveUpdates::kShowMillis - 1));
    CHECK_FALSE(updates.updated(moved, 2000 + MoveUpdates::kShowMillis));
    CHECK_FALSE(updates.updated(entries[0].person->id, 2000));
    // Another round's list is new, not changed: nothing marked.
    updates.observe(movesInto(f.session, 3), 3, 3000);
    CHECK_FALSE(updates.updated(moved, 3000));
}

TEST_CASE("gui projector: the harvest's Notes and Votes headings read from the back of the room") {
    for (const char* language : {"ko", "en"}) {
        worldcafe::test::LanguageGuard guard(kI18nDir, language);
        for (ImVec2 size : {ImVec2{1920.0f, 1080.0f}, ImVec2{1280.0f, 800.0f}}) {
            CAPTURE(language);
            CAPTURE(size.x);
            auto engine = Engine::open(kSourceDir / "sessions" / "green-procurement-2019.wcafe",
                                       OpenOptions{.readOnly = true});
            Session session = engine->session();
            session.timeline = {{TimelineKind::Start, test::kTestStart, 0}};
            ManualClock clock;
            clock.set(test::kTestStart + 70 * kMinute);  // 3 rounds of 20 + 3 minutes, then 4 minutes into the harvest
            Timer timer{clock};
            ProjectorView view;
            PanelOutput out;
            PanelContext context{session, out, 1, true, {}};
            context.timer = &timer;
            HeadlessUi ui(size);
            ui.frames(2, [&] { view.draw(context, {0.0f, 0.0f}, size); });
            const ProjectorView::HarvestShown& shown = view.harvestShown();
            REQUIRE_FALSE(shown.rows.empty());
            INFO(std::string(language) << " " << size.x << "x" << size.y << ": counts " << shown.rowSize << " px, headings "
                             << shown.headSize << " px, " << shown.rows.size() << " rows");
            // One step below the counts at most, and never small print on a projector.
            CHECK(shown.headSize >= shown.rowSize * 0.8f);
            CHECK(shown.headSize >= 14.0f);
            // Still three themes a card on a 1280x800 projector: the sample's five menus show 14 of their themes.
            CHECK(shown.rows.size() >= 14);
        }
    }
}
