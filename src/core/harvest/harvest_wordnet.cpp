#include "harvest_wordnet.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <iterator>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>

namespace worldcafe::harvest {

namespace {

// Senses of a word kept, commonest first (WordNet orders them by frequency in its tagged corpus): rarer senses
// mostly add noise ("bus" as a computer bus). Chosen on the tuning menus of tests/harvest_eval (2 to 4 scored
// alike; two levels of hypernyms linked too much: "artifact" is above half the nouns).
constexpr std::size_t kSensesKept = 3;
constexpr int kHypernymDepth = 1;

struct Part {
    char pos;              // 'n', 'v', 'a'
    std::string index;     // index.<part>: sorted lines, "lemma pos ... offsets"
    std::string data;      // data.<part>: a synset's offset is its byte offset in this file
    std::unordered_map<std::string, std::vector<std::string>> exceptions;  // <part>.exc: irregular forms
};

bool readFile(const std::filesystem::path& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out = std::move(buffer).str();
    return in.good() || in.eof();
}

class WordNet {
public:
    explicit WordNet(const std::filesystem::path& dir) {
        if (dir.empty()) return;
        const std::array<std::pair<char, const char*>, 3> parts{{{'n', "noun"}, {'v', "verb"}, {'a', "adj"}}};
        for (const auto& [pos, name] : parts) {
            Part part;
            part.pos = pos;
            std::string exc;
            if (!readFile(dir / ("index." + std::string(name)), part.index) ||
                !readFile(dir / ("data." + std::string(name)), part.data))
                return;  // incomplete: none at all, so results never depend on which files happen to be there
            if (readFile(dir / (std::string(name) + ".exc"), exc)) {
                std::istringstream lines(exc);
                std::string line;
                while (std::getline(lines, line)) {
                    std::istringstream fields(line);
                    std::string form, base;
                    fields >> form;
                    while (fields >> base) part.exceptions[form].push_back(base);
                }
            }
            m_parts.push_back(std::move(part));
        }
        m_available = true;
    }

    bool available() const { return m_available; }

    std::vector<std::uint64_t> concepts(std::string_view word) {
        if (!m_available || word.size() < 2 || word.size() > 40) return {};
        for (char c : word)
            if (!((c >= 'a' && c <= 'z') || c == '-' || c == '\'')) return {};
        const std::string key(word);
        {
            std::shared_lock lock(m_cacheMutex);
            if (auto found = m_cache.find(key); found != m_cache.end()) return found->second;
        }
        std::vector<std::uint64_t> result;
        for (std::size_t p = 0; p < m_parts.size(); ++p) {
            const Part& part = m_parts[p];
            for (const std::string& lemma : baseForms(part, key)) {
                std::vector<std::uint32_t> offsets = senses(part, lemma);
                if (offsets.empty()) continue;
                if (offsets.size() > kSensesKept) offsets.resize(kSensesKept);
                for (std::uint32_t offset : offsets) addWithHypernyms(p, offset, kHypernymDepth, result);
                break;  // the first base form found in this part
            }
        }
        std::sort(result.begin(), result.end());
        result.erase(std::unique(result.begin(), result.end()), result.end());
        std::unique_lock lock(m_cacheMutex);
        return m_cache.try_emplace(key, std::move(result)).first->second;
    }

private:
    // Morphy: the word itself, its irregular base forms, then the detachment rules of its part of speech.
    static std::vector<std::string> baseForms(const Part& part, const std::string& word) {
        std::vector<std::string> forms{word};
        if (auto found = part.exceptions.find(word); found != part.exceptions.end())
            forms.insert(forms.end(), found->second.begin(), found->second.end());
        static const std::vector<std::pair<std::string, std::string>> noun{
            {"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
        static const std::vector<std::pair<std::string, std::string>> verb{
            {"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}};
        static const std::vector<std::pair<std::string, std::string>> adj{{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};
        const auto& rules = part.pos == 'n' ? noun : part.pos == 'v' ? verb : adj;
        for (const auto& [suffix, replacement] : rules)
            if (word.size() > suffix.size() + 1 && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0)
                forms.push_back(word.substr(0, word.size() - suffix.size()) + replacement);
        return forms;
    }

    // Synset offsets of a lemma from the sorted index file, by binary search over its lines.
    static std::vector<std::uint32_t> senses(const Part& part, const std::string& lemma) {
        const std::string& text = part.index;
        std::size_t low = 0, high = text.size();
        auto lineStart = [&](std::size_t at) {
            while (at > 0 && text[at - 1] != '\n') --at;
            return at;
        };
        while (low < high) {
            const std::size_t middle = lineStart(low + (high - low) / 2);
            const std::size_t end = text.find('\n', middle);
            const std::size_t lineEnd = end == std::string::npos ? text.size() : end;
            const std::size_t space = text.find(' ', middle);
            const std::string_view head(text.data() + middle, std::min(space, lineEnd) - middle);
            if (text[middle] == ' ' || head < lemma) {  // licence lines start with two spaces and come first
                low = lineEnd + 1;
            } else if (head > lemma) {
                high = middle;
            } else {
                std::istringstream fields(text.substr(middle, lineEnd - middle));
                std::string field, pos;
                int synsets = 0, pointers = 0;
                fields >> field >> pos >> synsets >> pointers;
                for (int i = 0; i < pointers; ++i) fields >> field;
                fields >> field >> field;  // sense_cnt, tagsense_cnt
                std::vector<std::uint32_t> offsets;
                for (int i = 0; i < synsets && (fields >> field); ++i)
                    offsets.push_back(static_cast<std::uint32_t>(std::strtoul(field.c_str(), nullptr, 10)));
                return offsets;
            }
            if (low >= high) break;
        }
        return {};
    }

    void addWithHypernyms(std::size_t part, std::uint32_t offset, int depth, std::vector<std::uint64_t>& out) const {
        out.push_back((std::uint64_t{3} << 62) | (std::uint64_t{part} << 32) | offset);
        if (depth == 0) return;
        const std::string& data = m_parts[part].data;
        if (offset >= data.size()) return;
        const std::size_t end = data.find('\n', offset);
        std::istringstream fields(data.substr(offset, (end == std::string::npos ? data.size() : end) - offset));
        std::string field;
        int words = 0, pointers = 0;
        fields >> field >> field >> field >> std::hex >> words >> std::dec;
        for (int i = 0; i < words; ++i) fields >> field >> field;
        fields >> pointers;
        for (int i = 0; i < pointers; ++i) {
            std::string symbol, target, pos, sourceTarget;
            if (!(fields >> symbol >> target >> pos >> sourceTarget)) break;
            if (symbol != "@" && symbol != "@i") continue;
            addWithHypernyms(part, static_cast<std::uint32_t>(std::strtoul(target.c_str(), nullptr, 10)), depth - 1, out);
        }
    }

    std::vector<Part> m_parts;
    bool m_available = false;
    std::shared_mutex m_cacheMutex;
    std::unordered_map<std::string, std::vector<std::uint64_t>> m_cache;
};

// One database per directory, loaded once and kept for the process (the files are about 25 MB read whole; a
// synset is then found at its byte offset without parsing the rest).
WordNet& wordNet(const std::string& directory) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<WordNet>> loaded;
    std::lock_guard lock(mutex);
    std::unique_ptr<WordNet>& slot = loaded[directory];
    if (!slot) slot = std::make_unique<WordNet>(directory);
    return *slot;
}

}  // namespace

bool wordNetAvailable(const std::string& directory) { return wordNet(directory).available(); }

std::vector<std::uint64_t> wordConcepts(const std::string& directory, std::string_view word) {
    return wordNet(directory).concepts(word);
}

}  // namespace worldcafe::harvest
