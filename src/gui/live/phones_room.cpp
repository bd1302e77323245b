#include "phones_room.hpp"

#include <algorithm>

#include "server/api.hpp"
#include "server/engine_gate.hpp"
#include "server/network.hpp"
#include "server/tokens.hpp"
#include "worldcafe/files.hpp"

namespace worldcafe::gui {

void PhonesRoom::FrameLock::release() {
    PhonesRoom* room = std::exchange(m_room, nullptr);
    if (!room) return;
    room->m_inFrame = false;
    if (!room->m_frameLock.owns_lock()) return;
    room->m_frameLock.unlock();
    // The GUI's own edits raise the gate's revision too, so the phones' pages see them on their next poll.
    if (room->m_gate) room->m_gate->publish();
}

PhonesRoom::PhonesRoom(std::function<void()> onChange) : m_onChange(std::move(onChange)) {}

PhonesRoom::~PhonesRoom() { stop(); }

std::string PhonesRoom::start(Engine& engine, const Clock& clock, server::ServerOptions options) {
    stop();
    m_status = {};
    m_status.noteTakingOpen = m_noteTakingOpen;
    if (engine.readOnly()) {
        m_status.problem = "the session is open read-only; phones could not store their notes";
        return m_status.problem;
    }
    try {
        auto gate = std::make_unique<server::EngineGate>(engine);
        auto api = std::make_unique<server::Api>(*gate, clock, assetsDirectory() / "web");
        api->setNoteTakingOpen(m_noteTakingOpen);
        gate->setOnChange(m_onChange);
        // Bound before any token is issued: a port in use leaves the session as it was.
        auto http = std::make_unique<server::HttpServer>(*api, options);
        // Printed tent cards keep working: only tables without a token get one, through the engine like any
        // change. No phone can use a link before it exists, so no request reaches the engine in the meantime.
        if (auto issue = server::tokenIssuingAction(engine.session())) gate->apply(*issue);
        // Started from the console, in the middle of the GUI's frame: no phone may reach the engine before it ends.
        if (m_inFrame) m_frameLock = gate->lockForFrame();
        m_gate = std::move(gate);
        m_api = std::move(api);
        m_http = std::move(http);
    } catch (const std::exception& failure) {
        m_http.reset();
        m_api.reset();
        m_frameLock = {};
        m_gate.reset();
        m_status.problem = failure.what();
        return m_status.problem;
    }
    m_seenRevision = m_gate->revision();
    m_status.open = true;
    std::vector<std::string> addresses = options.bindAddress == "0.0.0.0" ? server::usableAddresses(false)
                                                                          : std::vector<std::string>{options.bindAddress};
    for (const std::string& address : addresses)
        m_status.urls.push_back("http://" + address + ":" + std::to_string(m_http->port()) + "/");
    if (!m_status.urls.empty()) m_status.base = m_status.urls.front().substr(0, m_status.urls.front().size() - 1);
    countLinks(engine.session());
    return {};
}

void PhonesRoom::stop() {
    // A server thread may be waiting for the gate: let it finish before its threads are joined.
    if (m_frameLock.owns_lock()) m_frameLock.unlock();
    m_http.reset();
    m_api.reset();
    m_frameLock = {};
    m_gate.reset();
    m_status.open = false;
    m_status.urls.clear();
    m_status.base.clear();
    m_status.tables.clear();
    m_status.tablesWithLink = 0;
}

void PhonesRoom::countLinks(const Session& session) {
    m_status.tableCount = static_cast<int>(session.tables.size());
    m_status.tablesWithLink = static_cast<int>(
        std::count_if(session.tables.begin(), session.tables.end(), [](const Table& t) { return !t.token.empty(); }));
}

std::uint16_t PhonesRoom::port() const { return m_http ? m_http->port() : 0; }

PhonesRoom::FrameLock PhonesRoom::lockForFrame() {
    m_inFrame = true;
    if (m_gate) m_frameLock = m_gate->lockForFrame();
    return FrameLock(this);
}

bool PhonesRoom::takeChange() {
    if (!m_gate) return false;
    std::uint64_t now = m_gate->revision();
    return std::exchange(m_seenRevision, now) != now;
}

void PhonesRoom::setNoteTakingOpen(bool open) {
    m_noteTakingOpen = open;
    m_status.noteTakingOpen = open;
    if (m_api) m_api->setNoteTakingOpen(open);
}

namespace {

// The round whose notes the console counts: the one running, the last one once the café is harvesting.
int countedRound(const Session& session, WallMillis now) {
    TimerState state = timerStateAt(session, now);
    if (state.started && state.phase.round > 0) return state.phase.round;
    if (state.started && (state.phase.kind == PhaseKind::Harvest || state.phase.kind == PhaseKind::Done))
        return std::max(1, session.rounds.count);
    return 1;
}

int notesAt(const Session& session, TableNumber table, int round) {
    return static_cast<int>(std::count_if(session.notes.begin(), session.notes.end(), [&](const Note& note) {
        return note.table == table && note.round == round;
    }));
}

}  // namespace

const PhonesStatus& PhonesRoom::status(const Session& session, WallMillis now) {
    m_status.noteTakingOpen = m_noteTakingOpen;
    m_status.tables.clear();
    if (!m_api) return m_status;
    countLinks(session);
    const int round = countedRound(session, now);
    auto seen = m_api->lastSeen();
    auto clockNow = std::chrono::steady_clock::now();
    for (const Table& table : session.tables) {
        PhonesStatus::TableLink link;
        link.table = table.number;
        if (auto it = seen.find(table.number); it != seen.end())
            link.secondsSinceSeen = std::chrono::duration<double>(clockNow - it->second).count();
        link.notesThisRound = notesAt(session, table.number, round);
        m_status.tables.push_back(link);
    }
    std::sort(m_status.tables.begin(), m_status.tables.end(),
              [](const auto& a, const auto& b) { return a.table < b.table; });
    return m_status;
}

PhonesStatus PhonesRoom::preview(const Session& session, WallMillis now, const std::string& base) {
    PhonesStatus status;
    status.open = true;
    status.base = base;
    status.urls = {base + "/"};
    status.tableCount = static_cast<int>(session.tables.size());
    status.tablesWithLink = status.tableCount;
    const int round = countedRound(session, now);
    int index = 0;
    for (const Table& table : session.tables) {
        PhonesStatus::TableLink link;
        link.table = table.number;
        // Most tables connected, one a while ago, one never: every state the column can show.
        const int fromEnd = status.tableCount - 1 - index;
        if (status.tableCount < 3 || fromEnd > 1)
            link.secondsSinceSeen = 1.0;
        else if (fromEnd == 1)
            link.secondsSinceSeen = 47.0;
        link.notesThisRound = notesAt(session, table.number, round);
        status.tables.push_back(link);
        ++index;
    }
    std::sort(status.tables.begin(), status.tables.end(), [](const auto& a, const auto& b) { return a.table < b.table; });
    return status;
}

}  // namespace worldcafe::gui
