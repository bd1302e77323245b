#pragma once
// What every panel gets: the session to read, and a sink for what it wants changed. Panels never mutate the
// session; the shell applies the emitted actions through Engine::apply once the panel has returned. That keeps
// all changes in one place and lets the tests run a panel with no window and no engine.

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "worldcafe/actions.hpp"
#include "worldcafe/model.hpp"
#include "worldcafe/timer.hpp"

namespace worldcafe::gui {

enum class NoticeKind { Info, Success, Warning, Error };

struct Notice {
    NoticeKind kind = NoticeKind::Info;
    std::string text;
};

struct PanelOutput {
    std::vector<Action> actions;
    std::vector<Notice> notices;

    void emit(Action action) { actions.push_back(std::move(action)); }
    void notify(NoticeKind kind, std::string text) { notices.push_back({kind, std::move(text)}); }
};

struct PanelContext {
    const Session& session;
    PanelOutput& out;
    // Increases with every change of the session: panels key their caches on it.
    std::uint64_t revision = 0;
    bool readOnly = false;
    // Where file pickers start: the session's folder.
    std::filesystem::path folder;
    // The live run's clock and controls; the shell always provides one.
    const Timer* timer = nullptr;
};

}  // namespace worldcafe::gui
