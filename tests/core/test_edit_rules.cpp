// The core's edit rules: each edit is one action that leaves no reference to what it removed or renumbered, so the
// session validates as cleanly after it as before, and its inverse gives the session back exactly.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "test_support.hpp"
#include "worldcafe/edit_rules.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/validation.hpp"

using namespace worldcafe;

namespace {

// Three tables of four with a host each, five guests (8 pinned to table 2), two rules and a two-round plan that
// seats everyone: validate() finds nothing.
Session plannedSession() {
    Session s;
    s.id = "edit-rules-test";
    s.event = {"Café", "2025-05-17", "Town hall", "Lee", "en"};
    s.menus = {{1, "Future", "What next?", 0xE69F00}, {2, "교육", "무엇을 배울까?", 0x56B4E9}};
    s.tables = {{1, 1, 4}, {2, 2, 4}, {3, 1, 4}};
    s.participants = {{1, "Ana", "", Role::Host, 1, 0, 0},  {2, "Ben", "", Role::Host, 2, 0, 0},
                      {3, "Cho", "", Role::Host, 3, 0, 0},  {4, "김민수", "수원", Role::Guest, 0, 0, 0},
                      {5, "Eli", "", Role::Guest, 0, 0, 0}, {6, "Fay", "", Role::Guest, 0, 0, 0},
                      {7, "Gil", "", Role::Guest, 0, 0, 0}, {8, "Hana", "", Role::Guest, 2, 0, 0}};
    s.rules = {{1, RuleKind::KeepApart, 4, 5}, {2, RuleKind::KeepTogether, 6, 8}};
    s.rounds = {2, 20, 3, 15};
    s.plan = {RoundPlan{1, {{1, 1}, {2, 2}, {3, 3}, {4, 1}, {5, 3}, {6, 2}, {7, 3}, {8, 2}}, false},
              RoundPlan{2, {{1, 1}, {2, 2}, {3, 3}, {4, 3}, {5, 1}, {6, 2}, {7, 1}, {8, 2}}, false}};
    return s;
}

std::string problemsListed(const std::vector<Problem>& problems) {
    std::string text;
    for (const Problem& p : problems)
        text += (p.severity == Severity::Error ? "\n  error: " : "\n  warning: ") + p.message;
    return text.empty() ? "(no problems)" : text;
}

// Applies `edit` to a copy of `before`, checks that its inverse restores `before` exactly, and returns the copy.
Session applied(const Session& before, const Action& edit) {
    Session after = before;
    Action inverse = applyAction(after, edit);
    Session undone = after;
    applyAction(undone, inverse);
    CHECK(undone == before);
    return after;
}

bool seatedAnywhere(const Session& s, ParticipantId id) {
    for (const RoundPlan& round : s.plan)
        for (const Seat& seat : round.seats)
            if (seat.participant == id) return true;
    return false;
}

bool tableInPlan(const Session& s, TableNumber number) {
    for (const RoundPlan& round : s.plan)
        for (const Seat& seat : round.seats)
            if (seat.table == number) return true;
    return false;
}

}  // namespace

TEST_CASE("edit rules: the fixture is valid") {
    auto problems = validate(plannedSession());
    INFO(problemsListed(problems));
    CHECK(problems.empty());
}

TEST_CASE("edit rules: removing a participant takes their rules and their seats in the plan") {
    const Session before = plannedSession();
    Action edit = removeParticipant(before, 5);
    auto* batch = std::get_if<Batch>(&edit.value);
    REQUIRE(batch);
    CHECK(describeAction(edit) == "remove participant 5");
    Session after = applied(before, edit);
    CHECK(after.findParticipant(5) == nullptr);
    CHECK(after.findRule(1) == nullptr);
    CHECK(after.findRule(2) != nullptr);
    CHECK_FALSE(seatedAnywhere(after, 5));
    CHECK(after.plan[0].seats.size() == 7);
    auto problems = validate(after);
    INFO(problemsListed(problems));
    CHECK(problems.empty());

    SUBCASE("nobody else to take along: the plain removal") {
        Session unplanned = before;
        unplanned.plan.clear();
        Action plain = removeParticipant(unplanned, 7);
        CHECK(std::holds_alternative<Remove<Participant>>(plain.value));
    }
    SUBCASE("someone who is not there") { CHECK_THROWS_AS(removeParticipant(before, 99), ActionRejected); }
}

TEST_CASE("edit rules: removing a table unseats its people and leaves no host without a table") {
    const Session before = plannedSession();
    Session after = applied(before, removeTable(before, 3));
    CHECK(after.findTable(3) == nullptr);
    CHECK(after.findParticipant(3)->role == Role::Guest);
    CHECK(after.findParticipant(3)->table == kNoTable);
    CHECK_FALSE(tableInPlan(after, 3));
    CHECK(after.findParticipant(8)->table == 2);  // pinned elsewhere: untouched
    auto problems = validate(after);
    INFO(problemsListed(problems));
    CHECK(problems.empty());

    SUBCASE("a pinned guest is unpinned") {
        Session moreTables = before;
        moreTables.tables.push_back({4, 2, 4});
        moreTables.participants.push_back({9, "Ivo", "", Role::Host, 4, 0, 0});
        Session without2 = applied(moreTables, removeTable(moreTables, 2));
        CHECK(without2.findParticipant(8)->table == kNoTable);
        CHECK(without2.findParticipant(8)->role == Role::Guest);
        // Keep-together partners are no longer fixed apart; menu 2 still has table 4.
        auto remaining = validate(without2);
        INFO(problemsListed(remaining));
        CHECK(remaining.empty());
    }
    SUBCASE("notes from the café keep their table: the removal is refused") {
        Session withNotes = before;
        withNotes.notes.push_back(Note{1, 3, 1, 1, "버스 노선", {}, false, "Cho", 1, 1});
        CHECK_THROWS_WITH_AS(removeTable(withNotes, 3), doctest::Contains("table 3 holds 1 note"), ActionRejected);
    }
}

TEST_CASE("edit rules: removing a menu clears it from its tables and nothing else dangles") {
    Session before = plannedSession();
    before.menus.push_back({3, "Spare", "", 0x009E73});
    {
        Session after = applied(before, removeMenu(before, 3));
        auto problems = validate(after);
        INFO(problemsListed(problems));
        CHECK(problems.empty());
    }
    Session after = applied(before, removeMenu(before, 2));
    CHECK(after.findMenu(2) == nullptr);
    CHECK(after.findTable(2)->menu == kNoMenu);
    // What is left is the organiser's choice of a new question for table 2, not a reference to a missing menu.
    auto problems = validate(after);
    INFO(problemsListed(problems));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].code == "tables.no_menu");
    CHECK(problems[0].args == std::vector<std::string>{"2"});
    CHECK(problems[1].code == "menus.unused");  // the spare menu

    SUBCASE("notes and harvest themes keep their menu: the removal is refused") {
        Session withNote = before;
        withNote.notes.push_back(Note{1, 2, 1, 2, "협력", {}, false, "Ben", 1, 1});
        CHECK_THROWS_AS(removeMenu(withNote, 2), ActionRejected);
        Session withTheme = before;
        withTheme.themes.push_back(Theme{1, 2, "Networks", "", false});
        CHECK_THROWS_AS(removeMenu(withTheme, 2), ActionRejected);
    }
}

TEST_CASE("edit rules: assigning a host makes the former host a guest, in one step") {
    const Session before = plannedSession();
    Action edit = assignHost(before, 1, 4);
    CHECK(describeAction(edit) == "host table 1");
    Session after = applied(before, edit);
    CHECK(after.hostOf(1)->id == 4);
    CHECK(after.findParticipant(1)->role == Role::Guest);
    CHECK(after.findParticipant(1)->table == kNoTable);
    auto problems = validate(after);
    INFO(problemsListed(problems));
    CHECK(problems.empty());

    SUBCASE("nobody: the table is left without a host, which is only a warning") {
        Session none = applied(before, assignHost(before, 1, 0));
        CHECK(none.hostOf(1) == nullptr);
        auto left = validate(none);
        INFO(problemsListed(left));
        REQUIRE(left.size() == 1);
        CHECK(left[0].message == "table 1 has no host");
    }
    SUBCASE("a host taken from another table leaves that one without a host, never with two") {
        Session moved = applied(before, assignHost(before, 1, 2));
        CHECK(moved.hostOf(1)->id == 2);
        CHECK(moved.hostOf(2) == nullptr);
        for (const Problem& p : validate(moved)) CHECK(p.severity == Severity::Warning);
    }
    SUBCASE("a keep-together partner fixed to another table: refused, with the rule named") {
        CHECK_THROWS_WITH_AS(assignHost(before, 1, 6), doctest::Contains("fixed to table 2 (rule 2)"),
                             ActionRejected);
        // At the partner's own table it fits.
        Session together = applied(before, assignHost(before, 2, 6));
        for (const Problem& p : validate(together)) CHECK(p.severity == Severity::Warning);
    }
    SUBCASE("the current host again, or a table that is not there") {
        CHECK_THROWS_AS(assignHost(before, 1, 1), ActionRejected);
        CHECK_THROWS_AS(assignHost(before, 9, 4), ActionRejected);
        CHECK_THROWS_AS(assignHost(before, 1, 99), ActionRejected);
    }
}

TEST_CASE("edit rules: renumbering a table moves its people, its seats in the plan and its notes") {
    Session before = plannedSession();
    before.notes.push_back(Note{1, 2, 1, 2, "협력", {}, false, "Ben", 1, 1});
    Action edit = renumberTable(before, 2, 7);
    CHECK(describeAction(edit) == "renumber table 2 to 7");
    Session after = applied(before, edit);
    REQUIRE(after.tables.size() == 3);
    CHECK(after.tables[1].number == 7);  // same place in the list
    CHECK(after.tables[1].menu == 2);
    CHECK(after.hostOf(7)->id == 2);
    CHECK(after.findParticipant(8)->table == 7);
    CHECK_FALSE(tableInPlan(after, 2));
    CHECK(tableInPlan(after, 7));
    CHECK(after.findNote(1)->table == 7);
    auto problems = validate(after);
    INFO(problemsListed(problems));
    CHECK(problems.empty());

    CHECK_THROWS_WITH_AS(renumberTable(before, 2, 3), "there is already a table 3", ActionRejected);
    CHECK_THROWS_AS(renumberTable(before, 2, 0), ActionRejected);
    CHECK_THROWS_AS(renumberTable(before, 5, 6), ActionRejected);
}

TEST_CASE("edit rules: an edit is one journalled, undoable step through the engine") {
    worldcafe::test::TempDir dir;
    auto engine = Engine::create(dir / "cafe.wcafe", plannedSession());
    engine->apply(removeParticipant(engine->session(), 5));
    CHECK(validate(engine->session()).empty());
    engine.reset();
    auto reopened = Engine::open(dir / "cafe.wcafe");
    CHECK(reopened->session().findParticipant(5) == nullptr);
    CHECK_FALSE(seatedAnywhere(reopened->session(), 5));
    CHECK(validate(reopened->session()).empty());
}
