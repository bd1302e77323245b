#include "setup_view.hpp"
#include "workspace.hpp"

namespace worldcafe::gui {

std::vector<std::unique_ptr<Workspace>> createWorkspaces() {
    std::vector<std::unique_ptr<Workspace>> workspaces;
    workspaces.push_back(std::make_unique<SetupView>());
    return workspaces;
}

}  // namespace worldcafe::gui
