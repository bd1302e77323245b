#include "console_view.hpp"
#include "harvest_view.hpp"
#include "host_view.hpp"
#include "plan_view.hpp"
#include "setup_view.hpp"
#include "workspace.hpp"

namespace worldcafe::gui {

std::vector<std::unique_ptr<Workspace>> createWorkspaces() {
    std::vector<std::unique_ptr<Workspace>> workspaces;
    workspaces.push_back(std::make_unique<SetupView>());
    workspaces.push_back(std::make_unique<PlanView>());
    workspaces.push_back(std::make_unique<ConsoleView>());
    workspaces.push_back(std::make_unique<HostView>());
    workspaces.push_back(std::make_unique<HarvestView>());
    return workspaces;
}

}  // namespace worldcafe::gui
