#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "worldcafe/csv.hpp"
#include "test_support.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

using namespace worldcafe;

namespace {

using Records = std::vector<std::vector<std::string>>;

const std::filesystem::path kFile = "people.csv";
using worldcafe::test::kKimMinsuNfd;

std::optional<InputError> csvError(std::string_view bytes) {
    try {
        parseCsv(bytes, kFile);
    } catch (const InputError& error) {
        return error;
    }
    return std::nullopt;
}

std::optional<InputError> participantsError(std::string_view bytes) {
    try {
        parseParticipantsCsv(bytes, kFile);
    } catch (const InputError& error) {
        return error;
    }
    return std::nullopt;
}

Participant csvPerson(ParticipantId id, std::string name, std::string affiliation = {}, Role role = Role::Guest,
                   TableNumber table = kNoTable, RoundNumber fromRound = kNoRound, RoundNumber untilRound = kNoRound) {
    return Participant{id, std::move(name), std::move(affiliation), role, table, fromRound, untilRound};
}

// A scratch file removed when the test ends.
struct TempFile {
    explicit TempFile(std::string_view bytes)
        : path(std::filesystem::temp_directory_path() /
               ("worldcafe_test_csv_" + std::to_string(std::random_device()()) + ".csv")) {
        std::ofstream out(path, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    std::filesystem::path path;
};

}  // namespace

TEST_CASE("csv: plain records") {
    CHECK(parseCsv("", kFile).empty());
    CHECK(parseCsv("a,b,c\n1,2,3\n", kFile) == Records{{"a", "b", "c"}, {"1", "2", "3"}});
    CHECK(parseCsv("a,b", kFile) == Records{{"a", "b"}});
    CHECK(parseCsv("a,\n", kFile) == Records{{"a", ""}});
    CHECK(parseCsv("a,", kFile) == Records{{"a", ""}});
    CHECK(parseCsv(",", kFile) == Records{{"", ""}});
    CHECK(parseCsv(" a , b ", kFile) == Records{{" a ", " b "}});
}

TEST_CASE("csv: line ends, trailing newline and blank lines") {
    CHECK(parseCsv("a\r\nb\r\n", kFile) == Records{{"a"}, {"b"}});
    CHECK(parseCsv("a\rb\r", kFile) == Records{{"a"}, {"b"}});
    CHECK(parseCsv("a\r\nb\nc\rd", kFile) == Records{{"a"}, {"b"}, {"c"}, {"d"}});
    CHECK(parseCsv("a\n", kFile).size() == 1);
    CHECK(parseCsv("\n\na\n\n\r\n\rb\n\n", kFile) == Records{{"a"}, {"b"}});
}

TEST_CASE("csv: quoted fields hold commas, quotes and line breaks") {
    CHECK(parseCsv("a,\"b,c\",d\r\n", kFile) == Records{{"a", "b,c", "d"}});
    CHECK(parseCsv("\"say \"\"hi\"\"\"\n", kFile) == Records{{"say \"hi\""}});
    CHECK(parseCsv("\"\"\n", kFile) == Records{{""}});
    CHECK(parseCsv("\"line 1\nline 2\",x\n", kFile) == Records{{"line 1\nline 2", "x"}});
    CHECK(parseCsv("\"a\r\nb\",\"c\rd\"", kFile) == Records{{"a\r\nb", "c\rd"}});
    CHECK(parseCsv("\"서귀포시, 대정읍\",김민수", kFile) == Records{{"서귀포시, 대정읍", "김민수"}});
    // Blanks around a quoted field are tolerated, as hand-written files have them.
    CHECK(parseCsv("a, \"b, c\" ,d", kFile) == Records{{"a", "b, c", "d"}});
}

TEST_CASE("csv: a UTF-8 BOM is stripped") {
    CHECK(parseCsv("\xEF\xBB\xBFname,소속\r\n", kFile) == Records{{"name", "소속"}});
    CHECK(parseCsv("\xEF\xBB\xBF", kFile).empty());
}

TEST_CASE("csv: fields are normalised to NFC") {
    CHECK(parseCsv(kKimMinsuNfd + ",\"" + kKimMinsuNfd + "\"", kFile) == Records{{"김민수", "김민수"}});
}

TEST_CASE("csv: an unterminated quote names the line and column where the field starts") {
    const auto error = csvError("name,affiliation\n김민수,수원시\n이영희,\"서귀포시\n대정읍\n");
    REQUIRE(error);
    CHECK(error->file == kFile);
    CHECK(error->line == 3);
    CHECK(error->column == 5);
    CHECK(error->detail.find("quote") != std::string::npos);
    CHECK(std::string(error->what()).starts_with("people.csv:3:5: "));
}

TEST_CASE("csv: text after a closing quote is an error at that text") {
    const auto error = csvError("name\n\"김 \"MJ\" 민수\"\n");
    REQUIRE(error);
    CHECK(error->line == 2);
    CHECK(error->column == 5);
}

TEST_CASE("csv: invalid UTF-8 names the line and the character column of the bad byte") {
    SUBCASE("after Hangul") {
        const auto error = csvError("name,affiliation\n김민수,수원\xFF시\n");
        REQUIRE(error);
        CHECK(error->line == 2);
        CHECK(error->column == 7);
        CHECK(error->detail.find("UTF-8") != std::string::npos);
        CHECK(error->detail.find("0xFF") != std::string::npos);
    }
    SUBCASE("lines inside quoted fields and lone CRs count") {
        const auto error = csvError("name\r\"a\r\nb\"\rok\n\xB1\xE8\n");
        REQUIRE(error);
        CHECK(error->line == 5);
        CHECK(error->column == 1);
    }
    SUBCASE("a truncated sequence at the end") {
        const auto error = csvError("name\n김민\xEC\x88");
        REQUIRE(error);
        CHECK(error->line == 2);
        CHECK(error->column == 3);
    }
    SUBCASE("the BOM is not a column") {
        const auto error = csvError("\xEF\xBB\xBF\xC0\x80");
        REQUIRE(error);
        CHECK(error->line == 1);
        CHECK(error->column == 1);
    }
}

TEST_CASE("participants: English headers") {
    const auto import = parseParticipantsCsv("id,name,affiliation,role,table,from_round,until_round\n"
                                             "1,김민수,수원시,host,1,,\n"
                                             "2,이영희,서귀포시,guest,,2,3\n"
                                             "7,Park Jihoon,,,,,\n",
                                             kFile);
    CHECK(import.warnings.empty());
    CHECK(import.participants == std::vector<Participant>{
                                     csvPerson(1, "김민수", "수원시", Role::Host, 1),
                                     csvPerson(2, "이영희", "서귀포시", Role::Guest, kNoTable, 2, 3),
                                     csvPerson(7, "Park Jihoon"),
                                 });
}

TEST_CASE("participants: Korean headers") {
    const std::vector<Participant> expected = {
        csvPerson(1, "김민수", "수원시", Role::Host, 3),
        csvPerson(2, "이영희", "서귀포시", Role::Guest, kNoTable, 2, 3),
    };
    SUBCASE("번호, 이름, 소속, 시작라운드") {
        const auto import = parseParticipantsCsv("번호,이름,소속,역할,테이블,시작라운드,종료라운드\n"
                                                 "1,김민수,수원시,호스트,3,,\n"
                                                 "2,이영희,서귀포시,참가자,,2,3\n",
                                                 kFile);
        CHECK(import.warnings.empty());
        CHECK(import.participants == expected);
    }
    SUBCASE("아이디, 성명, 기관, 참여시작") {
        const auto import = parseParticipantsCsv("아이디,성명,기관,역할,테이블,참여시작,참여종료\n"
                                                 "1,김민수,수원시,진행자,3,,\n"
                                                 "2,이영희,서귀포시,게스트,,2,3\n",
                                                 kFile);
        CHECK(import.warnings.empty());
        CHECK(import.participants == expected);
    }
}

TEST_CASE("participants: header names are matched after trim and case folding, with aliases") {
    const auto import = parseParticipantsCsv(" ID ,Name,Organisation,ROLE,Table,From Round,until-round\n"
                                             "4,김민수,수원시,Host,2,1,2\n",
                                             kFile);
    CHECK(import.warnings.empty());
    CHECK(import.participants == std::vector<Participant>{csvPerson(4, "김민수", "수원시", Role::Host, 2, 1, 2)});
    CHECK(parseParticipantsCsv("Organization,NAME,from-round\n수원시,김민수,2\n", kFile).participants ==
          std::vector<Participant>{csvPerson(1, "김민수", "수원시", Role::Guest, kNoTable, 2)});
    CHECK(parseParticipantsCsv("\u3000이름\u3000\n김민수\n", kFile).participants ==
          std::vector<Participant>{csvPerson(1, "김민수")});
}

TEST_CASE("participants: a BOM and CRLF file as Excel saves it") {
    const auto import = parseParticipantsCsv("\xEF\xBB\xBF이름,소속\r\n김민수,수원시\r\n이영희,서귀포시\r\n", kFile);
    CHECK(import.warnings.empty());
    CHECK(import.participants ==
          std::vector<Participant>{csvPerson(1, "김민수", "수원시"), csvPerson(2, "이영희", "서귀포시")});
}

TEST_CASE("participants: a decomposed (NFD) name comes out NFC") {
    const auto import = parseParticipantsCsv("name,affiliation\n" + kKimMinsuNfd + ",수원시\n", kFile);
    REQUIRE(import.participants.size() == 1);
    CHECK(import.participants[0].name == "김민수");
    CHECK(import.participants[0].name.size() == 9);
}

TEST_CASE("participants: quoted commas, quotes and line breaks in values") {
    const auto import = parseParticipantsCsv("name,affiliation\n"
                                             "\"김민수, Jr.\",\"서귀포시\n대정읍\"\n"
                                             "\"Lee \"\"Young\"\" Hee\",수원시\n",
                                             kFile);
    CHECK(import.participants == std::vector<Participant>{csvPerson(1, "김민수, Jr.", "서귀포시\n대정읍"),
                                                          csvPerson(2, "Lee \"Young\" Hee", "수원시")});
}

TEST_CASE("participants: values are trimmed, short rows padded, empty rows skipped") {
    const auto import = parseParticipantsCsv("name,affiliation,role,table\n"
                                             "  김민수\u3000, 수원시 , host , 2 \n"
                                             "이영희\n"
                                             ",,,\n"
                                             "\n",
                                             kFile);
    CHECK(import.participants ==
          std::vector<Participant>{csvPerson(1, "김민수", "수원시", Role::Host, 2), csvPerson(2, "이영희")});
}

TEST_CASE("participants: roles") {
    const auto import =
        parseParticipantsCsv("name,role\na,HOST\nb,Guest\nc,호스트\nd,진행자\ne,게스트\nf,참가자\ng,참여자\nh,\n", kFile);
    std::vector<Role> roles;
    for (const Participant& participant : import.participants) {
        roles.push_back(participant.role);
    }
    CHECK(roles == std::vector<Role>{Role::Host, Role::Guest, Role::Host, Role::Host, Role::Guest, Role::Guest,
                                     Role::Guest, Role::Guest});
}

TEST_CASE("participants: a host without a table is accepted here") {
    const auto import = parseParticipantsCsv("name,role\n김민수,host\n", kFile);
    CHECK(import.participants == std::vector<Participant>{csvPerson(1, "김민수", "", Role::Host)});
}

TEST_CASE("participants: a bad table value names line 4, column 5") {
    const auto error = participantsError("name,table\n이영희,1\n박지훈,2\n김민수,x\n");
    REQUIRE(error);
    CHECK(error->line == 4);
    CHECK(error->column == 5);
    CHECK(error->detail == "'x' is not a table number");
    CHECK(std::string(error->what()) == "people.csv:4:5: 'x' is not a table number");
}

TEST_CASE("participants: numbers must be whole numbers from 1") {
    for (const char* value : {"0", "-1", "+2", "1.0", "2a", "99999999999"}) {
        CAPTURE(value);
        const auto error = participantsError(std::string("name,from_round\n김민수,") + value + "\n");
        REQUIRE(error);
        CHECK(error->line == 2);
        CHECK(error->column == 5);
        CHECK(error->detail == "'" + std::string(value) + "' is not a round number");
    }
    const auto error = participantsError("name,until_round\n김민수,\"3 \"\"\"\n");
    REQUIRE(error);
    CHECK(error->detail == "'3 \"' is not a round number");
}

TEST_CASE("participants: an unknown role names line, column and the column") {
    const auto error = participantsError("이름,역할\n김민수,host\n이영희,boss\n");
    REQUIRE(error);
    CHECK(error->line == 3);
    CHECK(error->column == 5);
    CHECK(error->detail.find("'boss'") != std::string::npos);
    CHECK(error->detail.find("'역할'") != std::string::npos);
}

TEST_CASE("participants: bad and duplicate ids") {
    // Text in the id column is the organiser's own id (test_import.cpp); beside an external_id column it is not.
    SUBCASE("not a number") {
        const auto error = participantsError("name,id,external_id\n김민수,abc,S-1\n");
        REQUIRE(error);
        CHECK(error->line == 2);
        CHECK(error->column == 5);
        CHECK(error->detail.find("'abc'") != std::string::npos);
    }
    SUBCASE("zero") {
        const auto error = participantsError("id,name,external_id\n0,김민수,\n");
        REQUIRE(error);
        CHECK(error->line == 2);
        CHECK(error->column == 1);
    }
    SUBCASE("duplicate names both lines") {
        const auto error = participantsError("id,name\n3,김민수\n,이영희\n3,박지훈\n");
        REQUIRE(error);
        CHECK(error->line == 4);
        CHECK(error->column == 1);
        CHECK(error->detail.find("line 2") != std::string::npos);
        CHECK(error->detail.find("line 4") != std::string::npos);
    }
}

TEST_CASE("participants: rows without an id are numbered, skipping ids used anywhere in the file") {
    const auto import = parseParticipantsCsv("id,name\n,a\n2,b\n,c\n,d\n4,e\n", kFile);
    std::vector<ParticipantId> ids;
    for (const Participant& participant : import.participants) {
        ids.push_back(participant.id);
    }
    CHECK(ids == std::vector<ParticipantId>{1, 2, 3, 5, 4});

    const auto numbered = parseParticipantsCsv("name,id\na,\nb,11\nc,\n", kFile, 10);
    ids.clear();
    for (const Participant& participant : numbered.participants) {
        ids.push_back(participant.id);
    }
    CHECK(ids == std::vector<ParticipantId>{10, 11, 12});

    CHECK(parseParticipantsCsv("name\na\nb\n", kFile, 5).participants ==
          std::vector<Participant>{csvPerson(5, "a"), csvPerson(6, "b")});
}

TEST_CASE("participants: other columns are kept, columns without a name ignored with a warning") {
    const auto import = parseParticipantsCsv("name,email,affiliation,,E-Mail\n김민수,kim@example.com,수원시,,x\n", kFile);
    Participant kim = csvPerson(1, "김민수", "수원시");
    kim.extra = {{"email", "kim@example.com"}};
    CHECK(import.participants == std::vector<Participant>{kim});
    CHECK(import.warnings == std::vector<std::string>{"line 1: column 4 has no name and is ignored",
                                                      "line 1: column 5 'E-Mail' repeats column 2 and is ignored"});
}

TEST_CASE("participants: a duplicate column is an error") {
    const auto error = participantsError("name,이름\n김민수,김민수\n");
    REQUIRE(error);
    CHECK(error->line == 1);
    CHECK(error->column == 6);
    CHECK(error->detail.find("'이름'") != std::string::npos);
}

TEST_CASE("participants: the name column is required") {
    const auto error = participantsError("\n\nid,소속,email\n1,수원시,kim@example.com\n");
    REQUIRE(error);
    CHECK(error->line == 3);
    CHECK(error->column == 0);
    CHECK(error->detail.find("'name'") != std::string::npos);
    CHECK(error->detail.find("'id', '소속', 'email'") != std::string::npos);

    const auto atTop = participantsError("id,소속\n");
    REQUIRE(atTop);
    CHECK(atTop->line == 1);

    const auto empty = participantsError("\xEF\xBB\xBF");
    REQUIRE(empty);
    CHECK(empty->line == 1);

    CHECK(parseParticipantsCsv("name\n", kFile).participants.empty());
}

TEST_CASE("participants: an empty name is an error") {
    const auto error = participantsError("name,affiliation\n김민수,수원시\n  ,서귀포시\n");
    REQUIRE(error);
    CHECK(error->line == 3);
    CHECK(error->column == 1);
    CHECK(error->detail == "the name is empty");
}

TEST_CASE("participants: more fields than the header is an error at the first extra field") {
    const auto error = participantsError("name,affiliation\n김민수,수원시,경기도\n");
    REQUIRE(error);
    CHECK(error->line == 2);
    CHECK(error->column == 9);
}

TEST_CASE("participants: errors from the CSV layer keep their location") {
    const auto error = participantsError("name,affiliation\n김민수,수원시\n이영희,\"서귀포시\n");
    REQUIRE(error);
    CHECK(error->line == 3);
    CHECK(error->column == 5);
}

TEST_CASE("participants: reading a file") {
    const TempFile file("\xEF\xBB\xBF이름,소속\r\n김민수,수원시\r\n");
    const auto import = readParticipantsCsv(file.path);
    CHECK(import.participants == std::vector<Participant>{csvPerson(1, "김민수", "수원시")});
    CHECK(readParticipantsCsv(file.path, 8).participants.front().id == 8);

    const std::filesystem::path missing = std::filesystem::temp_directory_path() / "worldcafe_no_such_file.csv";
    try {
        readParticipantsCsv(missing);
        FAIL("expected an InputError");
    } catch (const InputError& error) {
        CHECK(error.file == missing);
        CHECK(error.detail == "cannot read " + missing.string() + ": No such file or directory");
    }
}

TEST_CASE("participants: a parse error in a file names the file") {
    const TempFile file("name,table\n김민수,x\n");
    try {
        readParticipantsCsv(file.path);
        FAIL("expected an InputError");
    } catch (const InputError& error) {
        CHECK(error.file == file.path);
        CHECK(error.line == 2);
        CHECK(error.column == 5);
    }
}

TEST_CASE("csv: csvField quotes only when needed") {
    CHECK(csvField("") == "");
    CHECK(csvField("김민수") == "김민수");
    CHECK(csvField(" spaced ") == " spaced ");
    CHECK(csvField("서귀포시, 대정읍") == "\"서귀포시, 대정읍\"");
    CHECK(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csvField("a\nb") == "\"a\nb\"");
    CHECK(csvField("a\rb") == "\"a\rb\"");
}

TEST_CASE("participants: formatParticipantsCsv") {
    CHECK(formatParticipantsCsv({}) == "id,name,affiliation,role,table,from_round,until_round\n");
    CHECK(formatParticipantsCsv({csvPerson(1, "김민수", "수원시", Role::Host, 1),
                                 csvPerson(2, "이영희", "서귀포시, 대정읍", Role::Guest, kNoTable, 2, 3)}) ==
          "id,name,affiliation,role,table,from_round,until_round\n"
          "1,김민수,수원시,host,1,,\n"
          "2,이영희,\"서귀포시, 대정읍\",guest,,2,3\n");
}

TEST_CASE("participants: format then parse gives the same participants") {
    const std::vector<Participant> participants = {
        csvPerson(1, "김민수", "수원시", Role::Host, 1),
        csvPerson(2, "이영희", "서귀포시, 대정읍", Role::Guest, kNoTable, 2, 3),
        csvPerson(3, "Kim \"MJ\" Park", "\"Quoted\", Inc.", Role::Guest, 4),
        csvPerson(5, "박지훈", "제주\n서귀포시", Role::Host, 2, 1, 2),
        csvPerson(42, "O'Neil", "", Role::Guest, kNoTable, kNoRound, 1),
        csvPerson(7, "최수진", "a\r\nb,\"c\"", Role::Guest),
    };
    const std::string text = formatParticipantsCsv(participants);
    const auto import = parseParticipantsCsv(text, kFile);
    CHECK(import.warnings.empty());
    CHECK(import.participants == participants);
    CHECK(formatParticipantsCsv(import.participants) == text);
}

TEST_CASE("csv: a NUL byte is refused with its line and column, never cut silently") {
    SUBCASE("inside a name") {
        const auto error = participantsError(std::string("name,affiliation\n김민\0수,수원\n", 35));
        REQUIRE(error);
        CHECK(error->line == 2);
        CHECK(error->column == 3);
        CHECK(error->detail.find("NUL") != std::string::npos);
        CHECK(error->detail.find("CP949") == std::string::npos);
    }
    SUBCASE("inside a quoted field on a later line") {
        const auto error = csvError(std::string("name\n\"a\nb\0\"\n", 12));
        REQUIRE(error);
        CHECK(error->line == 3);
        CHECK(error->column == 2);
    }
}

TEST_CASE("cli: new --people refuses a CSV with a NUL or invalid UTF-8, names file, line and column, creates nothing") {
    test::TempDir dir;
    SUBCASE("a NUL in a name") {
        test::writeBytes(dir / "people.csv", std::string("name,affiliation\nAna\0Maria,Uni\n", 31));
        auto result = test::runWorldcafe({"new", "x.wcafe", "--title", "t", "--people", "people.csv"}, dir.path());
        CHECK(result.exitCode == 2);
        CHECK(result.err.find("people.csv:2:4: a NUL character") != std::string::npos);
    }
    SUBCASE("a flipped byte in a Korean name") {
        std::string bytes = "name\n김민수\n";
        bytes[5 + 4] = static_cast<char>(bytes[5 + 4] ^ 0x40);  // the second byte of 민
        test::writeBytes(dir / "people.csv", bytes);
        auto result = test::runWorldcafe({"new", "x.wcafe", "--title", "t", "--people", "people.csv"}, dir.path());
        CHECK(result.exitCode == 2);
        CHECK(result.err.find("people.csv:2:2: not valid UTF-8") != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(dir / "x.wcafe"));
    CHECK_FALSE(std::filesystem::exists(dir / "x.wcafe.journal"));
}

TEST_CASE("fuzz corpus: every participants CSV input imports model text only, or is refused with an InputError") {
    const std::filesystem::path folder = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "tests/fuzz/corpus/participants_csv";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        CAPTURE(entry.path().filename().string());
        ++files;
        try {
            for (const Participant& participant : readParticipantsCsv(entry.path()).participants) {
                CHECK_FALSE(findTextFault(participant.name));
                CHECK_FALSE(findTextFault(participant.affiliation));
                CHECK_FALSE(findTextFault(participant.externalId));
                for (const ExtraField& field : participant.extra) {
                    CHECK_FALSE(findTextFault(field.name));
                    CHECK_FALSE(findTextFault(field.value));
                }
                CHECK(participant.id > 0);
            }
        } catch (const InputError&) {
        }
    }
    CHECK(files >= 3);
}
