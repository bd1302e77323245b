// [SECTION] index
// - responses: JSON building, errors, security headers
// - the room's clock: round, phase and seconds left
// - request bodies: UTF-8, NUL, JSON shape, limits
// - routes and handlers
// - people search (가나다, 초성)
// - static files
// - rate limiting

#include "server/api.hpp"

#include "rapidjson_config.hpp"  // first: RapidJSON is configured once, for every file that parses JSON
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <variant>

#include "server/tokens.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/planner.hpp"
#include "worldcafe/printables.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::server {

namespace {

// [SECTION] responses

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void key(JsonWriter& w, const char* name) { w.Key(name); }
void string(JsonWriter& w, std::string_view text) { w.String(text.data(), static_cast<rapidjson::SizeType>(text.size())); }

HttpResponse json(int status, const std::string& body) {
    HttpResponse response;
    response.status = status;
    response.contentType = "application/json; charset=utf-8";
    response.body = body;
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

template <class F>
HttpResponse jsonWith(int status, F&& build) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    build(w);
    return json(status, std::string(buffer.GetString(), buffer.GetSize()));
}

std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

// The message with each byte that breaks UTF-8 as U+FFFD. Messages quote what the client sent (method, path, id),
// which libmicrohttpd passes on as raw bytes; RapidJSON's writer would copy them and the reply would not be JSON.
std::string validUtf8(std::string_view text) {
    std::string out;
    while (auto at = firstInvalidUtf8(text)) {
        out.append(text.substr(0, *at));
        out.append("\xEF\xBF\xBD");
        text.remove_prefix(*at + 1);
    }
    out.append(text);
    return out;
}

HttpResponse error(int status, const std::string& message) {
    return jsonWith(status, [&](JsonWriter& w) {
        w.StartObject();
        key(w, "error");
        string(w, validUtf8(message));
        w.EndObject();
    });
}

void writeNote(JsonWriter& w, const Note& note) {
    w.StartObject();
    key(w, "id");
    w.Int64(note.id);
    key(w, "client_id");
    string(w, note.clientId);
    key(w, "round");
    w.Int(note.round);
    key(w, "text");
    string(w, note.text);
    key(w, "tags");
    w.StartArray();
    for (const std::string& tag : note.tags) string(w, tag);
    w.EndArray();
    key(w, "starred");
    w.Bool(note.starred);
    key(w, "version");
    w.Int(note.revision);
    key(w, "created");
    w.Int64(note.created);
    key(w, "edited");
    w.Int64(note.edited);
    w.EndObject();
}

// [SECTION] the room's clock

struct RoomTime {
    RoundNumber round = 1;  // the round notes belong to now: 1 before the start, the last one in the harvest
    std::string phase = "not_started";
    std::int64_t secondsLeft = 0;
    bool running = false;
};

RoomTime roomTime(const Session& session, WallMillis now) {
    RoomTime time;
    TimerState state = timerStateAt(session, now);
    if (!state.started) return time;
    time.phase = phaseKindName(state.phase.kind);
    time.running = state.running && !state.finished;
    time.secondsLeft = state.finished ? 0 : std::max<std::int64_t>(0, state.displaySeconds());
    if (state.phase.round > 0)
        time.round = state.phase.round;
    else if (state.phase.kind == PhaseKind::Harvest || state.phase.kind == PhaseKind::Done)
        time.round = std::max(1, session.rounds.count);
    return time;
}

void writeRoomTime(JsonWriter& w, const RoomTime& time, const Session& session) {
    key(w, "round");
    w.Int(time.round);
    key(w, "rounds");
    w.Int(session.rounds.count);
    key(w, "phase");
    string(w, time.phase);
    key(w, "running");
    w.Bool(time.running);
    key(w, "seconds_left");
    w.Int64(time.secondsLeft);
}

// [SECTION] request bodies

struct BodyProblem {
    std::string message;
};

// Finds the first byte that breaks UTF-8, for a message that says where.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        int length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) return i;
        if (!isValidUtf8(text.substr(i, length))) return i;
        i += length;
    }
    return std::nullopt;
}

// Parses a JSON object body, or returns the sentence that says what is wrong with it.
std::variant<rapidjson::Document, BodyProblem> parseBody(const HttpRequest& request) {
    const std::string& body = request.body;
    if (body.empty()) return BodyProblem{"the request has no body; send a JSON object"};
    if (auto at = body.find('\0'); at != std::string::npos)
        return BodyProblem{"the body contains a NUL byte at byte " + std::to_string(at)};
    if (auto at = firstInvalidUtf8(body)) return BodyProblem{"the body is not valid UTF-8 at byte " + std::to_string(*at)};
    rapidjson::Document document;
    document.Parse<rapidjson::kParseValidateEncodingFlag>(body.c_str(), body.size());
    if (document.HasParseError())
        return BodyProblem{"malformed JSON at byte " + std::to_string(document.GetErrorOffset()) + ": " +
                           rapidjson::GetParseError_En(document.GetParseError())};
    if (!document.IsObject()) return BodyProblem{"the body must be a JSON object"};
    return document;
}

// A string member: absent -> nullopt; present but not a string, or holding a NUL -> problem.
std::optional<std::string> stringMember(const rapidjson::Value& object, const char* name, std::string& problem) {
    auto member = object.FindMember(name);
    if (member == object.MemberEnd() || member->value.IsNull()) return std::nullopt;
    if (!member->value.IsString()) {
        problem = std::string("\"") + name + "\" must be a string";
        return std::nullopt;
    }
    std::string value(member->value.GetString(), member->value.GetStringLength());
    if (value.find('\0') != std::string::npos) {
        problem = std::string("\"") + name + "\" contains a NUL character";
        return std::nullopt;
    }
    return normalizeNfc(value);
}

struct NoteFields {
    std::optional<std::string> text;
    std::optional<std::vector<std::string>> tags;
    std::optional<bool> starred;
};

// The fields a phone may set on a note, checked against the limits.
std::string readNoteFields(const rapidjson::Value& body, const ApiLimits& limits, NoteFields& fields) {
    std::string problem;
    fields.text = stringMember(body, "text", problem);
    if (!problem.empty()) return problem;
    if (fields.text) {
        *fields.text = trim(*fields.text);
        if (fields.text->empty()) return "\"text\" is empty; a note needs some text";
        if (codePointCount(*fields.text) > limits.maxNoteCharacters)
            return "\"text\" is longer than " + std::to_string(limits.maxNoteCharacters) + " characters";
    }
    if (auto tags = body.FindMember("tags"); tags != body.MemberEnd() && !tags->value.IsNull()) {
        if (!tags->value.IsArray()) return "\"tags\" must be a list of strings";
        if (static_cast<int>(tags->value.Size()) > limits.maxTags)
            return "a note takes at most " + std::to_string(limits.maxTags) + " tags";
        std::vector<std::string> list;
        for (const auto& tag : tags->value.GetArray()) {
            if (!tag.IsString()) return "\"tags\" must be a list of strings";
            std::string value = trim(normalizeNfc(std::string(tag.GetString(), tag.GetStringLength())));
            if (value.find('\0') != std::string::npos) return "a tag contains a NUL character";
            if (codePointCount(value) > limits.maxTagCharacters)
                return "a tag is longer than " + std::to_string(limits.maxTagCharacters) + " characters";
            if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
        }
        fields.tags = std::move(list);
    }
    if (auto starred = body.FindMember("starred"); starred != body.MemberEnd() && !starred->value.IsNull()) {
        if (!starred->value.IsBool()) return "\"starred\" must be true or false";
        fields.starred = starred->value.GetBool();
    }
    return {};
}

bool validClientId(std::string_view id) {
    if (id.size() < 8 || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    });
}

std::optional<std::int64_t> parseId(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

std::vector<std::string> splitPath(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        parts.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

// [SECTION] people search

std::vector<char32_t> codePoints(std::string_view text) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        int length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : 4;
        char32_t cp = length == 1 ? byte : length == 2 ? (byte & 0x1F) : length == 3 ? (byte & 0x0F) : (byte & 0x07);
        for (int k = 1; k < length && i + k < text.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(length);
    }
    return out;
}

// The compatibility jamo (ㄱ..ㅎ) for the 19 initial consonants, in the order Hangul syllables are encoded.
constexpr char32_t kInitials[19] = {0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
                                    0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E};

// A conjoining initial (U+1100..U+1112, what some keyboards send for a lone consonant) as its compatibility jamo.
char32_t asCompatibilityInitial(char32_t cp) {
    if (cp >= 0x1100 && cp <= 0x1112) return kInitials[cp - 0x1100];
    return cp;
}

bool isInitialConsonant(char32_t cp) { return std::find(std::begin(kInitials), std::end(kInitials), cp) != std::end(kInitials); }

bool codePointMatches(char32_t name, char32_t query) {
    if (name == query) return true;
    if (isInitialConsonant(query) && name >= 0xAC00 && name <= 0xD7A3) return kInitials[(name - 0xAC00) / 588] == query;
    return false;
}

// [SECTION] static files

const char* contentTypeOf(const std::filesystem::path& file) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
        {".png", "image/png"},                   {".ico", "image/x-icon"},
        {".webmanifest", "application/manifest+json"}, {".txt", "text/plain; charset=utf-8"}};
    std::string extension = file.extension().string();
    for (const auto& [ext, type] : kTypes)
        if (extension == ext) return type;
    return nullptr;
}

bool safeSegment(std::string_view segment) {
    if (segment.empty() || segment.front() == '.') return false;  // no "..", no hidden files
    return std::all_of(segment.begin(), segment.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
               c == '.';
    });
}

}  // namespace

bool nameMatches(std::string_view name, std::string_view query) {
    std::vector<char32_t> haystack = codePoints(foldForSearch(name));
    std::vector<char32_t> needle = codePoints(foldForSearch(query));
    for (char32_t& cp : needle) cp = asCompatibilityInitial(cp);
    std::erase_if(needle, [](char32_t cp) { return cp == U' '; });
    std::erase_if(haystack, [](char32_t cp) { return cp == U' '; });
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    for (std::size_t start = 0; start + needle.size() <= haystack.size(); ++start) {
        bool all = true;
        for (std::size_t i = 0; i < needle.size() && all; ++i) all = codePointMatches(haystack[start + i], needle[i]);
        if (all) return true;
    }
    return false;
}

const std::vector<std::pair<std::string, std::string>>& securityHeaders() {
    static const std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Security-Policy",
         "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    };
    return headers;
}

Api::Api(EngineGate& gate, const Clock& clock, std::filesystem::path webRoot, ApiLimits limits)
    : m_gate(gate), m_clock(clock), m_webRoot(std::move(webRoot)), m_limits(limits) {}

HttpResponse Api::handle(const HttpRequest& request) {
    if (!admit(request.client)) {
        HttpResponse response = error(429, "too many requests from this device; wait a moment and try again");
        response.headers.emplace_back("Retry-After", "2");
        return response;
    }
    if (request.bodyTooLarge || request.body.size() > m_limits.maxBodyBytes)
        return error(413, "the body is larger than " + std::to_string(m_limits.maxBodyBytes / 1024) + " KiB");
    try {
        return route(request);
    } catch (const ActionRejected& rejected) {
        return error(409, std::string("the session refused the change: ") + rejected.what());
    } catch (const Error& failure) {
        // Storage failed: nothing was acknowledged and the engine rolled the change back; the phone retries.
        return error(503, std::string("the laptop could not store the change: ") + failure.what());
    } catch (const std::exception& failure) {
        return error(500, std::string("internal error: ") + failure.what());
    }
}

// [SECTION] routes and handlers

HttpResponse Api::route(const HttpRequest& request) {
    // Every route below starts at the root; an empty or relative path (a raw HTTP client may send one) names nothing.
    if (request.path.empty() || request.path.front() != '/') return error(404, "not found");
    std::vector<std::string> parts = splitPath(request.path);  // "/a/b" -> "", "a", "b"
    const std::string& method = request.method;
    if (parts.size() >= 3 && parts[1] == "api") {
        if (parts[2] != "v1") return error(404, "unknown API version \"" + parts[2] + "\"; this server speaks v1");
        std::vector<std::string> rest(parts.begin() + 3, parts.end());
        auto only = [&](const char* allowed) {
            HttpResponse response = error(405, method + " is not allowed here; use " + allowed);
            response.headers.emplace_back("Allow", allowed);
            return response;
        };
        if (rest.size() == 1 && rest[0] == "state") return method == "GET" ? getState() : only("GET");
        if (rest.size() == 2 && rest[0] == "tables") return method == "GET" ? getTable(rest[1]) : only("GET");
        if (rest.size() == 3 && rest[0] == "tables" && rest[2] == "notes")
            return method == "POST" ? postNote(rest[1], request) : only("POST");
        if (rest.size() == 4 && rest[0] == "tables" && rest[2] == "notes") {
            if (method == "PUT") return putNote(rest[1], rest[3], request);
            if (method == "DELETE") return deleteNote(rest[1], rest[3], request);
            return only("PUT, DELETE");
        }
        if (rest.size() == 1 && rest[0] == "harvest") return method == "GET" ? getHarvest(request) : only("GET");
        if (rest.size() == 3 && rest[0] == "votes") {
            if (method == "PUT") return putVote(rest[1], rest[2], request);
            if (method == "DELETE") return deleteVote(rest[1], rest[2]);
            return only("PUT, DELETE");
        }
        if (rest.size() == 1 && rest[0] == "people") return method == "GET" ? getPeople(request) : only("GET");
        if (rest.size() == 3 && rest[0] == "people" && rest[2] == "itinerary")
            return method == "GET" ? getItinerary(rest[1]) : only("GET");
        return error(404, "no such API route: " + request.path);
    }
    if (method != "GET" && method != "HEAD") return error(405, method + " is not allowed for pages; use GET");
    if (request.path == "/" || request.path == "/index.html") return getFile("index.html");
    if (parts.size() == 3 && parts[1] == "t") return getFile("host.html");
    return getFile(request.path.substr(1));
}

void Api::markSeen(int table) {
    std::lock_guard lock(m_seenMutex);
    m_lastSeen[table] = std::chrono::steady_clock::now();
}

std::map<int, std::chrono::steady_clock::time_point> Api::lastSeen() const {
    std::lock_guard lock(m_seenMutex);
    return m_lastSeen;
}

void Api::watchPlan(const Engine& engine, WallMillis now) {
    std::lock_guard lock(m_planMutex);
    if (m_planRevision == engine.revision()) return;
    const Session& session = engine.session();
    // Before the start, plans are drafts nobody follows yet: only changes during the café are news.
    if (m_planRevision && timerStateAt(session, now).started)
        for (const SeatChange& change : seatChanges(m_plan, session.plan, 1))
            if (change.to != kNoTable) m_seatUpdated[{change.participant, change.round}] = now;
    std::erase_if(m_seatUpdated, [&](const auto& entry) { return now - entry.second >= kSeatUpdatedMillis; });
    m_plan = session.plan;
    m_planRevision = engine.revision();
}

bool Api::seatUpdated(ParticipantId person, RoundNumber round, WallMillis now) const {
    std::lock_guard lock(m_planMutex);
    auto it = m_seatUpdated.find({person, round});
    return it != m_seatUpdated.end() && now - it->second < kSeatUpdatedMillis;
}

HttpResponse Api::getState() {
    WallMillis now = m_clock.wallMillis();
    return m_gate.read([&](const Engine& engine) {
        watchPlan(engine, now);
        const Session& session = engine.session();
        return jsonWith(200, [&](JsonWriter& w) {
            w.StartObject();
            writeRoomTime(w, roomTime(session, now), session);
            key(w, "title");
            string(w, session.event.title);
            key(w, "language");
            string(w, session.event.language);
            w.EndObject();
        });
    });
}

namespace {
// 423 Locked: the table exists and the link is good, but the facilitator has closed note-taking for the café.
HttpResponse noteTakingClosed() {
    return error(423, "note-taking is closed: the facilitator ended it for this café; nothing was changed");
}

HttpResponse unknownToken() {
    return error(403, "this table link is not valid (it may have been replaced); ask the facilitator for the new one");
}
}  // namespace

HttpResponse Api::getTable(const std::string& token) {
    WallMillis now = m_clock.wallMillis();
    return m_gate.read([&](const Engine& engine) {
        const Session& session = engine.session();
        const Table* table = tableByToken(session, token);
        if (!table) return unknownToken();
        markSeen(table->number);
        RoomTime time = roomTime(session, now);
        return jsonWith(200, [&](JsonWriter& w) {
            w.StartObject();
            key(w, "table");
            w.Int(table->number);
            key(w, "title");
            string(w, session.event.title);
            key(w, "language");
            string(w, session.event.language);
            key(w, "menu");
            w.StartObject();
            const Menu* menu = session.findMenu(table->menu);
            key(w, "title");
            string(w, menu ? menu->title : "");
            key(w, "question");
            string(w, menu ? menu->question : "");
            w.EndObject();
            writeRoomTime(w, time, session);
            key(w, "host");
            const Participant* host = session.hostOf(table->number);
            if (host)
                string(w, host->name);
            else
                w.Null();
            key(w, "seated");
            w.StartArray();
            for (const Participant* person : participantsInNameOrder(session)) {
                if (person->role == Role::Host || !person->presentIn(time.round)) continue;
                if (seatOf(session, person->id, time.round) != table->number) continue;
                w.StartObject();
                key(w, "id");
                w.Int64(person->id);
                key(w, "name");
                string(w, person->name);
                w.EndObject();
            }
            w.EndArray();
            key(w, "notes");
            w.StartArray();
            std::vector<const Note*> notes;
            for (const Note& note : session.notes)
                if (note.table == table->number) notes.push_back(&note);
            std::stable_sort(notes.begin(), notes.end(), [](const Note* a, const Note* b) { return a->round < b->round; });
            for (const Note* note : notes) writeNote(w, *note);
            w.EndArray();
            w.EndObject();
        });
    });
}

HttpResponse Api::postNote(const std::string& token, const HttpRequest& request) {
    auto parsed = parseBody(request);
    if (auto* problem = std::get_if<BodyProblem>(&parsed)) return error(400, problem->message);
    const rapidjson::Document& body = std::get<rapidjson::Document>(parsed);
    std::string problem;
    std::optional<std::string> clientId = stringMember(body, "client_id", problem);
    if (!problem.empty()) return error(400, problem);
    if (!clientId) return error(400, "\"client_id\" is missing; the page sends a UUID with every note");
    if (!validClientId(*clientId)) return error(400, "\"client_id\" must be 8 to 64 letters, digits, - or _");
    NoteFields fields;
    if (std::string message = readNoteFields(body, m_limits, fields); !message.empty()) return error(400, message);
    if (!fields.text) return error(400, "\"text\" is missing; a note needs some text");
    std::optional<int> round;
    if (auto member = body.FindMember("round"); member != body.MemberEnd() && !member->value.IsNull()) {
        if (!member->value.IsInt()) return error(400, "\"round\" must be a whole number");
        round = member->value.GetInt();
    }
    WallMillis now = m_clock.wallMillis();
    return m_gate.write([&](Engine& engine) {
        const Session& session = engine.session();
        const Table* table = tableByToken(session, token);
        if (!table) return unknownToken();
        markSeen(table->number);
        for (const Note& note : session.notes) {
            if (note.clientId != *clientId) continue;
            if (note.table != table->number)
                return error(409, "\"client_id\" " + *clientId + " belongs to a note at another table");
            // A retry after a lost acknowledgement: the note is already stored, once.
            return jsonWith(200, [&](JsonWriter& w) {
                w.StartObject();
                key(w, "id");
                w.Int64(note.id);
                key(w, "version");
                w.Int(note.revision);
                w.EndObject();
            });
        }
        if (!noteTakingOpen()) return noteTakingClosed();
        if (round && (*round < 1 || *round > session.rounds.count))
            return error(400, "\"round\" must be between 1 and " + std::to_string(session.rounds.count));
        Note note;
        note.id = session.nextNoteId();
        note.table = table->number;
        note.round = round ? *round : roomTime(session, now).round;
        note.menu = table->menu;
        note.text = *fields.text;
        if (fields.tags) note.tags = *fields.tags;
        note.starred = fields.starred.value_or(false);
        if (const Participant* host = session.hostOf(table->number)) note.author = host->name;
        note.created = now;
        note.clientId = *clientId;
        note.revision = 1;
        engine.apply(Put<Note>{note});
        return jsonWith(201, [&](JsonWriter& w) {
            w.StartObject();
            key(w, "id");
            w.Int64(note.id);
            key(w, "version");
            w.Int(note.revision);
            w.EndObject();
        });
    });
}

HttpResponse Api::putNote(const std::string& token, const std::string& idText, const HttpRequest& request) {
    std::optional<NoteId> id = parseId(idText);
    if (!id) return error(404, "\"" + idText + "\" is not a note id");
    auto parsed = parseBody(request);
    if (auto* problem = std::get_if<BodyProblem>(&parsed)) return error(400, problem->message);
    const rapidjson::Document& body = std::get<rapidjson::Document>(parsed);
    auto versionMember = body.FindMember("version");
    if (versionMember == body.MemberEnd() || !versionMember->value.IsInt())
        return error(400, "\"version\" is missing; send the version the edit started from");
    int version = versionMember->value.GetInt();
    NoteFields fields;
    if (std::string message = readNoteFields(body, m_limits, fields); !message.empty()) return error(400, message);
    WallMillis now = m_clock.wallMillis();
    return m_gate.write([&](Engine& engine) {
        const Session& session = engine.session();
        const Table* table = tableByToken(session, token);
        if (!table) return unknownToken();
        markSeen(table->number);
        if (!noteTakingOpen()) return noteTakingClosed();
        const Note* current = session.findNote(*id);
        if (!current || current->table != table->number)
            return error(404, "there is no note " + idText + " at this table (deleted?)");
        if (current->revision != version) {
            return jsonWith(409, [&](JsonWriter& w) {
                w.StartObject();
                key(w, "error");
                string(w, "the note changed since version " + std::to_string(version) + " (now version " +
                              std::to_string(current->revision) + "); both versions are shown, choose one");
                key(w, "note");
                writeNote(w, *current);
                w.EndObject();
            });
        }
        Note note = *current;
        if (fields.text) note.text = *fields.text;
        if (fields.tags) note.tags = *fields.tags;
        if (fields.starred) note.starred = *fields.starred;
        note.edited = now;
        note.revision = current->revision + 1;
        engine.apply(Put<Note>{note});
        return jsonWith(200, [&](JsonWriter& w) {
            w.StartObject();
            key(w, "id");
            w.Int64(note.id);
            key(w, "version");
            w.Int(note.revision);
            w.EndObject();
        });
    });
}

HttpResponse Api::deleteNote(const std::string& token, const std::string& idText, const HttpRequest& request) {
    std::optional<NoteId> id = parseId(idText);
    if (!id) return error(404, "\"" + idText + "\" is not a note id");
    std::optional<int> version;
    if (auto it = request.query.find("version"); it != request.query.end()) {
        auto parsedVersion = parseId(it->second);
        if (!parsedVersion && it->second != "0") return error(400, "\"version\" must be a whole number");
        version = parsedVersion ? static_cast<int>(*parsedVersion) : 0;
    }
    return m_gate.write([&](Engine& engine) {
        const Session& session = engine.session();
        const Table* table = tableByToken(session, token);
        if (!table) return unknownToken();
        markSeen(table->number);
        if (!noteTakingOpen()) return noteTakingClosed();
        const Note* current = session.findNote(*id);
        if (!current || current->table != table->number)
            return error(404, "there is no note " + idText + " at this table (already deleted?)");
        if (version && *version != current->revision) {
            return jsonWith(409, [&](JsonWriter& w) {
                w.StartObject();
                key(w, "error");
                string(w, "the note changed since version " + std::to_string(*version) + "; it was not deleted");
                key(w, "note");
                writeNote(w, *current);
                w.EndObject();
            });
        }
        engine.apply(Remove<Note>{*id});
        return jsonWith(200, [&](JsonWriter& w) {
            w.StartObject();
            key(w, "id");
            w.Int64(*id);
            key(w, "deleted");
            w.Bool(true);
            w.EndObject();
        });
    });
}

HttpResponse Api::getPeople(const HttpRequest& request) {
    std::string query;
    if (auto it = request.query.find("q"); it != request.query.end()) query = it->second;
    if (!isValidUtf8(query) || query.find('\0') != std::string::npos)
        return error(400, "the search \"q\" is not valid UTF-8 text");
    query = normalizeNfc(trim(query));
    WallMillis now = m_clock.wallMillis();
    return m_gate.read([&](const Engine& engine) {
        const Session& session = engine.session();
        RoomTime time = roomTime(session, now);
        return jsonWith(200, [&](JsonWriter& w) {
            w.StartObject();
            key(w, "round");
            w.Int(time.round);
            key(w, "people");
            w.StartArray();
            std::size_t count = 0;
            bool more = false;
            // Only what the projector shows: names and seats, never affiliations.
            for (const Participant* person : participantsInNameOrder(session)) {
                if (!nameMatches(person->name, query)) continue;
                if (count == m_limits.maxPeopleResults) {
                    more = true;
                    break;
                }
                ++count;
                w.StartObject();
                key(w, "id");
                w.Int64(person->id);
                key(w, "name");
                string(w, person->name);
                key(w, "table");
                TableNumber seat = person->role == Role::Host ? person->table : seatOf(session, person->id, time.round);
                if (seat == kNoTable || !person->presentIn(time.round))
                    w.Null();
                else
                    w.Int(seat);
                w.EndObject();
            }
            w.EndArray();
            key(w, "more");
            w.Bool(more);
            w.EndObject();
        });
    });
}

HttpResponse Api::getItinerary(const std::string& idText) {
    std::optional<ParticipantId> id = parseId(idText);
    if (!id) return error(404, "\"" + idText + "\" is not a person's id");
    WallMillis now = m_clock.wallMillis();
    return m_gate.read([&](const Engine& engine) {
        watchPlan(engine, now);
        const Session& session = engine.session();
        const Participant* person = session.findParticipant(*id);
        if (!person) return error(404, "there is no person " + idText);
        RoomTime time = roomTime(session, now);
        return jsonWith(200, [&](JsonWriter& w) {
            w.StartObject();
            key(w, "id");
            w.Int64(person->id);
            key(w, "name");
            string(w, person->name);
            writeRoomTime(w, time, session);
            key(w, "itinerary");
            w.StartArray();
            for (RoundNumber round = 1; round <= session.rounds.count; ++round) {
                TableNumber seat = person->role == Role::Host ? person->table : seatOf(session, person->id, round);
                if (!person->presentIn(round)) seat = kNoTable;
                w.StartObject();
                key(w, "round");
                w.Int(round);
                key(w, "table");
                if (seat == kNoTable)
                    w.Null();
                else
                    w.Int(seat);
                const Table* table = seat == kNoTable ? nullptr : session.findTable(seat);
                const Menu* menu = table ? session.findMenu(table->menu) : nullptr;
                key(w, "menu");
                if (menu)
                    string(w, menu->title);
                else
                    w.Null();
                key(w, "question");
                if (menu)
                    string(w, menu->question);
                else
                    w.Null();
                // A re-plan during the café gave this round a new seat a few minutes ago.
                key(w, "updated");
                w.Bool(seat != kNoTable && seatUpdated(person->id, round, now));
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        });
    });
}

// [SECTION] static files

HttpResponse Api::getFile(const std::string& relative) {
    std::vector<std::string> segments = splitPath(relative);
    for (const std::string& segment : segments)
        if (!safeSegment(segment)) return error(404, "not found");
    std::filesystem::path file = m_webRoot;
    for (const std::string& segment : segments) file /= segment;
    const char* type = contentTypeOf(file);
    std::error_code failure;
    if (!type || !std::filesystem::is_regular_file(file, failure)) return error(404, "not found");
    // A symbolic link inside the web root must not lead out of it.
    std::filesystem::path real = std::filesystem::canonical(file, failure);
    std::filesystem::path root = std::filesystem::canonical(m_webRoot, failure);
    if (failure || std::mismatch(root.begin(), root.end(), real.begin(), real.end()).first != root.end())
        return error(404, "not found");
    std::ifstream in(real, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof()) return error(500, "cannot read " + relative);
    HttpResponse response;
    response.contentType = type;
    response.body = bytes.str();
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
}

// [SECTION] rate limiting

bool Api::admit(const std::string& client) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_bucketsMutex);
    if (m_buckets.size() > 10000) {
        // Forget clients whose bucket has refilled: they would start full again anyway.
        std::erase_if(m_buckets, [&](const auto& entry) {
            return std::chrono::duration<double>(now - entry.second.refilled).count() * m_limits.perSecond >=
                   m_limits.burst;
        });
    }
    auto [it, inserted] = m_buckets.try_emplace(client, Bucket{m_limits.burst, now});
    Bucket& bucket = it->second;
    if (!inserted) {
        double seconds = std::chrono::duration<double>(now - bucket.refilled).count();
        bucket.tokens = std::min(m_limits.burst, bucket.tokens + seconds * m_limits.perSecond);
        bucket.refilled = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
}

}  // namespace worldcafe::server

// [SECTION] dot voting

namespace worldcafe::server {

namespace {

HttpResponse votingClosed() {
    return error(423, "voting is closed: the facilitator opens it during the harvest; nothing was changed");
}

std::string badVoter() { return "the voter id must be 8 to 64 letters, digits, - or _ (the page makes one)"; }

bool isNoChange(const Action& action) {
    const auto* batch = std::get_if<Batch>(&action.value);
    return batch && batch->actions.empty();
}

void writeVote(JsonWriter& w, const Vote& vote, const Synthesis& synthesis) {
    const ThemeSummary* theme = themeOfVote(synthesis, vote);
    w.StartObject();
    key(w, "dot");
    w.Int(vote.dot);
    key(w, "menu");
    w.Int64(vote.menu);
    // Where the dot counts now (a renamed or regrouped theme has a new key); null: the theme no longer exists.
    key(w, "theme");
    if (theme)
        string(w, theme->key);
    else
        w.Null();
    key(w, "name");
    if (theme)
        string(w, theme->name);
    else
        w.Null();
    w.EndObject();
}

}  // namespace

const Synthesis& Api::synthesisOf(const Engine& engine) {
    return m_harvest.synthesis(engine.session(), engine.revision());
}

HttpResponse Api::getHarvest(const HttpRequest& request) {
    std::string voter;
    if (auto it = request.query.find("voter"); it != request.query.end()) {
        voter = it->second;
        if (!validClientId(voter)) return error(400, badVoter());
    }
    return m_gate.read([&](const Engine& engine) {
        const Session& session = engine.session();
        const Synthesis& synthesis = synthesisOf(engine);
        return jsonWith(200, [&](JsonWriter& w) {
            w.StartObject();
            key(w, "open");
            w.Bool(session.voting.open);
            key(w, "dots");
            w.Int(session.voting.dots);
            key(w, "language");
            string(w, session.event.language);
            key(w, "menus");
            w.StartArray();
            for (const MenuHarvest& harvest : synthesis.menus) {
                if (harvest.themes.empty()) continue;
                const Menu* menu = session.findMenu(harvest.menu);
                w.StartObject();
                key(w, "id");
                w.Int64(harvest.menu);
                key(w, "title");
                string(w, menu ? menu->title : "");
                key(w, "themes");
                w.StartArray();
                for (const ThemeSummary& theme : harvest.themes) {
                    if (!isReportTheme(theme)) continue;
                    w.StartObject();
                    key(w, "key");
                    string(w, theme.key);
                    key(w, "name");
                    string(w, theme.name);
                    key(w, "notes");
                    w.Int(theme.noteCount());
                    key(w, "votes");
                    w.Int(theme.phoneVotes);
                    key(w, "voters");
                    w.Int(theme.voters);
                    w.EndObject();
                }
                w.EndArray();
                key(w, "lost_votes");
                w.Int(harvest.lostVotes);
                w.EndObject();
            }
            w.EndArray();
            key(w, "mine");
            w.StartArray();
            if (!voter.empty())
                for (const Vote& vote : session.votes)
                    if (vote.voter == voter) writeVote(w, vote, synthesis);
            w.EndArray();
            w.EndObject();
        });
    });
}

HttpResponse Api::putVote(const std::string& voter, const std::string& dotText, const HttpRequest& request) {
    if (!validClientId(voter)) return error(400, badVoter());
    std::optional<std::int64_t> dotNumber = dotText == "0" ? std::optional<std::int64_t>(0) : parseId(dotText);
    if (!dotNumber || *dotNumber > kMaxDotsPerVoter) return error(400, "\"" + dotText + "\" is not a dot number");
    int dot = static_cast<int>(*dotNumber);
    auto parsed = parseBody(request);
    if (auto* problem = std::get_if<BodyProblem>(&parsed)) return error(400, problem->message);
    const rapidjson::Document& body = std::get<rapidjson::Document>(parsed);
    std::string problem;
    std::optional<std::string> themeKey = stringMember(body, "theme", problem);
    if (!problem.empty()) return error(400, problem);
    if (!themeKey || themeKey->empty()) return error(400, "\"theme\" is missing; send the key of the theme to vote for");
    std::optional<MenuId> menu;
    if (auto member = body.FindMember("menu"); member != body.MemberEnd() && !member->value.IsNull()) {
        if (!member->value.IsInt64()) return error(400, "\"menu\" must be a whole number");
        menu = member->value.GetInt64();
    }
    WallMillis now = m_clock.wallMillis();
    return m_gate.write([&](Engine& engine) {
        const Session& session = engine.session();
        if (!session.voting.open) return votingClosed();
        if (dot >= session.voting.dots)
            return error(400, "dot " + dotText + " is out of range: each phone has " +
                                  std::to_string(session.voting.dots) + " dots, numbered from 0");
        const Synthesis& synthesis = synthesisOf(engine);
        const ThemeSummary* theme = nullptr;
        for (const MenuHarvest& harvest : synthesis.menus) {
            if (menu && harvest.menu != *menu) continue;
            for (const ThemeSummary& candidate : harvest.themes)
                if (candidate.key == *themeKey && !theme) theme = &candidate;
        }
        if (!theme)
            return error(404, "there is no theme \"" + *themeKey + "\"" +
                                  (menu ? " in menu " + std::to_string(*menu) : std::string()) +
                                  " (the harvest may have changed; reload the themes)");
        const Vote* earlier = session.findVote(voter, dot);
        if (!earlier) {
            bool known = std::any_of(session.votes.begin(), session.votes.end(),
                                     [&](const Vote& v) { return v.voter == voter; });
            if (!known) {
                std::set<std::string_view> voters;
                for (const Vote& v : session.votes) voters.insert(v.voter);
                if (voters.size() >= m_limits.maxVoters)
                    return error(409, "this café already has votes from " + std::to_string(m_limits.maxVoters) +
                                          " phones, the most it takes; nothing was changed");
            }
        }
        Action action = castVote(session, synthesis, voter, dot, theme->menu, theme->key, now);
        if (!isNoChange(action)) engine.apply(action);
        const Vote* stored = engine.session().findVote(voter, dot);
        return jsonWith(earlier ? 200 : 201, [&](JsonWriter& w) { writeVote(w, *stored, synthesisOf(engine)); });
    });
}

HttpResponse Api::deleteVote(const std::string& voter, const std::string& dotText) {
    if (!validClientId(voter)) return error(400, badVoter());
    std::optional<std::int64_t> dotNumber = dotText == "0" ? std::optional<std::int64_t>(0) : parseId(dotText);
    if (!dotNumber || *dotNumber > kMaxDotsPerVoter) return error(400, "\"" + dotText + "\" is not a dot number");
    int dot = static_cast<int>(*dotNumber);
    return m_gate.write([&](Engine& engine) {
        const Session& session = engine.session();
        if (!session.voting.open) return votingClosed();
        Action action = withdrawVote(session, voter, dot);
        if (!isNoChange(action)) engine.apply(action);
        return jsonWith(200, [&](JsonWriter& w) {
            w.StartObject();
            key(w, "dot");
            w.Int(dot);
            key(w, "deleted");
            w.Bool(true);
            w.EndObject();
        });
    });
}

}  // namespace worldcafe::server
