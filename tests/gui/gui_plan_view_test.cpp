// The plan view, driven headless: planning runs in the background and lands as one SetPlan; moves and locks too.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "headless.hpp"
#include "i18n.hpp"
#include "plan_view.hpp"
#include "worldcafe/printables.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

Session smallPlannedCafe() {
    Session s;
    s.rounds.count = 3;
    for (int t = 1; t <= 3; ++t) {
        s.menus.push_back(Menu{t, "Menu " + std::to_string(t), "", defaultMenuColour(static_cast<std::size_t>(t - 1))});
        s.tables.push_back(Table{t, t, 4});
    }
    for (int id = 1; id <= 12; ++id) {
        Participant p;
        p.id = id;
        p.name = "Person " + std::to_string(id);
        p.affiliation = "Org " + std::to_string(id % 4);
        if (id <= 3) {
            p.role = Role::Host;
            p.table = id;
        }
        s.participants.push_back(p);
    }
    return s;
}

struct PlanFixture {
    HeadlessUi ui;
    Session session = smallPlannedCafe();
    PlanView view;
    PanelOutput out;
    HeadlessUi::Draw draw = [this] { view.draw(PanelContext{session, out, revision, false, {}}); };
    std::uint64_t revision = 1;

    PlanFixture() { setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en"); }

    // Applies what the view emitted, as the shell does, and starts a new frame's output.
    void applyEmitted() {
        for (const Action& action : out.actions) applyAction(session, action);
        out.actions.clear();
        ++revision;
    }
};

// The job stops on its own time limit (2 s); a minute is only there so that a hung job fails the test instead of
// hanging it. What follows assumes the job finished, so the test stops here when it did not.
void waitFor(PlanJob* job) {
    REQUIRE(job);
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (!job->finished() && std::chrono::steady_clock::now() < giveUp)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(job->finished());
}

}  // namespace

TEST_CASE("gui plan view: the Plan button plans in the background and emits one SetPlan with no broken rule") {
    PlanFixture f;
    f.ui.frame(f.draw);
    REQUIRE(f.ui.clickItem("plan.plan", f.draw));
    REQUIRE(f.view.job());
    CHECK(f.view.redrawAfter(PanelContext{f.session, f.out, f.revision, false, {}}).has_value());
    waitFor(f.view.job());
    f.ui.frame(f.draw);
    REQUIRE(f.out.actions.size() == 1);
    const Batch* batch = std::get_if<Batch>(&f.out.actions[0].value);
    REQUIRE(batch);
    const SetPlan* set = std::get_if<SetPlan>(&batch->actions.at(0).value);
    REQUIRE(set);
    CHECK(set->plan.size() == 3);
    CHECK(findHardViolations(f.session, set->plan).empty());
    CHECK(f.view.job() == nullptr);
    f.applyEmitted();
    f.ui.frame(f.draw);
    CHECK_FALSE(f.view.redrawAfter(PanelContext{f.session, f.out, f.revision, false, {}}).has_value());
}

TEST_CASE("gui plan view: a moved guest changes only that round, and re-planning keeps locked rounds") {
    PlanFixture f;
    f.session.plan = planSeating(f.session).plan;
    ParticipantId guest = f.session.plan[1].seats.back().participant;
    TableNumber from = seatOf(f.session, guest, 2);
    TableNumber to = from == 1 ? 2 : 1;
    std::vector<RoundPlan> moved = PlanView::withMove(f.session, 2, guest, to);
    CHECK(moved[0] == f.session.plan[0]);
    CHECK(moved[2] == f.session.plan[2]);
    Session after = f.session;
    after.plan = moved;
    CHECK(seatOf(after, guest, 2) == to);

    f.session.plan[0].locked = true;
    CHECK(PlanView::firstUnlockedRound(f.session) == 2);
    f.view.startPlanning(f.session, PlanView::firstUnlockedRound(f.session));
    waitFor(f.view.job());
    f.ui.frame(f.draw);
    REQUIRE(f.out.actions.size() == 1);
    const auto& batch = std::get<Batch>(f.out.actions[0].value);
    const auto& plan = std::get<SetPlan>(batch.actions.at(0).value).plan;
    CHECK(plan.at(0) == f.session.plan.at(0));
}

TEST_CASE("gui plan view: an impossible café is reported, not planned") {
    PlanFixture f;
    for (Table& table : f.session.tables) table.capacity = 2;
    f.view.startPlanning(f.session, 1);
    waitFor(f.view.job());
    f.ui.frame(f.draw);
    CHECK(f.out.actions.empty());
    REQUIRE(f.out.notices.size() == 1);
    CHECK(f.out.notices[0].kind == NoticeKind::Error);
}

TEST_CASE("gui plan view: a guest dropped on a full table is offered a swap with its guests, never a seat too many") {
    PlanFixture f;
    // Round 1 by hand: every table full (4 of 4), host first.
    f.session.plan = {RoundPlan{1, {{1, 1}, {4, 1}, {5, 1}, {6, 1},
                                    {2, 2}, {7, 2}, {8, 2}, {9, 2},
                                    {3, 3}, {10, 3}, {11, 3}, {12, 3}}}};
    auto draw = f.draw;
    f.ui.frames(2, draw);
    // Press on one recorded item, move over a few frames, release on another: how ImGui sees a drag.
    auto drag = [&](const std::string& from, const std::string& to) {
        const RecordedItem* source = f.ui.find(from);
        const RecordedItem* target = f.ui.find(to);
        REQUIRE_MESSAGE(source, "no item " << from);
        REQUIRE_MESSAGE(target, "no item " << to);
        const ImVec2 start{source->min.x + 8.0f, source->min.y + 6.0f};
        const ImVec2 end = target->centre();
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = start;
        f.ui.frame(draw);
        io.MouseDown[0] = true;
        f.ui.frame(draw);
        for (int step = 1; step <= 4; ++step) {
            const float t = static_cast<float>(step) / 4.0f;
            io.MousePos = {start.x + (end.x - start.x) * t, start.y + (end.y - start.y) * t};
            f.ui.frame(draw);
        }
        f.ui.frame(draw);
        io.MouseDown[0] = false;
        f.ui.frames(2, draw);
    };
    drag("seat:4", "table:2");
    CHECK(f.out.actions.empty());  // nothing moved yet: a question
    CHECK(f.ui.find("swap:7") != nullptr);
    CHECK(f.ui.find("swap:9") != nullptr);
    CHECK(f.ui.find("swap:2") == nullptr);  // the host stays

    REQUIRE(f.ui.clickItem("swap:8", draw));
    REQUIRE(f.out.actions.size() == 1);
    f.applyEmitted();
    CHECK(seatOf(f.session, 4, 1) == 2);
    CHECK(seatOf(f.session, 8, 1) == 1);
    for (TableNumber t = 1; t <= 3; ++t) {
        int seated = 0;
        for (const Seat& seat : f.session.plan[0].seats) seated += seat.table == t;
        CHECK(seated == 4);
    }

    // Cancel leaves everything as it was.
    f.ui.frames(2, draw);
    drag("seat:5", "table:3");
    REQUIRE(f.ui.clickItem("common.cancel", draw));
    CHECK(f.out.actions.empty());
}

TEST_CASE("gui plan view: the figures come with a sentence, and a café that cannot be planned says why in plain words") {
    PlanFixture f;
    f.ui.frame(f.draw);
    REQUIRE(f.ui.clickItem("plan.plan", f.draw));
    waitFor(f.view.job());
    f.ui.frame(f.draw);
    f.applyEmitted();
    f.ui.frame(f.draw);
    CHECK(f.ui.find("##plan_sentence") != nullptr);
    CHECK(f.ui.find("plan.figure.c2") != nullptr);

    PlanFixture crowded;
    for (Table& table : crowded.session.tables) table.capacity = 2;
    crowded.session.plan.clear();
    crowded.ui.frame(crowded.draw);
    REQUIRE(crowded.ui.clickItem("plan.plan", crowded.draw));
    waitFor(crowded.view.job());
    crowded.ui.frame(crowded.draw);
    REQUIRE_FALSE(crowded.out.notices.empty());
    CHECK(crowded.out.notices.back().text ==
          "Cannot plan: Round 1: 12 people are here but there are 6 seats: add a table or seats for 6 more.");
    CHECK(crowded.out.actions.empty());
}

TEST_CASE("gui plan view: Try another plan offers a second plan beside the current one; Keep applies it as SetPlan") {
    PlanFixture f;
    f.ui.frame(f.draw);
    REQUIRE(f.ui.clickItem("plan.plan", f.draw));
    waitFor(f.view.job());
    f.ui.frame(f.draw);
    f.applyEmitted();
    for (RoundPlan& round : f.session.plan) round.locked = round.round == 1;
    ++f.revision;
    const std::vector<RoundPlan> current = f.session.plan;
    f.ui.frame(f.draw);

    REQUIRE(f.ui.clickItem("plan.try.another", f.draw));
    waitFor(f.view.job());
    f.ui.frame(f.draw);
    CHECK(f.out.actions.empty());  // offered, not applied
    REQUIRE(f.view.candidate());
    CHECK(f.view.candidate()->seed == 2);
    const std::vector<RoundPlan>& other = f.view.candidate()->result.plan;
    REQUIRE(other.size() == 3);
    CHECK(other[0] == current[0]);  // the locked round stays
    CHECK(f.view.candidate()->result.quality.hardViolations == 0);

    // Keeping the current plan changes nothing.
    REQUIRE(f.ui.clickItem("plan.try.keep_current", f.draw));
    CHECK_FALSE(f.view.candidate());
    CHECK(f.out.actions.empty());

    // Another try (the next seed), kept: one SetPlan, as planning does, so it is journalled and undoable.
    REQUIRE(f.ui.clickItem("plan.try.another", f.draw));
    waitFor(f.view.job());
    f.ui.frame(f.draw);
    REQUIRE(f.view.candidate());
    CHECK(f.view.candidate()->seed == 3);
    const std::vector<RoundPlan> kept = f.view.candidate()->result.plan;
    REQUIRE(f.ui.clickItem("plan.try.keep_other", f.draw));
    REQUIRE(f.out.actions.size() == 1);
    const Batch* batch = std::get_if<Batch>(&f.out.actions[0].value);
    REQUIRE(batch);
    REQUIRE(batch->actions.size() == 1);
    const SetPlan* set = std::get_if<SetPlan>(&batch->actions[0].value);
    REQUIRE(set);
    CHECK(set->plan == kept);
    f.applyEmitted();
    CHECK(f.session.plan == kept);
    CHECK(f.session.plan[0] == current[0]);

    // A candidate planned from a session that changed since is dropped, never offered against the wrong plan.
    REQUIRE(f.ui.clickItem("plan.try.another", f.draw));
    waitFor(f.view.job());
    ++f.revision;
    f.ui.frame(f.draw);
    f.ui.frame(f.draw);
    CHECK_FALSE(f.view.candidate());
}

TEST_CASE("gui plan view: the screenshot part 'another' presses Try another plan once and offers its candidate") {
    PlanFixture f;
    f.ui.frame(f.draw);
    REQUIRE(f.ui.clickItem("plan.plan", f.draw));
    waitFor(f.view.job());
    f.ui.frame(f.draw);
    f.applyEmitted();
    const std::vector<RoundPlan> current = f.session.plan;

    REQUIRE(f.view.selectPart("another"));
    f.ui.frame(f.draw);
    REQUIRE(f.view.job());
    f.view.finishBackgroundWork();
    CHECK(f.view.job()->finished());
    f.ui.frame(f.draw);
    REQUIRE(f.view.candidate());
    CHECK(f.view.candidate()->seed == 2);
    CHECK(f.ui.find("plan.try.keep_other"));
    // Offered beside the current plan, which stays until Keep.
    CHECK(f.out.actions.empty());
    CHECK(f.session.plan == current);
    // Pressed once: later frames keep the same candidate rather than trying again.
    f.ui.frames(2, f.draw);
    REQUIRE(f.view.candidate());
    CHECK(f.view.candidate()->seed == 2);
}

TEST_CASE("gui plan view: the screenshot part 'another' over no plan leaves the view as it was") {
    PlanFixture f;
    REQUIRE(f.view.selectPart("another"));
    f.ui.frames(2, f.draw);
    CHECK_FALSE(f.view.job());
    CHECK_FALSE(f.view.candidate());
    CHECK(f.out.actions.empty());
}
