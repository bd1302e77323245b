#include "worldcafe/text.hpp"

#include <utf8proc.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>

#include "worldcafe/errors.hpp"

namespace worldcafe {

namespace {

bool isAscii(std::string_view text) {
    for (unsigned char c : text) {
        if (c >= 0x80) {
            return false;
        }
    }
    return true;
}

bool isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";         // U+00A0
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000, typed by Korean and Japanese IMEs

// Byte length of the whitespace character starting at `text[0]`, or 0.
std::size_t spaceAtFront(std::string_view text) {
    if (!text.empty() && isAsciiSpace(text.front())) {
        return 1;
    }
    if (text.starts_with(kNoBreakSpace)) {
        return kNoBreakSpace.size();
    }
    if (text.starts_with(kIdeographicSpace)) {
        return kIdeographicSpace.size();
    }
    return 0;
}

// Byte length of the whitespace character ending at `text.back()`, or 0.
std::size_t spaceAtBack(std::string_view text) {
    if (!text.empty() && isAsciiSpace(text.back())) {
        return 1;
    }
    if (text.ends_with(kNoBreakSpace)) {
        return kNoBreakSpace.size();
    }
    if (text.ends_with(kIdeographicSpace)) {
        return kIdeographicSpace.size();
    }
    return 0;
}

std::string asciiLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// Runs utf8proc_map over valid UTF-8; utf8proc allocates the result with malloc.
std::string mapUtf8(std::string_view text, int options) {
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &mapped, static_cast<utf8proc_option_t>(options));
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
    if (length == UTF8PROC_ERROR_NOMEM) {
        throw std::bad_alloc();
    }
    if (length < 0 || mapped == nullptr) {
        return std::string(text);
    }
    return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

}  // namespace

bool isValidUtf8(std::string_view text) {
    if (isAscii(text)) {
        return true;
    }
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    std::size_t offset = 0;
    while (offset < text.size()) {
        utf8proc_int32_t codePoint = 0;
        // utf8proc_iterate rejects overlong forms, surrogates and code points above U+10FFFF.
        const utf8proc_ssize_t length =
            utf8proc_iterate(bytes + offset, static_cast<utf8proc_ssize_t>(text.size() - offset), &codePoint);
        if (length <= 0) {
            return false;
        }
        offset += static_cast<std::size_t>(length);
    }
    return true;
}

std::optional<TextFault> findTextFault(std::string_view text) {
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    std::size_t offset = 0;
    while (offset < text.size()) {
        const unsigned char c = bytes[offset];
        if (c == 0) {
            return TextFault{offset, "a NUL character (byte 0x00), which text cannot hold"};
        }
        if (c < 0x80) {
            ++offset;
            continue;
        }
        utf8proc_int32_t codePoint = 0;
        // utf8proc_iterate rejects overlong forms, surrogates and code points above U+10FFFF.
        const utf8proc_ssize_t length =
            utf8proc_iterate(bytes + offset, static_cast<utf8proc_ssize_t>(text.size() - offset), &codePoint);
        if (length <= 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(c));
            return TextFault{offset, std::string("not valid UTF-8 (byte ") + hex + ")"};
        }
        offset += static_cast<std::size_t>(length);
    }
    return std::nullopt;
}

void requireModelText(std::string_view text, const std::filesystem::path& file, std::string_view hint) {
    const std::optional<TextFault> fault = findTextFault(text);
    if (!fault) {
        return;
    }
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < fault->offset; ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
            ++line;
            lineStart = i + 1;
        }
    }
    const int column = codePointCount(text.substr(lineStart, fault->offset - lineStart)) + 1;
    throw InputError(file, fault->reason + std::string(hint), line, column);
}

std::string normalizeNfc(std::string_view text) {
    if (isAscii(text) || !isValidUtf8(text)) {
        return std::string(text);
    }
    return mapUtf8(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string foldForSearch(std::string_view text) {
    if (isAscii(text) || !isValidUtf8(text)) {
        return asciiLower(text);
    }
    // COMPOSE as well as CASEFOLD: without it Hangul syllables come out as conjoining jamo.
    return mapUtf8(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::string trim(std::string_view text) {
    while (const std::size_t length = spaceAtFront(text)) {
        text.remove_prefix(length);
    }
    while (const std::size_t length = spaceAtBack(text)) {
        text.remove_suffix(length);
    }
    return std::string(text);
}

int codePointCount(std::string_view text) {
    int count = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

std::string fillPlaceholders(std::string_view pattern, const std::vector<std::string>& args) {
    std::string result;
    result.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
            pattern[i + 1] <= '9') {
            const auto index = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (index < args.size()) result += args[index];
            i += 2;
            continue;
        }
        result += pattern[i];
    }
    return result;
}

}  // namespace worldcafe
