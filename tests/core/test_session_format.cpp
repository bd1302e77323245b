#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "session_format.hpp"
#include "test_support.hpp"
#include "worldcafe/actions.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/model.hpp"

using namespace worldcafe;

namespace {

// Every field set to something other than its default; every enum value used; text that needs care.
Session fullSession() {
    Session s;
    s.id = "3f9c2a71-5b0e-4d8e-9a1f-0c6b7e2d4a55";
    s.event = {"2025 수원 미래 카페 \"함께\"", "2025-05-17", "수원시청 대회의실", "이영희 & Co.", "ko"};
    s.menus = {{1, "미래", "10년 뒤 우리 동네는?", 0xE69F00},
               {2, "Education", "What should \\schools\\ teach?\nReally.", 0x000000},
               {3, "Care 🙂", "", 0xFFFFFF},
               {4, "Work", "Tab\there", 0x0072B2}};
    s.tables = {{1, 1, 6}, {2, 2, 4}, {3, 3, 8}, {7, 4, 1}};
    s.participants = {{1, "김민수", "수원시", Role::Host, 1, 0, 0},
                      {2, "Ana María", "Universidad", Role::Guest, 0, 2, 0},
                      {3, "박지훈", "", Role::Guest, 3, 0, 2},
                      {17, "O'Brien", "\"Quotes\" Ltd", Role::Host, 7, 1, 3},
                      {18, "이서연", "경기도", Role::Guest, 0, 0, 0},
                      {19, "No Show", "", Role::Guest, 0, 0, 0, true, "S-0019", {{"email", "no.show@example.com"}, {"전화", ""}}}};
    s.rules = {{1, RuleKind::KeepApart, 2, 3}, {2, RuleKind::KeepTogether, 1, 18}};
    s.rounds = {4, 25, 5, 20};
    s.plan = {{1, {{1, 1}, {2, 2}, {3, 3}, {17, 7}, {18, 1}}, true},
              {2, {{1, 1}, {2, 3}, {3, 2}, {17, 7}, {18, 1}}, false},
              {3, {}, false}};
    s.notes = {{1, 1, 1, 1, "더 많은 녹지", {"환경", "공원"}, true, "김민수", 1715932800123, 1715932860456},
               {2, 7, 2, 4, "line one\nline two", {}, false, "", 1715933000000, 1715933000000},
               {3, 2, 3, 2, "", {"", "x"}, true, "Ana María", 0, -1, 2, 3, true}};
    s.themes = {{1, 1, "로컬푸드", "지역 먹거리 관리가 필요함", true}, {2, 4, "Work (later)", "", false}};
    s.rounds.welcomeMinutes = 10;
    s.rounds.roundHarvestMinutes = 4;
    s.rounds.warningSeconds = {300, 30, 0};
    s.timeline = {{TimelineKind::Start, 1715932800000, 0},  {TimelineKind::Pause, 1715932900000, 0},
                  {TimelineKind::Resume, 1715933000000, 0}, {TimelineKind::Extend, 1715933100000, 300},
                  {TimelineKind::Extend, 1715933200000, -120}, {TimelineKind::Skip, 1715933300000, 0},
                  {TimelineKind::Back, 1715933400000, 0},   {TimelineKind::Finish, 1715933500000, 0}};
    return s;
}

// One action of every alternative, with non-default data, and a batch holding a batch.
std::vector<Action> formatSampleActions() {
    Session s = fullSession();
    Batch inner{"내부", {Remove<Rule>{2}, PopTimeline{}, Put<Note>{s.notes[0], 0}}};
    return {
        SetEvent{s.event},
        SetRoundSettings{{5, 30, 0, 10}},
        Put<Menu>{s.menus[1], 1},
        Remove<Menu>{4},
        Put<Table>{s.tables[3], kAppendAtEnd},
        Remove<Table>{7},
        Put<Participant>{s.participants[0], 0},
        Remove<Participant>{17},
        Put<Rule>{s.rules[1], 2},
        Remove<Rule>{1},
        Put<Note>{s.notes[1]},
        Remove<Note>{3},
        SetPlan{s.plan},
        SetPlan{},
        AppendTimeline{s.timeline[4]},
        PopTimeline{},
        Batch{"import 2 participants", {Put<Participant>{s.participants[3]}, inner, SetEvent{s.event}}},
        Batch{},
        Put<Theme>{s.themes[0], 1},
        Remove<Theme>{2},
        Put<Vote>{{3, "phone-한글-0001", 2, 1, "tag:로컬푸드", {1, 2}, 1716027109946}},
        Remove<Vote>{3},
        SetVoting{{true, 5}},
    };
}

struct TextPosition {
    int line = 0;
    int column = 0;  // in characters, as InputError counts them
};

TextPosition positionOf(const std::string& text, std::size_t offset) {
    TextPosition p{1, 1};
    for (std::size_t i = 0; i < offset; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++p.column;
        }
    }
    return p;
}

TextPosition positionOf(const std::string& text, const std::string& needle) {
    std::size_t offset = text.find(needle);
    REQUIRE_MESSAGE(offset != std::string::npos, "not in the text: ", needle);
    return positionOf(text, offset);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    std::size_t offset = text.find(from);
    REQUIRE_MESSAGE(offset != std::string::npos, "not in the text: ", from);
    return text.replace(offset, from.size(), to);
}

// Parses `json` expecting an InputError (and not a NewerVersionError); returns it.
InputError parseError(const std::string& json) {
    try {
        parseSnapshot(json, "cafe.wcafe");
    } catch (const NewerVersionError& e) {
        FAIL("unexpected NewerVersionError: ", e.what());
    } catch (const InputError& e) {
        return e;
    }
    FAIL("parsed without an error");
    return InputError("", "");
}

// Made on first use: cereal registers class versions during static initialisation of the core library.
const std::string& fullText() {
    static const std::string text = formatSnapshot(fullSession(), 4242);
    return text;
}

}  // namespace

TEST_CASE("format: a session with every field populated round-trips through a snapshot") {
    const Session original = fullSession();
    const std::string text = formatSnapshot(original, 4242);
    Snapshot snapshot = parseSnapshot(text, "cafe.wcafe");
    CHECK(snapshot.sequence == 4242);
    CHECK(snapshot.version == kSessionFormatVersion);
    CHECK(snapshot.session == original);
    // Field by field too, so that a failure says where.
    CHECK(snapshot.session.event == original.event);
    CHECK(snapshot.session.menus == original.menus);
    CHECK(snapshot.session.tables == original.tables);
    CHECK(snapshot.session.participants == original.participants);
    CHECK(snapshot.session.rules == original.rules);
    CHECK(snapshot.session.rounds == original.rounds);
    CHECK(snapshot.session.plan == original.plan);
    CHECK(snapshot.session.notes == original.notes);
    CHECK(snapshot.session.timeline == original.timeline);
    CHECK(snapshot.session.themes == original.themes);
    CHECK(snapshot.session == original);
    // Writing what was read gives the same text: nothing is lost or reordered.
    CHECK(formatSnapshot(snapshot.session, snapshot.sequence) == text);
}

TEST_CASE("format: participants written before no-shows existed (version 1) load as present") {
    const std::string text = formatSnapshot(fullSession(), 1);
    std::string older = text;
    // The version-1 participant: no "absent" field, and the class version says 1.
    for (std::size_t at; (at = older.find("\"absent\"")) != std::string::npos;) {
        const std::size_t lineEnd = older.find('\n', at);
        if (older[lineEnd - 1] == ',') {  // fields of later versions follow
            const std::size_t lineStart = older.rfind('\n', at) + 1;
            older.erase(lineStart, lineEnd + 1 - lineStart);
            continue;
        }
        const std::size_t comma = older.rfind(',', at);
        older.erase(comma, lineEnd - comma);
    }
    const std::size_t participants = older.find("\"participants\"");
    REQUIRE(participants != std::string::npos);
    const std::size_t version = older.find("\"cereal_class_version\": 3", participants);
    REQUIRE(version != std::string::npos);
    older.replace(version, std::string("\"cereal_class_version\": 3").size(), "\"cereal_class_version\": 1");
    REQUIRE(older.find("absent") == std::string::npos);

    Snapshot snapshot = parseSnapshot(older, "old.wcafe");
    REQUIRE(snapshot.session.participants.size() == fullSession().participants.size());
    for (const Participant& participant : snapshot.session.participants) CHECK_FALSE(participant.absent);
    CHECK(snapshot.session.participants.back().presentIn(1));
    // Saved again, it is written in the current version with the field.
    CHECK(formatSnapshot(snapshot.session, 1).find("\"absent\": false") != std::string::npos);
}

TEST_CASE("format: round settings written before the harvest after each round (version 2) load with none") {
    Session session = fullSession();
    session.rounds.roundHarvestMinutes = 0;
    const std::string text = formatSnapshot(session, 1);
    std::string older = text;
    const std::string field = ",\n      \"round_harvest_minutes\": 0";
    const std::size_t at = older.find(field);
    REQUIRE(at != std::string::npos);
    older.erase(at, field.size());
    const std::size_t rounds = older.find("\"rounds\"");
    REQUIRE(rounds != std::string::npos);
    const std::size_t version = older.find("\"cereal_class_version\": 3", rounds);
    REQUIRE(version == older.find("\"cereal_class_version\"", rounds));
    older.replace(version, std::string("\"cereal_class_version\": 3").size(), "\"cereal_class_version\": 2");
    REQUIRE(older.find("round_harvest") == std::string::npos);

    Snapshot snapshot = parseSnapshot(older, "old.wcafe");
    CHECK(snapshot.session.rounds.roundHarvestMinutes == 0);
    CHECK(snapshot.session.rounds == session.rounds);

    // And a set one survives a save and a load, in snapshots and in the journal.
    session.rounds.roundHarvestMinutes = 7;
    CHECK(parseSnapshot(formatSnapshot(session, 1), "new.wcafe").session.rounds.roundHarvestMinutes == 7);
    const Action action = SetRoundSettings{session.rounds};
    CHECK(parseActionJson(formatActionJson(action), "journal") == action);
}

TEST_CASE("format: empty sessions and extreme sequence numbers round-trip") {
    for (std::uint64_t sequence : {std::uint64_t{0}, std::uint64_t{1}, std::numeric_limits<std::uint64_t>::max()}) {
        CAPTURE(sequence);
        Snapshot empty = parseSnapshot(formatSnapshot(Session{}, sequence), "empty.wcafe");
        CHECK(empty.session == Session{});
        CHECK(empty.sequence == sequence);
    }
}

TEST_CASE("format: every action alternative round-trips through the journal's JSON") {
    std::vector<Action> actions = formatSampleActions();
    std::set<std::size_t> alternatives;
    for (const Action& action : actions) alternatives.insert(action.value.index());
    CHECK(alternatives.size() == std::variant_size_v<ActionVariant>);
    for (const Action& action : actions) {
        CAPTURE(actionTypeName(action));
        std::string json = formatActionJson(action);
        CAPTURE(json);
        CHECK(json.find(std::string("\"") + actionTypeName(action) + "\"") != std::string::npos);
        Action parsed = parseActionJson(json, "cafe.wcafe.journal");
        CHECK(parsed.value.index() == action.value.index());
        CHECK(parsed == action);
        CHECK(formatActionJson(parsed) == json);
    }
}

TEST_CASE("format: a nested batch keeps its structure and order") {
    std::vector<Action> actions = formatSampleActions();
    const Action& batchAction = *std::find_if(actions.begin(), actions.end(), [](const Action& action) {
        return std::holds_alternative<Batch>(action.value);
    });
    Action parsed = parseActionJson(formatActionJson(batchAction), "j");
    REQUIRE(std::holds_alternative<Batch>(parsed.value));
    const Batch& batch = std::get<Batch>(parsed.value);
    CHECK(batch.label == "import 2 participants");
    REQUIRE(batch.actions.size() == 3);
    CHECK(std::holds_alternative<Put<Participant>>(batch.actions[0].value));
    REQUIRE(std::holds_alternative<Batch>(batch.actions[1].value));
    const Batch& inner = std::get<Batch>(batch.actions[1].value);
    CHECK(inner.label == "내부");
    REQUIRE(inner.actions.size() == 3);
    CHECK(inner.actions[0] == Action{Remove<Rule>{2}});
    CHECK(inner.actions[1] == Action{PopTimeline{}});
    CHECK(std::holds_alternative<Put<Note>>(inner.actions[2].value));
    CHECK(std::holds_alternative<SetEvent>(batch.actions[2].value));
}

TEST_CASE("format: the snapshot text is readable and identifies itself first") {
    const std::string& text = fullText();
    CHECK(text.rfind("{\n  \"format\": \"worldcafe-session\",\n  \"version\": 1,\n", 0) == 0);
    CHECK(text.find("\"cereal_class_version\"") != std::string::npos);
    CHECK(text.find("\"sequence\": 4242") != std::string::npos);
    // Indented, one field a line.
    CHECK(text.find("\n  \"session\": {\n") != std::string::npos);
    CHECK(text.find("\n        \"name\": \"김민수\",\n") != std::string::npos);
    // Korean and emoji are written as they are, not as \u escapes.
    CHECK(text.find("\"title\": \"2025 수원 미래 카페 \\\"함께\\\"\"") != std::string::npos);
    CHECK(text.find("Care 🙂") != std::string::npos);
    CHECK(text.find("\\u") == std::string::npos);
    // Enums and colours as words and #RRGGBB.
    CHECK(text.find("\"colour\": \"#E69F00\"") != std::string::npos);
    CHECK(text.find("\"colour\": \"#000000\"") != std::string::npos);
    CHECK(text.find("\"colour\": \"#FFFFFF\"") != std::string::npos);
    CHECK(text.find("\"role\": \"host\"") != std::string::npos);
    CHECK(text.find("\"role\": \"guest\"") != std::string::npos);
    CHECK(text.find("\"kind\": \"together\"") != std::string::npos);
    CHECK(text.find("\"kind\": \"apart\"") != std::string::npos);
    for (const char* kind : {"start", "pause", "resume", "extend", "skip", "back", "finish"})
        CHECK(text.find(std::string("\"kind\": \"") + kind + "\"") != std::string::npos);
    CHECK(text.back() == '\n');
}

TEST_CASE("format: a wrong-typed field names its path and is located at its key") {
    // participants[3] is O'Brien.
    const std::string needle = "\"name\": \"O'Brien\"";
    TextPosition at = positionOf(fullText(), needle);
    InputError e = parseError(replaced(fullText(), needle, "\"name\": 42"));
    CHECK(e.detail == "session.participants[3].name: expected a string, found an integer");
    CHECK(e.line == at.line);
    CHECK(e.column == at.column);
    CHECK(e.file == "cafe.wcafe");
    CHECK(std::string(e.what()) ==
          "cafe.wcafe:" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + e.detail);

    SUBCASE("an object where a string belongs, after Korean text on earlier lines") {
        const std::string title = "\"title\": \"Education\"";
        TextPosition titleAt = positionOf(fullText(), title);
        InputError e2 = parseError(replaced(fullText(), title, "\"title\": {}"));
        CHECK(e2.detail == "session.menus[1].title: expected a string, found an object");
        CHECK(e2.line == titleAt.line);
    }
    SUBCASE("a string where true or false belongs") {
        const std::string locked = "\"locked\": false";
        TextPosition lockedAt = positionOf(fullText(), locked);
        InputError e3 = parseError(replaced(fullText(), locked, "\"locked\": \"no\""));
        CHECK(e3.detail == "session.plan[1].locked: expected true or false, found a string");
        CHECK(e3.line == lockedAt.line);
    }
    SUBCASE("an object where a list belongs") {
        const std::string rules = "\"rules\": [";
        TextPosition rulesAt = positionOf(fullText(), rules);
        InputError e4 = parseError(replaced(fullText(), rules, "\"rules\": {\"x\": 1}, \"unused\": ["));
        CHECK(e4.detail == "session.rules: expected an array, found an object");
        CHECK(e4.line == rulesAt.line);
    }
}

TEST_CASE("format: an unknown enum value lists the accepted ones") {
    SUBCASE("role") {
        const std::string needle = "\"role\": \"guest\"";
        TextPosition at = positionOf(fullText(), needle);
        InputError e = parseError(replaced(fullText(), needle, "\"role\": \"moderator\""));
        CHECK(e.detail == "session.participants[1].role: \"moderator\" is not one of \"guest\", \"host\"");
        CHECK(e.line == at.line);
        CHECK(e.column == at.column);
    }
    SUBCASE("rule kind") {
        const std::string needle = "\"kind\": \"together\"";
        TextPosition at = positionOf(fullText(), needle);
        InputError e = parseError(replaced(fullText(), needle, "\"kind\": \"Together\""));
        CHECK(e.detail == "session.rules[1].kind: \"Together\" is not one of \"apart\", \"together\"");
        CHECK(e.line == at.line);
    }
    SUBCASE("timeline kind") {
        const std::string needle = "\"kind\": \"skip\"";
        TextPosition at = positionOf(fullText(), needle);
        InputError e = parseError(replaced(fullText(), needle, "\"kind\": \"rewind\""));
        CHECK(e.detail.rfind("session.timeline[5].kind: \"rewind\" is not one of \"start\", ", 0) == 0);
        CHECK(e.detail.find("\"finish\"") != std::string::npos);
        CHECK(e.line == at.line);
    }
}

TEST_CASE("format: a bad colour is rejected with an example of a good one") {
    const std::string needle = "\"colour\": \"#56B4E9\"";
    std::string text = formatSnapshot([] {
        Session s = fullSession();
        s.menus[2].colour = 0x56B4E9;
        return s;
    }(), 1);
    TextPosition at = positionOf(text, needle);
    for (const char* bad : {"#12345G", "blue", "#12345", "#1234567", "56B4E9", ""}) {
        CAPTURE(bad);
        InputError e = parseError(replaced(text, needle, std::string("\"colour\": \"") + bad + "\""));
        CHECK(e.detail == std::string("session.menus[2].colour: \"") + bad + "\" is not a colour like \"#0072B2\"");
        CHECK(e.line == at.line);
    }
    // Lower-case hex digits are a colour.
    Snapshot lower = parseSnapshot(replaced(text, needle, "\"colour\": \"#56b4e9\""), "cafe.wcafe");
    CHECK(lower.session.menus[2].colour == 0x56B4E9);
}

TEST_CASE("format: a colour must be '#' and exactly six hex digits") {
    const std::string needle = "\"colour\": \"#E69F00\"";
    for (const char* bad : {"#-00001", "#+12345", "#0x1234", "# 12345", "#-FFFFF"}) {
        CAPTURE(bad);
        std::string text = replaced(fullText(), needle, std::string("\"colour\": \"") + bad + "\"");
        try {
            Snapshot s = parseSnapshot(text, "cafe.wcafe");
            FAIL_CHECK("accepted as colour ", std::to_string(s.session.menus[0].colour));
        } catch (const InputError& e) {
            CHECK(e.detail.find("is not a colour") != std::string::npos);
        }
    }
}

TEST_CASE("format: a missing field is reported at the object that lacks it") {
    SUBCASE("in a participant") {
        // participants[1] is Ana María; the error points at her object.
        const std::string needle = "\"affiliation\": \"Universidad\",";
        std::size_t open = fullText().rfind('{', fullText().find(needle));
        TextPosition objectAt = positionOf(fullText(), open);
        std::string text = replaced(fullText(), needle, "");
        InputError e = parseError(text);
        CHECK(e.detail == "session.participants[1]: missing \"affiliation\"");
        CHECK(e.line == objectAt.line);
    }
    SUBCASE("in the session") {
        std::string text = replaced(fullText(), "\"rounds\": {", "\"roundz\": {");
        InputError e = parseError(text);
        CHECK(e.detail == "session: missing \"rounds\"");
        CHECK(e.line == positionOf(fullText(), "\"session\": {").line);
    }
    SUBCASE("at the top") {
        std::string text = replaced(fullText(), "\"sequence\": 4242,", "");
        InputError e = parseError(text);
        CHECK(e.detail.find("missing \"sequence\"") != std::string::npos);
    }
}

TEST_CASE("format: a syntax error gives the line and column of the error") {
    SUBCASE("a missing comma") {
        std::string text = replaced(fullText(), "\"version\": 1,", "\"version\": 1");
        InputError e = parseError(text);
        CHECK(e.line == 4);
        CHECK(e.column == 3);
        CHECK(e.detail.rfind("not valid JSON: ", 0) == 0);
        CHECK(e.detail.find("comma") != std::string::npos);
    }
    SUBCASE("after Korean text on the same line: columns count characters, not bytes") {
        std::string text = replaced(fullText(), "\"name\": \"김민수\",", "\"name\": \"김민수\" ]");
        TextPosition at = positionOf(text, "\"name\": \"김민수\" ]");
        InputError e = parseError(text);
        CHECK(e.line == at.line);
        CHECK(e.column == 9 + 14);  // the ']' after 8 spaces and `"name": "김민수" `
        CHECK(e.column == at.column + 14);
        CHECK(e.detail.rfind("not valid JSON: ", 0) == 0);
    }
    SUBCASE("text after the document") {
        InputError e = parseError(fullText() + "x");
        CHECK(e.line == positionOf(fullText(), fullText().size()).line);
        CHECK(e.detail.rfind("not valid JSON: ", 0) == 0);
    }
    SUBCASE("an unquoted key") {
        std::string text = replaced(fullText(), "\"sequence\": 4242", "sequence: 4242");
        InputError e = parseError(text);
        CHECK(e.line == 4);
        CHECK(e.column == 3);
    }
}

TEST_CASE("format: a truncated or empty file says so") {
    SUBCASE("cut in half") {
        std::string text = fullText().substr(0, fullText().size() / 2);
        InputError e = parseError(text);
        CHECK(e.detail.find("truncated") != std::string::npos);
        CHECK(e.line == positionOf(text, text.size()).line);
    }
    SUBCASE("cut inside a Korean character") {
        std::size_t cut = fullText().find("김민수") + 1;
        InputError e = parseError(fullText().substr(0, cut));
        CHECK(e.detail.find("truncated") != std::string::npos);
    }
    SUBCASE("cut at every line end") {
        for (std::size_t end = fullText().find('\n'); end + 1 < fullText().size(); end = fullText().find('\n', end + 1)) {
            CAPTURE(end);
            InputError e = parseError(fullText().substr(0, end));
            CHECK(e.detail.find("truncated") != std::string::npos);
            if (end > 2000) break;
        }
    }
    SUBCASE("empty") {
        InputError e = parseError("");
        CHECK(e.detail == "not valid JSON: the file is empty");
        InputError blank = parseError("  \n\t\n");
        CHECK(blank.detail == "not valid JSON: the file is empty");
    }
}

TEST_CASE("format: deep nesting is refused without a crash") {
    const std::string message = "nested more than 64 levels deep; not a session file";
    SUBCASE("100000 opening brackets") {
        InputError e = parseError(std::string(100000, '['));
        CHECK(e.detail == message);
        CHECK(e.line == 1);
        CHECK(e.column == 65);
    }
    SUBCASE("100000 balanced brackets") {
        InputError e = parseError(std::string(100000, '[') + std::string(100000, ']'));
        CHECK(e.detail == message);
    }
    SUBCASE("inside a session") {
        std::string text = replaced(fullText(), "\"rules\": [", "\"unused\": " + std::string(100000, '[') + std::string(100000, ']') + ", \"rules\": [");
        InputError e = parseError(text);
        CHECK(e.detail == message);
        CHECK(e.line == positionOf(text, "\"unused\"").line);
    }
    SUBCASE("in a journalled action") {
        CHECK_THROWS_WITH_AS(parseActionJson(std::string(100000, '['), "j"), doctest::Contains(message.c_str()), InputError);
        CHECK_THROWS_WITH_AS(parseActionJson("{\"action\": " + std::string(100000, '['), "j"),
                             doctest::Contains(message.c_str()), InputError);
    }
}

TEST_CASE("format: a file that is not a worldcafe session is refused") {
    SUBCASE("a different format") {
        InputError e = parseError(replaced(fullText(), "\"worldcafe-session\"", "\"worldcafe-template\""));
        CHECK(e.detail == "not a worldcafe session (format \"worldcafe-template\"; expected \"worldcafe-session\")");
    }
    SUBCASE("no format") {
        InputError e = parseError(replaced(fullText(), "\"format\": \"worldcafe-session\",", ""));
        CHECK(e.detail.find("no \"format\" field") != std::string::npos);
    }
    SUBCASE("other JSON") {
        CHECK(parseError("[1, 2, 3]").detail.find("not a worldcafe session") != std::string::npos);
        CHECK(parseError("{\"format\": 1}").detail.find("not a worldcafe session") != std::string::npos);
    }
    SUBCASE("version zero or missing") {
        CHECK(parseError(replaced(fullText(), "\"version\": 1", "\"version\": 0")).detail.find("version") !=
              std::string::npos);
        CHECK(parseError(replaced(fullText(), "\"version\": 1,", "")).detail.find("version") != std::string::npos);
    }
}

TEST_CASE("format: a newer version is refused with NewerVersionError unless asked to accept it") {
    std::string newer = replaced(fullText(), "\"version\": 1,", "\"version\": 2,");
    CHECK_THROWS_AS(parseSnapshot(newer, "cafe.wcafe"), NewerVersionError);
    try {
        parseSnapshot(newer, "cafe.wcafe");
    } catch (const NewerVersionError& e) {
        CHECK(e.fileVersion == 2);
        CHECK(e.supportedVersion == kSessionFormatVersion);
        CHECK(e.file == "cafe.wcafe");
        CHECK(e.detail.find("read-only") != std::string::npos);
        const InputError& asInput = e;  // callers that catch InputError see it too
        CHECK(asInput.detail == e.detail);
    }
    // A newer version is refused before anything in it is read.
    CHECK_THROWS_AS(parseSnapshot(replaced(newer, "\"name\": \"김민수\"", "\"name\": 5"), "cafe.wcafe"),
                    NewerVersionError);
}

TEST_CASE("format: acceptNewer loads a newer file that only adds fields") {
    std::string newer = replaced(fullText(), "\"version\": 1,", "\"version\": 3,");
    newer = replaced(newer, "\"sequence\": 4242,", "\"sequence\": 4242,\n  \"signature\": {\"alg\": \"x\", \"v\": [1, 2]},");
    newer = replaced(newer, "\"tables\": [", "\"rooms\": [\"A\", \"B\"],\n    \"tables\": [");
    newer = replaced(newer, "\"name\": \"Ana María\",", "\"pronouns\": \"she\",\n        \"name\": \"Ana María\",");
    newer = replaced(newer, "\"name\": \"O'Brien\",", "\"name\": \"O'Brien\",\n        \"email\": null,");
    Snapshot snapshot = parseSnapshot(newer, "cafe.wcafe", true);
    CHECK(snapshot.version == 3);
    CHECK(snapshot.sequence == 4242);
    CHECK(snapshot.session == fullSession());
    // Accepting newer files still checks what it reads.
    CHECK_THROWS_AS(parseSnapshot(replaced(newer, "\"name\": \"김민수\"", "\"name\": 5"), "cafe.wcafe", true),
                    InputError);
    // And a current file loads the same with or without the flag.
    CHECK(parseSnapshot(fullText(), "cafe.wcafe", true).session == fullSession());
    CHECK(parseSnapshot(fullText(), "cafe.wcafe", true).version == 1);
}

TEST_CASE("format: a journalled action with an unknown type or missing data is refused") {
    std::string json = formatActionJson(Remove<Participant>{17});
    InputError unknown = [&] {
        try {
            parseActionJson(replaced(json, "\"remove_participant\"", "\"teleport_participant\""), "j");
        } catch (const InputError& e) {
            return e;
        }
        FAIL("parsed");
        return InputError("", "");
    }();
    CHECK(unknown.detail == "action.type: unknown action type \"teleport_participant\"");
    CHECK(unknown.line == positionOf(json, "\"type\"").line);
    CHECK_THROWS_AS(parseActionJson(json.substr(0, json.size() - 3), "j"), InputError);
    CHECK_THROWS_AS(parseActionJson("", "j"), InputError);
}

TEST_CASE("format: a wrong-typed number field says which type was expected") {
    CHECK(parseError(replaced(fullText(), "\"count\": 4", "\"count\": \"4\"")).detail ==
          "session.rounds.count: expected an integer, found a string");
    CHECK(parseError(replaced(fullText(), "\"count\": 4", "\"count\": 4.5")).detail ==
          "session.rounds.count: expected an integer, found a fractional number");
    CHECK(parseError(replaced(fullText(), "\"id\": 17,", "\"id\": \"17\",")).detail ==
          "session.participants[3].id: expected an integer, found a string");
    CHECK(parseError(replaced(fullText(), "\"sequence\": 4242", "\"sequence\": -1")).detail ==
          "sequence: expected a non-negative integer, found a negative integer");
}

TEST_CASE("format: an error in an array element points at the element itself") {
    SUBCASE("a missing field is reported at the '{' of its object") {
        const std::string needle = "\"affiliation\": \"Universidad\",";
        std::size_t open = fullText().rfind('{', fullText().find(needle));
        TextPosition objectAt = positionOf(fullText(), open);
        InputError e = parseError(replaced(fullText(), needle, ""));
        CHECK(e.line == objectAt.line);
        CHECK(e.column == objectAt.column);
    }
    SUBCASE("a number where a participant belongs") {
        std::string text = replaced(fullText(), "\"participants\": [", "\"participants\": [ 5,");
        TextPosition at = positionOf(text, "[ 5,");
        InputError e = parseError(text);
        CHECK(e.detail == "session.participants[0]: expected an object, found an integer");
        CHECK(e.line == at.line);
        CHECK(e.column == at.column + 2);
    }
    SUBCASE("an element at the start of a line") {
        std::string text = replaced(fullText(), "\"seats\": [", "\"seats\": [\n\"x\",");
        TextPosition at = positionOf(text, "\n\"x\",");
        InputError e = parseError(text);
        CHECK(e.detail == "session.plan[0].seats[0]: expected an object, found a string");
        CHECK(e.line == at.line + 1);
        CHECK(e.column == 1);
    }
}

TEST_CASE("format: an array where an object belongs says an object was expected") {
    std::string text = "{\"format\": \"worldcafe-session\", \"version\": 1, \"sequence\": 1, \"session\": []}";
    InputError e = parseError(text);
    CHECK(e.detail.find("cereal_class_version") == std::string::npos);
    CHECK(e.detail == "session: expected an object, found an array");
}

// [SECTION] crafted numbers (issue 9, item 4)

namespace {

// RapidJSON 1.1.0's full-precision strtod crashed on these (Tencent/rapidjson#1251).
const std::string kManyZeros = "0." + std::string(350, '0') + "1";
const std::string kTinyExponent = "128.74836467836484838364836483643636483648e-336";

enum ChildOutcome { kLocatedIntegerError = 0, kOtherError = 1, kLoaded = 2, kWrongLocation = 3 };

// Runs `load` in a forked child, so that a crash fails this test instead of killing the runner.
// Returns the child's exit code, or 128 + signal.
template <class Load>
int outcomeInChild(Load load) {
    std::fflush(stdout);
    std::fflush(stderr);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) ::_exit(load());
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("format: a crafted number where an integer belongs is a located error, not a crash") {
    for (const std::string& number : {kManyZeros, kTinyExponent}) {
        CAPTURE(number.substr(0, 12));
        {  // in a snapshot
            const std::string text = replaced(fullText(), "\"count\": 4", "\"count\": " + number);
            const TextPosition at = positionOf(text, "\"count\": ");
            int outcome = outcomeInChild([&] {
                try {
                    parseSnapshot(text, "cafe.wcafe");
                } catch (const InputError& e) {
                    if (e.detail != "session.rounds.count: expected an integer, found a fractional number")
                        return kOtherError;
                    return e.line == at.line && e.column == at.column ? kLocatedIntegerError : kWrongLocation;
                } catch (...) {
                    return kOtherError;
                }
                return kLoaded;
            });
            CHECK(outcome == kLocatedIntegerError);
        }
        {  // in a journalled action
            const std::string json = formatActionJson(Remove<Participant>{17});
            const std::string text = replaced(json, "17", number);
            const TextPosition at = positionOf(text, "\"key\"");
            int outcome = outcomeInChild([&] {
                try {
                    parseActionJson(text, "cafe.wcafe.journal");
                } catch (const InputError& e) {
                    if (e.detail.find("expected an integer, found a fractional number") == std::string::npos)
                        return kOtherError;
                    return e.line == at.line && e.column == at.column ? kLocatedIntegerError : kWrongLocation;
                } catch (...) {
                    return kOtherError;
                }
                return kLoaded;
            });
            CHECK(outcome == kLocatedIntegerError);
        }
        {  // where no value is read: an unknown key is ignored
            const std::string text = replaced(fullText(), "\"sequence\": 4242", "\"extra\": " + number + ", \"sequence\": 4242");
            int outcome = outcomeInChild([&] {
                try {
                    return parseSnapshot(text, "cafe.wcafe").session == fullSession() ? kLoaded : kOtherError;
                } catch (...) {
                    return kOtherError;
                }
            });
            CHECK(outcome == kLoaded);
        }
    }
}

TEST_CASE("cli: check refuses a session with a crafted number, with line and column, and does not crash") {
    test::TempDir dir;
    const std::string sample = test::readBytes(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions/community-climate-cafe.wcafe");
    const std::string text = replaced(sample, "\"sequence\": 3", "\"sequence\": " + kManyZeros);
    test::writeBytes(dir / "crafted.wcafe", text);
    auto result = test::runWorldcafe({"check", "crafted.wcafe"}, dir.path());
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("crafted.wcafe:4:3: sequence: expected a non-negative integer, found a fractional number") !=
          std::string::npos);
    CHECK(test::readBytes(dir / "crafted.wcafe") == text);
}

// [SECTION] text that is not UTF-8 or holds a NUL (issue 9, item 5)

TEST_CASE("format: a snapshot with invalid UTF-8 or a NUL is refused at the offending character") {
    SUBCASE("a flipped byte in a Korean note") {
        std::string text = fullText();
        const std::size_t at = text.find("더 많은 녹지") + 1;  // the second byte of 더
        text[at] = static_cast<char>(text[at] ^ 0x40);
        const TextPosition expected = positionOf(text, at - 1);
        InputError e = parseError(text);
        CHECK(e.detail.rfind("not valid UTF-8 (byte 0x", 0) == 0);
        CHECK(e.line == expected.line);
        CHECK(e.column == expected.column);
    }
    SUBCASE("a raw NUL inside a name") {
        std::string text = replaced(fullText(), "\"name\": \"김민수\"", std::string("\"name\": \"김민\0수\"", 20));
        const TextPosition expected = positionOf(text, "\"name\": \"김민") ;
        InputError e = parseError(text);
        CHECK(e.detail.find("NUL") != std::string::npos);
        CHECK(e.line == expected.line);
        CHECK(e.column == expected.column + 11);
    }
    SUBCASE("an escaped NUL inside a name") {
        std::string text = replaced(fullText(), "\"name\": \"김민수\"", "\"name\": \"김민\\u0000수\"");
        const TextPosition expected = positionOf(text, "\"김민\\u0000");
        InputError e = parseError(text);
        CHECK(e.detail == "a string holds \\u0000 (NUL), which text cannot hold");
        CHECK(e.line == expected.line);
        CHECK(e.column == expected.column);
    }
    SUBCASE("an escaped NUL inside a key") {
        std::string text = replaced(fullText(), "\"name\": \"김민수\"", "\"na\\u0000me\": \"김민수\"");
        CHECK(parseError(text).detail.find("NUL") != std::string::npos);
    }
    SUBCASE("an unpaired surrogate escape") {
        std::string text = replaced(fullText(), "\"name\": \"김민수\"", "\"name\": \"\\udc00\"");
        CHECK(parseError(text).detail.find("surrogate") != std::string::npos);
    }
}

TEST_CASE("format: a journalled action with invalid UTF-8 or a NUL is refused") {
    Session s = fullSession();
    const std::string json = formatActionJson(Put<Note>{s.notes[0], 0});
    std::string flipped = json;
    const std::size_t at = flipped.find("녹지") + 2;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x40);
    CHECK_THROWS_WITH_AS(parseActionJson(flipped, "j"), doctest::Contains("not valid UTF-8"), InputError);
    CHECK_THROWS_WITH_AS(parseActionJson(replaced(json, "녹지", "녹\\u0000지"), "j"), doctest::Contains("NUL"), InputError);
    CHECK_THROWS_WITH_AS(parseActionJson(replaced(json, "녹지", std::string("녹\0지", 7)), "j"), doctest::Contains("NUL"),
                         InputError);
    // The escapes a valid note can hold still load: a pair of surrogates is one code point.
    Action back = parseActionJson(replaced(json, "녹지", "녹\\ud83d\\ude42지"), "j");
    CHECK(std::get<Put<Note>>(back.value).item.text == "더 많은 녹🙂지");
}

TEST_CASE("cli: check refuses a session whose Korean note has a flipped byte, at its line and column") {
    test::TempDir dir;
    std::string text = test::readBytes(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions/green-procurement-2019.wcafe");
    const std::size_t note = text.find("\"text\": \"");
    REQUIRE(note != std::string::npos);
    std::size_t at = note;
    while (static_cast<unsigned char>(text[at]) < 0x80) ++at;  // the first non-ASCII character
    text[at + 1] = static_cast<char>(text[at + 1] ^ 0x40);
    const TextPosition expected = positionOf(text, at);
    test::writeBytes(dir / "flipped.wcafe", text);
    auto result = test::runWorldcafe({"check", "flipped.wcafe"}, dir.path());
    CHECK(result.exitCode == 2);
    const std::string location =
        "flipped.wcafe:" + std::to_string(expected.line) + ":" + std::to_string(expected.column) + ": not valid UTF-8";
    CHECK_MESSAGE(result.err.find(location) != std::string::npos, result.err);
    CHECK(test::readBytes(dir / "flipped.wcafe") == text);
}

// [SECTION] the fuzz corpus as regression tests: every seed and every finding of tests/fuzz, through the real loaders

namespace {

std::vector<std::filesystem::path> corpusFiles(const std::string& target) {
    const std::filesystem::path folder = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "tests/fuzz/corpus" / target;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("fuzz corpus: every snapshot input loads and round-trips, or is refused with an InputError") {
    const auto files = corpusFiles("snapshot");
    CHECK(files.size() >= 2);
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        const std::string bytes = test::readBytes(file);
        try {
            const Snapshot snapshot = parseSnapshot(bytes, file, !bytes.empty() && bytes[0] == ' ');
            CHECK(parseSnapshot(formatSnapshot(snapshot.session, snapshot.sequence), file).session == snapshot.session);
        } catch (const InputError&) {
        }
    }
}

TEST_CASE("fuzz corpus: every journal record input loads and round-trips, or is refused with an InputError") {
    for (const std::string target : {"action_json", "apply_action"}) {
        const auto files = corpusFiles(target);
        CHECK(files.size() >= 2);
        for (const auto& file : files) {
            CAPTURE(file.string());
            try {
                const Action action = parseActionJson(test::readBytes(file), file);
                CHECK(parseActionJson(formatActionJson(action), file) == action);
            } catch (const InputError&) {
            }
        }
    }
}

TEST_CASE("fuzz corpus: every action applied to the sample is rejected cleanly or undone exactly") {
    const std::filesystem::path sampleFile = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions/green-procurement-2019.wcafe";
    const Session sample = parseSnapshot(test::readBytes(sampleFile), sampleFile).session;
    int applied = 0;
    for (const auto& file : corpusFiles("apply_action")) {
        CAPTURE(file.filename().string());
        Action action;
        try {
            action = parseActionJson(test::readBytes(file), file);
        } catch (const InputError&) {
            continue;
        }
        Session session = sample;
        try {
            const Action inverse = applyAction(session, action);
            ++applied;
            CHECK(parseSnapshot(formatSnapshot(session, 1), file).session == session);
            applyAction(session, inverse);
        } catch (const ActionRejected&) {
        }
        CHECK(session == sample);
    }
    CHECK(applied >= 1);
}

TEST_CASE("format: journal records and snapshots are byte for byte what worldcafe wrote before the buffered writer") {
    // tests/data/format/README.md: made from the same sample by the core as it was before the JSON writer buffered.
    const std::filesystem::path source = std::filesystem::path(WORLDCAFE_SOURCE_DIR);
    const std::string sample = test::readBytes(source / "sessions/green-procurement-2019.wcafe");
    const Snapshot snapshot = parseSnapshot(sample, "green-procurement-2019.wcafe");
    Batch batch{"import everyone again", {}};
    for (const Participant& p : snapshot.session.participants) batch.actions.push_back(Put<Participant>{p});
    for (const Note& n : snapshot.session.notes) batch.actions.push_back(Put<Note>{n});
    const std::string journal = formatActionJson(Action(batch)) + '\n' +
                                formatActionJson(Action(Put<Participant>{snapshot.session.participants.front()})) + '\n';
    CHECK(journal.size() > 32 * 1024);  // more than one buffer's worth
    CHECK(journal == test::readBytes(source / "tests/data/format/journal-before-buffering.golden"));
    CHECK(formatSnapshot(snapshot.session, 123456) ==
          test::readBytes(source / "tests/data/format/snapshot-before-buffering.golden"));
    // And the sample itself, written by the app before, comes back the same.
    CHECK(formatSnapshot(snapshot.session, snapshot.sequence) == sample);
}
