// [SECTION] index
// - theme details: entries, representative, headline, counts, keywords (the working structures: harvest_work.hpp)

#include "harvest_work.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace worldcafe::harvest {

// [SECTION] theme details

namespace {

// The plain n-gram overlap of two notes of the menu (0 when they share too little to have an edge).
float overlapOf(const MenuWork& work, int a, int b) {
    if (a == b) return 1.0f;
    const auto& list = work.edges[static_cast<std::size_t>(a)];
    auto it = std::lower_bound(list.begin(), list.end(), b, [](const Edge& e, int other) { return e.other < other; });
    return it != list.end() && it->other == b ? it->overlap : 0.0f;
}

// A word of the menu's own title or question names no theme of it: every note at the table is about that. Korean
// compounds count too: 시민 is a menu word of "시민사회의 역할", and so is 시민사회단체.
bool isMenuWord(const Corpus& corpus, int menuIndex, std::uint32_t word) {
    if (menuIndex < 0 || static_cast<std::size_t>(menuIndex) >= corpus.menuWords.size()) return false;
    const std::u32string& key = corpus.wordKeys[word];
    for (const std::u32string& menuWord : corpus.menuWords[static_cast<std::size_t>(menuIndex)]) {
        if (key == menuWord) return true;
        const bool hangul = !key.empty() && key[0] >= 0xAC00 && key[0] <= 0xD7A3;
        if (hangul && key.size() >= 2 && menuWord.size() >= 2 &&
            (menuWord.find(key) != std::u32string::npos || key.find(menuWord) != std::u32string::npos))
            return true;
    }
    return false;
}

}  // namespace

std::vector<std::pair<std::uint32_t, double>> rankWords(const std::unordered_map<std::uint32_t, int>& counts,
                                                        const std::function<double(std::uint32_t)>& idf,
                                                        const Corpus& corpus, std::size_t limit, int minimumCount) {
    std::vector<std::pair<std::uint32_t, double>> scored;
    for (auto [word, count] : counts) {
        if (!corpus.keywordWords[word] || count < minimumCount) continue;
        scored.emplace_back(word, count * idf(word));
    }
    std::sort(scored.begin(), scored.end(), [&](const auto& a, const auto& b) {
        if (a.second != b.second) return a.second > b.second;
        return corpus.wordNames[a.first] < corpus.wordNames[b.first];
    });
    if (scored.size() > limit) scored.resize(limit);
    return scored;
}

ThemeFinisher::ThemeFinisher(const Corpus& corpus, const HarvestOptions& options)
    : m_corpus(corpus), m_options(options), m_centroid(corpus.termCount, 0.0f) {}

void ThemeFinisher::finish(const MenuWork& work, const WordStats& stats, ThemeWork& theme) {
    ThemeSummary& summary = theme.summary;
    std::vector<int>& locals = theme.locals;
    std::sort(locals.begin(), locals.end());  // locals are earliest first
    const std::size_t k = locals.size();
    summary.notes.clear();
    for (int local : locals) summary.notes.push_back(note(work, local).id);
    m_representative = 0;

    // Mean similarity to the others from the sum of the unit vectors: v.(S - v) / (k - 1).
    std::vector<double> mean(k, 1.0);
    if (k > 1) {
        std::vector<std::uint32_t> used;
        for (int local : locals)
            for (auto [term, weight] : vector(work, local)) {
                if (m_centroid[term] == 0.0f) used.push_back(term);
                m_centroid[term] += weight;
            }
        double total = 0;
        for (std::size_t i = 0; i < k; ++i) {
            double sum = 0;
            double self = 0;
            for (auto [term, weight] : vector(work, locals[i])) {
                sum += static_cast<double>(weight) * m_centroid[term];
                self += static_cast<double>(weight) * weight;
            }
            mean[i] = (sum - self) / static_cast<double>(k - 1);
            total += mean[i];
        }
        for (std::uint32_t term : used) m_centroid[term] = 0.0f;
        summary.cohesion = total / static_cast<double>(k);
    } else {
        summary.cohesion = k == 1 ? 1.0 : 0.0;
    }

    if (k > 0) {
        std::size_t representative = 0;
        std::size_t headline = 0;
        for (std::size_t i = 1; i < k; ++i) {
            const Note& a = note(work, locals[i]);
            const Note& r = note(work, locals[representative]);
            constexpr double kSame = 1e-6;
            if (mean[i] > mean[representative] + kSame ||
                (std::abs(mean[i] - mean[representative]) <= kSame &&
                 std::tie(a.starred, a.votes) > std::tie(r.starred, r.votes)))
                representative = i;
            const Note& h = note(work, locals[headline]);
            if (std::tie(a.highlighted, a.starred, a.votes) > std::tie(h.highlighted, h.starred, h.votes) ||
                (std::tie(a.highlighted, a.starred, a.votes) == std::tie(h.highlighted, h.starred, h.votes) &&
                 mean[i] > mean[headline] + kSame))
                headline = i;
        }
        summary.representative = note(work, locals[representative]).id;
        m_representative = representative;
        const Note& h = note(work, locals[headline]);
        summary.headline = (h.highlighted || h.starred || h.votes > 0) ? h.id : summary.representative;
    }

    summary.keyNotes.clear();
    std::set<TableNumber> tables;
    std::set<RoundNumber> rounds;
    summary.stars = summary.votes = summary.highlightedNotes = 0;
    for (int local : locals) {
        const Note& n = note(work, local);
        if ((n.highlighted || n.starred) && n.id != summary.headline) summary.keyNotes.push_back(n.id);
        tables.insert(n.table);
        rounds.insert(n.round);
        summary.stars += n.starred ? 1 : 0;
        summary.votes += n.votes;
        summary.highlightedNotes += n.highlighted ? 1 : 0;
    }
    summary.tables.assign(tables.begin(), tables.end());
    summary.rounds.assign(rounds.begin(), rounds.end());

    buildEntries(work, theme);

    std::unordered_map<std::uint32_t, int> counts;  // notes of the theme mentioning the word
    for (int local : locals)
        for (auto [word, count] : m_corpus.notes[static_cast<std::size_t>(work.members[static_cast<std::size_t>(
                                      local)])].words)
            ++counts[word];
    auto idf = [&](std::uint32_t word) {
        auto found = stats.documentFrequency.find(word);
        int df = found == stats.documentFrequency.end() ? 1 : found->second;
        return std::log(1.0 + static_cast<double>(stats.documents) / df);
    };
    // In a theme of several notes a keyword is a word that several of them use.
    const std::size_t limit = static_cast<std::size_t>(std::max(0, m_options.keywordsPerTheme));
    const int shared = k > 1 ? 2 : 1;
    summary.keywords.clear();
    for (auto [word, score] : rankWords(counts, idf, m_corpus, limit, shared))
        summary.keywords.push_back(m_corpus.wordNames[word]);
    if (summary.origin == ThemeOrigin::Cluster) {
        summary.key = "cluster:" + std::to_string(*std::min_element(summary.notes.begin(), summary.notes.end()));
        summary.name.clear();
        // The name is the representative's (the most central note's) own words that the theme shares most,
        // never the menu's words: an organiser reads it as what that note says. Then the theme's keywords.
        const NoteInfo& central = infoAt(m_corpus, work, locals[m_representative]);
        std::unordered_map<std::uint32_t, int> ownCounts;
        for (auto [word, count] : central.words)
            if (!isMenuWord(m_corpus, central.menuIndex, word)) ownCounts[word] = counts[word];
        std::vector<std::string> ownWords;
        for (auto [word, score] : rankWords(ownCounts, idf, m_corpus, limit, shared))
            ownWords.push_back(m_corpus.wordNames[word]);
        for (auto [word, score] : rankWords(counts, idf, m_corpus, limit + ownWords.size(), shared))
            if (!isMenuWord(m_corpus, central.menuIndex, word) &&
                std::find(ownWords.begin(), ownWords.end(), m_corpus.wordNames[word]) == ownWords.end())
                ownWords.push_back(m_corpus.wordNames[word]);
        const int parts = std::min<int>(m_options.clusterNameKeywords, static_cast<int>(ownWords.size()));
        for (int i = 0; i < parts; ++i) summary.name += (i ? ", " : "") + ownWords[static_cast<std::size_t>(i)];
        // One note is better named by its own opening words than by its rarest ones.
        if (k == 1 || summary.name.empty()) summary.name = excerpt(note(work, locals[m_representative]).text);
    }
}

const Note& ThemeFinisher::note(const MenuWork& work, int local) const {
    return *m_corpus.notes[static_cast<std::size_t>(work.members[static_cast<std::size_t>(local)])].note;
}

const TermVector& ThemeFinisher::vector(const MenuWork& work, int local) const {
    return m_corpus.vectors[static_cast<std::size_t>(work.members[static_cast<std::size_t>(local)])];
}

std::string ThemeFinisher::excerpt(const std::string& text) {
    std::string out;
    int count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++count > 20) return out + "…";
        out += text[i];
    }
    return out;
}

void ThemeFinisher::buildEntries(const MenuWork& work, ThemeWork& theme) {
    ThemeSummary& summary = theme.summary;
    summary.entries.clear();
    const float threshold = static_cast<float>(m_options.duplicateThreshold);
    std::vector<char> taken(theme.locals.size(), 0);
    for (std::size_t i = 0; i < theme.locals.size(); ++i) {
        if (taken[i]) continue;
        std::vector<int> group = {theme.locals[i]};
        for (std::size_t j = i + 1; j < theme.locals.size(); ++j) {
            if (taken[j] || overlapOf(work, theme.locals[i], theme.locals[j]) < threshold) continue;
            taken[j] = 1;
            group.push_back(theme.locals[j]);
        }
        std::size_t best = 0;
        for (std::size_t g = 1; g < group.size(); ++g) {
            const Note& a = note(work, group[g]);
            const Note& b = note(work, group[best]);
            if (std::tie(a.highlighted, a.starred, a.votes) > std::tie(b.highlighted, b.starred, b.votes))
                best = g;
        }
        NoteEntry entry;
        entry.note = note(work, group[best]).id;
        for (std::size_t g = 0; g < group.size(); ++g)
            if (g != best) entry.duplicates.push_back(note(work, group[g]).id);
        summary.entries.push_back(std::move(entry));
    }
}

}  // namespace worldcafe::harvest
