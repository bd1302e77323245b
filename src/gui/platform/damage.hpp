#pragma once
// Which parts of a frame differ from the frame before, from ImGui's draw data alone (no OpenGL, so tests run it
// headless). A running round changes a countdown and a progress bar once a second; drawing only those parts keeps
// an idle café cheap on a software renderer, and a frame identical to the last one is not drawn at all.

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace worldcafe::gui {

// A rectangle in ImGui display coordinates, min inclusive, max exclusive.
struct DamageRect {
    ImVec2 min;
    ImVec2 max;
};

class DamageTracker {
public:
    // Side of the square cells the display is divided into, in display units.
    static constexpr float kCell = 32.0f;
    // Beyond this many rectangles, one rectangle around them all is cheaper to draw than many passes.
    static constexpr std::size_t kMaxRects = 12;

    // Compares `frame` with the frame given last time. Returns the rectangles to draw again: none when the two
    // would produce the same pixels, the whole display after invalidate(), a resize or a change of scale.
    std::vector<DamageRect> update(const ImDrawData& frame);
    // The next update reports the whole display (the pixels it kept were lost, or a texture changed).
    void invalidate() { m_valid = false; }

private:
    std::vector<std::uint64_t> m_cells;
    std::vector<std::uint64_t> m_scratch;
    std::vector<std::uint64_t> m_vertexHashes;
    ImVec2 m_displayPos{0.0f, 0.0f};
    ImVec2 m_displaySize{0.0f, 0.0f};
    ImVec2 m_scale{1.0f, 1.0f};
    int m_columns = 0;
    int m_rows = 0;
    bool m_valid = false;
};

// Narrows every command's clip rectangle to `rect` for one pass of the renderer; the destructor puts the original
// rectangles back. Commands wholly outside `rect` get an empty clip rectangle, which the backend skips.
class ClipToRect {
public:
    ClipToRect(ImDrawData& frame, const DamageRect& rect);
    ~ClipToRect();
    ClipToRect(const ClipToRect&) = delete;
    ClipToRect& operator=(const ClipToRect&) = delete;

private:
    ImDrawData& m_frame;
    std::vector<ImVec4> m_saved;
};

// Whether partial drawing gives the same pixels as a full one: the backend turns clip rectangles into pixels by
// truncation, which only agrees with the cell grid at whole-number scales and positions.
bool partialDrawingExact(const ImDrawData& frame);

}  // namespace worldcafe::gui
