#pragma once
// `worldcafe bench plan`: the planner on the instances of issue 3, one row each: figures against their bounds,
// time and peak memory.

#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace worldcafe::cli {

struct BenchCommandOptions {
    int runs = 5;
    double timeLimit = 1.0;
    std::uint64_t seed = 1;
    std::string only;  // run the instances whose name contains this
};

// Registers `bench plan`; returns the `plan` subcommand, which run() checks after parsing.
CLI::App* addBenchCommand(CLI::App& app, BenchCommandOptions& options);
int runBench(const BenchCommandOptions& options);

}  // namespace worldcafe::cli
