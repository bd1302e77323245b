// [SECTION] index
// (the structural pre-pass and the load paths that locate an error are in json_locator.cpp)
// - cereal serialisation of the model (non-intrusive, versioned), with the path of any value that fails to load
// - snapshots and actions

#include "rapidjson_config.hpp"  // first: it configures rapidjson for cereal

#include "session_format.hpp"

#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <algorithm>
#include <cctype>
#include <concepts>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <sstream>

#include "json_locator.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace {

// [SECTION] cereal with load paths

// cereal reports type mismatches as failed rapidjson assertions ("IsString()"): say what was expected instead.
std::string explainCerealError(const std::string& what) {
    static const std::pair<const char*, const char*> expectations[] = {
        {"IsString()", "expected a string"},  {"IsObject()", "expected an object"},
        {"IsArray()", "expected an array"},   {"IsBool()", "expected true or false"},
        {"IsInt()", "expected an integer"},   {"IsUint()", "expected a non-negative integer"},
        {"IsInt64()", "expected an integer"}, {"IsUint64()", "expected a non-negative integer"},
        {"IsNumber()", "expected a number"},  {"IsDouble()", "expected a number"},
        // Newer rapidjson asserts on the flags behind GetInt() and friends rather than on IsInt().
        {"kUint64Flag", "expected a non-negative integer"}, {"kUintFlag", "expected a non-negative integer"},
        {"kInt64Flag", "expected an integer"}, {"kIntFlag", "expected an integer"},
        {"kStringFlag", "expected a string"}, {"kDoubleFlag", "expected a number"},
    };
    for (const auto& [assertion, expectation] : expectations)
        if (what.find(assertion) != std::string::npos) return expectation;
    if (auto open = what.find("provided NVP ("); open != std::string::npos) {
        auto close = what.find(')', open);
        return "missing \"" + what.substr(open + 14, close - open - 14) + "\"";
    }
    if (what.find("No more objects") != std::string::npos) return "fewer items than expected";
    return what;
}

template <class Archive>
constexpr bool isLoading = Archive::is_loading::value;

template <class Archive, class T>
void field(Archive& ar, const char* name, T& value) {
    if constexpr (isLoading<Archive>) {
        try {
            ar(cereal::make_nvp(name, value));
        } catch (LoadPathError& error) {
            error.path = joinPath(name, error.path);
            throw;
        } catch (const cereal::Exception& error) {
            std::string message = explainCerealError(error.what());
            // A missing key has no location of its own: report it at its parent.
            if (message.rfind("missing \"", 0) == 0 && message.find(std::string("\"") + name + "\"") != std::string::npos)
                throw LoadPathError{"", message};
            throw LoadPathError{name, message};
        }
    } else {
        ar(cereal::make_nvp(name, value));
    }
}

template <class T>
void listField(cereal::JSONOutputArchive& ar, const char* name, std::vector<T>& items) {
    ar(cereal::make_nvp(name, items));
}

template <class T>
void listField(cereal::JSONInputArchive& ar, const char* name, std::vector<T>& items) {
    try {
        ar.setNextName(name);
        ar.startNode();
        cereal::size_type size = 0;
        ar.loadSize(size);
        items.clear();
        items.resize(static_cast<std::size_t>(size));
        for (std::size_t i = 0; i < items.size(); ++i) {
            try {
                ar(items[i]);
            } catch (LoadPathError& error) {
                error.path = joinPath("[" + std::to_string(i) + "]", error.path);
                throw;
            } catch (const cereal::Exception& error) {
                throw LoadPathError{"[" + std::to_string(i) + "]", explainCerealError(error.what())};
            }
        }
        ar.finishNode();
    } catch (LoadPathError& error) {
        error.path = joinPath(name, error.path);
        throw;
    } catch (const cereal::Exception& error) {
        std::string message = explainCerealError(error.what());
        if (message.rfind("missing \"", 0) == 0) throw LoadPathError{"", message};
        throw LoadPathError{name, message};
    }
}

template <class Archive, class Enum, std::size_t N>
void enumField(Archive& ar, const char* name, Enum& value, const std::pair<Enum, const char*> (&names)[N]) {
    std::string text;
    if constexpr (!isLoading<Archive>) {
        for (const auto& [candidate, candidateName] : names)
            if (candidate == value) text = candidateName;
    }
    field(ar, name, text);
    if constexpr (isLoading<Archive>) {
        for (const auto& [candidate, candidateName] : names) {
            if (text == candidateName) {
                value = candidate;
                return;
            }
        }
        std::string allowed;
        for (const auto& entry : names) allowed += (allowed.empty() ? "\"" : ", \"") + std::string(entry.second) + "\"";
        throw LoadPathError{name, "\"" + text + "\" is not one of " + allowed};
    }
}

template <class Archive>
void colourField(Archive& ar, const char* name, std::uint32_t& colour) {
    std::string text;
    if constexpr (!isLoading<Archive>) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "#%06X", static_cast<unsigned>(colour & 0xFFFFFF));
        text = buffer;
    }
    field(ar, name, text);
    if constexpr (isLoading<Archive>) {
        bool wellFormed = text.size() == 7 && text[0] == '#' &&
                          std::all_of(text.begin() + 1, text.end(), [](unsigned char c) { return std::isxdigit(c); });
        if (!wellFormed) throw LoadPathError{name, "\"" + text + "\" is not a colour like \"#0072B2\""};
        colour = static_cast<std::uint32_t>(std::stoul(text.substr(1), nullptr, 16));
    }
}

const std::pair<Role, const char*> kRoleNames[] = {{Role::Guest, "guest"}, {Role::Host, "host"}};
const std::pair<RuleKind, const char*> kRuleKindNames[] = {{RuleKind::KeepApart, "apart"},
                                                           {RuleKind::KeepTogether, "together"}};
const std::pair<TimelineKind, const char*> kTimelineKindNames[] = {
    {TimelineKind::Start, "start"}, {TimelineKind::Pause, "pause"}, {TimelineKind::Resume, "resume"},
    {TimelineKind::Extend, "extend"}, {TimelineKind::Skip, "skip"}, {TimelineKind::Back, "back"},
    {TimelineKind::Finish, "finish"}};

}  // namespace

// cereal finds these by argument-dependent lookup, so they live in the model's namespace. Every type is versioned
// (CEREAL_CLASS_VERSION below); a future version 2 reads version-1 data by branching on `version`.

template <class Archive>
void serialize(Archive& ar, Event& e, std::uint32_t /*version*/) {
    field(ar, "title", e.title);
    field(ar, "date", e.date);
    field(ar, "venue", e.venue);
    field(ar, "organiser", e.organiser);
    field(ar, "language", e.language);
}

template <class Archive>
void serialize(Archive& ar, Menu& m, std::uint32_t /*version*/) {
    field(ar, "id", m.id);
    field(ar, "title", m.title);
    field(ar, "question", m.question);
    colourField(ar, "colour", m.colour);
}

template <class Archive>
void serialize(Archive& ar, Table& t, std::uint32_t version) {
    field(ar, "number", t.number);
    field(ar, "menu", t.menu);
    field(ar, "capacity", t.capacity);
    // Version 2 added the host link's token.
    if (version >= 2) field(ar, "token", t.token);
}

template <class Archive>
void serialize(Archive& ar, Participant& p, std::uint32_t version) {
    field(ar, "id", p.id);
    field(ar, "name", p.name);
    field(ar, "affiliation", p.affiliation);
    enumField(ar, "role", p.role, kRoleNames);
    field(ar, "table", p.table);
    field(ar, "from_round", p.fromRound);
    field(ar, "until_round", p.untilRound);
    // Version 2 added the no-show.
    if (version >= 2) field(ar, "absent", p.absent);
    // Version 3 keeps the registration list's own id and its other columns.
    if (version >= 3) {
        field(ar, "external_id", p.externalId);
        listField(ar, "extra", p.extra);
    }
}

template <class Archive>
void serialize(Archive& ar, ExtraField& f, std::uint32_t /*version*/) {
    field(ar, "name", f.name);
    field(ar, "value", f.value);
}

template <class Archive>
void serialize(Archive& ar, Rule& r, std::uint32_t /*version*/) {
    field(ar, "id", r.id);
    enumField(ar, "kind", r.kind, kRuleKindNames);
    field(ar, "a", r.a);
    field(ar, "b", r.b);
}

template <class Archive>
void serialize(Archive& ar, RoundSettings& r, std::uint32_t version) {
    field(ar, "count", r.count);
    field(ar, "talk_minutes", r.talkMinutes);
    field(ar, "move_minutes", r.moveMinutes);
    field(ar, "harvest_minutes", r.harvestMinutes);
    // Version 2 added the welcome phase and the warning times; version-1 files keep the defaults.
    if (version >= 2) {
        field(ar, "welcome_minutes", r.welcomeMinutes);
        field(ar, "warning_seconds", r.warningSeconds);
    }
    // Version 3 added the harvest after each round; older files had none.
    if (version >= 3) field(ar, "round_harvest_minutes", r.roundHarvestMinutes);
}

template <class Archive>
void serialize(Archive& ar, Seat& s, std::uint32_t /*version*/) {
    field(ar, "participant", s.participant);
    field(ar, "table", s.table);
}

template <class Archive>
void serialize(Archive& ar, RoundPlan& r, std::uint32_t /*version*/) {
    field(ar, "round", r.round);
    field(ar, "locked", r.locked);
    listField(ar, "seats", r.seats);
}

template <class Archive>
void serialize(Archive& ar, Note& n, std::uint32_t version) {
    field(ar, "id", n.id);
    field(ar, "table", n.table);
    field(ar, "round", n.round);
    field(ar, "menu", n.menu);
    field(ar, "text", n.text);
    field(ar, "tags", n.tags);
    field(ar, "starred", n.starred);
    field(ar, "author", n.author);
    field(ar, "created", n.created);
    field(ar, "edited", n.edited);
    // Version 2 added the harvest: theme, dot votes, highlight.
    if (version >= 2) {
        field(ar, "theme", n.theme);
        field(ar, "votes", n.votes);
        field(ar, "highlighted", n.highlighted);
    }
    // Version 3 added the phone's client id and the edit revision.
    if (version >= 3) {
        field(ar, "client_id", n.clientId);
        field(ar, "revision", n.revision);
    }
}

template <class Archive>
void serialize(Archive& ar, Theme& t, std::uint32_t /*version*/) {
    field(ar, "id", t.id);
    field(ar, "menu", t.menu);
    field(ar, "name", t.name);
    field(ar, "summary", t.summary);
    field(ar, "highlighted", t.highlighted);
}

template <class Archive>
void serialize(Archive& ar, Vote& v, std::uint32_t /*version*/) {
    field(ar, "id", v.id);
    field(ar, "voter", v.voter);
    field(ar, "dot", v.dot);
    field(ar, "menu", v.menu);
    field(ar, "theme", v.theme);
    field(ar, "notes", v.notes);
    field(ar, "at", v.at);
}

template <class Archive>
void serialize(Archive& ar, Voting& v, std::uint32_t /*version*/) {
    field(ar, "open", v.open);
    field(ar, "dots", v.dots);
}

template <class Archive>
void serialize(Archive& ar, TimelineEntry& t, std::uint32_t /*version*/) {
    enumField(ar, "kind", t.kind, kTimelineKindNames);
    field(ar, "at", t.at);
    field(ar, "seconds", t.seconds);
}

template <class Archive>
void serialize(Archive& ar, Session& s, std::uint32_t version) {
    field(ar, "id", s.id);
    field(ar, "event", s.event);
    listField(ar, "menus", s.menus);
    listField(ar, "tables", s.tables);
    listField(ar, "participants", s.participants);
    listField(ar, "rules", s.rules);
    field(ar, "rounds", s.rounds);
    listField(ar, "plan", s.plan);
    listField(ar, "notes", s.notes);
    // Version 2 added the organiser's harvest themes.
    if (version >= 2) listField(ar, "themes", s.themes);
    listField(ar, "timeline", s.timeline);
    // Version 3 added the phones' dot votes (issue 13); older files have none and voting closed.
    if (version >= 3) {
        listField(ar, "votes", s.votes);
        field(ar, "voting", s.voting);
    }
}

// [SECTION] actions: {"type": "put_participant", "data": {...}}; the type name, never the variant index, is stored.

template <class Archive, class T>
void serialize(Archive& ar, Put<T>& a, std::uint32_t /*version*/) {
    field(ar, "item", a.item);
    field(ar, "index", a.index);
}

template <class Archive, class T>
void serialize(Archive& ar, Remove<T>& a, std::uint32_t /*version*/) {
    field(ar, "key", a.key);
}

template <class Archive>
void serialize(Archive& ar, SetEvent& a, std::uint32_t /*version*/) {
    field(ar, "event", a.event);
}

template <class Archive>
void serialize(Archive& ar, SetRoundSettings& a, std::uint32_t /*version*/) {
    field(ar, "rounds", a.rounds);
}

template <class Archive>
void serialize(Archive& ar, SetVoting& a, std::uint32_t /*version*/) {
    field(ar, "voting", a.voting);
}

template <class Archive>
void serialize(Archive& ar, SetPlan& a, std::uint32_t /*version*/) {
    listField(ar, "plan", a.plan);
}

template <class Archive>
void serialize(Archive& ar, AppendTimeline& a, std::uint32_t /*version*/) {
    field(ar, "entry", a.entry);
}

template <class Archive>
void serialize(Archive& /*ar*/, PopTimeline& /*a*/, std::uint32_t /*version*/) {}

template <class Archive>
void serialize(Archive& ar, Batch& a, std::uint32_t /*version*/) {
    field(ar, "label", a.label);
    listField(ar, "actions", a.actions);
}

namespace {

template <std::size_t I = 0>
Action defaultActionNamed(const std::string& name) {
    if constexpr (I == std::variant_size_v<ActionVariant>) {
        throw LoadPathError{"type", "unknown action type \"" + name + "\""};
    } else {
        Action candidate{std::variant_alternative_t<I, ActionVariant>{}};
        if (name == actionTypeName(candidate)) return candidate;
        return defaultActionNamed<I + 1>(name);
    }
}

}  // namespace

// Deduced rather than `const Action&`: Action converts implicitly from its alternatives, and cereal must not see
// this overload as a second way to save them.
template <class Archive, std::same_as<Action> A>
void save(Archive& ar, const A& action, std::uint32_t /*version*/) {
    std::string type = actionTypeName(action);
    ar(cereal::make_nvp("type", type));
    std::visit([&](const auto& alternative) { ar(cereal::make_nvp("data", alternative)); }, action.value);
}

template <class Archive, std::same_as<Action> A>
void load(Archive& ar, A& action, std::uint32_t /*version*/) {
    std::string type;
    field(ar, "type", type);
    action = defaultActionNamed(type);
    std::visit([&](auto& alternative) { field(ar, "data", alternative); }, action.value);
}

}  // namespace worldcafe

CEREAL_CLASS_VERSION(worldcafe::Event, 1)
CEREAL_CLASS_VERSION(worldcafe::Menu, 1)
CEREAL_CLASS_VERSION(worldcafe::Table, 2)
CEREAL_CLASS_VERSION(worldcafe::Participant, 3)
CEREAL_CLASS_VERSION(worldcafe::ExtraField, 1)
CEREAL_CLASS_VERSION(worldcafe::Rule, 1)
CEREAL_CLASS_VERSION(worldcafe::RoundSettings, 3)
CEREAL_CLASS_VERSION(worldcafe::Seat, 1)
CEREAL_CLASS_VERSION(worldcafe::RoundPlan, 1)
CEREAL_CLASS_VERSION(worldcafe::Note, 3)
CEREAL_CLASS_VERSION(worldcafe::Theme, 1)
CEREAL_CLASS_VERSION(worldcafe::TimelineEntry, 1)
CEREAL_CLASS_VERSION(worldcafe::Session, 3)
CEREAL_CLASS_VERSION(worldcafe::Vote, 1)
CEREAL_CLASS_VERSION(worldcafe::Voting, 1)
CEREAL_CLASS_VERSION(worldcafe::SetVoting, 1)
CEREAL_CLASS_VERSION(worldcafe::Put<worldcafe::Vote>, 1)
CEREAL_CLASS_VERSION(worldcafe::Remove<worldcafe::Vote>, 1)
CEREAL_CLASS_VERSION(worldcafe::Action, 1)
CEREAL_CLASS_VERSION(worldcafe::Batch, 1)
CEREAL_CLASS_VERSION(worldcafe::SetEvent, 1)
CEREAL_CLASS_VERSION(worldcafe::SetRoundSettings, 1)
CEREAL_CLASS_VERSION(worldcafe::SetPlan, 1)
CEREAL_CLASS_VERSION(worldcafe::AppendTimeline, 1)
CEREAL_CLASS_VERSION(worldcafe::PopTimeline, 1)
CEREAL_CLASS_VERSION(worldcafe::Put<worldcafe::Menu>, 1)
CEREAL_CLASS_VERSION(worldcafe::Put<worldcafe::Table>, 1)
CEREAL_CLASS_VERSION(worldcafe::Put<worldcafe::Participant>, 1)
CEREAL_CLASS_VERSION(worldcafe::Put<worldcafe::Rule>, 1)
CEREAL_CLASS_VERSION(worldcafe::Put<worldcafe::Note>, 1)
CEREAL_CLASS_VERSION(worldcafe::Put<worldcafe::Theme>, 1)
CEREAL_CLASS_VERSION(worldcafe::Remove<worldcafe::Menu>, 1)
CEREAL_CLASS_VERSION(worldcafe::Remove<worldcafe::Table>, 1)
CEREAL_CLASS_VERSION(worldcafe::Remove<worldcafe::Participant>, 1)
CEREAL_CLASS_VERSION(worldcafe::Remove<worldcafe::Rule>, 1)
CEREAL_CLASS_VERSION(worldcafe::Remove<worldcafe::Note>, 1)
CEREAL_CLASS_VERSION(worldcafe::Remove<worldcafe::Theme>, 1)

namespace worldcafe {

namespace {

template <class Body>
Body loadWithLocation(std::string_view json, const std::filesystem::path& file, const Structure& structure,
                      void (*loadBody)(cereal::JSONInputArchive&, Body&)) {
    std::istringstream input{std::string(json)};
    Body body{};
    try {
        cereal::JSONInputArchive archive(input);
        loadBody(archive, body);
    } catch (const LoadPathError& error) {
        std::string message = error.message;
        auto found = structure.values.find(error.path);
        if (found != structure.values.end()) {
            bool expectedObject = message.rfind("missing \"", 0) == 0 && std::strcmp(found->second.kind, "an object");
            if (expectedObject) message = "expected an object";
            if (message.rfind("expected ", 0) == 0) message += ", found " + std::string(found->second.kind);
        }
        // Point at the deepest part of the path that exists in the file.
        std::string path = error.path;
        while (!path.empty() && !structure.values.count(path)) {
            auto cut = path.find_last_of(".[");
            path = cut == std::string::npos ? std::string() : path.substr(0, cut);
        }
        Location at{1, 1};
        if (!path.empty()) at = locate(json, structure.values.at(path).offset);
        std::string where = error.path.empty() ? "" : error.path + ": ";
        throw InputError(file, where + message, at.line, at.column);
    } catch (const cereal::Exception& error) {
        throw InputError(file, explainCerealError(error.what()));
    }
    return body;
}

}  // namespace

std::string formatSnapshot(const Session& session, std::uint64_t sequence) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options(324, cereal::JSONOutputArchive::Options::IndentChar::space, 2));
        std::string format = kSessionFormatName;
        int version = kSessionFormatVersion;
        archive(cereal::make_nvp("format", format), cereal::make_nvp("version", version),
                cereal::make_nvp("sequence", sequence), cereal::make_nvp("session", session));
    }
    out << '\n';
    if (!out) throw StorageError("session", "could not format the session");
    return out.str();
}

Snapshot parseSnapshot(std::string_view json, const std::filesystem::path& file, bool acceptNewer) {
    Structure structure = scanStructure(json, file);
    if (structure.format != kSessionFormatName) {
        std::string found = structure.format.empty() ? "no \"format\" field" : "format \"" + structure.format + "\"";
        throw InputError(file, "not a worldcafe session (" + found + "; expected \"" + kSessionFormatName + "\")");
    }
    if (structure.version > kSessionFormatVersion && !acceptNewer)
        throw NewerVersionError(file, static_cast<int>(structure.version), kSessionFormatVersion);
    if (structure.version < 1) throw InputError(file, "\"version\" must be a positive integer");
    Snapshot snapshot =
        loadWithLocation<Snapshot>(json, file, structure, [](cereal::JSONInputArchive& archive, Snapshot& body) {
            field(archive, "sequence", body.sequence);
            field(archive, "session", body.session);
        });
    snapshot.version = static_cast<int>(structure.version);
    return snapshot;
}

std::string formatActionJson(const Action& action) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options::NoIndent());
        archive(cereal::make_nvp("action", action));
    }
    return out.str();
}

Action parseActionJson(std::string_view json, const std::filesystem::path& file) {
    Structure structure = scanStructure(json, file);
    return loadWithLocation<Action>(json, file, structure, [](cereal::JSONInputArchive& archive, Action& body) {
        field(archive, "action", body);
    });
}

}  // namespace worldcafe
