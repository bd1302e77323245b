#pragma once
// `worldcafe bench plan`: the planner on the instances of issue 3, one row each: figures against their bounds,
// time and peak memory. `bench crash` (crash_bench.hpp) is registered here too.

#include <cstdint>
#include <string>

#include "crash_bench.hpp"

namespace CLI {
class App;
}

namespace worldcafe::cli {

struct BenchCommandOptions {
    int runs = 5;
    double timeLimit = 1.0;
    std::uint64_t seed = 1;
    std::string only;  // run the instances whose name contains this
    CrashBenchOptions crash;
    CLI::App* crashCommand = nullptr;  // `bench crash`, which run() checks after parsing
};

// Registers `bench plan` and `bench crash`; returns the `plan` subcommand, which run() checks after parsing.
CLI::App* addBenchCommand(CLI::App& app, BenchCommandOptions& options);
int runBench(const BenchCommandOptions& options);

}  // namespace worldcafe::cli
