#include "export_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "command_line.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/harvest.hpp"
#include "worldcafe/report.hpp"

namespace worldcafe::cli {

CLI::App* addExportCommand(CLI::App& app, ExportCommandOptions& options) {
    CLI::App* command = app.add_subcommand("export", "Write the harvest as Markdown, HTML, CSV, XLSX or JSON");
    command->add_option("session", options.session, "Session file")->required();
    command->add_option("--format", options.format, "md, html, csv, xlsx or json")
        ->required()
        ->check(CLI::IsMember({"md", "html", "csv", "xlsx", "json"}));
    command->add_option("--out", options.out, "The file to write (replaced atomically)")->required();
    return command;
}

int runExport(const ExportCommandOptions& options) {
    std::optional<ExportFormat> format = parseExportFormat(options.format);
    if (!format) {
        std::cerr << "worldcafe export: unknown format \"" << options.format << "\" (md, html, csv, xlsx or json)\n";
        return kExitUsage;
    }
    if (options.out.empty() || std::filesystem::is_directory(options.out)) {
        std::cerr << "worldcafe export: --out must name a file, not \"" << options.out << "\"\n";
        return kExitUsage;
    }
    // Read-only: exporting never writes the session, and works while the GUI holds it open.
    std::unique_ptr<Engine> engine = Engine::open(options.session, OpenOptions{.readOnly = true});
    std::string bytes;
    try {
        bytes = exportReport(engine->session(), synthesize(engine->session()), *format);
    } catch (const StorageError& error) {  // the XLSX writer's own temporary file
        std::error_code ignored;
        std::cerr << "worldcafe export: " << error.what()
                  << leftAsItWas(options.out, std::filesystem::exists(options.out, ignored)) << "\n";
        return kExitUsage;
    }
    if (!writeCommandOutput("export", options.out, bytes)) return kExitUsage;
    std::cout << options.out << ": " << exportFormatName(*format) << " export of " << options.session << " ("
              << countOf(static_cast<long long>(engine->session().notes.size()), "note", "notes") << ")\n";
    return kExitOk;
}

}  // namespace worldcafe::cli
