#pragma once
// `worldcafe export SESSION --format md|html|csv|xlsx|json --out PATH`: the harvest as a report or data file.

#include <string>

namespace CLI {
class App;
}

namespace worldcafe::cli {

struct ExportCommandOptions {
    std::string session;
    std::string format;
    std::string out;
};

// Registers the subcommand; run() calls runExport() when it was given.
CLI::App* addExportCommand(CLI::App& app, ExportCommandOptions& options);
int runExport(const ExportCommandOptions& options);

}  // namespace worldcafe::cli
