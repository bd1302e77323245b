// The App's file flows, headless (HeadlessPlatform, no window): a file from a newer worldcafe opens read-only and
// is never written, and quitting asks nothing and loses nothing acknowledged.
#include <doctest/doctest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <optional>

#include "app.hpp"
#include "gui_language_guard.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;
using worldcafe::test::readBytes;
using worldcafe::test::writeBytes;

namespace {

const std::filesystem::path kI18nDir = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n";

Note note(NoteId id) {
    Note n;
    n.id = id;
    n.table = 1;
    n.text = "메모 " + std::to_string(id);
    return n;
}

Session titled(const std::string& title) {
    Session session;
    session.event.title = title;
    session.event.language = "en";
    return session;
}

// The bytes of a file, or nothing when it does not exist: "untouched" covers both.
std::optional<std::string> contentsOf(const std::filesystem::path& file) {
    if (!std::filesystem::exists(file)) return std::nullopt;
    return readBytes(file);
}

// What the main loop does around one frame (gui_entry.cpp), minus the window.
struct AppRig {
    worldcafe::test::LanguageGuard language{kI18nDir, "en"};
    HeadlessUi ui{{1280.0f, 800.0f}};
    HeadlessPlatform platform;
    App app{platform, App::Options{"en"}};

    void frame() {
        app.betweenFrames();
        ui.bareFrame([this] { app.buildFrame(); });
    }
    void frames(int count) {
        for (int i = 0; i < count; ++i) frame();
    }
    // The recorded item whose key contains `text`, in the last frame.
    const RecordedItem* findContaining(const std::string& text) const {
        for (const RecordedItem& item : ui.items())
            if (item.key.find(text) != std::string::npos) return &item;
        return nullptr;
    }
    bool click(const std::string& key) {
        const RecordedItem* item = ui.find(key);
        if (!item) return false;
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = item->centre();
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        return true;
    }
    // Keys by GLFW code, as the GLFW backend delivers them to io.KeysDown.
    void pressCtrl(int key) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = true;
        io.KeysDown[key] = true;
        frame();
        io.KeysDown[key] = false;
        io.KeyCtrl = false;
        frame();
    }
};

}  // namespace

TEST_CASE("gui app: a file from a newer worldcafe opens read-only, says so, and is never written") {
    worldcafe::test::TempDir dir;
    const auto file = dir / "cafe.wcafe";
    const auto journal = dir / "cafe.wcafe.journal";
    {
        auto engine = Engine::create(file, titled("Newer café"));
        engine->apply(Put<Note>{note(1)});  // a journal with a record in it, which a writer would compact
    }
    std::string text = readBytes(file);
    const auto at = text.find("\"version\": 1");
    REQUIRE(at != std::string::npos);
    text.replace(at, 12, "\"version\": 7");
    writeBytes(file, text);
    const auto journalBefore = contentsOf(journal);
    REQUIRE(journalBefore);

    {
        AppRig rig;
        rig.app.openSession(file);
        rig.frames(3);
        REQUIRE(rig.app.engine() != nullptr);
        CHECK(rig.app.engine()->readOnly());
        CHECK(rig.app.engine()->session().notes.size() == 1);
        CHECK(rig.app.windowTitle().find(std::string("[") + tr("title.read_only") + "]") != std::string::npos);
        // The question says which versions, and there is nothing to choose but OK.
        CHECK(rig.findContaining("file format 7") != nullptr);
        CHECK(rig.ui.find(tr("common.ok")) != nullptr);
        CHECK(rig.ui.find(tr("common.cancel")) == nullptr);
        REQUIRE(rig.click(tr("common.ok")));
        rig.frames(2);
        CHECK(rig.ui.find(tr("common.ok")) == nullptr);
        // A copy saved by this version would drop what the newer one wrote: not offered.
        CHECK(rig.ui.find("readonly.save_copy") == nullptr);

        // Ctrl+S is refused, not written.
        rig.pressCtrl(GLFW_KEY_S);
        rig.frames(2);
        CHECK(readBytes(file) == text);
        CHECK(contentsOf(journal) == journalBefore);
    }
    CHECK(readBytes(file) == text);
    CHECK(contentsOf(journal) == journalBefore);
}

TEST_CASE("gui app: quitting asks nothing, and every acknowledged action is there after reopening") {
    worldcafe::test::TempDir dir;
    const auto file = dir / "cafe.wcafe";
    {
        AppRig rig;
        rig.app.openAtLaunch(file);  // does not exist yet: created
        rig.frames(2);
        REQUIRE(rig.app.engine() != nullptr);
        REQUIRE(!rig.app.engine()->readOnly());
        // Acknowledged: apply() returned. Never saved.
        for (NoteId id = 1; id <= 3; ++id) rig.app.engine()->apply(Put<Note>{note(id)});
        rig.app.engine()->undo();
        rig.app.engine()->apply(Put<Note>{note(4)});
        rig.frames(2);
        CHECK(!rig.app.shouldQuit());

        rig.pressCtrl(GLFW_KEY_Q);
        for (int i = 0; i < 3 && !rig.app.shouldQuit(); ++i) {
            // No question on the way out: no modal's buttons in any frame.
            CHECK(rig.ui.find(tr("common.cancel")) == nullptr);
            CHECK(rig.ui.find(tr("common.ok")) == nullptr);
            rig.frame();
        }
        CHECK(rig.app.shouldQuit());
        CHECK(rig.ui.find(tr("common.cancel")) == nullptr);
    }
    auto reopened = Engine::open(file);
    const auto& notes = reopened->session().notes;
    REQUIRE(notes.size() == 3);
    CHECK(notes[0].text == "메모 1");
    CHECK(notes[1].text == "메모 2");
    CHECK(notes[2].text == "메모 4");
}
