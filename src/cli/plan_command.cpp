#include "plan_command.hpp"

// Index
// [SECTION] reading CSV with line numbers
// [SECTION] input files: menus, rules, a fixed plan
// [SECTION] output: PLAN.csv, the JSON report, the summary
// [SECTION] the command

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "command_line.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/plan_words.hpp"
#include "worldcafe/planner.hpp"
#include "worldcafe/spreadsheet_cell.hpp"
#include "worldcafe/text.hpp"
#include "worldcafe/zoom_export.hpp"

namespace worldcafe::cli {

namespace {

// [SECTION] reading CSV with line numbers

struct CsvLine {
    int line = 0;
    std::string text;
    std::vector<std::string> fields;
};

// parseCsv() returns records without their lines; parsing one physical line at a time keeps them for messages
// (a rules or plan file has no field that spans lines).
std::vector<CsvLine> readCsvLines(const std::filesystem::path& file) {
    std::string bytes = readWholeFile(file);
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
    std::vector<CsvLine> lines;
    std::size_t start = 0;
    int number = 0;
    while (start < bytes.size()) {
        std::size_t end = bytes.find('\n', start);
        if (end == std::string::npos) end = bytes.size();
        std::string text = bytes.substr(start, end - start);
        start = end + 1;
        ++number;
        if (!text.empty() && text.back() == '\r') text.pop_back();
        if (trim(text).empty()) continue;
        CsvLine line;
        line.line = number;
        line.text = text;
        try {
            auto records = parseCsv(text, file);
            if (!records.empty()) line.fields = records.front();
        } catch (const InputError& error) {
            throw InputError(file, error.detail, number, error.column);
        }
        for (std::string& field : line.fields) field = trim(normalizeNfc(field));
        lines.push_back(std::move(line));
    }
    return lines;
}

// The column (in characters) where field `index` starts, for messages.
int columnOf(const CsvLine& line, std::size_t index) {
    std::size_t field = 0;
    bool quoted = false;
    for (std::size_t at = 0; at < line.text.size(); ++at) {
        if (field == index) return codePointCount(line.text.substr(0, at)) + 1;
        char c = line.text[at];
        if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            ++field;
    }
    return codePointCount(line.text) + 1;
}

std::string lower(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::optional<long long> parseWhole(const std::string& text) {
    long long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

// [SECTION] input files: menus, rules, a fixed plan

// A person named by the organiser's own id ("S-0001", an e-mail) or by worldcafe's number, in that order.
const Participant* findPerson(const Session& session, const std::string& text) {
    if (text.empty()) return nullptr;
    for (const Participant& p : session.participants)
        if (p.externalId == text) return &p;
    auto id = parseWhole(text);
    return id && *id >= 1 ? session.findParticipant(*id) : nullptr;
}


std::vector<std::string> readMenuTitles(const std::filesystem::path& file) {
    std::string text = normalizeNfc(readWholeFile(file));
    if (!isValidUtf8(text)) throw InputError(file, "is not UTF-8 text");
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<std::string> titles;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        for (const char* separator : {"\t", " | "})
            if (auto at = line.find(separator); at != std::string::npos) line = line.substr(0, at);
        line = trim(line);
        if (!line.empty()) titles.push_back(line);
    }
    if (titles.empty()) throw InputError(file, "holds no menu titles (one a line)");
    return titles;
}

std::vector<Rule> readRules(const std::filesystem::path& file, const Session& session) {
    std::vector<Rule> rules;
    std::vector<CsvLine> lines = readCsvLines(file);
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const CsvLine& line = lines[k];
        if (k == 0 && !line.fields.empty() && lower(line.fields[0]) == "kind") continue;  // the header
        if (line.fields.size() != 3)
            throw InputError(file,
                             "expected 3 fields (kind,person_a,person_b), found " + std::to_string(line.fields.size()),
                             line.line, 1);
        Rule rule;
        rule.id = static_cast<RuleId>(rules.size() + 1);
        std::string kind = lower(line.fields[0]);
        if (kind == "apart")
            rule.kind = RuleKind::KeepApart;
        else if (kind == "together")
            rule.kind = RuleKind::KeepTogether;
        else
            throw InputError(file, "'" + line.fields[0] + "' is not a rule kind: use apart or together", line.line, 1);
        for (std::size_t f = 1; f <= 2; ++f) {
            const char* column = f == 1 ? "person_a" : "person_b";
            const Participant* person = findPerson(session, line.fields[f]);
            if (!person)
                throw InputError(file,
                                 std::string(column) + ": '" + line.fields[f] +
                                     "' is neither an id nor an external id in the participants file",
                                 line.line, columnOf(line, f));
            (f == 1 ? rule.a : rule.b) = person->id;
        }
        rules.push_back(rule);
    }
    return rules;
}

struct FixedPlan {
    std::vector<RoundPlan> fixed;     // rounds before `fromRound`, kept as they are
    std::vector<RoundPlan> baseline;  // rounds from `fromRound` on: what people were told, to change little
};

// A PLAN.csv: its rounds before `fromRound` as they are, and the later ones as the baseline of the re-plan.
FixedPlan readFixedPlan(const std::filesystem::path& file, const Session& session, int fromRound) {
    std::vector<CsvLine> lines = readCsvLines(file);
    if (lines.empty())
        throw InputError(file, "is empty: it needs the header round,table,menu,id,name,affiliation,role");
    std::map<std::string, std::size_t> column;
    for (std::size_t f = 0; f < lines[0].fields.size(); ++f) column.emplace(lower(lines[0].fields[f]), f);
    for (const char* name : {"round", "table", "id"})
        if (!column.count(name))
            throw InputError(file, std::string("the header has no '") + name + "' column", lines[0].line, 1);
    const int rounds = session.rounds.count;
    std::vector<RoundPlan> plan(static_cast<std::size_t>(std::max(rounds, fromRound - 1)));
    for (std::size_t r = 0; r < plan.size(); ++r) plan[r].round = static_cast<RoundNumber>(r + 1);
    std::set<std::pair<long long, long long>> seated;
    for (std::size_t k = 1; k < lines.size(); ++k) {
        const CsvLine& line = lines[k];
        auto number = [&](const char* name, long long low) {
            std::size_t f = column[name];
            std::string text = f < line.fields.size() ? line.fields[f] : "";
            auto value = parseWhole(text);
            if (!value || *value < low)
                throw InputError(file,
                                 std::string(name) + ": '" + text + "' is not a " +
                                     (std::strcmp(name, "id") == 0 ? "participant id" : std::string(name) + " number"),
                                 line.line, columnOf(line, f));
            return *value;
        };
        long long round = number("round", 1);
        long long table = number("table", 1);
        if (round > static_cast<long long>(plan.size()))
            throw InputError(file,
                             "round: " + std::to_string(round) + " is after the last round (" +
                                 std::to_string(rounds) + ")",
                             line.line, columnOf(line, column["round"]));
        const std::size_t idField = column["id"];
        const std::string idText = idField < line.fields.size() ? line.fields[idField] : "";
        const Participant* person = findPerson(session, idText);
        if (!person)
            throw InputError(file, "id: '" + idText + "' is neither an id nor an external id in the participants file",
                             line.line, columnOf(line, idField));
        const ParticipantId id = person->id;
        if (!seated.emplace(round, id).second)
            throw InputError(file,
                             "participant " + std::to_string(id) + " is seated twice in round " + std::to_string(round),
                             line.line, 1);
        plan[round - 1].seats.push_back(Seat{id, static_cast<TableNumber>(table)});
    }
    FixedPlan result;
    for (RoundPlan& round : plan) {
        if (round.round >= fromRound) {
            result.baseline.push_back(std::move(round));
            continue;
        }
        if (round.seats.empty())
            throw InputError(file, "has no seats for round " + std::to_string(round.round) + ", which --from-round " +
                                       std::to_string(fromRound) + " keeps as it is");
        result.fixed.push_back(std::move(round));
    }
    return result;
}

Session sessionFromFiles(const PlanCommandOptions& options, std::vector<RoundPlan>& baseline) {
    Session session;
    session.event.title = "plan";
    session.rounds.count = options.rounds;
    ParticipantImport imported = importParticipants(options.people);
    session.participants = std::move(imported.participants);

    std::vector<std::string> titles;
    if (!options.menus.empty())
        titles = readMenuTitles(options.menus);
    else
        for (int t = 1; t <= options.tables; ++t) titles.push_back("Menu " + std::to_string(t));
    for (std::size_t m = 0; m < titles.size(); ++m)
        session.menus.push_back(Menu{static_cast<MenuId>(m + 1), titles[m], "", defaultMenuColour(m)});
    for (int t = 1; t <= options.tables; ++t)
        session.tables.push_back(Table{t, static_cast<MenuId>((t - 1) % static_cast<int>(titles.size()) + 1), 1});
    int capacity = options.capacity > 0 ? options.capacity : defaultCapacity(session);
    for (Table& table : session.tables) table.capacity = capacity;

    if (!options.rules.empty()) session.rules = readRules(options.rules, session);
    if (!options.fixed.empty()) {
        FixedPlan fixed = readFixedPlan(options.fixed, session, options.fromRound);
        session.plan = std::move(fixed.fixed);
        if (!options.fresh) baseline = std::move(fixed.baseline);
    }
    return session;
}

// [SECTION] output: PLAN.csv, the JSON report, the summary

std::string formatPlanCsv(const Session& session, const std::vector<RoundPlan>& plan) {
    const bool external = std::any_of(session.participants.begin(), session.participants.end(),
                                      [](const Participant& p) { return !p.externalId.empty(); });
    std::string out = external ? "round,table,menu,id,name,affiliation,role,external_id\n"
                               : "round,table,menu,id,name,affiliation,role\n";
    std::vector<const RoundPlan*> rounds;
    for (const RoundPlan& round : plan) rounds.push_back(&round);
    std::stable_sort(rounds.begin(), rounds.end(),
                     [](const RoundPlan* a, const RoundPlan* b) { return a->round < b->round; });
    for (const RoundPlan* round : rounds)
        for (const Seat& seat : round->seats) {
            const Participant* p = session.findParticipant(seat.participant);
            const Table* table = session.findTable(seat.table);
            out += std::to_string(round->round) + "," + std::to_string(seat.table) + "," +
                   (table && table->menu != kNoMenu ? std::to_string(table->menu) : std::string()) + "," +
                   std::to_string(seat.participant) + "," + (p ? spreadsheetCsvField(p->name) : std::string()) + "," +
                   (p ? spreadsheetCsvField(p->affiliation) : std::string()) + "," + (p ? roleName(p->role) : "") +
                   (external ? "," + (p ? spreadsheetCsvField(p->externalId) : std::string()) : std::string()) + "\n";
        }
    return out;
}

std::string formatJsonReport(const Session& session, const PlanResult& result) {
    const PlanQuality& q = result.quality;
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.1f", result.elapsedMs);
    auto field = [](const char* key, long long value) {
        return "\"" + std::string(key) + "\": " + std::to_string(value);
    };
    return "{" + field("people", static_cast<long long>(session.participants.size())) + ", " +
           field("tables", static_cast<long long>(session.tables.size())) + ", " +
           field("rounds", session.rounds.count) + ", " + field("C2", q.c2) + ", " + field("E", q.e) + ", " +
           field("C2_lower_bound", q.c2LowerBound) + ", " + field("E_lower_bound", q.eLowerBound) + ", " +
           field("menu_revisits", q.menuRevisits) + ", " + field("same_affiliation_pairs", q.sameAffiliationPairs) +
           ", " + field("same_affiliation_lower_bound", q.sameAffiliationLowerBound) + ", " +
           field("size_spread", q.sizeSpread) + ", " + field("hard_violations", q.hardViolations) +
           ", \"elapsed_ms\": " + elapsed + "}\n";
}

// The figures above in words, in the session's language like every export ("  Everyone meets 12 new people; ...").
std::string plainSentence(const Session& session, const PlanResult& result) {
    try {
        std::string sentence = planSentence(result.quality, countMeetings(result.plan),
                                            Strings::forSession(session.event.language));
        return sentence.empty() ? std::string() : "  " + sentence + "\n";
    } catch (const Error&) {
        return {};  // the figures say it all; a missing label file is the exports' to report
    }
}

std::string formatSummary(const Session& session, const PlanResult& result) {
    const PlanQuality& q = result.quality;
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.1f", result.elapsedMs);
    return "planned " + countOf(static_cast<long long>(session.participants.size()), "person", "people") + " at " +
           countOf(static_cast<long long>(session.tables.size()), "table", "tables") + " for " +
           countOf(session.rounds.count, "round", "rounds") + " in " + elapsed + " ms by " + result.method + (result.cancelled ? " (cancelled)" : "") +
           "\n  repeats C2 " + std::to_string(q.c2) + " (lower bound " + std::to_string(q.c2LowerBound) + "), E " +
           std::to_string(q.e) + " (lower bound " + std::to_string(q.eLowerBound) + "); menu revisits " +
           std::to_string(q.menuRevisits) + "; same-affiliation pairs " + std::to_string(q.sameAffiliationPairs) +
           " (floor " + std::to_string(q.sameAffiliationLowerBound) + "); table sizes differ by " +
           std::to_string(q.sizeSpread) + "; broken rules " + std::to_string(q.hardViolations) + "\n" +
           plainSentence(session, result) +
           (result.method.find("fewest moves") == std::string::npos
                ? std::string()
                : "  moved " + countOf(result.moved, "seat", "seats") + " from --fixed (at least " +
                      std::to_string(result.leastMoves) + " needed)\n");
}

// Zoom takes one pre-assignment file at a time: round by round, each written whole or not at all.
bool writeZoomFiles(const Session& session, const std::vector<RoundPlan>& plan, const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
        std::cerr << "worldcafe plan: cannot create " << folder.string() << ": " << error.message() << "\n";
        return false;
    }
    const ZoomExport zoom = formatZoomBreakoutCsv(session, plan);
    for (const ZoomRoundFile& file : zoom.rounds)
        if (!writeCommandOutput("plan", folder / file.fileName, file.text)) return false;
    std::cerr << "worldcafe plan: wrote " << zoom.rounds.size() << " Zoom breakout files (zoom-round-N.csv) to "
              << folder.string() << "\n";
    if (!zoom.withoutEmail.empty())
        std::cerr << "worldcafe plan: " << describeWithoutEmail(session, zoom.withoutEmail) << "\n";
    return true;
}

// [SECTION] the command

int usage(const std::string& message) {
    std::cerr << "worldcafe plan: " << message << "\n";
    return kExitUsage;
}

}  // namespace

CLI::App* addPlanCommand(CLI::App& app, PlanCommandOptions& o) {
    CLI::App* command = app.add_subcommand(
        "plan", "Plan who sits where each round, from CSV files or inside a session (worldcafe plan SESSION)");
    command->add_option("session", o.session, "Session file to plan and record the plan in");
    command->add_option("--people", o.people,
                        "Participants, CSV or .xlsx (first sheet): id,name,affiliation,role,table,from_round,until_round");
    command->add_option("--tables", o.tables, "Number of tables")->check(CLI::Range(1, 100000));
    command->add_option("--rounds", o.rounds, "Number of rounds")->check(CLI::Range(1, 100));
    command->add_option("--menus", o.menus, "Menu titles, one a line; table t holds menu ((t-1) mod M)+1");
    command->add_option("--capacity", o.capacity, "Seats per table (default: an even spread)")
        ->check(CLI::Range(1, 100000));
    command->add_option("--rules", o.rules, "Rules CSV: kind,person_a,person_b with kind apart or together");
    command->add_option("--seed", o.seed, "Random seed: the same input and seed give the same plan");
    command->add_option("--time-limit", o.timeLimit, "Seconds of search at most (default 1)")
        ->check(CLI::Range(0.0, 86400.0));
    command->add_option("--fixed", o.fixed,
                        "PLAN.csv whose rounds before --from-round are kept as they are, and whose later rounds "
                        "change as little as possible (moving the fewest people)");
    command->add_flag("--fresh", o.fresh, "With --fixed: plan the rounds from --from-round anew");
    command->add_option("--from-round", o.fromRound, "First round to plan (default 1)")->check(CLI::Range(1, 100));
    command->add_option("--out", o.out, "Write PLAN.csv here (default: standard output)");
    command->add_option("--report", o.report, "Print the quality as one JSON object")->check(CLI::IsMember({"json"}));
    command->add_option("--zoom-csv", o.zoomDirectory,
                        "Also write Zoom's breakout-room pre-assignment CSV, one file per round, into this folder");
    return command;
}

int runPlan(const PlanCommandOptions& o) {
    const bool fromFiles = !o.people.empty() || o.tables > 0 || o.rounds > 0;
    if (!o.session.empty() && fromFiles)
        return usage("give either a SESSION or --people, --tables and --rounds, not both");
    if (o.session.empty()) {
        if (o.people.empty() || o.tables <= 0 || o.rounds <= 0)
            return usage("needs --people PEOPLE.csv, --tables N and --rounds R (or a SESSION file)");
        if (o.fromRound > 1 && o.fixed.empty())
            return usage("--from-round needs --fixed PLAN.csv with the earlier rounds");
        if (o.fromRound > o.rounds) return usage("--from-round is after the last round");
    } else if (!o.fixed.empty() || !o.menus.empty() || !o.rules.empty() || o.capacity > 0 || o.fresh) {
        return usage(
            "--menus, --capacity, --rules, --fixed and --fresh are for planning from CSV files; a session has its own");
    }

    PlanOptions options;
    options.seed = o.seed;
    options.timeLimitSeconds = o.timeLimit;
    options.fromRound = o.fromRound;
    try {
        std::unique_ptr<Engine> engine;
        Session session;
        if (!o.session.empty()) {
            try {
                engine = Engine::open(o.session);
            } catch (const StorageError& error) {  // opening for writing starts or repairs the journal
                return usage(std::string(error.what()) + "; nothing was planned and " + o.session + " is as it was");
            }
            session = engine->session();
        } else {
            session = sessionFromFiles(o, options.baseline);
        }
        PlanResult result = planSeating(session, options);
        if (engine) {
            try {
                engine->apply(SetPlan{result.plan});
            } catch (const StorageError& error) {
                return usage(std::string(error.what()) + "; the plan was not recorded and " + o.session +
                             " is as it was");
            }
            // From here the plan is saved: the journal holds it and every open replays it. Save only compacts.
            try {
                engine->save();
            } catch (const StorageError& error) {
                std::cerr << "worldcafe plan: warning: the plan is saved (in " << o.session
                          << ".journal, which every open of " << o.session << " replays); compacting it into "
                          << o.session << " failed: " << error.what() << "\n";
            }
        }
        if (!o.out.empty() && !writeCommandOutput("plan", o.out, formatPlanCsv(session, result.plan))) {
            if (engine) std::cerr << "worldcafe plan: the plan itself is saved in " << o.session << "\n";
            return kExitUsage;
        }
        if (!o.zoomDirectory.empty() && !writeZoomFiles(session, result.plan, o.zoomDirectory)) {
            if (engine) std::cerr << "worldcafe plan: the plan itself is saved in " << o.session << "\n";
            return kExitUsage;
        }
        if (o.report == "json") {
            std::cout << formatJsonReport(session, result);
        } else if (o.out.empty() && !engine) {
            std::cout << formatPlanCsv(session, result.plan);
            std::cerr << formatSummary(session, result);
        } else {
            std::cout << formatSummary(session, result);
        }
        return kExitOk;
    } catch (const PlanImpossible& error) {
        // The plain words first, for the organiser; the planner's own detail after, for a bug report.
        std::string plain = error.what();
        try {
            plain = plainReason(error, Strings::forLanguage("en"));
        } catch (const Error&) {
        }
        return usage(std::string("cannot plan: ") + plain +
                     (plain == error.what() ? std::string() : std::string("\n  (") + error.what() + ")"));
    }
}

}  // namespace worldcafe::cli
