#pragma once

#include "panel.hpp"
#include "toasts.hpp"
#include "worldcafe/engine.hpp"

namespace worldcafe::gui {

// The one place where what the panels emitted reaches the engine: notices become toasts, actions go through
// Engine::apply in order. A rejected or failed action stops the rest (they may depend on it) and says why.
// Returns how many actions were applied.
int applyPanelOutput(Engine& engine, const PanelOutput& output, Toasts& toasts);

}  // namespace worldcafe::gui
