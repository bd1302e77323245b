#include "command_line.hpp"

#include "bench_command.hpp"
#include "plan_command.hpp"
#include "export_command.hpp"
#include "harvest_bench.hpp"
#include "import_bench.hpp"
#include "replan_bench.hpp"
#include "serve_bench.hpp"
#include "print_command.hpp"
#include "links_command.hpp"
#include "serve_command.hpp"

#include <CLI/CLI.hpp>

#include <chrono>

#include <cstdio>
#include <cstring>
#include <iostream>

#include "worldcafe/csv.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/text.hpp"
#include "worldcafe/validation.hpp"
#include "worldcafe/version.hpp"
#include "worldcafe/xlsx_import.hpp"

#ifdef WORLDCAFE_HAS_GUI
#include "gui_entry.hpp"
#endif

namespace worldcafe::cli {

std::string countOf(long long count, const char* singular, const char* plural) {
    return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

namespace {

constexpr const char* kDefaultSample = "green-procurement-2019.wcafe";

// [SECTION] new

struct NewOptions {
    std::string session;
    std::string title;
    std::string people;
    std::string menus;
    std::string language = "en";
    int tables = 0;
    int rounds = 3;
};

// One menu a line; "title<TAB>question" or "title | question" adds the question.
std::vector<Menu> readMenus(const std::filesystem::path& file) {
    std::string text = normalizeNfc(readWholeFile(file));
    if (!isValidUtf8(text)) throw InputError(file, "is not UTF-8 text");
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<Menu> menus;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        std::string question;
        for (const char* separator : {"\t", " | "}) {
            if (auto at = line.find(separator); at != std::string::npos) {
                question = trim(line.substr(at + std::strlen(separator)));
                line = line.substr(0, at);
                break;
            }
        }
        line = trim(line);
        if (line.empty()) continue;
        Menu menu;
        menu.id = static_cast<MenuId>(menus.size() + 1);
        menu.title = line;
        menu.question = question;
        menu.colour = defaultMenuColour(menus.size());
        menus.push_back(std::move(menu));
    }
    if (menus.empty()) throw InputError(file, "holds no menu titles (one a line)");
    return menus;
}

}  // namespace

ParticipantImport importParticipants(const std::filesystem::path& file) {
    using Clock = std::chrono::steady_clock;
    constexpr std::size_t kLargeList = 10000;
    Clock::time_point lastReport = Clock::now();
    ParticipantImport imported = readParticipantsFile(file, 1, [&](std::size_t done, std::size_t total) {
        if (total < kLargeList) return;
        if (done < total && Clock::now() - lastReport < std::chrono::milliseconds(250)) return;
        lastReport = Clock::now();
        std::cerr << file.string() << ": " << done << " of " << total << " rows read\n";
    });
    for (const std::string& warning : imported.warnings) std::cerr << file.string() << ": " << warning << "\n";
    return imported;
}

namespace {

int runNew(const NewOptions& options) {
    std::vector<Menu> menus;
    if (!options.menus.empty()) menus = readMenus(options.menus);
    std::vector<Participant> people;
    if (!options.people.empty()) {
        ParticipantImport imported = importParticipants(options.people);
        people = std::move(imported.participants);
    }
    int tableCount = options.tables;
    if (tableCount <= 0) {
        TableNumber highestHostTable = 0;
        for (const Participant& p : people) highestHostTable = std::max(highestHostTable, p.table);
        tableCount = std::max<int>({static_cast<int>(menus.size()), highestHostTable, 1});
    }
    if (menus.empty()) {
        for (int t = 1; t <= tableCount; ++t) {
            Menu menu;
            menu.id = t;
            menu.title = (options.language == "ko" ? "메뉴 " : "Menu ") + std::to_string(t);
            menu.colour = defaultMenuColour(static_cast<std::size_t>(t - 1));
            menus.push_back(menu);
        }
    }

    // `new` creates files that did not exist, so a failure anywhere can take back all of them and leave the name
    // free for a retry. What was already there is never ours to remove: a journal or autosave of an earlier session
    // of that name would be overwritten by the new session's, so it is refused instead.
    const std::filesystem::path file = options.session;
    const std::filesystem::path journal = file.string() + ".journal";
    const std::filesystem::path autosave = file.string() + ".autosave";
    const std::filesystem::path lock = file.string() + ".lock";
    std::error_code ignored;
    if (std::filesystem::exists(file, ignored))
        throw StorageError(file, "already exists; choose another name or open it");
    for (const std::filesystem::path& leftover : {journal, autosave})
        if (std::filesystem::exists(leftover, ignored))
            throw StorageError(leftover, "is left from an earlier session named " + file.filename().string() +
                                             " and may hold its work; move it away first");
    const bool lockExisted = std::filesystem::exists(lock, ignored);

    std::unique_ptr<Engine> engine;
    try {
        // The file starts empty and everything is added through actions, as every later change is.
        engine = Engine::create(file, Session{});
        Batch setup{"new session", {}};
        Event event;
        event.title = normalizeNfc(options.title);
        event.language = options.language;
        setup.actions.push_back(SetEvent{event});
        RoundSettings rounds;
        rounds.count = options.rounds;
        setup.actions.push_back(SetRoundSettings{rounds});
        for (const Menu& menu : menus) setup.actions.push_back(Put<Menu>{menu});
        for (int t = 1; t <= tableCount; ++t) {
            Table table;
            table.number = t;
            table.menu = menus[static_cast<std::size_t>(t - 1) % menus.size()].id;
            setup.actions.push_back(Put<Table>{table});
        }
        for (const Participant& p : people) setup.actions.push_back(Put<Participant>{p});
        engine->apply(setup);
        engine->save();
    } catch (const SessionLockedError&) {
        throw;  // another process is creating this very file: all of it is theirs
    } catch (const Error& error) {
        engine.reset();  // closes the journal and releases the lock first
        std::vector<std::filesystem::path> ours = {file, journal, autosave};
        if (!lockExisted) ours.push_back(lock);
        std::string leftBehind;
        for (const std::filesystem::path& created : ours) {
            std::error_code removeError;
            std::filesystem::remove(created, removeError);
            if (removeError) leftBehind += (leftBehind.empty() ? "" : ", ") + created.string();
        }
        try {
            syncDirectoryOf(file);
        } catch (const StorageError&) {
            // The removals are done; only their durability is unsure, and a leftover would be refused, not used.
        }
        std::cerr << "worldcafe new: " << error.what() << "; "
                  << (leftBehind.empty() ? "nothing was created" : "could not remove " + leftBehind) << "\n";
        return kExitUsage;
    }

    std::cout << options.session << ": created with " << countOf(static_cast<long long>(menus.size()), "menu", "menus")
              << ", " << countOf(tableCount, "table", "tables") << ", "
              << countOf(static_cast<long long>(people.size()), "participant", "participants") << ", "
              << countOf(options.rounds, "round", "rounds") << "\n";
    for (const Problem& problem : validate(engine->session()))
        std::cerr << options.session << ": " << (problem.severity == Severity::Error ? "error: " : "warning: ")
                  << problem.message << "\n";
    return kExitOk;
}

// [SECTION] check

int runCheck(const std::string& session) {
    std::unique_ptr<Engine> engine = Engine::open(session, OpenOptions{.readOnly = true});
    const RecoveryReport& recovery = engine->recovery();
    std::cout << session << ": " << recovery.summary() << "\n";
    bool errors = false;
    for (const Problem& problem : validate(engine->session())) {
        errors = errors || problem.severity == Severity::Error;
        std::cout << session << ": " << (problem.severity == Severity::Error ? "error: " : "warning: ")
                  << problem.message << "\n";
    }
    const Session& s = engine->session();
    std::cout << session << ": " << countOf(static_cast<long long>(s.menus.size()), "menu", "menus") << ", "
              << countOf(static_cast<long long>(s.tables.size()), "table", "tables") << ", "
              << countOf(static_cast<long long>(s.participants.size()), "participant", "participants") << ", "
              << countOf(s.rounds.count, "round", "rounds") << ", "
              << countOf(static_cast<long long>(s.notes.size()), "note", "notes") << "\n";
    return errors || !recovery.clean() ? kExitProblems : kExitOk;
}

// [SECTION] the GUI and screenshots
#ifdef WORLDCAFE_HAS_GUI

std::filesystem::path workingCopyOfSample() {
    std::filesystem::path workingCopy = userDataDirectory() / kDefaultSample;
    std::error_code error;
    if (!std::filesystem::exists(workingCopy, error)) {
        std::filesystem::path bundled = bundledSessionsDirectory() / kDefaultSample;
        writeFileAtomically(workingCopy, readWholeFile(bundled));
        std::cerr << "worldcafe: working copy of the sample session at " << workingCopy << "\n";
    }
    return workingCopy;
}

bool parseSize(const std::string& text, int& width, int& height) {
    char x = 0;
    char extra = 0;
    return std::sscanf(text.c_str(), "%d%c%d%c", &width, &x, &height, &extra) == 3 && (x == 'x' || x == 'X') &&
           width >= 320 && height >= 240 && width <= 8192 && height <= 8192;
}

#endif

}  // namespace

std::string leftAsItWas(const std::filesystem::path& file, bool existedBefore) {
    return "; " + file.string() + (existedBefore ? " was left as it was" : " was not created");
}

bool writeCommandOutput(const std::string& command, const std::filesystem::path& file, std::string_view bytes) {
    std::error_code ignored;
    const bool existed = std::filesystem::exists(file, ignored);
    try {
        writeFileAtomically(file, bytes);
    } catch (const FolderNotSyncedError& error) {
        std::cerr << "worldcafe " << command << ": warning: " << error.what() << "\n";
    } catch (const StorageError& error) {
        std::cerr << "worldcafe " << command << ": " << error.what() << leftAsItWas(file, existed) << "\n";
        return false;
    }
    return true;
}

int run(int argc, char** argv) {
    CLI::App app{"worldcafe: plan and run World Café workshops", "worldcafe"};
    app.set_version_flag("--version", std::string("worldcafe ") + kVersion);
    app.require_subcommand(0, 1);
    std::string sessionToOpen;
    std::string language;
    app.add_option("session", sessionToOpen,
                   "Session file to open in the GUI (default: a working copy of the bundled sample)");
    app.add_option("--lang", language, "Interface language")->check(CLI::IsMember({"ko", "en"}));

    NewOptions newOptions;
    CLI::App* newCommand = app.add_subcommand("new", "Create a session file");
    newCommand->add_option("session", newOptions.session, "The file to create (NAME.wcafe)")->required();
    newCommand->add_option("--title", newOptions.title, "Event title")->required();
    newCommand->add_option("--people", newOptions.people, "Participants, CSV or .xlsx (first sheet): id,name,affiliation,role,table,from_round,until_round");
    newCommand->add_option("--menus", newOptions.menus, "Menu titles, one a line (\"title | question\")");
    newCommand->add_option("--tables", newOptions.tables, "Number of tables (default: one per menu)")
        ->check(CLI::Range(1, 1000));
    newCommand->add_option("--rounds", newOptions.rounds, "Number of rounds")->check(CLI::Range(1, 100));
    newCommand->add_option("--lang", newOptions.language, "Language of the event")->check(CLI::IsMember({"ko", "en"}));

    std::string checkSession;
    CLI::App* checkCommand = app.add_subcommand("check", "Validate a session and report what recovery did");
    checkCommand->add_option("session", checkSession, "Session file")->required();

    std::string shotSession, shotView = "setup", shotOut, shotSize = "1600x1000", shotLanguage, shotBase,
        shotTheme = "dark";
    CLI::App* shotCommand = app.add_subcommand("screenshot", "Render one view to a PNG");
    shotCommand->add_option("session", shotSession, "Session file")->required();
    shotCommand->add_option("--view", shotView, "setup")->required();
    shotCommand->add_option("--out", shotOut, "PNG file to write")->required();
    shotCommand->add_option("--size", shotSize, "Window size WxH (default 1600x1000)");
    shotCommand->add_option("--lang", shotLanguage, "Interface language")->check(CLI::IsMember({"ko", "en"}));
    shotCommand->add_option("--theme", shotTheme, "Colour theme (default dark)")
        ->check(CLI::IsMember({"dark", "light", "high-contrast"}));
    shotCommand->add_option("--base", shotBase,
                            "Show the room as open to phones at this address (http://HOST:PORT), with its QR codes");

    PlanCommandOptions planOptions;
    CLI::App* planCommand = addPlanCommand(app, planOptions);
    BenchCommandOptions benchOptions;
    CLI::App* benchCommand = addBenchCommand(app, benchOptions);
    CLI::App* harvestBenchCommand = addHarvestBenchCommand(*benchCommand->get_parent());
    CLI::App* replanBenchCommand = addReplanBenchCommand(*benchCommand->get_parent());
    CLI::App* importBenchCommand = addImportBenchCommand(*benchCommand->get_parent());
    ServeBenchOptions serveBenchOptions;
    CLI::App* serveBenchCommand = addServeBenchCommand(*benchCommand->get_parent(), serveBenchOptions);
    ExportCommandOptions exportOptions;
    CLI::App* exportCommand = addExportCommand(app, exportOptions);
    ServeCommandOptions serveOptions;
    CLI::App* serveCommand = addServeCommand(app, serveOptions);
    LinksCommandOptions linksOptions;
    CLI::App* linksCommand = addLinksCommand(app, linksOptions);

    std::string printSession, printWhat, printOut, printBase;
    CLI::App* printCommand = app.add_subcommand("print", "Write itinerary cards or table tents as print-ready HTML");
    printCommand->add_option("session", printSession, "Session file")->required();
    printCommand->add_option("--what", printWhat, "cards (one per person) or tents (one per table)")
        ->required()
        ->check(CLI::IsMember({"cards", "tents"}));
    printCommand->add_option("--out", printOut, "HTML file to write")->required();
    printCommand->add_option("--base", printBase, "The room's server (http://ADDRESS:PORT): print its links as QR codes");
#ifdef WORLDCAFE_HAS_GUI
    int projectorFrames = 300;
    CLI::App* projectorBenchCommand = benchCommand->get_parent()->add_subcommand(
        "projector", "CPU time per projector frame for 50 tables and 400 people, in each phase");
    projectorBenchCommand->add_option("--frames", projectorFrames, "Frames per phase (default 300)")
        ->check(CLI::Range(1, 100000));
#endif

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return kExitUsage;
    }

    try {
        if (*newCommand) return runNew(newOptions);
        if (*checkCommand) return runCheck(checkSession);
        if (*planCommand) return runPlan(planOptions);
        if (*benchCommand) return runBench(benchOptions);
        if (*benchOptions.crashCommand) return runCrashBenchmark(benchOptions.crash);
        if (*harvestBenchCommand) return runHarvestBenchmark();
        if (*replanBenchCommand) return runReplanBenchmark();
        if (*importBenchCommand) return runImportBenchmark();
        if (*serveBenchCommand) return runServeBenchmark(serveBenchOptions);
        if (*exportCommand) return runExport(exportOptions);
        if (*serveCommand) return runServe(serveOptions);
        if (*linksCommand) return runLinks(linksOptions);
        if (*printCommand) return runPrint(printSession, printWhat, printOut, printBase);
#ifdef WORLDCAFE_HAS_GUI
        if (*projectorBenchCommand) return gui::runProjectorBenchmark(projectorFrames);
#endif
        if (*shotCommand) {
#ifdef WORLDCAFE_HAS_GUI
            gui::ScreenshotOptions options;
            options.session = shotSession;
            options.view = shotView;
            options.out = shotOut;
            options.language = shotLanguage;
            options.roomBase = shotBase;
            options.theme = shotTheme;
            if (!parseSize(shotSize, options.width, options.height)) {
                std::cerr << "worldcafe screenshot: --size takes WIDTHxHEIGHT, e.g. 1920x1080\n";
                return kExitUsage;
            }
            return gui::renderScreenshot(options);
#else
            std::cerr << "worldcafe: this build has no GUI\n";
            return kExitUsage;
#endif
        }
#ifdef WORLDCAFE_HAS_GUI
        gui::LaunchOptions options;
        // Without a file the sample opens, unless the last run ended in a crash: then its session reopens.
        options.session = sessionToOpen;
        options.fallback = sessionToOpen.empty() ? workingCopyOfSample() : std::filesystem::path();
        options.language = language;
        return gui::runApp(options);
#else
        std::cerr << "worldcafe: this build has no GUI; see worldcafe --help\n";
        return kExitUsage;
#endif
    } catch (const InputError& error) {
        std::cerr << "worldcafe: " << error.what() << "\n";
        return kExitUsage;
    } catch (const Error& error) {
        std::cerr << "worldcafe: " << error.what() << "\n";
        return kExitUsage;
    } catch (const std::exception& error) {
        std::cerr << "worldcafe: unexpected error: " << error.what() << "\n";
        return kExitUsage;
    }
}

}  // namespace worldcafe::cli
