// The fuzz corpus of fuzz_api_request (its seeds and every finding) replayed through server::Api in the normal build,
// so CI without clang checks the same invariants: a documented status, JSON that is valid UTF-8, the session still
// valid, and nothing changed by a refused request.

#include <doctest/doctest.h>

#include <algorithm>

#include "rapidjson_config.hpp"
#include <rapidjson/document.h>

#include "api_request_framing.hpp"
#include "server/engine_gate.hpp"
#include "test_clock.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/validation.hpp"

using namespace worldcafe;
using namespace worldcafe::test;

namespace {

std::vector<std::string> problemMessages(const Session& session) {
    std::vector<std::string> messages;
    for (const Problem& problem : validate(session)) messages.push_back(problem.message);
    return messages;
}

}  // namespace

TEST_CASE("fuzz corpus: every API request input gets a documented status and JSON, and a refusal changes nothing") {
    const std::filesystem::path folder = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "tests/fuzz/corpus/api_request";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    CHECK(files.size() >= 20);

    TempDir dir;
    std::filesystem::create_directories(dir / "web");
    writeBytes(dir / "web" / "index.html", "<!doctype html><title>guests</title>");
    writeBytes(dir / "web" / "host.html", "<!doctype html><title>host</title>");
    ManualClock clock;
    server::ApiLimits limits;
    limits.burst = 1e12;  // one client sends every input
    int index = 0;
    int accepted = 0;
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        auto engine = Engine::create(dir / ("cafe-" + std::to_string(index++) + ".wcafe"), apiFuzzSession());
        server::EngineGate gate(*engine);
        server::Api api(gate, clock, dir / "web", limits);
        const Session before = engine->session();
        const server::HttpRequest request = apiRequestFrom(readBytes(file));

        const server::HttpResponse response = api.handle(request);

        CHECK(documentedApiStatus(response.status));
        const bool isJson = response.contentType.rfind("application/json", 0) == 0;
        if (request.path.rfind("/api/", 0) == 0) CHECK(isJson);
        if (isJson) {
            rapidjson::Document document;
            document.Parse<rapidjson::kParseValidateEncodingFlag>(response.body.c_str(), response.body.size());
            CHECK_FALSE(document.HasParseError());
        }
        if (response.status < 200 || response.status > 299 || request.method == "GET")
            CHECK(engine->session() == before);
        else
            ++accepted;
        CHECK(problemMessages(engine->session()) == problemMessages(before));
    }
    CHECK(accepted >= 3);  // the seeds that post, edit and delete a note still get through
}
