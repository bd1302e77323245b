// Dot votes from the phones (issue 13): a Vote per (phone, dot), cast and moved by castVote, counted on the theme
// it names or on the theme that now holds its notes, undone like any action, kept in the session file.
#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>

#include "session_format.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/harvest.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/report.hpp"

using namespace worldcafe;

namespace {

const std::filesystem::path kSample =
    std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions" / "green-procurement-2019.wcafe";

Session sample() { return parseSnapshot(test::readBytes(kSample), kSample).session; }

const ThemeSummary& firstTheme(const Synthesis& synthesis, int skip = 0) {
    for (const MenuHarvest& menu : synthesis.menus)
        for (const ThemeSummary& theme : menu.themes)
            if (theme.noteCount() >= 2 && skip-- == 0) return theme;
    FAIL("the sample has no theme of two notes");
    throw 0;
}

Session openVoting(Session session, int dots = 3) {
    applyAction(session, SetVoting{{true, dots}});
    return session;
}

}  // namespace

TEST_CASE("votes: a dot is counted once on its theme; a retry changes nothing, a move replaces it") {
    Session session = openVoting(sample());
    Synthesis synthesis = synthesize(session);
    const ThemeSummary a = firstTheme(synthesis, 0);
    const ThemeSummary b = firstTheme(synthesis, 1);
    applyAction(session, castVote(session, synthesis, "phone-aaaa", 0, a.menu, a.key, 1000));
    Synthesis after = synthesize(session);
    CHECK(session.votes.size() == 1);
    CHECK(after.findTheme(a.key)->phoneVotes == 1);
    CHECK(after.findTheme(a.key)->votes == a.votes + 1);
    CHECK(after.phoneVotes == 1);

    Action retry = castVote(session, after, "phone-aaaa", 0, a.menu, a.key, 2000);
    REQUIRE(std::holds_alternative<Batch>(retry.value));
    CHECK(std::get<Batch>(retry.value).actions.empty());

    applyAction(session, castVote(session, after, "phone-aaaa", 0, b.menu, b.key, 3000));
    Synthesis moved = synthesize(session);
    CHECK(session.votes.size() == 1);
    CHECK(moved.findTheme(a.key)->phoneVotes == 0);
    CHECK(moved.findTheme(b.key)->phoneVotes == 1);

    applyAction(session, withdrawVote(session, "phone-aaaa", 0));
    CHECK(session.votes.empty());
    CHECK(std::get<Batch>(withdrawVote(session, "phone-aaaa", 0).value).actions.empty());
}

TEST_CASE("votes: closed voting, dots out of range and unknown themes are refused") {
    Session session = sample();
    Synthesis synthesis = synthesize(session);
    const ThemeSummary a = firstTheme(synthesis);
    CHECK_THROWS_AS(castVote(session, synthesis, "phone-aaaa", 0, a.menu, a.key, 0), ActionRejected);
    session = openVoting(session, 2);
    CHECK_THROWS_AS(castVote(session, synthesis, "phone-aaaa", 2, a.menu, a.key, 0), ActionRejected);
    CHECK_THROWS_AS(castVote(session, synthesis, "phone-aaaa", -1, a.menu, a.key, 0), ActionRejected);
    CHECK_THROWS_AS(castVote(session, synthesis, "phone-aaaa", 0, a.menu, "tag:no such theme", 0), ActionRejected);
    CHECK_THROWS_AS(applyAction(session, SetVoting{{true, 0}}), ActionRejected);
    // A second vote with another id for the same phone and dot would count the dot twice.
    applyAction(session, castVote(session, synthesis, "phone-aaaa", 0, a.menu, a.key, 0));
    Vote twin = session.votes.front();
    twin.id = 99;
    CHECK_THROWS_AS(applyAction(session, Put<Vote>{twin}), ActionRejected);
}

TEST_CASE("votes: a dot follows its notes when the theme is renamed, and is kept when the theme is gone") {
    Session session = openVoting(sample());
    Synthesis synthesis = synthesize(session);
    // An automatic theme: renaming it materialises an organiser theme with a new key.
    const ThemeSummary* automatic = nullptr;
    for (const MenuHarvest& menu : synthesis.menus)
        for (const ThemeSummary& theme : menu.themes)
            if (!automatic && theme.automatic() && theme.noteCount() >= 2) automatic = &theme;
    REQUIRE(automatic != nullptr);
    const ThemeSummary theme = *automatic;
    applyAction(session, castVote(session, synthesis, "phone-aaaa", 0, theme.menu, theme.key, 0));
    applyAction(session, renameTheme(session, synthesis, theme.key, "새 이름"));
    Synthesis renamed = synthesize(session);
    CHECK(renamed.findTheme(theme.key) == nullptr);
    const ThemeSummary* now = themeOfVote(renamed, session.votes.front());
    REQUIRE(now != nullptr);
    CHECK(now->name == "새 이름");
    CHECK(now->phoneVotes == 1);

    // Every note of the theme removed: the dot is still counted, as "theme no longer exists".
    Session emptied = session;
    for (NoteId note : theme.notes) applyAction(emptied, Remove<Note>{note});
    Synthesis gone = synthesize(emptied);
    CHECK(themeOfVote(gone, emptied.votes.front()) == nullptr);
    CHECK(gone.phoneVotes == 1);
    CHECK(gone.findMenu(theme.menu)->lostVotes == 1);
}

TEST_CASE("votes: undo takes a vote back and redo puts it again, through the journal") {
    test::TempDir dir;
    auto engine = Engine::create(dir / "cafe.wcafe", openVoting(sample()));
    Synthesis synthesis = synthesize(engine->session());
    const ThemeSummary a = firstTheme(synthesis);
    const ThemeSummary b = firstTheme(synthesis, 1);
    engine->apply(castVote(engine->session(), synthesis, "phone-aaaa", 0, a.menu, a.key, 1));
    engine->apply(castVote(engine->session(), synthesize(engine->session()), "phone-aaaa", 0, b.menu, b.key, 2));
    CHECK(engine->session().votes.front().theme == b.key);
    engine->undo();
    REQUIRE(engine->session().votes.size() == 1);
    CHECK(engine->session().votes.front().theme == a.key);
    engine->undo();
    CHECK(engine->session().votes.empty());
    engine->redo();
    CHECK(engine->session().votes.size() == 1);
    // Journalled: a reader of the files sees the vote and the open switch without a save.
    auto fromDisk = Engine::open(dir / "cafe.wcafe", OpenOptions{.readOnly = true});
    REQUIRE(fromDisk->session().votes.size() == 1);
    CHECK(fromDisk->session().votes.front() == engine->session().votes.front());
    CHECK(fromDisk->session().voting == Voting{true, 3});
}

TEST_CASE("votes: round trip through the file; files written before votes load with none and voting closed") {
    // A file as written before votes: the session at class version 2, without "votes" and "voting".
    Session voted = openVoting(sample(), 4);
    voted.votes.push_back(Vote{1, "phone-aaaa", 0, 1, "tag:x", {1}, 0});
    std::string text = formatSnapshot(voted, 2);
    const std::string current = "\"session\": {\n    \"cereal_class_version\": 3,";
    REQUIRE(text.find(current) != std::string::npos);
    text.replace(text.find(current), current.size(), "\"session\": {\n    \"cereal_class_version\": 2,");
    const auto votes = text.find(",\n    \"votes\": [");
    REQUIRE(votes != std::string::npos);
    text = text.substr(0, votes) + "\n  }\n}\n";
    const Session old = parseSnapshot(text, "old.wcafe").session;
    CHECK(old.votes.empty());
    CHECK_FALSE(old.voting.open);
    CHECK(old.voting.dots == 3);
    CHECK(old.notes == voted.notes);

    Session session = openVoting(old, 5);
    Synthesis synthesis = synthesize(session);
    const ThemeSummary a = firstTheme(synthesis);
    applyAction(session, castVote(session, synthesis, "phone-한글-not-valid-but-kept", 4, a.menu, a.key, 77));
    Session loaded = parseSnapshot(formatSnapshot(session, 3), "mem.wcafe").session;
    CHECK(loaded == session);
    Action action = castVote(loaded, synthesis, "phone-bbbb", 1, a.menu, a.key, 5);
    CHECK(parseActionJson(formatActionJson(action), "a.json") == action);
    CHECK(parseActionJson(formatActionJson(SetVoting{{true, 4}}), "a.json") == Action{SetVoting{{true, 4}}});
}

TEST_CASE("votes: the cache groups the notes again only when they change, not for a vote") {
    Session session = openVoting(sample());
    HarvestCache cache;
    std::uint64_t revision = 1;
    const ThemeSummary a = firstTheme(cache.synthesis(session, revision));
    CHECK(cache.groupings() == 1);
    CHECK(&cache.synthesis(session, revision) == &cache.synthesis(session, revision));
    applyAction(session, castVote(session, cache.synthesis(session, revision), "phone-aaaa", 0, a.menu, a.key, 0));
    const Synthesis& voted = cache.synthesis(session, ++revision);
    CHECK(cache.groupings() == 1);
    CHECK(voted.findTheme(a.key)->phoneVotes == 1);
    CHECK(voted.findTheme(a.key)->votes == synthesize(session).findTheme(a.key)->votes);
    Note note = session.notes.front();
    note.text += " (edited)";
    applyAction(session, Put<Note>{note});
    cache.synthesis(session, ++revision);
    CHECK(cache.groupings() == 2);
}

TEST_CASE("votes: every report carries the phones' tallies per theme") {
    Session session = openVoting(sample());
    Synthesis synthesis = synthesize(session);
    const ThemeSummary a = firstTheme(synthesis);
    for (int dot = 0; dot < 3; ++dot)
        applyAction(session, castVote(session, synthesis, "phone-aaaa", dot, a.menu, a.key, 0));
    applyAction(session, castVote(session, synthesis, "phone-bbbb", 0, a.menu, a.key, 0));
    synthesis = synthesize(session);
    const int total = synthesis.findTheme(a.key)->votes;
    CHECK(total == a.votes + 4);
    std::string json = exportJson(session, synthesis);
    CHECK(json.find("\"phone_votes\": 4") != std::string::npos);
    CHECK(json.find("\"votes\": " + std::to_string(total)) != std::string::npos);
    CHECK(json.find("\"voters\": 2") != std::string::npos);
    // The sample is Korean: "투표 N" is the votes label, and the two phones that voted follow it.
    const std::string label = "투표 " + std::to_string(total) + " (휴대폰 2대)";
    CHECK(exportMarkdown(session, synthesis).find(label) != std::string::npos);
    CHECK(exportHtml(session, synthesis).find(label) != std::string::npos);
    const std::string csv = exportCsv(session, synthesis);
    const auto rows = parseCsv(csv.substr(3), "export.csv");
    CHECK(rows[0].back() == "주제 투표");
    int rowsOfTheme = 0;
    for (const auto& row : rows)
        if (std::find(a.notes.begin(), a.notes.end(), std::atoll(row[0].c_str())) != a.notes.end()) {
            ++rowsOfTheme;
            CHECK(row.back() == std::to_string(total));
        }
    CHECK(rowsOfTheme == a.noteCount());

}

TEST_CASE("votes: each theme counts the phones that voted for it as well as their dots") {
    Session session = openVoting(sample());
    const Synthesis before = synthesize(session);
    const ThemeSummary a = firstTheme(before, 0);
    const ThemeSummary b = firstTheme(before, 1);
    CHECK(a.voters == 0);
    for (auto [voter, dot, theme] : {std::tuple{"phone-aaaa", 0, &a}, std::tuple{"phone-aaaa", 1, &a},
                                     std::tuple{"phone-bbbb", 0, &a}, std::tuple{"phone-bbbb", 1, &b}})
        applyAction(session, castVote(session, synthesize(session), voter, dot, theme->menu, theme->key, 1000));
    HarvestCache cache;
    for (const Synthesis& after : {synthesize(session), cache.synthesis(session, 1)}) {
        CHECK(after.findTheme(a.key)->phoneVotes == 3);
        CHECK(after.findTheme(a.key)->voters == 2);
        CHECK(after.findTheme(b.key)->phoneVotes == 1);
        CHECK(after.findTheme(b.key)->voters == 1);
    }
    // A phone takes both its dots off `a`: one phone left there.
    applyAction(session, withdrawVote(session, "phone-aaaa", 0));
    applyAction(session, withdrawVote(session, "phone-aaaa", 1));
    CHECK(cache.synthesis(session, 2).findTheme(a.key)->voters == 1);
    CHECK(cache.groupings() == 1);  // only the dots were counted again
}
