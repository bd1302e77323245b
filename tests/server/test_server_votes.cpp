// Dot voting from the guests' phones over real HTTP (issue 13): each (phone, dot) counts once, a retry changes
// nothing, a move replaces the dot, a take-back removes it; votes are journalled before the answer, and every
// hostile request gets a 4xx that says why and changes nothing.

#include <doctest/doctest.h>

#include "rapidjson_config.hpp"
#include <rapidjson/document.h>

#include "test_server_support.hpp"
#include "worldcafe/harvest.hpp"

using namespace worldcafe;
using namespace worldcafe::test;

namespace {

const char* kPhone = "guest-phone-0001";

struct VoteFixture : ServerFixture {
    explicit VoteFixture(server::ApiLimits limits = {}) : ServerFixture(limits) {
        // Two themes at table 1 (menu 1), tagged by the host; one at table 2 (menu 2).
        for (const char* body : {R"({"client_id":"note-0001","text":"월세가 너무 비싸다","tags":["주거비"]})",
                                 R"({"client_id":"note-0002","text":"전세 사기가 걱정","tags":["주거비"]})",
                                 R"({"client_id":"note-0003","text":"공원이 더 필요하다","tags":["녹지"]})"})
            REQUIRE(test::http(port(), "POST", notesPath(1), body).status == 201);
        REQUIRE(test::http(port(), "POST", notesPath(2), R"({"client_id":"note-0004","text":"버스","tags":["버스"]})")
                    .status == 201);
    }
    void open(int dots = 3) { gate->apply(SetVoting{{true, dots}}); }
    std::string keyOf(const std::string& name) {
        const Synthesis synthesis = synthesize(engine->session());
        for (const MenuHarvest& menu : synthesis.menus)
            for (const ThemeSummary& theme : menu.themes)
                if (theme.name == name) return theme.key;
        FAIL("no theme " << name);
        return {};
    }
    std::string votePath(int dot, const std::string& phone = kPhone) {
        return "/api/v1/votes/" + phone + "/" + std::to_string(dot);
    }
    HttpReply vote(int dot, const std::string& theme, const std::string& phone = kPhone) {
        return test::http(port(), "PUT", votePath(dot, phone), R"({"menu":1,"theme":")" + theme + R"("})");
    }
    int phoneVotes(const std::string& key) {
        const Synthesis synthesis = synthesize(engine->session());  // the theme lives as long as its synthesis
        const ThemeSummary* theme = synthesis.findTheme(key);
        return theme ? theme->phoneVotes : -1;
    }
};

}  // namespace

TEST_CASE("server votes: vote, retry, move, take back, each journalled before the answer") {
    VoteFixture f;
    f.open();
    const std::string rent = f.keyOf("주거비");
    const std::string green = f.keyOf("녹지");

    HttpReply placed = f.vote(0, rent);
    CHECK(placed.status == 201);
    CHECK(placed.body.find("\"theme\":\"" + rent + "\"") != std::string::npos);
    CHECK(f.vote(0, rent).status == 200);  // a retry after a lost answer
    CHECK(f.engine->session().votes.size() == 1);
    CHECK(f.phoneVotes(rent) == 1);
    {
        auto fromDisk = Engine::open(f.file, OpenOptions{.readOnly = true});
        REQUIRE(fromDisk->session().votes.size() == 1);
        CHECK(fromDisk->session().votes.front().voter == kPhone);
    }

    CHECK(f.vote(0, green).status == 200);  // moved
    CHECK(f.engine->session().votes.size() == 1);
    CHECK(f.phoneVotes(rent) == 0);
    CHECK(f.phoneVotes(green) == 1);
    CHECK(f.vote(1, green).status == 201);
    CHECK(f.vote(2, green).status == 201);
    CHECK(f.phoneVotes(green) == 3);
    CHECK(f.vote(0, rent, "guest-phone-0002").status == 201);

    HttpReply harvest = http(f.port(), "GET", std::string("/api/v1/harvest?voter=") + kPhone);
    REQUIRE(harvest.status == 200);
    rapidjson::Document document;
    document.Parse(harvest.body.c_str());
    REQUIRE(document.IsObject());
    CHECK(document["open"].GetBool());
    CHECK(document["dots"].GetInt() == 3);
    CHECK(document["mine"].Size() == 3);
    int tallied = 0;
    std::map<std::string, int> votersByTheme;
    for (const auto& menu : document["menus"].GetArray())
        for (const auto& theme : menu["themes"].GetArray()) {
            tallied += theme["votes"].GetInt();
            votersByTheme[theme["key"].GetString()] = theme["voters"].GetInt();
        }
    CHECK(tallied == 4);
    CHECK(votersByTheme[green] == 1);  // three dots from one phone
    CHECK(votersByTheme[rent] == 1);

    CHECK(http(f.port(), "DELETE", f.votePath(1)).status == 200);
    CHECK(http(f.port(), "DELETE", f.votePath(1)).status == 200);  // a retried take-back
    CHECK(f.engine->session().votes.size() == 3);
    CHECK(f.phoneVotes(green) == 2);
    auto fromDisk = Engine::open(f.file, OpenOptions{.readOnly = true});
    CHECK(fromDisk->session().votes == f.engine->session().votes);
}

TEST_CASE("server votes: closed voting gets 423 and changes nothing") {
    VoteFixture f;
    const std::string rent = f.keyOf("주거비");
    HttpReply closed = f.vote(0, rent);
    CHECK(closed.status == 423);
    CHECK(closed.body.find("voting is closed") != std::string::npos);
    CHECK(f.engine->session().votes.empty());
    f.open();
    REQUIRE(f.vote(0, rent).status == 201);
    f.gate->apply(SetVoting{{false, 3}});
    CHECK(http(f.port(), "DELETE", f.votePath(0)).status == 423);
    CHECK(f.vote(1, rent).status == 423);
    CHECK(f.engine->session().votes.size() == 1);
}

TEST_CASE("server votes: hostile requests get 4xx saying why, and store nothing") {
    server::ApiLimits limits;
    limits.maxVoters = 2;
    VoteFixture f(limits);
    f.open(2);
    const std::string rent = f.keyOf("주거비");
    struct Case {
        std::string method, path, body;
        int status;
        std::string says;
    };
    const std::string good = R"({"menu":1,"theme":")" + rent + R"("})";
    std::vector<Case> cases = {
        {"PUT", f.votePath(2), good, 400, "out of range"},
        {"PUT", f.votePath(0).substr(0, f.votePath(0).size() - 1) + "x", good, 400, "is not a dot number"},
        {"PUT", f.votePath(0).substr(0, f.votePath(0).size() - 1) + "-1", good, 400, "is not a dot number"},
        {"PUT", "/api/v1/votes/short/0", good, 400, "voter id"},
        {"PUT", f.votePath(0), R"({"menu":1,"theme":"tag:없는 주제"})", 404, "no theme"},
        {"PUT", f.votePath(0), R"({"menu":2,"theme":")" + rent + R"("})", 404, "no theme"},
        {"PUT", f.votePath(0), R"({"menu":1})", 400, "\\\"theme\\\" is missing"},
        {"PUT", f.votePath(0), R"({"menu":"one","theme":"x"})", 400, "\\\"menu\\\" must be"},
        {"PUT", f.votePath(0), R"({"theme":7})", 400, "\\\"theme\\\" must be a string"},
        {"PUT", f.votePath(0), "{\"theme\":", 400, "malformed JSON"},
        {"PUT", f.votePath(0), "", 400, "has no body"},
        {"POST", f.votePath(0), good, 405, "use PUT, DELETE"},
        {"GET", "/api/v1/harvest?voter=%00", "", 400, "voter id"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.method);
        CAPTURE(c.path);
        CAPTURE(c.body);
        HttpReply reply = http(f.port(), c.method, c.path, c.body);
        CHECK(reply.status == c.status);
        CHECK(reply.body.find(c.says) != std::string::npos);
    }
    CHECK(f.engine->session().votes.empty());

    // Size limits: a third phone is refused; the two phones already voting keep voting.
    REQUIRE(f.vote(0, rent, "guest-phone-0001").status == 201);
    REQUIRE(f.vote(0, rent, "guest-phone-0002").status == 201);
    HttpReply third = f.vote(0, rent, "guest-phone-0003");
    CHECK(third.status == 409);
    CHECK(third.body.find("2 phones") != std::string::npos);
    CHECK(f.vote(1, rent, "guest-phone-0001").status == 201);
    CHECK(f.engine->session().votes.size() == 3);
}
