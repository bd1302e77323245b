// Where the projector's window goes when it is a window: wholly on its screen's work area, whatever it asked for.
#include <doctest/doctest.h>

#include "window_placement.hpp"

using namespace worldcafe::gui;

TEST_CASE("window placement: a window that fits keeps its size and is centred in the work area") {
    const ScreenRect area{1920, 0, 1920, 1050};  // a second screen right of the first, a 30 px panel at the bottom
    CHECK(placeWithin(area, 1280, 720) == ScreenRect{1920 + 320, 165, 1280, 720});
}

TEST_CASE("window placement: a window bigger than the work area shrinks, keeping its proportions, inside it") {
    const ScreenRect area{0, 27, 1024, 741};  // 1024x768 with a top bar
    const FrameExtents frame{2, 30, 2, 2};
    const ScreenRect placed = placeWithin(area, 1280, 720, frame);
    CHECK(placed.x - frame.left >= area.x);
    CHECK(placed.y - frame.top >= area.y);
    CHECK(placed.x + placed.width + frame.right <= area.x + area.width);
    CHECK(placed.y + placed.height + frame.bottom <= area.y + area.height);
    CHECK(placed.width == 1020);
    CHECK(placed.height == 573);  // 1020 * 9/16, rounded down
}

TEST_CASE("window placement: screens left of or above the primary one have negative origins") {
    const ScreenRect area{-1280, -200, 1280, 1024};
    const ScreenRect placed = placeWithin(area, 1600, 900);
    CHECK(placed.x >= -1280);
    CHECK(placed.x + placed.width <= 0);
    CHECK(placed.y >= -200);
    CHECK(placed.y + placed.height <= 824);
    CHECK(placed.width == 1280);
    CHECK(placed.height == 720);
}

TEST_CASE("window placement: odd sizes never end up empty or outside") {
    CHECK(placeWithin({0, 0, 800, 600}, 0, -5) == ScreenRect{399, 299, 1, 1});
    const ScreenRect tall = placeWithin({0, 0, 800, 600}, 100, 5000);
    CHECK(tall.height == 600);
    CHECK(tall.width == 12);
    // A tiny work area smaller than the decorations: still at least a pixel, at its corner.
    const ScreenRect tiny = placeWithin({10, 10, 20, 20}, 1280, 720, {15, 15, 15, 15});
    CHECK(tiny.width >= 1);
    CHECK(tiny.height >= 1);
    // An unknown work area (no size): the size asked for, at its origin.
    CHECK(placeWithin({100, 50, 0, 0}, 640, 480) == ScreenRect{100, 50, 640, 480});
}
