#include "serve_bench.hpp"

// Index
// [SECTION] figures
// [SECTION] the simulated phones (one epoll loop, keep-alive connections)
// [SECTION] the server in a child process (for the crash part)
// [SECTION] checking the reopened session
// [SECTION] the command

#include <CLI/CLI.hpp>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "command_line.hpp"
#include "server/api.hpp"
#include "server/engine_gate.hpp"
#include "server/http_server.hpp"
#include "server/tokens.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/timer.hpp"

namespace worldcafe::cli {

namespace {

constexpr const char* kSample = "green-procurement-2019.wcafe";
constexpr double kReadEveryMs = 2000;
constexpr double kNoteEveryMs = 10000;
constexpr double kRequestTimeoutMs = 5000;  // a phone's fetch gives up after this and retries the same client id
constexpr double kDrainLimitMs = 60000;
constexpr int kProbeNotes = 20;          // notes posted one by one among the idle and half-sent connections
constexpr double kProbeEveryMs = 100;

double nowMs() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// [SECTION] figures

struct Percentiles {
    std::size_t count = 0;
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> values) {
    Percentiles result;
    result.count = values.size();
    if (values.empty()) return result;
    std::sort(values.begin(), values.end());
    auto at = [&](double q) {
        std::size_t index = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size()))) - 1;
        return values[std::min(index, values.size() - 1)];
    };
    result.p50 = at(0.50);
    result.p99 = at(0.99);
    result.max = values.back();
    return result;
}

std::string loadAverage() {
    double load[3] = {};
    if (::getloadavg(load, 3) != 3) return "unknown";
    char text[64];
    std::snprintf(text, sizeof text, "%.2f %.2f %.2f", load[0], load[1], load[2]);
    return text;
}

// [SECTION] the simulated phones (one epoll loop, keep-alive connections)

enum class PhoneRole { Host, Guest, Idle, HalfSent, Probe };
enum class Pending { None, Read, Note, Held };

struct OutboxNote {
    std::string clientId;
    std::string body;
    double nextAttemptMs = 0;
    int attempts = 0;
};

struct Phone {
    PhoneRole role = PhoneRole::Guest;
    in_addr source{};
    std::string token;        // hosts: their table's token
    long long person = 0;     // guests: whose itinerary they look up
    int fd = -1;
    bool connecting = false;
    std::string out;
    std::size_t outSent = 0;
    std::string in;
    Pending pending = Pending::None;
    double sentMs = 0;
    double nextReadMs = 0;
    double nextNoteMs = 0;
    int reads = 0;
    int notesTyped = 0;
    std::deque<OutboxNote> outbox;
};

struct LoadResult {
    std::vector<double> ackMs;
    std::vector<double> readMs;
    long long notesTyped = 0, created = 0, replayed = 0, attempts = 0, retries = 0, readErrors = 0, timeouts = 0,
              connectionErrors = 0, serverErrors = 0, refused = 0, mismatched = 0;
    std::string firstRefusal;
    std::vector<std::string> tried;                       // every client id a phone typed
    std::unordered_map<std::string, long long> acked;     // client id -> the note id the server acknowledged
    int stillPending = 0;                                  // notes left in outboxes when draining gave up
};

class Phones {
public:
    Phones(std::uint16_t port, std::uint64_t seed) : m_random(seed) {
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        m_server.sin_family = AF_INET;
        m_server.sin_port = htons(port);
        m_server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    }
    ~Phones() {
        for (Phone& phone : m_phones)
            if (phone.fd >= 0) ::close(phone.fd);
        ::close(m_epoll);
    }
    Phones(const Phones&) = delete;
    Phones& operator=(const Phones&) = delete;

    // Each phone has its own loopback address (127.G.x.y), as each phone in the room has its own, so the server's
    // per-client limits (connections, requests per second) apply to it as they would in the room.
    Phone& add(PhoneRole role, int group) {
        Phone phone;
        phone.role = role;
        int index = static_cast<int>(m_phones.size());
        phone.source.s_addr = htonl((127u << 24) | (static_cast<unsigned>(group) << 16) |
                                    (static_cast<unsigned>(index / 250) << 8) | static_cast<unsigned>(index % 250 + 1));
        m_phones.push_back(phone);
        return m_phones.back();
    }
    std::vector<Phone>& phones() { return m_phones; }
    double uniform(double low, double high) { return std::uniform_real_distribution<double>(low, high)(m_random); }

    // Runs until `generateUntilMs`, then stops typing and reading and waits for the outboxes to drain (at most
    // kDrainLimitMs). `onTick` runs every turn of the loop (the crash part kills and restarts the server from it).
    void run(double generateUntilMs, const std::function<void(double)>& onTick = {}) {
        const double drainLimit = generateUntilMs + kDrainLimitMs;
        epoll_event events[256];
        for (;;) {
            double now = nowMs();
            if (onTick) onTick(now);
            bool generating = now < generateUntilMs;
            bool busy = false;
            for (std::size_t i = 0; i < m_phones.size(); ++i) busy |= tick(i, now, generating);
            if (!generating && (!busy || now > drainLimit)) break;
            int n = ::epoll_wait(m_epoll, events, 256, 2);
            for (int k = 0; k < n; ++k) {
                std::size_t i = events[k].data.u32;
                if (events[k].events & EPOLLOUT) writable(i);
                if (events[k].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) readable(i);
            }
        }
        for (Phone& phone : m_phones) m_result.stillPending += static_cast<int>(phone.outbox.size());
    }

    LoadResult& result() { return m_result; }

    int openConnections(PhoneRole role) const {
        int open = 0;
        for (const Phone& phone : m_phones) open += phone.role == role && phone.fd >= 0 && !phone.connecting ? 1 : 0;
        return open;
    }

private:
    std::string uuid() {
        std::uniform_int_distribution<unsigned> hex(0, 15);
        static const char digits[] = "0123456789abcdef";
        std::string id;
        for (int i = 0; i < 32; ++i) {
            if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
            unsigned digit = hex(m_random);
            if (i == 12) digit = 4;                      // version 4
            if (i == 16) digit = 8 | (digit & 3);        // RFC 4122 variant
            id += digits[digit];
        }
        return id;
    }

    std::string noteBody(const std::string& clientId, int number) {
        static const char* const ideas[] = {"로컬푸드 직매장", "녹색제품 구매", "공공급식 식재료", "재활용 분리배출",
                                            "청사 에너지 절약", "친환경 포장재", "시민 환경교육", "녹색구매 인센티브"};
        static const char* const verdicts[] = {"확대가 필요합니다", "홍보가 부족합니다", "예산 지원이 있어야 합니다",
                                               "우수 사례를 공유합시다", "절차가 너무 복잡합니다"};
        std::string text = std::string(ideas[m_random() % 8]) + "은(는) " + verdicts[m_random() % 5] + " (메모 " +
                           std::to_string(number) + ")";
        bool tagged = m_random() % 3 == 0;
        return "{\"client_id\":\"" + clientId + "\",\"text\":\"" + text + "\",\"tags\":[" +
               (tagged ? "\"벤치\"" : "") + "],\"starred\":" + (m_random() % 10 == 0 ? "true" : "false") + "}";
    }

    static std::string request(const std::string& method, const std::string& path, const std::string& body = {}) {
        std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n";
        if (method == "POST")
            text += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
        return text + "\r\n" + body;
    }

    // Decides what the phone does now; returns whether it still has work (a note unsent or a request out).
    bool tick(std::size_t i, double now, bool generating) {
        Phone& phone = m_phones[i];
        if (generating && (phone.role == PhoneRole::Host || phone.role == PhoneRole::Probe) && now >= phone.nextNoteMs) {
            OutboxNote note;
            note.clientId = uuid();
            note.body = noteBody(note.clientId, ++phone.notesTyped);
            note.nextAttemptMs = now;
            m_result.tried.push_back(note.clientId);
            ++m_result.notesTyped;
            phone.outbox.push_back(std::move(note));
            phone.nextNoteMs += phone.role == PhoneRole::Probe ? kProbeEveryMs : kNoteEveryMs;
        }
        if (phone.pending == Pending::Read || phone.pending == Pending::Note) {
            if (now - phone.sentMs > kRequestTimeoutMs) {
                ++m_result.timeouts;
                fail(i, now);
            }
            return true;
        }
        if (phone.pending == Pending::Held) return false;
        if (!phone.outbox.empty()) {
            OutboxNote& note = phone.outbox.front();
            if (note.nextAttemptMs <= now) {
                if (note.attempts++ > 0) ++m_result.retries;
                ++m_result.attempts;
                send(i, Pending::Note, request("POST", "/api/v1/tables/" + phone.token + "/notes", note.body), now);
            }
            return true;
        }
        if (!generating || now < phone.nextReadMs) return false;
        if (phone.role == PhoneRole::HalfSent) {
            // Headers promising a body that never comes, or headers cut short: the server must not wait on them.
            std::string text = i % 2 ? request("POST", "/api/v1/tables/" + phone.token + "/notes",
                                               std::string(200, ' ')).substr(0, 150)
                                     : std::string("GET /api/v1/state HTTP/1.1\r\nHost: 127.0");
            send(i, Pending::Held, text, now);
            return false;
        }
        if (phone.role == PhoneRole::Idle && phone.reads > 0) {
            phone.nextReadMs = 1e300;
            return false;
        }
        std::string path;
        if (phone.role == PhoneRole::Host)
            path = "/api/v1/tables/" + phone.token;
        else if (phone.reads % 2 == 1 && phone.person > 0)
            path = "/api/v1/people/" + std::to_string(phone.person) + "/itinerary";
        else
            path = "/api/v1/state";
        ++phone.reads;
        while (phone.nextReadMs <= now) phone.nextReadMs += kReadEveryMs;
        send(i, Pending::Read, request("GET", path), now);
        return false;
    }

    void send(std::size_t i, Pending what, std::string bytes, double now) {
        Phone& phone = m_phones[i];
        phone.pending = what;
        phone.sentMs = now;
        phone.out = std::move(bytes);
        phone.outSent = 0;
        phone.in.clear();
        if (phone.fd < 0 && !connect(i)) {
            ++m_result.connectionErrors;
            fail(i, now);
            return;
        }
        if (!phone.connecting) writable(i);
    }

    bool connect(std::size_t i) {
        Phone& phone = m_phones[i];
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) return false;
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_addr = phone.source;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
            (::connect(fd, reinterpret_cast<sockaddr*>(&m_server), sizeof m_server) != 0 && errno != EINPROGRESS)) {
            ::close(fd);
            return false;
        }
        phone.fd = fd;
        phone.connecting = true;
        epoll_event event{};
        event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
        event.data.u32 = static_cast<std::uint32_t>(i);
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
        return true;
    }

    void closeConnection(Phone& phone) {
        if (phone.fd < 0) return;
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, phone.fd, nullptr);
        ::close(phone.fd);
        phone.fd = -1;
        phone.connecting = false;
    }

    void watch(std::size_t i, bool output) {
        epoll_event event{};
        event.events = EPOLLIN | EPOLLRDHUP | (output ? EPOLLOUT : 0u);
        event.data.u32 = static_cast<std::uint32_t>(i);
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, m_phones[i].fd, &event);
    }

    // The request failed (refused, reset, closed, timed out): the connection is dropped and a note goes back to
    // its outbox with backoff (0.5 s doubling to 8 s, jittered), to be sent again under the same client id.
    void fail(std::size_t i, double now) {
        Phone& phone = m_phones[i];
        closeConnection(phone);
        if (phone.pending == Pending::Note && !phone.outbox.empty()) {
            OutboxNote& note = phone.outbox.front();
            double backoff = std::min(8000.0, 500.0 * std::pow(2.0, std::min(note.attempts - 1, 4)));
            note.nextAttemptMs = now + backoff * uniform(0.5, 1.5);
        } else if (phone.pending == Pending::Read) {
            ++m_result.readErrors;
        }
        phone.pending = Pending::None;
    }

    void writable(std::size_t i) {
        Phone& phone = m_phones[i];
        if (phone.fd < 0) return;
        if (phone.connecting) {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(phone.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0) {
                ++m_result.connectionErrors;
                fail(i, nowMs());
                return;
            }
            phone.connecting = false;
        }
        while (phone.outSent < phone.out.size()) {
            ssize_t n = ::send(phone.fd, phone.out.data() + phone.outSent, phone.out.size() - phone.outSent,
                               MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                watch(i, true);
                return;
            }
            if (n <= 0) {
                ++m_result.connectionErrors;
                fail(i, nowMs());
                return;
            }
            phone.outSent += static_cast<std::size_t>(n);
        }
        watch(i, false);
    }

    void readable(std::size_t i) {
        Phone& phone = m_phones[i];
        if (phone.connecting) writable(i);  // a refused connect may report only an error, not writability
        if (phone.fd < 0 || phone.connecting) return;
        char buffer[16384];
        bool closed = false;
        for (;;) {
            ssize_t n = ::recv(phone.fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                phone.in.append(buffer, static_cast<std::size_t>(n));
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
            closed = true;
            break;
        }
        if (phone.pending == Pending::Read || phone.pending == Pending::Note) {
            std::size_t headEnd = phone.in.find("\r\n\r\n");
            if (headEnd != std::string::npos && phone.in.compare(0, 9, "HTTP/1.1 ") == 0) {
                std::string head = phone.in.substr(0, headEnd);
                std::string lower = head;
                std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
                std::size_t length = 0;
                if (auto at = lower.find("\r\ncontent-length:"); at != std::string::npos)
                    length = std::strtoull(lower.c_str() + at + 17, nullptr, 10);
                if (phone.in.size() >= headEnd + 4 + length) {
                    int status = std::atoi(phone.in.c_str() + 9);
                    std::string body = phone.in.substr(headEnd + 4, length);
                    phone.in.erase(0, headEnd + 4 + length);
                    complete(i, status, body);
                    if (lower.find("\r\nconnection: close") != std::string::npos) closeConnection(phone);
                }
            }
        }
        if (closed && phone.fd >= 0) {
            if (phone.pending == Pending::Read || phone.pending == Pending::Note) {
                ++m_result.connectionErrors;
                fail(i, nowMs());
            } else {
                closeConnection(phone);  // the server closed an idle or held connection; the phone reconnects
            }
        }
    }

    void complete(std::size_t i, int status, const std::string& body) {
        Phone& phone = m_phones[i];
        double now = nowMs();
        double latency = now - phone.sentMs;
        Pending what = phone.pending;
        phone.pending = Pending::None;
        if (what == Pending::Read) {
            if (status == 200)
                m_result.readMs.push_back(latency);
            else
                ++m_result.readErrors;
            return;
        }
        OutboxNote& note = phone.outbox.front();
        if (status == 200 || status == 201) {
            long long id = -1;
            if (auto at = body.find("\"id\":"); at != std::string::npos) id = std::atoll(body.c_str() + at + 5);
            auto [it, inserted] = m_result.acked.try_emplace(note.clientId, id);
            if (!inserted && it->second != id) ++m_result.mismatched;
            (status == 201 ? m_result.created : m_result.replayed) += 1;
            m_result.ackMs.push_back(latency);
            phone.outbox.pop_front();
            return;
        }
        if (status == 429 || status >= 500) {
            ++m_result.serverErrors;
            phone.pending = Pending::Note;  // fail() backs the note off
            fail(i, now);
            return;
        }
        // Any other refusal is the bench's own mistake: report it rather than retry forever.
        ++m_result.refused;
        if (m_result.firstRefusal.empty()) m_result.firstRefusal = std::to_string(status) + " " + body;
        phone.outbox.pop_front();
    }

    std::vector<Phone> m_phones;
    std::mt19937_64 m_random;
    int m_epoll = -1;
    sockaddr_in m_server{};
    LoadResult m_result;
};

struct Room {
    std::vector<std::string> tokens;
    std::vector<long long> guests;
};

Room roomOf(const Session& session) {
    Room room;
    for (const Table& table : session.tables) room.tokens.push_back(table.token);
    for (const Participant& person : session.participants)
        if (person.role != worldcafe::Role::Host) room.guests.push_back(person.id);
    return room;
}

// Hosts share the session's tables round robin (the bundled session has 5 tables, so 10 phones post to each).
void addRoomPhones(Phones& phones, const Room& room, int count, int hosts, double startWithinMs, double startMs) {
    for (int p = 0; p < count; ++p) {
        Phone& phone = phones.add(p < hosts ? PhoneRole::Host : PhoneRole::Guest, 1);
        if (p < hosts) phone.token = room.tokens[static_cast<std::size_t>(p) % room.tokens.size()];
        if (!room.guests.empty()) phone.person = room.guests[static_cast<std::size_t>(p) % room.guests.size()];
        phone.nextReadMs = startMs + phones.uniform(0, std::min(startWithinMs, kReadEveryMs));
        phone.nextNoteMs = startMs + phones.uniform(0, std::min(startWithinMs, kNoteEveryMs));
    }
}

// [SECTION] the server in a child process (for the crash part)

struct ServerChild {
    pid_t pid = -1;
    std::uint16_t port = 0;
    int replayed = 0;
    double startMs = 0;  // from fork to listening, Engine::open's recovery included
};

// Forks (the parent has no threads at this point, so the child may start its own) and serves `file` until SIGTERM.
ServerChild startServerChild(const std::filesystem::path& file, std::uint16_t port) {
    ServerChild child;
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error("cannot create a pipe");
    double started = nowMs();
    std::fflush(stdout);
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("cannot fork the server");
    if (pid == 0) {
        // Drop the phones' sockets: a connection the bench closes must close for the server too.
        ::close(ends[0]);
        int keep = ends[1];
        if (keep > 3) ::close_range(3, static_cast<unsigned>(keep - 1), 0);
        ::close_range(static_cast<unsigned>(keep + 1), ~0u, 0);
        sigset_t stop;
        sigemptyset(&stop);
        sigaddset(&stop, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stop, nullptr);
        char line[64] = "0 0\n";
        try {
            std::unique_ptr<Engine> engine = Engine::open(file);
            int replayed = engine->recovery().actionsReplayed;
            server::EngineGate gate(*engine);
            SystemClock clock;
            server::Api api(gate, clock, assetsDirectory() / "web");
            server::ServerOptions options;
            options.bindAddress = "127.0.0.1";
            options.port = port;
            auto http = std::make_unique<server::HttpServer>(api, options);
            std::snprintf(line, sizeof line, "%u %d\n", static_cast<unsigned>(http->port()), replayed);
            if (::write(keep, line, std::strlen(line)) < 0) ::_exit(1);
            int signal = 0;
            sigwait(&stop, &signal);
            http.reset();
            ::_exit(0);
        } catch (const std::exception& error) {
            std::fprintf(stderr, "worldcafe bench serve: the server could not start: %s\n", error.what());
            if (::write(keep, line, std::strlen(line)) < 0) ::_exit(1);
            ::_exit(1);
        }
    }
    ::close(ends[1]);
    char line[64] = {};
    std::size_t got = 0;
    while (got + 1 < sizeof line) {
        ssize_t n = ::read(ends[0], line + got, sizeof line - 1 - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
        if (std::memchr(line, '\n', got)) break;
    }
    ::close(ends[0]);
    unsigned listening = 0;
    std::sscanf(line, "%u %d", &listening, &child.replayed);
    child.pid = pid;
    child.port = static_cast<std::uint16_t>(listening);
    child.startMs = nowMs() - started;
    if (listening == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        throw std::runtime_error("the server child did not start");
    }
    return child;
}

// [SECTION] checking the reopened session

struct Check {
    std::size_t notes = 0;        // in the reopened session
    long long lost = 0;           // acknowledged, not in the session
    long long duplicated = 0;     // extra copies of a client id
    long long mismatched = 0;     // in the session under another id than the acknowledged one
    long long undelivered = 0;    // typed by a phone, not in the session
    int replayed = 0;
};

Check checkSession(const std::filesystem::path& file, const LoadResult& load) {
    std::unique_ptr<Engine> engine = Engine::open(file);
    Check check;
    check.replayed = engine->recovery().actionsReplayed;
    check.notes = engine->session().notes.size();
    std::unordered_map<std::string, std::vector<long long>> byClient;
    for (const Note& note : engine->session().notes)
        if (!note.clientId.empty()) byClient[note.clientId].push_back(note.id);
    for (const std::string& id : load.tried) {
        auto it = byClient.find(id);
        if (it == byClient.end()) {
            ++check.undelivered;
            continue;
        }
        check.duplicated += static_cast<long long>(it->second.size()) - 1;
    }
    for (const auto& [clientId, noteId] : load.acked) {
        auto it = byClient.find(clientId);
        if (it == byClient.end())
            ++check.lost;
        else if (std::find(it->second.begin(), it->second.end(), noteId) == it->second.end())
            ++check.mismatched;
    }
    return check;
}

void printCheck(const char* part, const LoadResult& load, const Check& check) {
    std::printf("%s: reopened with Engine::open (%d journal records replayed, %zu notes): lost %lld, duplicated %lld, "
                "acknowledged under another id %lld, typed but not delivered %lld (left in outboxes %d)\n",
                part, check.replayed, check.notes, check.lost, check.duplicated, check.mismatched + load.mismatched,
                check.undelivered, load.stillPending);
}

bool clean(const LoadResult& load, const Check& check) {
    return check.lost == 0 && check.duplicated == 0 && check.mismatched == 0 && load.mismatched == 0 &&
           check.undelivered == 0 && load.stillPending == 0 && load.refused == 0;
}

void printLoad(const char* part, const LoadResult& load) {
    Percentiles ack = percentiles(load.ackMs);
    Percentiles read = percentiles(load.readMs);
    std::printf("%s: notes typed %lld, acknowledged %zu (201 %lld, 200 replayed %lld), attempts %lld, retries %lld; "
                "ack latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                part, load.notesTyped, load.acked.size(), load.created, load.replayed, load.attempts, load.retries,
                ack.p50, ack.p99, ack.max);
    std::printf("%s: reads %zu, p50 %.1f ms, p99 %.1f ms, max %.1f ms; failed reads %lld; timeouts %lld, connection "
                "errors %lld, 429/5xx %lld, refused %lld%s%s\n",
                part, read.count, read.p50, read.p99, read.max, load.readErrors, load.timeouts, load.connectionErrors,
                load.serverErrors, load.refused, load.firstRefusal.empty() ? "" : ": ", load.firstRefusal.c_str());
}

}  // namespace

// [SECTION] the command

CLI::App* addServeBenchCommand(CLI::App& bench, ServeBenchOptions& options) {
    CLI::App* command = bench.add_subcommand(
        "serve", "Simulated phones on loopback against the server: load, idle connections, SIGKILL and restart");
    command->add_option("--seconds", options.seconds, "Seconds of load (default 60; the crash part runs half)")
        ->check(CLI::Range(1, 3600));
    command->add_option("--phones", options.phones, "Simulated phones (default 300)")->check(CLI::Range(1, 5000));
    command->add_option("--hosts", options.hosts, "Of which table hosts posting notes (default: a sixth)")
        ->check(CLI::Range(0, 5000));
    command->add_option("--idle", options.idle, "Idle keep-alive connections in the second part (default 500)")
        ->check(CLI::Range(0, 5000));
    command->add_option("--half-sent", options.halfSent, "Half-sent requests in the second part (default 50)")
        ->check(CLI::Range(0, 1000));
    command->add_option("--dir", options.directory, "Folder for the session copy (default: the temporary folder)");
    return command;
}

int runServeBenchmark(const ServeBenchOptions& options) {
    const int hosts = std::min(options.phones, options.hosts > 0 ? options.hosts : std::max(1, options.phones / 6));
    std::filesystem::path base =
        options.directory.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(options.directory);
    std::filesystem::path folder = base / ("worldcafe-bench-serve-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    std::filesystem::path file = folder / kSample;
    std::filesystem::copy_file(bundledSessionsDirectory() / kSample, file);
    std::random_device entropy;
    const std::uint64_t seed = (static_cast<std::uint64_t>(entropy()) << 32) | entropy();

    std::printf("worldcafe bench serve: %d phones on loopback (%d hosts posting a note every 10 s with a retry outbox, "
                "everyone reading every 2 s) for %d s; %ld cores online, load average %s\n",
                options.phones, hosts, options.seconds, ::sysconf(_SC_NPROCESSORS_ONLN), loadAverage().c_str());
    std::printf("session: a copy of %s in %s; every note journalled and fsynced before its acknowledgement\n", kSample,
                folder.string().c_str());
    std::fflush(stdout);
    bool ok = true;
    Room room;
    LoadResult all;  // every part's client ids, checked together at the end

    // Part 1 and 2: the server in this process (its threads stop before part 3 forks).
    {
        std::unique_ptr<Engine> engine = Engine::open(file);
        server::EngineGate gate(*engine);
        gate.write([](Engine& e) {
            if (auto issue = server::tokenIssuingAction(e.session())) e.apply(*issue);
        });
        room = gate.read([](const Engine& e) { return roomOf(e.session()); });
        SystemClock clock;
        server::Api api(gate, clock, assetsDirectory() / "web");
        server::ServerOptions serverOptions;
        serverOptions.bindAddress = "127.0.0.1";
        serverOptions.port = 0;
        auto http = std::make_unique<server::HttpServer>(api, serverOptions);

        LoadResult load;
        {
            Phones phones(http->port(), seed);
            double start = nowMs();
            addRoomPhones(phones, room, options.phones, hosts, options.seconds * 1000.0, start);
            phones.run(start + options.seconds * 1000.0);
            load = std::move(phones.result());
        }
        LoadResult quiet;
        int idleOpen = 0, heldOpen = 0;
        {
            Phones phones(http->port(), seed + 1);
            double start = nowMs();
            for (int k = 0; k < options.idle; ++k) phones.add(PhoneRole::Idle, 2).nextReadMs = start + phones.uniform(0, 1000);
            for (int k = 0; k < options.halfSent; ++k) {
                Phone& phone = phones.add(PhoneRole::HalfSent, 3);
                phone.token = room.tokens[static_cast<std::size_t>(k) % room.tokens.size()];
                phone.nextReadMs = start + phones.uniform(0, 1000);
            }
            Phone& probe = phones.add(PhoneRole::Probe, 4);
            probe.token = room.tokens.front();
            probe.nextReadMs = 1e300;
            probe.nextNoteMs = start + 1200;  // once every idle connection has had its answer
            phones.run(start + 1200 + kProbeNotes * kProbeEveryMs);
            idleOpen = phones.openConnections(PhoneRole::Idle);
            heldOpen = phones.openConnections(PhoneRole::HalfSent);
            quiet = std::move(phones.result());
        }
        http.reset();
        engine.reset();  // not saved: the check below reads the journal, as recovery after a crash would

        printLoad("load", load);
        Check check = checkSession(file, load);
        printCheck("load", load, check);
        ok &= clean(load, check);

        Percentiles probe = percentiles(quiet.ackMs);
        std::printf("idle: with %d idle keep-alive connections (%d still open at the end) and %d half-sent requests "
                    "held open (%d still open), %zu notes acknowledged one by one: p50 %.1f ms, max %.1f ms "
                    "(target: within 1000 ms)\n",
                    options.idle, idleOpen, options.halfSent, heldOpen, quiet.acked.size(), probe.p50, probe.max);
        Check quietCheck = checkSession(file, quiet);
        printCheck("idle", quiet, quietCheck);
        ok &= clean(quiet, quietCheck) && quiet.acked.size() == static_cast<std::size_t>(quiet.notesTyped) &&
              probe.max < 1000;
        for (auto* part : {&load, &quiet}) {
            all.tried.insert(all.tried.end(), part->tried.begin(), part->tried.end());
            all.acked.insert(part->acked.begin(), part->acked.end());
        }
        std::fflush(stdout);
    }

    // Part 3: the server in a child, SIGKILLed 40 % into the load and restarted on the same port and session.
    {
        const int seconds = std::max(2, options.seconds / 2);
        ServerChild server = startServerChild(file, 0);
        const std::uint16_t port = server.port;
        Phones phones(port, seed + 2);
        double start = nowMs();
        addRoomPhones(phones, room, options.phones, hosts, seconds * 1000.0, start);
        const double killAt = start + seconds * 400.0;
        double killedAt = 0, restartedAt = 0;
        std::size_t ackedAtKill = 0;
        ServerChild restarted;
        phones.run(start + seconds * 1000.0, [&](double now) {
            if (killedAt == 0 && now >= killAt) {
                ::kill(server.pid, SIGKILL);
                ::waitpid(server.pid, nullptr, 0);
                killedAt = nowMs();
                ackedAtKill = phones.result().acked.size();
            } else if (killedAt > 0 && restartedAt == 0 && now >= killedAt + 1000) {
                restarted = startServerChild(file, port);
                restartedAt = nowMs();
            }
        });
        if (restartedAt == 0) {  // the load ended before the restart was due
            restarted = startServerChild(file, port);
            restartedAt = nowMs();
        }
        const double drained = nowMs();
        ::kill(restarted.pid, SIGTERM);
        ::waitpid(restarted.pid, nullptr, 0);
        LoadResult& crash = phones.result();
        std::printf("crash: server in a child process, SIGKILLed %.1f s into %d s of load with %zu notes acknowledged; "
                    "down %.0f ms, restarted on port %u in %.0f ms (Engine::open replayed %d journal records); outboxes "
                    "drained %.1f s after the load\n",
                    (killedAt - start) / 1000.0, seconds, ackedAtKill, restartedAt - killedAt,
                    static_cast<unsigned>(port), restarted.startMs, restarted.replayed,
                    (drained - (start + seconds * 1000.0)) / 1000.0);
        printLoad("crash", crash);
        Check check = checkSession(file, crash);
        printCheck("crash", crash, check);
        ok &= clean(crash, check);
        all.tried.insert(all.tried.end(), crash.tried.begin(), crash.tried.end());
        all.acked.insert(crash.acked.begin(), crash.acked.end());
    }

    Check total = checkSession(file, all);
    std::printf("total: %zu notes typed, %zu acknowledged; lost %lld, duplicated %lld, not delivered %lld; load "
                "average now %s\n",
                all.tried.size(), all.acked.size(), total.lost, total.duplicated, total.undelivered,
                loadAverage().c_str());
    ok &= total.lost == 0 && total.duplicated == 0 && total.mismatched == 0 && total.undelivered == 0;
    std::error_code ignored;
    if (ok) std::filesystem::remove_all(folder, ignored);  // kept when something failed, to look at
    std::printf("%s\n", ok ? "ok" : "FAILED (the session copy is kept above)");
    return ok ? kExitOk : kExitProblems;
}

}  // namespace worldcafe::cli
