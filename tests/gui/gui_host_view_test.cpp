// The table host's view, headless: saving a note emits one Put<Note> with the table, the round from the timer, the
// table's menu, the tags and the host as author; editing keeps the note's id and creation time; deleting asks once
// more and emits Remove<Note>; earlier rounds' notes come first.
#include <doctest/doctest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include "headless.hpp"
#include "host_view.hpp"
#include "gui_language_guard.hpp"
#include "i18n.hpp"
#include "test_clock.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;
using test::ManualClock;
using worldcafe::test::kMinute;

Session hostSession() {
    Session session;
    session.rounds.count = 3;
    session.menus = {Menu{1, "녹색구매란?", "우리가 생각하는 녹색구매는?", 0xE69F00},
                     Menu{2, "우리 지역 자랑", "우리 지역의 녹색구매를 자랑합시다.", 0x009E73}};
    session.tables = {Table{1, 1, 6}, Table{2, 2, 6}};
    session.participants = {Participant{1, "박서연", "", Role::Host, 1}, Participant{2, "이정훈", "", Role::Host, 2},
                            Participant{3, "노현우", "", Role::Guest}, Participant{4, "서유나", "", Role::Guest}};
    session.plan = {RoundPlan{1, {{1, 1}, {2, 2}, {3, 1}, {4, 2}}}, RoundPlan{2, {{1, 1}, {2, 2}, {3, 2}, {4, 1}}}};
    // Written out of order on purpose: round 2's note first.
    Note later;
    later.id = 7;
    later.table = 2;
    later.round = 2;
    later.menu = 2;
    later.text = "이번 라운드 메모";
    later.tags = {"로컬푸드"};
    later.created = test::kTestStart + 30 * kMinute;
    Note earlier = later;
    earlier.id = 3;
    earlier.round = 1;
    earlier.text = "지난 라운드 메모";
    earlier.tags = {"교육의 필요성"};
    earlier.created = test::kTestStart + 5 * kMinute;
    Note otherTable = earlier;
    otherTable.id = 4;
    otherTable.table = 1;
    otherTable.menu = 1;
    session.notes = {later, earlier, otherTable};
    // Round 2 is being talked.
    session.timeline.push_back({TimelineKind::Start, test::kTestStart, 0});
    return session;
}

struct HostFixture {
    ManualClock clock;
    Timer timer{clock};
    Session session = hostSession();
    HostView view;
    PanelOutput out;
    HostFixture() { clock.set(test::kTestStart + 30 * kMinute); }
    PanelContext context() {
        PanelContext context{session, out, 1, false, {}};
        context.timer = &timer;
        return context;
    }
};

}  // namespace

TEST_CASE("gui host: saving a note emits Put<Note> with table, round, menu, tags, star and author") {
    worldcafe::test::LanguageGuard language(kI18nDir, "ko");
    HeadlessUi ui({1400.0f, 900.0f});
    HostFixture f;
    auto draw = [&] { f.view.draw(f.context()); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("host.table.2", draw));
    CHECK(f.view.selectedTable() == 2);

    REQUIRE(ui.clickItem("##note_text", draw));
    ui.type("로컬푸드 직매장을 늘리자", draw);
    REQUIRE(ui.clickItem("##note_tags", draw));
    ui.type("로컬푸드, #교육 ", draw);
    REQUIRE(ui.clickItem("host.star", draw));
    REQUIRE(ui.clickItem("host.save", draw));

    REQUIRE(f.out.actions.size() == 1);
    auto* put = std::get_if<Put<Note>>(&f.out.actions[0].value);
    REQUIRE(put);
    const Note& note = put->item;
    CHECK(note.id == 8);  // session.nextNoteId()
    CHECK(note.table == 2);
    CHECK(note.round == 2);
    CHECK(note.menu == 2);
    CHECK(note.text == "로컬푸드 직매장을 늘리자");
    CHECK(note.tags == std::vector<std::string>{"로컬푸드", "교육"});
    CHECK(note.starred);
    CHECK(note.author == "이정훈");
    CHECK(note.created == test::kTestStart + 30 * kMinute);
    CHECK(note.edited == note.created);
}

TEST_CASE("gui host: a tag suggestion is added with one click") {
    HeadlessUi ui({1400.0f, 900.0f});
    HostFixture f;
    auto draw = [&] { f.view.draw(f.context()); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("##note_text", draw));
    ui.type("text", draw);
    REQUIRE(ui.clickItem("tag:로컬푸드", draw));
    REQUIRE(ui.clickItem("host.save", draw));
    REQUIRE(f.out.actions.size() == 1);
    CHECK(std::get<Put<Note>>(f.out.actions[0].value).item.tags == std::vector<std::string>{"로컬푸드"});
}

TEST_CASE("gui host: editing keeps the note's id, round and creation time") {
    HeadlessUi ui({1400.0f, 900.0f});
    HostFixture f;
    f.view.selectTable(2);
    auto draw = [&] { f.view.draw(f.context()); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("host.edit", draw, 0));  // the first listed: round 1's note
    ui.frame(draw);
    REQUIRE(ui.clickItem("##note_text", draw));
    ui.type(" 추가", draw);
    f.clock.set(test::kTestStart + 35 * kMinute);
    REQUIRE(ui.clickItem("host.save", draw));
    REQUIRE(f.out.actions.size() == 1);
    const Note& note = std::get<Put<Note>>(f.out.actions[0].value).item;
    CHECK(note.id == 3);
    CHECK(note.round == 1);
    CHECK(note.created == test::kTestStart + 5 * kMinute);
    CHECK(note.edited == test::kTestStart + 35 * kMinute);
    CHECK(note.text.rfind("지난 라운드 메모", 0) == 0);
    CHECK(note.text.find("추가") != std::string::npos);
    CHECK(note.tags == std::vector<std::string>{"교육의 필요성"});
}

TEST_CASE("gui host: deleting asks once more, then emits Remove<Note>") {
    HeadlessUi ui({1400.0f, 900.0f});
    HostFixture f;
    f.view.selectTable(2);
    auto draw = [&] { f.view.draw(f.context()); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("host.delete", draw, 1));  // round 2's note
    CHECK(f.out.actions.empty());
    ui.frame(draw);
    REQUIRE(ui.clickItem("host.delete_confirm", draw));
    REQUIRE(f.out.actions.size() == 1);
    auto* remove = std::get_if<Remove<Note>>(&f.out.actions[0].value);
    REQUIRE(remove);
    CHECK(remove->key == 7);
}

TEST_CASE("gui host: earlier rounds' notes come first, and only this table's") {
    const Session session = hostSession();
    const auto notes = HostView::notesAt(session, 2);
    REQUIRE(notes.size() == 2);
    CHECK(notes[0]->id == 3);
    CHECK(notes[1]->id == 7);

    // Drawn in that order too: the first Edit button belongs to round 1's note.
    HeadlessUi ui({1400.0f, 900.0f});
    HostFixture f;
    f.view.selectTable(2);
    auto draw = [&] { f.view.draw(f.context()); };
    ui.frame(draw);
    REQUIRE(ui.count("host.edit") == 2);
    CHECK(ui.find("host.edit", 0)->min.y < ui.find("host.edit", 1)->min.y);
}

TEST_CASE("gui host: an empty note is not saved, and says so") {
    HeadlessUi ui({1400.0f, 900.0f});
    HostFixture f;
    auto draw = [&] { f.view.draw(f.context()); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("host.save", draw));
    CHECK(f.out.actions.empty());
    CHECK(f.out.notices.size() == 1);
}

TEST_CASE("gui host: tags split on commas, full-width ones too, without '#' or duplicates") {
    CHECK(HostView::splitTags("로컬푸드, 교육 ,#공급측면") == std::vector<std::string>{"로컬푸드", "교육", "공급측면"});
    CHECK(HostView::splitTags("a，b、c,,A") == std::vector<std::string>{"a", "b", "c"});
    CHECK(HostView::splitTags("  ").empty());
}

TEST_CASE("gui host: a note typed across an automatic phase change is saved to the round its typing began in, "
          "by the first Ctrl+Enter, with no stray newline") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1400.0f, 900.0f});
    HostFixture f;
    f.clock.set(test::kTestStart + 5 * kMinute);  // round 1 is being talked
    auto draw = [&] { f.view.draw(f.context()); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("host.table.1", draw));
    REQUIRE(ui.clickItem("##note_text", draw));
    ui.type("Started in round 1", draw);

    // The phases run on while the host types: round 2 begins on its own.
    f.clock.set(test::kTestStart + 30 * kMinute);
    ui.frames(2, draw);
    ui.type(", finished in round 2", draw);
    ui.press(ImGuiKey_Enter, draw, true);

    REQUIRE(f.out.actions.size() == 1);
    auto* put = std::get_if<Put<Note>>(&f.out.actions[0].value);
    REQUIRE(put);
    CHECK(put->item.round == 1);
    CHECK(put->item.text == "Started in round 1, finished in round 2");
    CHECK(put->item.table == 1);

    // The next note is the current round's.
    f.session.notes.push_back(put->item);
    f.out.actions.clear();
    ui.frame(draw);
    REQUIRE(ui.clickItem("##note_text", draw));
    ui.type("A round 2 note", draw);
    ui.press(ImGuiKey_Enter, draw, true);
    REQUIRE(f.out.actions.size() == 1);
    put = std::get_if<Put<Note>>(&f.out.actions[0].value);
    REQUIRE(put);
    CHECK(put->item.round == 2);
}

TEST_CASE("gui host: Ctrl+Enter saves even when the note field lost the keyboard, and never silently does nothing") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1400.0f, 900.0f});
    HostFixture f;
    auto draw = [&] { f.view.draw(f.context()); };
    ui.frame(draw);
    REQUIRE(ui.clickItem("host.table.1", draw));
    REQUIRE(ui.clickItem("##note_text", draw));
    ui.type("Half a thought", draw);
    // Something between frames (a command, the shell's ClearActiveID) takes the field's keyboard away.
    ImGui::ClearActiveID();
    ui.frame(draw);
    ui.press(ImGuiKey_Enter, draw, true);
    REQUIRE(f.out.actions.size() == 1);
    auto* put = std::get_if<Put<Note>>(&f.out.actions[0].value);
    REQUIRE(put);
    CHECK(put->item.text == "Half a thought");
}
