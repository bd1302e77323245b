#pragma once
// The hanja of Sino-Korean words, from libhangul's table (Debian's libhangul-data:
// /usr/share/libhangul/hanja/hanja.txt, lines "hangul:hanja:comment"). Notes of one theme mostly say it in other
// words; Sino-Korean words that share a morpheme share its hanja (급식 給食, 식재료 食材料), while syllables that only
// sound alike do not. Private to the core.

#include <cstdint>
#include <string>
#include <vector>

namespace worldcafe::harvest {

// Hanja terms of one word (its key, as compared): the word is split greedily into the longest entries of the table
// (two syllables or more: one syllable alone has dozens of hanja) and each hanja character of an entry's first
// (commonest) reading gives one term, tagged so that it never equals a character n-gram's or a WordNet concept's id.
// Empty for a word with no Hangul, a word the table lacks, or when the table is absent.
// The table of a path is loaded on first use, once, by whichever thread asks first, and kept.
std::vector<std::uint64_t> hanjaTerms(const std::string& table, const std::u32string& word);

// Whether the table at `path` could be read and has entries.
bool hanjaAvailable(const std::string& table);

// Whether an id is a hanja term (for its lower weight in the vectors).
inline bool isHanjaTerm(std::uint64_t term) { return (term >> 61) == 3; }

}  // namespace worldcafe::harvest
