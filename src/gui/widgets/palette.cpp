#include "palette.hpp"

#include <cmath>
#include <cstdint>
#include <utility>

namespace worldcafe::gui {

namespace {

ImVec4 hex(std::uint32_t rgb, float alpha = 1.0f) {
    return {((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f, alpha};
}

constexpr ImU32 hex32(std::uint32_t rgb, std::uint32_t alpha = 255) {
    return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

void copyStyle(Palette& palette, const ImGuiStyle& style) {
    for (int i = 0; i < ImGuiCol_COUNT; ++i) palette.style[i] = style.Colors[i];
}

Palette dark() {
    Palette p;
    p.id = UiTheme::Dark;
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    copyStyle(p, style);
    ImVec4* c = p.style;
    c[ImGuiCol_WindowBg] = {0.11f, 0.12f, 0.14f, 1.0f};
    c[ImGuiCol_ChildBg] = {0.13f, 0.14f, 0.16f, 1.0f};
    c[ImGuiCol_PopupBg] = {0.13f, 0.14f, 0.17f, 0.98f};
    c[ImGuiCol_MenuBarBg] = {0.15f, 0.16f, 0.19f, 1.0f};
    c[ImGuiCol_FrameBg] = {0.19f, 0.21f, 0.25f, 1.0f};
    c[ImGuiCol_TableRowBgAlt] = {1.0f, 1.0f, 1.0f, 0.03f};
    c[ImGuiCol_Text] = {0.93f, 0.94f, 0.95f, 1.0f};
    c[ImGuiCol_TextDisabled] = {0.60f, 0.62f, 0.66f, 1.0f};
    p.error = {0.94f, 0.33f, 0.31f, 1.0f};
    p.warning = {0.96f, 0.76f, 0.26f, 1.0f};
    p.success = {0.40f, 0.78f, 0.45f, 1.0f};
    p.muted = {0.62f, 0.64f, 0.68f, 1.0f};
    p.banner = {0.42f, 0.31f, 0.06f, 1.0f};
    p.borderSize = 0.0f;
    p.projector = {hex32(0x000000), hex32(0x1E1F24), hex32(0xFFFFFF), hex32(0xBEC0C6), hex32(0x3A3C44),
                   hex32(0x787A80), hex32(0xA5A7AC), hex32(0xFFFFFF), hex32(0xFFFFFF, 14),
                   hex32(0xF0E442, 46), hex32(0xF0E442)};
    return p;
}

// A bright room: dark text on white, accents dark enough to read at 4.5:1 or better.
Palette light() {
    Palette p;
    p.id = UiTheme::Light;
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    copyStyle(p, style);
    ImVec4* c = p.style;
    c[ImGuiCol_Text] = hex(0x16181D);
    c[ImGuiCol_TextDisabled] = hex(0x5B6068);
    c[ImGuiCol_WindowBg] = hex(0xF4F5F7);
    c[ImGuiCol_ChildBg] = hex(0xFFFFFF);
    c[ImGuiCol_PopupBg] = hex(0xFFFFFF, 0.99f);
    c[ImGuiCol_MenuBarBg] = hex(0xE6E8EC);
    c[ImGuiCol_FrameBg] = hex(0xE3E6EB);
    c[ImGuiCol_FrameBgHovered] = hex(0xD3DAE6);
    c[ImGuiCol_FrameBgActive] = hex(0xC3CEE0);
    c[ImGuiCol_Border] = hex(0xB9BEC7);
    c[ImGuiCol_Button] = hex(0xD6E2F5);
    c[ImGuiCol_ButtonHovered] = hex(0xBCD1F0);
    c[ImGuiCol_ButtonActive] = hex(0x9DBCEB);
    c[ImGuiCol_Header] = hex(0xCFDDF3);
    c[ImGuiCol_HeaderHovered] = hex(0xBCD1F0);
    c[ImGuiCol_HeaderActive] = hex(0xA8C3EC);
    c[ImGuiCol_Tab] = hex(0xDDE2EA);
    c[ImGuiCol_TabHovered] = hex(0xBCD1F0);
    c[ImGuiCol_TabActive] = hex(0xFFFFFF);
    c[ImGuiCol_TabUnfocused] = hex(0xDDE2EA);
    c[ImGuiCol_TabUnfocusedActive] = hex(0xF4F5F7);
    c[ImGuiCol_TableHeaderBg] = hex(0xE3E6EB);
    c[ImGuiCol_TableRowBgAlt] = hex(0x000000, 0.03f);
    c[ImGuiCol_CheckMark] = hex(0x1A5FB4);
    c[ImGuiCol_PlotHistogram] = hex(0x1A5FB4);
    p.error = hex(0xB42318);
    p.warning = hex(0x8A5300);
    p.success = hex(0x1B6E2E);
    p.muted = hex(0x5B6068);
    p.banner = hex(0xFBE3A6);
    p.borderSize = 1.0f;
    p.projector = {hex32(0xFFFFFF), hex32(0xECEEF2), hex32(0x000000), hex32(0x3F434A), hex32(0xC9CDD4),
                   hex32(0x8A8E96), hex32(0x5B6068), hex32(0x000000), hex32(0x000000, 12),
                   hex32(0xF0E442, 110), hex32(0x7A4A00)};
    return p;
}

// White and yellow on black, thick borders: every text colour at 7:1 or more on every background it is drawn on
// (WCAG AAA), which the palette test checks.
Palette highContrast() {
    Palette p;
    p.id = UiTheme::HighContrast;
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    copyStyle(p, style);
    ImVec4* c = p.style;
    const ImVec4 black = hex(0x000000);
    const ImVec4 white = hex(0xFFFFFF);
    const ImVec4 yellow = hex(0xFFE14D);
    c[ImGuiCol_Text] = white;
    c[ImGuiCol_TextDisabled] = hex(0xC4C4C4);
    c[ImGuiCol_WindowBg] = black;
    c[ImGuiCol_ChildBg] = black;
    c[ImGuiCol_PopupBg] = black;
    c[ImGuiCol_MenuBarBg] = black;
    c[ImGuiCol_Border] = white;
    c[ImGuiCol_BorderShadow] = hex(0x000000, 0.0f);
    c[ImGuiCol_FrameBg] = hex(0x141414);
    c[ImGuiCol_FrameBgHovered] = hex(0x2A2A2A);
    c[ImGuiCol_FrameBgActive] = hex(0x303030);
    c[ImGuiCol_TitleBg] = black;
    c[ImGuiCol_TitleBgActive] = hex(0x1A1A1A);
    c[ImGuiCol_TitleBgCollapsed] = black;
    c[ImGuiCol_ScrollbarBg] = black;
    c[ImGuiCol_ScrollbarGrab] = hex(0xBDBDBD);
    c[ImGuiCol_ScrollbarGrabHovered] = white;
    c[ImGuiCol_ScrollbarGrabActive] = yellow;
    c[ImGuiCol_CheckMark] = yellow;
    c[ImGuiCol_SliderGrab] = yellow;
    c[ImGuiCol_SliderGrabActive] = white;
    c[ImGuiCol_Button] = hex(0x141414);
    c[ImGuiCol_ButtonHovered] = hex(0x2A2A2A);
    c[ImGuiCol_ButtonActive] = hex(0x0A3D91);
    c[ImGuiCol_Header] = hex(0x0A3D91);
    c[ImGuiCol_HeaderHovered] = hex(0x1F4FA8);
    c[ImGuiCol_HeaderActive] = hex(0x0A3D91);
    c[ImGuiCol_Separator] = white;
    c[ImGuiCol_SeparatorHovered] = yellow;
    c[ImGuiCol_SeparatorActive] = yellow;
    c[ImGuiCol_ResizeGrip] = white;
    c[ImGuiCol_ResizeGripHovered] = yellow;
    c[ImGuiCol_ResizeGripActive] = yellow;
    c[ImGuiCol_Tab] = black;
    c[ImGuiCol_TabHovered] = hex(0x2A2A2A);
    c[ImGuiCol_TabActive] = hex(0x0A3D91);
    c[ImGuiCol_TabUnfocused] = black;
    c[ImGuiCol_TabUnfocusedActive] = hex(0x1A1A1A);
    c[ImGuiCol_PlotLines] = yellow;
    c[ImGuiCol_PlotLinesHovered] = white;
    c[ImGuiCol_PlotHistogram] = yellow;
    c[ImGuiCol_PlotHistogramHovered] = white;
    c[ImGuiCol_TableHeaderBg] = hex(0x1A1A1A);
    c[ImGuiCol_TableBorderStrong] = white;
    c[ImGuiCol_TableBorderLight] = hex(0xBDBDBD);
    c[ImGuiCol_TableRowBg] = hex(0x000000, 0.0f);
    c[ImGuiCol_TableRowBgAlt] = hex(0xFFFFFF, 0.06f);
    c[ImGuiCol_TextSelectedBg] = hex(0x0A3D91);
    c[ImGuiCol_DragDropTarget] = yellow;
    c[ImGuiCol_NavHighlight] = yellow;
    c[ImGuiCol_NavWindowingHighlight] = yellow;
    c[ImGuiCol_NavWindowingDimBg] = hex(0x000000, 0.7f);
    c[ImGuiCol_ModalWindowDimBg] = hex(0x000000, 0.7f);
    p.error = hex(0xFF9E9E);
    p.warning = yellow;
    p.success = hex(0x7DF59A);
    p.muted = hex(0xD0D0D0);
    p.banner = hex(0x4A3200);
    p.borderSize = 2.0f;
    p.projector = {hex32(0x000000), hex32(0x000000), hex32(0xFFFFFF), hex32(0xE0E0E0), hex32(0x8A8A8A),
                   hex32(0x9A9A9A), hex32(0xE0E0E0), hex32(0xFFFFFF), hex32(0xFFFFFF, 24),
                   hex32(0xFFE14D, 24), hex32(0xFFE14D)};
    return p;
}

Palette& mutableCurrent() {
    static Palette current = dark();
    return current;
}

float channel(float value) {
    return value <= 0.04045f ? value / 12.92f : std::pow((value + 0.055f) / 1.055f, 2.4f);
}

float luminance(const ImVec4& colour) {
    return 0.2126f * channel(colour.x) + 0.7152f * channel(colour.y) + 0.0722f * channel(colour.z);
}

}  // namespace

const Palette& paletteFor(UiTheme theme) {
    static const Palette palettes[] = {dark(), light(), highContrast()};
    return palettes[static_cast<int>(theme)];
}

const Palette& currentPalette() { return mutableCurrent(); }

void setCurrentTheme(UiTheme theme) { mutableCurrent() = paletteFor(theme); }

const char* themeName(UiTheme theme) {
    switch (theme) {
    case UiTheme::Light: return "light";
    case UiTheme::HighContrast: return "high-contrast";
    case UiTheme::Dark: break;
    }
    return "dark";
}

std::optional<UiTheme> themeFromName(std::string_view name) {
    for (UiTheme theme : kAllThemes)
        if (name == themeName(theme)) return theme;
    return std::nullopt;
}

const char* themeLabelKey(UiTheme theme) {
    switch (theme) {
    case UiTheme::Light: return "menu.view.theme.light";
    case UiTheme::HighContrast: return "menu.view.theme.high_contrast";
    case UiTheme::Dark: break;
    }
    return "menu.view.theme.dark";
}

ImVec4 composite(const ImVec4& colour, const ImVec4& background) {
    const float a = colour.w;
    return {colour.x * a + background.x * (1 - a), colour.y * a + background.y * (1 - a),
            colour.z * a + background.z * (1 - a), 1.0f};
}

float contrastRatio(const ImVec4& a, const ImVec4& b) {
    float la = luminance(a);
    float lb = luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05f) / (lb + 0.05f);
}

}  // namespace worldcafe::gui
