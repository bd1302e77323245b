#pragma once
// `worldcafe bench crash`: a forked writer applies actions to a copy of a bundled sample and is killed with SIGKILL
// at a random moment; the session is then reopened here and compared with what the writer acknowledged. Repeated
// for N kills on the same session, so that state (and whatever a crash leaves behind) accumulates.

#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace worldcafe::cli {

struct CrashBenchOptions {
    int kills = 100;
    std::uint64_t seed = 1;
    std::string sample = "green-procurement-2019.wcafe";  // a file of the bundled sessions folder
    std::string directory;                                // where the scratch folder goes (default: the temp folder)
    int maxDelayMicros = 50000;                           // the longest wait before a kill
    bool keep = false;                                    // keep the scratch folder afterwards
    // Checks the checker: the writer reports each action 2 ms before applying it, as an engine that wrote behind
    // its acknowledgements would, so kills in between must be counted as losses.
    bool ackEarly = false;
};

// Registers `crash` under the `bench` subcommand; returns it, which run() checks after parsing.
CLI::App* addCrashBenchCommand(CLI::App& bench, CrashBenchOptions& options);
// Exit status: 0 when every open succeeded and nothing acknowledged was lost or invented, 1 otherwise.
int runCrashBenchmark(const CrashBenchOptions& options);

}  // namespace worldcafe::cli
