#pragma once
// A top-level view of the session, shown as one of the shell's tabs: setup, plan, console, host, harvest.
// Each lives in its own files; workspaces.cpp lists them in tab order.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "panel.hpp"
#include "worldcafe/settings.hpp"

namespace worldcafe::gui {

class Workspace {
public:
    virtual ~Workspace() = default;
    // Stable English name for `worldcafe screenshot --view NAME` ("plan").
    virtual const char* name() const = 0;
    // The i18n key of its tab label.
    virtual const char* titleKey() const = 0;
    virtual void draw(const PanelContext& context) = 0;
    // Seconds until this view must be drawn again although nothing happened (a countdown's next second), if any.
    // Asked only of the visible workspace.
    virtual std::optional<double> redrawAfter(const PanelContext& /*context*/) const { return std::nullopt; }
    // Parts that `--view NAME/PART` can open ("setup/participants"); selectPart returns false for an unknown part.
    virtual std::vector<std::string> parts() const { return {}; }
    virtual bool selectPart(std::string_view /*part*/) { return false; }
    // Waits for what the view runs in the background (a re-plan, another plan), so that a screenshot shows its
    // outcome rather than its progress. Live windows never wait.
    virtual void finishBackgroundWork() {}
    // File > Import participants: the view that imports opens its import dialog starting in `folder` and returns
    // true; the others return false.
    virtual bool startImport(const std::filesystem::path& /*folder*/) { return false; }
    // What the view remembers between runs (an order the organiser chose): written into `settings` every frame and
    // read back when the views are made again.
    virtual void rememberIn(Settings& /*settings*/) const {}
    virtual void restoreFrom(const Settings& /*settings*/) {}
};

std::vector<std::unique_ptr<Workspace>> createWorkspaces();

}  // namespace worldcafe::gui
