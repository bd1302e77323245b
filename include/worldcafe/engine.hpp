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
//   NAME.wcafe.damaged-*             a NAME.wcafe that could not be read, kept when an autosave was used instead
//   NAME.wcafe.reverted-*            the whole session as it was before "Revert to last save" or "Recover"
//
// The session is always saved: every action is in the journal before it is acknowledged, and nothing but an
// explicit, journalled and undoable revert ever goes back. Save only compacts (a new snapshot, an empty journal).

#include <array>
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
    std::string damagedCopyPath;      // where an unreadable NAME.wcafe was copied before using the autosave
    int staleTemporaryFilesRemoved = 0;  // *.tmp-PID-N of saves whose process is gone
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

// What "Revert to last save" would undo: the journalled actions after the saved snapshot, by kind.
struct ChangeSummary {
    enum class Kind { Event, Rounds, Menus, Tables, Participants, Rules, Plan, Notes, Themes, Timer, Count };
    // For menus, tables, participants, rules, notes and themes: how many different items changed; for the
    // others: how many changes.
    std::array<int, static_cast<std::size_t>(Kind::Count)> counts{};
    std::uint64_t actions = 0;         // journalled actions since the save
    std::uint64_t notInJournal = 0;    // since the save but only in an autosave: their kind is unknown
    std::int64_t savedAt = 0;          // Unix seconds of the save (NAME.wcafe's modification time); 0: unknown
    int count(Kind kind) const { return counts[static_cast<std::size_t>(kind)]; }
    bool empty() const { return actions == 0 && notInJournal == 0; }
    // "3 notes, 2 timer changes since 14:02" (the date is added when the save was not today).
    std::string text() const;
};

// A whole session kept by a revert or a recover, which Recover can bring back.
struct KeptState {
    std::filesystem::path file;
    std::int64_t keptAt = 0;  // Unix seconds (the file's modification time)
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
    // English, for logs ("put participant 17").
    std::string undoLabel() const;
    std::string redoLabel() const;
    // For the Edit menu: what undo and redo would take back or do again, as describeChange() saw it when the step
    // was first applied (the names it had then). Empty when there is nothing to undo or redo.
    ActionLabel undoWords() const;
    ActionLabel redoWords() const;
    void undo();
    void redo();

    // True when the journal holds actions that NAME.wcafe does not: they are safe, Save only compacts them.
    bool hasUnsavedChanges() const { return m_sequence != m_savedSequence; }
    // Compacts: writes the snapshot to NAME.wcafe and empties the journal.
    void save();
    // Writes the session to `file` and continues there; the old file keeps every action up to now.
    void saveAs(const std::filesystem::path& file);

    // Going back, explicitly. Both keep the whole current state in NAME.wcafe.reverted-YYYYmmdd-HHMMSS first,
    // then apply one journalled, undoable batch: a crash right after loses nothing, and Recover brings it back.
    bool canRevert() const;
    ChangeSummary changesSinceSave() const;
    // Returns the file that keeps what was undone (empty when there was nothing to undo).
    std::filesystem::path revertToLastSave();
    // The states kept beside `file` by reverts and recovers, newest first.
    static std::vector<KeptState> keptStates(const std::filesystem::path& file);
    // Brings back a kept state (the current one is kept in turn). Throws InputError for an unreadable file or one
    // from another session. Returns the file that keeps the state it replaced (empty when nothing changed).
    std::filesystem::path recover(const std::filesystem::path& kept);

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
    std::filesystem::path keepCurrentState();
    void replaceSession(const Session& target, const std::string& label, ActionLabel words);
    void removeStaleTemporaryFiles();

    std::filesystem::path m_file;
    Session m_session;
    bool m_readOnly = false;
    RecoveryReport m_recovery;
    std::uint64_t m_sequence = 0;       // of the last applied action
    std::uint64_t m_savedSequence = 0;  // in NAME.wcafe
    bool m_savedSnapshotDamaged = false;  // NAME.wcafe could not be read: opened from the autosave
    // Set last by create() and open(): a half-built engine's destructor must not touch any file.
    bool m_complete = false;
    // The journalled actions after NAME.wcafe's snapshot, for the revert's summary.
    std::vector<Action> m_sinceSave;
    std::uint64_t m_autosavedSequence = 0;
    std::uint64_t m_revision = 0;
    std::uint64_t m_journalSize = 0;
    std::chrono::steady_clock::time_point m_lastAutosave{};
    struct UndoStep {
        Action forward;
        Action inverse;
        ActionLabel words;
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
