// libFuzzer target: one phone request through server::Api (what the HTTP layer hands over after libmicrohttpd has
// parsed the bytes) against a small two-table session held by a real Engine in a temporary folder.
//
// The framing of an input, the session and the allowed statuses: tests/support/api_request_framing.hpp (the
// corpus replay in tests/server uses the same).
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

#include "api_request_framing.hpp"
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
        engine = Engine::create(dir / "cafe.wcafe", test::apiFuzzSession());
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Room& r = room();
    const server::HttpRequest request = test::apiRequestFrom(std::string_view(reinterpret_cast<const char*>(data), size));
    const std::uint64_t revisionBefore = r.engine->revision();
    const std::size_t notesBefore = r.engine->session().notes.size();

    const server::HttpResponse response = r.api->handle(request);

    if (!test::documentedApiStatus(response.status)) std::fprintf(stderr, "status %d: %s\n", response.status, response.body.c_str());
    FUZZ_REQUIRE(test::documentedApiStatus(response.status));
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
