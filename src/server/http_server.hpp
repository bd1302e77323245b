#pragma once
// The HTTP layer: libmicrohttpd with epoll in a few internal threads, chosen by measurement (issue 11: 500 idle
// keep-alive connections and 50 half-sent requests cost it nothing, where thread-per-connection servers stall).
// It only moves bytes: every request goes to Api::handle.

#include <cstdint>
#include <memory>
#include <string>

#include "server/api.hpp"

namespace worldcafe::server {

struct ServerOptions {
    std::string bindAddress = "0.0.0.0";  // IPv4
    std::uint16_t port = 8080;            // 0: any free port (tests)
    unsigned threads = 2;                 // epoll threads; a note's fsync holds up only its own thread's connections
    unsigned maxConnections = 1000;
    unsigned maxConnectionsPerClient = 100;
    unsigned idleTimeoutSeconds = 120;
};

class HttpServer {
public:
    // Binds and starts serving; throws std::runtime_error saying why it could not (port taken, bad address).
    HttpServer(Api& api, ServerOptions options);
    ~HttpServer();  // stops accepting and waits for the threads
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    std::uint16_t port() const { return m_port; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::uint16_t m_port = 0;
};

}  // namespace worldcafe::server
