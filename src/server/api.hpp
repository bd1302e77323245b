#pragma once
// The phones' API and static pages, independent of the HTTP library: a request in, a response out. Handlers turn
// requests into the same actions the GUI emits and apply them through the EngineGate. The HTTP layer (http_server)
// only moves bytes, so this is also what the tests and a fuzzer drive.
//
// Routes (JSON, UTF-8):
//   GET    /api/v1/state                          round, phase, seconds left
//   GET    /api/v1/tables/{token}                 the table, its menu, who sits there now, its notes
//   POST   /api/v1/tables/{token}/notes           {client_id, text, tags?, starred?, round?} -> 201/200 {id, version}
//   PUT    /api/v1/tables/{token}/notes/{id}      {version, text?, tags?, starred?} -> 200 {id, version} | 409
//   DELETE /api/v1/tables/{token}/notes/{id}      [?version=N] -> 200 {id, deleted: true} | 409
//   GET    /api/v1/people?q=...                   names and this round's seats, 가나다 order; 초성 (ㄱㅁ) match
//   GET    /api/v1/people/{id}/itinerary          round -> table -> menu, current round, seconds left
//   GET    /api/v1/harvest[?voter=ID]             voting open?, dots per phone, each menu's themes with their tallies,
//                                                 and where this phone's dots are
//   PUT    /api/v1/votes/{voter}/{dot}            {menu, theme} -> 201 placed | 200 moved or already there
//   DELETE /api/v1/votes/{voter}/{dot}            -> 200 {dot, deleted: true} (also when already taken back)
//   GET    /, /t/{token}, /{file}                 index.html, host.html and other files under the web root

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "server/engine_gate.hpp"
#include "worldcafe/harvest.hpp"
#include "worldcafe/timer.hpp"

namespace worldcafe::server {

struct ApiLimits {
    std::size_t maxBodyBytes = 64 * 1024;
    int maxNoteCharacters = 4000;
    int maxTags = 20;
    int maxTagCharacters = 60;
    // Requests per client address: a bucket of `burst` refilled at `perSecond`. A page load is a handful of requests
    // and a phone polls every two seconds; a client far above that is refused with 429.
    double burst = 120;
    double perSecond = 30;
    std::size_t maxPeopleResults = 50;
    // Phones that may vote: far above any café's guests, low enough that a script cannot grow the session without end.
    std::size_t maxVoters = 2000;
};

struct HttpRequest {
    std::string method;
    std::string path;  // decoded, without the query
    std::multimap<std::string, std::string> query;
    std::string body;
    bool bodyTooLarge = false;  // the HTTP layer stopped reading at the limit
    std::string client;         // the peer's address, for rate limiting
};

struct HttpResponse {
    int status = 200;
    std::string contentType;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // every response also gets securityHeaders()
};

// Sent with every response: no inline script, no sniffing, no referrer (host links carry their token), no framing.
const std::vector<std::pair<std::string, std::string>>& securityHeaders();

class Api {
public:
    Api(EngineGate& gate, const Clock& clock, std::filesystem::path webRoot, ApiLimits limits = {});

    HttpResponse handle(const HttpRequest& request);
    const ApiLimits& limits() const { return m_limits; }

    // When each table's link was last used (any request with a valid token): the console's "connected" column.
    std::map<int, std::chrono::steady_clock::time_point> lastSeen() const;
    // The facilitator's switch at the end of the café: while closed, a table's POST, PUT and DELETE get 423 and
    // change nothing; reading stays possible. A switch of the running room, not of the session (see phones_room).
    void setNoteTakingOpen(bool open) { m_noteTakingOpen.store(open, std::memory_order_release); }
    bool noteTakingOpen() const { return m_noteTakingOpen.load(std::memory_order_acquire); }

private:
    HttpResponse route(const HttpRequest& request);
    HttpResponse getState();
    HttpResponse getTable(const std::string& token);
    HttpResponse postNote(const std::string& token, const HttpRequest& request);
    HttpResponse putNote(const std::string& token, const std::string& id, const HttpRequest& request);
    HttpResponse deleteNote(const std::string& token, const std::string& id, const HttpRequest& request);
    HttpResponse getPeople(const HttpRequest& request);
    HttpResponse getItinerary(const std::string& id);
    HttpResponse getFile(const std::string& path);
    HttpResponse getHarvest(const HttpRequest& request);
    HttpResponse putVote(const std::string& voter, const std::string& dot, const HttpRequest& request);
    HttpResponse deleteVote(const std::string& voter, const std::string& dot);
    // Call holding the gate: grouping many notes is not free, so it is redone only when the notes change.
    const Synthesis& synthesisOf(const Engine& engine);
    bool admit(const std::string& client);
    void markSeen(int table);
    // Seats a re-plan changed while the café runs, seen by comparing the plan with the one the last request saw (so
    // from the first request on): the guests' page marks them "updated" for kSeatUpdatedMillis.
    void watchPlan(const Engine& engine, WallMillis now);
    bool seatUpdated(ParticipantId person, RoundNumber round, WallMillis now) const;

    EngineGate& m_gate;
    const Clock& m_clock;
    std::filesystem::path m_webRoot;
    ApiLimits m_limits;
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point refilled;
    };
    std::mutex m_bucketsMutex;
    std::unordered_map<std::string, Bucket> m_buckets;
    mutable std::mutex m_seenMutex;
    std::map<int, std::chrono::steady_clock::time_point> m_lastSeen;
    std::atomic<bool> m_noteTakingOpen{true};
    mutable std::mutex m_planMutex;
    std::optional<std::uint64_t> m_planRevision;  // of the plan below; nothing seen yet
    std::vector<RoundPlan> m_plan;
    std::map<std::pair<ParticipantId, RoundNumber>, WallMillis> m_seatUpdated;
    HarvestCache m_harvest;  // guarded by the gate

public:
    static constexpr WallMillis kSeatUpdatedMillis = 5 * 60 * 1000;
};

// Does `name` match the search `query`? Both NFC; case-folded; a Hangul consonant in the query (ㄱ, or a conjoining
// ᄀ) matches any syllable starting with it, so "ㄱㅁㅅ" finds 김민수 and "김ㅁ" finds 김민수 too.
bool nameMatches(std::string_view name, std::string_view query);

}  // namespace worldcafe::server
