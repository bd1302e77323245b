#pragma once
#include <string>

namespace CLI {
class App;
}

namespace worldcafe::cli {

struct ServeCommandOptions {
    std::string session;
    int port = 8080;
    std::string bind = "0.0.0.0";
};

// `worldcafe serve SESSION [--port N] [--bind ADDR]`: the room's server for phones, until SIGINT or SIGTERM.
CLI::App* addServeCommand(CLI::App& app, ServeCommandOptions& options);
int runServe(const ServeCommandOptions& options);

}  // namespace worldcafe::cli
