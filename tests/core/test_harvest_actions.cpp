// The harvest view's edits: each helper builds one action; applied and re-synthesised, the harvest shows the edit.
#include <doctest/doctest.h>

#include <algorithm>

#include "session_format.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/harvest.hpp"

using namespace worldcafe;

namespace {

const std::filesystem::path kHarvestSample =
    std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions" / "green-procurement-2019.wcafe";

Session harvestSample() { return parseSnapshot(test::readBytes(kHarvestSample), kHarvestSample).session; }

// Applies `action` and checks that its inverse restores the session exactly.
void applyAndCheckUndo(Session& session, const Action& action) {
    const Session before = session;
    Action inverse = applyAction(session, action);
    Session undone = session;
    applyAction(undone, inverse);
    CHECK(undone == before);
}

std::vector<NoteId> notesOf(const Synthesis& synthesis, std::string_view key) {
    const ThemeSummary* theme = synthesis.findTheme(key);
    REQUIRE(theme != nullptr);
    return theme->notes;
}

}  // namespace

TEST_CASE("harvest: renaming an automatic theme materialises it with all its notes") {
    Session session = harvestSample();
    Synthesis before = synthesize(session);
    const std::vector<NoteId> notes = notesOf(before, "tag:로컬푸드");
    const ThemeId id = session.nextThemeId();
    Action rename = renameTheme(session, before, "tag:로컬푸드", "  로컬푸드 관리  ");
    CHECK(std::holds_alternative<Batch>(rename.value));
    applyAndCheckUndo(session, rename);
    Synthesis after = synthesize(session);
    CHECK(after.findTheme("tag:로컬푸드") == nullptr);
    const ThemeSummary* theme = after.findTheme(themeKeyOf(id));
    REQUIRE(theme != nullptr);
    CHECK(theme->name == "로컬푸드 관리");
    CHECK(theme->origin == ThemeOrigin::Organiser);
    CHECK(theme->notes == notes);
    CHECK(after.menus[0].themes.front().key == themeKeyOf(id));  // organiser themes come first
    // Renaming it again is a single Put<Theme>.
    Action again = renameTheme(session, after, themeKeyOf(id), "로컬푸드");
    CHECK(std::holds_alternative<Put<Theme>>(again.value));
    applyAndCheckUndo(session, again);
    CHECK(synthesize(session).findTheme(themeKeyOf(id))->name == "로컬푸드");
    CHECK_THROWS_AS(renameTheme(session, after, themeKeyOf(id), "   "), ActionRejected);
    CHECK_THROWS_AS(renameTheme(session, after, "tag:없는 주제", "x"), ActionRejected);
}

TEST_CASE("harvest: merging themes moves every note into the target and removes organiser sources") {
    Session session = harvestSample();
    Synthesis synthesis = synthesize(session);
    std::vector<NoteId> expected = notesOf(synthesis, "tag:로컬푸드");
    for (NoteId id : notesOf(synthesis, "tag:녹색소비")) expected.push_back(id);
    std::sort(expected.begin(), expected.end());
    const std::vector<std::string> sources = {"tag:녹색소비"};
    applyAndCheckUndo(session, mergeThemes(session, synthesis, "tag:로컬푸드", sources));
    synthesis = synthesize(session);
    const ThemeSummary& merged = synthesis.menus[0].themes.front();
    CHECK(merged.name == "로컬푸드");
    std::vector<NoteId> got = merged.notes;
    std::sort(got.begin(), got.end());
    CHECK(got == expected);
    CHECK(synthesis.findTheme("tag:녹색소비") == nullptr);

    // Merging an organiser theme into another removes it once its notes have left.
    const ThemeId first = merged.themeId;
    Action rename = renameTheme(session, synthesis, "tag:공급활성화, 중소기업", "판로");
    applyAction(session, rename);
    synthesis = synthesize(session);
    const ThemeId second = first + 1;
    const std::vector<std::string> organiser = {themeKeyOf(second)};
    applyAndCheckUndo(session, mergeThemes(session, synthesis, themeKeyOf(first), organiser));
    CHECK(session.findTheme(second) == nullptr);
    for (const Note& note : session.notes) CHECK(note.theme != second);
    CHECK(synthesize(session).findTheme(themeKeyOf(first))->noteCount() == static_cast<int>(expected.size()) + 4);

    const std::vector<std::string> otherMenu = {"tag:공급측면"};
    CHECK_THROWS_AS(mergeThemes(session, synthesize(session), themeKeyOf(first), otherMenu), ActionRejected);
}

TEST_CASE("harvest: splitting a theme moves the chosen notes to a new theme") {
    Session session = harvestSample();
    Synthesis synthesis = synthesize(session);
    const std::vector<NoteId> cities = notesOf(synthesis, "tag:서귀포시, 화성시, 삼척시");
    REQUIRE(cities.size() == 6);
    const std::vector<NoteId> specialties = {4, 29, 41};  // 감귤, 곶감 and the boxes they are sold in
    const ThemeId id = session.nextThemeId();
    applyAndCheckUndo(session, splitTheme(session, synthesis, "tag:서귀포시, 화성시, 삼척시", specialties, "특산품 포장"));
    synthesis = synthesize(session);
    CHECK(notesOf(synthesis, themeKeyOf(id)) == specialties);
    CHECK(synthesis.findTheme(themeKeyOf(id))->name == "특산품 포장");
    CHECK(notesOf(synthesis, "tag:서귀포시, 화성시, 삼척시") == std::vector<NoteId>{17, 24, 47});
    const std::vector<NoteId> foreign = {2};
    CHECK_THROWS_AS(splitTheme(session, synthesis, "tag:안산시", foreign, "x"), ActionRejected);
    CHECK_THROWS_AS(splitTheme(session, synthesis, "tag:안산시", std::vector<NoteId>{}, "x"), ActionRejected);
}

TEST_CASE("harvest: moving a note to another theme, and back to automatic grouping") {
    Session session = harvestSample();
    Synthesis synthesis = synthesize(session);
    // Note 19 ("녹색구매라는 말 자체가 어렵게 들린다") is untagged: move it into 녹색소비.
    REQUIRE(synthesis.themeOfNote(19)->origin == ThemeOrigin::Cluster);
    const ThemeId id = session.nextThemeId();
    applyAndCheckUndo(session, moveNote(session, synthesis, 19, "tag:녹색소비"));
    synthesis = synthesize(session);
    CHECK(synthesis.themeOfNote(19)->key == themeKeyOf(id));
    CHECK(synthesis.themeOfNote(19)->name == "녹색소비");
    CHECK(synthesis.themeOfNote(19)->noteCount() == 5);
    // Moving into an organiser theme is one Put<Note>.
    Action move = moveNote(session, synthesis, 37, themeKeyOf(id));
    CHECK(std::holds_alternative<Put<Note>>(move.value));
    applyAction(session, move);
    synthesis = synthesize(session);
    CHECK(synthesis.themeOfNote(37)->key == themeKeyOf(id));
    CHECK_THROWS_AS(moveNote(session, synthesis, 37, themeKeyOf(id)), ActionRejected);     // already there
    CHECK_THROWS_AS(moveNote(session, synthesis, 3, themeKeyOf(id)), ActionRejected);      // another menu
    CHECK_THROWS_AS(moveNote(session, synthesis, 9999, themeKeyOf(id)), ActionRejected);   // no such note
    applyAction(session, moveNote(session, synthesis, 37, ""));
    CHECK(synthesize(session).themeOfNote(37)->origin == ThemeOrigin::Cluster);
}

TEST_CASE("harvest: highlights, summaries and votes") {
    Session session = harvestSample();
    Synthesis synthesis = synthesize(session);
    const ThemeId id = session.nextThemeId();
    applyAndCheckUndo(session, setThemeHighlight(session, synthesis, "tag:안산시", true));
    synthesis = synthesize(session);
    const ThemeSummary* theme = synthesis.findTheme(themeKeyOf(id));
    REQUIRE(theme != nullptr);
    CHECK(theme->highlighted);
    CHECK(theme->name == "안산시");
    // A tag theme materialised under its own name keeps gathering notes with that tag.
    Note late;
    late.id = session.nextNoteId();
    late.table = 3;
    late.round = 3;
    late.menu = 3;
    late.text = "안산 센터 사례를 다른 도시에도";
    late.tags = {"안산시"};
    applyAction(session, Put<Note>{late});
    synthesis = synthesize(session);
    CHECK(synthesis.themeOfNote(late.id)->key == themeKeyOf(id));
    CHECK(synthesis.findTheme("tag:안산시") == nullptr);

    applyAndCheckUndo(session, setThemeSummary(session, synthesis, themeKeyOf(id), "안산시는 센터를 중심으로 확산"));
    CHECK(session.findTheme(id)->summary == "안산시는 센터를 중심으로 확산");

    applyAndCheckUndo(session, setNoteHighlight(session, 6, true));
    CHECK(session.findNote(6)->highlighted);
    CHECK(synthesize(session).findTheme(themeKeyOf(id))->headline == 6);
    applyAndCheckUndo(session, setVotes(session, 6, 7));
    CHECK(session.findNote(6)->votes == 7);
    CHECK(synthesize(session).findTheme(themeKeyOf(id))->votes == 7);
    CHECK_THROWS_AS(setVotes(session, 6, -1), ActionRejected);
    CHECK_THROWS_AS(setNoteHighlight(session, 9999, true), ActionRejected);
}

TEST_CASE("harvest: dissolving an organiser theme returns its notes to automatic grouping") {
    Session session = harvestSample();
    Synthesis synthesis = synthesize(session);
    applyAction(session, renameTheme(session, synthesis, "tag:안산시", "안산"));
    synthesis = synthesize(session);
    const ThemeId id = session.themes.back().id;
    applyAndCheckUndo(session, dissolveTheme(session, synthesis, themeKeyOf(id)));
    CHECK(session.themes.empty());
    CHECK(notesOf(synthesize(session), "tag:안산시").size() == 3);
    CHECK_THROWS_AS(dissolveTheme(session, synthesize(session), "tag:안산시"), ActionRejected);
}

TEST_CASE("harvest: edits go through the engine's journal and survive reopening") {
    test::TempDir dir;
    const std::filesystem::path file = dir / "harvest.wcafe";
    {
        auto engine = Engine::create(file, harvestSample());
        Synthesis synthesis = synthesize(engine->session());
        engine->apply(renameTheme(engine->session(), synthesis, "tag:녹색소비", "불편을 감수하는 소비"));
        synthesis = synthesize(engine->session());
        const std::vector<std::string> sources = {"tag:로컬푸드"};
        engine->apply(mergeThemes(engine->session(), synthesis, themeKeyOf(1), sources));
        engine->apply(setVotes(engine->session(), 60, 4));
        // Closed without saving: the journal has it.
    }
    auto engine = Engine::open(file, OpenOptions{.readOnly = true});
    CHECK(engine->recovery().actionsReplayed == 3);
    const Synthesis synthesis = synthesize(engine->session());
    const ThemeSummary* theme = synthesis.findTheme(themeKeyOf(1));
    REQUIRE(theme != nullptr);
    CHECK(theme->name == "불편을 감수하는 소비");
    CHECK(theme->noteCount() == 8);
    CHECK(theme->votes == 4);
}
