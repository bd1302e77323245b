#pragma once
// `worldcafe bench harvest`: synthesis and every export on 10,000 synthetic notes, median of 5 runs each.

namespace CLI {
class App;
}

namespace worldcafe::cli {

// Registers `harvest` under the `bench` subcommand; returns it, which run() checks after parsing.
CLI::App* addHarvestBenchCommand(CLI::App& bench);
int runHarvestBenchmark();

}  // namespace worldcafe::cli
