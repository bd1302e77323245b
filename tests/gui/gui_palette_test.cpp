// The themes' palettes, computed: high contrast keeps every text colour at 7:1 or more (WCAG AAA) on every background
// it is drawn on, the light theme at 4.5:1 (AA), and the projector's text stands out from its wall in every theme.
#include <doctest/doctest.h>

#include <imgui.h>

#include <utility>
#include <vector>

#include "palette.hpp"

using namespace worldcafe::gui;

namespace {

struct Named {
    const char* name;
    ImVec4 colour;
};

// Text colours and the backgrounds they are drawn on, translucent ones composited over the window's background.
std::vector<Named> texts(const Palette& p) {
    return {{"Text", p.style[ImGuiCol_Text]}, {"TextDisabled", p.style[ImGuiCol_TextDisabled]},
            {"error", p.error},               {"warning", p.warning},
            {"success", p.success},           {"muted", p.muted}};
}

std::vector<Named> backgrounds(const Palette& p) {
    const ImVec4 window = p.style[ImGuiCol_WindowBg];
    std::vector<Named> list;
    for (auto [name, index] : std::initializer_list<std::pair<const char*, int>>{
             {"WindowBg", ImGuiCol_WindowBg}, {"ChildBg", ImGuiCol_ChildBg}, {"PopupBg", ImGuiCol_PopupBg},
             {"MenuBarBg", ImGuiCol_MenuBarBg}, {"FrameBg", ImGuiCol_FrameBg}, {"TableHeaderBg", ImGuiCol_TableHeaderBg},
             {"TableRowBgAlt", ImGuiCol_TableRowBgAlt}})
        list.push_back({name, composite(p.style[index], window)});
    return list;
}

// Only the main text is drawn on what is hovered, pressed or selected.
std::vector<Named> interactiveBackgrounds(const Palette& p) {
    const ImVec4 window = p.style[ImGuiCol_WindowBg];
    std::vector<Named> list;
    for (auto [name, index] : std::initializer_list<std::pair<const char*, int>>{
             {"FrameBgHovered", ImGuiCol_FrameBgHovered}, {"FrameBgActive", ImGuiCol_FrameBgActive},
             {"Button", ImGuiCol_Button}, {"ButtonHovered", ImGuiCol_ButtonHovered},
             {"ButtonActive", ImGuiCol_ButtonActive}, {"Header", ImGuiCol_Header},
             {"HeaderHovered", ImGuiCol_HeaderHovered}, {"HeaderActive", ImGuiCol_HeaderActive},
             {"Tab", ImGuiCol_Tab}, {"TabHovered", ImGuiCol_TabHovered}, {"TabActive", ImGuiCol_TabActive},
             {"TextSelectedBg", ImGuiCol_TextSelectedBg}})
        list.push_back({name, composite(p.style[index], window)});
    list.push_back({"banner", p.banner});
    return list;
}

void requireContrast(const Palette& palette, float minimum) {
    for (const Named& text : texts(palette))
        for (const Named& background : backgrounds(palette)) {
            CAPTURE(text.name);
            CAPTURE(background.name);
            CHECK(contrastRatio(text.colour, background.colour) >= minimum);
        }
    for (const Named& background : interactiveBackgrounds(palette)) {
        CAPTURE(background.name);
        CHECK(contrastRatio(palette.style[ImGuiCol_Text], background.colour) >= minimum);
    }
    const ProjectorColours& wall = palette.projector;
    for (ImU32 background : {wall.background, wall.card})
        for (ImU32 text : {wall.text, wall.muted, wall.paused}) {
            CAPTURE(text);
            CAPTURE(background);
            CHECK(contrastRatio(ImGui::ColorConvertU32ToFloat4(text), ImGui::ColorConvertU32ToFloat4(background)) >=
                  minimum);
        }
    // A row a re-plan changed: its word on its tint, over the wall.
    const ImVec4 updatedRow = composite(ImGui::ColorConvertU32ToFloat4(wall.updatedRow),
                                        ImGui::ColorConvertU32ToFloat4(wall.background));
    CHECK(contrastRatio(ImGui::ColorConvertU32ToFloat4(wall.updatedText), updatedRow) >= minimum);
    CHECK(contrastRatio(ImGui::ColorConvertU32ToFloat4(wall.text), updatedRow) >= minimum);
}

}  // namespace

TEST_CASE("palette: the contrast ratio is WCAG's") {
    CHECK(contrastRatio({0, 0, 0, 1}, {1, 1, 1, 1}) == doctest::Approx(21.0f));
    CHECK(contrastRatio({1, 1, 1, 1}, {1, 1, 1, 1}) == doctest::Approx(1.0f));
    // #767676 on white: the well-known 4.54:1.
    CHECK(contrastRatio({118 / 255.0f, 118 / 255.0f, 118 / 255.0f, 1}, {1, 1, 1, 1}) == doctest::Approx(4.54f).epsilon(0.01));
    CHECK(composite({1, 1, 1, 0.5f}, {0, 0, 0, 1}).x == doctest::Approx(0.5f));
}

TEST_CASE("palette: high contrast keeps every text colour at 7:1 or more, with thick borders") {
    const Palette& palette = paletteFor(UiTheme::HighContrast);
    requireContrast(palette, 7.0f);
    CHECK(palette.borderSize >= 2.0f);
    CHECK(contrastRatio(palette.style[ImGuiCol_Border], palette.style[ImGuiCol_WindowBg]) >= 7.0f);
}

TEST_CASE("palette: the light theme reads at 4.5:1 or more, and its projector is light") {
    const Palette& palette = paletteFor(UiTheme::Light);
    requireContrast(palette, 4.5f);
    CHECK(ImGui::ColorConvertU32ToFloat4(palette.projector.background).x > 0.9f);
}

TEST_CASE("palette: theme names round-trip, and the current palette follows the theme") {
    for (UiTheme theme : kAllThemes) CHECK(themeFromName(themeName(theme)) == theme);
    CHECK(!themeFromName("neon"));
    const Palette& current = currentPalette();
    setCurrentTheme(UiTheme::Light);
    CHECK(current.id == UiTheme::Light);
    CHECK(current.projector.background == paletteFor(UiTheme::Light).projector.background);
    setCurrentTheme(UiTheme::Dark);
    CHECK(current.id == UiTheme::Dark);
}
