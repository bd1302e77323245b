// `worldcafe check` reports what validate() finds, the event's date included: the same rules as the GUI.
#include <doctest/doctest.h>

#include "test_support.hpp"

using worldcafe::test::readBytes;
using worldcafe::test::runWorldcafe;
using worldcafe::test::TempDir;
using worldcafe::test::writeBytes;

TEST_CASE("cli check: a bad event date is reported, and the file is left as it was") {
    TempDir dir;
    writeBytes(dir / "people.csv", "name,role,table\nAna,host,1\nBen,host,2\nCho,,\n");
    auto created = runWorldcafe({"new", "cafe.wcafe", "--title", "Café", "--people", "people.csv"}, dir.path());
    REQUIRE(created.exitCode == 0);
    std::string text = readBytes(dir / "cafe.wcafe");
    const std::string empty = "\"date\": \"\"";
    auto at = text.find(empty);
    REQUIRE(at != std::string::npos);
    text.replace(at, empty.size(), "\"date\": \"2025-02-30\"");
    writeBytes(dir / "cafe.wcafe", text);

    auto result = runWorldcafe({"check", "cafe.wcafe"}, dir.path());
    INFO(result.out, result.err);
    CHECK(result.out.find("cafe.wcafe: warning: the event date '2025-02-30' is not a date written YYYY-MM-DD") !=
          std::string::npos);
    CHECK(readBytes(dir / "cafe.wcafe") == text);

    text.replace(text.find("2025-02-30"), 10, "2025-03-30");
    writeBytes(dir / "cafe.wcafe", text);
    auto fixed = runWorldcafe({"check", "cafe.wcafe"}, dir.path());
    CHECK(fixed.out.find("event date") == std::string::npos);
}
