#include "bench_command.hpp"

// Index
// [SECTION] instances
// [SECTION] running one instance in a child process
// [SECTION] the command

#include <CLI/CLI.hpp>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iostream>

#include "command_line.hpp"
#include "worldcafe/planner.hpp"

namespace worldcafe::cli {

namespace {

// [SECTION] instances

struct Instance {
    std::string name;
    Session session;
    RoundNumber fromRound = 1;
    // A re-plan: the session is planned first (not timed), then changed, then the remaining rounds are timed.
    std::function<void(Session&)> change;
};

constexpr int kOrganisations = 12;

std::string organisation(int index) { return "Org " + std::to_string(index % kOrganisations + 1); }

Session tablesAndMenus(int tables, int rounds, int menus, int capacity) {
    Session s;
    s.event.title = "bench";
    s.rounds.count = rounds;
    for (int m = 1; m <= menus; ++m)
        s.menus.push_back(Menu{m, "Menu " + std::to_string(m), "", defaultMenuColour(static_cast<std::size_t>(m - 1))});
    for (int t = 1; t <= tables; ++t) s.tables.push_back(Table{t, (t - 1) % menus + 1, capacity});
    return s;
}

Participant person(int id, std::string affiliation) {
    Participant p;
    p.id = id;
    p.name = "P" + std::to_string(id);
    p.affiliation = std::move(affiliation);
    return p;
}

// h: a host fixed at every table; the first `tables` people host tables 1..tables; 12 organisations round robin.
Session hosted(int people, int tables, int rounds) {
    Session s = tablesAndMenus(tables, rounds, tables, (people + tables - 1) / tables);
    for (int id = 1; id <= people; ++id) {
        Participant p = person(id, organisation(id - 1));
        if (id <= tables) {
            p.role = Role::Host;
            p.table = id;
        }
        s.participants.push_back(p);
    }
    return s;
}

// The pure grouping problems (social golfers, Kirkman's schoolgirls) have no menus: tables without one are never
// revisited. With `menus`, each table serves its own and revisits outrank repeats, as in a café.
Session unhosted(int groups, int size, int rounds, bool menus) {
    Session s = tablesAndMenus(groups, rounds, groups, size);
    if (!menus) {
        s.menus.clear();
        for (Table& table : s.tables) table.menu = kNoMenu;
    }
    for (int id = 1; id <= groups * size; ++id) s.participants.push_back(person(id, organisation(id - 1)));
    return s;
}

// Couples kept together, pairs kept apart, pinned seats, 5 % late, 5 % early, one organisation with a quarter of
// the guests; 20 tables share 10 menus.
Session constrained() {
    const int tables = 20, people = 160, rounds = 5;
    Session s = tablesAndMenus(tables, rounds, 10, 0);
    for (int id = 1; id <= people; ++id) {
        Participant p = person(id, id >= 21 && id <= 60 ? std::string("Big Org") : organisation(id));
        if (id <= tables) {
            p.role = Role::Host;
            p.table = id;
        }
        if (id >= 77 && id <= 80) p.table = 1 + 4 * (id - 77);  // pinned guests (mobility needs)
        if (id >= 81 && id <= 88) p.fromRound = id <= 84 ? 2 : 3;
        if (id >= 89 && id <= 96) p.untilRound = id <= 92 ? 3 : 4;
        s.participants.push_back(p);
    }
    RuleId next = 1;
    for (int id = 61; id <= 75; id += 2) s.rules.push_back(Rule{next++, RuleKind::KeepTogether, id, id + 1});
    for (int id = 21; id <= 39; id += 2) s.rules.push_back(Rule{next++, RuleKind::KeepApart, id, id + 1});
    // One couple where one partner arrives late: they sit together from round 2 on.
    s.rules.push_back(Rule{next++, RuleKind::KeepTogether, 81, 97});
    int capacity = defaultCapacity(s);
    for (Table& table : s.tables) table.capacity = capacity;
    return s;
}

std::vector<Instance> instances() {
    std::vector<Instance> list;
    auto add = [&](std::string name, Session session) {
        list.push_back(Instance{std::move(name), std::move(session), 1, {}});
    };
    add("12/4/3 h", hosted(12, 4, 3));
    add("12/3/3 h", hosted(12, 3, 3));
    add("30/5/3 h", hosted(30, 5, 3));
    add("40/8/4 h", hosted(40, 8, 4));
    add("43/8/4 h (5-6)", hosted(43, 8, 4));
    add("35/7/7 h", hosted(35, 7, 7));
    add("40/8/8 h", hosted(40, 8, 8));
    add("golfers 8-4-9", unhosted(8, 4, 9, false));
    add("golfers 8-4-10", unhosted(8, 4, 10, false));
    add("Kirkman 15/5/7", unhosted(5, 3, 7, false));
    add("golfers 8-4-9 menus", unhosted(8, 4, 9, true));
    add("golfers 8-4-10 menus", unhosted(8, 4, 10, true));
    add("Kirkman 15/5/7 menus", unhosted(5, 3, 7, true));
    add("60/6/4 h", hosted(60, 6, 4));
    add("100/20/5 h", hosted(100, 20, 5));
    add("300/50/6 h", hosted(300, 50, 6));
    add("1000/200/6 h", hosted(1000, 200, 6));
    // Issue 12's scale: the search stops at the time limit, and memory grows with people x rounds only.
    add("3000/600/6 h", hosted(3000, 600, 6));
    add("10000/2000/6 h", hosted(10000, 2000, 6));
    add("constrained 160/20/5", constrained());
    Instance replan{"re-plan 300/50/6 r4-6", hosted(300, 50, 6), 4, [](Session& s) {
                        // A guest leaves after round 3.
                        s.participants[100].untilRound = 3;
                    }};
    list.push_back(std::move(replan));
    return list;
}

// [SECTION] running one instance in a child process

struct Row {
    PlanQuality quality;
    double medianMs = 0;
    double bestFoundMs = 0;
    std::string method;
};

Row measure(Instance& instance, const BenchCommandOptions& options) {
    PlanOptions planOptions;
    planOptions.seed = options.seed;
    planOptions.timeLimitSeconds = options.timeLimit;
    if (instance.change) {
        instance.session.plan = planSeating(instance.session, planOptions).plan;
        instance.change(instance.session);
        planOptions.fromRound = instance.fromRound;
    }
    std::vector<std::pair<double, double>> times;  // elapsed, best found
    Row row;
    for (int run = 0; run < std::max(1, options.runs); ++run) {
        PlanResult result = planSeating(instance.session, planOptions);
        times.emplace_back(result.elapsedMs, result.bestFoundMs);
        row.quality = result.quality;
        row.method = result.method;
    }
    std::sort(times.begin(), times.end());
    row.medianMs = times[times.size() / 2].first;
    row.bestFoundMs = times[times.size() / 2].second;
    return row;
}

std::string formatRow(const Instance& instance, const Row& row) {
    const Session& s = instance.session;
    const PlanQuality& q = row.quality;
    char line[512];
    std::snprintf(line, sizeof line, "%-22s %5zu %4zu %3d %6lld %6lld %6lld %6lld %5d %6lld %6lld %3d %3d %9.1f %8.1f",
                  instance.name.c_str(), s.participants.size(), s.tables.size(), s.rounds.count, q.c2, q.c2LowerBound,
                  q.e, q.eLowerBound, q.menuRevisits, q.sameAffiliationPairs, q.sameAffiliationLowerBound, q.sizeSpread,
                  q.hardViolations, row.medianMs, row.bestFoundMs);
    return line;
}

struct ChildResult {
    std::string text;
    long peakKilobytes = 0;
    double cpuMs = 0;  // user + system time of the child: what the planner used, however busy the machine
    bool ok = false;
};

// Each instance runs in a fresh child, so that its peak resident set is its own.
ChildResult inChild(const std::function<std::string()>& work) {
    int pipeEnds[2];
    ChildResult result;
    if (::pipe(pipeEnds) != 0) return result;
    std::fflush(stdout);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::close(pipeEnds[0]);
        std::string text;
        int status = 0;
        try {
            text = work();
        } catch (const std::exception& error) {
            text = std::string("error: ") + error.what();
            status = 1;
        }
        std::size_t written = 0;
        while (written < text.size()) {
            ssize_t n = ::write(pipeEnds[1], text.data() + written, text.size() - written);
            if (n <= 0) break;
            written += static_cast<std::size_t>(n);
        }
        ::close(pipeEnds[1]);
        ::_exit(status);
    }
    ::close(pipeEnds[1]);
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(pipeEnds[0], buffer, sizeof buffer)) > 0)
        result.text.append(buffer, static_cast<std::size_t>(n));
    ::close(pipeEnds[0]);
    int status = 0;
    struct rusage usage {};
    if (pid > 0 && ::wait4(pid, &status, 0, &usage) == pid) {
        result.peakKilobytes = usage.ru_maxrss;
        result.cpuMs = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
        result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    return result;
}

// [SECTION] one keep-apart rule (issue 12)

// A hosted café (people/tables/rounds) with two guests of organisations nobody else belongs to; `rule` keeps them
// apart. 35/7/7 and 40/8/8 have zero-repeat designs, which once left such a pair out and lost a row of guests.
Session oneRule(int people, int tables, int rounds, bool rule) {
    Session s = hosted(people, tables, rounds);
    s.participants[10].affiliation = "Solo A";
    s.participants[11].affiliation = "Solo B";
    if (rule) s.rules.push_back(Rule{1, RuleKind::KeepApart, s.participants[10].id, s.participants[11].id});
    return s;
}

constexpr int kOneRuleShapes[][3] = {{35, 7, 7}, {40, 8, 8}, {300, 50, 6}};

std::string oneRuleLine(const int* shape, bool rule, const BenchCommandOptions& options) {
    char name[64];
    std::snprintf(name, sizeof name, "%d/%d/%d h %s", shape[0], shape[1], shape[2], rule ? "with the rule" : "without");
    std::string line = name;
    line.resize(30, ' ');
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        PlanOptions planOptions;
        planOptions.seed = seed;
        planOptions.timeLimitSeconds = options.timeLimit;
        PlanResult result = planSeating(oneRule(shape[0], shape[1], shape[2], rule), planOptions);
        char cell[96];
        std::snprintf(cell, sizeof cell, "  %4lld (C2 %lld, E %lld)", result.quality.sameAffiliationPairs,
                      result.quality.c2, result.quality.e);
        line += cell;
    }
    return line;
}

}  // namespace

// [SECTION] the command

CLI::App* addBenchCommand(CLI::App& app, BenchCommandOptions& options) {
    CLI::App* bench = app.add_subcommand("bench", "Benchmarks");
    bench->require_subcommand(1);
    CLI::App* plan = bench->add_subcommand("plan", "The planner on the instances of issue 3: quality, time, memory");
    plan->add_option("--runs", options.runs, "Runs per instance; the time is their median (default 5)")
        ->check(CLI::Range(1, 1000));
    plan->add_option("--time-limit", options.timeLimit, "Seconds per run at most (default 1)")
        ->check(CLI::Range(0.0, 3600.0));
    plan->add_option("--seed", options.seed, "Random seed (default 1)");
    plan->add_option("--only", options.only, "Only the instances whose name contains this text");
    options.crashCommand = addCrashBenchCommand(*bench, options.crash);
    return plan;
}

int runBench(const BenchCommandOptions& options) {
    ChildResult baseline = inChild([] { return std::string(); });
    long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
    std::printf("worldcafe bench plan: %ld cores online, one thread; seed %llu, time limit %.1f s a run\n", cores,
                static_cast<unsigned long long>(options.seed), options.timeLimit);
    std::printf(
        "ms = median wall time of %d runs of planSeating (same seed, same plan every run); best@ms = when the "
        "returned plan was found\n",
        options.runs);
    std::printf(
        "RSS = peak resident set (getrusage ru_maxrss) of a forked child that builds the instance and plans it; "
        "a child that plans nothing peaks at %.1f MB\n",
        static_cast<double>(baseline.peakKilobytes) / 1024.0);
    std::printf("cpu ms = user + system time of the child, all runs and building the instance (on a busy machine the "
                "wall time grows, not this)\n");
    std::printf("%-22s %5s %4s %3s %6s %6s %6s %6s %5s %6s %6s %3s %3s %9s %8s %6s %7s  %s\n", "instance", "people",
                "tbl", "rnd", "C2", "bound", "E", "bound", "revis", "sameAf", "floor", "spr", "hrd", "ms", "best@ms",
                "RSS MB", "cpu ms", "method");
    std::fflush(stdout);
    bool allOk = true;
    for (Instance& instance : instances()) {
        if (!options.only.empty() && instance.name.find(options.only) == std::string::npos) continue;
        ChildResult child = inChild([&] {
            Row row = measure(instance, options);
            return formatRow(instance, row) + "\t" + row.method;
        });
        if (!child.ok) {
            std::printf("%-22s %s\n", instance.name.c_str(), child.text.empty() ? "failed" : child.text.c_str());
            allOk = false;
            continue;
        }
        auto tab = child.text.find('\t');
        std::printf("%s %6.1f %7.0f  %s\n", child.text.substr(0, tab).c_str(),
                    static_cast<double>(child.peakKilobytes) / 1024.0, child.cpuMs, child.text.substr(tab + 1).c_str());
        std::fflush(stdout);
    }
    if (options.only.empty() || std::string("one rule").find(options.only) != std::string::npos) {
        std::printf("\none keep-apart rule between two guests of one-person organisations: same-affiliation pairs "
                    "(C2, E) for seeds 1-5\n");
        for (const auto& shape : kOneRuleShapes)
            for (bool rule : {false, true}) {
                ChildResult child = inChild([&] { return oneRuleLine(shape, rule, options); });
                std::printf("%s\n", child.ok ? child.text.c_str() : "failed");
                std::fflush(stdout);
                allOk = allOk && child.ok;
            }
    }
    return allOk ? kExitOk : kExitProblems;
}

}  // namespace worldcafe::cli
