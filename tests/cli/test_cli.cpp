#include <doctest/doctest.h>

#include <algorithm>

#include "test_support.hpp"

using worldcafe::test::readBytes;
using worldcafe::test::runWorldcafe;
using worldcafe::test::TempDir;
using worldcafe::test::writeBytes;

namespace {

using worldcafe::test::contains;

// A valid session made by the real `new` command, for the tests to damage.
std::string validSessionText(const TempDir& dir) {
    writeBytes(dir / "people.csv", "이름,소속,역할,테이블\n김민수,수원시,호스트,1\n이영희,화성시,호스트,2\n박철수,전주시,,\n");
    writeBytes(dir / "menus.txt", "녹색구매란? | 우리가 생각하는 녹색구매는?\n지역의 소비와 생산\n");
    auto result = runWorldcafe({"new", "valid.wcafe", "--title", "워크숍", "--people", "people.csv", "--menus",
                                "menus.txt", "--lang", "ko"},
                               dir.path());
    REQUIRE(result.exitCode == 0);
    return readBytes(dir / "valid.wcafe");
}

std::string replaceFirst(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

int lineOf(const std::string& text, const std::string& part) {
    auto at = text.find(part);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

}  // namespace

TEST_CASE("cli: new then check succeeds on a valid session") {
    TempDir dir;
    validSessionText(dir);
    auto result = runWorldcafe({"check", "valid.wcafe"}, dir.path());
    CHECK(result.exitCode == 0);
    CHECK(contains(result.out, "2 menus, 2 tables, 3 participants, 3 rounds"));
}

TEST_CASE("cli: damaged session files get a precise message, exit 2 and stay byte-identical") {
    TempDir dir;
    const std::string valid = validSessionText(dir);
    struct Case {
        std::string name;
        std::string text;
        std::string message;
        int line;
    };
    std::vector<Case> cases = {
        {"malformed", replaceFirst(valid, "\"title\": \"워크숍\",", "\"title\": \"워크숍\""), "not valid JSON",
         lineOf(valid, "\"date\"")},
        {"deeply nested", std::string(200000, '[') + std::string(200000, ']'), "nested more than 64 levels", 1},
        {"truncated", valid.substr(0, valid.size() / 2), "truncated", 0},
        {"wrong-typed", replaceFirst(valid, "\"name\": \"김민수\"", "\"name\": 17"),
         "session.participants[0].name: expected a string", lineOf(valid, "\"name\": \"김민수\"")},
        {"newer version", replaceFirst(valid, "\"version\": 1", "\"version\": 9"),
         "written by a newer worldcafe (format version 9", 0},
        {"not a session", "{\"hello\": 1}", "not a worldcafe session", 0},
        {"empty", "", "the file is empty", 0},
        {"unknown role", replaceFirst(valid, "\"role\": \"host\"", "\"role\": \"chef\""),
         "\"chef\" is not one of \"guest\", \"host\"", 0},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        auto file = dir / "damaged.wcafe";
        writeBytes(file, c.text);
        auto result = runWorldcafe({"check", "damaged.wcafe"}, dir.path());
        CHECK(result.exitCode == 2);
        CHECK(contains(result.err, "damaged.wcafe:"));
        CHECK(contains(result.err, c.message));
        if (c.line > 0) CHECK(contains(result.err, "damaged.wcafe:" + std::to_string(c.line) + ":"));
        CHECK(readBytes(file) == c.text);
        CHECK_FALSE(std::filesystem::exists(dir / "damaged.wcafe.journal"));
    }
}

TEST_CASE("cli: check exits 1 and lists every problem it finds") {
    TempDir dir;
    std::string text = validSessionText(dir);
    text = replaceFirst(text, "\"table\": 2", "\"table\": 9");
    writeBytes(dir / "problems.wcafe", text);
    auto result = runWorldcafe({"check", "problems.wcafe"}, dir.path());
    CHECK(result.exitCode == 1);
    CHECK(contains(result.out, "error: participant 2 '이영희' hosts table 9, but there are 2 tables"));
    CHECK(contains(result.out, "warning: table 2 has no host"));
}

TEST_CASE("cli: bad usage and unreadable input exit 2 with the reason") {
    TempDir dir;
    CHECK(runWorldcafe({"check"}, dir.path()).exitCode == 2);
    CHECK(runWorldcafe({"new", "x.wcafe"}, dir.path()).exitCode == 2);  // --title is required
    CHECK(runWorldcafe({"new", "x.wcafe", "--title", "t", "--rounds", "0"}, dir.path()).exitCode == 2);

    auto missing = runWorldcafe({"check", "nowhere.wcafe"}, dir.path());
    CHECK(missing.exitCode == 2);
    CHECK(contains(missing.err, "nowhere.wcafe: cannot read"));

    writeBytes(dir / "bad.csv", "name,table\n김민수,1\n이영희,x\n");
    auto badCsv = runWorldcafe({"new", "y.wcafe", "--title", "t", "--people", "bad.csv"}, dir.path());
    CHECK(badCsv.exitCode == 2);
    CHECK(contains(badCsv.err, "bad.csv:3:5:"));
    CHECK_FALSE(std::filesystem::exists(dir / "y.wcafe"));

    validSessionText(dir);
    auto before = readBytes(dir / "valid.wcafe");
    auto again = runWorldcafe({"new", "valid.wcafe", "--title", "other"}, dir.path());
    CHECK(again.exitCode == 2);
    CHECK(contains(again.err, "already exists"));
    CHECK(readBytes(dir / "valid.wcafe") == before);
}

TEST_CASE("cli: --help and --version exit 0") {
    TempDir dir;
    auto help = runWorldcafe({"--help"}, dir.path());
    CHECK(help.exitCode == 0);
    CHECK(contains(help.out, "check"));
    CHECK(contains(help.out, "screenshot"));
    auto version = runWorldcafe({"--version"}, dir.path());
    CHECK(version.exitCode == 0);
    CHECK(contains(version.out, "worldcafe "));
}

TEST_CASE("cli: counts of one read in the singular (new, check)") {
    TempDir dir;
    writeBytes(dir / "people.csv", "name,affiliation\nJo Park,Elm Park School\n");
    writeBytes(dir / "menus.txt", "Getting around\n");
    auto created = runWorldcafe({"new", "one.wcafe", "--title", "One", "--people", "people.csv", "--menus",
                                 "menus.txt", "--tables", "1", "--rounds", "1"},
                                dir.path());
    REQUIRE(created.exitCode == 0);
    CHECK(contains(created.out, "created with 1 menu, 1 table, 1 participant, 1 round\n"));
    auto checked = runWorldcafe({"check", "one.wcafe"}, dir.path());
    CHECK(contains(checked.out, "1 menu, 1 table, 1 participant, 1 round, 0 notes\n"));
}
