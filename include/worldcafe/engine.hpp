#pragma once
// The Engine owns an open session: it applies actions in one place, journals each one durably before returning,
// saves snapshots atomically, recovers from crashes and provides undo and redo.
//
// Files beside a session NAME.wcafe:
//   NAME.wcafe            the snapshot written by Save (cereal JSON, readable)
//   NAME.wcafe.autosave   a newer snapshot written every few minutes; opening uses whichever is newer
//   NAME.wcafe.journal    every action since the last Save, framed with length and CRC, fsynced
//   NAME.wcafe.lock       flock()ed while a process writes the session; holds that process's pid
//   NAME.wcafe.journal.set-aside-*   a damaged journal tail, kept rather than deleted

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "worldcafe/actions.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe {

// What opening found and did; `check` prints it, the GUI shows it as a toast when not clean.
struct RecoveryReport {
    std::string snapshotUsed;         // "NAME.wcafe" or "NAME.wcafe.autosave"
    std::uint64_t snapshotSequence = 0;
    int actionsReplayed = 0;          // journal records applied on top of the snapshot
    std::uint64_t bytesSetAside = 0;  // a torn or corrupt journal tail
    std::string setAsidePath;         // where those bytes went (empty when only checked, not opened for writing)
    std::vector<std::string> messages;
    bool clean() const { return bytesSetAside == 0 && messages.empty(); }
    std::string summary() const;
};

struct OpenOptions {
    bool readOnly = false;  // never write, lock or repair: for `check` and for viewing a session locked elsewhere
    // With readOnly: load a file written by a newer worldcafe as far as this build understands it.
    // Without it such a file throws NewerVersionError.
    bool acceptNewerFormat = false;
};

class Engine {
public:
    // Creates NAME.wcafe (refusing to overwrite an existing file) and opens it for writing.
    static std::unique_ptr<Engine> create(const std::filesystem::path& file, Session initial);
    // Throws InputError (and NewerVersionError, which opens nothing: use readOnly), SessionLockedError, StorageError.
    static std::unique_ptr<Engine> open(const std::filesystem::path& file, OpenOptions options = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    const Session& session() const { return m_session; }
    const std::filesystem::path& file() const { return m_file; }
    bool readOnly() const { return m_readOnly; }
    const RecoveryReport& recovery() const { return m_recovery; }
    // Increases on every change, including undo: views cache derived data against it.
    std::uint64_t revision() const { return m_revision; }

    // Applies, journals and fsyncs; when it returns the change survives a crash. Throws ActionRejected (nothing
    // changed), StorageError (nothing changed: the in-memory change is rolled back) or ReadOnlyError.
    void apply(const Action& action);

    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    std::string undoLabel() const;
    std::string redoLabel() const;
    void undo();
    void redo();

    // True when the journal holds actions that the last Save did not write into NAME.wcafe.
    bool hasUnsavedChanges() const { return m_sequence != m_savedSequence; }
    void save();
    // Writes the session to `file` and continues there; the old file keeps its last saved state.
    void saveAs(const std::filesystem::path& file);
    // Forgets the journal and autosave: the file is back at its last Save (quitting without saving).
    void discardUnsavedChanges();
    // Writes NAME.wcafe.autosave when `interval` has passed since the last one and something changed.
    bool autosaveIfDue(std::chrono::steady_clock::time_point now,
                       std::chrono::seconds interval = std::chrono::minutes(3));

private:
    Engine() = default;
    void appendToJournal(const Action& action);
    Action applyRecorded(const Action& action);
    void writeSnapshot(const std::filesystem::path& target);
    void resetJournal();
    void requireWritable() const;

    std::filesystem::path m_file;
    Session m_session;
    bool m_readOnly = false;
    RecoveryReport m_recovery;
    std::uint64_t m_sequence = 0;       // of the last applied action
    std::uint64_t m_savedSequence = 0;  // in NAME.wcafe
    std::uint64_t m_autosavedSequence = 0;
    std::uint64_t m_revision = 0;
    std::uint64_t m_journalSize = 0;
    std::chrono::steady_clock::time_point m_lastAutosave{};
    struct UndoStep {
        Action forward;
        Action inverse;
    };
    std::vector<UndoStep> m_undo;
    std::vector<UndoStep> m_redo;
    int m_journalFd = -1;
    int m_lockFd = -1;
};

// Paths beside a session file.
std::filesystem::path journalPathFor(const std::filesystem::path& file);
std::filesystem::path autosavePathFor(const std::filesystem::path& file);
std::filesystem::path lockPathFor(const std::filesystem::path& file);

}  // namespace worldcafe
