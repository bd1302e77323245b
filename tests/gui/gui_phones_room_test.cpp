// The console's side of the room's server: the switches ask the shell with typed requests, and a running
// PhonesRoom takes a phone's note over loopback into the session, wakes the GUI, and refuses notes once closed.

#include <doctest/doctest.h>

#include <atomic>

#include "console_view.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "phones_room.hpp"
#include "test_clock.hpp"
#include "test_server_support.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

std::string noteBody(const std::string& clientId, const std::string& text) {
    return R"({"client_id": ")" + clientId + R"(", "text": ")" + text + R"(", "tags": [], "starred": false})";
}

std::string notesPath(const Engine& engine, TableNumber table) {
    return "/api/v1/tables/" + engine.session().findTable(table)->token + "/notes";
}

}  // namespace

TEST_CASE("gui phones: the console's switches ask the shell to open the room and to close note-taking") {
    setLanguage(kI18nDir, "en");
    HeadlessUi ui({1600.0f, 1000.0f});
    Session session = test::serverTestSession();
    PanelOutput out;
    ConsoleView view;
    PhonesStatus phones;
    test::ManualClock clock;
    Timer timer{clock};
    auto draw = [&] {
        PanelContext context{session, out, 1, false, {}};
        context.timer = &timer;
        context.phones = &phones;
        view.draw(context);
    };
    ui.frame(draw);
    CHECK_FALSE(ui.find("console.note_taking"));  // nothing to close while the room is shut
    REQUIRE(ui.clickItem("console.phones", draw));
    REQUIRE(out.requests.size() == 1);
    CHECK(out.requests[0] == ShellRequest{OpenToPhonesRequest{true}});
    CHECK_FALSE(phones.open);  // the shell decides; the view only asked

    out.requests.clear();
    phones.open = true;
    phones.urls = {"http://192.168.0.10:8080/"};
    phones.tables = {{1, 1.0, 3}, {2, std::nullopt, 0}};
    ui.frame(draw);
    REQUIRE(ui.clickItem("console.note_taking", draw));
    REQUIRE(out.requests.size() == 1);
    CHECK(out.requests[0] == ShellRequest{NoteTakingRequest{false}});
    out.requests.clear();
    REQUIRE(ui.clickItem("console.phones", draw));
    REQUIRE(out.requests.size() == 1);
    CHECK(out.requests[0] == ShellRequest{OpenToPhonesRequest{false}});
    CHECK(out.actions.empty());
}

TEST_CASE("gui phones: a note posted over loopback lands in the session, wakes the GUI, and is refused once closed") {
    test::TempDir dir;
    Session start = test::serverTestSession();
    for (Table& table : start.tables) table.token.clear();  // the room issues missing tokens when it opens
    std::unique_ptr<Engine> engine = Engine::create(dir / "cafe.wcafe", start);
    SystemClock clock;
    std::atomic<int> wakes{0};
    PhonesRoom room([&] { ++wakes; });
    server::ServerOptions options;
    options.bindAddress = "127.0.0.1";
    options.port = 0;
    REQUIRE(room.start(*engine, clock, options).empty());
    REQUIRE(room.running());
    REQUIRE(room.port() != 0);
    CHECK(room.status().urls == std::vector<std::string>{"http://127.0.0.1:" + std::to_string(room.port()) + "/"});
    CHECK_FALSE(engine->session().findTable(1)->token.empty());
    CHECK_FALSE(room.takeChange());

    const std::string path = notesPath(*engine, 1);
    test::HttpReply reply = test::http(room.port(), "POST", path, noteBody("phone-note-0001", "버스 노선"));
    CHECK(reply.status == 201);
    CHECK(wakes.load() >= 1);
    CHECK(room.takeChange());  // the gate's revision rose: the loop draws a frame
    {
        auto frame = room.lockForFrame();
        REQUIRE(engine->session().notes.size() == 1);
        CHECK(engine->session().notes[0].text == "버스 노선");
        CHECK(engine->session().notes[0].table == 1);
        const PhonesStatus& status = room.status(engine->session(), clock.wallMillis());
        REQUIRE(status.tables.size() == 2);
        CHECK(status.tables[0].table == 1);
        REQUIRE(status.tables[0].secondsSinceSeen);
        CHECK(*status.tables[0].secondsSinceSeen < 5.0);
        CHECK(status.tables[0].notesThisRound == 1);
        CHECK_FALSE(status.tables[1].secondsSinceSeen);
    }

    room.setNoteTakingOpen(false);
    reply = test::http(room.port(), "POST", path, noteBody("phone-note-0002", "늦은 메모"));
    CHECK(reply.status == 423);
    CHECK(reply.body.find("note-taking is closed") != std::string::npos);
    reply = test::http(room.port(), "PUT", path + "/" + std::to_string(engine->session().notes[0].id),
                       R"({"version": 1, "text": "바뀜"})");
    CHECK(reply.status == 423);
    reply = test::http(room.port(), "DELETE", path + "/" + std::to_string(engine->session().notes[0].id));
    CHECK(reply.status == 423);
    CHECK(test::http(room.port(), "GET", "/api/v1/tables/" + engine->session().findTable(1)->token).status == 200);
    CHECK(test::http(room.port(), "POST", "/api/v1/tables/not-a-token/notes", noteBody("phone-note-0003", "x")).status ==
          403);
    // A retry of a note stored before the close is still acknowledged (it is in the session), not refused.
    CHECK(test::http(room.port(), "POST", path, noteBody("phone-note-0001", "버스 노선")).status == 200);
    CHECK(engine->session().notes.size() == 1);
    CHECK(engine->session().notes[0].text == "버스 노선");

    room.setNoteTakingOpen(true);
    CHECK(test::http(room.port(), "POST", path, noteBody("phone-note-0004", "다시 열림")).status == 201);

    // Closing the session stops the room, also from inside a frame that holds the gate.
    std::uint16_t port = room.port();
    {
        auto frame = room.lockForFrame();
        room.stop();
    }
    CHECK_FALSE(room.running());
    CHECK(test::http(port, "GET", "/api/v1/state").status == 0);
    CHECK(engine->session().notes.size() == 2);
}
