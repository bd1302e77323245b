#pragma once
// The server tests' fixture: a small Korean session, the API and a real HTTP server on an ephemeral loopback port,
// and a tiny blocking HTTP/1.1 client (one connection per request).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "server/api.hpp"
#include "server/engine_gate.hpp"
#include "server/http_server.hpp"
#include "server/tokens.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"

namespace worldcafe::test {

struct HttpReply {
    int status = 0;
    std::string head;  // status line and headers
    std::string body;
    bool hasHeader(const std::string& line) const { return head.find(line) != std::string::npos; }
};

// Sends `raw` as is and reads until the server closes.
inline HttpReply sendRaw(std::uint16_t port, const std::string& raw) {
    HttpReply reply;
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return reply;
    }
    std::size_t sent = 0;
    while (sent < raw.size()) {
        ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    std::string bytes;
    char buffer[4096];
    for (;;) {
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    std::size_t split = bytes.find("\r\n\r\n");
    if (split == std::string::npos || bytes.compare(0, 9, "HTTP/1.1 ") != 0) return reply;
    reply.status = std::atoi(bytes.c_str() + 9);
    reply.head = bytes.substr(0, split + 2);
    reply.body = bytes.substr(split + 4);
    return reply;
}

inline HttpReply http(std::uint16_t port, const std::string& method, const std::string& path,
                      const std::string& body = {}) {
    std::string raw = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!body.empty() || method == "POST" || method == "PUT")
        raw += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    return sendRaw(port, raw + "\r\n" + body);
}

// Two tables with menus, a host at table 1, four guests seated in a two-round plan; every table has its token.
inline Session serverTestSession() {
    Session s;
    s.event.title = "시민 워크숍";
    s.event.language = "ko";
    s.menus = {Menu{1, "주거", "어디에서 살고 싶은가?", 0x0072B2}, Menu{2, "교통", "", 0xE69F00}};
    s.tables = {Table{1, 1, 6, {}}, Table{2, 2, 6, {}}};
    Participant host;
    host.id = 1;
    host.name = "박서연";
    host.role = Role::Host;
    host.table = 1;
    host.affiliation = "시청 기획과";
    s.participants.push_back(host);
    const char* names[] = {"김민수", "이지은", "최영호", "Alice Kim"};
    for (int i = 0; i < 4; ++i) {
        Participant guest;
        guest.id = 2 + i;
        guest.name = names[i];
        guest.affiliation = "비밀 소속";
        s.participants.push_back(guest);
    }
    s.rounds.count = 2;
    s.plan = {RoundPlan{1, {{2, 1}, {3, 1}, {4, 2}, {5, 2}}, false}, RoundPlan{2, {{2, 2}, {3, 2}, {4, 1}, {5, 1}}, false}};
    return s;
}

struct ServerFixture {
    TempDir dir;
    std::filesystem::path file = dir / "cafe.wcafe";
    std::filesystem::path web = dir / "web";
    std::unique_ptr<Engine> engine;
    std::unique_ptr<server::EngineGate> gate;
    SystemClock clock;
    std::unique_ptr<server::Api> api;
    std::unique_ptr<server::HttpServer> http;

    explicit ServerFixture(server::ApiLimits limits = {}) {
        engine = Engine::create(file, serverTestSession());
        gate = std::make_unique<server::EngineGate>(*engine);
        gate->apply(*server::tokenIssuingAction(engine->session()));
        std::filesystem::create_directories(web / "css");
        writeBytes(web / "index.html", "<!doctype html><title>guests</title>");
        writeBytes(web / "host.html", "<!doctype html><title>host</title>");
        writeBytes(web / "css" / "site.css", "body{}");
        writeBytes(dir / "secret.txt", "do not serve me");
        api = std::make_unique<server::Api>(*gate, clock, web, limits);
        server::ServerOptions options;
        options.bindAddress = "127.0.0.1";
        options.port = 0;
        http = std::make_unique<server::HttpServer>(*api, options);
    }
    std::uint16_t port() const { return http->port(); }
    std::string token(TableNumber table) const { return engine->session().findTable(table)->token; }
    std::string notesPath(TableNumber table) const { return "/api/v1/tables/" + token(table) + "/notes"; }
};

}  // namespace worldcafe::test
