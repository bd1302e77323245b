#pragma once
// `worldcafe plan`: plans the seating from CSV files, or inside a session file, and prints or writes PLAN.csv.

#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace worldcafe::cli {

struct PlanCommandOptions {
    std::string session;  // plan SESSION: plan inside the session and record it there
    std::string people;
    std::string menus;
    std::string rules;
    std::string fixed;
    std::string out;
    std::string report;
    std::string zoomDirectory;  // --zoom-csv: Zoom breakout pre-assignment files, one per round
    int tables = 0;
    int rounds = 0;
    int capacity = 0;  // 0: defaultCapacity()
    int fromRound = 1;
    bool fresh = false;  // with --fixed: ignore its later rounds and plan them anew
    std::uint64_t seed = 1;
    double timeLimit = 1.0;
};

// Registers the subcommand; run() calls runPlan() when it was given.
CLI::App* addPlanCommand(CLI::App& app, PlanCommandOptions& options);
int runPlan(const PlanCommandOptions& options);

}  // namespace worldcafe::cli
