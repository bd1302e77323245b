// The notes inside an opened theme, headless: dot votes, highlights, splitting ticked notes off, moving a note by the
// combo and by drag and drop, near-duplicates folded under their note, and one edit per frame.
#include <algorithm>

#include "gui_harvest_support.hpp"
#include "harvest_support.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;
using worldcafe::test::HarvestFixture;

namespace {

bool inTheme(const Synthesis& synthesis, const std::string& name, NoteId note) {
    const ThemeSummary* theme = synthesis.themeOfNote(note);
    return theme && theme->name == name;
}

}  // namespace

TEST_CASE("gui harvest notes: + and - enter the facilitator's dot votes") {
    HarvestFixture f;
    const ThemeSummary theme = f.theme("로컬푸드");
    const NoteId note = theme.notes.front();
    const std::string id = std::to_string(note);
    CHECK_FALSE(f.ui.find("vote+:" + id));  // closed themes show no notes
    f.click("expand:" + theme.key);

    f.click("vote+:" + id);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == setVotes(f.session, note, 1));
    f.apply();
    f.click("vote+:" + id);
    f.apply();
    CHECK(f.session.findNote(note)->votes == 2);
    CHECK(f.view.synthesis().findTheme(theme.key)->votes == 2);

    f.click("vote-:" + id);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == setVotes(f.session, note, 1));
    f.apply();
    f.click("vote-:" + id);
    f.apply();
    CHECK(f.session.findNote(note)->votes == 0);
    f.click("vote-:" + id);  // disabled at zero: votes never go negative
    CHECK(f.out.actions.empty());
}

TEST_CASE("gui harvest notes: highlighting a note, and taking the highlight off again") {
    HarvestFixture f;
    const ThemeSummary theme = f.theme("녹색소비");
    const NoteId note = theme.notes.back();
    const std::string id = std::to_string(note);
    f.click("expand:" + theme.key);
    f.click("highlight-note:" + id);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == setNoteHighlight(f.session, note, true));
    f.apply();
    CHECK(f.session.findNote(note)->highlighted);
    CHECK(f.view.synthesis().findTheme(theme.key)->headline == note);  // the report now quotes it
    f.click("highlight-note:" + id);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == setNoteHighlight(f.session, note, false));
}

TEST_CASE("gui harvest notes: ticked notes split off into a new, named theme") {
    HarvestFixture f;
    const ThemeSummary theme = f.theme("서귀포시, 화성시, 삼척시", 2);
    f.click("menu:2");
    f.click("expand:" + theme.key);
    CHECK_FALSE(f.ui.find("split:" + theme.key));  // nothing ticked yet
    const std::vector<NoteId> picked{theme.notes[2], theme.notes[4]};
    for (NoteId note : picked) f.click("select-note:" + std::to_string(note));
    CHECK(f.view.themes().notes().selectedNotes().size() == 2);

    f.click("split-name:" + theme.key);
    f.ui.type("지역 특산품 포장", f.draw);
    const Session before = f.session;
    f.click("split:" + theme.key);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == splitTheme(before, synthesize(before), theme.key, picked, "지역 특산품 포장"));
    CHECK(f.view.themes().notes().selectedNotes().empty());

    f.apply();
    const ThemeSummary& split = f.theme("지역 특산품 포장", 2);
    CHECK(split.notes == picked);
    CHECK(split.origin == ThemeOrigin::Organiser);
}

TEST_CASE("gui harvest notes: a split without a name gets a default one") {
    HarvestFixture f;
    const ThemeSummary theme = f.theme("공급활성화, 중소기업");
    f.click("expand:" + theme.key);
    f.click("select-note:" + std::to_string(theme.notes.front()));
    f.click("split:" + theme.key);
    REQUIRE(f.out.actions.size() == 1);
    f.apply();
    CHECK(inTheme(f.view.synthesis(), "New theme", theme.notes.front()));
}

TEST_CASE("gui harvest notes: the Move to combo moves a note to the theme picked") {
    HarvestFixture f;
    const ThemeSummary from = f.theme("로컬푸드");
    const ThemeSummary to = f.theme("녹색소비");
    const NoteId note = from.notes[1];
    f.click("expand:" + from.key);
    f.click("move:" + std::to_string(note));
    f.ui.frames(2, f.draw);
    const Session before = f.session;
    f.click("move-to:" + to.key);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == moveNote(before, synthesize(before), note, to.key));
    f.apply();
    CHECK(inTheme(f.view.synthesis(), "녹색소비", note));

    // Placed by the organiser, it can go back to automatic grouping, where its tag puts it again.
    f.click("expand:" + f.view.synthesis().themeOfNote(note)->key);
    f.click("move:" + std::to_string(note));
    f.ui.frames(2, f.draw);
    f.click("move-to:");
    REQUIRE(f.out.actions.size() == 1);
    f.apply();
    CHECK(f.session.findNote(note)->theme == 0);
    CHECK(inTheme(f.view.synthesis(), "로컬푸드", note));
}

TEST_CASE("gui harvest notes: dragging a note onto another theme moves it there") {
    HarvestFixture f;
    const ThemeSummary from = f.theme("녹색소비");
    const ThemeSummary to = f.theme("공급활성화, 중소기업");
    const NoteId note = from.notes.front();
    f.click("expand:" + from.key);
    const Session before = f.session;
    f.drag("note:" + std::to_string(note), "card:" + to.key);
    REQUIRE(f.out.actions.size() == 1);
    CHECK(f.out.actions.front() == moveNote(before, synthesize(before), note, to.key));
    f.apply();
    CHECK(inTheme(f.view.synthesis(), "공급활성화, 중소기업", note));

    // Dropped back on its own theme, nothing happens.
    const ThemeSummary& now = *f.view.synthesis().themeOfNote(note);
    f.click("expand:" + now.key);
    f.drag("note:" + std::to_string(note), "card:" + now.key);
    CHECK(f.out.actions.empty());
}

TEST_CASE("gui harvest notes: near-duplicates fold under their note until unfolded") {
    Session session;
    session.menus = {Menu{1, "Getting around", "How could we make cycling easy?", 0xE69F00}};
    session.tables = {Table{1, 1, 6}};
    auto add = [&](NoteId id, RoundNumber round, std::string text) {
        Note note;
        note.id = id;
        note.table = 1;
        note.round = round;
        note.menu = 1;
        note.text = std::move(text);
        note.created = id * 1000;
        session.notes.push_back(note);
    };
    add(1, 1, "Secure bike storage near the shops, people fear theft");
    add(2, 2, "Secure bike storage near the shops - people fear theft");
    add(3, 3, "A car club bay in the housing co-op car park");
    HarvestFixture f(session);
    const ThemeSummary* theme = f.view.synthesis().themeOfNote(1);
    REQUIRE(theme);
    REQUIRE(theme->entries.size() == 1);
    REQUIRE(theme->entries.front().duplicates == std::vector<NoteId>{2});
    const std::string key = theme->key;
    f.click("expand:" + key);
    CHECK(f.ui.find("note:1"));
    CHECK_FALSE(f.ui.find("note:2"));
    f.click("similar:1");
    CHECK(f.ui.find("note:2"));
    CHECK(f.ui.find("vote+:2"));  // a repeat can be voted for and split off like any note
    f.click("similar:1");
    CHECK_FALSE(f.ui.find("note:2"));
}

TEST_CASE("gui harvest notes: two edits in one frame go out one per frame") {
    // Both would materialise an automatic theme under the same nextThemeId(): the second must see the first.
    HarvestFixture f;
    const std::string first = f.theme("로컬푸드").key;
    const std::string second = f.theme("녹색소비").key;
    HarvestEdits edits;
    PanelOutput out;
    PanelContext context{f.session, out, f.revision, false, {}};
    const Synthesis synthesis = synthesize(f.session);
    edits.beginFrame(context, synthesis);
    auto rename = [](std::string key, std::string name) {
        return [key, name](const Session& s, const Synthesis& y) { return renameTheme(s, y, key, name); };
    };
    edits.edit(context, synthesis, rename(first, "A"));
    edits.edit(context, synthesis, rename(second, "B"));
    REQUIRE(out.actions.size() == 1);
    CHECK(edits.waiting());
    applyAction(f.session, out.actions.front());
    out.actions.clear();

    const Synthesis next = synthesize(f.session);
    edits.beginFrame(context, next);
    REQUIRE(out.actions.size() == 1);
    CHECK_FALSE(edits.waiting());
    applyAction(f.session, out.actions.front());
    const Synthesis last = synthesize(f.session);
    CHECK(inTheme(last, "A", f.theme("로컬푸드").notes.front()));
    CHECK(inTheme(last, "B", f.theme("녹색소비").notes.front()));
    CHECK(f.session.themes.size() == 2);
}

TEST_CASE("gui harvest notes: an edit the core rejects becomes a notice, not an action") {
    HarvestFixture f;
    HarvestEdits edits;
    PanelOutput out;
    PanelContext context{f.session, out, f.revision, false, {}};
    const Synthesis synthesis = synthesize(f.session);
    edits.beginFrame(context, synthesis);
    edits.edit(context, synthesis,
               [](const Session& s, const Synthesis& y) { return renameTheme(s, y, "tag:없는 주제", "x"); });
    CHECK(out.actions.empty());
    REQUIRE(out.notices.size() == 1);
    CHECK(out.notices.front().kind == NoticeKind::Warning);
}
