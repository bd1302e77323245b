// `worldcafe links` and `worldcafe serve` through the real binary.

#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "test_server_support.hpp"

using namespace worldcafe;
using namespace worldcafe::test;

namespace {

std::filesystem::path makeSession(const TempDir& dir) {
    std::filesystem::path file = dir / "cafe.wcafe";
    Engine::create(file, serverTestSession());  // closed again at once: the file holds tables without tokens
    return file;
}

}  // namespace

TEST_CASE("cli links: JSON with the guests' link and one host link per table, stable until rotated") {
    TempDir dir;
    std::filesystem::path file = makeSession(dir);
    CommandResult first = runWorldcafe({"links", file.string(), "--base", "http://10.0.0.5:8080/", "--format", "json"},
                                       dir.path());
    REQUIRE(first.exitCode == 0);
    auto engine = Engine::open(file, OpenOptions{.readOnly = true});
    std::string one = engine->session().findTable(1)->token;
    std::string two = engine->session().findTable(2)->token;
    engine.reset();
    CHECK(one.size() == 22);
    CHECK(first.out == R"({"participants":"http://10.0.0.5:8080/","tables":[{"table":1,"url":"http://10.0.0.5:8080/t/)" +
                           one + R"("},{"table":2,"url":"http://10.0.0.5:8080/t/)" + two + "\"}]}\n");

    CommandResult again = runWorldcafe({"links", file.string(), "--base", "http://10.0.0.5:8080"}, dir.path());
    CHECK(again.exitCode == 0);
    CHECK(again.out == "participants: http://10.0.0.5:8080/\ntable 1: http://10.0.0.5:8080/t/" + one +
                           "\ntable 2: http://10.0.0.5:8080/t/" + two + "\n");

    CommandResult rotated = runWorldcafe({"links", file.string(), "--rotate", "2", "--base", "http://h"}, dir.path());
    CHECK(rotated.exitCode == 0);
    CHECK(rotated.err.find("table 2 has a new link") != std::string::npos);
    CHECK(rotated.out.find("/t/" + one) != std::string::npos);
    CHECK(rotated.out.find("/t/" + two) == std::string::npos);

    CommandResult missing = runWorldcafe({"links", file.string(), "--rotate", "9"}, dir.path());
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("no table 9") != std::string::npos);
}

TEST_CASE("cli serve: prints its URL, takes a note, and on SIGTERM saves the session") {
    TempDir dir;
    std::filesystem::path file = makeSession(dir);
    std::filesystem::path outFile = dir / "serve.out";
    std::fflush(stdout);
    std::fflush(stderr);
    pid_t pid = ::fork();
    if (pid == 0) {
        FILE* out = std::freopen(outFile.c_str(), "w", stdout);
        if (!out) ::_exit(127);
        std::string binary = WORLDCAFE_BINARY;
        ::execl(binary.c_str(), binary.c_str(), "serve", file.c_str(), "--port", "0", "--bind", "127.0.0.1", nullptr);
        ::_exit(127);
    }
    std::string printed;
    for (int i = 0; i < 100 && printed.find("Ctrl+C") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        printed = readBytes(outFile);
    }
    REQUIRE(printed.rfind("http://127.0.0.1:", 0) == 0);
    auto port = static_cast<std::uint16_t>(std::stoi(printed.substr(17)));
    CHECK(http(port, "GET", "/api/v1/state").status == 200);

    auto reader = Engine::open(file, OpenOptions{.readOnly = true});
    std::string token = reader->session().findTable(2)->token;  // issued by serve, journalled
    reader.reset();
    REQUIRE_FALSE(token.empty());
    CHECK(http(port, "POST", "/api/v1/tables/" + token + "/notes", R"({"client_id":"cli-note-1","text":"교통 체증"})")
              .status == 201);

    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(readBytes(outFile).find("saved (notes: 1)") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(journalPathFor(file)));
    auto saved = Engine::open(file, OpenOptions{.readOnly = true});
    REQUIRE(saved->session().notes.size() == 1);
    CHECK(saved->session().notes.front().text == "교통 체증");
    CHECK(saved->session().notes.front().clientId == "cli-note-1");
}
