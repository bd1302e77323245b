#pragma once
// The Engine is not thread-safe; the GUI's thread and the server's threads share it through this gate. One mutex
// makes every change a single writer's: whoever holds the gate reads a consistent session and applies actions
// (journalled and fsynced before apply() returns). The GUI holds the gate while it builds a frame; a phone's request
// waits for at most that frame. After a change the gate raises its atomic revision and calls the change hook (the GUI
// posts an empty event so it redraws at once). Acknowledgements are not group-committed yet: one fsync per note.

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>

#include "worldcafe/engine.hpp"

namespace worldcafe::server {

class EngineGate {
public:
    explicit EngineGate(Engine& engine) : m_engine(engine), m_revision(engine.revision()) {}
    EngineGate(const EngineGate&) = delete;
    EngineGate& operator=(const EngineGate&) = delete;

    // Runs `f(const Engine&)` holding the gate.
    template <class F>
    auto read(F&& f) const {
        std::lock_guard lock(m_mutex);
        return f(std::as_const(m_engine));
    }

    // Runs `f(Engine&)` holding the gate: read, decide and apply as one step (no other writer in between). The
    // change hook runs after the gate is released, also when `f` throws after applying something.
    template <class F>
    auto write(F&& f) {
        struct Notify {
            EngineGate& gate;
            ~Notify() { gate.publish(); }
        } notify{*this};
        std::lock_guard lock(m_mutex);
        return f(m_engine);
    }

    void apply(const Action& action) {
        write([&](Engine& engine) { engine.apply(action); });
    }

    // For the GUI: hold the gate for a whole frame. Call publish() after releasing it when the frame applied actions.
    std::unique_lock<std::mutex> lockForFrame() { return std::unique_lock(m_mutex); }

    // The engine's revision as of the last change made through the gate; any thread may poll it without the gate.
    std::uint64_t revision() const { return m_revision.load(std::memory_order_acquire); }

    // Called (without the gate held) after each change, from the thread that made it. Set it before serving.
    void setOnChange(std::function<void()> hook) {
        std::lock_guard lock(m_hookMutex);
        m_onChange = std::move(hook);
    }

    // Raises the revision and calls the hook if the engine changed since the last publish.
    void publish() {
        std::uint64_t now;
        {
            std::lock_guard lock(m_mutex);
            now = m_engine.revision();
        }
        if (m_revision.exchange(now, std::memory_order_acq_rel) == now) return;
        std::function<void()> hook;
        {
            std::lock_guard lock(m_hookMutex);
            hook = m_onChange;
        }
        if (hook) hook();
    }

private:
    Engine& m_engine;
    mutable std::mutex m_mutex;
    std::atomic<std::uint64_t> m_revision;
    std::mutex m_hookMutex;
    std::function<void()> m_onChange;
};

}  // namespace worldcafe::server
