#include "harvest_hanja.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "harvest_text.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::harvest {

namespace {

bool isIdeograph(char32_t c) {
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

class HanjaTable {
public:
    // The file is kept as read and indexed by its words: one allocation for 300,000 lines, not two per line, so that
    // every process that groups Korean notes (each export, each sanitized test) pays little for it. A word's reading
    // is decoded only when a note uses the word.
    explicit HanjaTable(const std::string& path) {
        try {
            m_text = readWholeFile(path);
        } catch (const std::exception&) {
            return;  // absent or unreadable: letters alone
        }
        const std::string_view text = m_text;
        for (std::size_t start = 0; start < text.size();) {
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            const std::string_view line = text.substr(start, end - start);
            const std::size_t colon = line.find(':');
            // Two syllables or more (3 bytes each in UTF-8): one syllable alone has dozens of hanja.
            if (!line.empty() && line[0] != '#' && colon != std::string_view::npos && colon >= 6 && colon % 3 == 0) {
                m_index.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end - start),
                                   static_cast<std::uint32_t>(colon)});
                m_longest = std::max<std::size_t>(m_longest, colon / 3);
            }
            start = end + 1;
        }
        // Stable: of a word's lines the first stays first (the table's commonest reading).
        std::stable_sort(m_index.begin(), m_index.end(),
                         [&](const Line& a, const Line& b) { return word(a) < word(b); });
    }

    bool available() const { return !m_index.empty(); }

    // Words repeat from note to note: each is split once.
    std::vector<std::uint64_t> terms(const std::u32string& word) {
        if (m_index.empty()) return {};
        {
            std::shared_lock lock(m_cacheMutex);
            auto it = m_cache.find(word);
            if (it != m_cache.end()) return it->second;
        }
        std::vector<std::uint64_t> out = split(word);
        std::unique_lock lock(m_cacheMutex);
        m_cache.emplace(word, out);
        return out;
    }

private:
    std::vector<std::uint64_t> split(const std::u32string& word) const {
        std::vector<std::uint64_t> out;
        std::u32string part;
        for (std::size_t i = 0; i < word.size();) {
            if (!isHangulSyllable(word[i])) {
                ++i;
                continue;
            }
            std::size_t matched = 0;
            std::u32string reading;
            for (std::size_t length = std::min(m_longest, word.size() - i); length >= 2; --length) {
                part.assign(word, i, length);
                if (firstReading(part, reading)) {
                    matched = length;
                    break;
                }
            }
            if (matched == 0) {
                ++i;
                continue;
            }
            // Of a word's several readings only the table's first (재료: 材料, not 齋料): it scored best on the
            // tuning menus of tests/harvest_eval (taking none or all of them scored less).
            for (std::size_t k = 0; k < matched; ++k) {
                const char32_t c = reading[k];
                if (isIdeograph(c)) out.push_back(std::uint64_t{3} << 61 | c);
            }
            i += matched;
        }
        return out;
    }

    struct Line {
        std::uint32_t start, length, colon;  // bytes of m_text: the line, and where its word ends
    };

    std::string_view word(const Line& line) const { return std::string_view(m_text).substr(line.start, line.colon); }

    // The first usable reading of `hangul` in the table's order: as many hanja as syllables, each a hanja or the
    // syllable itself (mixed entries such as ㄱ字집 are not).
    bool firstReading(const std::u32string& hangul, std::u32string& reading) const {
        const std::string key = toUtf8(hangul);
        auto it = std::lower_bound(m_index.begin(), m_index.end(), std::string_view(key),
                                   [&](const Line& line, std::string_view k) { return word(line) < k; });
        for (; it != m_index.end() && word(*it) == key; ++it) {
            const std::string_view rest = std::string_view(m_text).substr(it->start + it->colon + 1,
                                                                          it->length - it->colon - 1);
            const std::size_t colon = rest.find(':');
            if (colon == std::string_view::npos) continue;
            reading = decodeUtf8(rest.substr(0, colon));
            // Compatibility ideographs (U+F900..U+FAFF) are the unified ones under NFC, as notes' text is.
            if (std::any_of(reading.begin(), reading.end(), [](char32_t c) { return c >= 0xF900 && c <= 0xFAFF; }))
                reading = decodeUtf8(normalizeNfc(toUtf8(reading)));
            if (reading.size() != hangul.size()) continue;
            bool usable = true;
            for (std::size_t k = 0; k < hangul.size() && usable; ++k)
                usable = isHangulSyllable(hangul[k]) && (isIdeograph(reading[k]) || reading[k] == hangul[k]);
            if (usable) return true;
        }
        return false;
    }

    std::string m_text;         // the table as read
    std::vector<Line> m_index;  // its lines of two syllables or more, by word, in file order within a word
    std::size_t m_longest = 0;  // syllables of the longest word
    std::shared_mutex m_cacheMutex;
    std::unordered_map<std::u32string, std::vector<std::uint64_t>> m_cache;
};

HanjaTable& table(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<HanjaTable>> loaded;
    std::lock_guard lock(mutex);
    std::unique_ptr<HanjaTable>& slot = loaded[path];
    if (!slot) slot = std::make_unique<HanjaTable>(path);
    return *slot;
}

}  // namespace

bool hanjaAvailable(const std::string& path) { return table(path).available(); }

std::vector<std::uint64_t> hanjaTerms(const std::string& path, const std::u32string& word) {
    bool hangul = false;
    for (char32_t c : word) hangul = hangul || isHangulSyllable(c);
    if (!hangul || path.empty()) return {};
    return table(path).terms(word);
}

}  // namespace worldcafe::harvest
