#pragma once
// `worldcafe bench serve`: simulated phones on loopback against the real server (issue 11). Three parts, each
// checked by reopening the session with Engine::open: the room's load (hosts posting notes, everyone polling), a note
// among 500 idle keep-alive connections and 50 half-sent requests, and a SIGKILL of the server during the load.

#include <string>

namespace CLI {
class App;
}

namespace worldcafe::cli {

struct ServeBenchOptions {
    int seconds = 60;   // the load part; the crash part runs half as long
    int phones = 300;
    int hosts = 0;      // 0: a sixth of the phones (50 of 300)
    int idle = 500;     // idle keep-alive connections in the second part
    int halfSent = 50;  // requests left half-sent in the second part
    std::string directory;  // where the session copy goes (default: the system's temporary folder)
};

// Registers `serve` under the `bench` subcommand; returns it, which run() checks after parsing.
CLI::App* addServeBenchCommand(CLI::App& bench, ServeBenchOptions& options);
// Exit 0 when nothing acknowledged was lost or duplicated and every outbox drained; 1 otherwise.
int runServeBenchmark(const ServeBenchOptions& options);

}  // namespace worldcafe::cli
