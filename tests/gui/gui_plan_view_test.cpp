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

Session smallCafe() {
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
    Session session = smallCafe();
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
