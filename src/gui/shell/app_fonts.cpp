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
#include "palette.hpp"

namespace worldcafe::gui {

using app_detail::kMaxZoom;
using app_detail::kMinZoom;

namespace {

void applyStyle(float scale) {
    const Palette& palette = currentPalette();
    ImGuiStyle style;
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
    // Borders set fields off from the page where the colours alone do not (light, and high contrast, thickly).
    style.FrameBorderSize = palette.borderSize;
    style.PopupBorderSize = std::max(palette.borderSize, 1.0f);
    style.WindowBorderSize = std::max(palette.borderSize, 1.0f);
    style.ChildBorderSize = std::max(palette.borderSize, 1.0f);
    style.TabBorderSize = palette.borderSize;
    for (int i = 0; i < ImGuiCol_COUNT; ++i) style.Colors[i] = palette.style[i];
    style.ScaleAllSizes(scale);
    // ScaleAllSizes leaves borders alone: at 2x zoom or on a 4K projector a 2 px border reads as 1 px.
    const float borderScale = std::round(std::max(scale, 1.0f));
    for (float* border : {&style.FrameBorderSize, &style.PopupBorderSize, &style.WindowBorderSize,
                          &style.ChildBorderSize, &style.TabBorderSize})
        *border *= borderScale;
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

void App::setTheme(UiTheme theme) {
    m_theme = theme;
    setCurrentTheme(theme);
    // The style is scaled with the fonts: rebuilt together.
    m_fontsDirty = true;
    m_projectorDrawnRevision = UINT64_MAX;
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
