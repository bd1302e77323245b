#include "fonts.hpp"

#include <imgui_freetype.h>

#include <cmath>
#include <filesystem>

namespace worldcafe::gui {

bool fontFileExists(const char* path) {
    std::error_code error;
    return std::filesystem::is_regular_file(path, error);
}

namespace {

// Latin with accents, punctuation (— “ ” … •), currency, arrows, box drawing and geometric shapes, symbols.
constexpr ImWchar kLatinRanges[] = {0x0020, 0x024F, 0x2000, 0x206F, 0x20A0, 0x20CF, 0x2100, 0x21FF,
                                    0x2460, 0x24FF, 0x2500, 0x27BF, 0xFFFD, 0xFFFD, 0};
// Hangul Jamo, CJK punctuation, compatibility Jamo, enclosed letters, all syllables, full-width forms.
constexpr ImWchar kHangulRanges[] = {0x1100, 0x11FF, 0x3000, 0x303F, 0x3130, 0x318F, 0x3200,
                                     0x32FF, 0xAC00, 0xD7A3, 0xFF00, 0xFFEF, 0};

void addMissing(FontReport& report, const char* package) {
    for (const std::string& known : report.missingPackages)
        if (known == package) return;
    report.missingPackages.push_back(package);
}

// Adds one face: the Latin file, with the Hangul file merged over `hangulRanges`. Returns false when neither file
// exists, so the caller falls back to the built-in font.
bool addFace(ImFontAtlas& atlas, float size, const FontFile& latin, const FontFile& hangul, const ImWchar* hangulRanges,
             FontReport& report) {
    bool haveLatin = fontFileExists(latin.path);
    bool haveHangul = fontFileExists(hangul.path);
    if (!haveLatin) addMissing(report, latin.package);
    if (!haveHangul) addMissing(report, hangul.package);
    if (!haveLatin && !haveHangul) return false;

    ImFontConfig config;
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    // Without DejaVu, NanumGothic carries Latin as well.
    const FontFile& primary = haveLatin ? latin : hangul;
    if (!atlas.AddFontFromFileTTF(primary.path, size, &config, kLatinRanges)) return false;
    if (haveHangul) {
        ImFontConfig merge;
        merge.MergeMode = true;
        merge.OversampleH = 1;
        merge.OversampleV = 1;
        merge.PixelSnapH = true;
        atlas.AddFontFromFileTTF(hangul.path, size, &merge, hangulRanges);
        report.hangul = true;
    }
    return true;
}

}  // namespace

FontReport buildFonts(ImFontAtlas& atlas, float pixelSize, const std::string& headingText) {
    // The atlas keeps pointers to the glyph ranges until it is rebuilt, so they live here between builds.
    static ImVector<ImWchar> headingRanges;

    FontReport report;
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas.TexDesiredWidth = 4096;
    const float size = std::round(pixelSize);
    const float headingSize = std::round(pixelSize * kHeadingScale);

    ImFontGlyphRangesBuilder builder;
    builder.AddText(headingText.c_str());
    headingRanges.clear();
    builder.BuildRanges(&headingRanges);

    bool ok = addFace(atlas, size, kLatinFont, kHangulFont, kHangulRanges, report);
    const FontFile& latinBold = boldOr(kLatinBoldFont, kLatinFont);
    const FontFile& hangulBold = boldOr(kHangulBoldFont, kHangulFont);
    ok = ok && addFace(atlas, headingSize, latinBold, hangulBold, headingRanges.Data, report);
    if (ok && atlas.Build()) return report;

    // Built-in fallback: ProggyClean has no Hangul, but the app stays usable and says what to install.
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    ImFontConfig fallback;
    fallback.SizePixels = size;
    atlas.AddFontDefault(&fallback);
    fallback.SizePixels = headingSize;
    atlas.AddFontDefault(&fallback);
    atlas.Build();
    report.hangul = false;
    // Through addMissing rather than push_back("fonts-dejavu-core"): GCC 12 misreads the literal's move into the
    // vector as an 18-byte read of a 16-byte buffer (-Wstringop-overread, a false positive).
    if (report.missingPackages.empty()) addMissing(report, kLatinFont.package);
    return report;
}

}  // namespace worldcafe::gui
