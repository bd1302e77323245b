// The phones' API over real HTTP on loopback: notes stored exactly once and journalled before the acknowledgement,
// every refusal with its status and reason, static files without traversal, the guests' lookup.

#include <doctest/doctest.h>

#include "rapidjson_config.hpp"
#include <rapidjson/document.h>

#include "test_server_support.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

using namespace worldcafe;
using namespace worldcafe::test;

namespace {

bool isUtf8Json(const std::string& body) {
    rapidjson::Document document;
    document.Parse<rapidjson::kParseValidateEncodingFlag>(body.c_str(), body.size());
    return !document.HasParseError() && document.IsObject();
}

std::size_t notesWithClientId(const Session& session, const std::string& clientId) {
    std::size_t count = 0;
    for (const Note& note : session.notes) count += note.clientId == clientId;
    return count;
}

}  // namespace

TEST_CASE("server: a Korean note is stored once, a retry with the same client id gets the same id") {
    ServerFixture f;
    // Decomposed (NFD) 한글, as a Mac keyboard may send it: stored in NFC.
    std::string nfd = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xB3\xE1\x86\xAF";
    std::string body = R"({"client_id":"6f1c2d3e-aaaa-4bbb-8ccc-123456789abc","text":"주거비 부담 )" + nfd +
                       R"(","tags":["주거"," 청년 "],"starred":true})";
    HttpReply first = http(f.port(), "POST", f.notesPath(1), body);
    CHECK(first.status == 201);
    CHECK(first.body == R"({"id":1,"version":1})");
    HttpReply retry = http(f.port(), "POST", f.notesPath(1), body);
    CHECK(retry.status == 200);
    CHECK(retry.body == R"({"id":1,"version":1})");

    const Session& session = f.engine->session();
    REQUIRE(session.notes.size() == 1);
    CHECK(notesWithClientId(session, "6f1c2d3e-aaaa-4bbb-8ccc-123456789abc") == 1);
    const Note& note = session.notes.front();
    CHECK(note.text == "주거비 부담 한글");
    CHECK(note.table == 1);
    CHECK(note.menu == 1);
    CHECK(note.round == 1);
    CHECK(note.starred);
    CHECK(note.author == "박서연");
    CHECK(note.tags == std::vector<std::string>{"주거", "청년"});

    // The acknowledgement came after the journal's fsync: a reader of the files sees the note without any save.
    auto fromDisk = Engine::open(f.file, OpenOptions{.readOnly = true});
    REQUIRE(fromDisk->session().notes.size() == 1);
    CHECK(fromDisk->session().notes.front().clientId == "6f1c2d3e-aaaa-4bbb-8ccc-123456789abc");
    CHECK(fromDisk->session().notes.front().text == "주거비 부담 한글");
}

TEST_CASE("server: the gate publishes each phone's note to the GUI at once") {
    ServerFixture f;
    int calls = 0;
    f.gate->setOnChange([&] { ++calls; });
    std::uint64_t before = f.gate->revision();
    CHECK(http(f.port(), "POST", f.notesPath(2), R"({"client_id":"note-0001","text":"buses"})").status == 201);
    CHECK(f.gate->revision() > before);
    CHECK(calls == 1);
    CHECK(http(f.port(), "POST", f.notesPath(2), R"({"client_id":"note-0001","text":"buses"})").status == 200);
    CHECK(calls == 1);  // a retry changes nothing
}

TEST_CASE("server: unknown tokens get 403; a token reaches only its own table's notes") {
    ServerFixture f;
    CHECK(http(f.port(), "GET", "/api/v1/tables/not-a-token").status == 403);
    HttpReply refused = http(f.port(), "POST", "/api/v1/tables/AAAAAAAAAAAAAAAAAAAAAA/notes",
                             R"({"client_id":"note-0001","text":"x"})");
    CHECK(refused.status == 403);
    CHECK(refused.body.find("not valid") != std::string::npos);
    CHECK(f.engine->session().notes.empty());

    REQUIRE(http(f.port(), "POST", f.notesPath(1), R"({"client_id":"note-0001","text":"table one"})").status == 201);
    CHECK(http(f.port(), "PUT", f.notesPath(2) + "/1", R"({"version":1,"text":"hijack"})").status == 404);
    CHECK(http(f.port(), "DELETE", f.notesPath(2) + "/1").status == 404);
    CHECK(f.engine->session().notes.front().text == "table one");
    // The same client id at another table is a conflict, never a silent success.
    CHECK(http(f.port(), "POST", f.notesPath(2), R"({"client_id":"note-0001","text":"table one"})").status == 409);
}

TEST_CASE("server: malformed bodies get 400 saying what is wrong, and store nothing") {
    ServerFixture f;
    auto post = [&](const std::string& body) { return http(f.port(), "POST", f.notesPath(1), body); };
    struct Case {
        std::string body;
        std::string says;
    };
    std::vector<Case> cases = {
        {R"({"client_id":"note-0001","text":"unterminated)", "malformed JSON at byte"},
        {R"({"client_id":"note-0001","text":"ok"} trailing)", "malformed JSON"},
        {"[1,2]", "must be a JSON object"},
        {std::string(R"({"client_id":"note-0001","text":"bad )") + "\xC3\x28" + R"("})", "not valid UTF-8 at byte 37"},
        {std::string(R"({"client_id":"note-0001","text":"a)") + std::string(1, '\0') + R"("})", "NUL byte"},
        {R"({"client_id":"note-0001","text":"a\u0000b"})", "\\\"text\\\" contains a NUL"},
        {R"({"client_id":"note-0001","text":"\ud800"})", "malformed JSON"},
        {R"({"client_id":"note-0001"})", "\\\"text\\\" is missing"},
        {R"({"client_id":"note-0001","text":"   "})", "\\\"text\\\" is empty"},
        {R"({"text":"no id"})", "\\\"client_id\\\" is missing"},
        {R"({"client_id":"x","text":"short id"})", "\\\"client_id\\\" must be"},
        {R"({"client_id":"note-0001","text":"t","tags":"one"})", "\\\"tags\\\" must be a list"},
        {R"({"client_id":"note-0001","text":"t","starred":"yes"})", "\\\"starred\\\" must be true or false"},
        {R"({"client_id":"note-0001","text":"t","round":9})", "\\\"round\\\" must be between 1 and 2"},
        {R"({"client_id":"note-0001","text":")" + std::string(4001, 'a') + R"("})", "longer than 4000 characters"},
        {"", "has no body"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.body.substr(0, 80));
        HttpReply reply = post(c.body);
        CHECK(reply.status == 400);
        CHECK(reply.body.find(c.says) != std::string::npos);
        CHECK(reply.hasHeader("Content-Type: application/json"));
    }
    CHECK(f.engine->session().notes.empty());
}

TEST_CASE("server: a body over 64 KiB gets 413, announced or chunked") {
    ServerFixture f;
    std::string big = R"({"client_id":"note-0001","text":")" + std::string(70 * 1024, 'a') + R"("})";
    HttpReply announced = http(f.port(), "POST", f.notesPath(1), big);
    CHECK(announced.status == 413);
    CHECK(announced.body.find("larger than 64 KiB") != std::string::npos);

    std::string chunked = "POST " + f.notesPath(1) +
                          " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 5; ++i) chunked += "4000\r\n" + std::string(0x4000, 'b') + "\r\n";
    chunked += "0\r\n\r\n";
    CHECK(sendRaw(f.port(), chunked).status == 413);
    CHECK(f.engine->session().notes.empty());
}

TEST_CASE("server: an edit from an older version gets 409 with the current note; delete checks too") {
    ServerFixture f;
    REQUIRE(http(f.port(), "POST", f.notesPath(1), R"({"client_id":"note-0001","text":"first"})").status == 201);
    HttpReply edit = http(f.port(), "PUT", f.notesPath(1) + "/1", R"({"version":1,"text":"second","starred":true})");
    CHECK(edit.status == 200);
    CHECK(edit.body == R"({"id":1,"version":2})");
    HttpReply stale = http(f.port(), "PUT", f.notesPath(1) + "/1", R"({"version":1,"text":"from the other phone"})");
    CHECK(stale.status == 409);
    CHECK(stale.body.find(R"("text":"second")") != std::string::npos);
    CHECK(stale.body.find(R"("version":2)") != std::string::npos);
    CHECK(http(f.port(), "PUT", f.notesPath(1) + "/1", R"({"text":"no version"})").status == 400);
    CHECK(f.engine->session().notes.front().text == "second");
    CHECK(f.engine->session().notes.front().edited > 0);

    CHECK(http(f.port(), "DELETE", f.notesPath(1) + "/1?version=1").status == 409);
    HttpReply removed = http(f.port(), "DELETE", f.notesPath(1) + "/1?version=2");
    CHECK(removed.status == 200);
    CHECK(f.engine->session().notes.empty());
    CHECK(http(f.port(), "DELETE", f.notesPath(1) + "/1").status == 404);
    auto fromDisk = Engine::open(f.file, OpenOptions{.readOnly = true});
    CHECK(fromDisk->session().notes.empty());
}

TEST_CASE("server: the table's state shows the menu, who sits there now and the notes, earlier rounds first") {
    ServerFixture f;
    REQUIRE(http(f.port(), "POST", f.notesPath(1), R"({"client_id":"note-0002","text":"now","round":2})").status == 201);
    REQUIRE(http(f.port(), "POST", f.notesPath(1), R"({"client_id":"note-0001","text":"before","round":1})").status == 201);
    HttpReply table = http(f.port(), "GET", "/api/v1/tables/" + f.token(1));
    CHECK(table.status == 200);
    CHECK(table.hasHeader("Cache-Control: no-store"));
    CHECK(table.body.find(R"("table":1)") != std::string::npos);
    CHECK(table.body.find(R"("question":"어디에서 살고 싶은가?")") != std::string::npos);
    CHECK(table.body.find(R"("host":"박서연")") != std::string::npos);
    CHECK(table.body.find(R"("name":"김민수")") != std::string::npos);
    CHECK(table.body.find(R"("name":"최영호")") == std::string::npos);  // at table 2 in round 1
    CHECK(table.body.find("\"before\"") < table.body.find("\"now\""));
    CHECK(table.body.find("소속") == std::string::npos);
    CHECK(table.body.find("기획과") == std::string::npos);

    HttpReply state = http(f.port(), "GET", "/api/v1/state");
    CHECK(state.status == 200);
    CHECK(state.body.find(R"("phase":"not_started")") != std::string::npos);
    CHECK(state.body.find(R"("rounds":2)") != std::string::npos);
}

TEST_CASE("server: guests find themselves by name, first consonants or part, in 가나다 order, without affiliations") {
    ServerFixture f;
    HttpReply all = http(f.port(), "GET", "/api/v1/people?q=");
    CHECK(all.status == 200);
    CHECK(all.body.find("소속") == std::string::npos);
    CHECK(all.body.find("affiliation") == std::string::npos);
    CHECK(all.body.find("김민수") < all.body.find("박서연"));
    CHECK(all.body.find("박서연") < all.body.find("이지은"));
    // "ㄱㅁ" percent-encoded, as a browser sends it.
    HttpReply initials = http(f.port(), "GET", "/api/v1/people?q=%E3%84%B1%E3%85%81");
    CHECK(initials.body == R"({"round":1,"people":[{"id":2,"name":"김민수","table":1}],"more":false})");
    HttpReply latin = http(f.port(), "GET", "/api/v1/people?q=alice");
    CHECK(latin.body.find("Alice Kim") != std::string::npos);
    CHECK(http(f.port(), "GET", "/api/v1/people?q=%FF").status == 400);

    HttpReply itinerary = http(f.port(), "GET", "/api/v1/people/4/itinerary");
    CHECK(itinerary.status == 200);
    CHECK(itinerary.body.find(R"({"round":1,"table":2,"menu":"교통","question":"","updated":false})") !=
          std::string::npos);
    CHECK(itinerary.body.find(R"({"round":2,"table":1,"menu":"주거")") != std::string::npos);
    CHECK(http(f.port(), "GET", "/api/v1/people/99/itinerary").status == 404);
}

TEST_CASE("server: a seat a re-plan changed during the café is marked updated on the guest's itinerary") {
    ServerFixture f;
    auto itineraryOf = [&](int id) {
        return http(f.port(), "GET", "/api/v1/people/" + std::to_string(id) + "/itinerary").body;
    };
    std::vector<RoundPlan> plan = f.engine->session().plan;
    CHECK(itineraryOf(4).find(R"("updated":true)") == std::string::npos);
    // Before the start a plan is a draft: changing it is no news.
    std::swap(plan[1].seats[0].table, plan[1].seats[2].table);  // round 2: 김민수 (2) to table 1, 최영호 (4) to 2
    f.gate->apply(SetPlan{plan});
    CHECK(itineraryOf(4).find(R"("updated":true)") == std::string::npos);

    Timer timer(f.clock);
    f.gate->apply(timer.start());
    CHECK(http(f.port(), "GET", "/api/v1/state").status == 200);  // phones poll: the plan as it stands is seen
    std::swap(plan[1].seats[0].table, plan[1].seats[2].table);  // an attendance re-plan puts them back
    f.gate->apply(SetPlan{plan});
    const std::string moved = itineraryOf(4);
    CHECK(moved.find(R"({"round":1,"table":2,"menu":"교통","question":"","updated":false})") != std::string::npos);
    CHECK(moved.find(R"({"round":2,"table":1,"menu":"주거","question":"어디에서 살고 싶은가?","updated":true})") !=
          std::string::npos);
    CHECK(itineraryOf(2).find(R"("round":2,"table":2,"menu":"교통","question":"","updated":true)") != std::string::npos);
    // Nobody else moved.
    CHECK(itineraryOf(3).find(R"("updated":true)") == std::string::npos);
    CHECK(itineraryOf(5).find(R"("updated":true)") == std::string::npos);
}

TEST_CASE("server: name matching folds case, NFC and 초성") {
    using server::nameMatches;
    CHECK(nameMatches("김민수", "ㄱㅁㅅ"));
    CHECK(nameMatches("김민수", "김ㅁ"));
    CHECK(nameMatches("김민수", "민수"));
    CHECK(nameMatches("김민수", "\xE1\x84\x80"));  // a conjoining ᄀ
    CHECK_FALSE(nameMatches("김민수", "ㄴ"));
    CHECK(nameMatches("Alice Kim", "KIM"));
    CHECK(nameMatches("Alice Kim", "alicekim"));
    CHECK_FALSE(nameMatches("이지은", "ㄱ"));
}

TEST_CASE("server: static files with the right types and headers, never outside the web root") {
    ServerFixture f;
    HttpReply index = http(f.port(), "GET", "/");
    CHECK(index.status == 200);
    CHECK(index.body.find("guests") != std::string::npos);
    CHECK(index.hasHeader("Content-Type: text/html; charset=utf-8"));
    CHECK(index.hasHeader("Content-Security-Policy: default-src 'self'"));
    CHECK(index.hasHeader("X-Content-Type-Options: nosniff"));
    CHECK(index.hasHeader("Referrer-Policy: no-referrer"));
    CHECK_FALSE(index.hasHeader("Set-Cookie"));
    HttpReply host = http(f.port(), "GET", "/t/" + f.token(1));
    CHECK(host.status == 200);
    CHECK(host.body.find("host") != std::string::npos);
    HttpReply css = http(f.port(), "GET", "/css/site.css");
    CHECK(css.status == 200);
    CHECK(css.hasHeader("Content-Type: text/css; charset=utf-8"));

    for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/css/../../secret.txt",
                             "/css/%2e%2e/%2e%2e/secret.txt", "//etc/passwd", "/.hidden"}) {
        CAPTURE(path);
        HttpReply reply = http(f.port(), "GET", path);
        CHECK(reply.status != 200);
        CHECK(reply.body.find("do not serve me") == std::string::npos);
        CHECK(reply.body.find("root:") == std::string::npos);
    }
    std::filesystem::create_symlink(f.dir / "secret.txt", f.web / "linked.txt");
    CHECK(http(f.port(), "GET", "/linked.txt").status == 404);
    CHECK(http(f.port(), "POST", "/index.html", "{}").status == 405);
}

TEST_CASE("server: a client flooding the server gets 429") {
    server::ApiLimits limits;
    limits.burst = 5;
    limits.perSecond = 0.01;
    ServerFixture f(limits);
    for (int i = 0; i < 5; ++i) CHECK(http(f.port(), "GET", "/api/v1/state").status == 200);
    HttpReply flooded = http(f.port(), "GET", "/api/v1/state");
    CHECK(flooded.status == 429);
    CHECK(flooded.hasHeader("Retry-After:"));
    CHECK(flooded.body.find("too many requests") != std::string::npos);
}

TEST_CASE("server: idle keep-alive connections and half-sent requests do not hold up a note") {
    ServerFixture f;
    std::vector<int> idle;
    for (int i = 0; i < 60; ++i) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(f.port());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        std::string partial = "POST " + f.notesPath(1) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"te";
        if (i % 2) ::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL);
        idle.push_back(fd);
    }
    auto start = std::chrono::steady_clock::now();
    CHECK(http(f.port(), "POST", f.notesPath(1), R"({"client_id":"note-0001","text":"still here"})").status == 201);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
    for (int fd : idle) ::close(fd);
}

TEST_CASE("server: table tokens are 128-bit, URL-safe and survive a reopen; rotating replaces one") {
    ServerFixture f;
    std::string one = f.token(1);
    CHECK(one.size() == 22);
    CHECK(one.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    CHECK(one != f.token(2));
    CHECK_FALSE(server::tokenIssuingAction(f.engine->session()).has_value());
    f.gate->apply(*server::tokenIssuingAction(f.engine->session(), 1));
    CHECK(f.token(1) != one);
    CHECK(http(f.port(), "GET", "/api/v1/tables/" + one).status == 403);
    CHECK(http(f.port(), "GET", "/api/v1/tables/" + f.token(1)).status == 200);
    CHECK_THROWS_AS(server::tokenIssuingAction(f.engine->session(), 7), ActionRejected);
    auto fromDisk = Engine::open(f.file, OpenOptions{.readOnly = true});
    CHECK(fromDisk->session().findTable(1)->token == f.token(1));
    CHECK(fromDisk->session().findTable(2)->token == f.token(2));
}

// Found by fuzz_api_request: the error messages quoted the path and method byte for byte, and libmicrohttpd decodes
// %FF into a raw byte, so the phone got a body that no JSON parser accepts.
TEST_CASE("server: an error quoting a path or method that is not UTF-8 is still valid JSON") {
    ServerFixture f;
    for (const char* path : {"/api/v1/%FF", "/api/v1/tables/%C3%28", "/api/v%E0%80/state"}) {
        CAPTURE(path);
        HttpReply reply = http(f.port(), "GET", path);
        CHECK((reply.status == 404 || reply.status == 403));
        CHECK(isUtf8Json(reply.body));
    }
    HttpReply route = http(f.port(), "GET", "/api/v1/%FF");
    CHECK(route.body.find("/api/v1/\xEF\xBF\xBD") != std::string::npos);  // U+FFFD where the byte was

    server::HttpRequest request;
    request.method = "G\xDF" "ET";
    request.path = "/t";
    server::HttpResponse response = f.api->handle(request);
    CHECK(response.status == 405);
    CHECK(isUtf8Json(response.body));
}

// Found by fuzz_api_request: an empty path took substr(1) of an empty string and answered 500.
TEST_CASE("server: an empty or relative path is not found, not an internal error") {
    ServerFixture f;
    for (const char* path : {"", "x", "api/v1/state"}) {
        CAPTURE(path);
        server::HttpRequest request;
        request.method = "GET";
        request.path = path;
        server::HttpResponse response = f.api->handle(request);
        CHECK(response.status == 404);
        CHECK(isUtf8Json(response.body));
    }
}
