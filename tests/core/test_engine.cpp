#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"

using namespace worldcafe;
using worldcafe::test::readBytes;
using worldcafe::test::TempDir;
using worldcafe::test::writeBytes;

namespace {

Participant person(ParticipantId id, std::string name = "", std::string affiliation = "수원시") {
    Participant p;
    p.id = id;
    p.name = name.empty() ? "참가자 " + std::to_string(id) : std::move(name);
    p.affiliation = std::move(affiliation);
    return p;
}

Session smallSession() {
    Session s;
    s.event.title = "녹색구매 월드카페";
    s.event.language = "ko";
    s.menus.push_back(Menu{1, "녹색구매란?", "우리가 생각하는 녹색구매는?", 0xE69F00});
    s.tables.push_back(Table{1, 1, 6});
    return s;
}

// Applies `count` participants and returns the journal size before the last one.
std::uintmax_t applyParticipants(Engine& engine, int count) {
    std::uintmax_t before = 0;
    for (int i = 1; i <= count; ++i) {
        before = std::filesystem::file_size(journalPathFor(engine.file()));
        engine.apply(Put<Participant>{person(i)});
    }
    return before;
}

void copySessionFiles(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::filesystem::copy_file(from, to);
    std::filesystem::copy_file(journalPathFor(from), journalPathFor(to));
}

}  // namespace

TEST_CASE("engine: actions survive a reopen without saving, and Save folds them into the file") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    {
        auto engine = Engine::create(file, smallSession());
        applyParticipants(*engine, 3);
        CHECK(engine->hasUnsavedChanges());
    }
    {
        auto engine = Engine::open(file);
        CHECK(engine->session().participants.size() == 3);
        CHECK(engine->recovery().actionsReplayed == 3);
        CHECK(engine->recovery().clean());
        engine->save();
        CHECK_FALSE(engine->hasUnsavedChanges());
    }
    auto engine = Engine::open(file);
    CHECK(engine->session().participants.size() == 3);
    CHECK(engine->recovery().actionsReplayed == 0);
    CHECK(engine->session().event.title == "녹색구매 월드카페");
}

TEST_CASE("engine: undo and redo are journalled like any change") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    {
        auto engine = Engine::create(file, smallSession());
        engine->apply(Put<Participant>{person(1, "김민수")});
        engine->apply(Put<Participant>{person(2, "이영희")});
        CHECK(engine->undoLabel() == "put participant 2");
        engine->undo();
        CHECK(engine->session().participants.size() == 1);
        CHECK(engine->canRedo());
        engine->redo();
        CHECK(engine->session().participants.size() == 2);
        engine->undo();
        engine->undo();
        CHECK(engine->session().participants.empty());
        CHECK_FALSE(engine->canUndo());
        engine->redo();
        CHECK(engine->session().participants.at(0).name == "김민수");
        // A new change forgets what could be redone.
        engine->apply(Put<Participant>{person(3, "박철수")});
        CHECK_FALSE(engine->canRedo());
    }
    auto engine = Engine::open(file);
    REQUIRE(engine->session().participants.size() == 2);
    CHECK(engine->session().participants[0].name == "김민수");
    CHECK(engine->session().participants[1].name == "박철수");
}

TEST_CASE("engine: a rejected action changes nothing and is not journalled") {
    TempDir dir;
    auto engine = Engine::create(dir / "cafe.wcafe", smallSession());
    auto journalBefore = readBytes(journalPathFor(engine->file()));
    CHECK_THROWS_AS(engine->apply(Remove<Participant>{42}), ActionRejected);
    CHECK(readBytes(journalPathFor(engine->file())) == journalBefore);
    CHECK_FALSE(engine->canUndo());
    CHECK_FALSE(engine->hasUnsavedChanges());
}

TEST_CASE("engine: a journal cut at every byte of its last record loses only that record") {
    TempDir dir;
    auto original = dir / "original.wcafe";
    std::uintmax_t lastRecordStart = 0;
    {
        auto engine = Engine::create(original, smallSession());
        lastRecordStart = applyParticipants(*engine, 4);
    }
    auto fullJournal = readBytes(journalPathFor(original));
    REQUIRE(lastRecordStart < fullJournal.size());
    for (std::size_t cut = lastRecordStart; cut < fullJournal.size(); ++cut) {
        CAPTURE(cut);
        TempDir caseDir;
        auto file = caseDir / "cafe.wcafe";
        copySessionFiles(original, file);
        writeBytes(journalPathFor(file), fullJournal.substr(0, cut));
        {
            auto engine = Engine::open(file);
            CHECK(engine->session().participants.size() == 3);
            CHECK(engine->recovery().actionsReplayed == 3);
            CHECK(engine->recovery().bytesSetAside == cut - lastRecordStart);
            if (cut > lastRecordStart) {
                CHECK(engine->recovery().messages.at(0).find("partly written") != std::string::npos);
                CHECK(readBytes(engine->recovery().setAsidePath) == fullJournal.substr(lastRecordStart, cut - lastRecordStart));
            }
            // The repaired journal takes new records cleanly.
            engine->apply(Put<Participant>{person(10)});
        }
        auto reopened = Engine::open(file);
        CHECK(reopened->recovery().clean());
        CHECK(reopened->session().participants.size() == 4);
    }
}

TEST_CASE("engine: a flipped bit in the middle of the journal is detected and reported") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    std::vector<std::uintmax_t> recordStarts;
    {
        auto engine = Engine::create(file, smallSession());
        for (int i = 1; i <= 5; ++i) {
            recordStarts.push_back(std::filesystem::file_size(journalPathFor(file)));
            engine->apply(Put<Participant>{person(i)});
        }
    }
    auto journal = readBytes(journalPathFor(file));
    // Flip one bit inside the third record's action text.
    std::size_t target = recordStarts[2] + 40;
    journal[target] = static_cast<char>(journal[target] ^ 0x04);
    writeBytes(journalPathFor(file), journal);

    auto sessionBefore = readBytes(file);
    {
        auto checked = Engine::open(file, OpenOptions{.readOnly = true});
        CHECK(checked->session().participants.size() == 2);
        CHECK(checked->recovery().bytesSetAside == journal.size() - recordStarts[2]);
        CHECK(checked->recovery().setAsidePath.empty());
        CHECK(readBytes(journalPathFor(file)) == journal);  // read-only looks, never repairs
    }
    auto engine = Engine::open(file);
    const RecoveryReport& report = engine->recovery();
    CHECK(engine->session().participants.size() == 2);
    REQUIRE(report.messages.size() == 1);
    CHECK(report.messages[0].find("record 3") != std::string::npos);
    CHECK(report.messages[0].find("checksum mismatch") != std::string::npos);
    CHECK(report.messages[0].find("2 actions recovered") != std::string::npos);
    CHECK(readBytes(report.setAsidePath) == journal.substr(recordStarts[2]));
    CHECK(readBytes(file) == sessionBefore);
}

TEST_CASE("engine: an action acknowledged before SIGKILL is never lost") {
    std::mt19937 random(20261124);
    for (int attempt = 0; attempt < 40; ++attempt) {
        CAPTURE(attempt);
        TempDir dir;
        auto file = dir / "cafe.wcafe";
        Engine::create(file, smallSession()).reset();
        int ackPipe[2];
        REQUIRE(::pipe(ackPipe) == 0);
        pid_t child = ::fork();
        if (child == 0) {
            ::close(ackPipe[0]);
            try {
                auto engine = Engine::open(file);
                for (int id = 1;; ++id) {
                    engine->apply(Put<Participant>{person(id)});
                    if (::write(ackPipe[1], &id, sizeof id) != sizeof id) ::_exit(3);
                }
            } catch (...) {
                ::_exit(4);
            }
        }
        ::close(ackPipe[1]);
        int target = 1 + static_cast<int>(random() % 40);
        int acknowledged = 0;
        int id = 0;
        while (acknowledged < target && ::read(ackPipe[0], &id, sizeof id) == sizeof id) acknowledged = id;
        std::this_thread::sleep_for(std::chrono::microseconds(random() % 3000));
        ::kill(child, SIGKILL);
        // Acknowledgements that were in flight when the kill landed count too.
        while (::read(ackPipe[0], &id, sizeof id) == sizeof id) acknowledged = id;
        ::close(ackPipe[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        REQUIRE(WIFSIGNALED(status));

        auto engine = Engine::open(file);  // the kill freed the lock
        const auto& participants = engine->session().participants;
        REQUIRE(static_cast<int>(participants.size()) >= acknowledged);
        for (int expected = 1; expected <= acknowledged; ++expected)
            CHECK(engine->session().findParticipant(expected) != nullptr);
    }
}

TEST_CASE("engine: a second writer is refused and told who holds the session") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    auto first = Engine::create(file, smallSession());
    try {
        Engine::open(file);
        FAIL("a second writer opened the session");
    } catch (const SessionLockedError& locked) {
        CHECK(locked.pid == ::getpid());
        CHECK(std::string(locked.what()).find("in use by process " + std::to_string(::getpid())) != std::string::npos);
    }
    auto viewer = Engine::open(file, OpenOptions{.readOnly = true});
    CHECK(viewer->readOnly());
    CHECK_THROWS_AS(viewer->apply(Put<Participant>{person(1)}), ReadOnlyError);
    first.reset();
    CHECK_NOTHROW(Engine::open(file));
}

TEST_CASE("engine: a killed holder frees the lock") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    Engine::create(file, smallSession()).reset();
    int readyPipe[2];
    REQUIRE(::pipe(readyPipe) == 0);
    pid_t child = ::fork();
    if (child == 0) {
        auto engine = Engine::open(file);
        char ready = 1;
        if (::write(readyPipe[1], &ready, 1) != 1) ::_exit(3);
        ::pause();
        ::_exit(0);
    }
    char ready = 0;
    REQUIRE(::read(readyPipe[0], &ready, 1) == 1);
    CHECK_THROWS_AS(Engine::open(file), SessionLockedError);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    CHECK_NOTHROW(Engine::open(file));
    ::close(readyPipe[0]);
    ::close(readyPipe[1]);
}

TEST_CASE("engine: a full disk fails the save and keeps the old file") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    Engine::create(file, smallSession()).reset();
    auto savedBytes = readBytes(file);
    pid_t child = ::fork();
    if (child == 0) {
        // RLIMIT_FSIZE makes writes past the limit fail with EFBIG, as a full disk fails them with ENOSPC.
        ::signal(SIGXFSZ, SIG_IGN);
        try {
            auto engine = Engine::open(file);
            Participant big = person(1);
            big.affiliation = std::string(20000, 'x');
            engine->apply(Put<Participant>{big});
            rlimit limit{8192, 8192};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            try {
                engine->save();
                ::_exit(10);  // the save claimed success
            } catch (const StorageError&) {
            }
            try {
                Participant another = big;
                another.id = 2;
                engine->apply(Put<Participant>{another});
                ::_exit(11);
            } catch (const StorageError&) {
                if (engine->session().participants.size() != 1) ::_exit(12);  // the failed change was rolled back
            }
            ::_exit(0);
        } catch (...) {
            ::_exit(13);
        }
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(readBytes(file) == savedBytes);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
    // The change that was acknowledged before the disk filled is still in the journal.
    auto engine = Engine::open(file);
    CHECK(engine->session().participants.size() == 1);
}

TEST_CASE("engine: a file from a newer worldcafe is never opened for writing") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    Engine::create(file, smallSession()).reset();
    auto text = readBytes(file);
    auto at = text.find("\"version\": 1");
    REQUIRE(at != std::string::npos);
    text.replace(at, 12, "\"version\": 7");
    writeBytes(file, text);
    CHECK_THROWS_AS(Engine::open(file), NewerVersionError);
    CHECK_THROWS_AS(Engine::open(file, OpenOptions{.readOnly = true}), NewerVersionError);
    auto viewer = Engine::open(file, OpenOptions{.readOnly = true, .acceptNewerFormat = true});
    CHECK(viewer->session().event.title == "녹색구매 월드카페");
    CHECK(viewer->recovery().messages.at(0).find("newer worldcafe") != std::string::npos);
    CHECK_THROWS_AS(viewer->save(), ReadOnlyError);
    CHECK(readBytes(file) == text);
}

TEST_CASE("engine: the newer of file and autosave is used, and Save retires the autosave") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    auto start = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    {
        auto engine = Engine::create(file, smallSession());
        CHECK_FALSE(engine->autosaveIfDue(start));
        applyParticipants(*engine, 2);
        CHECK_FALSE(engine->autosaveIfDue(start + std::chrono::seconds(10)));
        CHECK(engine->autosaveIfDue(start + std::chrono::minutes(4)));
        CHECK(std::filesystem::exists(autosavePathFor(file)));
    }
    // Without the journal, the autosave alone still brings back both changes.
    std::filesystem::remove(journalPathFor(file));
    {
        auto engine = Engine::open(file);
        CHECK(engine->recovery().snapshotUsed == "cafe.wcafe.autosave");
        CHECK(engine->session().participants.size() == 2);
        CHECK(engine->hasUnsavedChanges());
        engine->save();
        CHECK_FALSE(std::filesystem::exists(autosavePathFor(file)));
    }
    CHECK(Engine::open(file)->session().participants.size() == 2);
}

TEST_CASE("engine: Save As continues in the new file and leaves the old one as it was") {
    TempDir dir;
    auto oldFile = dir / "old.wcafe";
    auto newFile = dir / "new.wcafe";
    {
        auto engine = Engine::create(oldFile, smallSession());
        engine->apply(Put<Participant>{person(1)});
        engine->saveAs(newFile);
        CHECK(engine->file() == newFile);
        engine->apply(Put<Participant>{person(2)});
        CHECK_NOTHROW(Engine::open(oldFile));  // the old file's lock was released
    }
    CHECK(Engine::open(oldFile)->session().participants.size() == 1);
    CHECK(Engine::open(newFile)->session().participants.size() == 2);
}

TEST_CASE("engine: a journal that belongs to another session is set aside, not replayed") {
    TempDir dir;
    auto first = dir / "first.wcafe";
    auto second = dir / "second.wcafe";
    {
        auto engine = Engine::create(first, smallSession());
        applyParticipants(*engine, 2);
    }
    Engine::create(second, smallSession()).reset();
    std::filesystem::copy_file(journalPathFor(first), journalPathFor(second),
                               std::filesystem::copy_options::overwrite_existing);
    auto engine = Engine::open(second);
    CHECK(engine->session().participants.empty());
    REQUIRE(engine->recovery().messages.size() == 1);
    CHECK(engine->recovery().messages[0].find("another session") != std::string::npos);
    CHECK(std::filesystem::exists(engine->recovery().setAsidePath));
}

TEST_CASE("engine: create refuses to overwrite an existing file") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    writeBytes(file, "precious");
    CHECK_THROWS_AS(Engine::create(file, smallSession()), StorageError);
    CHECK(readBytes(file) == "precious");
}

TEST_CASE("engine: two damaged tails set aside within one second are both kept") {
    TempDir dir;
    auto file = dir / "cafe.wcafe";
    { Engine::create(file, smallSession()); }
    std::vector<std::filesystem::path> setAside;
    for (int damage = 0; damage < 2; ++damage) {
        {
            auto engine = Engine::open(file);
            engine->apply(Put<Participant>{person(10 + damage)});
        }
        // A torn record after the good one: its length promises more bytes than the file holds.
        auto journal = readBytes(journalPathFor(file));
        journal += std::string("\x40\x00\x00\x00garbage-", 12) + std::to_string(damage);
        writeBytes(journalPathFor(file), journal);
        auto engine = Engine::open(file);
        REQUIRE_FALSE(engine->recovery().setAsidePath.empty());
        setAside.push_back(engine->recovery().setAsidePath);
    }
    REQUIRE(setAside.size() == 2);
    CHECK(setAside[0] != setAside[1]);
    CHECK(readBytes(setAside[0]).find("garbage-0") != std::string::npos);
    CHECK(readBytes(setAside[1]).find("garbage-1") != std::string::npos);
}
