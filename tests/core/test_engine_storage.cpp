// The always-saved session (issue 9): a failed open changes nothing, a damaged file gives way to a valid autosave,
// stale temporary files of interrupted saves are cleared, and going back to the last save is explicit, journalled
// and itself recoverable.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <map>

#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"

using namespace worldcafe;
using worldcafe::test::readBytes;
using worldcafe::test::TempDir;
using worldcafe::test::writeBytes;

namespace {

Participant guest(ParticipantId id) {
    Participant p;
    p.id = id;
    p.name = "참가자 " + std::to_string(id);
    return p;
}

Note storedNote(NoteId id, std::string text) {
    Note n;
    n.id = id;
    n.table = 1;
    n.text = std::move(text);
    return n;
}

Session smallStoredSession() {
    Session s;
    s.event.title = "녹색구매 월드카페";
    s.event.language = "ko";
    s.menus.push_back(Menu{1, "녹색구매란?", "우리가 생각하는 녹색구매는?", 0xE69F00});
    s.tables.push_back(Table{1, 1, 6});
    return s;
}

// Every file in the folder with its bytes: what "nothing changed" means.
std::map<std::string, std::string> folderContents(const std::filesystem::path& folder) {
    std::map<std::string, std::string> contents;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file()) contents[entry.path().filename().string()] = readBytes(entry.path());
    return contents;
}

std::vector<std::string> namesStartingWith(const std::filesystem::path& folder, const std::string& prefix) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0) names.push_back(name);
    }
    return names;
}

// A pid that belonged to a process that has exited and been reaped.
pid_t deadPid() {
    pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

// A session whose journal holds three actions that its snapshot does not.
std::filesystem::path sessionWithJournalledWork(const TempDir& dir) {
    auto file = dir / "cafe.wcafe";
    auto engine = Engine::create(file, smallStoredSession());
    for (ParticipantId id = 1; id <= 3; ++id) engine->apply(Put<Participant>{guest(id)});
    return file;
}

}  // namespace

// [SECTION] item 1: a failed open changes nothing

TEST_CASE("engine storage: an open that fails on a newer snapshot keeps the journal byte for byte") {
    TempDir dir;
    auto file = sessionWithJournalledWork(dir);
    auto text = readBytes(file);
    auto at = text.find("\"version\": 1");
    REQUIRE(at != std::string::npos);
    text.replace(at, 12, "\"version\": 7");
    writeBytes(file, text);
    auto before = folderContents(dir.path());
    REQUIRE(before.count("cafe.wcafe.journal") == 1);

    CHECK_THROWS_AS(Engine::open(file), NewerVersionError);
    CHECK(folderContents(dir.path()) == before);

    // What the GUI does with a newer file: a writable open first, then a read-only look.
    CHECK_THROWS_AS(Engine::open(file), NewerVersionError);
    {
        auto viewer = Engine::open(file, OpenOptions{.readOnly = true, .acceptNewerFormat = true});
        CHECK(viewer->session().participants.size() == 3);
    }
    CHECK(folderContents(dir.path()) == before);
}

TEST_CASE("engine storage: an open that fails on a one-character typo keeps the journal byte for byte") {
    TempDir dir;
    auto file = sessionWithJournalledWork(dir);
    auto text = readBytes(file);
    auto at = text.find("\"sequence\":");
    REQUIRE(at != std::string::npos);
    text.erase(at + 10, 1);  // the colon
    writeBytes(file, text);
    auto before = folderContents(dir.path());

    CHECK_THROWS_AS(Engine::open(file), InputError);
    CHECK(folderContents(dir.path()) == before);
    CHECK_THROWS_AS(Engine::open(file, OpenOptions{.readOnly = true}), InputError);
    CHECK(folderContents(dir.path()) == before);

    // Mended by hand, the session opens with all its journalled work.
    writeBytes(file, readBytes(file).insert(at + 10, ":"));
    CHECK(Engine::open(file)->session().participants.size() == 3);
}

// [SECTION] item 3: a damaged file gives way to the newest valid snapshot

TEST_CASE("engine storage: a truncated file with a valid autosave opens from the autosave and keeps the damaged one") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    auto start = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    {
        auto engine = Engine::create(file, smallStoredSession());
        engine->apply(Put<Participant>{guest(1)});
        engine->apply(Put<Participant>{guest(2)});
        engine->save();
        engine->autosaveIfDue(start);
        engine->apply(Put<Participant>{guest(3)});
        engine->apply(Put<Participant>{guest(4)});
        REQUIRE(engine->autosaveIfDue(start + std::chrono::minutes(4)));
        engine->apply(Put<Participant>{guest(5)});
    }
    auto text = readBytes(file);
    std::string damaged = text.substr(0, text.size() / 2);
    writeBytes(file, damaged);
    auto journal = readBytes(journalPathFor(file));
    {
        auto engine = Engine::open(file);
        CHECK(engine->session().participants.size() == 5);
        CHECK(engine->recovery().snapshotUsed == "cafe.wcafe.autosave");
        CHECK(engine->recovery().actionsReplayed == 1);
        REQUIRE_FALSE(engine->recovery().messages.empty());
        const std::string& message = engine->recovery().messages.front();
        CHECK(message.find("cafe.wcafe is damaged") != std::string::npos);
        CHECK(message.find("cafe.wcafe.autosave") != std::string::npos);
        auto kept = namesStartingWith(dir.path(), "cafe.wcafe.damaged-");
        REQUIRE(kept.size() == 1);
        CHECK(message.find(kept[0]) != std::string::npos);
        CHECK(readBytes(dir / kept[0]) == damaged);
        // Untouched until the next Save.
        CHECK(readBytes(file) == damaged);
        CHECK(readBytes(journalPathFor(file)) == journal);
        engine->save();
    }
    auto engine = Engine::open(file);
    CHECK(engine->recovery().snapshotUsed == "cafe.wcafe");
    CHECK(engine->recovery().clean());
    CHECK(engine->session().participants.size() == 5);
}

TEST_CASE("engine storage: a damaged file closed without saving keeps its journal and opens the same way again") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    auto start = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    {
        auto engine = Engine::create(file, smallStoredSession());
        engine->autosaveIfDue(start);
        engine->apply(Put<Participant>{guest(1)});
        REQUIRE(engine->autosaveIfDue(start + std::chrono::minutes(4)));
        engine->apply(Put<Participant>{guest(2)});
    }
    writeBytes(file, readBytes(file).substr(0, 40));
    Engine::open(file)->apply(Put<Participant>{guest(3)});
    auto engine = Engine::open(file);
    CHECK(engine->session().participants.size() == 3);
    // The same damaged bytes are kept once, however often the session is opened.
    CHECK(namesStartingWith(dir.path(), "cafe.wcafe.damaged-").size() == 1);
}

TEST_CASE("engine storage: a damaged file with no valid snapshot beside it fails clearly and changes nothing") {
    TempDir dir;
    auto file = sessionWithJournalledWork(dir);
    writeBytes(file, readBytes(file).substr(0, 100));
    SUBCASE("no autosave") {}
    SUBCASE("a damaged autosave") { writeBytes(autosavePathFor(file), "{\"format\": \"worldcafe-session\", "); }
    auto before = folderContents(dir.path());
    try {
        Engine::open(file);
        FAIL("the open succeeded");
    } catch (const InputError& error) {
        CHECK(error.file == file);
        CHECK(error.line > 0);
    }
    CHECK(folderContents(dir.path()) == before);
}

// [SECTION] item 7: stale temporary files

TEST_CASE("engine storage: opening for writing removes temporary files of interrupted saves whose process is gone") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    Engine::create(file, smallStoredSession()).reset();
    std::string dead = std::to_string(deadPid());
    std::string alive = std::to_string(::getppid());
    std::vector<std::string> stale = {"cafe.wcafe.tmp-" + dead + "-12345", "cafe.wcafe.autosave.tmp-" + dead + "-7",
                                      "cafe.wcafe.journal.tmp-" + dead + "-4294967295"};
    std::vector<std::string> kept = {"cafe.wcafe.tmp-" + alive + "-1",      // its writer may still be running
                                     "other.wcafe.tmp-" + dead + "-1",      // another session's
                                     "cafe.wcafe.tmp-" + dead + "-1.bak",   // not our pattern
                                     "cafe.wcafe.tmp-" + dead + "-",        // not our pattern
                                     "cafe.wcafe.notes.tmp-" + dead + "-3", // not a file we write
                                     "xcafe.wcafe.tmp-" + dead + "-3"};
    for (const auto& name : stale) writeBytes(dir / name, "half a save");
    for (const auto& name : kept) writeBytes(dir / name, "keep me");

    Engine::open(file, OpenOptions{.readOnly = true}).reset();
    for (const auto& name : stale) CHECK(std::filesystem::exists(dir / name));

    Engine::open(file).reset();
    for (const auto& name : stale) CHECK_FALSE(std::filesystem::exists(dir / name));
    for (const auto& name : kept) CHECK(readBytes(dir / name) == "keep me");
}

TEST_CASE("engine storage: a folder holding a temporary file's name is left alone") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    Engine::create(file, smallStoredSession()).reset();
    auto folder = dir / ("cafe.wcafe.tmp-" + std::to_string(deadPid()) + "-1");
    std::filesystem::create_directory(folder);
    writeBytes(folder / "inside", "keep me");
    Engine::open(file).reset();
    CHECK(readBytes(folder / "inside") == "keep me");
}

// [SECTION] item 2: the always-saved session

TEST_CASE("engine storage: Save As leaves every acknowledged action of the old file in place") {
    TempDir dir;
    auto oldFile = dir / "old.wcafe";
    auto newFile = dir / "new.wcafe";
    {
        auto engine = Engine::create(oldFile, smallStoredSession());
        engine->apply(Put<Participant>{guest(1)});
        engine->saveAs(newFile);
        engine->apply(Put<Participant>{guest(2)});
    }
    CHECK(Engine::open(oldFile)->session().participants.size() == 1);
    CHECK(Engine::open(newFile)->session().participants.size() == 2);
}

TEST_CASE("engine storage: closing never discards: journalled work after a crash survives another edit and a close") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    {
        auto engine = Engine::create(file, smallStoredSession());
        engine->save();
    }
    // The crash: a host's note and the running timer, journalled, never saved.
    pid_t child = ::fork();
    if (child == 0) {
        auto engine = Engine::open(file);
        engine->apply(Put<Note>{storedNote(1, "공공기관 구매 기준")});
        engine->apply(AppendTimeline{TimelineEntry{TimelineKind::Start, 1000, 0}});
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    {
        auto engine = Engine::open(file);
        CHECK(engine->recovery().actionsReplayed == 2);
        engine->apply(Put<Participant>{guest(1)});
    }
    auto engine = Engine::open(file);
    CHECK(engine->session().notes.size() == 1);
    CHECK(engine->session().timeline.size() == 1);
    CHECK(engine->session().participants.size() == 1);
}

TEST_CASE("engine storage: revert says what it undoes, keeps it, is undoable, and Recover brings it back") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    auto engine = Engine::create(file, smallStoredSession());
    engine->apply(Put<Participant>{guest(1)});
    CHECK(engine->canRevert());
    engine->save();
    CHECK_FALSE(engine->canRevert());
    CHECK(engine->changesSinceSave().empty());
    Session saved = engine->session();

    engine->apply(Put<Note>{storedNote(1, "첫 메모")});
    engine->apply(Put<Note>{storedNote(2, "둘째 메모")});
    engine->apply(Put<Note>{storedNote(2, "둘째 메모, 고침")});  // the same note again
    engine->apply(Put<Note>{storedNote(3, "셋째 메모")});
    engine->apply(AppendTimeline{TimelineEntry{TimelineKind::Start, 1000, 0}});
    engine->apply(AppendTimeline{TimelineEntry{TimelineKind::Pause, 2000, 0}});
    Session before = engine->session();

    REQUIRE(engine->canRevert());
    ChangeSummary changes = engine->changesSinceSave();
    CHECK(changes.actions == 6);
    CHECK(changes.count(ChangeSummary::Kind::Notes) == 3);
    CHECK(changes.count(ChangeSummary::Kind::Timer) == 2);
    CHECK(changes.count(ChangeSummary::Kind::Participants) == 0);
    // The time is the save's: NAME.wcafe's modification time.
    struct stat status {};
    REQUIRE(::stat(file.c_str(), &status) == 0);
    CHECK(changes.savedAt == static_cast<std::int64_t>(status.st_mtime));
    char clock[8];
    std::time_t savedAt = status.st_mtime;
    std::strftime(clock, sizeof clock, "%H:%M", std::localtime(&savedAt));
    CHECK(changes.text() == std::string("3 notes, 2 timer changes since ") + clock);

    auto kept = engine->revertToLastSave();
    REQUIRE_FALSE(kept.empty());
    CHECK(kept.filename().string().rfind("cafe.wcafe.reverted-", 0) == 0);
    CHECK(engine->session() == saved);
    CHECK(engine->undoLabel() == "revert to last save");
    auto states = Engine::keptStates(file);
    REQUIRE(states.size() == 1);
    CHECK(states[0].file == kept);

    // Undo and redo stay.
    engine->undo();
    CHECK(engine->session() == before);
    engine->redo();
    CHECK(engine->session() == saved);

    // Journalled: a reopen (or a crash) keeps the revert.
    engine.reset();
    engine = Engine::open(file);
    CHECK(engine->session() == saved);
    CHECK(engine->changesSinceSave().count(ChangeSummary::Kind::Notes) == 3);

    auto keptAgain = engine->recover(kept);
    CHECK(engine->session() == before);
    CHECK(std::filesystem::exists(kept));  // Recover never deletes what it brought back
    CHECK_FALSE(keptAgain.empty());        // and the state it replaced is kept in turn
    CHECK(Engine::keptStates(file).size() == 2);
    engine.reset();
    CHECK(Engine::open(file)->session() == before);
}

TEST_CASE("engine storage: a revert right before a crash loses nothing") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    {
        auto engine = Engine::create(file, smallStoredSession());
        engine->apply(Put<Note>{storedNote(1, "메모")});
    }
    pid_t child = ::fork();
    if (child == 0) {
        auto engine = Engine::open(file);
        bool reverted = !engine->revertToLastSave().empty();
        ::_exit(reverted ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    auto engine = Engine::open(file);
    CHECK(engine->session().notes.empty());
    auto states = Engine::keptStates(file);
    REQUIRE(states.size() == 1);
    engine->recover(states[0].file);
    CHECK(engine->session().notes.size() == 1);
}

TEST_CASE("engine storage: revert restores order, plan, timeline and settings exactly") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    auto engine = Engine::create(file, smallStoredSession());
    for (ParticipantId id = 1; id <= 4; ++id) engine->apply(Put<Participant>{guest(id)});
    engine->apply(SetPlan{{RoundPlan{1, {Seat{1, 1}, Seat{2, 1}}, false}}});
    engine->apply(AppendTimeline{TimelineEntry{TimelineKind::Start, 1000, 0}});
    engine->save();
    Session saved = engine->session();
    engine->apply(Remove<Participant>{2});
    engine->apply(Put<Participant>{guest(9)});
    engine->apply(SetPlan{});
    engine->apply(PopTimeline{});
    engine->apply(AppendTimeline{TimelineEntry{TimelineKind::Skip, 5000, 0}});
    Event event = saved.event;
    event.title = "Changed";
    engine->apply(SetEvent{event});
    engine->apply(SetRoundSettings{RoundSettings{5, 10, 2, 5}});
    engine->apply(Put<Menu>{Menu{2, "Two", "?", 0}});
    engine->apply(Remove<Table>{1});
    CHECK(engine->changesSinceSave().text().rfind("1 event change, 1 round settings change, 1 menu, 1 table, "
                                                  "2 participants, 1 plan change, 2 timer changes since ",
                                                  0) == 0);
    engine->revertToLastSave();
    CHECK(engine->session() == saved);
    engine.reset();
    CHECK(Engine::open(file)->session() == saved);
}

TEST_CASE("engine storage: recover refuses another session's file and changes nothing") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    auto other = dir / "other.wcafe";
    Engine::create(other, smallStoredSession()).reset();
    auto engine = Engine::create(file, smallStoredSession());
    engine->apply(Put<Participant>{guest(1)});
    auto revision = engine->revision();
    CHECK_THROWS_AS(engine->recover(other), InputError);
    CHECK(engine->revision() == revision);
    CHECK(Engine::keptStates(file).empty());
}
