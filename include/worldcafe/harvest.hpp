#pragma once
// The harvest: every note of every table and round, grouped per menu into themes, as the organiser reads them out
// after the last round ("(theme) what was said"). synthesize() is a pure function of the session: the view calls it
// again whenever Engine::revision() changes, and the organiser's edits are actions built by the helpers below.
//
// How notes become themes, per menu, in this order:
//  1. Organiser themes: the session's Theme entries of the menu, in session order, with the notes set to them.
//  2. Tag themes, from the hosts' tags (compared after NFC and case folding):
//     - the tag sets of starred notes are anchors: a host stars the note that states a finding and tags it with
//       everything it covers ("서귀포시, 화성시, 삼척시"); anchors sharing a tag merge;
//     - every other tag forms a group with the tags that always occur on the same notes ("공급활성화, 중소기업");
//     - a note joins the group covering most of its tags (ties: the larger group, then its first-written tag), so a
//       note tagged only "화성시" joins the anchor "서귀포시, 화성시, 삼척시";
//     - a tag theme named like an organiser theme of the menu joins it: a tag theme keeps its notes, including new
//       ones, once the organiser has highlighted it or merged into it without renaming it.
//     Tag themes are ordered by their earliest note (round, time written, id).
//  3. An untagged note that repeats a note already in a theme (near-duplicate) joins that theme.
//  4. Clusters of the remaining untagged notes by text similarity: character bigrams and trigrams of the NFC,
//     case-folded text with spaces, punctuation and common Korean particles and endings removed (은/는/이/가/을/를/
//     에/의/도/로/으로/에서/과/와/하고/함/음/...), weighted by tf-idf over the session's notes, compared by cosine.
//     Each cluster is a "star": the note with the most similar neighbours, taken earliest first, and its neighbours
//     not yet taken. A note like no other is a cluster of one.
// Within a theme, near-duplicates (the same point repeated in successive rounds) are listed under one entry.
// Everything is ordered by values, never by hash order: the same session always gives the same synthesis.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "worldcafe/actions.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe {

struct HarvestOptions {
    // Untagged notes are clustered by average linkage on the cosine of tf-idf weighted n-grams. Clusters merge
    // while their mean similarity is at least the mean over all pairs of the menu's notes plus clusterDeviations
    // standard deviations, never below clusterThreshold and never above clusterCeiling (a small menu of a few
    // near-identical notes would otherwise ask more than near-identical).
    double clusterThreshold = 0.06;
    double clusterDeviations = 1.0;
    double clusterCeiling = 0.25;
    // Pairs less similar than this are taken as unrelated (0) by the clustering: it keeps the graph sparse.
    double edgeFloor = 0.04;
    // Links through other notes: each note's row of the similarity graph keeps its linkNeighbours nearest notes,
    // and the similarity clustered is (1 - linkWeight) * direct + linkWeight * cosine of the two rows (0: off).
    // Chosen on the tuning menus of tests/harvest_eval.
    int linkNeighbours = 20;
    double linkWeight = 0.3;
    // WordNet's database directory (Debian's wordnet-base: /usr/share/wordnet). When set and readable, English
    // words also count by their senses and those senses' hypernyms. Empty (the default): letters alone, so the
    // themes never depend on which packages a machine happens to have.
    std::string wordNetDirectory;
    // libhangul's hanja table (Debian's libhangul-data: /usr/share/libhangul/hanja/hanja.txt). When set and
    // readable, Sino-Korean words also count by their hanja, so 급식 (給食) meets 식재료 (食材料) while homophonous
    // syllables of different hanja stay apart. Empty or absent: letters alone (the themes are then as without it).
    // On by default: on the held-out menus of tests/harvest_eval it raised Korean and left English as it was.
    std::string hanjaTable = "/usr/share/libhangul/hanja/hanja.txt";
    // Cosine of plain n-gram counts (no corpus weights): notes at least this similar make the same point.
    double duplicateThreshold = 0.7;
    int keywordsPerMenu = 8;
    int keywordsPerTheme = 3;
    int clusterNameKeywords = 2;       // a cluster is named by its top keywords
};

enum class ThemeOrigin : std::uint8_t { Organiser, Tags, Cluster };

// One point made, with the notes that repeat it.
struct NoteEntry {
    NoteId note = 0;                  // the entry's note: highlighted, then starred, then most votes, then earliest
    std::vector<NoteId> duplicates;   // near-duplicates, earliest first
    bool operator==(const NoteEntry&) const = default;
};

struct ThemeSummary {
    // Stable key for selection and for the helpers: "theme:<id>", "tag:<name>" or "cluster:<n>" where n is the
    // smallest note id in the cluster (the key survives a re-synthesis as long as that note stays in it).
    std::string key;
    ThemeOrigin origin = ThemeOrigin::Cluster;
    ThemeId themeId = 0;              // organiser themes only
    MenuId menu = kNoMenu;
    std::string name;                 // the organiser's name, the tags joined with ", ", or the top keywords
    std::vector<std::string> tags;    // tag themes: the tags, in the order the hosts wrote them
    std::string summary;              // organiser themes: the report line the organiser wrote (may be empty)
    std::vector<NoteId> notes;        // every note, earliest first
    std::vector<NoteEntry> entries;   // the notes with near-duplicates folded, in the order of their earliest note
    NoteId representative = 0;        // highest mean similarity to the others; ties: starred, votes, earliest
    // The note a report quotes when there is no summary: highlighted, then starred, then most votes, then the
    // representative. Hosts star the note that states a finding; the representative is only the most central one.
    NoteId headline = 0;
    std::vector<NoteId> keyNotes;     // other highlighted or starred notes, earliest first: quoted below the headline
    std::vector<TableNumber> tables;  // contributing tables, ascending
    std::vector<RoundNumber> rounds;  // rounds with notes, ascending
    int stars = 0;                    // starred notes
    int votes = 0;                    // dot votes over all notes, plus phoneVotes
    int phoneVotes = 0;               // dots the guests' phones put on the theme (Session::votes)
    int voters = 0;                   // phones with at least one of those dots
    int highlightedNotes = 0;
    bool highlighted = false;         // the organiser highlighted the theme itself
    double cohesion = 0;              // mean similarity of each note to the others (1 for a single note)
    std::vector<std::string> keywords;

    int noteCount() const { return static_cast<int>(notes.size()); }
    int pointCount() const { return static_cast<int>(entries.size()); }
    bool automatic() const { return origin != ThemeOrigin::Organiser; }
};

struct Keyword {
    std::string term;
    double score = 0;  // notes using it times ln((1 + menus) / menus using it)
    int count = 0;     // notes of the menu that use it
};

struct MenuHarvest {
    MenuId menu = kNoMenu;  // kNoMenu: notes whose menu (and table's menu) is unknown
    std::vector<ThemeSummary> themes;
    std::vector<Keyword> keywords;
    std::vector<int> notesPerRound;      // index 0 is round 1; Synthesis::roundCount entries
    std::vector<TableNumber> tables;     // tables with notes, ascending
    int noteCount = 0;
    int lostVotes = 0;                   // phones' dots on a theme of this menu that no longer exists
};

struct Synthesis {
    std::vector<MenuHarvest> menus;  // the session's menus in order (empty ones too), then kNoMenu if it has notes
    int roundCount = 0;              // the session's round count, or more when notes were taken in later rounds
    int noteCount = 0;
    int phoneVotes = 0;              // every phone's dot, counted on its theme or as lost

    const MenuHarvest* findMenu(MenuId menu) const;
    const ThemeSummary* findTheme(std::string_view key) const;
    const ThemeSummary* themeOfNote(NoteId note) const;

    // Sorted by note: where each note went (menu index, theme index).
    struct Placement {
        NoteId note = 0;
        int menuIndex = 0;
        int themeIndex = 0;
    };
    std::vector<Placement> placements;
};

Synthesis synthesize(const Session& session, const HarvestOptions& options = {});

// The synthesis of a session as it changes: grouping many notes is not free, so it is redone only when the notes,
// themes, menus, tables or round count changed; a vote or a timer tick only re-counts the dots. For one thread.
class HarvestCache {
public:
    explicit HarvestCache(HarvestOptions options = {});
    // `revision` is Engine::revision(): an unchanged revision returns the last result at once.
    const Synthesis& synthesis(const Session& session, std::uint64_t revision);
    int groupings() const { return m_groupings; }  // how many times the notes were grouped

private:
    HarvestOptions m_options;
    bool m_valid = false;
    std::uint64_t m_revision = 0;
    std::vector<Note> m_notes;
    std::vector<Theme> m_themes;
    std::vector<Menu> m_menus;
    std::vector<Table> m_tables;
    int m_roundCount = 0;
    Synthesis m_base;
    Synthesis m_current;
    int m_groupings = 0;
};

// The theme a phone's dot counts for: the theme its key names in the vote's menu, else the theme of that menu holding
// most of the notes the theme had when the dot was placed (ties: the earlier theme); nullptr when none of them is
// left ("theme no longer exists").
const ThemeSummary* themeOfVote(const Synthesis& synthesis, const Vote& vote);

// [SECTION] dot voting from the phones
// Places (or moves) dot `dot` of phone `voter` on the theme `themeKey` of `menu` (tag themes of two menus may share
// a key): a Put<Vote> that keeps the id of the phone's
// earlier vote with that dot, so a retry or a move never counts twice. Throws ActionRejected when voting is closed,
// the dot is out of range (0 <= dot < session.voting.dots) or the theme is unknown. Returns an empty Batch when the
// dot is already on that theme (nothing to journal).
Action castVote(const Session& session, const Synthesis& synthesis, std::string_view voter, int dot, MenuId menu,
                std::string_view themeKey, WallMillis at);
// Takes a dot back; an empty Batch when the phone has no such dot (a retried take-back).
Action withdrawVote(const Session& session, std::string_view voter, int dot);

// Worth its own line in a report: an organiser or tag theme, or a cluster of two or more notes, or one note that a
// host starred, the organiser highlighted or the participants voted for. The rest are "other notes".
bool isReportTheme(const ThemeSummary& theme);

// Cosine similarity of two texts as the harvest compares notes (n-gram counts without corpus weights): 1 for the
// same text in NFC and NFD, near 0 for unrelated texts.
double textSimilarity(std::string_view a, std::string_view b);

// The words the harvest sees in a text: NFC, case-folded, particles and endings stripped, stop words dropped.
std::vector<std::string> harvestWords(std::string_view text);

// [SECTION] the organiser's edits, as actions for Engine::apply
// Each takes the session and its current synthesis, and throws ActionRejected for an unknown key or note or a move
// across menus. An automatic theme that is edited is materialised: it becomes a Theme with id
// session.nextThemeId() and every one of its notes is set to it (one Batch, undone as one).

std::string themeKeyOf(ThemeId id);  // "theme:<id>"

Action renameTheme(const Session& session, const Synthesis& synthesis, std::string_view key, std::string name);
Action setThemeSummary(const Session& session, const Synthesis& synthesis, std::string_view key,
                       std::string summary);
// Moves every note of `sources` into `target`; organiser themes among the sources are removed.
Action mergeThemes(const Session& session, const Synthesis& synthesis, std::string_view target,
                   std::span<const std::string> sources);
// Moves `notes` (all in the theme `key`) into a new organiser theme named `name`.
Action splitTheme(const Session& session, const Synthesis& synthesis, std::string_view key,
                  std::span<const NoteId> notes, std::string name);
// Moves a note into the theme `target`; an empty target returns it to automatic grouping.
Action moveNote(const Session& session, const Synthesis& synthesis, NoteId note, std::string_view target);
// Removes an organiser theme; its notes return to automatic grouping.
Action dissolveTheme(const Session& session, const Synthesis& synthesis, std::string_view key);
Action setThemeHighlight(const Session& session, const Synthesis& synthesis, std::string_view key, bool highlighted);
Action setNoteHighlight(const Session& session, NoteId note, bool highlighted);
Action setVotes(const Session& session, NoteId note, int votes);  // votes < 0 is rejected

}  // namespace worldcafe
