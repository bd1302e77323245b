#pragma once
// Every colour the GUI draws with, per theme, in one place: the ImGui style's colours, the few the panels name
// (errors, warnings, muted text) and the projector's. Projectors in bright rooms wash out dark screens, hence a light
// and a high-contrast theme beside the dark one. QR codes are the exception: always dark on light, for scanners.

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>

namespace worldcafe::gui {

enum class UiTheme { Dark, Light, HighContrast };

struct ProjectorColours {
    ImU32 background = 0;
    ImU32 card = 0;
    ImU32 text = 0;
    ImU32 muted = 0;
    ImU32 track = 0;
    ImU32 noMenu = 0;
    ImU32 paused = 0;
    ImU32 flash = 0;   // the end-of-phase pulse, drawn at up to 70/255 of its opacity
    ImU32 stripe = 0;  // every other row of the move list
    ImU32 updatedRow = 0;   // behind a row a re-plan changed
    ImU32 updatedText = 0;  // the word that says so, in place of the menu
};

struct Palette {
    UiTheme id = UiTheme::Dark;
    ImVec4 style[ImGuiCol_COUNT] = {};
    ImVec4 error;
    ImVec4 warning;
    ImVec4 success;
    ImVec4 muted;
    ImVec4 banner;  // the read-only banner's background (its text is style[ImGuiCol_Text])
    float borderSize = 0.0f;  // window, frame, popup and tab borders, before scaling
    ProjectorColours projector;
};

const Palette& paletteFor(UiTheme theme);
// The palette in use: panels read it while they draw. A reference that stays valid when the theme changes.
const Palette& currentPalette();
void setCurrentTheme(UiTheme theme);

// "dark", "light", "high-contrast": the names the settings and the command line use.
const char* themeName(UiTheme theme);
std::optional<UiTheme> themeFromName(std::string_view name);
// The i18n key of its menu label.
const char* themeLabelKey(UiTheme theme);
inline constexpr UiTheme kAllThemes[] = {UiTheme::Dark, UiTheme::Light, UiTheme::HighContrast};

// WCAG 2 contrast ratio of two opaque colours (1 to 21); `over` composites a translucent colour on a background.
float contrastRatio(const ImVec4& a, const ImVec4& b);
ImVec4 composite(const ImVec4& colour, const ImVec4& background);

}  // namespace worldcafe::gui
