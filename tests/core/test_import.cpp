// Registration lists as organisers have them: their own ids, extra columns, Excel's encodings and separators.
#include <doctest/doctest.h>

#include <iconv.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "session_format.hpp"
#include "test_support.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

using namespace worldcafe;

namespace {

const std::filesystem::path kPeopleFile = "people.csv";

// The test files are written here from UTF-8 with glibc's iconv, the way Excel would save them.
std::string encode(std::string_view utf8, const char* to) {
    iconv_t cd = ::iconv_open(to, "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t inLeft = utf8.size();
    char* outPtr = out.data();
    std::size_t outLeft = out.size();
    const std::size_t result = ::iconv(cd, &in, &inLeft, &outPtr, &outLeft);
    ::iconv_close(cd);
    REQUIRE(result != static_cast<std::size_t>(-1));
    out.resize(out.size() - outLeft);
    return out;
}

std::optional<InputError> importError(std::string_view bytes) {
    try {
        parseParticipantsCsv(bytes, kPeopleFile);
    } catch (const InputError& error) {
        return error;
    }
    return std::nullopt;
}

std::vector<std::string> names(const ParticipantImport& import) {
    std::vector<std::string> out;
    for (const Participant& participant : import.participants) out.push_back(participant.name);
    return out;
}

}  // namespace

TEST_CASE("import: registration codes in the id column are kept as external ids, people numbered in row order") {
    const auto import = parseParticipantsCsv("id,name,affiliation\nS-0001,김민수,수원시\nS-0002,이영희,\n,박지훈,\n", kPeopleFile);
    REQUIRE(import.participants.size() == 3);
    CHECK(import.participants[0].id == 1);
    CHECK(import.participants[0].externalId == "S-0001");
    CHECK(import.participants[1].id == 2);
    CHECK(import.participants[1].externalId == "S-0002");
    CHECK(import.participants[2].id == 3);
    CHECK(import.participants[2].externalId.empty());
    CHECK(import.warnings.empty());

    SUBCASE("e-mail addresses and zero-padded numbers are codes too, numbered after firstFreeId") {
        const auto mails = parseParticipantsCsv("이메일,이름\nkim@example.com,김민수\n007,Bond\n", kPeopleFile, 40);
        REQUIRE(mails.participants.size() == 2);
        // A column named 이메일 is not the id column: it stays as an extra column.
        CHECK(mails.participants[0].externalId.empty());
        const auto codes = parseParticipantsCsv("아이디,이름\nkim@example.com,김민수\n007,Bond\n", kPeopleFile, 40);
        CHECK(codes.participants[0].id == 40);
        CHECK(codes.participants[0].externalId == "kim@example.com");
        CHECK(codes.participants[1].id == 41);
        CHECK(codes.participants[1].externalId == "007");
    }
    SUBCASE("plain numbers stay worldcafe's own ids, as before") {
        const auto numbers = parseParticipantsCsv("id,name\n7,a\n3,b\n", kPeopleFile);
        CHECK(numbers.participants[0].id == 7);
        CHECK(numbers.participants[0].externalId.empty());
    }
    SUBCASE("a code used twice names both lines") {
        const auto error = importError("name,id\na,S-1\nb,S-2\nc,S-1\n");
        REQUIRE(error);
        CHECK(error->line == 4);
        CHECK(error->column == 3);
        CHECK(error->detail.find("'S-1' is used twice, on line 2 and line 4") != std::string::npos);
    }
    SUBCASE("beside an external_id column, the id column must hold numbers") {
        const auto error = importError("id,external_id,name\nx,S-1,a\n");
        REQUIRE(error);
        CHECK(error->line == 2);
        CHECK(error->column == 1);
        CHECK(error->detail.find("external_id") != std::string::npos);
    }
}

TEST_CASE("import: extra columns stay with the participant and the export writes them and the codes back") {
    const std::string csv = "id,name,email,affiliation,Phone,\n"
                            "S-0001,김민수,kim@example.com,수원시,+82 10-1234-5678,\n"
                            "S-0002,이영희,,서귀포시,010-9999-0000,\n";
    const auto import = parseParticipantsCsv(csv, kPeopleFile);
    CHECK(import.warnings == std::vector<std::string>{"line 1: column 6 has no name and is ignored"});
    REQUIRE(import.participants.size() == 2);
    CHECK(import.participants[0].extra ==
          std::vector<ExtraField>{{"email", "kim@example.com"}, {"Phone", "+82 10-1234-5678"}});
    CHECK(import.participants[1].extra == std::vector<ExtraField>{{"Phone", "010-9999-0000"}});
    CHECK(emailOf(import.participants[0]) == "kim@example.com");
    CHECK(emailOf(import.participants[1]).empty());

    const std::string exported = formatParticipantsCsv(import.participants);
    CHECK(exported == "id,name,affiliation,role,table,from_round,until_round,external_id,email,Phone\n"
                      "1,김민수,수원시,guest,,,,S-0001,kim@example.com,'+82 10-1234-5678\n"
                      "2,이영희,서귀포시,guest,,,,S-0002,,010-9999-0000\n");
    // Read back, nothing is lost: the numbers are the ids now and the codes come from external_id.
    const auto again = parseParticipantsCsv(exported, kPeopleFile);
    CHECK(again.warnings.empty());
    CHECK(again.participants == import.participants);
}

TEST_CASE("import: external ids and extra columns survive a snapshot; a version-2 participant still loads") {
    Session session;
    session.id = "s";
    Participant kim{1, "김민수", "수원시"};
    kim.externalId = "S-0001";
    kim.extra = {{"email", "kim@example.com"}, {"전화", "010"}};
    Participant lee{2, "이영희", ""};
    session.participants = {kim, lee};
    const std::string text = formatSnapshot(session, 3);
    CHECK(parseSnapshot(text, "x.wcafe").session == session);

    Session withoutExternalIds;
    withoutExternalIds.id = "s";
    withoutExternalIds.participants = {lee};
    std::string older = formatSnapshot(withoutExternalIds, 3);
    for (const char* key : {"\"external_id\"", "\"extra\""}) {
        const std::size_t at = older.find(key);
        REQUIRE(at != std::string::npos);
        const std::size_t lineEnd = older.find('\n', at);
        if (older[lineEnd - 1] == ',') {
            const std::size_t lineStart = older.rfind('\n', at) + 1;
            older.erase(lineStart, lineEnd + 1 - lineStart);
        } else {
            const std::size_t comma = older.rfind(',', at);
            older.erase(comma, lineEnd - comma);
        }
    }
    const std::size_t participants = older.find("\"participants\"");
    const std::size_t version = older.find("\"cereal_class_version\": 3", participants);
    REQUIRE(version != std::string::npos);
    older.replace(version, std::string("\"cereal_class_version\": 3").size(), "\"cereal_class_version\": 2");
    const Snapshot snapshot = parseSnapshot(older, "old.wcafe");
    REQUIRE(snapshot.session.participants.size() == 1);
    CHECK(snapshot.session.participants[0].name == "이영희");
    CHECK(snapshot.session.participants[0].externalId.empty());
    CHECK(snapshot.session.participants[0].extra.empty());
}

TEST_CASE("import: Korean Excel's CSV (CP949) is detected, converted and reported") {
    const std::string utf8 = "이름,소속,이메일\n김민수,수원시청,kim@example.com\n이영희,\"서귀포시, 대정읍\",\n";
    const std::string cp949 = encode(utf8, "CP949");
    REQUIRE_FALSE(isValidUtf8(cp949));
    const auto import = parseParticipantsCsv(cp949, kPeopleFile);
    CHECK(names(import) == std::vector<std::string>{"김민수", "이영희"});
    CHECK(import.participants[1].affiliation == "서귀포시, 대정읍");
    CHECK(emailOf(import.participants[0]) == "kim@example.com");
    REQUIRE_FALSE(import.warnings.empty());
    CHECK(import.warnings.front().find("CP949") != std::string::npos);
    CHECK(import.warnings.front().find("converted to UTF-8") != std::string::npos);
}

TEST_CASE("import: Excel's Unicode text (UTF-16 with BOM, tab-separated) and semicolon-separated files") {
    const std::string utf8 = "이름\t소속\t메모\n김민수\t수원시\t\"a; b, c\"\n이영희\t\t\n";
    SUBCASE("UTF-16LE") {
        const auto import = parseParticipantsCsv("\xFF\xFE" + encode(utf8, "UTF-16LE"), kPeopleFile);
        CHECK(names(import) == std::vector<std::string>{"김민수", "이영희"});
        CHECK(import.participants[0].affiliation == "수원시");
        CHECK(import.participants[0].extra == std::vector<ExtraField>{{"메모", "a; b, c"}});
        REQUIRE_FALSE(import.warnings.empty());
        CHECK(import.warnings.front().find("UTF-16LE") != std::string::npos);
    }
    SUBCASE("UTF-16BE") {
        const auto import = parseParticipantsCsv("\xFE\xFF" + encode(utf8, "UTF-16BE"), kPeopleFile);
        CHECK(names(import) == std::vector<std::string>{"김민수", "이영희"});
    }
    SUBCASE("semicolons, as Excel saves CSV where the decimal mark is a comma") {
        const auto import = parseParticipantsCsv("Name;Affiliation;Table\nJosé;\"Uni, Madrid\";2\nAna;;\n", kPeopleFile);
        CHECK(names(import) == std::vector<std::string>{"José", "Ana"});
        CHECK(import.participants[0].affiliation == "Uni, Madrid");
        CHECK(import.participants[0].table == 2);
        CHECK(import.warnings.empty());
    }
    SUBCASE("an empty field before a quoted one in a tab-separated file") {
        const auto import = parseParticipantsCsv("name\taffiliation\tnote\nA\t\t\"x\"\n", kPeopleFile);
        REQUIRE(import.participants.size() == 1);
        CHECK(import.participants[0].affiliation.empty());
        CHECK(import.participants[0].extra == std::vector<ExtraField>{{"note", "x"}});
    }
}

TEST_CASE("import: a Windows-1252 file is refused with a hint that names Windows-1252, not CP949") {
    const std::string latin = encode("name,affiliation\nJosé Müller,Universität Zürich\nÄrger,Ça va\n", "WINDOWS-1252");
    const auto error = importError(latin);
    REQUIRE(error);
    CHECK(error->line == 2);
    CHECK(error->column == 4);
    CHECK(error->detail.find("Windows-1252") != std::string::npos);
    CHECK(error->detail.find("CP949") == std::string::npos);
    CHECK(error->detail.find("CSV UTF-8") != std::string::npos);

    SUBCASE("UTF-16 without a byte-order mark says so") {
        const auto utf16 = importError(encode("name\nAna\n", "UTF-16LE"));
        REQUIRE(utf16);
        CHECK(utf16->detail.find("UTF-16") != std::string::npos);
    }
}

TEST_CASE("import: a NUL still refused after conversion from UTF-16") {
    const auto error = importError("\xFF\xFE" + encode("name\nA", "UTF-16LE") + std::string("\0\0", 2) +
                                   encode("B\n", "UTF-16LE"));
    REQUIRE(error);
    CHECK(error->detail.find("NUL") != std::string::npos);
    CHECK(error->line == 2);
}

TEST_CASE("import: the progress callback reports rows done, ending at all of them") {
    std::string csv = "name\n";
    for (int i = 0; i < 10000; ++i) csv += "p" + std::to_string(i) + "\n";
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    const auto import = parseParticipantsCsv(csv, kPeopleFile, 1, [&](std::size_t done, std::size_t total) {
        calls.emplace_back(done, total);
    });
    CHECK(import.participants.size() == 10000);
    REQUIRE(calls.size() >= 3);
    CHECK(calls.back() == std::pair<std::size_t, std::size_t>{10000, 10000});
    for (std::size_t i = 1; i < calls.size(); ++i) CHECK(calls[i].first >= calls[i - 1].first);
}

TEST_CASE("cli: plan takes registration codes in the rules and writes them in PLAN.csv and Zoom's files") {
    test::TempDir dir;
    std::string people = "id,name,affiliation,E-mail\n";
    for (int i = 1; i <= 8; ++i) {
        people += "S-000" + std::to_string(i) + ",Person " + std::to_string(i) + ",Org " + std::to_string(i) + "," +
                  (i == 5 ? std::string() : "p" + std::to_string(i) + "@example.com") + "\n";
    }
    test::writeBytes(dir / "people.csv", people);
    test::writeBytes(dir / "rules.csv", "kind,person_a,person_b\napart,S-0001,S-0002\ntogether,S-0003,4\n");
    auto result = test::runWorldcafe({"plan", "--people", "people.csv", "--tables", "2", "--rounds", "2", "--rules",
                                      "rules.csv", "--out", "plan.csv", "--zoom-csv", "zoom"},
                                     dir.path());
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const std::string plan = test::readBytes(dir / "plan.csv");
    CHECK(plan.starts_with("round,table,menu,id,name,affiliation,role,external_id\n"));
    CHECK(plan.find(",Person 1,Org 1,guest,S-0001\n") != std::string::npos);

    for (int round = 1; round <= 2; ++round) {
        const std::string zoom = test::readBytes(dir / "zoom" / ("zoom-round-" + std::to_string(round) + ".csv"));
        CHECK(zoom.starts_with("Pre-assign Room Name,Email Address\n"));
        CHECK(zoom.find("p1@example.com") != std::string::npos);
        CHECK(zoom.find("Table ") != std::string::npos);
        CHECK(std::count(zoom.begin(), zoom.end(), '\n') == 8);  // the header and the 7 people with an e-mail
    }
    CHECK(result.err.find("1 person has no e-mail and is not in the Zoom files") != std::string::npos);
    CHECK(result.err.find("Person 5 (S-0005)") != std::string::npos);

    // Rules name people by code; an unknown code is an error at its line and column.
    test::writeBytes(dir / "bad_rules.csv", "apart,S-0001,S-0099\n");
    auto bad = test::runWorldcafe({"plan", "--people", "people.csv", "--tables", "2", "--rounds", "2", "--rules",
                                   "bad_rules.csv"},
                                  dir.path());
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.find("bad_rules.csv:1:14: person_b: 'S-0099' is neither an id nor an external id") !=
          std::string::npos);

    // The written plan's rounds are kept by --fixed, with codes or numbers in its id column.
    auto again = test::runWorldcafe({"plan", "--people", "people.csv", "--tables", "2", "--rounds", "2", "--fixed",
                                     "plan.csv", "--from-round", "2", "--out", "plan2.csv"},
                                    dir.path());
    INFO(again.err);
    CHECK(again.exitCode == 0);
    const std::string plan2 = test::readBytes(dir / "plan2.csv");
    CHECK(plan2.substr(0, plan2.find("\n2,")) == plan.substr(0, plan.find("\n2,")));
}
