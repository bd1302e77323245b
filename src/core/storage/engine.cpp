// [SECTION] index
// (the journal's framing is in journal.cpp, the lock in lock.cpp)
// - files kept beside the session
// - what a revert undoes, and the batch that does it
// - open and recovery: newest valid snapshot, then the journal records after it; a damaged tail is set aside
// - apply, undo, redo
// - save, save as, autosave, discard

#include "worldcafe/engine.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <limits>
#include <optional>
#include <set>
#include <random>

#include "journal.hpp"
#include "lock.hpp"
#include "session_format.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"

namespace worldcafe {

std::filesystem::path autosavePathFor(const std::filesystem::path& file) { return file.string() + ".autosave"; }

std::string RecoveryReport::summary() const {
    std::string text = "opened " + snapshotUsed + " (action " + std::to_string(snapshotSequence) + ")";
    if (actionsReplayed > 0) text += ", replayed " + std::to_string(actionsReplayed) + " journalled actions";
    for (const std::string& message : messages) text += "; " + message;
    if (staleTemporaryFilesRemoved > 0)
        text += "; removed " + std::to_string(staleTemporaryFilesRemoved) + " temporary files of interrupted saves";
    return text;
}

std::string ChangeSummary::text() const {
    static const char* const nouns[][2] = {
        {"event change", "event changes"}, {"round settings change", "round settings changes"},
        {"menu", "menus"},                 {"table", "tables"},
        {"participant", "participants"},   {"rule", "rules"},
        {"plan change", "plan changes"},   {"note", "notes"},
        {"theme", "themes"},               {"timer change", "timer changes"},
        {"vote", "votes"}};
    std::string text;
    for (std::size_t kind = 0; kind < counts.size(); ++kind) {
        if (counts[kind] == 0) continue;
        if (!text.empty()) text += ", ";
        text += std::to_string(counts[kind]) + " " + nouns[kind][counts[kind] == 1 ? 0 : 1];
    }
    if (notInJournal > 0) {
        if (!text.empty()) text += ", ";
        text += std::to_string(notInJournal) + (notInJournal == 1 ? " earlier change" : " earlier changes");
    }
    if (text.empty()) text = "no changes";
    if (savedAt > 0) {
        std::time_t saved = static_cast<std::time_t>(savedAt);
        std::time_t now = std::time(nullptr);
        std::tm savedLocal{};
        std::tm nowLocal{};
        ::localtime_r(&saved, &savedLocal);
        ::localtime_r(&now, &nowLocal);
        bool today = savedLocal.tm_year == nowLocal.tm_year && savedLocal.tm_yday == nowLocal.tm_yday;
        char buffer[32];
        std::strftime(buffer, sizeof buffer, today ? "%H:%M" : "%Y-%m-%d %H:%M", &savedLocal);
        text += std::string(" since ") + buffer;
    }
    return text;
}

namespace {

std::string newSessionId() {
    std::random_device device;
    std::mt19937_64 generator((static_cast<std::uint64_t>(device()) << 32) ^ device() ^
                              static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()));
    char buffer[33];
    std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(generator()),
                  static_cast<unsigned long long>(generator()));
    return buffer;
}

void removeIfExists(const std::filesystem::path& file) {
    std::error_code error;
    std::filesystem::remove(file, error);
}

// [SECTION] files kept beside the session

// `base`, or `base-2`, `base-3`, ... when that name is taken: a kept file never replaces another.
std::filesystem::path unusedName(const std::string& base) {
    std::error_code error;
    std::filesystem::path candidate = base;
    for (int n = 2; std::filesystem::exists(candidate, error); ++n) candidate = base + "-" + std::to_string(n);
    return candidate;
}

std::filesystem::path keepDamagedCopy(const std::filesystem::path& file, const std::string& bytes) {
    std::string prefix = file.filename().string() + ".damaged-";
    std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
    std::error_code error;
    // Opening the same damaged file again must not pile up copies of it.
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.find(".tmp-") != std::string::npos) continue;
        std::error_code sizeError;
        if (!entry.is_regular_file(sizeError) || entry.file_size(sizeError) != bytes.size()) continue;
        try {
            if (readWholeFile(entry.path()) == bytes) return entry.path();
        } catch (const InputError&) {
        }
    }
    std::filesystem::path kept = unusedName(file.string() + ".damaged-" + timestampForFileName());
    writeFileAtomically(kept, bytes);
    return kept;
}

bool allDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The pid of `name` when it is a temporary file that writeFileAtomically() made for one of this session's files:
// TARGET.tmp-PID-N, TARGET being NAME.wcafe, its autosave or journal, or a file kept beside it.
std::optional<long> temporaryFileWriter(const std::string& name, const std::string& session) {
    std::size_t marker = name.rfind(".tmp-");
    if (marker == std::string::npos || name.rfind(session, 0) != 0) return std::nullopt;
    std::string_view target = std::string_view(name).substr(0, marker);
    std::string_view suffix = target.substr(session.size());
    auto keptSuffix = [&](std::string_view prefix) {
        if (suffix.rfind(prefix, 0) != 0) return false;
        std::string_view rest = suffix.substr(prefix.size());
        return !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
    };
    if (!(suffix.empty() || suffix == ".autosave" || suffix == ".journal" || keptSuffix(".journal.set-aside-") ||
          keptSuffix(".damaged-") || keptSuffix(".reverted-")))
        return std::nullopt;
    std::string_view tail = std::string_view(name).substr(marker + 5);
    std::size_t dash = tail.find('-');
    if (dash == std::string_view::npos || !allDigits(tail.substr(0, dash)) || !allDigits(tail.substr(dash + 1)))
        return std::nullopt;
    if (dash > 9) return std::nullopt;  // no pid is that long
    return std::stol(std::string(tail.substr(0, dash)));
}

bool processIsGone(long pid) {
    if (pid <= 0) return false;
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

std::int64_t modificationTime(const std::filesystem::path& file) {
    struct stat status {};
    if (::stat(file.c_str(), &status) != 0) return 0;
    return static_cast<std::int64_t>(status.st_mtime);
}

// [SECTION] what a revert undoes, and the batch that does it

struct ChangeCounter {
    ChangeSummary& summary;
    std::set<std::pair<int, std::int64_t>>& items;

    void add(ChangeSummary::Kind kind) { ++summary.counts[static_cast<std::size_t>(kind)]; }
    void item(ChangeSummary::Kind kind, std::int64_t key) {
        if (items.insert({static_cast<int>(kind), key}).second) add(kind);
    }
    void operator()(const SetEvent&) { add(ChangeSummary::Kind::Event); }
    void operator()(const SetRoundSettings&) { add(ChangeSummary::Kind::Rounds); }
    void operator()(const SetPlan&) { add(ChangeSummary::Kind::Plan); }
    void operator()(const AppendTimeline&) { add(ChangeSummary::Kind::Timer); }
    void operator()(const PopTimeline&) { add(ChangeSummary::Kind::Timer); }
    void operator()(const Batch& batch) {
        for (const Action& action : batch.actions) std::visit(*this, action.value);
    }
    void operator()(const Put<Menu>& a) { item(ChangeSummary::Kind::Menus, a.item.id); }
    void operator()(const Remove<Menu>& a) { item(ChangeSummary::Kind::Menus, a.key); }
    void operator()(const Put<Table>& a) { item(ChangeSummary::Kind::Tables, a.item.number); }
    void operator()(const Remove<Table>& a) { item(ChangeSummary::Kind::Tables, a.key); }
    void operator()(const Put<Participant>& a) { item(ChangeSummary::Kind::Participants, a.item.id); }
    void operator()(const Remove<Participant>& a) { item(ChangeSummary::Kind::Participants, a.key); }
    void operator()(const Put<Rule>& a) { item(ChangeSummary::Kind::Rules, a.item.id); }
    void operator()(const Remove<Rule>& a) { item(ChangeSummary::Kind::Rules, a.key); }
    void operator()(const Put<Note>& a) { item(ChangeSummary::Kind::Notes, a.item.id); }
    void operator()(const Remove<Note>& a) { item(ChangeSummary::Kind::Notes, a.key); }
    void operator()(const Put<Theme>& a) { item(ChangeSummary::Kind::Themes, a.item.id); }
    void operator()(const Remove<Theme>& a) { item(ChangeSummary::Kind::Themes, a.key); }
    void operator()(const Put<Vote>& a) { item(ChangeSummary::Kind::Votes, a.item.id); }
    void operator()(const Remove<Vote>& a) { item(ChangeSummary::Kind::Votes, a.key); }
    void operator()(const SetVoting&) { add(ChangeSummary::Kind::Votes); }
};

template <class T, class Key>
void replaceCollection(Batch& batch, const std::vector<T>& from, const std::vector<T>& to, Key key) {
    if (from == to) return;
    // Removing all and putting all back in order also restores the order, which undo relies on.
    for (auto it = from.rbegin(); it != from.rend(); ++it) batch.actions.push_back(Remove<T>{key(*it)});
    for (const T& item : to) batch.actions.push_back(Put<T>{item, kAppendAtEnd});
}

// The actions that turn `from` into `to`, built from the ordinary ones so that the journal, undo and older
// builds reading the journal need nothing new.
Batch differenceBatch(const Session& from, const Session& to, std::string label) {
    Batch batch{std::move(label), {}};
    if (from.event != to.event) batch.actions.push_back(SetEvent{to.event});
    if (from.rounds != to.rounds) batch.actions.push_back(SetRoundSettings{to.rounds});
    replaceCollection(batch, from.rules, to.rules, [](const Rule& r) { return r.id; });
    replaceCollection(batch, from.notes, to.notes, [](const Note& n) { return n.id; });
    replaceCollection(batch, from.themes, to.themes, [](const Theme& t) { return t.id; });
    replaceCollection(batch, from.participants, to.participants, [](const Participant& p) { return p.id; });
    replaceCollection(batch, from.tables, to.tables, [](const Table& t) { return t.number; });
    replaceCollection(batch, from.menus, to.menus, [](const Menu& m) { return m.id; });
    if (from.plan != to.plan) batch.actions.push_back(SetPlan{to.plan});
    std::size_t common = 0;
    while (common < from.timeline.size() && common < to.timeline.size() &&
           from.timeline[common] == to.timeline[common])
        ++common;
    for (std::size_t i = common; i < from.timeline.size(); ++i) batch.actions.push_back(PopTimeline{});
    for (std::size_t i = common; i < to.timeline.size(); ++i) batch.actions.push_back(AppendTimeline{to.timeline[i]});
    return batch;
}

// [SECTION] open and recovery

std::optional<std::string> readIfExists(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) return std::nullopt;
    return readWholeFile(file);
}

}  // namespace

std::unique_ptr<Engine> Engine::create(const std::filesystem::path& file, Session initial) {
    std::error_code error;
    if (std::filesystem::exists(file, error))
        throw StorageError(file, "already exists; choose another name or open it");
    std::unique_ptr<Engine> engine(new Engine());
    engine->m_file = file;
    if (initial.id.empty()) initial.id = newSessionId();
    engine->m_session = std::move(initial);
    engine->m_lockFd = acquireLock(file);
    engine->writeSnapshot(file);
    engine->resetJournal();
    engine->m_recovery.snapshotUsed = file.filename().string();
    engine->m_complete = true;
    return engine;
}

std::unique_ptr<Engine> Engine::open(const std::filesystem::path& file, OpenOptions options) {
    std::unique_ptr<Engine> engine(new Engine());
    engine->m_file = file;
    engine->m_readOnly = options.readOnly;
    RecoveryReport& report = engine->m_recovery;

    // Lock first, so that nobody appends to the journal while we read it.
    if (!engine->m_readOnly) engine->m_lockFd = acquireLock(file);

    std::string mainBytes = readWholeFile(file);
    std::optional<Snapshot> main;
    std::optional<InputError> mainProblem;
    try {
        main = parseSnapshot(mainBytes, file);
    } catch (const NewerVersionError& newer) {
        if (!engine->m_readOnly || !options.acceptNewerFormat) throw;
        main = parseSnapshot(mainBytes, file, /*acceptNewer=*/true);
        report.messages.push_back(newer.detail);
    } catch (const InputError& damaged) {
        // A torn or edited NAME.wcafe need not block a valid autosave; without one this is the error to tell.
        mainProblem = damaged;
    }

    std::filesystem::path autosavePath = autosavePathFor(file);
    std::optional<Snapshot> autosave;
    std::string autosaveProblem;
    try {
        if (auto autosaveBytes = readIfExists(autosavePath)) autosave = parseSnapshot(*autosaveBytes, autosavePath);
    } catch (const InputError& error) {
        autosaveProblem = error.what();
    }

    Snapshot snapshot;
    std::size_t damagedMessage = 0;
    if (main) {
        snapshot = std::move(*main);
        engine->m_savedSequence = snapshot.sequence;
        report.snapshotUsed = file.filename().string();
        if (!autosaveProblem.empty())
            report.messages.push_back("the autosave could not be used (" + autosaveProblem + ")");
        if (autosave && autosave->session.id == snapshot.session.id && autosave->sequence > snapshot.sequence) {
            snapshot = std::move(*autosave);
            report.snapshotUsed = autosavePath.filename().string();
        }
    } else if (autosave) {
        snapshot = std::move(*autosave);
        // No saved snapshot to compare with: everything counts as not yet compacted, so nothing is cleaned up.
        engine->m_savedSequence = std::numeric_limits<std::uint64_t>::max();
        engine->m_savedSnapshotDamaged = true;
        report.snapshotUsed = autosavePath.filename().string();
        damagedMessage = report.messages.size();
        report.messages.push_back(file.filename().string() + " is damaged (" + mainProblem->what() + "); opened " +
                                  autosavePath.filename().string() + " instead");
    } else {
        throw *mainProblem;
    }
    engine->m_session = std::move(snapshot.session);
    engine->m_sequence = snapshot.sequence;
    report.snapshotSequence = snapshot.sequence;

    std::filesystem::path journalPath = journalPathFor(file);
    std::optional<std::string> journalBytes = readIfExists(journalPath);
    JournalScan scan;
    if (journalBytes) scan = scanJournal(*journalBytes, engine->m_session.id, journalPath);
    for (const JournalRecord& record : scan.records) {
        if (record.sequence <= engine->m_sequence) continue;
        std::string problem;
        if (record.sequence != engine->m_sequence + 1) {
            problem = "the journal skips from action " + std::to_string(engine->m_sequence) + " to " +
                      std::to_string(record.sequence);
        } else {
            try {
                applyAction(engine->m_session, record.action);
            } catch (const ActionRejected& rejected) {
                problem = "journalled action " + std::to_string(record.sequence) + " no longer applies (" +
                          rejected.what() + ")";
            }
        }
        if (!problem.empty()) {
            // This record and every one after it are set aside with the rest of the tail, not applied.
            scan.problem = problem;
            scan.validBytes = record.offset;
            scan.damagedBytes = journalBytes->size() - record.offset;
            break;
        }
        engine->m_sequence = record.sequence;
        ++report.actionsReplayed;
    }
    for (const JournalRecord& record : scan.records)
        if (record.offset < scan.validBytes && record.sequence > engine->m_savedSequence &&
            record.sequence <= engine->m_sequence)
            engine->m_sinceSave.push_back(record.action);
    {
        std::set<std::pair<int, std::int64_t>> items;
        ChangeCounter counter{report.replayed, items};
        for (const JournalRecord& record : scan.records)
            if (record.offset < scan.validBytes && record.sequence > report.snapshotSequence &&
                record.sequence <= engine->m_sequence)
                std::visit(counter, record.action.value);
        report.replayed.actions = static_cast<std::uint64_t>(report.actionsReplayed);
    }
    if (!scan.problem.empty()) {
        report.bytesSetAside = scan.damagedBytes;
        std::string message = scan.problem + ": " + std::to_string(report.actionsReplayed) +
                              (report.actionsReplayed == 1 ? " action recovered" : " actions recovered");
        if (scan.damagedBytes > 0) message += ", " + std::to_string(scan.damagedBytes) + " bytes set aside";
        if (!engine->m_readOnly && scan.damagedBytes > 0) {
            std::filesystem::path setAside = unusedName(journalPath.string() + ".set-aside-" + timestampForFileName());
            writeFileAtomically(setAside, std::string_view(*journalBytes).substr(scan.validBytes));
            report.setAsidePath = setAside.string();
            message += " in " + setAside.filename().string();
            if (scan.validBytes < journalHeader(engine->m_session.id).size()) {
                removeIfExists(journalPath);
                journalBytes.reset();
            } else if (::truncate(journalPath.c_str(), static_cast<off_t>(scan.validBytes)) != 0) {
                throw StorageError(journalPath, systemError("cannot cut off the damaged tail"));
            } else {
                journalBytes->resize(scan.validBytes);
            }
        }
        report.messages.push_back(message);
    }

    if (!engine->m_readOnly) {
        const JournalRecord* lastKept = nullptr;
        for (const JournalRecord& record : scan.records)
            if (record.offset < scan.validBytes) lastKept = &record;
        bool journalEndsAtSnapshot = journalBytes && lastKept && lastKept->sequence == engine->m_sequence;
        bool journalHasNoRecords = journalBytes && scan.validBytes == journalHeader(engine->m_session.id).size();
        if (journalEndsAtSnapshot || journalHasNoRecords) {
            engine->m_journalFd = ::open(journalPath.c_str(), O_WRONLY | O_CLOEXEC);
            if (engine->m_journalFd < 0) throw StorageError(journalPath, systemError("cannot open the journal"));
            engine->m_journalSize = scan.validBytes;
        } else {
            // No journal, or one whose records the snapshot already holds (a crash between Save's two steps).
            engine->resetJournal();
        }
        if (engine->m_savedSnapshotDamaged) {
            std::filesystem::path kept = keepDamagedCopy(file, mainBytes);
            report.damagedCopyPath = kept.string();
            report.messages[damagedMessage] += "; the damaged file is kept as " + kept.filename().string() +
                                      " and the next Save rewrites it";
        }
        engine->removeStaleTemporaryFiles();
    }
    engine->m_autosavedSequence = engine->m_sequence;
    engine->m_complete = true;
    return engine;
}

Engine::~Engine() {
    if (m_journalFd >= 0) ::close(m_journalFd);
    // A journal with nothing unsaved in it is only clutter beside the user's file. An engine that did not finish
    // opening knows nothing about what the journal holds.
    if (m_complete && !m_readOnly && m_lockFd >= 0 && !hasUnsavedChanges()) removeIfExists(journalPathFor(m_file));
    releaseLock(m_lockFd, m_file);
}

void Engine::requireWritable() const {
    if (m_readOnly) throw ReadOnlyError(m_file.filename().string() + " is open read-only");
}

// [SECTION] apply, undo, redo

void Engine::appendToJournal(const Action& action) {
    std::string record = journalRecord(m_sequence + 1, formatActionJson(action));
    std::filesystem::path journalPath = journalPathFor(m_file);
    std::size_t written = 0;
    while (written < record.size()) {
        ssize_t n = ::pwrite(m_journalFd, record.data() + written, record.size() - written,
                             static_cast<off_t>(m_journalSize + written));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        written += static_cast<std::size_t>(n);
    }
    if (written < record.size() || ::fdatasync(m_journalFd) != 0) {
        std::string reason = systemError("cannot record the change");
        // A partial record must not stay in front of the next one.
        if (::ftruncate(m_journalFd, static_cast<off_t>(m_journalSize)) != 0) {
        }
        throw StorageError(journalPath, reason);
    }
    m_journalSize += record.size();
}

Action Engine::applyRecorded(const Action& action) {
    requireWritable();
    Action inverse = applyAction(m_session, action);
    try {
        appendToJournal(action);
    } catch (...) {
        applyAction(m_session, inverse);
        throw;
    }
    ++m_sequence;
    ++m_revision;
    m_sinceSave.push_back(action);
    return inverse;
}

void Engine::apply(const Action& action) {
    // Before applying: a deletion's label needs the name of what it deletes.
    ActionLabel words = describeChange(m_session, action);
    Action inverse = applyRecorded(action);
    m_undo.push_back(UndoStep{action, std::move(inverse), std::move(words)});
    m_redo.clear();
}

std::string Engine::undoLabel() const { return m_undo.empty() ? std::string() : describeAction(m_undo.back().forward); }
std::string Engine::redoLabel() const { return m_redo.empty() ? std::string() : describeAction(m_redo.back().forward); }
ActionLabel Engine::undoWords() const { return m_undo.empty() ? ActionLabel{} : m_undo.back().words; }
ActionLabel Engine::redoWords() const { return m_redo.empty() ? ActionLabel{} : m_redo.back().words; }

void Engine::undo() {
    if (m_undo.empty()) return;
    UndoStep step = m_undo.back();
    applyRecorded(step.inverse);
    m_undo.pop_back();
    m_redo.push_back(std::move(step));
}

void Engine::redo() {
    if (m_redo.empty()) return;
    UndoStep step = m_redo.back();
    step.inverse = applyRecorded(step.forward);
    m_redo.pop_back();
    m_undo.push_back(std::move(step));
}

// [SECTION] save, save as, autosave, discard

void Engine::writeSnapshot(const std::filesystem::path& target) {
    writeFileAtomically(target, formatSnapshot(m_session, m_sequence));
}

void Engine::resetJournal() {
    std::filesystem::path journalPath = journalPathFor(m_file);
    std::string header = journalHeader(m_session.id);
    writeFileAtomically(journalPath, header);
    int fd = ::open(journalPath.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw StorageError(journalPath, systemError("cannot open the journal"));
    if (m_journalFd >= 0) ::close(m_journalFd);
    m_journalFd = fd;
    m_journalSize = header.size();
}

void Engine::save() {
    requireWritable();
    writeSnapshot(m_file);
    m_savedSequence = m_sequence;
    m_savedSnapshotDamaged = false;
    m_sinceSave.clear();
    m_autosavedSequence = m_sequence;
    resetJournal();
    removeIfExists(autosavePathFor(m_file));
}

void Engine::saveAs(const std::filesystem::path& file) {
    if (std::filesystem::weakly_canonical(file) == std::filesystem::weakly_canonical(m_file)) {
        save();
        return;
    }
    int newLock = acquireLock(file);
    try {
        writeFileAtomically(file, formatSnapshot(m_session, m_sequence));
    } catch (...) {
        releaseLock(newLock, file);
        throw;
    }
    std::filesystem::path oldFile = m_file;
    // The old file keeps its journal: it stays at every action acknowledged up to now.
    releaseLock(m_lockFd, oldFile);
    m_lockFd = newLock;
    m_file = file;
    m_readOnly = false;
    resetJournal();
    removeIfExists(autosavePathFor(m_file));
    m_savedSequence = m_sequence;
    m_savedSnapshotDamaged = false;
    m_sinceSave.clear();
    m_autosavedSequence = m_sequence;
}

bool Engine::autosaveIfDue(std::chrono::steady_clock::time_point now, std::chrono::seconds interval) {
    if (m_readOnly) return false;
    if (m_lastAutosave == std::chrono::steady_clock::time_point{}) m_lastAutosave = now;
    if (m_sequence == m_autosavedSequence || now - m_lastAutosave < interval) return false;
    writeFileAtomically(autosavePathFor(m_file), formatSnapshot(m_session, m_sequence));
    m_autosavedSequence = m_sequence;
    m_lastAutosave = now;
    return true;
}

}  // namespace worldcafe

namespace worldcafe {

// [SECTION] revert and recover

bool Engine::canRevert() const {
    return !m_readOnly && !m_savedSnapshotDamaged && m_sequence != m_savedSequence;
}

ChangeSummary Engine::changesSinceSave() const {
    ChangeSummary summary;
    if (m_savedSnapshotDamaged) return summary;
    std::set<std::pair<int, std::int64_t>> items;
    ChangeCounter counter{summary, items};
    for (const Action& action : m_sinceSave) std::visit(counter, action.value);
    summary.actions = m_sinceSave.size();
    std::uint64_t since = m_sequence >= m_savedSequence ? m_sequence - m_savedSequence : 0;
    summary.notInJournal = since > summary.actions ? since - summary.actions : 0;
    summary.savedAt = modificationTime(m_file);
    return summary;
}

std::filesystem::path Engine::keepCurrentState() {
    std::filesystem::path kept = unusedName(m_file.string() + ".reverted-" + timestampForFileName());
    writeFileAtomically(kept, formatSnapshot(m_session, m_sequence));
    return kept;
}

void Engine::replaceSession(const Session& target, const std::string& label, ActionLabel words) {
    Batch batch = differenceBatch(m_session, target, label);
    batch.words = std::move(words);
    apply(batch);
}

std::filesystem::path Engine::revertToLastSave() {
    requireWritable();
    if (m_savedSnapshotDamaged)
        throw InputError(m_file, "cannot be read, so there is no saved state to go back to; Save writes it anew");
    if (!canRevert()) return {};
    Snapshot saved = parseSnapshot(readWholeFile(m_file), m_file);
    if (saved.session.id != m_session.id) throw InputError(m_file, "now holds another session");
    if (saved.session == m_session) return {};
    std::filesystem::path kept = keepCurrentState();
    replaceSession(saved.session, "revert to last save", ActionLabel{"action.revert", {}, {}});
    return kept;
}

std::vector<KeptState> Engine::keptStates(const std::filesystem::path& file) {
    std::vector<KeptState> states;
    std::string prefix = file.filename().string() + ".reverted-";
    std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        std::string name = entry.path().filename().string();
        std::error_code typeError;
        if (name.rfind(prefix, 0) != 0 || name.find(".tmp-") != std::string::npos || !entry.is_regular_file(typeError))
            continue;
        states.push_back(KeptState{entry.path(), modificationTime(entry.path())});
    }
    std::sort(states.begin(), states.end(), [](const KeptState& a, const KeptState& b) {
        return a.keptAt != b.keptAt ? a.keptAt > b.keptAt : a.file.filename() > b.file.filename();
    });
    return states;
}

std::filesystem::path Engine::recover(const std::filesystem::path& kept) {
    requireWritable();
    Snapshot state = parseSnapshot(readWholeFile(kept), kept);
    if (state.session.id != m_session.id) throw InputError(kept, "belongs to another session");
    if (state.session == m_session) return {};
    std::filesystem::path keptNow = keepCurrentState();
    replaceSession(state.session, "recover " + kept.filename().string(), ActionLabel{"action.recover", {}, {}});
    return keptNow;
}

void Engine::removeStaleTemporaryFiles() {
    std::string session = m_file.filename().string();
    std::filesystem::path folder = m_file.parent_path().empty() ? "." : m_file.parent_path();
    std::error_code error;
    std::vector<std::filesystem::path> stale;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        std::optional<long> writer = temporaryFileWriter(entry.path().filename().string(), session);
        std::error_code typeError;
        if (!writer || *writer == ::getpid() || !entry.is_regular_file(typeError) || entry.is_symlink(typeError))
            continue;
        if (processIsGone(*writer)) stale.push_back(entry.path());
    }
    for (const std::filesystem::path& file : stale)
        if (::unlink(file.c_str()) == 0) ++m_recovery.staleTemporaryFilesRemoved;
}

}  // namespace worldcafe
