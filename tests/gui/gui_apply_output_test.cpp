// What panels emit reaches the engine in one place: applied in order, rejections and read-only said as toasts.
#include <doctest/doctest.h>

#include "apply_output.hpp"
#include "i18n.hpp"
#include "test_support.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

Menu menuNamed(MenuId id, std::string title) {
    Menu menu;
    menu.id = id;
    menu.title = std::move(title);
    return menu;
}

}  // namespace

TEST_CASE("gui apply output: a frame with a rejected action changes nothing and says why once") {
    setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en");
    worldcafe::test::TempDir dir;
    auto engine = Engine::create(dir / "cafe.wcafe", Session{});
    const Session before = engine->session();
    const auto journalBefore = std::filesystem::file_size(journalPathFor(dir / "cafe.wcafe"));
    Toasts toasts;

    PanelOutput output;
    output.emit(Put<Menu>{menuNamed(1, "Getting around")});
    output.emit(Remove<Menu>{42});  // not there: rejected, and the Put before it must not stay either

    CHECK(applyPanelOutput(*engine, output, toasts) == 0);
    CHECK(engine->session() == before);
    CHECK_FALSE(engine->canUndo());
    CHECK(std::filesystem::file_size(journalPathFor(dir / "cafe.wcafe")) == journalBefore);
    CHECK(toasts.size() == 1);
    CHECK(toasts.latestText().find("not made") != std::string::npos);
    CHECK(toasts.latestText().find("there is no menu 42") != std::string::npos);
}

TEST_CASE("gui apply output: a frame's actions are one undo step, in order; notices become toasts") {
    setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en");
    worldcafe::test::TempDir dir;
    auto engine = Engine::create(dir / "cafe.wcafe", Session{});
    const Session before = engine->session();
    Toasts toasts;

    PanelOutput output;
    output.emit(Put<Menu>{menuNamed(1, "Getting around")});
    output.emit(Put<Menu>{menuNamed(2, "Housing")});
    output.emit(Remove<Menu>{1});  // depends on the first: order is kept inside the batch
    output.notify(NoticeKind::Info, "hello");

    CHECK(applyPanelOutput(*engine, output, toasts) == 3);
    REQUIRE(engine->session().menus.size() == 1);
    CHECK(engine->session().menus[0].id == 2);
    CHECK(toasts.size() == 1);
    CHECK(engine->undoLabel() == "put menu 1, put menu 2, remove menu 1");
    engine->undo();
    CHECK(engine->session() == before);
    CHECK_FALSE(engine->canUndo());
    engine->redo();
    CHECK(engine->session().menus.size() == 1);

    SUBCASE("it survives a reopen as it was applied") {
        engine.reset();
        auto reopened = Engine::open(dir / "cafe.wcafe");
        REQUIRE(reopened->session().menus.size() == 1);
        CHECK(reopened->session().menus[0].title == "Housing");
    }
}

TEST_CASE("gui apply output: a single action stays itself, so the undo menu names it") {
    worldcafe::test::TempDir dir;
    auto engine = Engine::create(dir / "cafe.wcafe", Session{});
    Toasts toasts;
    PanelOutput output;
    output.emit(Put<Menu>{menuNamed(1, "Getting around")});
    CHECK(applyPanelOutput(*engine, output, toasts) == 1);
    CHECK(engine->undoLabel() == "put menu 1");
    CHECK(toasts.size() == 0);
}

TEST_CASE("gui apply output: a read-only session changes nothing and says so") {
    setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en");
    worldcafe::test::TempDir dir;
    { Engine::create(dir / "cafe.wcafe", Session{}); }
    OpenOptions options;
    options.readOnly = true;
    auto engine = Engine::open(dir / "cafe.wcafe", options);
    Toasts toasts;
    PanelOutput output;
    output.emit(SetRoundSettings{RoundSettings{4, 20, 3, 15}});
    CHECK(applyPanelOutput(*engine, output, toasts) == 0);
    CHECK(engine->session().rounds.count == 3);
    CHECK(toasts.size() == 1);
}
