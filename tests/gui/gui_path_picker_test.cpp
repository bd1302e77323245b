// The modal path picker, headless: it lists folders and files of the asked type and hands back one path.
#include <doctest/doctest.h>

#include "headless.hpp"
#include "i18n.hpp"
#include "path_picker.hpp"
#include "test_support.hpp"

using namespace worldcafe::gui;

namespace {

struct PickerFixture {
    worldcafe::test::TempDir dir;
    HeadlessUi ui;
    PathPicker picker;
    std::optional<std::filesystem::path> chosen;
    HeadlessUi::Draw draw = [this] {
        if (auto result = picker.draw()) chosen = result;
    };

    PickerFixture() {
        setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en");
        worldcafe::test::writeBytes(dir / "workshop.wcafe", "{}");
        worldcafe::test::writeBytes(dir / "people.csv", "name\n");
        worldcafe::test::writeBytes(dir / ".hidden.wcafe", "{}");
        std::filesystem::create_directory(dir / "archive");
        worldcafe::test::writeBytes(dir / "archive" / "2019.wcafe", "{}");
    }
};

}  // namespace

TEST_CASE("gui path picker: lists folders and matching files only, and returns the clicked file on Open") {
    PickerFixture f;
    f.picker.open(PathPicker::Mode::Open, "picker.open_title", ".wcafe", f.dir.path());
    f.ui.frames(2, f.draw);
    CHECK(f.picker.isOpen());
    CHECK(f.ui.find("archive/"));
    CHECK(f.ui.find("workshop.wcafe"));
    CHECK_FALSE(f.ui.find("people.csv"));
    CHECK_FALSE(f.ui.find(".hidden.wcafe"));

    REQUIRE(f.ui.clickItem("workshop.wcafe", f.draw));
    CHECK_FALSE(f.chosen);
    REQUIRE(f.ui.clickItem("picker.open", f.draw));
    REQUIRE(f.chosen);
    CHECK(std::filesystem::equivalent(*f.chosen, f.dir / "workshop.wcafe"));
    f.ui.frame(f.draw);
    CHECK_FALSE(f.picker.isOpen());
}

TEST_CASE("gui path picker: a folder opens on click; Save adds the extension; Cancel returns nothing") {
    PickerFixture f;
    f.picker.open(PathPicker::Mode::Save, "picker.save_as_title", ".wcafe", f.dir.path(), "copy");
    f.ui.frames(2, f.draw);
    REQUIRE(f.ui.clickItem("archive/", f.draw));
    f.ui.frame(f.draw);
    CHECK(f.ui.find("2019.wcafe"));
    REQUIRE(f.ui.clickItem("picker.save", f.draw));
    REQUIRE(f.chosen);
    CHECK(f.chosen->filename() == "copy.wcafe");
    CHECK(std::filesystem::equivalent(f.chosen->parent_path(), f.dir / "archive"));

    f.chosen.reset();
    f.picker.open(PathPicker::Mode::Open, "picker.open_title", ".wcafe", f.dir.path());
    f.ui.frames(2, f.draw);
    REQUIRE(f.ui.clickItem("common.cancel", f.draw));
    f.ui.frame(f.draw);
    CHECK_FALSE(f.chosen);
    CHECK_FALSE(f.picker.isOpen());
}

TEST_CASE("gui path picker: Open refuses a file that does not exist") {
    PickerFixture f;
    f.picker.open(PathPicker::Mode::Open, "picker.open_title", ".wcafe", f.dir.path(), "nope.wcafe");
    f.ui.frames(2, f.draw);
    REQUIRE(f.ui.clickItem("picker.open", f.draw));
    CHECK_FALSE(f.chosen);
    CHECK(f.picker.isOpen());
}

TEST_CASE("gui path picker: an Open picker of several extensions lists each of them (participants: .csv, .xlsx)") {
    PickerFixture f;
    worldcafe::test::writeBytes(f.dir / "list.XLSX", "PK");
    f.picker.open(PathPicker::Mode::Open, "participants.import_title", ".csv .xlsx", f.dir.path());
    f.ui.frames(2, f.draw);
    CHECK(f.ui.find("people.csv"));
    CHECK(f.ui.find("list.XLSX"));
    CHECK_FALSE(f.ui.find("workshop.wcafe"));
    REQUIRE(f.ui.clickItem("list.XLSX", f.draw));
    REQUIRE(f.ui.clickItem("picker.open", f.draw));
    REQUIRE(f.chosen);
    CHECK(f.chosen->filename() == "list.XLSX");
}
