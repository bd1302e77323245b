// `worldcafe bench import` on a small list: it runs, reads every row from both encodings and prints each figure.
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "test_support.hpp"

namespace worldcafe::test {

TEST_CASE("bench import: 2,000 rows read as UTF-8 and CP949, applied, undone and saved") {
    TempDir dir;
    CommandResult result = runWorldcafe({"bench", "import", "--rows", "2000", "--runs", "1"}, dir.path());
    INFO(result.out << result.err);
    CHECK(result.exitCode == 0);
    CHECK(result.out.find("parse UTF-8 CSV:") != std::string::npos);
    CHECK(result.out.find("(2000 participants,") != std::string::npos);
    CHECK(result.out.find("read as CP949") != std::string::npos);
    for (const char* figure : {"apply and journal:", "whole import \\(UTF-8\\):", "undo the import:", "save the session:"})
        CHECK(std::regex_search(result.out, std::regex(std::string(figure) + " +\\d+\\.\\d{3} s")));
}

}  // namespace worldcafe::test
