#pragma once
// What every panel gets: the session to read, and a sink for what it wants changed. Panels never mutate the
// session; the shell applies the emitted actions through Engine::apply once the panel has returned. That keeps
// all changes in one place and lets the tests run a panel with no window and no engine.

#include <cstdint>
#include <filesystem>
#include <string>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "worldcafe/actions.hpp"
#include "worldcafe/model.hpp"
#include "worldcafe/report.hpp"
#include "worldcafe/timer.hpp"

namespace worldcafe::gui {

enum class NoticeKind { Info, Success, Warning, Error };

struct Notice {
    NoticeKind kind = NoticeKind::Info;
    std::string text;
};

// What a view asks of the shell that is not a change of the session: windows and files the shell owns. The shell
// acts on them between frames; views never reach the shell (nor the shell a view) any other way.
struct OpenProjectorRequest {
    int monitor = -1;  // an index into ProjectorStatus::monitors, or -1 for an ordinary window
    bool operator==(const OpenProjectorRequest&) const = default;
};
struct CloseProjectorRequest {
    bool operator==(const CloseProjectorRequest&) const = default;
};
struct MuteChimeRequest {
    bool muted = false;
    bool operator==(const MuteChimeRequest&) const = default;
};
// Ask where, then write the harvest report in this format.
struct ExportReportRequest {
    ExportFormat format = ExportFormat::Markdown;
    bool operator==(const ExportReportRequest&) const = default;
};
using ShellRequest = std::variant<OpenProjectorRequest, CloseProjectorRequest, MuteChimeRequest, ExportReportRequest>;

struct PanelOutput {
    std::vector<Action> actions;
    std::vector<Notice> notices;
    std::vector<ShellRequest> requests;

    void emit(Action action) { actions.push_back(std::move(action)); }
    void notify(NoticeKind kind, std::string text) { notices.push_back({kind, std::move(text)}); }
    void request(ShellRequest request) { requests.push_back(std::move(request)); }
};

// What the shell tells the views about the projector window it owns.
struct ProjectorStatus {
    std::vector<std::string> monitors;  // "1: HDMI-1 (1920×1080)", in the window system's order
    int suggestedMonitor = 0;           // the projector is rarely the primary screen
    bool open = false;
    bool muted = false;
    bool chimeAvailable = true;
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
    // Null where there is no projector to offer (tests, screenshots).
    const ProjectorStatus* projector = nullptr;
    // The room's server while it is open to phones ("http://192.168.0.10:8080"); empty while it is off. The live
    // views show its links as QR codes only while it is set.
    std::string roomBase{};
};

}  // namespace worldcafe::gui
