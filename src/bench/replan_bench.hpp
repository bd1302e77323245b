#pragma once
// `worldcafe bench replan`: people moved by re-plans during the event (absences, a walk-in) on 300/50/6 at round
// 3, beside the least possible and beside a fresh plan.

namespace CLI {
class App;
}

namespace worldcafe::cli {

// Registers `replan` under the `bench` subcommand; returns it, which run() checks after parsing.
CLI::App* addReplanBenchCommand(CLI::App& bench);
int runReplanBenchmark();

}  // namespace worldcafe::cli
