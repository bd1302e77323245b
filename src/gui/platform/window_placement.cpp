#include "window_placement.hpp"

#include <algorithm>
#include <cmath>

namespace worldcafe::gui {

ScreenRect placeWithin(const ScreenRect& workArea, int width, int height, const FrameExtents& frame) {
    width = std::max(width, 1);
    height = std::max(height, 1);
    if (workArea.width <= 0 || workArea.height <= 0)
        return {workArea.x + frame.left, workArea.y + frame.top, width, height};
    const int availableWidth = std::max(workArea.width - frame.left - frame.right, 1);
    const int availableHeight = std::max(workArea.height - frame.top - frame.bottom, 1);
    const double scale = std::min({1.0, static_cast<double>(availableWidth) / width,
                                   static_cast<double>(availableHeight) / height});
    ScreenRect placed;
    placed.width = std::clamp(static_cast<int>(std::floor(width * scale)), 1, availableWidth);
    placed.height = std::clamp(static_cast<int>(std::floor(height * scale)), 1, availableHeight);
    placed.x = workArea.x + frame.left + (availableWidth - placed.width) / 2;
    placed.y = workArea.y + frame.top + (availableHeight - placed.height) / 2;
    return placed;
}

}  // namespace worldcafe::gui
