#pragma once
// Working structures of the harvest shared by its files (harvest.cpp groups the notes, harvest_themes.cpp
// describes each theme). Private to the core.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "harvest_text.hpp"
#include "worldcafe/harvest.hpp"

namespace worldcafe::harvest {

struct NoteInfo {
    const Note* note = nullptr;
    int menuIndex = 0;
    int rank = 0;  // earliest first: round, time written, id
    std::vector<std::string> tagKeys;   // folded, unique, in written order
    std::vector<std::string> tagNames;  // NFC, as first written
    std::vector<std::pair<std::uint32_t, int>> words;  // word id, count; sorted by id
};

struct Corpus {
    std::vector<NoteInfo> notes;  // session order
    std::vector<TermVector> vectors;  // tf-idf
    std::vector<TermVector> plain;    // tf only, same terms
    std::size_t termCount = 0;
    std::vector<std::string> wordNames;  // by word id: as written, lower case where any writer used it
    std::vector<char> keywordWords;      // by word id: worth showing as a keyword
    std::vector<std::u32string> wordKeys;  // by word id: what is compared
    std::vector<std::vector<std::u32string>> menuWords;  // by menu index: the words of its title and question
};

struct Edge {
    int other = 0;          // local index in the menu
    float similarity = 0;   // cosine of the tf-idf vectors: for clusters
    float overlap = 0;      // cosine of the plain vectors: for near-duplicates
};

// Working state of one menu: local indices are positions in `members` (earliest first).
struct MenuWork {
    std::vector<int> members;               // corpus indices, earliest first
    std::vector<std::vector<Edge>> edges;   // by local index, sorted by other
    std::vector<int> themeOf;               // local index -> theme index, -1 unassigned
    // Similarities of all pairs of clusterable notes (a pair sharing no n-gram counts 0): the menu's background.
    double similaritySum = 0;
    double similaritySquares = 0;
    double clusterablePairs = 0;
};

struct ThemeWork {
    ThemeSummary summary;
    std::vector<int> locals;
    int earliest = 0;  // smallest rank, for ordering automatic themes
};

inline const Note& noteAt(const Corpus& corpus, const MenuWork& work, int local) {
    return *corpus.notes[static_cast<std::size_t>(work.members[static_cast<std::size_t>(local)])].note;
}
inline const NoteInfo& infoAt(const Corpus& corpus, const MenuWork& work, int local) {
    return corpus.notes[static_cast<std::size_t>(work.members[static_cast<std::size_t>(local)])];
}

// [SECTION] theme details (harvest_themes.cpp)

struct WordStats {
    std::unordered_map<std::uint32_t, int> documentFrequency;  // notes of the menu containing the word
    int documents = 0;
};

std::vector<std::pair<std::uint32_t, double>> rankWords(const std::unordered_map<std::uint32_t, int>& counts,
                                                        const std::function<double(std::uint32_t)>& idf,
                                                        const Corpus& corpus, std::size_t limit, int minimumCount);

class ThemeFinisher {
public:
    ThemeFinisher(const Corpus& corpus, const HarvestOptions& options);

    void finish(const MenuWork& work, const WordStats& stats, ThemeWork& theme);

private:
    const Note& note(const MenuWork& work, int local) const;
    const TermVector& vector(const MenuWork& work, int local) const;
    static std::string excerpt(const std::string& text);

    // Near-duplicates of an entry's first note join it; the entry then shows its best note.
    void buildEntries(const MenuWork& work, ThemeWork& theme);

    const Corpus& m_corpus;
    const HarvestOptions& m_options;
    std::vector<float> m_centroid;
    std::size_t m_representative = 0;  // position in the theme's locals of the most central note
};

}  // namespace worldcafe::harvest
