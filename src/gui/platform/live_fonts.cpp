#include "live_fonts.hpp"

#include <imgui_freetype.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "fonts.hpp"

namespace worldcafe::gui {

namespace {

// Digits, the colon, signs and the space: all a countdown needs.
constexpr ImWchar kClockRanges[] = {0x0020, 0x0020, 0x002B, 0x003A, 0x2212, 0x2212, 0};
// Latin, punctuation (— · …), arrows (→) and symbols (★) for the projector's text, besides the session's own.
constexpr ImWchar kTextRanges[] = {0x0020, 0x017F, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2600, 0x26FF, 0};

const char* nameOf(LiveFont which) {
    switch (which) {
        case LiveFont::ConsoleClock: return "worldcafe-console-clock";
        case LiveFont::Countdown: return "worldcafe-countdown";
        case LiveFont::Title: return "worldcafe-projector-title";
        case LiveFont::Body: return "worldcafe-projector-body";
    }
    return "";
}

ImFontConfig configFor(LiveFont which, bool merge) {
    ImFontConfig config;
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    config.MergeMode = merge;
    std::strncpy(config.Name, nameOf(which), sizeof(config.Name) - 1);
    return config;
}

// The Latin face with the Hangul face merged in where the ranges ask for Hangul. False when neither file exists.
bool addLiveFace(ImFontAtlas& atlas, LiveFont which, float size, const char* latin, const char* hangul,
                 const ImWchar* ranges, bool withHangul) {
    const char* primary = fontFileExists(latin) ? latin : fontFileExists(hangul) ? hangul : nullptr;
    if (!primary) return false;
    ImFontConfig config = configFor(which, false);
    if (!atlas.AddFontFromFileTTF(primary, std::round(size), &config, ranges)) return false;
    if (withHangul && primary != hangul && fontFileExists(hangul)) {
        ImFontConfig merge = configFor(which, true);
        atlas.AddFontFromFileTTF(hangul, std::round(size), &merge, ranges);
    }
    return true;
}

}  // namespace

void addLiveFonts(ImFontAtlas& atlas, const LiveFontPlan& plan) {
    // The atlas keeps pointers to the glyph ranges until it is rebuilt, so they live here between builds.
    static ImVector<ImWchar> textRanges;
    const char* latinBold = boldOr(kLatinBoldFont, kLatinFont).path;
    const char* hangulBold = boldOr(kHangulBoldFont, kHangulFont).path;
    bool added = false;
    if (plan.consoleClock > 0.0f)
        added |= addLiveFace(atlas, LiveFont::ConsoleClock, plan.consoleClock, latinBold, hangulBold, kClockRanges,
                             false);
    if (plan.projectorHeight > 0.0f) {
        const float height = plan.projectorHeight;
        added |= addLiveFace(atlas, LiveFont::Countdown, std::max(height * kCountdownShare, 24.0f), latinBold,
                             hangulBold, kClockRanges, false);
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(kTextRanges);
        builder.AddText(plan.glyphText.c_str());
        textRanges.clear();
        builder.BuildRanges(&textRanges);
        added |= addLiveFace(atlas, LiveFont::Title, std::max(height * kTitleShare, 16.0f), latinBold, hangulBold,
                             textRanges.Data, true);
        added |= addLiveFace(atlas, LiveFont::Body, std::max(height * kBodyShare, 13.0f), kLatinFont.path,
                             kHangulFont.path, textRanges.Data, true);
    }
    if (added) atlas.Build();
}

DigitInk digitInk(const ImFont* font, float size) {
    const float scale = size / font->FontSize;
    if (const ImFontGlyph* zero = font->FindGlyphNoFallback('0'))
        return {zero->Y0 * scale, (zero->Y1 - zero->Y0) * scale};
    return {font->Ascent * scale - size * 0.65f, size * 0.65f};
}

ImFont* liveFont(LiveFont which) {
    if (!ImGui::GetCurrentContext()) return nullptr;
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const char* name = nameOf(which);
    for (ImFont* font : atlas->Fonts)
        if (font->ConfigData && std::strcmp(font->ConfigData->Name, name) == 0 && font->IsLoaded()) return font;
    return nullptr;
}

}  // namespace worldcafe::gui
