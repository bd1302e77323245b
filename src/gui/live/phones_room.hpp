#pragma once
// The console's "Open to phones": the room's server (server::Api over server::HttpServer) for the session the app
// has open. The app holds one PhonesRoom; it is off until the facilitator switches it on, and stops before the
// engine it serves is closed or replaced. The GUI and the server's threads share the engine through the room's
// EngineGate: the GUI holds it for the whole of a frame (lockForFrame), a phone's request waits for at most that.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "panel.hpp"
#include "server/http_server.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/timer.hpp"

namespace worldcafe::server {
class EngineGate;
class Api;
class HttpServer;
}  // namespace worldcafe::server

namespace worldcafe::gui {

class PhonesRoom {
public:
    // Held by the GUI's thread while it uses the engine. Releasing it publishes the GUI's own changes to the gate.
    class FrameLock {
    public:
        explicit FrameLock(PhonesRoom* room) : m_room(room) {}
        FrameLock(FrameLock&& other) noexcept : m_room(std::exchange(other.m_room, nullptr)) {}
        FrameLock& operator=(FrameLock&&) = delete;
        ~FrameLock() { release(); }
        void release();

    private:
        PhonesRoom* m_room;
    };

    // `onChange` runs on a server thread after a phone changed the session: the GUI wakes its loop with it.
    explicit PhonesRoom(std::function<void()> onChange = {});
    ~PhonesRoom();
    PhonesRoom(const PhonesRoom&) = delete;
    PhonesRoom& operator=(const PhonesRoom&) = delete;

    // Issues the tables' missing tokens (an action, journalled) and binds. Returns "" or why the room did not open
    // (port taken, read-only session); the reason is also kept for the console.
    std::string start(Engine& engine, const Clock& clock, server::ServerOptions options = {});
    // Waits for the server's threads; safe while this thread holds the frame lock (it is released first).
    void stop();
    bool running() const { return m_http != nullptr; }
    std::uint16_t port() const;

    // Takes the gate while the room is open; a room opened during the frame is taken at once.
    FrameLock lockForFrame();
    // A phone's change since the last call: the loop draws a frame for it.
    bool takeChange();

    void setNoteTakingOpen(bool open);
    // Refreshed from the engine; call with the frame lock held (or the room closed).
    const PhonesStatus& status(const Session& session, WallMillis now);
    // The last refreshed status, for views drawn without a session at hand.
    const PhonesStatus& status() const { return m_status; }

    // Screenshots: what the console shows of a room open at `base` whose tables were seen a while ago.
    static PhonesStatus preview(const Session& session, WallMillis now, const std::string& base);
    // Shows `status` while the room is closed (screenshots); opening or closing the room replaces it.
    void present(PhonesStatus status) {
        if (!running()) m_status = std::move(status);
    }

private:
    void countLinks(const Session& session);

    std::function<void()> m_onChange;
    std::unique_ptr<server::EngineGate> m_gate;
    std::unique_ptr<server::Api> m_api;
    std::unique_ptr<server::HttpServer> m_http;
    std::unique_lock<std::mutex> m_frameLock;
    bool m_inFrame = false;  // a FrameLock is alive: a room started now must be locked for the rest of the frame
    std::uint64_t m_seenRevision = 0;
    bool m_noteTakingOpen = true;
    PhonesStatus m_status;
};

}  // namespace worldcafe::gui
