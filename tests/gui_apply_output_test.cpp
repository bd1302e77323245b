// What panels emit reaches the engine in one place: applied in order, rejections and read-only said as toasts.
#include <doctest/doctest.h>

#include "apply_output.hpp"
#include "i18n.hpp"
#include "test_support.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

TEST_CASE("gui apply output: actions apply in order; a rejected one stops the rest and becomes a toast") {
    setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en");
    worldcafe::test::TempDir dir;
    auto engine = Engine::create(dir / "cafe.wcafe", Session{});
    Toasts toasts;

    PanelOutput output;
    Menu menu;
    menu.id = 1;
    menu.title = "Getting around";
    output.emit(Put<Menu>{menu});
    output.emit(Remove<Menu>{42});  // not there: rejected
    output.emit(Remove<Menu>{1});   // never reached
    output.notify(NoticeKind::Info, "hello");

    CHECK(applyPanelOutput(*engine, output, toasts) == 1);
    REQUIRE(engine->session().menus.size() == 1);
    CHECK(engine->canUndo());
    CHECK(toasts.size() == 2);
    CHECK(toasts.latestText().find("not made") != std::string::npos);
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
