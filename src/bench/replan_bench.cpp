#include "replan_bench.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "worldcafe/planner.hpp"

namespace worldcafe::cli {

namespace {

int g_runs = 3;
double g_timeLimit = 1.0;

// 300 people (50 hosts, 12 organisations round robin) at 50 tables of 7 seats with 50 menus, 6 rounds: a full
// café with one spare seat a table, so that a walk-in can sit down without anyone moving.
Session cafe300() {
    Session s;
    s.event.title = "bench replan";
    s.rounds.count = 6;
    for (int t = 1; t <= 50; ++t) {
        s.menus.push_back(Menu{t, "Menu " + std::to_string(t), "", defaultMenuColour(static_cast<std::size_t>(t - 1))});
        s.tables.push_back(Table{t, t, 7});
    }
    for (int id = 1; id <= 300; ++id) {
        Participant p;
        p.id = id;
        p.name = "P" + std::to_string(id);
        p.affiliation = "Org " + std::to_string(id % 12 + 1);
        if (id <= 50) {
            p.role = Role::Host;
            p.table = id;
        }
        s.participants.push_back(p);
    }
    return s;
}

Participant& withId(Session& s, ParticipantId id) {
    for (Participant& p : s.participants)
        if (p.id == id) return p;
    throw std::runtime_error("no participant " + std::to_string(id));
}

// Guests at one table of round 3 (the first table with enough guests).
std::vector<ParticipantId> guestsTogether(const Session& s, std::size_t count) {
    for (const RoundPlan& round : s.plan) {
        if (round.round != 3) continue;
        for (const Table& table : s.tables) {
            std::vector<ParticipantId> guests;
            for (const Seat& seat : round.seats)
                if (seat.table == table.number && seat.participant > 50) guests.push_back(seat.participant);
            if (guests.size() >= count) return {guests.begin(), guests.begin() + static_cast<long>(count)};
        }
    }
    return {};
}

struct Scenario {
    std::string name;
    std::function<void(Session&)> change;
    bool walkIn = false;
};

struct Figures {
    int moved = 0, movedNow = 0, least = 0, fresh = 0;
    PlanQuality quality;
    double ms = 0;
};

int movedIn(const std::vector<RoundPlan>& before, const std::vector<RoundPlan>& after, RoundNumber from,
            RoundNumber until) {
    int moved = 0;
    for (const SeatChange& change : seatChanges(before, after, from))
        moved += change.round <= until && change.from != kNoTable && change.to != kNoTable;
    return moved;
}

Figures measure(const Session& planned, const Scenario& scenario) {
    Session s = planned;
    scenario.change(s);
    PlanOptions options;
    options.timeLimitSeconds = g_timeLimit;
    Figures figures;
    std::vector<double> times;
    for (int run = 0; run < g_runs; ++run) {
        PlanResult result;
        if (scenario.walkIn) {
            result = seatNow(s, 3, options);
        } else {
            options.fromRound = 3;
            options.baseline = planned.plan;
            result = planSeating(s, options);
        }
        times.push_back(result.elapsedMs);
        figures.moved = movedIn(planned.plan, result.plan, 3, 6);
        figures.movedNow = movedIn(planned.plan, result.plan, 3, scenario.walkIn ? 4 : 3);
        figures.least = result.leastMoves;
        figures.quality = result.quality;
    }
    std::sort(times.begin(), times.end());
    figures.ms = times[times.size() / 2];
    // What the console did before: plan the open rounds anew.
    PlanOptions fresh;
    fresh.timeLimitSeconds = g_timeLimit;
    fresh.fromRound = scenario.walkIn ? 4 : 3;
    Session freshSession = s;
    if (scenario.walkIn) freshSession.plan = seatNow(s, 3, options).plan;  // with the walk-in's round-3 seat
    figures.fresh = movedIn(planned.plan, planSeating(freshSession, fresh).plan, 3, 6);
    return figures;
}

}  // namespace

CLI::App* addReplanBenchCommand(CLI::App& bench) {
    CLI::App* replan = bench.add_subcommand(
        "replan", "People moved by re-plans during the event on 300/50/6 at round 3, beside the least possible");
    replan->add_option("--runs", g_runs, "Runs per scenario; the time is their median (default 3)")
        ->check(CLI::Range(1, 1000));
    replan->add_option("--time-limit", g_timeLimit, "Seconds per re-plan at most (default 1)")
        ->check(CLI::Range(0.0, 3600.0));
    return replan;
}

int runReplanBenchmark() {
    Session planned = cafe300();
    PlanOptions first;
    first.timeLimitSeconds = g_timeLimit;
    planned.plan = planSeating(planned, first).plan;

    std::vector<Scenario> scenarios;
    scenarios.push_back({"1 absence", [](Session& s) { withId(s, 137).untilRound = 2; }});
    scenarios.push_back({"5 absences (spread)", [](Session& s) {
                             for (ParticipantId id : {61, 119, 173, 229, 283}) withId(s, id).untilRound = 2;
                         }});
    scenarios.push_back({"5 absences (1 table)", [&planned](Session& s) {
                             for (ParticipantId id : guestsTogether(planned, 5)) withId(s, id).untilRound = 2;
                         }});
    scenarios.push_back({"1 walk-in (seat now)",
                         [](Session& s) {
                             Participant p;
                             p.id = 301;
                             p.name = "Walk-in";
                             p.affiliation = "Org 1";
                             p.fromRound = 3;
                             s.participants.push_back(p);
                         },
                         true});

    std::printf("worldcafe bench replan: 300 people, 50 tables of 7, 6 rounds, 50 hosts; rounds 1-2 held, the change "
                "comes before round 3 (the walk-in during it); time limit %.1f s, median of %d runs\n",
                g_timeLimit, g_runs);
    std::printf("moved = seats at another table than the current plan in rounds 3-6 (now = round 3; for the walk-in, "
                "rounds 3-4); least = lower bound on moved; fresh = moved by planning rounds 3-6 anew (before)\n");
    std::printf("%-22s %6s %5s %6s %6s %6s %6s %6s %4s %8s\n", "scenario", "moved", "now", "least", "fresh", "C2",
                "bound", "revis", "hrd", "ms");
    for (const Scenario& scenario : scenarios) {
        Figures f = measure(planned, scenario);
        std::printf("%-22s %6d %5d %6d %6d %6lld %6lld %6d %4d %8.1f\n", scenario.name.c_str(), f.moved, f.movedNow,
                    f.least, f.fresh, f.quality.c2, f.quality.c2LowerBound, f.quality.menuRevisits,
                    f.quality.hardViolations, f.ms);
        std::fflush(stdout);
    }
    return kExitOk;
}

}  // namespace worldcafe::cli
