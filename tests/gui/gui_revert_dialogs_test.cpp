// File > Revert to last save… and File > Recover…, headless: the question says what will be undone, the answer
// goes through the engine (journalled, undoable), and the undone state comes back from the kept file.
#include <doctest/doctest.h>

#include "headless.hpp"
#include "i18n.hpp"
#include "modals.hpp"
#include "revert_dialogs.hpp"
#include "test_support.hpp"
#include "toasts.hpp"
#include "worldcafe/engine.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

Note revertNote(NoteId id) {
    Note n;
    n.id = id;
    n.table = 1;
    n.text = "메모 " + std::to_string(id);
    return n;
}

}  // namespace

TEST_CASE("gui revert: the question names what it undoes; Revert reverts, Recover brings it back") {
    setLanguage(kI18nDir, "en");
    worldcafe::test::TempDir dir;
    auto engine = Engine::create(dir / "cafe.wcafe", Session{});
    engine->save();
    for (NoteId id = 1; id <= 3; ++id) engine->apply(Put<Note>{revertNote(id)});
    engine->apply(AppendTimeline{TimelineEntry{TimelineKind::Start, 1000, 0}});
    engine->apply(AppendTimeline{TimelineEntry{TimelineKind::Pause, 2000, 0}});
    Session before = engine->session();

    HeadlessUi ui;
    Modals modals;
    Toasts toasts;
    EngineSource source = [&] { return engine.get(); };
    auto draw = [&] { modals.draw(); };

    CHECK(describeChanges(engine->changesSinceSave()).rfind("3 notes, 2 timer changes since ", 0) == 0);
    askRevert(modals, source, toasts);
    REQUIRE(modals.active());
    CHECK(modals.currentTitle() == "Revert to last save");
    ui.frames(2, draw);
    // Cancel first: nothing changes.
    REQUIRE(ui.clickItem("Cancel", draw));
    CHECK_FALSE(modals.active());
    CHECK(engine->session() == before);

    askRevert(modals, source, toasts);
    ui.frames(2, draw);
    REQUIRE(ui.clickItem("Revert", draw));
    CHECK_FALSE(modals.active());
    CHECK(engine->session().notes.empty());
    CHECK(engine->session().timeline.empty());
    CHECK(toasts.latestText().find("cafe.wcafe.reverted-") != std::string::npos);
    CHECK(engine->canUndo());

    askRecover(modals, source, toasts);
    REQUIRE(modals.active());
    ui.frames(2, draw);
    REQUIRE(ui.find("Cancel") != nullptr);
    // The one kept state is the first choice.
    const RecordedItem* first = nullptr;
    for (const RecordedItem& item : ui.items())
        if (item.key.rfind("As it was at ", 0) == 0) first = &item;
    REQUIRE(first != nullptr);
    REQUIRE(ui.clickItem(first->key, draw));
    CHECK(engine->session() == before);
    CHECK(toasts.latestText().find("Brought back") != std::string::npos);
}

TEST_CASE("gui revert: Korean names every kind of change, and nothing to revert is said, not asked") {
    setLanguage(kI18nDir, "ko");
    worldcafe::test::TempDir dir;
    auto engine = Engine::create(dir / "cafe.wcafe", Session{});
    engine->save();
    Modals modals;
    Toasts toasts;
    EngineSource source = [&] { return engine.get(); };
    askRevert(modals, source, toasts);
    CHECK_FALSE(modals.active());
    CHECK(toasts.size() == 1);
    askRecover(modals, source, toasts);
    CHECK_FALSE(modals.active());
    CHECK(toasts.size() == 2);

    engine->apply(Put<Note>{revertNote(1)});
    engine->apply(Put<Note>{revertNote(2)});
    CHECK(describeChanges(engine->changesSinceSave()).find("메모 2개") != std::string::npos);
    setLanguage(kI18nDir, "en");
}
