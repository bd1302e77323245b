#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "worldcafe/model.hpp"
#include "worldcafe/validation.hpp"

using namespace worldcafe;

namespace {

// Two menus, two tables of six, a host at each, four guests, three rounds: nothing to complain about.
Session validSession() {
    Session s;
    s.id = "validation-test";
    s.event = {"Café", "2025-05-17", "Town hall", "Lee", "en"};
    s.menus = {{1, "Future", "What next?", 0xE69F00}, {2, "교육", "무엇을 배울까?", 0x56B4E9}};
    s.tables = {{1, 1, 6}, {2, 2, 6}};
    s.participants = {{1, "Ana", "", Role::Host, 1, 0, 0},      {2, "Ben", "", Role::Host, 2, 0, 0},
                      {3, "김민수", "수원", Role::Guest, 0, 0, 0}, {4, "Dana", "", Role::Guest, 0, 2, 0},
                      {5, "Eli", "", Role::Guest, 0, 0, 2},      {6, "Fay", "", Role::Guest, 2, 0, 0}};
    s.rules = {{1, RuleKind::KeepApart, 3, 4}, {2, RuleKind::KeepTogether, 5, 6}};
    s.rounds = {3, 20, 3, 15};
    return s;
}

std::vector<std::string> messagesOf(const std::vector<Problem>& problems, Severity severity) {
    std::vector<std::string> messages;
    for (const Problem& p : problems)
        if (p.severity == severity) messages.push_back(p.message);
    return messages;
}

std::string listed(const std::vector<Problem>& problems) {
    std::string text;
    for (const Problem& p : problems)
        text += (p.severity == Severity::Error ? "\n  error: " : "\n  warning: ") + p.message;
    return text.empty() ? "(no problems)" : text;
}

bool hasExact(const std::vector<Problem>& problems, Severity severity, const std::string& message) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const Problem& p) { return p.severity == severity && p.message == message; });
}

bool hasContaining(const std::vector<Problem>& problems, Severity severity, const std::string& part) {
    return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) {
        return p.severity == severity && p.message.find(part) != std::string::npos;
    });
}

// Validates `session` and checks that it has exactly one error, `message`.
void checkSingleError(const Session& session, const std::string& message) {
    std::vector<Problem> problems = validate(session);
    INFO("problems:", listed(problems));
    CHECK(hasExact(problems, Severity::Error, message));
    CHECK(messagesOf(problems, Severity::Error).size() == 1);
}

}  // namespace

TEST_CASE("validation: a valid small session has no problems") {
    std::vector<Problem> problems = validate(validSession());
    INFO("problems:", listed(problems));
    CHECK(problems.empty());
}

TEST_CASE("validation: a table without a menu") {
    Session s = validSession();
    s.tables.push_back({3, kNoMenu, 6});
    s.tables.push_back({4, kNoMenu, 6});
    s.tables[2].menu = 1;
    s.participants.push_back({7, "Gil", "", Role::Host, 3, 0, 0});
    s.participants.push_back({8, "Hana", "", Role::Host, 4, 0, 0});
    checkSingleError(s, "table 4 has no menu");
}

TEST_CASE("validation: a guest pinned to a table that does not exist") {
    Session s = validSession();
    s.tables.clear();
    s.participants.clear();
    s.rules.clear();
    for (TableNumber n = 1; n <= 8; ++n) {
        s.tables.push_back({n, n % 2 == 0 ? 2 : 1, 6});
        s.participants.push_back({100 + n, "Host " + std::to_string(n), "", Role::Host, n, 0, 0});
    }
    s.participants.push_back({17, "김민수", "수원", Role::Guest, 9, 0, 0});
    std::vector<Problem> problems = validate(s);
    INFO("problems:", listed(problems));
    CHECK(hasExact(problems, Severity::Error, "participant 17 '김민수' is pinned to table 9, but there are 8 tables"));
    CHECK(messagesOf(problems, Severity::Error).size() == 1);

    SUBCASE("tables not numbered 1..N name the missing table instead") {
        s.tables.erase(s.tables.begin() + 3);  // no table 4
        s.participants.erase(s.participants.begin() + 3);  // and its host
        std::vector<Problem> gap = validate(s);
        INFO("problems:", listed(gap));
        CHECK(hasExact(gap, Severity::Error, "participant 17 '김민수' is pinned to table 9, but there is no table 9"));
    }
    SUBCASE("a host of a missing table") {
        s.participants.back().role = Role::Host;
        std::vector<Problem> host = validate(s);
        INFO("problems:", listed(host));
        CHECK(hasExact(host, Severity::Error, "participant 17 '김민수' hosts table 9, but there are 8 tables"));
    }
}

TEST_CASE("validation: a table holding a menu that does not exist") {
    Session s = validSession();
    s.tables[1].menu = 7;
    std::vector<Problem> problems = validate(s);
    INFO("problems:", listed(problems));
    CHECK(hasExact(problems, Severity::Error, "table 2 holds menu 7, which does not exist"));
    CHECK(messagesOf(problems, Severity::Error).size() == 1);
    // Menu 2 is now served nowhere: a warning, not an error.
    CHECK(hasExact(problems, Severity::Warning, "menu 2 '교육' is not served at any table"));
}

TEST_CASE("validation: two hosts at one table") {
    Session s = validSession();
    s.participants[3] = {4, "Dana", "", Role::Host, 1, 2, 0};
    checkSingleError(s, "table 1 has two hosts: participant 1 'Ana' and participant 4 'Dana'");
}

TEST_CASE("validation: a host without a table") {
    Session s = validSession();
    s.participants.push_back({7, "이서연", "", Role::Host, kNoTable, 0, 0});
    s.participants.push_back({8, "Ivo", "", Role::Host, kNoTable, 0, 0});
    std::vector<Problem> problems = validate(s);
    INFO("problems:", listed(problems));
    CHECK(hasExact(problems, Severity::Error, "host 7 '이서연' has no table"));
    CHECK(hasExact(problems, Severity::Error, "host 8 'Ivo' has no table"));
    // Two hosts without a table are not "two hosts at table 0".
    CHECK(messagesOf(problems, Severity::Error).size() == 2);
}

TEST_CASE("validation: a duplicate participant id is reported once") {
    Session s = validSession();
    s.participants.push_back({3, "Other", "", Role::Guest, 0, 0, 0});
    s.participants.push_back({3, "Third", "", Role::Guest, 0, 0, 0});
    checkSingleError(s, "participant id 3 is used twice");
}

TEST_CASE("validation: arriving after the last round") {
    Session s = validSession();
    s.participants[3].fromRound = 4;
    checkSingleError(s, "participant 4 'Dana' arrives in round 4, but there are 3 rounds");
    // Arriving in the last round is fine.
    s.participants[3].fromRound = 3;
    CHECK(messagesOf(validate(s), Severity::Error).empty());
}

TEST_CASE("validation: arriving after leaving") {
    Session s = validSession();
    s.participants[4].fromRound = 3;
    s.participants[4].untilRound = 2;
    checkSingleError(s, "participant 5 'Eli' arrives in round 3 after leaving in round 2");
    // Present for exactly one round is fine.
    s.participants[4].fromRound = 2;
    CHECK(messagesOf(validate(s), Severity::Error).empty());
}

TEST_CASE("validation: a rule naming a participant who does not exist") {
    Session s = validSession();
    s.rules.push_back({3, RuleKind::KeepApart, 3, 99});
    checkSingleError(s, "rule 3 (keep apart) names participant 99, who does not exist");
}

TEST_CASE("validation: a pair kept both together and apart") {
    Session s = validSession();
    s.rules.push_back({3, RuleKind::KeepTogether, 4, 3});  // rule 1 keeps 3 and 4 apart; order does not matter
    checkSingleError(s, "participants 3 and 4 must be kept both together and apart");
}

TEST_CASE("validation: a keep-together pair pinned to different tables") {
    Session s = validSession();
    s.participants[2].table = 1;  // 김민수 pinned to table 1
    s.participants[3].table = 2;  // Dana pinned to table 2
    s.rules.push_back({3, RuleKind::KeepTogether, 3, 4});
    s.rules.erase(s.rules.begin());  // drop the keep-apart rule on the same pair
    std::vector<Problem> problems = validate(s);
    INFO("problems:", listed(problems));
    CHECK(hasExact(problems, Severity::Error,
                   "rule 3 (keep together): participant 3 '김민수' and participant 4 'Dana' must sit together but "
                   "are fixed to tables 1 and 2"));
    CHECK(messagesOf(problems, Severity::Error).size() == 1);
    // Pinned to the same table is fine.
    s.participants[3].table = 1;
    CHECK(messagesOf(validate(s), Severity::Error).empty());
}

TEST_CASE("validation: more people present than seats in a round") {
    Session s = validSession();
    s.tables[0].capacity = 3;
    s.tables[1].capacity = 2;
    // Round 1: Ana, Ben, 김민수, Eli, Fay = 5 (Dana arrives in round 2). Round 2: 6.
    checkSingleError(s, "round 2: 6 people are present but the tables seat 5");
    SUBCASE("exactly full is fine") {
        s.tables[1].capacity = 3;
        CHECK(messagesOf(validate(s), Severity::Error).empty());
    }
    SUBCASE("over in round 1") {
        s.tables[1].capacity = 1;
        std::vector<Problem> problems = validate(s);
        INFO("problems:", listed(problems));
        CHECK(hasExact(problems, Severity::Error, "round 1: 5 people are present but the tables seat 4"));
    }
}

TEST_CASE("validation: a plan seating a participant who does not exist") {
    Session s = validSession();
    s.plan = {{1, {{1, 1}, {2, 2}, {3, 1}, {5, 2}, {6, 2}}, true},
              {2, {{1, 1}, {2, 2}, {3, 2}, {42, 1}, {5, 1}}, false}};
    checkSingleError(s, "the plan for round 2 seats participant 42, who does not exist");
}

TEST_CASE("validation: all problems are reported at once") {
    Session s = validSession();
    s.tables.push_back({3, kNoMenu, 6});                                  // no menu, no host
    s.participants.push_back({3, "Twin", "", Role::Guest, 0, 0, 0});      // duplicate id
    s.participants.push_back({7, "Late", "", Role::Guest, 0, 5, 0});      // arrives after round 3
    s.participants.push_back({8, "Lost", "", Role::Host, kNoTable, 0, 0});  // host without table
    s.rules.push_back({3, RuleKind::KeepApart, 6, 77});                   // missing participant
    s.plan = {{1, {{99, 1}}, false}};                                     // seats a missing participant
    std::vector<Problem> problems = validate(s);
    INFO("problems:", listed(problems));
    const std::vector<std::string> expected{
        "table 3 has no menu",
        "participant id 3 is used twice",
        "participant 7 'Late' arrives in round 5, but there are 3 rounds",
        "host 8 'Lost' has no table",
        "rule 3 (keep apart) names participant 77, who does not exist",
        "the plan for round 1 seats participant 99, who does not exist",
    };
    for (const std::string& message : expected) {
        CAPTURE(message);
        CHECK(hasExact(problems, Severity::Error, message));
    }
    CHECK(messagesOf(problems, Severity::Error).size() == expected.size());
    CHECK(hasExact(problems, Severity::Warning, "table 3 has no host"));
}

TEST_CASE("validation: a table without a host is a warning, not an error") {
    Session s = validSession();
    s.participants[1].role = Role::Guest;
    s.participants[1].table = kNoTable;
    std::vector<Problem> problems = validate(s);
    INFO("problems:", listed(problems));
    CHECK(messagesOf(problems, Severity::Error).empty());
    CHECK(messagesOf(problems, Severity::Warning) == std::vector<std::string>{"table 2 has no host"});
}

TEST_CASE("validation: a host who did not come leaves a warning, and the café can still be planned") {
    Session s = validSession();
    s.participants[1].absent = true;
    std::vector<Problem> problems = validate(s);
    INFO("problems:", listed(problems));
    CHECK(messagesOf(problems, Severity::Error).empty());
    CHECK(messagesOf(problems, Severity::Warning) ==
          std::vector<std::string>{"participant 2 'Ben' did not come: table 2 has no host until they are marked arrived"});
}

TEST_CASE("validation: an empty session lists what is missing") {
    std::vector<Problem> problems = validate(Session{});
    INFO("problems:", listed(problems));
    CHECK(hasContaining(problems, Severity::Error, "no menus"));
    CHECK(hasContaining(problems, Severity::Error, "no tables"));
    CHECK(hasContaining(problems, Severity::Warning, "no participants"));
}

TEST_CASE("validation: an event date that is not a YYYY-MM-DD calendar date is reported") {
    for (const char* bad : {"17 May 2025", "2025-5-17", "2025-13-01", "2025-02-29", "2025-04-31", "2025/05/17"}) {
        CAPTURE(bad);
        Session s = validSession();
        s.event.date = bad;
        std::vector<Problem> problems = validate(s);
        INFO("problems:", listed(problems));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].severity == Severity::Warning);
        CHECK(problems[0].code == "event.date_not_iso");
        CHECK(problems[0].message == "the event date '" + std::string(bad) + "' is not a date written YYYY-MM-DD");
    }
    for (const char* good : {"", "2024-02-29", "2000-02-29", "2025-12-31"}) {
        CAPTURE(good);
        Session s = validSession();
        s.event.date = good;
        CHECK(validate(s).empty());
    }
    CHECK_FALSE(isIsoDate("1900-02-29"));
}
