#pragma once
#include <string>

namespace CLI {
class App;
}

namespace worldcafe::cli {

struct LinksCommandOptions {
    std::string session;
    std::string base;
    std::string format = "text";
    int rotate = 0;
};

// `worldcafe links SESSION [--base URL] [--format text|json] [--rotate TABLE]`: the guests' link and each table's
// host link; issues tokens to tables without one and, with --rotate, a new token for a leaked one.
CLI::App* addLinksCommand(CLI::App& app, LinksCommandOptions& options);
int runLinks(const LinksCommandOptions& options);

}  // namespace worldcafe::cli
