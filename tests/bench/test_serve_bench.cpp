// `worldcafe bench serve` on a small room: the figures it prints come from a session reopened after the server
// stopped (and after a SIGKILL), so "lost 0, duplicated 0" here is the exactly-once promise measured end to end.

#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "test_support.hpp"

namespace worldcafe::test {

namespace {

long long figure(const std::string& out, const std::string& pattern) {
    std::smatch match;
    std::regex expression(pattern);
    REQUIRE_MESSAGE(std::regex_search(out, match, expression), "no \"" << pattern << "\" in:\n" << out);
    return std::stoll(match[1].str());
}

}  // namespace

TEST_CASE("bench serve: 30 phones for 3 s, a SIGKILL and a restart lose and duplicate no note") {
    TempDir dir;
    CommandResult result =
        runWorldcafe({"bench", "serve", "--seconds", "3", "--phones", "30", "--dir", dir.path().string()}, dir.path());
    INFO(result.out << result.err);
    CHECK(result.exitCode == 0);
    for (const char* part : {"load", "idle", "crash"}) {
        std::string prefix = std::string("\n") + part + ": reopened with Engine::open [^\\n]*";
        CHECK(figure(result.out, prefix + "lost (\\d+),") == 0);
        CHECK(figure(result.out, prefix + "duplicated (\\d+),") == 0);
        CHECK(figure(result.out, prefix + "typed but not delivered (\\d+)") == 0);
    }
    // The load really ran: the 5 hosts each posted a note and the guests read.
    CHECK(figure(result.out, "\nload: notes typed \\d+, acknowledged (\\d+)") >= 5);
    CHECK(figure(result.out, "\nload: reads (\\d+)") > 0);
    // Every idle and half-sent connection was still open when the probe's notes were acknowledged.
    CHECK(figure(result.out, "\nidle: with 500 idle keep-alive connections \\((\\d+) still open") == 500);
    CHECK(figure(result.out, "half-sent requests held open \\((\\d+) still open") == 50);
    CHECK(figure(result.out, "\nidle: [^\\n]* (\\d+) notes acknowledged one by one") == 20);
    // The server was killed and restarted, and the outboxes delivered every note typed.
    CHECK(result.out.find("SIGKILLed") != std::string::npos);
    long long typed = figure(result.out, "\ntotal: (\\d+) notes typed");
    CHECK(figure(result.out, "\ntotal: \\d+ notes typed, (\\d+) acknowledged") == typed);
    CHECK(figure(result.out, "\ntotal: [^\\n]*lost (\\d+), duplicated") == 0);
    CHECK(figure(result.out, "\ntotal: [^\\n]*duplicated (\\d+)") == 0);
    // The session copy lives in --dir and is removed when the run is clean.
    CHECK(std::filesystem::is_empty(dir.path()));
}

}  // namespace worldcafe::test
