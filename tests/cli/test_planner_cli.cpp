#include <doctest/doctest.h>

// `worldcafe plan` and `worldcafe bench plan` through the real binary.

#include <map>
#include <set>
#include <sstream>

#include "test_support.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/planner.hpp"

using namespace worldcafe;
using worldcafe::test::readBytes;
using worldcafe::test::runWorldcafe;
using worldcafe::test::TempDir;
using worldcafe::test::writeBytes;

namespace {

using worldcafe::test::contains;

// `hosts` hosts at tables 1..hosts, then guests; 5 organisations round robin, or none.
std::string peopleCsv(int people, int hosts, bool organisations = true) {
    std::string csv = "id,name,affiliation,role,table,from_round,until_round\n";
    for (int id = 1; id <= people; ++id)
        csv += std::to_string(id) + ",Person " + std::to_string(id) + "," +
               (organisations ? "Org " + std::to_string(id % 5) : std::string()) + "," +
               (id <= hosts ? "host," + std::to_string(id) : std::string("guest,")) + ",,\n";
    return csv;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) result.push_back(line);
    return result;
}

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.push_back("");
    return fields;
}

}  // namespace

TEST_CASE("planner: plan --report json prints one object with exactly the listed keys") {
    TempDir dir;
    writeBytes(dir / "people.csv", peopleCsv(35, 7));
    auto result = runWorldcafe(
        {"plan", "--people", "people.csv", "--tables", "7", "--rounds", "7", "--report", "json", "--out", "plan.csv"},
        dir.path());
    REQUIRE(result.exitCode == 0);
    const std::string& json = result.out;
    CHECK(json.front() == '{');
    CHECK(json.substr(json.size() - 2) == "}\n");
    CHECK(std::count(json.begin(), json.end(), '\n') == 1);
    std::set<std::string> keys;
    for (std::size_t at = json.find('"'); at != std::string::npos; at = json.find('"', json.find('"', at + 1) + 1))
        keys.insert(json.substr(at + 1, json.find('"', at + 1) - at - 1));
    CHECK(keys == std::set<std::string>{"people", "tables", "rounds", "C2", "E", "C2_lower_bound", "E_lower_bound",
                                        "menu_revisits", "same_affiliation_pairs", "same_affiliation_lower_bound",
                                        "size_spread", "hard_violations", "elapsed_ms"});
    CHECK(contains(json, "\"people\": 35, \"tables\": 7, \"rounds\": 7, \"C2\": 0, \"E\": 0, \"C2_lower_bound\": 0"));
    CHECK(contains(json, "\"menu_revisits\": 0"));
    CHECK(contains(json, "\"hard_violations\": 0"));
}

TEST_CASE("planner: PLAN.csv has its header and one row per seated person per round") {
    TempDir dir;
    std::string people = peopleCsv(20, 4);
    people += "21,지민,Org 1,guest,,2,\n";  // arrives in round 2
    writeBytes(dir / "people.csv", people);
    writeBytes(dir / "menus.txt", "Food\nEnergy | How do we save it?\n");
    auto result = runWorldcafe({"plan", "--people", "people.csv", "--tables", "4", "--rounds", "3", "--menus",
                                "menus.txt", "--out", "plan.csv"},
                               dir.path());
    REQUIRE(result.exitCode == 0);
    CHECK(contains(result.out, "planned 21 people at 4 tables for 3 rounds"));
    auto rows = lines(readBytes(dir / "plan.csv"));
    REQUIRE(!rows.empty());
    CHECK(rows[0] == "round,table,menu,id,name,affiliation,role");
    CHECK(rows.size() == 1 + 20 * 3 + 2);
    std::map<int, std::set<int>> seatedByRound;
    for (std::size_t k = 1; k < rows.size(); ++k) {
        auto f = split(rows[k]);
        REQUIRE(f.size() == 7);
        int round = std::stoi(f[0]), table = std::stoi(f[1]), menu = std::stoi(f[2]), id = std::stoi(f[3]);
        CHECK((round >= 1 && round <= 3));
        CHECK((table >= 1 && table <= 4));
        CHECK(menu == (table - 1) % 2 + 1);  // two menus for four tables
        CHECK(seatedByRound[round].insert(id).second);
        CHECK(f[4] == (id == 21 ? "지민" : "Person " + std::to_string(id)));
        CHECK(f[6] == (id <= 4 ? "host" : "guest"));
        if (id <= 4) CHECK(table == id);
    }
    CHECK(seatedByRound[1].count(21) == 0);
    CHECK(seatedByRound[2].count(21) == 1);

    // Without --out the plan goes to standard output and the summary to standard error.
    auto toStdout = runWorldcafe(
        {"plan", "--people", "people.csv", "--tables", "4", "--rounds", "3", "--menus", "menus.txt"}, dir.path());
    CHECK(toStdout.exitCode == 0);
    CHECK(toStdout.out == readBytes(dir / "plan.csv"));
    CHECK(contains(toStdout.err, "repeats C2"));
    CHECK(contains(toStdout.err, "new people;"));  // the figures in words, beside the jargon
}

TEST_CASE("planner: the same input and seed give a byte-identical PLAN.csv") {
    TempDir dir;
    // The search stops at its lower bounds here, long before any time limit, even in a sanitizer build.
    writeBytes(dir / "people.csv", peopleCsv(30, 6, false));
    writeBytes(dir / "rules.csv", "kind,person_a,person_b\ntogether,10,11\napart,12,13\n");
    std::vector<std::string> args = {"plan", "--people", "people.csv", "--tables", "6",  "--rounds",
                                     "4",    "--rules",  "rules.csv",  "--seed",   "42", "--time-limit",
                                     "30"};
    auto first = args, second = args, other = args;
    first.insert(first.end(), {"--out", "a.csv"});
    second.insert(second.end(), {"--out", "b.csv"});
    other.insert(other.end(), {"--out", "c.csv"});
    other[other.size() - 5] = "43";
    REQUIRE(runWorldcafe(first, dir.path()).exitCode == 0);
    REQUIRE(runWorldcafe(second, dir.path()).exitCode == 0);
    REQUIRE(runWorldcafe(other, dir.path()).exitCode == 0);
    CHECK(readBytes(dir / "a.csv") == readBytes(dir / "b.csv"));
    CHECK(readBytes(dir / "a.csv") != readBytes(dir / "c.csv"));
}

TEST_CASE("planner: impossible input exits 2 with the reason and writes nothing") {
    TempDir dir;
    writeBytes(dir / "people.csv", peopleCsv(12, 4));
    struct Case {
        std::string name;
        std::vector<std::string> extra;
        std::string people;
        std::string rules;
        std::string reason;
    };
    std::vector<Case> cases = {
        {"capacity too small",
         {"--capacity", "2"},
         "",
         "",
         "capacity too small: 12 people are present, but the 4 tables seat 8"},
        {"pin to a missing table",
         {},
         peopleCsv(12, 4) + "13,Pinned,Org 1,guest,7,,\n",
         "",
         "'Pinned' (13) is pinned to table 7, but there is no table 7"},
        {"together and apart",
         {},
         "",
         "kind,person_a,person_b\ntogether,5,6\napart,5,6\n",
         "must be kept both together and apart"},
        {"more hosts than tables",
         {},
         peopleCsv(12, 4) + "13,Extra host,Org 1,host,,,\n",
         "",
         "more hosts than tables: 5 hosts for 4 tables"},
        {"host at a missing table",
         {},
         peopleCsv(12, 3) + "13,Host nine,Org 1,host,9,,\n",
         "",
         "host 'Host nine' (13) is at table 9, but there is no table 9"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        writeBytes(dir / "p.csv", c.people.empty() ? peopleCsv(12, 4) : c.people);
        std::vector<std::string> args = {"plan",     "--people", "p.csv", "--tables", "4",
                                         "--rounds", "3",        "--out", "plan.csv"};
        if (!c.rules.empty()) {
            writeBytes(dir / "rules.csv", c.rules);
            args.insert(args.end(), {"--rules", "rules.csv"});
        }
        args.insert(args.end(), c.extra.begin(), c.extra.end());
        auto result = runWorldcafe(args, dir.path());
        CHECK(result.exitCode == 2);
        CHECK(contains(result.err, "cannot plan"));
        CHECK(contains(result.err, c.reason));
        // In plain words first, with what to do; the planner's detail stays for a bug report.
        if (c.name == std::string("more hosts than tables"))
            CHECK(contains(result.err, "cannot plan: There are 5 hosts for 4 tables: add tables or make some hosts guests."));
        CHECK_FALSE(std::filesystem::exists(dir / "plan.csv"));
    }
}

TEST_CASE("planner: bad RULES.csv and PLAN.csv name the file, line and column; bad usage exits 2") {
    TempDir dir;
    writeBytes(dir / "people.csv", peopleCsv(12, 4));
    std::vector<std::string> base = {"plan", "--people", "people.csv", "--tables", "4", "--rounds", "3"};
    struct Case {
        std::string rules;
        std::string location;
        std::string message;
    };
    std::vector<Case> cases = {
        {"kind,person_a,person_b\napart,5,6\nsometimes,5,7\n", "rules.csv:3:1:", "'sometimes' is not a rule kind"},
        {"apart,5,x7\n", "rules.csv:1:9:", "person_b: 'x7' is neither an id nor an external id in the participants file"},
        {"kind,person_a,person_b\n\ntogether,99,5\n",
         "rules.csv:3:10:", "person_a: '99' is neither an id nor an external id"},
        {"apart,5\n", "rules.csv:1:1:", "expected 3 fields"},
        {"apart,\"5,6\n", "rules.csv:1:", "quote"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.rules);
        writeBytes(dir / "rules.csv", c.rules);
        auto args = base;
        args.insert(args.end(), {"--rules", "rules.csv"});
        auto result = runWorldcafe(args, dir.path());
        CHECK(result.exitCode == 2);
        CHECK(contains(result.err, c.location));
        CHECK(contains(result.err, c.message));
    }
    writeBytes(dir / "fixed.csv",
               "round,table,menu,id,name,affiliation,role\n1,1,1,1,Person 1,Org 1,host\n1,x,1,5,,,\n");
    auto args = base;
    args.insert(args.end(), {"--fixed", "fixed.csv", "--from-round", "2"});
    auto fixed = runWorldcafe(args, dir.path());
    CHECK(fixed.exitCode == 2);
    CHECK(contains(fixed.err, "fixed.csv:3:3: table: 'x' is not a table number"));

    CHECK(runWorldcafe({"plan", "--people", "people.csv", "--tables", "4"}, dir.path()).exitCode == 2);
    CHECK(runWorldcafe({"plan", "--people", "people.csv", "--tables", "4", "--rounds", "3", "--from-round", "2"},
                       dir.path())
              .exitCode == 2);
    CHECK(runWorldcafe({"plan", "--people", "people.csv", "--tables", "4", "--rounds", "3", "--report", "xml"},
                       dir.path())
              .exitCode == 2);
    CHECK(runWorldcafe({"plan", "--people", "missing.csv", "--tables", "4", "--rounds", "3"}, dir.path()).exitCode ==
          2);
}

TEST_CASE("planner: --fixed keeps the earlier rounds of a PLAN.csv and plans the rest") {
    TempDir dir;
    writeBytes(dir / "people.csv", peopleCsv(24, 4));
    std::vector<std::string> base = {"plan", "--people", "people.csv", "--tables", "4", "--rounds", "4"};
    auto args = base;
    args.insert(args.end(), {"--out", "first.csv"});
    REQUIRE(runWorldcafe(args, dir.path()).exitCode == 0);
    auto first = lines(readBytes(dir / "first.csv"));
    args = base;
    args.insert(args.end(), {"--fixed", "first.csv", "--from-round", "3", "--seed", "5", "--out", "second.csv"});
    auto result = runWorldcafe(args, dir.path());
    REQUIRE(result.exitCode == 0);
    auto second = lines(readBytes(dir / "second.csv"));
    REQUIRE(second.size() == first.size());
    for (std::size_t k = 0; k < second.size(); ++k)
        if (k == 0 || second[k].rfind("1,", 0) == 0 || second[k].rfind("2,", 0) == 0) CHECK(second[k] == first[k]);
}

TEST_CASE("planner: plan SESSION records the plan in the session file") {
    TempDir dir;
    writeBytes(dir / "people.csv", peopleCsv(16, 4));
    writeBytes(dir / "menus.txt", "One\nTwo\nThree\nFour\n");
    REQUIRE(runWorldcafe({"new", "cafe.wcafe", "--title", "Plan me", "--people", "people.csv", "--menus", "menus.txt",
                          "--rounds", "4"},
                         dir.path())
                .exitCode == 0);
    auto result = runWorldcafe({"plan", "cafe.wcafe", "--seed", "3", "--report", "json"}, dir.path());
    REQUIRE(result.exitCode == 0);
    CHECK(contains(result.out, "\"hard_violations\": 0"));
    auto engine = Engine::open(dir / "cafe.wcafe", OpenOptions{.readOnly = true});
    const Session& session = engine->session();
    REQUIRE(session.plan.size() == 4);
    CHECK(findHardViolations(session, session.plan).empty());
    CHECK(scorePlan(session, session.plan).c2 == 0);
    CHECK_FALSE(engine->hasUnsavedChanges());

    // Re-plan from round 3 in the session: rounds 1 and 2 stay.
    auto before = session.plan;
    engine.reset();
    auto again = runWorldcafe({"plan", "cafe.wcafe", "--from-round", "3", "--seed", "9"}, dir.path());
    REQUIRE(again.exitCode == 0);
    auto reopened = Engine::open(dir / "cafe.wcafe", OpenOptions{.readOnly = true});
    CHECK(reopened->session().plan[0] == before[0]);
    CHECK(reopened->session().plan[1] == before[1]);

    CHECK(runWorldcafe({"plan", "cafe.wcafe", "--people", "people.csv"}, dir.path()).exitCode == 2);
}

TEST_CASE("planner: bench plan prints a row per instance with figures, bounds, time and memory") {
    TempDir dir;
    auto result = runWorldcafe({"bench", "plan", "--runs", "1", "--only", "12/"}, dir.path());
    REQUIRE(result.exitCode == 0);
    CHECK(contains(result.out, "median wall time of 1 runs"));
    CHECK(contains(result.out, "ru_maxrss"));
    CHECK(contains(result.out, "12/4/3 h"));
    CHECK(contains(result.out, "12/3/3 h"));
    CHECK_FALSE(contains(result.out, "35/7/7"));
    CHECK(runWorldcafe({"bench"}, dir.path()).exitCode == 2);
}

TEST_CASE("planner: --fixed takes the later rounds of PLAN.csv as the baseline; --fresh plans them anew") {
    TempDir dir;
    writeBytes(dir / "people.csv", peopleCsv(24, 4));
    std::vector<std::string> base = {"plan", "--people", "people.csv", "--tables", "4", "--rounds", "4"};
    auto args = base;
    args.insert(args.end(), {"--out", "first.csv"});
    REQUIRE(runWorldcafe(args, dir.path()).exitCode == 0);
    // Person 10 goes home after round 2: everyone else keeps their seats in rounds 3 and 4 (4 tables of 5 or 6).
    std::string people = peopleCsv(24, 4);
    const std::string row = "10,Person 10,Org 0,guest,,,\n";
    REQUIRE(contains(people, row));
    people.replace(people.find(row), row.size(), "10,Person 10,Org 0,guest,,,2\n");
    writeBytes(dir / "people.csv", people);

    args = base;
    args.insert(args.end(), {"--fixed", "first.csv", "--from-round", "3", "--seed", "5", "--out", "second.csv"});
    auto result = runWorldcafe(args, dir.path());
    REQUIRE(result.exitCode == 0);
    CHECK(contains(result.out, "moved 0 seats from --fixed (at least 0 needed)"));
    std::vector<std::string> expected;
    for (const std::string& line : lines(readBytes(dir / "first.csv"))) {
        auto fields = split(line);
        if (fields.size() > 3 && fields[3] == "10" && (fields[0] == "3" || fields[0] == "4")) continue;
        expected.push_back(line);
    }
    CHECK(lines(readBytes(dir / "second.csv")) == expected);

    args = base;
    args.insert(args.end(),
                {"--fixed", "first.csv", "--from-round", "3", "--seed", "5", "--fresh", "--out", "fresh.csv"});
    auto fresh = runWorldcafe(args, dir.path());
    REQUIRE(fresh.exitCode == 0);
    CHECK(!contains(fresh.out, "moved"));
    CHECK(lines(readBytes(dir / "fresh.csv")) != expected);
}

TEST_CASE("planner: a PLAN.csv row after the last round names the file, line and column") {
    TempDir dir;
    writeBytes(dir / "people.csv", peopleCsv(8, 2));
    writeBytes(dir / "plan.csv", "round,table,id\n1,1,1\n9,1,1\n");
    auto result = runWorldcafe({"plan", "--people", "people.csv", "--tables", "2", "--rounds", "3", "--fixed",
                                "plan.csv", "--from-round", "2"},
                               dir.path());
    CHECK(result.exitCode == 2);
    CHECK(contains(result.err, "plan.csv:3:1: round: 9 is after the last round (3)"));
}

TEST_CASE("planner: bench replan prints people moved beside the least possible and a fresh plan") {
    TempDir dir;
    auto result = runWorldcafe({"bench", "replan", "--runs", "1"}, dir.path());
    REQUIRE(result.exitCode == 0);
    std::map<std::string, std::vector<long long>> rows;
    for (const std::string& line : lines(result.out)) {
        for (const char* name : {"1 absence", "5 absences (spread)", "5 absences (1 table)", "1 walk-in (seat now)"}) {
            if (line.rfind(name, 0) != 0) continue;
            std::istringstream in(line.substr(std::string(name).size()));
            for (long long value; in >> value;) rows[name].push_back(value);
        }
    }
    REQUIRE(rows.size() == 4);
    for (const auto& [name, values] : rows) {
        CAPTURE(name);
        REQUIRE(values.size() >= 8);
        CHECK(values[0] == values[2]);  // moved == least possible
        CHECK(values[3] > 100);         // a fresh plan moves hundreds
        CHECK(values[7] == 0);          // no broken rule
    }
    CHECK(rows["1 absence"][0] == 0);
    CHECK(rows["1 walk-in (seat now)"][0] == 0);
}
