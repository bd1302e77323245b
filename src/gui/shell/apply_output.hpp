#pragma once

#include "panel.hpp"
#include "toasts.hpp"
#include "worldcafe/engine.hpp"

namespace worldcafe::gui {

// The one place where what the panels emitted reaches the engine: notices become toasts, and the frame's actions
// go through Engine::apply as one change (several as one Batch, in order): all of them or, when one is rejected or
// fails, none, said as a toast. Returns how many actions were applied (all or 0).
int applyPanelOutput(Engine& engine, const PanelOutput& output, Toasts& toasts);

}  // namespace worldcafe::gui
