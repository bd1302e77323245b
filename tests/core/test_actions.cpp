#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "worldcafe/actions.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/model.hpp"

using namespace worldcafe;

namespace {

// A small café with three of everything that has an order, so that positions are observable.
Session actionsSession() {
    Session s;
    s.id = "actions-test";
    s.event = {"미래 카페", "2025-05-17", "수원시청", "이영희", "ko"};
    s.menus = {{1, "Future", "What next?", 0xE69F00}, {2, "교육", "무엇을 배울까?", 0x56B4E9}, {3, "Care", "Who cares?", 0x009E73}};
    s.tables = {{1, 1, 6}, {2, 2, 6}, {3, 3, 5}};
    s.participants = {{1, "김민수", "수원", Role::Host, 1, 0, 0},
                      {2, "Ana", "City", Role::Guest, 0, 2, 0},
                      {3, "Ben", "", Role::Guest, 3, 0, 2}};
    s.rules = {{1, RuleKind::KeepApart, 2, 3}, {2, RuleKind::KeepTogether, 1, 2}, {3, RuleKind::KeepApart, 1, 3}};
    s.rounds = {3, 20, 3, 15};
    s.plan = {{1, {{1, 1}, {2, 2}, {3, 3}}, true}, {2, {{1, 1}, {2, 3}, {3, 2}}, false}};
    s.notes = {{1, 1, 1, 1, "첫 메모", {"idea"}, false, "김민수", 1000, 1000},
               {2, 2, 1, 2, "second", {}, true, "Ana", 2000, 2500},
               {3, 3, 2, 3, "third", {"a", "b"}, false, "", 3000, 3000}};
    s.timeline = {{TimelineKind::Start, 10000, 0}, {TimelineKind::Extend, 20000, 120}};
    s.themes = {{1, 1, "로컬푸드", "", false}, {2, 2, "Incentives", "Rewards work", true}};
    s.votes = {{1, "phone-0001", 0, 1, "theme:1", {1}, 5000}};
    return s;
}

template <class T>
std::vector<decltype(T::id)> idsOf(const std::vector<T>& items) {
    std::vector<decltype(T::id)> ids;
    for (const T& item : items) ids.push_back(item.id);
    return ids;
}

std::vector<TableNumber> tableNumbers(const Session& s) {
    std::vector<TableNumber> numbers;
    for (const Table& t : s.tables) numbers.push_back(t.number);
    return numbers;
}

// Applies `action`, checks that it changed the session, then applies its inverse and checks that the session is back
// exactly as it was. Returns the session as it was after the action.
Session applyAndUndo(const Session& original, const Action& action) {
    Session session = original;
    Action inverse = applyAction(session, action);
    Session after = session;
    CHECK_MESSAGE(after != original, describeAction(action), " did not change the session");
    applyAction(session, inverse);
    CHECK_MESSAGE(session == original, "undoing ", describeAction(action), " did not restore the session");
    // Redo: the inverse of the inverse brings back the changed session.
    Session redo = original;
    Action again = applyAction(redo, action);
    Action undoOfUndo = applyAction(redo, again);
    applyAction(redo, undoOfUndo);
    CHECK(redo == after);
    return after;
}

void checkRejected(const Session& original, const Action& action) {
    Session session = original;
    CHECK_THROWS_AS(applyAction(session, action), ActionRejected);
    CHECK_MESSAGE(session == original, describeAction(action), " was rejected but changed the session");
}

// One action of every alternative of ActionVariant.
std::vector<Action> oneOfEachAction() {
    return {
        SetEvent{{"T", "2025-01-01", "V", "O", "en"}},
        SetRoundSettings{{4, 25, 5, 10}},
        Put<Menu>{{4, "M", "Q?", 0xCC79A7}},
        Remove<Menu>{1},
        Put<Table>{{4, 1, 4}},
        Remove<Table>{1},
        Put<Participant>{{4, "P", "", Role::Guest, 0, 0, 0}},
        Remove<Participant>{1},
        Put<Rule>{{4, RuleKind::KeepApart, 1, 2}},
        Remove<Rule>{1},
        Put<Note>{{4, 1, 1, 1, "n", {}, false, "", 0, 0}},
        Remove<Note>{1},
        SetPlan{{{1, {{1, 2}}, false}}},
        AppendTimeline{{TimelineKind::Pause, 30000, 0}},
        PopTimeline{},
        Batch{"import", {Put<Menu>{{5, "X", "", 0}}}},
        Put<Theme>{{3, 1, "녹색소비", "", false}},
        Remove<Theme>{1},
        Put<Vote>{{2, "phone-0002", 1, 1, "theme:1", {1}, 6000}},
        Remove<Vote>{1},
        SetVoting{{true, 4}},
    };
}

}  // namespace

TEST_CASE("actions: the sample list covers every alternative of ActionVariant") {
    std::set<std::size_t> indices;
    for (const Action& action : oneOfEachAction()) indices.insert(action.value.index());
    CHECK(indices.size() == std::variant_size_v<ActionVariant>);
}

TEST_CASE("actions: every alternative is undone by its inverse") {
    const Session original = actionsSession();
    for (const Action& action : oneOfEachAction()) {
        CAPTURE(actionTypeName(action));
        applyAndUndo(original, action);
    }
}

TEST_CASE("actions: Put of a new item appends it and its inverse is a Remove of its key") {
    const Session original = actionsSession();
    SUBCASE("menu") {
        Session after = applyAndUndo(original, Put<Menu>{{9, "New", "?", 0x999999}});
        CHECK(idsOf(after.menus) == std::vector<MenuId>{1, 2, 3, 9});
        Session s = original;
        Action inverse = applyAction(s, Put<Menu>{{9, "New", "?", 0x999999}});
        CHECK(inverse == Action{Remove<Menu>{9}});
    }
    SUBCASE("table") {
        Session after = applyAndUndo(original, Put<Table>{{7, 2, 8}});
        CHECK(tableNumbers(after) == std::vector<TableNumber>{1, 2, 3, 7});
        Session s = original;
        CHECK(applyAction(s, Put<Table>{{7, 2, 8}}) == Action{Remove<Table>{7}});
    }
    SUBCASE("participant") {
        Session after = applyAndUndo(original, Put<Participant>{{17, "이영희", "", Role::Guest, 2, 1, 3}});
        CHECK(idsOf(after.participants) == std::vector<ParticipantId>{1, 2, 3, 17});
        CHECK(after.participants.back().name == "이영희");
    }
    SUBCASE("rule") {
        Session after = applyAndUndo(original, Put<Rule>{{8, RuleKind::KeepTogether, 2, 3}});
        CHECK(idsOf(after.rules) == std::vector<RuleId>{1, 2, 3, 8});
    }
    SUBCASE("note") {
        Session after = applyAndUndo(original, Put<Note>{{5, 2, 2, 2, "새 메모", {"x"}, true, "Ben", 5, 6}});
        CHECK(idsOf(after.notes) == std::vector<NoteId>{1, 2, 3, 5});
    }
}

TEST_CASE("actions: Remove of the middle item is undone back into the middle") {
    const Session original = actionsSession();
    SUBCASE("participant") {
        Session s = original;
        Action inverse = applyAction(s, Remove<Participant>{2});
        CHECK(idsOf(s.participants) == std::vector<ParticipantId>{1, 3});
        CHECK(inverse == Action{Put<Participant>{original.participants[1], 1}});
        applyAction(s, inverse);
        CHECK(idsOf(s.participants) == std::vector<ParticipantId>{1, 2, 3});
        CHECK(s == original);
    }
    SUBCASE("menu") {
        Session after = applyAndUndo(original, Remove<Menu>{2});
        CHECK(idsOf(after.menus) == std::vector<MenuId>{1, 3});
    }
    SUBCASE("table") {
        Session after = applyAndUndo(original, Remove<Table>{2});
        CHECK(tableNumbers(after) == std::vector<TableNumber>{1, 3});
    }
    SUBCASE("rule") {
        Session after = applyAndUndo(original, Remove<Rule>{2});
        CHECK(idsOf(after.rules) == std::vector<RuleId>{1, 3});
    }
    SUBCASE("note") {
        Session after = applyAndUndo(original, Remove<Note>{2});
        CHECK(idsOf(after.notes) == std::vector<NoteId>{1, 3});
    }
    SUBCASE("first and last positions") {
        CHECK(idsOf(applyAndUndo(original, Remove<Participant>{1}).participants) == std::vector<ParticipantId>{2, 3});
        CHECK(idsOf(applyAndUndo(original, Remove<Participant>{3}).participants) == std::vector<ParticipantId>{1, 2});
    }
}

TEST_CASE("actions: Put replacing an existing item keeps its position, whatever the index") {
    const Session original = actionsSession();
    Participant changed = original.participants[1];
    changed.name = "Ana María";
    changed.role = Role::Host;
    changed.table = 2;
    for (int index : {kAppendAtEnd, 0, 2, 3}) {
        CAPTURE(index);
        Session s = original;
        Action inverse = applyAction(s, Put<Participant>{changed, index});
        CHECK(idsOf(s.participants) == std::vector<ParticipantId>{1, 2, 3});
        CHECK(s.participants[1] == changed);
        // The inverse puts the old value back, not a removal.
        CHECK(std::holds_alternative<Put<Participant>>(inverse.value));
        applyAction(s, inverse);
        CHECK(s == original);
    }
    SUBCASE("tables and menus too") {
        Session afterTable = applyAndUndo(original, Put<Table>{{1, 3, 9}});
        CHECK(tableNumbers(afterTable) == std::vector<TableNumber>{1, 2, 3});
        CHECK(afterTable.tables[0] == Table{1, 3, 9});
        Session afterMenu = applyAndUndo(original, Put<Menu>{{3, "Care!", "Who?", 0x000000}, 0});
        CHECK(idsOf(afterMenu.menus) == std::vector<MenuId>{1, 2, 3});
        CHECK(afterMenu.menus[2].title == "Care!");
    }
}

TEST_CASE("actions: Put with an index inserts a new item at that position") {
    const Session original = actionsSession();
    const Participant newcomer{9, "Chloé", "", Role::Guest, 0, 0, 0};
    SUBCASE("at the front") {
        Session after = applyAndUndo(original, Put<Participant>{newcomer, 0});
        CHECK(idsOf(after.participants) == std::vector<ParticipantId>{9, 1, 2, 3});
    }
    SUBCASE("in the middle") {
        Session after = applyAndUndo(original, Put<Participant>{newcomer, 2});
        CHECK(idsOf(after.participants) == std::vector<ParticipantId>{1, 2, 9, 3});
    }
    SUBCASE("at the end, by index") {
        Session after = applyAndUndo(original, Put<Participant>{newcomer, 3});
        CHECK(idsOf(after.participants) == std::vector<ParticipantId>{1, 2, 3, 9});
    }
    SUBCASE("into an empty collection") {
        Session empty = original;
        empty.rules.clear();
        Session after = applyAndUndo(empty, Put<Rule>{{1, RuleKind::KeepApart, 1, 2}, 0});
        CHECK(after.rules.size() == 1);
    }
    SUBCASE("a table in the middle") {
        Session after = applyAndUndo(original, Put<Table>{{5, 1, 6}, 1});
        CHECK(tableNumbers(after) == std::vector<TableNumber>{1, 5, 2, 3});
    }
}

TEST_CASE("actions: invalid actions throw ActionRejected and leave the session unchanged") {
    const Session original = actionsSession();
    SUBCASE("Put with an out-of-range index") {
        checkRejected(original, Put<Participant>{{9, "X", "", Role::Guest, 0, 0, 0}, 4});
        checkRejected(original, Put<Participant>{{9, "X", "", Role::Guest, 0, 0, 0}, 100});
        checkRejected(original, Put<Participant>{{9, "X", "", Role::Guest, 0, 0, 0}, -2});
        checkRejected(original, Put<Menu>{{9, "X", "", 0}, 4});
        checkRejected(original, Put<Table>{{9, 1, 6}, 4});
        checkRejected(original, Put<Rule>{{9, RuleKind::KeepApart, 1, 2}, -5});
        checkRejected(original, Put<Note>{{9, 1, 1, 1, "", {}, false, "", 0, 0}, 7});
    }
    SUBCASE("Remove of a missing key") {
        checkRejected(original, Remove<Menu>{4});
        checkRejected(original, Remove<Table>{4});
        checkRejected(original, Remove<Participant>{99});
        checkRejected(original, Remove<Rule>{4});
        checkRejected(original, Remove<Note>{4});
    }
    SUBCASE("keys start at 1") {
        for (std::int64_t key : {0, -1}) {
            CAPTURE(key);
            checkRejected(original, Put<Menu>{{key, "X", "", 0}});
            checkRejected(original, Put<Table>{{static_cast<TableNumber>(key), 1, 6}});
            checkRejected(original, Put<Participant>{{key, "X", "", Role::Guest, 0, 0, 0}});
            checkRejected(original, Put<Rule>{{key, RuleKind::KeepApart, 1, 2}});
            checkRejected(original, Put<Note>{{key, 1, 1, 1, "", {}, false, "", 0, 0}});
            checkRejected(original, Remove<Menu>{key});
            checkRejected(original, Remove<Table>{static_cast<TableNumber>(key)});
            checkRejected(original, Remove<Participant>{key});
            checkRejected(original, Remove<Rule>{key});
            checkRejected(original, Remove<Note>{key});
        }
    }
    SUBCASE("round settings") {
        checkRejected(original, SetRoundSettings{{0, 20, 3, 15}});
        checkRejected(original, SetRoundSettings{{-2, 20, 3, 15}});
        checkRejected(original, SetRoundSettings{{3, -1, 3, 15}});
        checkRejected(original, SetRoundSettings{{3, 20, -1, 15}});
        checkRejected(original, SetRoundSettings{{3, 20, 3, -1}});
        RoundSettings negativeRoundHarvest;
        negativeRoundHarvest.roundHarvestMinutes = -1;
        checkRejected(original, SetRoundSettings{negativeRoundHarvest});
        // Zero-length move and harvest phases are allowed.
        Session after = applyAndUndo(original, SetRoundSettings{{1, 20, 0, 0}});
        CHECK(after.rounds == RoundSettings{1, 20, 0, 0});
    }
    SUBCASE("PopTimeline on an empty timeline") {
        Session empty = original;
        empty.timeline.clear();
        checkRejected(empty, PopTimeline{});
    }
    SUBCASE("the rejection explains itself") {
        Session s = original;
        CHECK_THROWS_WITH_AS(applyAction(s, Remove<Participant>{99}), doctest::Contains("participant 99"),
                             ActionRejected);
        CHECK_THROWS_WITH_AS(applyAction(s, Put<Participant>{{9, "X", "", Role::Guest, 0, 0, 0}, 4}),
                             doctest::Contains("position 4"), ActionRejected);
    }
}

TEST_CASE("actions: SetEvent, SetRoundSettings and SetPlan are undone by restoring the old value") {
    const Session original = actionsSession();
    SUBCASE("event") {
        Session s = original;
        Action inverse = applyAction(s, SetEvent{{"Other", "2026-01-01", "", "", "en"}});
        CHECK(s.event.title == "Other");
        CHECK(inverse == Action{SetEvent{original.event}});
        applyAction(s, inverse);
        CHECK(s == original);
    }
    SUBCASE("rounds") {
        Session after = applyAndUndo(original, SetRoundSettings{{5, 15, 2, 30}});
        CHECK(after.rounds.count == 5);
    }
    SUBCASE("plan replaced") {
        std::vector<RoundPlan> plan{{1, {{3, 1}}, true}, {2, {}, false}, {3, {{1, 2}, {2, 2}}, false}};
        Session after = applyAndUndo(original, SetPlan{plan});
        CHECK(after.plan == plan);
    }
    SUBCASE("plan cleared") {
        Session after = applyAndUndo(original, SetPlan{});
        CHECK(after.plan.empty());
    }
}

TEST_CASE("actions: AppendTimeline and PopTimeline undo each other") {
    const Session original = actionsSession();
    SUBCASE("append") {
        Session s = original;
        TimelineEntry entry{TimelineKind::Extend, 40000, -60};
        Action inverse = applyAction(s, AppendTimeline{entry});
        CHECK(s.timeline.size() == 3);
        CHECK(s.timeline.back() == entry);
        CHECK(inverse == Action{PopTimeline{}});
        applyAction(s, inverse);
        CHECK(s == original);
    }
    SUBCASE("pop") {
        Session s = original;
        Action inverse = applyAction(s, PopTimeline{});
        CHECK(s.timeline.size() == 1);
        CHECK(inverse == Action{AppendTimeline{original.timeline.back()}});
        applyAction(s, inverse);
        CHECK(s == original);
    }
    SUBCASE("pop down to empty and back") {
        Session s = original;
        Action first = applyAction(s, PopTimeline{});
        Action second = applyAction(s, PopTimeline{});
        CHECK(s.timeline.empty());
        applyAction(s, second);
        applyAction(s, first);
        CHECK(s == original);
    }
}

TEST_CASE("actions: a Batch is all or nothing") {
    const Session original = actionsSession();
    SUBCASE("the third action fails") {
        Batch batch{"import",
                    {Put<Participant>{{10, "New", "", Role::Guest, 0, 0, 0}, 0},
                     Remove<Participant>{2},
                     Remove<Participant>{99},
                     Put<Menu>{{10, "Never", "", 0}}}};
        checkRejected(original, batch);
    }
    SUBCASE("a change of every kind, then a failure") {
        Batch batch{"everything",
                    {SetEvent{{"Changed", "", "", "", "en"}}, SetRoundSettings{{7, 10, 1, 1}}, Remove<Menu>{2},
                     Put<Table>{{1, 3, 2}}, Remove<Participant>{1}, Put<Rule>{{9, RuleKind::KeepApart, 2, 3}, 1},
                     Remove<Note>{3}, SetPlan{}, PopTimeline{}, AppendTimeline{{TimelineKind::Finish, 1, 0}},
                     PopTimeline{}, PopTimeline{}, PopTimeline{}}};  // the last pop finds the timeline empty
        checkRejected(original, batch);
    }
    SUBCASE("a nested batch fails") {
        Batch inner{"inner", {Remove<Rule>{1}, SetRoundSettings{{0, 1, 1, 1}}}};
        Batch outer{"outer", {Remove<Menu>{1}, inner, Remove<Menu>{2}}};
        checkRejected(original, outer);
    }
    SUBCASE("a failure after a nested batch succeeded") {
        Batch inner{"inner", {Remove<Rule>{1}, Put<Rule>{{1, RuleKind::KeepTogether, 2, 3}}}};
        Batch outer{"outer", {Remove<Menu>{1}, inner, Remove<Menu>{1}}};
        checkRejected(original, outer);
    }
}

TEST_CASE("actions: the inverse of a Batch undoes its actions in reverse order") {
    const Session original = actionsSession();
    SUBCASE("put a participant, then a rule naming them") {
        Batch batch{"add with rule",
                    {Put<Participant>{{10, "다은", "", Role::Guest, 0, 0, 0}},
                     Put<Rule>{{10, RuleKind::KeepTogether, 10, 1}}}};
        Session s = original;
        Action inverse = applyAction(s, batch);
        CHECK(s.findParticipant(10) != nullptr);
        CHECK(s.findRule(10) != nullptr);
        REQUIRE(std::holds_alternative<Batch>(inverse.value));
        const Batch& undo = std::get<Batch>(inverse.value);
        CHECK(undo.label == "add with rule");
        REQUIRE(undo.actions.size() == 2);
        CHECK(undo.actions[0] == Action{Remove<Rule>{10}});
        CHECK(undo.actions[1] == Action{Remove<Participant>{10}});
        applyAction(s, inverse);
        CHECK(s == original);
    }
    SUBCASE("two removals at the same position come back in their order") {
        // Both removals happen at index 0: undone in the wrong order, 1 and 2 would swap.
        Session after = applyAndUndo(original, Batch{"", {Remove<Participant>{1}, Remove<Participant>{2}}});
        CHECK(idsOf(after.participants) == std::vector<ParticipantId>{3});
    }
    SUBCASE("add then edit the same participant") {
        // Undone in the wrong order, the removal would run first and the old value would come back as a new item.
        Participant first{10, "Draft", "", Role::Guest, 0, 0, 0};
        Participant second{10, "Final", "Org", Role::Guest, 1, 0, 0};
        Session after = applyAndUndo(original, Batch{"", {Put<Participant>{first}, Put<Participant>{second}}});
        CHECK(after.findParticipant(10)->name == "Final");
    }
    SUBCASE("a nested batch") {
        Batch inner{"inner", {Remove<Table>{1}, Remove<Table>{2}}};
        Session after = applyAndUndo(
            original, Batch{"outer", {Remove<Table>{3}, inner, Put<Table>{{1, 1, 6}, 0}, AppendTimeline{{}}}});
        CHECK(tableNumbers(after) == std::vector<TableNumber>{1});
    }
    SUBCASE("an empty batch changes nothing") {
        Session s = original;
        Action inverse = applyAction(s, Batch{"nothing", {}});
        CHECK(s == original);
        CHECK(inverse == Action{Batch{"nothing", {}}});
    }
}

namespace {

// A registration list as one batch: new people, some already in the session (replaced in place), one put twice
// (the second wins), a rule and a table between the runs, and a run of appending rules.
Batch largeImport(int people) {
    Batch batch{"import", {}};
    for (int i = 0; i < people; ++i) {
        const ParticipantId id = i % 997 == 0 ? 1 + i % 3 : 100 + i;  // ids 1..3 are already there
        batch.actions.push_back(Put<Participant>{{id, "사람 " + std::to_string(i), "소속", Role::Guest, 0, 0, 0}});
        if (i == people / 2) {
            batch.actions.push_back(Put<Table>{{4, 1, 6}});
            batch.actions.push_back(Put<Participant>{{100, "다시", "", Role::Host, 4, 0, 0}});
            batch.actions.push_back(Remove<Participant>{101});
            batch.actions.push_back(Put<Participant>{{50, "중간", "", Role::Guest, 0, 0, 0}, 1});
        }
    }
    for (RuleId r = 10; r < 40; ++r) batch.actions.push_back(Put<Rule>{{r, RuleKind::KeepApart, 100, 102}});
    return batch;
}

}  // namespace

TEST_CASE("actions: a large batch of puts gives the same session and inverse as applying them one by one") {
    const Session original = actionsSession();
    const Batch batch = largeImport(5000);
    Session oneByOne = original;
    std::vector<Action> inverses;
    for (const Action& action : batch.actions) inverses.push_back(applyAction(oneByOne, action));
    std::reverse(inverses.begin(), inverses.end());

    Session batched = original;
    Action inverse = applyAction(batched, batch);
    CHECK(batched == oneByOne);
    CHECK(batched.participants.size() == 3 + 4994 + 1 - 1 + 1);
    CHECK(batched.participants[1].id == 50);
    CHECK(batched.findParticipant(100)->name == "다시");
    CHECK(batched.findParticipant(1)->name == "사람 2991");
    CHECK(inverse == Action{Batch{"import", inverses}});
    applyAction(batched, inverse);
    CHECK(batched == original);
}

TEST_CASE("actions: a large batch that fails half way leaves the session as it was") {
    const Session original = actionsSession();
    Batch batch = largeImport(3000);
    batch.actions.insert(batch.actions.begin() + 2000, Put<Participant>{{0, "No id", "", Role::Guest, 0, 0, 0}});
    Session s = original;
    CHECK_THROWS_AS(applyAction(s, batch), ActionRejected);
    CHECK(s == original);
}

TEST_CASE("actions: 100,000 participants in one batch apply, and undo, in well under a second each") {
    // Quadratic (a search per put) this took minutes; the guard is loose so that a slow CI machine still passes.
    Session s;
    Batch batch{"import", {}};
    for (ParticipantId id = 1; id <= 100000; ++id)
        batch.actions.push_back(Put<Participant>{{id, "P", "", Role::Guest, 0, 0, 0}});
    const auto start = std::chrono::steady_clock::now();
    Action inverse = applyAction(s, batch);
    CHECK(s.participants.size() == 100000);
    CHECK(s.participants.back().id == 100000);
    applyAction(s, inverse);
    CHECK(s.participants.empty());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("actions: actionTypeName gives every alternative its own stable journal name") {
    std::vector<std::string> names;
    for (const Action& action : oneOfEachAction()) names.push_back(actionTypeName(action));
    CHECK(names == std::vector<std::string>{"set_event", "set_rounds", "put_menu", "remove_menu", "put_table",
                                            "remove_table", "put_participant", "remove_participant", "put_rule",
                                            "remove_rule", "put_note", "remove_note", "set_plan", "append_timeline",
                                            "pop_timeline", "batch", "put_theme", "remove_theme", "put_vote",
                                            "remove_vote", "set_voting"});
    CHECK(std::set<std::string>(names.begin(), names.end()).size() == std::variant_size_v<ActionVariant>);
}

TEST_CASE("actions: describeAction names the kind of item and its key") {
    CHECK(describeAction(Put<Participant>{{17, "김민수", "", Role::Guest, 0, 0, 0}}).find("participant 17") !=
          std::string::npos);
    CHECK(describeAction(Remove<Participant>{17}).find("participant 17") != std::string::npos);
    CHECK(describeAction(Put<Table>{{4, 1, 6}}).find("table 4") != std::string::npos);
    CHECK(describeAction(Remove<Menu>{2}).find("menu 2") != std::string::npos);
    CHECK(describeAction(Put<Rule>{{5, RuleKind::KeepApart, 1, 2}}).find("rule 5") != std::string::npos);
    CHECK(describeAction(Remove<Note>{8}).find("note 8") != std::string::npos);
    CHECK(describeAction(Put<Participant>{{17, "x", "", Role::Guest, 0, 0, 0}}) != describeAction(Remove<Participant>{17}));
    CHECK(describeAction(Batch{"import 12 participants", {}}) == "import 12 participants");
    // An unlabelled batch counts its changes in English: "1 change", not "1 changes".
    CHECK(describeAction(Batch{"", {Remove<Note>{8}}}) == "1 change");
    CHECK(describeAction(Batch{"", {Remove<Note>{8}, Remove<Note>{9}}}) == "2 changes");
    CHECK(describeAction(SetPlan{}) != describeAction(SetPlan{{{1, {}, false}}}));
}

TEST_CASE("actions: describeAction gives distinct labels for all alternatives") {
    std::vector<std::string> labels;
    for (const Action& action : oneOfEachAction()) labels.push_back(describeAction(action));
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            CAPTURE(labels[i]);
            CHECK_MESSAGE(labels[i] != labels[j], actionTypeName(oneOfEachAction()[i]), " and ",
                          actionTypeName(oneOfEachAction()[j]), " share a label");
        }
}

TEST_CASE("actions: a menu's title and question are stored without the newline or spaces a text field's Enter left") {
    Session s = actionsSession();
    Menu menu = *s.findMenu(2);
    menu.question = "무엇을 배울까?\n";
    menu.title = "  교육 ";
    applyAction(s, Put<Menu>{menu});
    CHECK(s.findMenu(2)->question == "무엇을 배울까?");
    CHECK(s.findMenu(2)->title == "교육");
    // A line break inside the question is the facilitator's: kept.
    menu.question = "First line\nsecond line\r\n";
    applyAction(s, Put<Menu>{menu});
    CHECK(s.findMenu(2)->question == "First line\nsecond line");
    // New menus too, and undo still brings back what was there.
    Menu added{9, "New\n", "Why?\n\n", 0x009E73};
    applyAction(s, Put<Menu>{added});
    CHECK(s.findMenu(9)->title == "New");
    CHECK(s.findMenu(9)->question == "Why?");

    // A batch long enough for the indexed path (an import of many menus) tidies the same way.
    Batch many{"import menus", {}};
    for (MenuId id = 100; id < 140; ++id)
        many.actions.push_back(Put<Menu>{Menu{id, "Menu\n", " Question?\n", 0x009E73}});
    many.actions.push_back(Put<Menu>{Menu{100, "Again\n", "Replaced?\n", 0x009E73}});
    applyAction(s, many);
    CHECK(s.findMenu(139)->title == "Menu");
    CHECK(s.findMenu(139)->question == "Question?");
    CHECK(s.findMenu(100)->title == "Again");
    CHECK(s.findMenu(100)->question == "Replaced?");
}
