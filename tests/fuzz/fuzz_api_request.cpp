// libFuzzer target: one phone request through server::Api (what the HTTP layer hands over after libmicrohttpd has
// parsed the bytes) against a small two-table session held by a real Engine in a temporary folder.
//
// Framing of an input (also the format of tests/fuzz/corpus/api_request/*):
//   METHOD ' ' TARGET '\n' BODY
//   TARGET = PATH ['?' QUERY], QUERY = NAME['=' VALUE] ('&' NAME['=' VALUE])*
// The first line ends at the first '\n' (no '\n': the whole input is the first line and the body is empty); without a
// ' ' the whole first line is the method and the path is "/". Nothing is percent-decoded: libmicrohttpd has decoded
// the path and the query before the Api sees them, so any byte may arrive there. The tables' tokens are fixed:
// table 1 is 1111111111111111111111, table 2 is 2222222222222222222222.
//
// Invariants: the status is one the API documents (never 500 or 503); a response to /api/ is JSON, and every JSON
// response is valid UTF-8 JSON; the session still validates with the problems it started with; a refused request
// (not 2xx), a GET and a retried POST change nothing; a 201 adds exactly one note with clean text. Between inputs the
// engine undoes what the request applied, so every input starts from the same session.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unistd.h>

#include "rapidjson_config.hpp"
#include <rapidjson/document.h>

#include "fuzz_support.hpp"
#include "server/api.hpp"
#include "server/engine_gate.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/text.hpp"
#include "worldcafe/validation.hpp"

using namespace worldcafe;

namespace {

class FixedClock final : public Clock {
public:
    WallMillis wallMillis() const override { return 1'700'000'000'000; }
    std::int64_t monotonicMillis() const override { return 5000; }
};

Session smallSession() {
    Session s;
    s.event.title = "시민 워크숍";
    s.event.language = "ko";
    s.menus = {Menu{1, "주거", "어디에서 살고 싶은가?", 0x0072B2}, Menu{2, "교통", "", 0xE69F00}};
    s.tables = {Table{1, 1, 6, "1111111111111111111111"}, Table{2, 2, 6, "2222222222222222222222"}};
    Participant host;
    host.id = 1;
    host.name = "박서연";
    host.role = Role::Host;
    host.table = 1;
    s.participants.push_back(host);
    const char* names[] = {"김민수", "이지은", "최영호", "Alice Kim"};
    for (int i = 0; i < 4; ++i) {
        Participant guest;
        guest.id = 2 + i;
        guest.name = names[i];
        s.participants.push_back(guest);
    }
    s.rounds.count = 2;
    s.plan = {RoundPlan{1, {{2, 1}, {3, 1}, {4, 2}, {5, 2}}, false}, RoundPlan{2, {{2, 2}, {3, 2}, {4, 1}, {5, 1}}, false}};
    // One note to edit and delete from the start.
    Note note;
    note.id = 1;
    note.table = 1;
    note.round = 1;
    note.menu = 1;
    note.text = "첫 메모";
    note.clientId = "seed-note-0001";
    note.revision = 1;
    s.notes.push_back(note);
    return s;
}

std::vector<std::string> problemMessages(const Session& session) {
    std::vector<std::string> messages;
    for (const Problem& problem : validate(session)) messages.push_back(problem.message);
    return messages;
}

struct Room {
    std::filesystem::path dir;
    std::unique_ptr<Engine> engine;
    std::unique_ptr<server::EngineGate> gate;
    FixedClock clock;
    std::unique_ptr<server::Api> api;
    Session initial;
    std::vector<std::string> initialProblems;
    int undosSinceSave = 0;

    Room() {
        // tmpfs when there is one: each applied note is fsynced, and the fuzzer applies thousands.
        std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
        dir = base / ("worldcafe-fuzz-api-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir / "web");
        for (const char* page : {"index.html", "host.html"}) {
            std::FILE* out = std::fopen((dir / "web" / page).c_str(), "wb");
            std::fputs("<!doctype html><title>page</title>", out);
            std::fclose(out);
        }
        engine = Engine::create(dir / "cafe.wcafe", smallSession());
        gate = std::make_unique<server::EngineGate>(*engine);
        server::ApiLimits limits;
        // One client sends every input: the rate limit would answer 429 to nearly all of them.
        limits.burst = 1e12;
        limits.perSecond = 1e12;
        api = std::make_unique<server::Api>(*gate, clock, dir / "web", limits);
        initial = engine->session();
        initialProblems = problemMessages(initial);
    }
    ~Room() {
        api.reset();
        gate.reset();
        engine.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }

    // Back to the initial session: undo what the request applied; compact the journal now and then.
    void reset(std::uint64_t revisionBefore) {
        while (engine->revision() != revisionBefore && engine->session() != initial && engine->canUndo()) {
            engine->undo();
            ++undosSinceSave;
        }
        FUZZ_REQUIRE(engine->session() == initial);
        if (undosSinceSave > 1000) {
            engine->save();
            undosSinceSave = 0;
        }
    }
};

Room& room() {
    static Room instance;
    return instance;
}

server::HttpRequest requestFrom(std::string_view bytes) {
    server::HttpRequest request;
    request.client = "fuzz";
    std::size_t newline = bytes.find('\n');
    std::string_view line = bytes.substr(0, newline);
    if (newline != std::string_view::npos) request.body = std::string(bytes.substr(newline + 1));
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos) {
        request.method = std::string(line);
        request.path = "/";
        return request;
    }
    request.method = std::string(line.substr(0, space));
    std::string_view target = line.substr(space + 1);
    std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question == std::string_view::npos) return request;
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos)
            request.query.emplace(std::string(pair), "");
        else
            request.query.emplace(std::string(pair.substr(0, equals)), std::string(pair.substr(equals + 1)));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return request;
}

bool documentedStatus(int status) {
    for (int allowed : {200, 201, 400, 403, 404, 405, 409, 413, 429})
        if (status == allowed) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Room& r = room();
    const server::HttpRequest request = requestFrom(std::string_view(reinterpret_cast<const char*>(data), size));
    const std::uint64_t revisionBefore = r.engine->revision();
    const std::size_t notesBefore = r.engine->session().notes.size();

    const server::HttpResponse response = r.api->handle(request);

    if (!documentedStatus(response.status)) std::fprintf(stderr, "status %d: %s\n", response.status, response.body.c_str());
    FUZZ_REQUIRE(documentedStatus(response.status));
    const bool isJson = response.contentType.rfind("application/json", 0) == 0;
    if (request.path.rfind("/api/", 0) == 0) FUZZ_REQUIRE(isJson);
    if (isJson) {
        rapidjson::Document document;
        document.Parse<rapidjson::kParseValidateEncodingFlag>(response.body.c_str(), response.body.size());
        if (document.HasParseError()) std::fprintf(stderr, "not JSON: %s\n", response.body.c_str());
        FUZZ_REQUIRE(!document.HasParseError());
        FUZZ_REQUIRE(document.IsObject());
    }

    const Session& session = r.engine->session();
    const bool refused = response.status < 200 || response.status > 299;
    if (refused || request.method == "GET" || request.method == "HEAD" || response.status == 200 && request.method == "POST")
        FUZZ_REQUIRE(r.engine->revision() == revisionBefore);
    if (response.status == 201) {
        FUZZ_REQUIRE(session.notes.size() == notesBefore + 1);
        const Note& added = session.notes.back();
        FUZZ_REQUIRE(!added.text.empty() && isValidUtf8(added.text) && added.text.find('\0') == std::string::npos);
        for (const std::string& tag : added.tags) FUZZ_REQUIRE(!tag.empty() && isValidUtf8(tag));
    } else {
        FUZZ_REQUIRE(session.notes.size() <= notesBefore);
    }
    FUZZ_REQUIRE(problemMessages(session) == r.initialProblems);

    r.reset(revisionBefore);
    return 0;
}
