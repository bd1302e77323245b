#pragma once
// A window's picture kept between frames in an offscreen framebuffer, so a frame draws only what changed (see
// damage.hpp) and a frame that changed nothing is neither drawn nor swapped. Presenting copies the whole picture
// to the back buffer, whose contents after a swap OpenGL leaves undefined. Use it with its window's context current.

#include <imgui.h>

#include <vector>

#include "damage.hpp"

namespace worldcafe::gui {

class Canvas {
public:
    Canvas() = default;
    ~Canvas();  // the context it was made in must be current
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    // Draws the parts of `frame` that differ from the picture. Returns whether the picture changed.
    bool draw(ImDrawData& frame, const ImVec4& background);
    // Copies the picture to the current window's back buffer.
    void present() const;
    // The picture as RGBA rows, top row first.
    std::vector<unsigned char> readPixels(int& width, int& height) const;
    // The next draw repaints everything (a texture it shows was replaced).
    void invalidate() { m_damage.invalidate(); }

private:
    bool ensureFramebuffer(int width, int height);
    void release();

    DamageTracker m_damage;
    unsigned int m_framebuffer = 0;
    unsigned int m_colour = 0;
    int m_width = 0;
    int m_height = 0;
    // No offscreen framebuffer could be made: every frame is drawn straight into the back buffer, in full.
    bool m_direct = false;
    // WORLDCAFE_FULL_REDRAW=1 repaints every frame in full, to compare against partial drawing.
    bool m_alwaysFull = false;
    bool m_checkedEnvironment = false;
};

}  // namespace worldcafe::gui
