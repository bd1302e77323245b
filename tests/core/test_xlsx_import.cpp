// Participants from .xlsx: workbooks from our own writer (libxlsxwriter), from openpyxl and made by hand
// (tests/data/xlsx, see make_fixtures.py there), and broken or hostile files, each refused with a clear message.
#include <doctest/doctest.h>

#include <xlsxwriter.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"
#include "worldcafe/xlsx_import.hpp"

using namespace worldcafe;

namespace {

const std::filesystem::path kFixtures = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "tests/data/xlsx";

std::optional<InputError> xlsxError(const std::string& fixture) {
    try {
        readParticipantsXlsx(kFixtures / fixture);
    } catch (const InputError& error) {
        return error;
    }
    return std::nullopt;
}

using worldcafe::test::contains;

std::string extra(const Participant& participant, std::string_view name) {
    return std::string(extraValue(participant, name));
}

// The participants as the CSV export writes them, written to a workbook cell by cell with libxlsxwriter (the library
// of our XLSX export): text as shared strings, whole numbers as numbers.
void writeWorkbook(const std::filesystem::path& file, const std::vector<Participant>& participants) {
    lxw_workbook* workbook = workbook_new(file.c_str());
    REQUIRE(workbook);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "참가자 명단");
    const auto rows = parseCsv(formatParticipantsCsv(participants), "export.csv");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& value = rows[r][c];
            if (value.empty()) continue;
            const bool number =
                value.find_first_not_of("0123456789") == std::string::npos && value.size() < 10 && value[0] != '0';
            if (number && r > 0)
                worksheet_write_number(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), std::stod(value),
                                       nullptr);
            else
                worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), value.c_str(),
                                       nullptr);
        }
    }
    REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);
}

}  // namespace

TEST_CASE("xlsx import: a workbook from our own writer gives back the participants, codes and extra columns") {
    test::TempDir dir;
    std::vector<Participant> people(3);
    people[0].id = 1;
    people[0].externalId = "S-0001";
    people[0].name = "김민수";
    people[0].affiliation = "수원시";
    people[0].role = Role::Host;
    people[0].table = 2;
    people[0].extra = {ExtraField{"email", "kim@example.kr"}, ExtraField{"전화", "010-1234-5678"}};
    people[1].id = 2;
    people[1].externalId = "1001";
    people[1].name = "Jo Park";
    people[1].fromRound = 2;
    people[1].extra = {ExtraField{"전화", "0107"}};
    people[2].id = 7;
    people[2].name = "이영희, 박지훈";
    people[2].affiliation = "Elm \"Park\"";
    writeWorkbook(dir / "people.xlsx", people);

    const ParticipantImport imported = readParticipantsXlsx(dir / "people.xlsx");
    CHECK(imported.warnings.empty());
    CHECK(imported.participants == people);
    // By extension, as the CLI and the GUI read it.
    CHECK(readParticipantsFile(dir / "people.xlsx").participants == people);
    std::filesystem::copy_file(dir / "people.xlsx", dir / "PEOPLE.XLSX");
    CHECK(readParticipantsFile(dir / "PEOPLE.XLSX").participants == people);
}

TEST_CASE("xlsx import: openpyxl's workbook: Korean headers, the first sheet by name, gaps, numbers and booleans") {
    const ParticipantImport imported = readParticipantsXlsx(kFixtures / "openpyxl-korean-gaps.xlsx");
    REQUIRE(imported.participants.size() == 3);
    const Participant& kim = imported.participants[0];
    CHECK(kim.id == 1001);  // 1001, not "1001.0": a number id is worldcafe's own
    CHECK(kim.externalId.empty());
    CHECK(kim.name == "김민수");
    CHECK(kim.affiliation == "수원시");
    CHECK(kim.table == 2);
    CHECK(extra(kim, "이메일") == "kim@example.kr");
    CHECK(extra(kim, "VIP") == "TRUE");
    CHECK(extra(kim, "메모").empty());
    const Participant& lee = imported.participants[1];
    CHECK(lee.id == 1002);
    CHECK(lee.name == "이영희");
    CHECK(lee.affiliation.empty());  // C3 is missing: a gap in the references
    CHECK(lee.table == 0);
    CHECK(extra(lee, "이메일") == "lee@example.kr");
    CHECK(extra(lee, "메모") == "채식");
    const Participant& jo = imported.participants[2];  // row 5, after a missing row 4
    CHECK(jo.id == 1003);
    CHECK(jo.name == "Jo Park");
    CHECK(jo.table == 3);
    CHECK(extra(jo, "VIP") == "FALSE");
    CHECK(extra(jo, "메모") == "0.3");  // 0.30000000000000004 as Excel shows it
}

TEST_CASE("xlsx import: registration codes in the id column become external ids, as in a CSV") {
    const ParticipantImport imported = readParticipantsXlsx(kFixtures / "openpyxl-codes.xlsx", 40);
    REQUIRE(imported.participants.size() == 2);
    CHECK(imported.participants[0].id == 40);
    CHECK(imported.participants[0].externalId == "S-0001");
    CHECK(imported.participants[0].name == "박지훈");
    CHECK(extra(imported.participants[0], "phone") == "010-1234-5678");
    CHECK(imported.participants[1].id == 41);
    CHECK(imported.participants[1].externalId == "S-0002");
    CHECK(imported.participants[1].affiliation.empty());
}

TEST_CASE("xlsx import: rich text runs, phonetic guides, inline strings, prefixed elements, the sheet's own path") {
    const ParticipantImport imported = readParticipantsXlsx(kFixtures / "handmade-prefixed-richtext.xlsx");
    REQUIRE(imported.participants.size() == 2);  // row 3 has styled empty cells only
    const Participant& kim = imported.participants[0];
    CHECK(kim.name == "김민수");  // two runs joined; the reading guide (キム) left out
    CHECK(kim.affiliation == "수원시");
    CHECK(kim.id == 1001);  // written "1001.0"
    CHECK(extra(kim, "note") == "line\rbreak");  // _x000D_
    CHECK(extra(kim, "flag") == "TRUE");
    const Participant& ana = imported.participants[1];  // a row and cells without references
    CHECK(ana.name == "Ana");
    CHECK(ana.affiliation.empty());
    CHECK(ana.id == 1000);  // 1.0E3
    CHECK(extra(ana, "note") == "2.5");
    CHECK(extra(ana, "flag") == "#N/A");
}

TEST_CASE("xlsx import: files that are not workbooks are refused with a message naming the file") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"bad-not-zip.xlsx", "not a zip archive"},
        {"bad-old-xls.xlsx", "old Excel 97-2003 workbook (.xls)"},
        {"bad-encrypted.xlsx", "encrypted (password-protected)"},
        {"bad-no-workbook.xlsx", "not an .xlsx workbook: it has no xl/workbook.xml"},
        {"bad-ods.xlsx", "OpenDocument spreadsheet (.ods)"},
        {"bad-no-sheet.xlsx", "has no sheet"},
        {"bad-truncated.xlsx", "damaged or incomplete"},
        {"bad-xml.xlsx", "xl/worksheets/sheet1.xml is not well-formed XML: mismatched tag at its line 1"},
        {"bad-dtd.xlsx", "document type declaration"},
        {"bad-shared-index.xlsx", "cell A2 refers to shared string '9', but the workbook has 1"},
    };
    for (const auto& [fixture, message] : cases) {
        CAPTURE(fixture);
        const auto error = xlsxError(fixture);
        REQUIRE(error);
        CHECK_MESSAGE(contains(error->detail, message), error->what());
        CHECK(contains(error->what(), fixture));
    }
    test::TempDir dir;
    test::writeBytes(dir / "empty.xlsx", "");
    CHECK_THROWS_AS(readParticipantsXlsx(dir / "empty.xlsx"), InputError);
    CHECK_THROWS_AS(readParticipantsXlsx(dir / "missing.xlsx"), InputError);
}

TEST_CASE("xlsx import: a bad value names the sheet row and column, as a CSV names line and column") {
    const auto error = xlsxError("bad-table-value.xlsx");
    REQUIRE(error);
    CHECK(error->line == 3);
    CHECK(error->column == 2);
    CHECK(contains(error->detail, "'two' is not a table number"));
}

TEST_CASE("xlsx import: zip bombs are refused at their limit, not decompressed into memory") {
    const auto sheet = xlsxError("bad-bomb-sheet.xlsx");  // 0.14 MB that decompresses to 130 MiB
    REQUIRE(sheet);
    CHECK(contains(sheet->detail, "decompresses to more than 128 MiB"));
    const auto strings = xlsxError("bad-bomb-strings.xlsx");  // 1,000,001 shared strings
    REQUIRE(strings);
    CHECK(contains(strings->detail, "more than 1000000 strings"));
}

TEST_CASE("cli: new and plan take participants from an .xlsx; a broken one exits 2 naming the file") {
    test::TempDir dir;
    std::filesystem::copy_file(kFixtures / "openpyxl-korean-gaps.xlsx", dir / "people.xlsx");
    auto created = test::runWorldcafe({"new", "cafe.wcafe", "--title", "Café", "--people", "people.xlsx"}, dir.path());
    CHECK_MESSAGE(created.exitCode == 0, created.err);
    auto checked = test::runWorldcafe({"check", "cafe.wcafe"}, dir.path());
    CHECK(contains(checked.out, "3 participants"));
    std::filesystem::copy_file(kFixtures / "openpyxl-codes.xlsx", dir / "codes.xlsx");
    auto planned = test::runWorldcafe({"plan", "--people", "codes.xlsx", "--tables", "1", "--rounds", "2"}, dir.path());
    CHECK_MESSAGE(planned.exitCode == 0, planned.err);
    CHECK(contains(planned.out, "S-0001"));

    std::filesystem::copy_file(kFixtures / "bad-old-xls.xlsx", dir / "old.xlsx");
    auto refused = test::runWorldcafe({"new", "old.wcafe", "--title", "Café", "--people", "old.xlsx"}, dir.path());
    CHECK(refused.exitCode == 2);
    CHECK(contains(refused.err, "old.xlsx: is an old Excel 97-2003 workbook"));
    CHECK_FALSE(std::filesystem::exists(dir / "old.wcafe"));
}

TEST_CASE("cli: a large list shows the rows read on stderr") {
    test::TempDir dir;
    std::string csv = "name,affiliation\n";
    for (int i = 1; i <= 12000; ++i) csv += "Person " + std::to_string(i) + ",Org " + std::to_string(i % 40) + "\n";
    test::writeBytes(dir / "people.csv", csv);
    auto created = test::runWorldcafe({"new", "big.wcafe", "--title", "Big", "--people", "people.csv"}, dir.path());
    CHECK_MESSAGE(created.exitCode == 0, created.err);
    CHECK(contains(created.err, "people.csv: 12000 of 12000 rows read"));
    test::writeBytes(dir / "small.csv", "name\nA\nB\n");
    auto small = test::runWorldcafe({"new", "small.wcafe", "--title", "Small", "--people", "small.csv"}, dir.path());
    CHECK_FALSE(contains(small.err, "rows read"));
}

TEST_CASE("fuzz corpus: every participants XLSX input imports model text only, or is refused with an InputError") {
    const std::filesystem::path folder =
        std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "tests/fuzz/corpus/participants_xlsx";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        CAPTURE(entry.path().filename().string());
        ++files;
        try {
            for (const Participant& participant : parseParticipantsXlsx(test::readBytes(entry.path()), "fuzz.xlsx")
                                                      .participants) {
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
    CHECK(files >= 5);
}
