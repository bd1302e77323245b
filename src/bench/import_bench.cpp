#include "import_bench.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>
#include <iconv.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "worldcafe/actions.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/xlsx_import.hpp"

namespace worldcafe::cli {

namespace {

int g_rows = 100000;
int g_runs = 3;

// A registration export as organisers have them: codes, Korean names, e-mail, phone and a comment column.
std::string syntheticList(int rows) {
    static const char* const family[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"};
    static const char* const given[] = {"민수", "영희", "지훈", "서연", "하준", "지우", "도윤", "수아"};
    std::string csv = "id,name,affiliation,role,email,phone,memo\r\n";
    csv.reserve(static_cast<std::size_t>(rows) * 90);
    for (int i = 1; i <= rows; ++i) {
        char code[16];
        std::snprintf(code, sizeof code, "S-%06d", i);
        csv += code;
        csv += ',';
        csv += family[i % 10];
        csv += given[(i / 10) % 8];
        csv += ",\"수원시 ";
        csv += std::to_string(i % 300);
        csv += "팀, 본부\",";
        csv += i % 50 == 0 ? "host" : "guest";
        csv += ",p" + std::to_string(i) + "@example.kr,010-" + std::to_string(1000 + i % 9000) + "-0000,";
        csv += i % 7 == 0 ? "채식" : "";
        csv += "\r\n";
    }
    return csv;
}

std::string toCp949(const std::string& utf8) {
    iconv_t cd = ::iconv_open("CP949", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) return {};
    std::string out(utf8.size() + 16, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t inLeft = utf8.size();
    char* outPtr = out.data();
    std::size_t outLeft = out.size();
    ::iconv(cd, &in, &inLeft, &outPtr, &outLeft);
    ::iconv_close(cd);
    out.resize(out.size() - outLeft);
    return out;
}

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Run {
    double parseUtf8 = 0, parseCp949 = 0, parseXlsx = 0, apply = 0, whole = 0, undo = 0, save = 0;
    std::size_t participants = 0, progressReports = 0;
    std::string cp949Warning;
};

// One import as the user waits for it: read and parse the file, then one batch applied and journalled (fdatasync
// included); then its undo, and a save of the 100,000-person session.
Run runOnce(const std::filesystem::path& directory, int run) {
    Run result;
    Clock::time_point start = Clock::now();
    ParticipantImport imported = readParticipantsCsv(directory / "list-utf8.csv", 1,
                                                     [&](std::size_t, std::size_t) { ++result.progressReports; });
    result.parseUtf8 = secondsSince(start);
    result.participants = imported.participants.size();

    start = Clock::now();
    ParticipantImport converted = readParticipantsCsv(directory / "list-cp949.csv", 1);
    result.parseCp949 = secondsSince(start);
    if (!converted.warnings.empty()) result.cp949Warning = converted.warnings.front();

    start = Clock::now();
    ParticipantImport workbook = readParticipantsXlsx(directory / "list.xlsx", 1);
    result.parseXlsx = secondsSince(start);
    if (workbook.participants.size() != result.participants)
        throw InputError(directory / "list.xlsx", "read " + std::to_string(workbook.participants.size()) +
                                                      " participants, the CSV " + std::to_string(result.participants));

    Session initial;
    initial.event.title = "bench";
    auto engine = Engine::create(directory / ("run-" + std::to_string(run) + ".wcafe"), initial);
    start = Clock::now();
    Batch batch{"import", {}};
    batch.actions.reserve(imported.participants.size());
    for (Participant& participant : imported.participants)
        batch.actions.push_back(Put<Participant>{std::move(participant)});
    engine->apply(batch);
    result.apply = secondsSince(start);
    result.whole = result.parseUtf8 + result.apply;

    start = Clock::now();
    engine->undo();
    result.undo = secondsSince(start);
    engine->redo();
    start = Clock::now();
    engine->save();
    result.save = secondsSince(start);
    return result;
}

// The same list as Excel saves it: every text a shared string.
void writeXlsx(const std::filesystem::path& file, const std::string& csv) {
    lxw_workbook* workbook = workbook_new(file.c_str());
    if (!workbook) throw StorageError(file, "cannot create the workbook");
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Registrations");
    const auto rows = parseCsv(csv, file);
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < rows[r].size(); ++c)
            if (!rows[r][c].empty())
                worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                       rows[r][c].c_str(), nullptr);
    if (workbook_close(workbook) != LXW_NO_ERROR) throw StorageError(file, "cannot write the workbook");
}

}  // namespace

CLI::App* addImportBenchCommand(CLI::App& bench) {
    CLI::App* command = bench.add_subcommand("import", "Import a 100,000-row registration list (UTF-8 and CP949 CSV)");
    command->add_option("--rows", g_rows, "Rows in the list (default 100000)")->check(CLI::Range(1, 10000000));
    command->add_option("--runs", g_runs, "Runs; medians are printed (default 3)")->check(CLI::Range(1, 100));
    return command;
}

int runImportBenchmark() {
    const std::string utf8 = syntheticList(g_rows);
    const std::string cp949 = toCp949(utf8);
    if (cp949.empty()) {
        std::fprintf(stderr, "worldcafe bench import: this system's iconv has no CP949\n");
        return 1;
    }
    std::printf("worldcafe bench import: %d rows, %.1f MB of CSV with codes, Korean names, e-mail, phone; "
                "medians of %d runs\n",
                g_rows, static_cast<double>(utf8.size()) / 1e6, g_runs);
    char directoryName[] = "/tmp/worldcafe-bench-import-XXXXXX";
    if (!::mkdtemp(directoryName)) {
        std::perror("worldcafe bench import: mkdtemp");
        return 1;
    }
    const std::filesystem::path directory(directoryName);
    int status = 0;
    try {
        writeFileAtomically(directory / "list-utf8.csv", utf8);
        writeFileAtomically(directory / "list-cp949.csv", cp949);
        writeXlsx(directory / "list.xlsx", utf8);
        std::error_code sizeError;
        const auto xlsxBytes = std::filesystem::file_size(directory / "list.xlsx", sizeError);
        std::vector<Run> runs;
        for (int r = 0; r < g_runs; ++r) runs.push_back(runOnce(directory, r));
        auto figure = [&](double Run::*field) {
            std::vector<double> values;
            for (const Run& run : runs) values.push_back(run.*field);
            return median(values);
        };
        std::printf("  parse UTF-8 CSV:            %6.3f s  (%zu participants, %zu progress reports)\n",
                    figure(&Run::parseUtf8),
                    runs.front().participants, runs.front().progressReports);
        std::printf("  parse CP949 CSV:            %6.3f s  (%s)\n", figure(&Run::parseCp949),
                    runs.front().cp949Warning.c_str());
        std::printf("  parse XLSX (shared strings): %5.3f s  (%.1f MB workbook)\n", figure(&Run::parseXlsx),
                    static_cast<double>(xlsxBytes) / 1e6);
        std::printf("  apply and journal:          %6.3f s  (one batch, as the Setup import emits it)\n",
                    figure(&Run::apply));
        std::printf("  whole import (UTF-8):       %6.3f s  (target under 2 s)\n", figure(&Run::whole));
        std::printf("  undo the import:            %6.3f s\n", figure(&Run::undo));
        std::printf("  save the session:           %6.3f s\n", figure(&Run::save));
    } catch (const Error& error) {
        std::fprintf(stderr, "worldcafe bench import: %s\n", error.what());
        status = 1;
    }
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);  // only the folder this run made
    return status;
}

}  // namespace worldcafe::cli
