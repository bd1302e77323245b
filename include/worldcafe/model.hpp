#pragma once
// The session model: plain data, no behaviour beyond lookups. Every change goes through actions.hpp.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace worldcafe {

using ParticipantId = std::int64_t;
using MenuId = std::int64_t;
using NoteId = std::int64_t;
using RuleId = std::int64_t;
using ThemeId = std::int64_t;
using VoteId = std::int64_t;
using TableNumber = int;
using RoundNumber = int;  // 1-based

struct Event {
    std::string title;
    std::string date;       // ISO 8601 (YYYY-MM-DD) as the organiser typed it
    std::string venue;
    std::string organiser;
    std::string language = "en";  // "en" or "ko": the language of the content and the UI default
    bool operator==(const Event&) const = default;
};

struct Menu {
    MenuId id = 0;
    std::string title;
    std::string question;
    std::uint32_t colour = 0x0072B2;  // 0xRRGGBB
    bool operator==(const Menu&) const = default;
};

// Ids and numbers start at 1; 0 means "none" (no menu, no table, no limit), which keeps files and widgets plain.
inline constexpr MenuId kNoMenu = 0;
inline constexpr TableNumber kNoTable = 0;
inline constexpr RoundNumber kNoRound = 0;

struct Table {
    TableNumber number = 0;
    MenuId menu = kNoMenu;
    int capacity = 6;
    // The host link's secret (issue 11): random, URL-safe, kept in the session so printed tent cards stay valid.
    // Empty until links are first issued.
    std::string token = {};
    bool operator==(const Table&) const = default;
};

enum class Role : std::uint8_t { Guest, Host };

// A column of the organiser's registration list that worldcafe has no use of its own for (email, phone, ...): kept
// with the participant, in the list's order, so that every export gives it back.
struct ExtraField {
    std::string name;  // the header as the organiser wrote it
    std::string value;
    bool operator==(const ExtraField&) const = default;
};

struct Participant {
    ParticipantId id = 0;
    std::string name;
    std::string affiliation;
    Role role = Role::Guest;
    // A host's table; for a guest, a pinned seat (mobility needs) that the planner must keep.
    TableNumber table = kNoTable;
    RoundNumber fromRound = kNoRound;   // arrives late: absent before this round
    RoundNumber untilRound = kNoRound;  // leaves early: absent after this round
    // Registered but did not come: in no round until marked arrived (fromRound says from when).
    bool absent = false;
    // The organiser's own id from the registration list ("S-0001", an e-mail address); empty when the list had
    // none. Internal ids stay numbers: rules, seats and notes refer to `id`.
    // Initialised here so that brace-initialised Participants written before these fields existed stay warning-free.
    std::string externalId{};
    std::vector<ExtraField> extra{};
    bool presentIn(RoundNumber round) const {
        return !absent && (fromRound == kNoRound || round >= fromRound) &&
               (untilRound == kNoRound || round <= untilRound);
    }
    bool operator==(const Participant&) const = default;
};

enum class RuleKind : std::uint8_t { KeepApart, KeepTogether };

struct Rule {
    RuleId id = 0;
    RuleKind kind = RuleKind::KeepApart;
    ParticipantId a = 0;
    ParticipantId b = 0;
    bool operator==(const Rule&) const = default;
};

struct RoundSettings {
    int count = 3;
    int talkMinutes = 20;
    int moveMinutes = 3;
    int harvestMinutes = 15;
    int welcomeMinutes = 0;  // 0: no welcome phase
    // A short harvest after every round but the last (which has the final harvest); 0: none.
    int roundHarvestMinutes = 0;
    // The timer warns when a phase has this many seconds left; 0 is "time up".
    std::vector<int> warningSeconds = {120, 0};
    bool operator==(const RoundSettings&) const = default;
};

struct Seat {
    ParticipantId participant = 0;
    TableNumber table = 0;
    bool operator==(const Seat&) const = default;
};

struct RoundPlan {
    RoundNumber round = 1;
    std::vector<Seat> seats;
    bool locked = false;
    bool operator==(const RoundPlan&) const = default;
};

// Unix epoch milliseconds: wall-clock time as recorded, for the journal and the notes.
using WallMillis = std::int64_t;

struct Note {
    NoteId id = 0;
    TableNumber table = 0;
    RoundNumber round = 1;
    MenuId menu = kNoMenu;
    std::string text;
    std::vector<std::string> tags;
    bool starred = false;
    std::string author;
    WallMillis created = 0;
    WallMillis edited = 0;
    // Harvest: the theme the organiser put this note in (0: grouped automatically by tags and similarity),
    // dot votes entered by the facilitator, and a highlight for the report.
    ThemeId theme = 0;
    int votes = 0;
    bool highlighted = false;
    // Phones (issue 11): the id the phone generated, so a retried post is stored once, and a counter each edit from
    // a phone raises, so an edit started from an older version is refused rather than lost.
    std::string clientId = {};
    int revision = 0;
    bool operator==(const Note&) const = default;
};

// A theme the organiser named or edited during the harvest. Automatic themes (from tags and clusters) are computed
// and only become a Theme when the organiser changes them.
struct Theme {
    ThemeId id = 0;
    MenuId menu = kNoMenu;
    std::string name;
    std::string summary;  // the "(name) summary" line of the report; empty: the most representative note
    bool highlighted = false;
    bool operator==(const Theme&) const = default;
};

// A dot a guest's phone put on a harvest theme (issue 13). Each phone has an anonymous voter id (random, kept in the
// phone's localStorage) and `dots` dots for the whole harvest, over all menus; (voter, dot) is the key, so a retried
// request never counts twice and moving a dot replaces it. Themes are computed, so the vote keeps both the theme's key
// and the notes it held when the dot was placed: when the key no longer names a theme (the organiser renamed an
// automatic theme, a cluster changed), the dot goes to the theme of the menu that now holds most of those notes; with
// none of them left it is counted as "theme no longer exists", never dropped.
struct Vote {
    VoteId id = 0;
    std::string voter;
    int dot = 0;  // 0-based, below Voting::dots when cast
    MenuId menu = kNoMenu;
    std::string theme;  // ThemeSummary::key
    std::vector<NoteId> notes;
    WallMillis at = 0;
    bool operator==(const Vote&) const = default;
};

inline constexpr int kMaxDotsPerVoter = 20;

// The facilitator's switch for dot voting from the phones, and how many dots each phone gets.
struct Voting {
    bool open = false;
    int dots = 3;
    bool operator==(const Voting&) const = default;
};

enum class TimelineKind : std::uint8_t { Start, Pause, Resume, Extend, Skip, Back, Finish };

struct TimelineEntry {
    TimelineKind kind = TimelineKind::Start;
    WallMillis at = 0;
    int seconds = 0;  // for Extend: signed adjustment
    bool operator==(const TimelineEntry&) const = default;
};

struct Session {
    std::string id;  // random, ties a journal to its snapshot
    Event event;
    std::vector<Menu> menus;
    std::vector<Table> tables;
    std::vector<Participant> participants;
    std::vector<Rule> rules;
    RoundSettings rounds;
    std::vector<RoundPlan> plan;
    std::vector<Note> notes;
    std::vector<Theme> themes;
    std::vector<TimelineEntry> timeline;
    std::vector<Vote> votes = {};
    Voting voting = {};
    bool operator==(const Session&) const = default;

    const Menu* findMenu(MenuId id) const;
    const Table* findTable(TableNumber number) const;
    const Participant* findParticipant(ParticipantId id) const;
    const Note* findNote(NoteId id) const;
    const Rule* findRule(RuleId id) const;
    const Theme* findTheme(ThemeId id) const;
    const Vote* findVote(VoteId id) const;
    const Vote* findVote(std::string_view voter, int dot) const;
    // Hosts are participants with role Host and a table: a table's host is derived, never stored twice.
    const Participant* hostOf(TableNumber number) const;
    MenuId nextMenuId() const;
    ParticipantId nextParticipantId() const;
    NoteId nextNoteId() const;
    RuleId nextRuleId() const;
    ThemeId nextThemeId() const;
    VoteId nextVoteId() const;
    TableNumber nextTableNumber() const;
};

// The Okabe-Ito palette, safe for colour-blind readers: menu colours are assigned from it in order.
std::uint32_t defaultMenuColour(std::size_t menuIndex);

const char* roleName(Role role);         // "host" / "guest"
const char* ruleKindName(RuleKind kind); // "apart" / "together"

}  // namespace worldcafe
