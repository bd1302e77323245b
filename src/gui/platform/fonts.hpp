#pragma once
// The UI font (DejaVu Sans with NanumGothic merged for Hangul) and a larger bold heading font, rasterised by
// FreeType. Fonts are looked up in the system's font folders; a missing one falls back to ImGui's built-in font
// and is reported with the Debian package that provides it.

#include <imgui.h>

#include <string>
#include <vector>

namespace worldcafe::gui {

inline constexpr float kBaseFontPixels = 17.0f;
inline constexpr float kHeadingScale = 1.5f;

struct FontReport {
    std::vector<std::string> missingPackages;  // e.g. "fonts-nanum"
    bool hangul = false;                       // Korean text will show as glyphs, not boxes
};

// Rebuilds `atlas` (index 0: UI font, index 1: heading font). The heading font carries Latin plus only the
// characters in `headingText`: a full Hangul set at heading size would triple the texture.
FontReport buildFonts(ImFontAtlas& atlas, float pixelSize, const std::string& headingText);

}  // namespace worldcafe::gui
