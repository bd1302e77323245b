#pragma once
// `worldcafe bench import`: a registration list as organisers have it (100,000 rows by default) read from a UTF-8
// and a CP949 file, then applied to a session as the Setup import does: one journalled batch. Medians of --runs.

namespace CLI {
class App;
}

namespace worldcafe::cli {

// Registers `import` under the `bench` subcommand; returns it, which run() checks after parsing.
CLI::App* addImportBenchCommand(CLI::App& bench);
int runImportBenchmark();

}  // namespace worldcafe::cli
