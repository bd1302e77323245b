#include "harvest_hanja.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "harvest_text.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::harvest {

namespace {

bool isHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }
bool isIdeograph(char32_t c) {
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

class HanjaTable {
public:
    explicit HanjaTable(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        if (!in) return;
        std::string line;
        std::u32string hangul, hanja;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            const std::size_t a = line.find(':');
            const std::size_t b = a == std::string::npos ? a : line.find(':', a + 1);
            if (b == std::string::npos) continue;
            hangul = decodeUtf8(std::string_view(line).substr(0, a));
            if (hangul.size() < 2) continue;
            hanja = decodeUtf8(std::string_view(line).substr(a + 1, b - a - 1));
            // Compatibility ideographs (U+F900..U+FAFF) are the unified ones under NFC, as notes' text is.
            if (std::any_of(hanja.begin(), hanja.end(), [](char32_t c) { return c >= 0xF900 && c <= 0xFAFF; }))
                hanja = decodeUtf8(normalizeNfc(toUtf8(hanja)));
            if (hanja.size() != hangul.size()) continue;
            bool usable = true;
            for (std::size_t i = 0; i < hangul.size() && usable; ++i)
                usable = isHangulSyllable(hangul[i]) && (isIdeograph(hanja[i]) || hanja[i] == hangul[i]);
            if (!usable) continue;
            m_entries.try_emplace(hangul, hanja);  // the first reading only (see split)
            m_longest = std::max(m_longest, hangul.size());
        }
    }

    bool available() const { return !m_entries.empty(); }

    // Words repeat from note to note: each is split once.
    std::vector<std::uint64_t> terms(const std::u32string& word) {
        if (m_entries.empty()) return {};
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
            const std::u32string* reading = nullptr;
            for (std::size_t length = std::min(m_longest, word.size() - i); length >= 2; --length) {
                part.assign(word, i, length);
                auto it = m_entries.find(part);
                if (it != m_entries.end()) {
                    matched = length;
                    reading = &it->second;
                    break;
                }
            }
            if (!reading) {
                ++i;
                continue;
            }
            // Of a word's several readings only the table's first (재료: 材料, not 齋料): it scored best on the
            // tuning menus of tests/harvest_eval (taking none or all of them scored less).
            for (std::size_t k = 0; k < matched; ++k) {
                const char32_t c = (*reading)[k];
                if (isIdeograph(c)) out.push_back(std::uint64_t{3} << 61 | c);
            }
            i += matched;
        }
        return out;
    }

    std::unordered_map<std::u32string, std::u32string> m_entries;  // hangul -> its first hanja reading
    std::size_t m_longest = 0;
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
