// The real binary under tests/fault/fault_shim.c: for `new`, `plan SESSION` (which saves), `export` and `print`,
// the Nth write, fsync, rename or open fails with ENOSPC and with EIO, for every N until the command no longer
// reaches the fault. Each run must either fail with a clear error naming the file and leave the previous files
// byte-identical, or say it completed; no temporary file or stub stays, and the session still opens.

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>

#include "test_support.hpp"

using worldcafe::test::CommandResult;
using worldcafe::test::readBytes;
using worldcafe::test::runWorldcafe;
using worldcafe::test::TempDir;
using worldcafe::test::writeBytes;

namespace {

namespace fs = std::filesystem;

using worldcafe::test::contains;

// runWorldcafe() with the shim preloaded and told which call to fail.
CommandResult runWithFault(const std::vector<std::string>& arguments, const fs::path& workDir,
                           const std::string& fault, const fs::path& report) {
    fs::path outFile = workDir / ".stdout";
    fs::path errFile = workDir / ".stderr";
    std::fflush(stdout);
    std::fflush(stderr);
    pid_t pid = ::fork();
    if (pid == 0) {
        FILE* out = std::freopen(outFile.c_str(), "w", stdout);
        FILE* err = std::freopen(errFile.c_str(), "w", stderr);
        if (!out || !err || ::chdir(workDir.c_str()) != 0) ::_exit(127);
        ::setenv("LD_PRELOAD", WORLDCAFE_FAULT_SHIM, 1);
        ::setenv("WORLDCAFE_FAULT", fault.c_str(), 1);
        ::setenv("WORLDCAFE_FAULT_REPORT", report.c_str(), 1);
        // A sanitizer build wants its runtime first in the library list; the shim only wraps system calls.
        std::string asan = "verify_asan_link_order=0";
        if (const char* previous = std::getenv("ASAN_OPTIONS"); previous && *previous) asan += std::string(":") + previous;
        ::setenv("ASAN_OPTIONS", asan.c_str(), 1);
        std::vector<char*> argv;
        std::string binary = WORLDCAFE_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copies = arguments;
        for (std::string& argument : copies) argv.push_back(argument.data());
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CommandResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = readBytes(outFile);
    result.err = readBytes(errFile);
    fs::remove(outFile);
    fs::remove(errFile);
    return result;
}

struct Scenario {
    std::string name;
    std::vector<std::string> arguments;
    std::string session;                 // checked with `worldcafe check` after every run
    std::vector<std::string> unchanged;  // byte-identical whenever the command fails
    std::string output;                  // the file the command writes ("" for none)
    bool creates = false;                // `new`: after a failure nothing of the session may exist
};

struct Totals {
    int runs = 0;
    int faultsInjected = 0;
    int clearErrors = 0;
    int completedDespiteFault = 0;
    int filesDamaged = 0;
    int strayFiles = 0;
    int leftoverLocks = 0;
    int sessionsNotOpening = 0;
};

std::map<std::string, std::string> filesIn(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file()) files[entry.path().filename().string()] = readBytes(entry.path());
    return files;
}

void copyInto(const std::map<std::string, std::string>& files, const fs::path& dir) {
    for (const auto& [name, bytes] : files) writeBytes(dir / name, bytes);
}

}  // namespace

TEST_CASE("fault injection: every failed write, fsync, rename and open is told and loses nothing") {
    TempDir base;
    writeBytes(base / "people.csv",
               "이름,소속,역할,테이블\n김민수,수원시,호스트,1\n이영희,화성시,호스트,2\n박철수,전주시,,\n최수진,,,\n");
    writeBytes(base / "menus.txt", "녹색구매란? | 우리가 생각하는 녹색구매는?\n지역의 소비와 생산\n");
    REQUIRE(runWorldcafe({"new", "s.wcafe", "--title", "워크숍", "--people", "people.csv", "--menus", "menus.txt",
                          "--lang", "ko"},
                         base.path())
                .exitCode == 0);
    writeBytes(base / "out.csv", "the previous export\n");
    writeBytes(base / "out.xlsx", "the previous workbook\n");
    writeBytes(base / "out.html", "the previous cards\n");
    const std::map<std::string, std::string> pristine = filesIn(base.path());

    // Without a fault first: the shim must be loadable (a sanitizer runtime may refuse it) and count nothing.
    {
        TempDir probe;
        copyInto(pristine, probe.path());
        auto result = runWithFault({"check", "s.wcafe"}, probe.path(), "write:1000000:EIO", probe / ".fault");
        if (result.exitCode != 0 && contains(result.err, "does not come first")) {
            std::cout << "fault injection: skipped, the sanitizer runtime refuses the LD_PRELOAD shim: " << result.err;
            return;
        }
        REQUIRE(result.exitCode == 0);
    }

    const std::vector<Scenario> scenarios = {
        {"new", {"new", "n.wcafe", "--title", "t", "--people", "people.csv", "--menus", "menus.txt"}, "n.wcafe", {}, "",
         true},
        {"plan SESSION (apply and save)", {"plan", "s.wcafe", "--seed", "7", "--time-limit", "0"}, "s.wcafe",
         {"s.wcafe"}, "", false},
        {"export csv", {"export", "s.wcafe", "--format", "csv", "--out", "out.csv"}, "s.wcafe", {"s.wcafe", "out.csv"},
         "out.csv", false},
        {"export xlsx", {"export", "s.wcafe", "--format", "xlsx", "--out", "out.xlsx"}, "s.wcafe",
         {"s.wcafe", "out.xlsx"}, "out.xlsx", false},
        {"print", {"print", "s.wcafe", "--what", "cards", "--out", "out.html"}, "s.wcafe", {"s.wcafe", "out.html"},
         "out.html", false},
    };
    const std::vector<std::string> operations = {"write", "fsync", "rename", "open"};
    const std::vector<std::pair<std::string, std::string>> errors = {{"ENOSPC", std::strerror(ENOSPC)},
                                                                      {"EIO", std::strerror(EIO)}};
    Totals totals;
    const auto started = std::chrono::steady_clock::now();
    for (const Scenario& scenario : scenarios) {
        for (const std::string& operation : operations)
            for (const auto& [errorName, errorText] : errors)
                for (int n = 1; n <= 500; ++n) {
                    TempDir dir;
                    copyInto(pristine, dir.path());
                    const std::string fault = operation + ":" + std::to_string(n) + ":" + errorName;
                    const fs::path report = dir / ".fault";
                    CommandResult result = runWithFault(scenario.arguments, dir.path(), fault, report);
                    ++totals.runs;
                    const bool injected = fs::exists(report);
                    fs::remove(report);
                    CAPTURE(scenario.name);
                    CAPTURE(fault);
                    CAPTURE(result.err);
                    if (!injected) {
                        CHECK(result.exitCode == 0);  // the command never reached call N: the sweep is complete
                        break;
                    }
                    ++totals.faultsInjected;
                    const auto after = filesIn(dir.path());
                    if (result.exitCode != 0) {
                        CHECK(result.exitCode == 2);
                        // Clear: the failing system call's reason, a file of the command, and what was left.
                        const bool namesFile = contains(result.err, scenario.session) ||
                                               (!scenario.output.empty() && contains(result.err, scenario.output));
                        const bool saysWhatWasLeft = contains(result.err, "as it was") ||
                                                     contains(result.err, "not created") ||
                                                     contains(result.err, "nothing was created");
                        const bool clear = contains(result.err, errorText) && namesFile && saysWhatWasLeft;
                        CHECK(clear);
                        if (clear) ++totals.clearErrors;
                        for (const std::string& name : scenario.unchanged) {
                            const bool identical = after.count(name) && after.at(name) == pristine.at(name);
                            CHECK_MESSAGE(identical, name);
                            if (!identical) ++totals.filesDamaged;
                        }
                        if (scenario.creates) {
                            for (const auto& [name, bytes] : after) {
                                const bool ours = name.rfind(scenario.session, 0) == 0;
                                CHECK_FALSE_MESSAGE(ours, name);
                                if (ours) ++totals.strayFiles;
                            }
                        }
                    } else {
                        // Completed: the output is the new one, and any warning says it was written or saved.
                        ++totals.completedDespiteFault;
                        if (!scenario.output.empty()) {
                            const bool replaced = after.count(scenario.output) &&
                                                  after.at(scenario.output) != pristine.at(scenario.output);
                            CHECK(replaced);
                            if (!replaced) ++totals.filesDamaged;
                        }
                        if (!result.err.empty())
                            CHECK((contains(result.err, "written") || contains(result.err, "saved")));
                    }
                    for (const auto& [name, bytes] : after) {
                        const bool stray = contains(name, ".tmp-");
                        CHECK_FALSE_MESSAGE(stray, name);
                        if (stray) ++totals.strayFiles;
                        // Every command has ended, so no lock file may remain (a failed pid write used to leave one).
                        const bool leftoverLock = name.size() > 5 && name.substr(name.size() - 5) == ".lock";
                        CHECK_FALSE_MESSAGE(leftoverLock, name);
                        if (leftoverLock) ++totals.leftoverLocks;
                    }
                    if (fs::exists(dir / scenario.session)) {
                        int check = runWorldcafe({"check", scenario.session}, dir.path()).exitCode;
                        CHECK((check == 0 || check == 1));
                        if (check != 0 && check != 1) ++totals.sessionsNotOpening;
                    } else {
                        CHECK(scenario.creates);
                    }
                }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "fault injection: " << totals.runs << " runs, " << totals.faultsInjected << " faults injected, "
              << totals.clearErrors << " clear errors, " << totals.completedDespiteFault
              << " completed and said so, " << totals.filesDamaged << " files damaged, " << totals.strayFiles
              << " stray files, " << totals.leftoverLocks << " leftover empty lock files, "
              << totals.sessionsNotOpening << " sessions not opening (" << seconds << " s)\n";
    CHECK(totals.faultsInjected > 0);
}

namespace {

// A session made by `new`, and the shim's fault counted in `dir`.
struct FaultFixture {
    TempDir dir;
    FaultFixture() {
        writeBytes(dir / "people.csv", "name,affiliation,role,table\nKim,Suwon,host,1\nLee,Hwaseong,host,2\nPark,,,\n");
        REQUIRE(runWorldcafe({"new", "s.wcafe", "--title", "t", "--people", "people.csv"}, dir.path()).exitCode == 0);
    }
    CommandResult run(const std::vector<std::string>& arguments, const std::string& fault, bool* injected = nullptr) {
        CommandResult result = runWithFault(arguments, dir.path(), fault, dir / ".fault");
        if (injected) *injected = fs::exists(dir / ".fault");
        fs::remove(dir / ".fault");
        return result;
    }
};

}  // namespace

TEST_CASE("fault injection: a failed `new` leaves nothing behind, and the retry succeeds") {
    FaultFixture f;
    for (const std::string fault : {"fsync:1:ENOSPC", "rename:2:EIO", "write:3:ENOSPC", "fsync:6:EIO"}) {
        CAPTURE(fault);
        bool injected = false;
        auto failed = f.run({"new", "n.wcafe", "--title", "t", "--people", "people.csv"}, fault, &injected);
        REQUIRE(injected);
        CHECK(failed.exitCode == 2);
        CHECK(contains(failed.err, "n.wcafe"));
        CHECK(contains(failed.err, "nothing was created"));
        for (const auto& entry : fs::directory_iterator(f.dir.path()))
            CHECK_FALSE(contains(entry.path().filename().string(), "n.wcafe"));
        auto retry = runWorldcafe({"new", "n.wcafe", "--title", "t", "--people", "people.csv"}, f.dir.path());
        CHECK(retry.exitCode == 0);
        fs::remove(f.dir / "n.wcafe");
    }
}

TEST_CASE("fault injection: print whose folder cannot be synced after the rename says the file is written") {
    FaultFixture f;
    writeBytes(f.dir / "cards.html", "old cards\n");
    // The folder's fsync is the command's last one: find it by counting.
    int last = 0;
    for (int n = 1; n < 50; ++n) {
        bool injected = false;
        f.run({"print", "s.wcafe", "--what", "cards", "--out", "cards.html"}, "fsync:" + std::to_string(n) + ":EIO",
              &injected);
        if (!injected) break;
        last = n;
    }
    REQUIRE(last > 0);
    writeBytes(f.dir / "cards.html", "old cards\n");
    auto result = f.run({"print", "s.wcafe", "--what", "cards", "--out", "cards.html"},
                        "fsync:" + std::to_string(last) + ":EIO");
    CHECK(result.exitCode == 0);
    CHECK(contains(result.err, "cards.html: written, but its folder could not be synced to disk"));
    CHECK(contains(readBytes(f.dir / "cards.html"), "Kim"));

    // A failure before the rename leaves the old file and says so.
    writeBytes(f.dir / "cards.html", "old cards\n");
    auto failed = f.run({"print", "s.wcafe", "--what", "cards", "--out", "cards.html"}, "fsync:1:ENOSPC");
    CHECK(failed.exitCode == 2);
    CHECK(contains(failed.err, "cards.html: cannot flush to disk: " + std::string(std::strerror(ENOSPC))));
    CHECK(contains(failed.err, "cards.html was left as it was"));
    CHECK(readBytes(f.dir / "cards.html") == "old cards\n");
}

TEST_CASE("fault injection: plan SESSION whose save fails after the plan is journalled says the plan is saved") {
    FaultFixture f;
    const std::string before = readBytes(f.dir / "s.wcafe");
    // Renames: the journal started by the open, then Save's snapshot, then Save's fresh journal.
    auto result = f.run({"plan", "s.wcafe", "--seed", "1", "--time-limit", "0"}, "rename:2:ENOSPC");
    CHECK(result.exitCode == 0);
    CHECK(contains(result.err, "the plan is saved (in s.wcafe.journal, which every open of s.wcafe replays)"));
    CHECK_FALSE(contains(result.err, "cannot write"));
    CHECK(readBytes(f.dir / "s.wcafe") == before);
    auto cards = runWorldcafe({"print", "s.wcafe", "--what", "cards", "--out", "cards.html"}, f.dir.path());
    CHECK(cards.exitCode == 0);
    CHECK_FALSE(contains(cards.out, "no plan yet"));

    // Failing to journal the plan records nothing and says so.
    FaultFixture g;
    const std::string untouched = readBytes(g.dir / "s.wcafe");
    auto failed = g.run({"plan", "s.wcafe", "--seed", "1", "--time-limit", "0"}, "fsync:3:EIO");
    CHECK(failed.exitCode == 2);
    CHECK(contains(failed.err, "the plan was not recorded and s.wcafe is as it was"));
    CHECK(readBytes(g.dir / "s.wcafe") == untouched);
    auto noPlan = runWorldcafe({"print", "s.wcafe", "--what", "cards", "--out", "cards.html"}, g.dir.path());
    CHECK(contains(noPlan.out, "no plan yet"));
}
