#pragma once
// The UI font (DejaVu Sans with NanumGothic merged for Hangul) and a larger bold heading font, rasterised by
// FreeType. Fonts are looked up in the system's font folders; a missing one falls back to ImGui's built-in font
// and is reported with the Debian package that provides it.

#include <imgui.h>

#include <string>
#include <vector>

namespace worldcafe::gui {

// The faces the UI and the live views draw with: DejaVu Sans, with NanumGothic merged for Hangul (Debian's packages).
struct FontFile {
    const char* path;
    const char* package;
};
inline constexpr FontFile kLatinFont{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"};
inline constexpr FontFile kLatinBoldFont{"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core"};
inline constexpr FontFile kHangulFont{"/usr/share/fonts/truetype/nanum/NanumGothic.ttf", "fonts-nanum"};
inline constexpr FontFile kHangulBoldFont{"/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf", "fonts-nanum"};

bool fontFileExists(const char* path);
// `bold` when its file is installed, else `regular` (headings then stand out by size alone).
inline const FontFile& boldOr(const FontFile& bold, const FontFile& regular) {
    return fontFileExists(bold.path) ? bold : regular;
}

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
