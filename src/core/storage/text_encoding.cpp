#include "worldcafe/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <utility>
#include <cstdint>

#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace {

// glibc's iconv, strict: an invalid or incomplete sequence fails the whole conversion rather than being skipped.
std::optional<std::string> convert(std::string_view bytes, const char* from) {
    iconv_t cd = ::iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t inLeft = bytes.size();
    std::size_t written = 0;
    bool ok = true;
    while (inLeft > 0) {
        char* outPtr = out.data() + written;
        std::size_t outLeft = out.size() - written;
        const std::size_t result = ::iconv(cd, &in, &inLeft, &outPtr, &outLeft);
        written = out.size() - outLeft;
        if (result != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        ok = false;  // EILSEQ or EINVAL: not this encoding
        break;
    }
    ::iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(written);
    return out;
}

// Code points of UTF-8 text known to be valid.
template <class F>
void forEachCodePoint(std::string_view text, F f) {
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        const int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t c = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
        for (int k = 1; k < length && i + k < text.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        f(c);
        i += static_cast<std::size_t>(length);
    }
}

// UTF-16 text without a BOM has a NUL in every other byte wherever it holds ASCII.
bool looksLikeUtf16(std::string_view bytes) {
    std::size_t evenNuls = 0, oddNuls = 0;
    const std::size_t n = std::min<std::size_t>(bytes.size(), 4096);
    for (std::size_t i = 0; i < n; ++i)
        if (bytes[i] == '\0') ++(i % 2 == 0 ? evenNuls : oddNuls);
    return n >= 4 && std::max(evenNuls, oddNuls) * 4 >= n;
}

// Windows-1252 (and Latin-1) put one byte per accented letter, between ASCII ones: "Müller", "José".
bool looksLikeWindows1252(std::string_view bytes) {
    std::size_t high = 0, isolated = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) continue;
        ++high;
        const bool before = i == 0 || static_cast<unsigned char>(bytes[i - 1]) < 0x80;
        const bool after = i + 1 == bytes.size() || static_cast<unsigned char>(bytes[i + 1]) < 0x80;
        if (before && after) ++isolated;
    }
    return high > 0 && isolated * 2 >= high;
}

}  // namespace

std::optional<std::string> decodeCp949(std::string_view bytes) {
    std::optional<std::string> text = convert(bytes, "CP949");
    if (!text) return std::nullopt;
    // Korean text is mostly Hangul syllables; a Windows-1252 "Ärger" also decodes (C4 72 is a CP949 pair) but into
    // odd syllables between Latin letters, and a "«Ça»" into Japanese kana: neither reads as Korean.
    std::size_t nonAscii = 0, hangul = 0;
    forEachCodePoint(*text, [&](char32_t c) {
        if (c < 0x80) return;
        ++nonAscii;
        if (isHangulSyllable(c)) ++hangul;
    });
    std::size_t pairs = 0, wansung = 0;  // KS X 1001 pairs have both bytes from 0xA1; the UHC extension does not
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        if (lead < 0x80) continue;
        if (i + 1 < bytes.size()) {
            ++pairs;
            if (lead >= 0xA1 && static_cast<unsigned char>(bytes[i + 1]) >= 0xA1) ++wansung;
        }
        ++i;
    }
    if (nonAscii == 0 || hangul * 2 < nonAscii || wansung * 2 < pairs) return std::nullopt;
    return text;
}

DecodedText decodeText(std::string_view bytes, const std::filesystem::path& file) {
    constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
    if (bytes.starts_with(kUtf8Bom)) {
        bytes.remove_prefix(kUtf8Bom.size());
        if (isValidUtf8(bytes)) return {std::string(bytes), "UTF-8"};
        requireModelText(bytes, file, "; the file starts as UTF-8 but is not: save it again as CSV UTF-8");
    }
    for (const auto& [bom, name] : {std::pair<std::string_view, const char*>{"\xFF\xFE", "UTF-16LE"},
                                    std::pair<std::string_view, const char*>{"\xFE\xFF", "UTF-16BE"}}) {
        if (!bytes.starts_with(bom)) continue;
        if (auto text = convert(bytes.substr(bom.size()), name)) return {std::move(*text), name};
        throw InputError(file, std::string("starts as ") + name +
                                   " (Excel's \"Unicode text\") but is not valid " + name +
                                   ": save it again, or as CSV UTF-8");
    }
    // Before the UTF-8 test: UTF-16 of ASCII text is valid UTF-8, full of NULs.
    if (looksLikeUtf16(bytes)) {
        throw InputError(file, "looks like UTF-16 text without a byte-order mark: save it as CSV UTF-8, or as "
                               "Excel's \"Unicode text\"");
    }
    if (isValidUtf8(bytes)) return {std::string(bytes), "UTF-8"};
    if (auto text = decodeCp949(bytes)) return {std::move(*text), "CP949"};
    requireModelText(bytes, file,
                     looksLikeWindows1252(bytes)
                         ? "; the file looks like Windows-1252 (Western European, Excel's \"CSV\" outside Korea): "
                           "save it as CSV UTF-8"
                         : "; the file is not UTF-8, UTF-16 or CP949 (Korean): save it as CSV UTF-8");
    return {std::string(bytes), "UTF-8"};  // not reached: the bytes are not valid UTF-8
}

}  // namespace worldcafe
