#pragma once
// Text analysis for the harvest: words, character n-grams and tf-idf vectors. Private to the core.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace worldcafe::harvest {

struct Word {
    std::u32string key;      // NFC, case-folded, ending stripped: what is compared
    std::u32string display;  // the same word as written (case kept), for keywords
};

// Words of a text: split at anything that is not a letter, digit or mark; Korean particles and endings stripped
// from word ends; English plurals and stop words dropped.
std::vector<Word> contentWords(std::string_view text);

// A word worth showing as a keyword: two characters or more, and not a Korean verb form or a stranded particle.
bool isKeyword(std::u32string_view key);

std::string toUtf8(std::u32string_view text);
// Code points of UTF-8 text; an invalid byte becomes a space (a word boundary), never an error.
std::u32string decodeUtf8(std::string_view text);

// Character bigrams and trigrams within each word (never across two words: they would dilute what notes share),
// each packed into one integer. A one-character word gives its unigram. Korean spacing varies from writer to
// writer ("녹색 제품", "녹색제품"); the bigrams inside the words still meet.
std::vector<std::uint64_t> characterGrams(const std::vector<Word>& words);

// A sparse vector: (term, weight) sorted by term, unit length (or empty).
using TermVector = std::vector<std::pair<std::uint32_t, float>>;

float dot(const TermVector& a, const TermVector& b);

// Weight of an n-gram of the menu's own title and question, relative to the others.
constexpr double kMutedWeight = 0.25;

// Vectors of `documents` (each a bag of terms, repeats counted), normalised. Term ids are assigned in order of first
// appearance, so the result never depends on hash order.
struct Vectorised {
    // tf-idf, (1 + ln tf) * (1 + ln((1 + N) / (1 + df))) with N and df counted within the document's group (its
    // menu), and the group's muted n-grams down-weighted: what notes share, with what most notes of the menu say
    // counting less. For clusters and representatives.
    std::vector<TermVector> weighted;
    // 1 + ln tf only: how much of two texts is the same, whatever the rest of the session says. In a small session
    // idf would make two near-identical notes look apart because each of the few words they differ in is "rare".
    std::vector<TermVector> plain;
    std::size_t termCount = 0;
};
Vectorised vectorise(const std::vector<std::vector<std::uint64_t>>& documents);  // one group, nothing muted
// groups[d] is document d's group (0, 1, ...); muted[g] the n-grams of group g to down-weight (may be shorter).
Vectorised vectorise(const std::vector<std::vector<std::uint64_t>>& documents, const std::vector<int>& groups,
                     const std::vector<std::unordered_set<std::uint64_t>>& muted);

}  // namespace worldcafe::harvest
