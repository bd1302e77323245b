#pragma once

#include <optional>

#include "panel.hpp"

namespace worldcafe::gui {

// The control a key stands for: Space pauses or resumes (or starts), N skips to the next phase, + and − add or take
// a minute. nullopt for any other key. Shared by the console and the keys pressed in the projector window.
std::optional<Action> timerShortcut(const Timer& timer, const Session& session, int glfwKey);

// True while a text field has the keyboard: then Space and N are typing, not controls.
bool textFieldActive();

// The facilitator's clock: phase, time left in large digits, progress, what comes next, and the controls. Every
// control is an action from the Timer (an AppendTimeline stamped with the time), emitted like any other change.
class TimerPanel {
public:
    void draw(const PanelContext& context);
    // Emits the action for the shortcut keys pressed this frame, unless a text field or a popup has the keyboard.
    static void handleShortcuts(const PanelContext& context);

private:
    void drawClock(const PanelContext& context, const TimerState& state);
    void drawControls(const PanelContext& context, const TimerState& state);
    void drawNext(const PanelContext& context, const TimerState& state);
};

}  // namespace worldcafe::gui
