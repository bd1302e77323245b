#pragma once
// "Revert to last save…" and "Recover…": the GUI only asks and shows; the Engine keeps what a revert undoes and
// journals the revert itself, so going back is explicit and can always be taken back.

#include <functional>
#include <string>

#include "modals.hpp"
#include "toasts.hpp"
#include "worldcafe/engine.hpp"

namespace worldcafe::gui {

// The engine as it is when the user answers (null: none); the question may outlive the one it was asked about.
using EngineSource = std::function<Engine*()>;

// "3 notes, 2 timer changes since 14:02", translated.
std::string describeChanges(const ChangeSummary& changes);

// Says what the revert will undo and where the undone state will be kept; reverts on "Revert".
void askRevert(Modals& modals, const EngineSource& engine, Toasts& toasts);
// Lists the states kept beside the session, newest first; brings back the one chosen.
void askRecover(Modals& modals, const EngineSource& engine, Toasts& toasts);

}  // namespace worldcafe::gui
