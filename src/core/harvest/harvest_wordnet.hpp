#pragma once
// What English words mean, from WordNet's plain database files (Debian's wordnet-base, /usr/share/wordnet). Notes
// of one theme mostly say it in other words ("bus", "coach"; "repair", "fix"); the synsets of a word and the more
// general synsets above them let such notes meet. Private to the core.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace worldcafe::harvest {

// Concept terms of one English word (lower case, as written): its commonest senses and their hypernyms up to two
// level, each a term id with the two top bits set (never a character n-gram's id). Empty for a word WordNet lacks, a
// non-ASCII word, or when the database is absent: then the grouping is by letters alone, as without WordNet.
// The database of a directory is loaded on first use, once, by whichever thread asks first, and kept.
std::vector<std::uint64_t> wordConcepts(const std::string& directory, std::string_view word);

// Whether a complete database (index, data and exception files of nouns, verbs and adjectives) is in `directory`.
bool wordNetAvailable(const std::string& directory);

}  // namespace worldcafe::harvest
