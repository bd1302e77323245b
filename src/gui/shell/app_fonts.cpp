// The App's language, zoom, fonts and style.

#include "app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app_internal.hpp"
#include "app_platform.hpp"
#include "fonts.hpp"
#include "i18n.hpp"
#include "live_fonts.hpp"

namespace worldcafe::gui {

using app_detail::kMaxZoom;
using app_detail::kMinZoom;

namespace {

void applyStyle(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.0f;
    style.ChildRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.PopupRounding = 4.0f;
    style.GrabRounding = 3.0f;
    style.TabRounding = 4.0f;
    style.FramePadding = {7.0f, 4.0f};
    style.ItemSpacing = {9.0f, 6.0f};
    style.CellPadding = {6.0f, 4.0f};
    style.WindowPadding = {12.0f, 10.0f};
    style.ScrollbarSize = 15.0f;
    ImVec4* colours = style.Colors;
    colours[ImGuiCol_WindowBg] = {0.11f, 0.12f, 0.14f, 1.0f};
    colours[ImGuiCol_ChildBg] = {0.13f, 0.14f, 0.16f, 1.0f};
    colours[ImGuiCol_PopupBg] = {0.13f, 0.14f, 0.17f, 0.98f};
    colours[ImGuiCol_MenuBarBg] = {0.15f, 0.16f, 0.19f, 1.0f};
    colours[ImGuiCol_FrameBg] = {0.19f, 0.21f, 0.25f, 1.0f};
    colours[ImGuiCol_TableRowBgAlt] = {1.0f, 1.0f, 1.0f, 0.03f};
    colours[ImGuiCol_Text] = {0.93f, 0.94f, 0.95f, 1.0f};
    colours[ImGuiCol_TextDisabled] = {0.60f, 0.62f, 0.66f, 1.0f};
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace

// [SECTION] language, zoom and fonts

void App::setLanguage(const std::string& language) {
    m_language = isSupportedLanguage(language) ? language : "en";
    gui::setLanguage(m_language);
    for (std::string& problem : takeTranslationProblems()) notify(NoticeKind::Warning, std::move(problem));
    if (headingText() != m_headingText) m_fontsDirty = true;
}

void App::setZoom(float zoom) {
    zoom = std::clamp(std::round(zoom * 10.0f) / 10.0f, kMinZoom, kMaxZoom);
    if (zoom == m_zoom) return;
    m_zoom = zoom;
    m_fontsDirty = true;
    notify(NoticeKind::Info, trf("view.zoom_now", {std::to_string(static_cast<int>(std::lround(zoom * 100.0f)))}));
}

std::string App::sessionHeadings(const Session& session) {
    // The live views head their tables with the menu's title.
    std::string text = session.event.title;
    for (const Menu& menu : session.menus) text += menu.title;
    return text;
}

std::string App::headingText() const {
    std::string text = allTranslatedText();
    if (m_engine) text += sessionHeadings(shownSession());
    return text;
}

void App::rebuildFonts() {
    // Glyphs are rasterised for the screen's pixels. Where window coordinates are logical points (the framebuffer
    // has more pixels than the window has coordinates), ImGui draws them scaled back down, so they stay sharp.
    const float framebufferScale = std::max(m_platform.framebufferScale(), 1.0f);
    const float contentScale = std::max(m_platform.contentScale(), framebufferScale);
    m_fontPixels = std::round(kBaseFontPixels * contentScale * m_zoom);
    m_headingText = headingText();
    FontReport report = buildFonts(*ImGui::GetIO().Fonts, m_fontPixels, m_headingText);
    LiveFontPlan live;
    live.consoleClock = std::round(m_fontPixels * kConsoleClockEm);
    live.projectorHeight = projectorFontHeight();
    if (live.projectorHeight > 0.0f && m_engine) live.glyphText = ProjectorView::glyphText(shownSession());
    addLiveFonts(*ImGui::GetIO().Fonts, live);
    m_projectorFontPixels = live.projectorHeight;
    m_glyphsCheckedRevision = m_engine ? m_engine->revision() : UINT64_MAX;
    m_glyphsCheckedLanguage = m_language;
    ImGui::GetIO().FontGlobalScale = 1.0f / framebufferScale;
    m_platform.reloadFontTexture();
    applyStyle(m_fontPixels / framebufferScale / kBaseFontPixels);
    m_fontsDirty = false;
    if (!report.missingPackages.empty() && !m_fontWarningShown) {
        std::string packages;
        for (const std::string& package : report.missingPackages) packages += (packages.empty() ? "" : " ") + package;
        notify(NoticeKind::Warning, trf("fonts.missing", {packages}));
        m_fontWarningShown = true;
    }
}

}  // namespace worldcafe::gui
