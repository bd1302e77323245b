#pragma once
// Where a window goes on a screen, as plain arithmetic (no window system), so that it can be tested: the projector's
// window once opened partly off its monitor.

namespace worldcafe::gui {

struct ScreenRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    bool operator==(const ScreenRect&) const = default;
};

// The window manager's decorations around a window's content, in screen coordinates.
struct FrameExtents {
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
};

// The content rectangle for a window that asks for `width`×`height` on a screen whose usable part (without panels and
// docks) is `workArea`: its size kept when it fits, else scaled down keeping its proportions; centred; with its
// decorations wholly inside the work area. A work area with no size (unknown) leaves the size and puts the window at
// its origin.
ScreenRect placeWithin(const ScreenRect& workArea, int width, int height, const FrameExtents& frame = {});

}  // namespace worldcafe::gui
