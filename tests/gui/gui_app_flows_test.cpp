// The App's file flows, headless (HeadlessPlatform, no window): a file from a newer worldcafe opens read-only and
// is never written, a session another process is editing says who holds it and opens read-only without a write, and
// quitting asks nothing and loses nothing acknowledged.
#include <doctest/doctest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <optional>

#include "app.hpp"
#include "gui_language_guard.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;
using worldcafe::test::readBytes;
using worldcafe::test::writeBytes;

namespace {

using worldcafe::test::kI18nDir;

Note flowNote(NoteId id) {
    Note n;
    n.id = id;
    n.table = 1;
    n.text = "메모 " + std::to_string(id);
    return n;
}

Session titled(const std::string& title) {
    Session session;
    session.event.title = title;
    session.event.language = "en";
    return session;
}

// The bytes of a file, or nothing when it does not exist: "untouched" covers both.
std::optional<std::string> contentsOf(const std::filesystem::path& file) {
    if (!std::filesystem::exists(file)) return std::nullopt;
    return readBytes(file);
}

// Every file in `folder` with its bytes: "no file changed" compares two of these.
std::map<std::string, std::string> filesInFolder(const std::filesystem::path& folder) {
    std::map<std::string, std::string> contents;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        contents[entry.path().filename().string()] = readBytes(entry.path());
    return contents;
}

// Another process holding a session's lock the way a writing worldcafe does: flock() on NAME.wcafe.lock, its pid
// written inside. The child makes only raw system calls: it is forked from a process that may have threads, where
// anything that allocates could wait forever on a lock another thread held at the fork. It exits when the parent
// closes its end of `m_release` (or dies), so it can never outlive the test.
class LockHolder {
public:
    explicit LockHolder(const std::filesystem::path& lockFile) {
        int ready[2];
        int release[2];
        REQUIRE(::pipe2(ready, O_CLOEXEC) == 0);
        REQUIRE(::pipe2(release, O_CLOEXEC) == 0);
        std::fflush(stdout);
        std::fflush(stderr);
        m_pid = ::fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            // The parent's ends, closed here: a child holding the write end of `release` would never read its end.
            ::close(ready[0]);
            ::close(release[1]);
            int fd = ::open(lockFile.c_str(), O_RDWR | O_CREAT, 0644);
            if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) ::_exit(2);
            char digits[24];
            int length = 0;
            for (long pid = ::getpid(); pid > 0; pid /= 10) digits[length++] = static_cast<char>('0' + pid % 10);
            char text[25];
            for (int i = 0; i < length; ++i) text[i] = digits[length - 1 - i];
            text[length] = '\n';
            if (::ftruncate(fd, 0) != 0 || ::write(fd, text, length + 1) != length + 1) ::_exit(3);
            char byte = 1;
            if (::write(ready[1], &byte, 1) != 1) ::_exit(4);
            while (::read(release[0], &byte, 1) != 0) {
            }
            ::_exit(0);
        }
        ::close(ready[1]);
        ::close(release[0]);
        m_release = release[1];
        // Bounded: a child that failed must fail this test, not hang it.
        pollfd wait{ready[0], POLLIN, 0};
        char byte = 0;
        bool holding = ::poll(&wait, 1, 10000) == 1 && ::read(ready[0], &byte, 1) == 1;
        ::close(ready[0]);
        REQUIRE(holding);
    }
    ~LockHolder() { release(); }
    LockHolder(const LockHolder&) = delete;
    LockHolder& operator=(const LockHolder&) = delete;

    pid_t pid() const { return m_pid; }
    void release() {
        if (m_pid <= 0) return;
        if (m_release >= 0) ::close(m_release);
        m_release = -1;
        int status = 0;
        if (::waitpid(m_pid, &status, 0) != m_pid) ::kill(m_pid, SIGKILL);
        m_pid = -1;
    }

private:
    pid_t m_pid = -1;
    int m_release = -1;
};

// What the main loop does around one frame (gui_entry.cpp), minus the window.
struct AppRig {
    worldcafe::test::LanguageGuard language{kI18nDir, "en"};
    HeadlessUi ui{{1280.0f, 800.0f}};
    HeadlessPlatform platform;
    App app{platform, App::Options{"en"}};

    void frame() {
        app.betweenFrames();
        ui.bareFrame([this] { app.buildFrame(); });
    }
    void frames(int count) {
        for (int i = 0; i < count; ++i) frame();
    }
    // The recorded item whose key contains `text`, in the last frame.
    const RecordedItem* findContaining(const std::string& text) const {
        for (const RecordedItem& item : ui.items())
            if (item.key.find(text) != std::string::npos) return &item;
        return nullptr;
    }
    bool click(const std::string& key) { return ui.clickItemStepping(key, [this] { frame(); }, 1); }
    // Keys by GLFW code, as the GLFW backend delivers them to io.KeysDown.
    void pressCtrl(int key) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = true;
        io.KeysDown[key] = true;
        frame();
        io.KeysDown[key] = false;
        io.KeyCtrl = false;
        frame();
    }
};

}  // namespace

TEST_CASE("gui app: a file from a newer worldcafe opens read-only, says so, and is never written") {
    worldcafe::test::TempDir dir;
    const auto file = dir / "cafe.wcafe";
    const auto journal = dir / "cafe.wcafe.journal";
    {
        auto engine = Engine::create(file, titled("Newer café"));
        engine->apply(Put<Note>{flowNote(1)});  // a journal with a record in it, which a writer would compact
    }
    std::string text = readBytes(file);
    const auto at = text.find("\"version\": 1");
    REQUIRE(at != std::string::npos);
    text.replace(at, 12, "\"version\": 7");
    writeBytes(file, text);
    const auto journalBefore = contentsOf(journal);
    REQUIRE(journalBefore);

    {
        AppRig rig;
        rig.app.openSession(file);
        rig.frames(3);
        REQUIRE(rig.app.engine() != nullptr);
        CHECK(rig.app.engine()->readOnly());
        CHECK(rig.app.engine()->session().notes.size() == 1);
        CHECK(rig.app.windowTitle().find(std::string("[") + tr("title.read_only") + "]") != std::string::npos);
        // The question says which versions, and there is nothing to choose but OK.
        CHECK(rig.findContaining("file format 7") != nullptr);
        CHECK(rig.ui.find(tr("common.ok")) != nullptr);
        CHECK(rig.ui.find(tr("common.cancel")) == nullptr);
        REQUIRE(rig.click(tr("common.ok")));
        rig.frames(2);
        CHECK(rig.ui.find(tr("common.ok")) == nullptr);
        // A copy saved by this version would drop what the newer one wrote: not offered.
        CHECK(rig.ui.find("readonly.save_copy") == nullptr);

        // Ctrl+S is refused, not written.
        rig.pressCtrl(GLFW_KEY_S);
        rig.frames(2);
        CHECK(readBytes(file) == text);
        CHECK(contentsOf(journal) == journalBefore);
    }
    CHECK(readBytes(file) == text);
    CHECK(contentsOf(journal) == journalBefore);
}

TEST_CASE("gui app: a session another process is editing says who holds it, opens read-only, and no file changes") {
    worldcafe::test::TempDir dir;
    const auto file = dir / "cafe.wcafe";
    {
        auto engine = Engine::create(file, titled("Locked café"));
        engine->apply(Put<Note>{flowNote(1)});  // unsaved: a journal with a record in it, which a writer would compact
    }
    LockHolder holder(lockPathFor(file));
    const auto before = filesInFolder(dir.path());
    REQUIRE(before.count("cafe.wcafe.journal") == 1);
    REQUIRE(before.at("cafe.wcafe.lock") == std::to_string(holder.pid()) + "\n");
    std::string holderName = readBytes("/proc/" + std::to_string(holder.pid()) + "/comm");
    while (!holderName.empty() && holderName.back() == '\n') holderName.pop_back();
    REQUIRE(!holderName.empty());

    {
        AppRig rig;
        rig.app.openSession(file);
        rig.frames(3);
        // Nothing is open until the user chooses: the question waits for an answer, it does not decide.
        CHECK(rig.app.engine() == nullptr);
        CHECK(rig.findContaining(holderName + " (process " + std::to_string(holder.pid()) + ")") != nullptr);
        CHECK(rig.findContaining("cafe.wcafe") != nullptr);
        CHECK(rig.ui.find(tr("common.cancel")) != nullptr);
        CHECK(filesInFolder(dir.path()) == before);

        REQUIRE(rig.click(tr("locked.open_read_only")));
        rig.frames(2);
        REQUIRE(rig.app.engine() != nullptr);
        CHECK(rig.app.engine()->readOnly());
        CHECK(rig.app.engine()->session().event.title == "Locked café");
        CHECK(rig.app.engine()->session().notes.size() == 1);  // the holder's journalled note is shown too
        CHECK(rig.app.windowTitle().find(std::string("[") + tr("title.read_only") + "]") != std::string::npos);
        CHECK(rig.ui.find(tr("locked.open_read_only")) == nullptr);
        // Unlike a newer file, a copy is safe to offer: this version wrote it.
        CHECK(rig.ui.find("readonly.save_copy") != nullptr);

        rig.pressCtrl(GLFW_KEY_S);
        rig.frames(2);
        CHECK(filesInFolder(dir.path()) == before);
    }
    CHECK(filesInFolder(dir.path()) == before);
    // The holder still holds it: the App took nothing from it.
    CHECK_THROWS_AS(Engine::open(file), SessionLockedError);

    holder.release();
    auto reopened = Engine::open(file);
    CHECK(reopened->session().notes.size() == 1);
}

TEST_CASE("gui app: quitting asks nothing, and every acknowledged action is there after reopening") {
    worldcafe::test::TempDir dir;
    const auto file = dir / "cafe.wcafe";
    {
        AppRig rig;
        rig.app.openAtLaunch(file);  // does not exist yet: created
        rig.frames(2);
        REQUIRE(rig.app.engine() != nullptr);
        REQUIRE(!rig.app.engine()->readOnly());
        // Acknowledged: apply() returned. Never saved.
        for (NoteId id = 1; id <= 3; ++id) rig.app.engine()->apply(Put<Note>{flowNote(id)});
        rig.app.engine()->undo();
        rig.app.engine()->apply(Put<Note>{flowNote(4)});
        rig.frames(2);
        CHECK(!rig.app.shouldQuit());

        rig.pressCtrl(GLFW_KEY_Q);
        for (int i = 0; i < 3 && !rig.app.shouldQuit(); ++i) {
            // No question on the way out: no modal's buttons in any frame.
            CHECK(rig.ui.find(tr("common.cancel")) == nullptr);
            CHECK(rig.ui.find(tr("common.ok")) == nullptr);
            rig.frame();
        }
        CHECK(rig.app.shouldQuit());
        CHECK(rig.ui.find(tr("common.cancel")) == nullptr);
    }
    auto reopened = Engine::open(file);
    const auto& notes = reopened->session().notes;
    REQUIRE(notes.size() == 3);
    CHECK(notes[0].text == "메모 1");
    CHECK(notes[1].text == "메모 2");
    CHECK(notes[2].text == "메모 4");
}
