#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

#include "test_support.hpp"

using worldcafe::test::runWorldcafe;
using worldcafe::test::TempDir;

// The crash stress program is a benchmark, not a timed test: this runs a few kills only, to show that it works
// end to end (fork, kill, reopen, compare) and that the engine lost nothing in them.
TEST_CASE("bench crash: a few kills of the writer lose nothing, and the scratch folder goes away") {
    TempDir dir;
    auto result = runWorldcafe({"bench", "crash", "--kills", "5", "--seed", "7", "--dir", dir.path().string()},
                               dir.path());
    INFO(result.out);
    INFO(result.err);
    CHECK(result.exitCode == 0);
    std::smatch summary;
    REQUIRE(std::regex_search(result.out, summary,
                              std::regex(R"(opens failed (\d+), lost (\d+), phantom (\d+), unchecked (\d+) \(of (\d+) )"
                                         R"(acknowledged actions in (\d+) kills\))")));
    CHECK(summary[1] == "0");
    CHECK(summary[2] == "0");
    CHECK(summary[3] == "0");
    CHECK(summary[4] == "0");
    CHECK(summary[6] == "5");
    // The writer did apply actions before being killed (the seed's delays leave it several milliseconds).
    CHECK(std::stol(summary[5]) > 0);
    // A clean run leaves nothing behind; only runs with findings keep the session for inspection.
    CHECK(std::filesystem::is_empty(dir.path()));
}

// The checker is not vacuous: a writer that acknowledges 2 ms before it applies (an engine writing behind) is caught.
TEST_CASE("bench crash: acknowledging before the action is on file shows as lost, exit 1") {
    TempDir dir;
    auto result = runWorldcafe(
        {"bench", "crash", "--kills", "12", "--seed", "3", "--ack-early", "--dir", dir.path().string()}, dir.path());
    INFO(result.out);
    CHECK(result.exitCode == 1);
    std::smatch summary;
    REQUIRE(std::regex_search(result.out, summary, std::regex(R"(lost (\d+), phantom (\d+),)")));
    CHECK(std::stol(summary[1]) > 0);
    CHECK(summary[2] == "0");
    // A run with findings keeps the session for inspection.
    CHECK(result.out.find("are kept in " + dir.path().string()) != std::string::npos);
}

TEST_CASE("bench crash: bad arguments are refused with exit 2") {
    TempDir dir;
    auto result = runWorldcafe({"bench", "crash", "--kills", "0"}, dir.path());
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("--kills") != std::string::npos);
}
