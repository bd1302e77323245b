#include "serve_command.hpp"

#include <CLI/CLI.hpp>
#include <signal.h>

#include <iostream>

#include "command_line.hpp"
#include "server/api.hpp"
#include "server/engine_gate.hpp"
#include "server/http_server.hpp"
#include "server/network.hpp"
#include "server/tokens.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/files.hpp"

namespace worldcafe::cli {

CLI::App* addServeCommand(CLI::App& app, ServeCommandOptions& options) {
    CLI::App* command = app.add_subcommand("serve", "Open the session to phones on the room's network until Ctrl+C");
    command->add_option("session", options.session, "Session file")->required();
    command->add_option("--port", options.port, "TCP port (default 8080; 0 picks a free one)")->check(CLI::Range(0, 65535));
    command->add_option("--bind", options.bind, "IPv4 address to listen on (default 0.0.0.0: every interface)");
    return command;
}

int runServe(const ServeCommandOptions& options) {
    // The signals are taken synchronously by this thread; the server's threads, started below, inherit the mask.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    std::unique_ptr<Engine> engine = Engine::open(options.session);
    server::EngineGate gate(*engine);
    gate.write([](Engine& e) {
        if (auto issue = server::tokenIssuingAction(e.session())) e.apply(*issue);
    });
    SystemClock clock;
    server::Api api(gate, clock, assetsDirectory() / "web");
    server::ServerOptions serverOptions;
    serverOptions.bindAddress = options.bind;
    serverOptions.port = static_cast<std::uint16_t>(options.port);
    std::unique_ptr<server::HttpServer> http;
    try {
        http = std::make_unique<server::HttpServer>(api, serverOptions);
    } catch (const std::runtime_error& failure) {
        std::cerr << "worldcafe serve: " << failure.what() << "\n";
        return kExitUsage;
    }
    std::string port = std::to_string(http->port());
    std::vector<std::string> addresses;
    if (options.bind == "0.0.0.0")
        addresses = server::usableAddresses();
    else
        addresses.push_back(options.bind);
    if (addresses.empty())
        std::cerr << "worldcafe serve: no network interface is up; phones cannot reach this laptop yet\n";
    for (const std::string& address : addresses) std::cout << "http://" << address << ":" << port << "/\n";
    std::cout << "worldcafe serve: " << options.session << " is open to phones; `worldcafe links` prints the table "
              << "links; Ctrl+C stops" << std::endl;

    timespec tick{1, 0};
    for (;;) {
        int signal = sigtimedwait(&stopSignals, nullptr, &tick);
        if (signal == SIGINT || signal == SIGTERM) break;
        gate.write([](Engine& e) { e.autosaveIfDue(std::chrono::steady_clock::now()); });
    }
    http.reset();
    // Every acknowledged note is already in the journal; saving folds it into the session file.
    gate.write([](Engine& e) { e.save(); });
    std::cout << "worldcafe serve: stopped; " << options.session << " saved (notes: " << engine->session().notes.size()
              << ")" << std::endl;
    return kExitOk;
}

}  // namespace worldcafe::cli
