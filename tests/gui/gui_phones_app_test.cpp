// "Open to phones" through the whole App, headless: the console's switch binds a real server on 127.0.0.1, a
// phone's note sent over HTTP wakes the platform and is in the app's views at the next frame, note-taking closes
// and reopens, and the room stops with its session (replaced, quit) while a port in use or a read-only session
// only says why and changes nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>

#include "app.hpp"
#include "gui_language_guard.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "test_server_support.hpp"
#include "worldcafe/engine.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

App::Options loopbackOptions(std::uint16_t port = 0) {
    App::Options options{"en"};
    options.phones.bindAddress = "127.0.0.1";
    options.phones.port = port;
    return options;
}

// A café whose tables have no host links yet: opening the room issues them.
std::filesystem::path cafeWithoutLinks(const std::filesystem::path& file) {
    Session session = test::serverTestSession();
    for (Table& table : session.tables) table.token.clear();
    Engine::create(file, session);
    return file;
}

std::string phoneNoteBody(const std::string& clientId, const std::string& text) {
    return R"({"client_id": ")" + clientId + R"(", "text": ")" + text + R"(", "tags": [], "starred": false})";
}

// The main loop's frame (gui_entry.cpp): the room's gate is held while the App touches the engine.
struct PhonesRig {
    test::LanguageGuard language{kI18nDir, "en"};
    HeadlessUi ui{{1600.0f, 1000.0f}};
    HeadlessPlatform platform;
    App app;

    explicit PhonesRig(App::Options options = loopbackOptions()) : app(platform, std::move(options)) {}

    void frame() {
        auto lock = app.phones().lockForFrame();
        app.betweenFrames();
        ui.bareFrame([this] { app.buildFrame(); });
    }
    void frames(int count) {
        for (int i = 0; i < count; ++i) frame();
    }
    // The request runs between frames; the next frame shows its outcome.
    bool click(const std::string& key) { return ui.clickItemStepping(key, [this] { frame(); }, 2); }
    // Reads the engine as the GUI does: holding the gate, so no phone's request is half applied.
    template <class F>
    auto withSession(F&& f) {
        auto lock = app.phones().lockForFrame();
        return f(app.engine()->session());
    }
    std::string notesPath(TableNumber table) {
        return "/api/v1/tables/" + withSession([&](const Session& s) { return s.findTable(table)->token; }) + "/notes";
    }
    std::uint16_t port() { return app.phones().port(); }
};

bool refused(std::uint16_t port) { return test::http(port, "GET", "/api/v1/state").status == 0; }

}  // namespace

TEST_CASE("gui phones app: the console opens the room, a phone's note shows at once, note-taking closes and reopens") {
    test::TempDir dir;
    const auto file = cafeWithoutLinks(dir / "cafe.wcafe");
    PhonesRig rig;
    rig.app.openSession(file);
    REQUIRE(rig.app.selectView("console"));
    rig.frames(3);
    REQUIRE(rig.app.engine());

    // Off by default: no server, no links, only the switch.
    CHECK_FALSE(rig.app.phones().running());
    CHECK(rig.ui.find("console.phones"));
    CHECK_FALSE(rig.ui.find("##phones_url"));
    CHECK(rig.app.roomBase().empty());

    REQUIRE(rig.click("console.phones"));
    REQUIRE(rig.app.phones().running());
    const std::uint16_t port = rig.port();
    REQUIRE(port != 0);
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    CHECK(rig.app.phones().status().base == base);
    CHECK(rig.app.roomBase() == base);  // what the live views build their QR codes on
    CHECK(rig.app.phones().status().urls == std::vector<std::string>{base + "/"});
    CHECK(rig.ui.count("##phones_url") == 1);
    CHECK(rig.ui.find("console.phones_links"));
    CHECK(rig.app.phones().status().tablesWithLink == 2);
    CHECK(rig.app.phones().status().tableCount == 2);
    CHECK(rig.ui.count("console.phones_table") == 2);
    // The tokens were issued by an action: they are in the file, not only in memory.
    CHECK(rig.withSession([](const Session& s) {
        return std::all_of(s.tables.begin(), s.tables.end(), [](const Table& t) { return t.token.size() >= 22; });
    }));
    {
        const PhonesStatus& status = rig.app.phones().status();
        REQUIRE(status.tables.size() == 2);
        CHECK_FALSE(status.tables[0].secondsSinceSeen);  // "never"
        CHECK(status.tables[0].notesThisRound == 0);
    }

    const int wakesBefore = rig.platform.wakes();
    const std::string path = rig.notesPath(1);
    test::HttpReply reply = test::http(port, "POST", path, phoneNoteBody("phone-note-0001", "버스 노선을 늘리자"));
    REQUIRE(reply.status == 201);
    // The platform was woken before the phone had its answer; the next frame draws the note.
    CHECK(rig.platform.wakes() > wakesBefore);
    CHECK(rig.app.phones().takeChange());
    rig.frame();
    CHECK(rig.withSession([](const Session& s) { return s.notes.size() == 1 && s.notes[0].text == "버스 노선을 늘리자"; }));
    {
        const PhonesStatus& status = rig.app.phones().status();
        REQUIRE(status.tables.size() == 2);
        REQUIRE(status.tables[0].secondsSinceSeen);
        CHECK(*status.tables[0].secondsSinceSeen < 5.0);
        CHECK(status.tables[0].notesThisRound == 1);
        CHECK_FALSE(status.tables[1].secondsSinceSeen);
        CHECK(status.tables[1].notesThisRound == 0);
    }
    // The host's workspace lists it for table 1 in the very next frame.
    REQUIRE(rig.app.selectView("host"));
    rig.frames(2);
    CHECK(rig.ui.count("##note_star") == 1);
    REQUIRE(rig.app.selectView("console"));
    rig.frames(2);

    // Closing note-taking: phones read, but cannot add, edit or delete; the page gets the reason.
    REQUIRE(rig.click("console.note_taking"));
    CHECK_FALSE(rig.app.phones().status().noteTakingOpen);
    CHECK(rig.ui.find("console.note_taking_closed"));
    reply = test::http(port, "POST", path, phoneNoteBody("phone-note-0002", "늦은 메모"));
    CHECK(reply.status == 423);
    CHECK(reply.body.find("note-taking is closed") != std::string::npos);
    CHECK(test::http(port, "GET", path.substr(0, path.size() - std::string("/notes").size())).status == 200);
    CHECK(rig.withSession([](const Session& s) { return s.notes.size(); }) == 1);

    // Reopened: the phone's retry lands.
    REQUIRE(rig.click("console.note_taking"));
    CHECK(rig.app.phones().status().noteTakingOpen);
    CHECK_FALSE(rig.ui.find("console.note_taking_closed"));
    CHECK(test::http(port, "POST", path, phoneNoteBody("phone-note-0002", "늦은 메모")).status == 201);
    rig.frame();
    CHECK(rig.withSession([](const Session& s) { return s.notes.size(); }) == 2);

    // Switched off: the port is closed and the links go from the views.
    REQUIRE(rig.click("console.phones"));
    CHECK_FALSE(rig.app.phones().running());
    CHECK(rig.app.roomBase().empty());
    CHECK_FALSE(rig.ui.find("##phones_url"));
    CHECK(refused(port));
}

TEST_CASE("gui phones app: the room stops when its session is replaced and when the app quits") {
    test::TempDir dir;
    const auto first = cafeWithoutLinks(dir / "first.wcafe");
    const auto second = cafeWithoutLinks(dir / "second.wcafe");
    std::uint16_t port = 0;
    {
        PhonesRig rig;
        rig.app.openSession(first);
        REQUIRE(rig.app.selectView("console"));
        rig.frames(3);
        REQUIRE(rig.click("console.phones"));
        REQUIRE(rig.app.phones().running());
        port = rig.port();
        CHECK(test::http(port, "GET", "/api/v1/state").status == 200);

        rig.app.openSession(second);
        rig.frames(3);
        CHECK(rig.app.engine()->file() == second);
        CHECK_FALSE(rig.app.phones().running());
        CHECK(rig.app.roomBase().empty());
        CHECK(refused(port));

        REQUIRE(rig.app.selectView("console"));
        rig.frames(2);
        REQUIRE(rig.click("console.phones"));
        REQUIRE(rig.app.phones().running());
        port = rig.port();
        CHECK(test::http(port, "POST", rig.notesPath(2), phoneNoteBody("phone-note-0101", "마지막 메모")).status == 201);
    }
    CHECK(refused(port));
    // What was acknowledged before the quit is in the file.
    auto reopened = Engine::open(second, {});
    REQUIRE(reopened->session().notes.size() == 1);
    CHECK(reopened->session().notes[0].table == 2);
}

TEST_CASE("gui phones app: a port in use or a read-only session says why and changes nothing") {
    test::TempDir dir;
    const auto file = cafeWithoutLinks(dir / "cafe.wcafe");
    test::ServerFixture other;  // holds a loopback port

    SUBCASE("port in use") {
        PhonesRig rig(loopbackOptions(other.port()));
        rig.app.openSession(file);
        REQUIRE(rig.app.selectView("console"));
        rig.frames(3);
        const std::uint64_t revision = rig.app.engine()->revision();
        REQUIRE(rig.click("console.phones"));
        CHECK_FALSE(rig.app.phones().running());
        CHECK(rig.app.roomBase().empty());
        CHECK(rig.ui.find("##phones_problem"));
        CHECK(rig.app.toasts().latestText().find("Could not open to phones") != std::string::npos);
        CHECK_FALSE(rig.app.phones().status().problem.empty());
        // No token was issued: the session is exactly as it was.
        CHECK(rig.app.engine()->revision() == revision);
        CHECK(rig.withSession([](const Session& s) { return s.tables[0].token.empty() && s.tables[1].token.empty(); }));
        // The other server is untouched.
        CHECK(test::http(other.port(), "GET", "/api/v1/state").status == 200);
    }
    SUBCASE("read-only session") {
        PhonesRig rig;
        rig.app.openSession(file, ReadOnlyReason::Requested);
        REQUIRE(rig.app.selectView("console"));
        rig.frames(3);
        REQUIRE(rig.app.engine()->readOnly());
        REQUIRE(rig.click("console.phones"));
        CHECK_FALSE(rig.app.phones().running());
        CHECK(rig.app.phones().status().problem.find("read-only") != std::string::npos);
        CHECK(rig.ui.find("##phones_problem"));
        CHECK(rig.withSession([](const Session& s) { return s.tables[0].token.empty(); }));
    }
}

TEST_CASE("gui phones app: screenshots show the room open at a given address without binding anything") {
    test::TempDir dir;
    const auto file = cafeWithoutLinks(dir / "cafe.wcafe");
    PhonesRig rig(App::Options{"en", true});
    rig.app.adopt(Engine::open(file, {}), ReadOnlyReason::Requested);
    REQUIRE(rig.app.selectView("console"));
    rig.app.previewRoom("http://192.168.0.5:8080");
    rig.frames(3);
    CHECK_FALSE(rig.app.phones().running());
    CHECK(rig.app.roomBase() == "http://192.168.0.5:8080");
    CHECK(rig.ui.count("##phones_url") == 1);
    CHECK(rig.ui.count("console.phones_table") == 2);
    CHECK(rig.app.phones().status().tablesWithLink == 2);
    // Presentation mode applies nothing: the switch cannot open a real room from a screenshot.
    REQUIRE(rig.click("console.phones"));
    CHECK_FALSE(rig.app.phones().running());
}
