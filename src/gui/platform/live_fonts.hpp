#pragma once
// The large fonts of the live views. A countdown read from the back of a room is a fifth of the screen tall; glyphs
// scaled up that far from the UI font would be a blur, so they are rasterised at the size they are shown. Only
// the characters the projector shows are built at projector sizes (digits for the countdown; the session's names,
// menus and the projector's own words for the text): a full Hangul set at 80 pixels would not fit a texture.

#include <imgui.h>

#include <string>

namespace worldcafe::gui {

enum class LiveFont { ConsoleClock, Countdown, Title, Body };

// Font sizes in pixels as a share of the projector's height; the projector view lays out with the same shares.
inline constexpr float kCountdownShare = 0.33f;  // the digits' ink is 0.65 of the size: 21% of the height
inline constexpr float kTitleShare = 0.062f;
inline constexpr float kBodyShare = 0.038f;
inline constexpr float kConsoleClockEm = 3.4f;

struct LiveFontPlan {
    float consoleClock = 0.0f;    // pixels; 0 leaves the font out
    float projectorHeight = 0.0f;  // 0: no projector fonts
    std::string glyphText;        // every character the projector's title and body fonts must carry
};

// Adds the live fonts to an atlas that buildFonts() has filled and builds it again.
void addLiveFonts(ImFontAtlas& atlas, const LiveFontPlan& plan);

// The font, or nullptr when it was not built (headless tests, no projector): callers then scale the UI font.
ImFont* liveFont(LiveFont which);

// Where a digit's ink is when `font` draws at `size`: from the line's top to the ink's top, and the ink's height.
// Layout places the digits themselves, not the line with its empty ascent, so the gaps around them look even.
struct DigitInk {
    float top = 0.0f;
    float height = 0.0f;
};
DigitInk digitInk(const ImFont* font, float size);

}  // namespace worldcafe::gui
