// [SECTION] index
// - note analysis: menus, order, words, vectors
// - similarity graph per menu (inverted index: only pairs that share an n-gram are compared)
// - grouping: organiser themes, tag themes, near-duplicates, clusters
// - theme details: entries, representative, headline, counts, keywords (in harvest_themes.cpp)
// - synthesize() and lookups
// The working structures both files share (NoteInfo, Corpus, MenuWork, ThemeWork) are in harvest_work.hpp.

#include "worldcafe/harvest.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <queue>

#include "harvest_text.hpp"
#include "harvest_hanja.hpp"
#include "harvest_wordnet.hpp"
#include "harvest_work.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace {

using harvest::Corpus;
using harvest::Edge;
using harvest::infoAt;
using harvest::MenuWork;
using harvest::NoteInfo;
using harvest::noteAt;
using harvest::rankWords;
using harvest::TermVector;
using harvest::ThemeFinisher;
using harvest::ThemeWork;
using harvest::WordStats;

// [SECTION] note analysis

// What a note is compared by: its character n-grams, the hanja of its Sino-Korean words (급식 給食 meets 식재료
// 食材料), and, when the option is set, the concepts WordNet gives each English word (so "coach" meets "bus"). A word
// yields several n-grams and fewer of the others, so the letters written weigh more than what they are taken to
// mean. Without the table and WordNet, the n-grams alone.
std::vector<std::uint64_t> noteTerms(const std::vector<harvest::Word>& words, const HarvestOptions& options) {
    std::vector<std::uint64_t> terms = harvest::characterGrams(words);
    if (!options.hanjaTable.empty())
        for (const harvest::Word& word : words)
            for (std::uint64_t morpheme : harvest::hanjaTerms(options.hanjaTable, word.key)) terms.push_back(morpheme);
    const std::string& wordNet = options.wordNetDirectory;
    if (wordNet.empty()) return terms;
    std::string lower;
    for (const harvest::Word& word : words) {
        lower = harvest::toUtf8(word.display);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
        for (std::uint64_t meaning : harvest::wordConcepts(wordNet, lower)) terms.push_back(meaning);
    }
    return terms;
}

// Notes are read earliest first, so that term and word ids, and which spelling of a word is shown, do not depend
// on the order the session stores its notes in.
Corpus analyse(const Session& session, const std::vector<int>& menuIndexOfNote, const HarvestOptions& options) {
    // Only menus with notes: a session without notes (a new one, exported or printed) then never reads the hanja
    // table, which costs a second at the sanitizers' speed, in every command the fault-injection tests run.
    std::vector<char> menuHasNotes(session.menus.size(), 0);
    for (int m : menuIndexOfNote)
        if (m >= 0 && static_cast<std::size_t>(m) < menuHasNotes.size()) menuHasNotes[static_cast<std::size_t>(m)] = 1;
    std::vector<std::unordered_set<std::uint64_t>> muted(session.menus.size());
    for (std::size_t m = 0; m < session.menus.size(); ++m) {
        if (!menuHasNotes[m]) continue;
        for (const std::string* text : {&session.menus[m].title, &session.menus[m].question})
            for (std::uint64_t gram : noteTerms(harvest::contentWords(*text), options)) muted[m].insert(gram);
    }
    std::vector<int> groups;  // by rank
    Corpus corpus;
    corpus.menuWords.resize(session.menus.size());
    for (std::size_t m = 0; m < session.menus.size(); ++m)
        for (const std::string* text : {&session.menus[m].title, &session.menus[m].question})
            for (harvest::Word& word : harvest::contentWords(*text)) corpus.menuWords[m].push_back(std::move(word.key));
    const std::size_t n = session.notes.size();
    corpus.notes.resize(n);
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Note& x = session.notes[a];
        const Note& y = session.notes[b];
        return std::tie(x.round, x.created, x.id) < std::tie(y.round, y.created, y.id);
    });
    std::vector<std::vector<std::uint64_t>> grams(n);  // by rank
    std::unordered_map<std::u32string, std::uint32_t> wordIds;
    std::vector<char> writtenAsKey;
    for (std::size_t r = 0; r < n; ++r) {
        const std::size_t i = order[r];
        const Note& note = session.notes[i];
        NoteInfo& info = corpus.notes[i];
        info.note = &note;
        info.menuIndex = menuIndexOfNote[i];
        info.rank = static_cast<int>(r);
        groups.push_back(info.menuIndex);
        for (const std::string& tag : note.tags) {
            std::string name = normalizeNfc(trim(tag));
            if (name.empty()) continue;
            std::string key = foldForSearch(name);
            if (std::find(info.tagKeys.begin(), info.tagKeys.end(), key) != info.tagKeys.end()) continue;
            info.tagKeys.push_back(std::move(key));
            info.tagNames.push_back(std::move(name));
        }
        std::vector<harvest::Word> words = harvest::contentWords(note.text);
        grams[r] = noteTerms(words, options);
        std::vector<std::uint32_t> ids;
        for (harvest::Word& word : words) {
            auto [it, inserted] = wordIds.try_emplace(word.key, static_cast<std::uint32_t>(corpus.wordNames.size()));
            if (inserted) {
                corpus.wordNames.push_back(harvest::toUtf8(word.display));
                corpus.keywordWords.push_back(harvest::isKeyword(word.key) ? 1 : 0);
                corpus.wordKeys.push_back(word.key);
                writtenAsKey.push_back(word.display == word.key ? 1 : 0);
            } else if (!writtenAsKey[it->second] && word.display == word.key) {
                corpus.wordNames[it->second] = harvest::toUtf8(word.key);  // "Bike" at a sentence start, "bike" later
                writtenAsKey[it->second] = 1;
            }
            ids.push_back(it->second);
        }
        std::sort(ids.begin(), ids.end());
        for (std::size_t a = 0; a < ids.size();) {
            std::size_t b = a;
            while (b < ids.size() && ids[b] == ids[a]) ++b;
            info.words.emplace_back(ids[a], static_cast<int>(b - a));
            a = b;
        }
    }
    harvest::Vectorised vectorised = harvest::vectorise(grams, groups, muted);
    corpus.termCount = vectorised.termCount;
    corpus.vectors.resize(n);
    corpus.plain.resize(n);
    for (std::size_t r = 0; r < n; ++r) {
        corpus.vectors[order[r]] = std::move(vectorised.weighted[r]);
        corpus.plain[order[r]] = std::move(vectorised.plain[r]);
    }
    return corpus;
}

// [SECTION] similarity graph

// Postings are indexed by term and reused across menus; for each note the dot products with the earlier notes are
// accumulated through them. Exact cosine for every pair that shares a term, and no work for pairs that share none.
class GraphBuilder {
public:
    explicit GraphBuilder(std::size_t termCount) : m_postings(termCount) {}

    // Keeps the pairs that are at least `overlapping` alike by plain n-grams (near-duplicates, wherever they are),
    // and the pairs of clusterable notes at least `similar` alike by tf-idf.
    void build(const Corpus& corpus, MenuWork& work, const std::vector<char>& clusterable, float similar,
               float overlapping) {
        const std::size_t n = work.members.size();
        work.edges.assign(n, {});
        if (m_weighted.size() < n) {
            m_weighted.resize(n, 0.0f);
            m_plain.resize(n, 0.0f);
            m_seen.resize(n, 0);
        }
        std::vector<int> touched;
        std::vector<std::uint32_t> usedTerms;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t note = static_cast<std::size_t>(work.members[i]);
            const TermVector& weighted = corpus.vectors[note];
            const TermVector& plain = corpus.plain[note];
            touched.clear();
            for (std::size_t t = 0; t < weighted.size(); ++t) {
                const float w = weighted[t].second;
                const float p = plain[t].second;
                for (const Posting& posting : m_postings[weighted[t].first]) {
                    const std::size_t j = static_cast<std::size_t>(posting.local);
                    if (!m_seen[j]) {
                        m_seen[j] = 1;
                        touched.push_back(posting.local);
                    }
                    m_weighted[j] += w * posting.weighted;
                    m_plain[j] += p * posting.plain;
                }
            }
            // In order, so that every edge list comes out sorted by the other note.
            std::sort(touched.begin(), touched.end());
            for (int local : touched) {
                const std::size_t j = static_cast<std::size_t>(local);
                const float similarity = std::min(m_weighted[j], 1.0f);
                const float overlap = std::min(m_plain[j], 1.0f);
                m_weighted[j] = m_plain[j] = 0.0f;
                m_seen[j] = 0;
                if (clusterable[i] && clusterable[j]) {
                    work.similaritySum += similarity;
                    work.similaritySquares += static_cast<double>(similarity) * similarity;
                }
                if (overlap < overlapping && (similarity < similar || !clusterable[i] || !clusterable[j])) continue;
                work.edges[i].push_back({local, similarity, overlap});
                work.edges[j].push_back({static_cast<int>(i), similarity, overlap});
            }
            for (std::size_t t = 0; t < weighted.size(); ++t) {
                auto& list = m_postings[weighted[t].first];
                if (list.empty()) usedTerms.push_back(weighted[t].first);
                list.push_back({static_cast<int>(i), weighted[t].second, plain[t].second});
            }
        }
        for (std::uint32_t term : usedTerms) m_postings[term].clear();
        const double open = static_cast<double>(std::count(clusterable.begin(), clusterable.end(), 1));
        work.clusterablePairs = open * (open - 1) / 2;
    }

private:
    struct Posting {
        int local = 0;
        float weighted = 0;
        float plain = 0;
    };
    std::vector<std::vector<Posting>> m_postings;
    std::vector<float> m_weighted;
    std::vector<float> m_plain;
    std::vector<char> m_seen;
};

// [SECTION] grouping

void assign(MenuWork& work, std::vector<ThemeWork>& themes, int local, int theme) {
    work.themeOf[static_cast<std::size_t>(local)] = theme;
    themes[static_cast<std::size_t>(theme)].locals.push_back(local);
}

void addOrganiserThemes(const Session& session, MenuId menu, const Corpus& corpus, MenuWork& work,
                        std::vector<ThemeWork>& themes) {
    std::map<ThemeId, int> indexOf;
    for (const Theme& theme : session.themes) {
        if (theme.menu != menu || menu == kNoMenu || indexOf.count(theme.id)) continue;
        ThemeWork added;
        added.summary.key = themeKeyOf(theme.id);
        added.summary.origin = ThemeOrigin::Organiser;
        added.summary.themeId = theme.id;
        added.summary.name = theme.name;
        added.summary.summary = theme.summary;
        added.summary.highlighted = theme.highlighted;
        indexOf[theme.id] = static_cast<int>(themes.size());
        themes.push_back(std::move(added));
    }
    for (std::size_t local = 0; local < work.members.size(); ++local) {
        ThemeId id = noteAt(corpus, work, static_cast<int>(local)).theme;
        if (id == 0) continue;
        auto found = indexOf.find(id);
        // A note set to a theme of another menu (or one since removed) is grouped automatically.
        if (found != indexOf.end()) assign(work, themes, static_cast<int>(local), found->second);
    }
}

// Tag themes. A group is a set of tags; its identity is the sorted set of tag keys.
void addTagThemes(const Corpus& corpus, MenuWork& work, std::vector<ThemeWork>& themes) {
    const int n = static_cast<int>(work.members.size());
    std::vector<int> tagged;
    for (int local = 0; local < n; ++local)
        if (work.themeOf[static_cast<std::size_t>(local)] < 0 && !infoAt(corpus, work, local).tagKeys.empty())
            tagged.push_back(local);
    if (tagged.empty()) return;

    struct Group {
        std::vector<std::string> keys;   // sorted
        std::vector<std::string> names;  // in the order the first note wrote them
        int carriers = 0;                // notes carrying any of the group's tags
        int theme = -1;
    };
    std::vector<Group> groups;
    std::map<std::vector<std::string>, int> groupOfKeys;
    auto groupFor = [&](std::vector<std::string> keys, const std::vector<std::string>& names) {
        std::sort(keys.begin(), keys.end());
        auto [it, inserted] = groupOfKeys.try_emplace(keys, static_cast<int>(groups.size()));
        if (inserted) groups.push_back(Group{std::move(keys), names, 0, -1});
        return it->second;
    };
    auto nameOf = [&](const std::string& key) -> const std::string& {
        for (int local : tagged) {
            const NoteInfo& info = infoAt(corpus, work, local);
            for (std::size_t t = 0; t < info.tagKeys.size(); ++t)
                if (info.tagKeys[t] == key) return info.tagNames[t];
        }
        return key;
    };

    // Anchors: the tag sets of starred notes. A tag in exactly one anchor belongs to it.
    std::map<std::string, int> anchorsWithTag;
    for (int local : tagged) {
        if (!noteAt(corpus, work, local).starred) continue;
        const NoteInfo& info = infoAt(corpus, work, local);
        const std::size_t before = groups.size();
        groupFor(info.tagKeys, info.tagNames);
        if (groups.size() > before)
            for (const std::string& key : info.tagKeys) ++anchorsWithTag[key];
    }
    // Every other tag joins the tags that always occur on the same notes.
    std::map<std::string, std::vector<int>> carriersOfTag;
    std::vector<std::string> freeTags;  // first-seen order
    for (int local : tagged)
        for (const std::string& key : infoAt(corpus, work, local).tagKeys) {
            auto anchored = anchorsWithTag.find(key);
            if (anchored != anchorsWithTag.end() && anchored->second == 1) continue;
            auto& carriers = carriersOfTag[key];
            if (carriers.empty()) freeTags.push_back(key);
            carriers.push_back(local);
        }
    std::map<std::vector<int>, std::vector<std::string>> tagsOfCarriers;
    std::vector<const std::vector<int>*> carrierOrder;
    for (const std::string& key : freeTags) {
        auto [it, inserted] = tagsOfCarriers.try_emplace(carriersOfTag[key]);
        if (inserted) carrierOrder.push_back(&it->first);
        it->second.push_back(key);
    }
    for (const std::vector<int>* carriers : carrierOrder) {
        const std::vector<std::string>& keys = tagsOfCarriers[*carriers];
        std::vector<std::string> names;
        for (const std::string& key : keys) names.push_back(nameOf(key));
        groupFor(keys, names);
    }

    std::map<std::string, std::vector<int>> groupsWithTag;
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (const std::string& key : groups[g].keys) groupsWithTag[key].push_back(static_cast<int>(g));
    for (int local : tagged) {
        std::set<int> touched;
        for (const std::string& key : infoAt(corpus, work, local).tagKeys)
            for (int g : groupsWithTag[key]) touched.insert(g);
        for (int g : touched) ++groups[static_cast<std::size_t>(g)].carriers;
    }

    std::map<std::string, int> organiserByName;
    for (std::size_t t = 0; t < themes.size(); ++t)
        if (themes[t].summary.origin == ThemeOrigin::Organiser)
            organiserByName.try_emplace(foldForSearch(themes[t].summary.name), static_cast<int>(t));
    // A note joins the group covering most of its tags; then the tightest fit (fewest tags the note lacks), the
    // most carriers, the group formed first.
    for (int local : tagged) {
        const NoteInfo& info = infoAt(corpus, work, local);
        std::set<int> candidates;
        for (const std::string& key : info.tagKeys)
            for (int g : groupsWithTag[key]) candidates.insert(g);
        int best = -1;
        std::tuple<int, int, int> bestScore{};
        for (int g : candidates) {
            const Group& group = groups[static_cast<std::size_t>(g)];
            int covered = 0;
            for (const std::string& key : info.tagKeys)
                covered += std::binary_search(group.keys.begin(), group.keys.end(), key) ? 1 : 0;
            std::tuple<int, int, int> score{covered, -(static_cast<int>(group.keys.size()) - covered), group.carriers};
            if (best < 0 || score > bestScore) {
                best = g;
                bestScore = score;
            }
        }
        int& theme = groups[static_cast<std::size_t>(best)].theme;
        if (theme < 0) {
            const Group& group = groups[static_cast<std::size_t>(best)];
            std::string name;
            for (const std::string& part : group.names) name += (name.empty() ? "" : ", ") + part;
            if (auto organiser = organiserByName.find(foldForSearch(name)); organiser != organiserByName.end()) {
                theme = organiser->second;
            } else {
                ThemeWork added;
                added.summary.key = "tag:" + name;
                added.summary.origin = ThemeOrigin::Tags;
                added.summary.name = name;
                added.summary.tags = group.names;
                added.earliest = info.rank;
                theme = static_cast<int>(themes.size());
                themes.push_back(std::move(added));
            }
        }
        assign(work, themes, local, theme);
    }
}

// An untagged note that repeats a note already in a theme joins that theme.
void attachDuplicates(const Corpus& corpus, MenuWork& work, std::vector<ThemeWork>& themes, float threshold) {
    const int n = static_cast<int>(work.members.size());
    std::vector<int> settled(work.themeOf);
    for (int local = 0; local < n; ++local) {
        if (settled[static_cast<std::size_t>(local)] >= 0 || !infoAt(corpus, work, local).tagKeys.empty()) continue;
        int bestTheme = -1;
        float best = threshold;
        for (const Edge& edge : work.edges[static_cast<std::size_t>(local)]) {
            int theme = settled[static_cast<std::size_t>(edge.other)];
            if (theme >= 0 && edge.overlap >= best && (bestTheme < 0 || edge.overlap > best)) {
                best = edge.overlap;
                bestTheme = theme;
            }
        }
        if (bestTheme >= 0) assign(work, themes, local, bestTheme);
    }
}

// Links through other notes. Two notes of one theme mostly say it in other words and share no letters, but each
// shares some with other notes of the theme; so a note is also described by the notes it resembles (its row of the
// similarity graph: its `neighbours` most similar open notes, itself left out), and two notes are alike also by the
// cosine of those rows: how much their neighbourhoods overlap. The similarity clustered is
// (1 - weight) * direct + weight * through neighbours. Without itself in its row, a lone pair that only shares a
// word gains nothing (with it, each pair's cosine would come out about twice its direct similarity, and stray
// pairs would form themes). Rows keep only the nearest neighbours, so the cost is bounded per note; ties break by
// local index. The menu's background (mean and spread over all pairs of open notes) is recounted on the new
// similarities, so the stop adapts to them.
void linkThroughNeighbours(MenuWork& work, const std::vector<char>& open, int neighbours, double weight) {
    if (weight <= 0 || neighbours <= 0) return;
    const std::size_t n = work.members.size();
    std::vector<TermVector> rows(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!open[i]) continue;
        std::vector<std::pair<float, int>> near;
        for (const Edge& edge : work.edges[i])
            if (open[static_cast<std::size_t>(edge.other)] && edge.similarity > 0)
                near.emplace_back(edge.similarity, edge.other);
        const std::size_t keep = std::min(near.size(), static_cast<std::size_t>(neighbours));
        std::partial_sort(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(keep), near.end(),
                          [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
        TermVector& row = rows[i];
        for (std::size_t k = 0; k < keep; ++k) row.emplace_back(static_cast<std::uint32_t>(near[k].second), near[k].first);
        std::sort(row.begin(), row.end());
        double norm = 0;
        for (const auto& [term, w] : row) norm += static_cast<double>(w) * w;
        if (norm <= 0) continue;
        const float scale = static_cast<float>(1.0 / std::sqrt(norm));
        for (auto& entry : row) entry.second *= scale;
    }
    // Rows are sparse vectors over notes: their dot products through an inverted index, earlier notes only.
    std::vector<std::vector<std::pair<int, float>>> postings(n);
    std::vector<float> accumulated(n, 0.0f);
    std::vector<char> seen(n, 0);
    std::vector<int> touched;
    std::vector<std::vector<Edge>> edges(n);
    work.similaritySum = work.similaritySquares = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!open[i]) {
            edges[i] = std::move(work.edges[i]);  // near-duplicate links of settled notes stay as they were
            continue;
        }
        touched.clear();
        for (const auto& [term, w] : rows[i])
            for (const auto& [j, v] : postings[term]) {
                if (!seen[static_cast<std::size_t>(j)]) {
                    seen[static_cast<std::size_t>(j)] = 1;
                    touched.push_back(j);
                }
                accumulated[static_cast<std::size_t>(j)] += w * v;
            }
        for (const Edge& edge : work.edges[i])  // direct links of earlier open notes count even with no row in common
            if (static_cast<std::size_t>(edge.other) < i && open[static_cast<std::size_t>(edge.other)] &&
                !seen[static_cast<std::size_t>(edge.other)]) {
                seen[static_cast<std::size_t>(edge.other)] = 1;
                touched.push_back(edge.other);
            }
        std::sort(touched.begin(), touched.end());
        std::size_t e = 0;
        const std::vector<Edge>& direct = work.edges[i];
        for (int j : touched) {
            const std::size_t u = static_cast<std::size_t>(j);
            while (e < direct.size() && direct[e].other < j) ++e;
            const bool hasDirect = e < direct.size() && direct[e].other == j;
            const float first = hasDirect ? direct[e].similarity : 0.0f;
            const float overlap = hasDirect ? direct[e].overlap : 0.0f;
            const double mixed = (1 - weight) * first + weight * std::min(accumulated[u], 1.0f);
            accumulated[u] = 0;
            seen[u] = 0;
            work.similaritySum += mixed;
            work.similaritySquares += mixed * mixed;
            edges[i].push_back({j, static_cast<float>(mixed), overlap});
            edges[u].push_back({static_cast<int>(i), static_cast<float>(mixed), overlap});
        }
        for (const auto& [term, w] : rows[i]) postings[term].emplace_back(static_cast<int>(i), w);
    }
    // Each list is sorted by the other note already: a note's earlier partners were added in order while it was
    // processed, its later ones in the order those came.
    work.edges = std::move(edges);
    const double count = static_cast<double>(std::count(open.begin(), open.end(), 1));
    work.clusterablePairs = count * (count - 1) / 2;
}

// The stop of the average linkage: clusters merge while they are more alike than pairs of the menu's notes
// usually are, by `deviations` standard deviations above the mean of all pairs, and at least `floor`. A menu
// whose notes all resemble each other needs more to merge than one whose notes share little.
float stopSimilarity(const MenuWork& work, const HarvestOptions& options) {
    if (work.clusterablePairs <= 0) return static_cast<float>(options.clusterThreshold);
    const double mean = work.similaritySum / work.clusterablePairs;
    const double variance = std::max(0.0, work.similaritySquares / work.clusterablePairs - mean * mean);
    const double fromData = mean + options.clusterDeviations * std::sqrt(variance);
    return static_cast<float>(std::clamp(fromData, options.clusterThreshold,
                                         std::max(options.clusterThreshold, options.clusterCeiling)));
}

// Average-linkage agglomerative clustering of the untagged notes left: the two clusters with the highest mean
// similarity over all their pairs merge, until no two are `stop` alike. Every note counts, not only a seed's
// neighbours, so two notes that share three letters do not pull their themes together. Sparse: pairs without an
// edge count 0, and only clusters with an edge between them are compared.
void addClusters(const Corpus& corpus, MenuWork& work, std::vector<ThemeWork>& themes, float stop) {
    const int n = static_cast<int>(work.members.size());
    std::vector<char> open(static_cast<std::size_t>(n), 0);
    for (int local = 0; local < n; ++local) open[static_cast<std::size_t>(local)] = work.themeOf[static_cast<std::size_t>(local)] < 0;
    // By cluster (named by its first local): summed similarity to each neighbouring cluster.
    std::vector<std::map<int, double>> links(static_cast<std::size_t>(n));
    std::vector<int> size(static_cast<std::size_t>(n), 1);
    std::vector<int> version(static_cast<std::size_t>(n), 0);
    std::vector<int> parent(static_cast<std::size_t>(n));
    std::iota(parent.begin(), parent.end(), 0);
    struct Candidate {
        double similarity;
        int a, b, versionA, versionB;
        bool operator<(const Candidate& o) const {  // the queue pops the largest: most similar, then smallest pair
            if (similarity != o.similarity) return similarity < o.similarity;
            return std::tie(a, b) > std::tie(o.a, o.b);
        }
    };
    std::priority_queue<Candidate> queue;
    for (int local = 0; local < n; ++local) {
        if (!open[static_cast<std::size_t>(local)]) continue;
        for (const Edge& edge : work.edges[static_cast<std::size_t>(local)]) {
            if (edge.other <= local || !open[static_cast<std::size_t>(edge.other)]) continue;
            links[static_cast<std::size_t>(local)][edge.other] = edge.similarity;
            links[static_cast<std::size_t>(edge.other)][local] = edge.similarity;
            if (edge.similarity >= stop) queue.push({edge.similarity, local, edge.other, 0, 0});
        }
    }
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        const std::size_t a = static_cast<std::size_t>(top.a), b = static_cast<std::size_t>(top.b);
        if (parent[a] != top.a || parent[b] != top.b || version[a] != top.versionA || version[b] != top.versionB)
            continue;
        // b joins a (a is the smaller local, so a cluster is named by its earliest note).
        for (const auto& [other, sum] : links[b]) {
            if (other == top.a) continue;
            links[a][other] += sum;
            auto& theirs = links[static_cast<std::size_t>(other)];
            theirs.erase(top.b);
            theirs[top.a] += sum;
        }
        links[a].erase(top.b);
        links[b].clear();
        parent[b] = top.a;
        size[a] += size[b];
        ++version[a];
        for (const auto& [other, sum] : links[a]) {
            const double mean = sum / (static_cast<double>(size[a]) * size[static_cast<std::size_t>(other)]);
            if (mean < stop) continue;
            const int low = std::min(top.a, other), high = std::max(top.a, other);
            queue.push({mean, low, high, version[static_cast<std::size_t>(low)], version[static_cast<std::size_t>(high)]});
        }
    }
    std::vector<int> themeOfRoot(static_cast<std::size_t>(n), -1);
    for (int local = 0; local < n; ++local) {
        if (!open[static_cast<std::size_t>(local)]) continue;
        int root = local;
        while (parent[static_cast<std::size_t>(root)] != root) root = parent[static_cast<std::size_t>(root)];
        int& theme = themeOfRoot[static_cast<std::size_t>(root)];
        if (theme < 0) {
            ThemeWork added;
            added.summary.origin = ThemeOrigin::Cluster;
            added.earliest = infoAt(corpus, work, local).rank;  // locals are earliest first
            theme = static_cast<int>(themes.size());
            themes.push_back(std::move(added));
        }
        assign(work, themes, local, theme);
    }
}

// Below this many notes one thread does it all: starting threads would cost more than it saves.
constexpr std::size_t kNotesPerThread = 2000;

// One menu's harvest, with the scratch space (postings, centroid) that a thread reuses from menu to menu.
class MenuSynthesizer {
public:
    MenuSynthesizer(const Session& session, const Corpus& corpus, const HarvestOptions& options, int roundCount)
        : m_session(session), m_corpus(corpus), m_options(options), m_roundCount(roundCount),
          m_graph(corpus.termCount), m_finisher(corpus, options) {}

    void run(MenuHarvest& harvest, MenuWork& work, std::unordered_map<std::uint32_t, int>& wordCounts) {
        const float duplicateThreshold = static_cast<float>(m_options.duplicateThreshold);
        std::sort(work.members.begin(), work.members.end(), [&](int a, int b) {
            return m_corpus.notes[static_cast<std::size_t>(a)].rank < m_corpus.notes[static_cast<std::size_t>(b)].rank;
        });
        work.themeOf.assign(work.members.size(), -1);

        std::vector<ThemeWork> themes;
        addOrganiserThemes(m_session, harvest.menu, m_corpus, work, themes);
        const std::size_t organiserCount = themes.size();
        std::vector<char> clusterable(work.members.size(), 0);
        for (std::size_t local = 0; local < work.members.size(); ++local)
            clusterable[local] =
                work.themeOf[local] < 0 && infoAt(m_corpus, work, static_cast<int>(local)).tagKeys.empty();
        m_graph.build(m_corpus, work, clusterable, static_cast<float>(m_options.edgeFloor), duplicateThreshold);
        addTagThemes(m_corpus, work, themes);
        attachDuplicates(m_corpus, work, themes, duplicateThreshold);
        std::vector<char> open(work.members.size(), 0);
        for (std::size_t local = 0; local < work.members.size(); ++local) open[local] = work.themeOf[local] < 0;
        linkThroughNeighbours(work, open, m_options.linkNeighbours, m_options.linkWeight);
        addClusters(m_corpus, work, themes, stopSimilarity(work, m_options));

        WordStats stats;
        stats.documents = static_cast<int>(work.members.size());
        for (int member : work.members)
            for (auto [word, count] : m_corpus.notes[static_cast<std::size_t>(member)].words) {
                ++stats.documentFrequency[word];
                ++wordCounts[word];
            }
        for (ThemeWork& theme : themes) m_finisher.finish(work, stats, theme);

        // Organiser themes in session order, then automatic ones by their earliest note.
        std::stable_sort(themes.begin() + static_cast<std::ptrdiff_t>(organiserCount), themes.end(),
                         [](const ThemeWork& a, const ThemeWork& b) {
                             if (a.summary.origin != b.summary.origin) return a.summary.origin < b.summary.origin;
                             return a.earliest < b.earliest;
                         });
        harvest.notesPerRound.assign(static_cast<std::size_t>(m_roundCount), 0);
        std::set<TableNumber> tables;
        for (int member : work.members) {
            const Note& note = *m_corpus.notes[static_cast<std::size_t>(member)].note;
            if (note.round >= 1) ++harvest.notesPerRound[static_cast<std::size_t>(note.round - 1)];
            tables.insert(note.table);
        }
        harvest.tables.assign(tables.begin(), tables.end());
        harvest.noteCount = static_cast<int>(work.members.size());
        for (ThemeWork& theme : themes) {
            theme.summary.menu = harvest.menu;
            harvest.themes.push_back(std::move(theme.summary));
        }
        work = MenuWork{};  // the graph is not needed any more
    }

private:
    const Session& m_session;
    const Corpus& m_corpus;
    const HarvestOptions& m_options;
    int m_roundCount;
    GraphBuilder m_graph;
    ThemeFinisher m_finisher;
};

}  // namespace

// [SECTION] synthesize

namespace {

void tallyVotes(Synthesis& synthesis, const Session& session);

// The grouping of the notes, before the phones' dots are counted: a function of the notes, themes, menus, tables
// and round count only (HarvestCache relies on that).
Synthesis groupNotes(const Session& session, const HarvestOptions& options) {
    Synthesis synthesis;
    for (const Menu& menu : session.menus) {
        MenuHarvest harvest;
        harvest.menu = menu.id;
        synthesis.menus.push_back(std::move(harvest));
    }
    auto indexOfMenu = [&](MenuId id) -> int {
        for (std::size_t m = 0; m < session.menus.size(); ++m)
            if (session.menus[m].id == id && id != kNoMenu) return static_cast<int>(m);
        return -1;
    };
    std::map<MenuId, int> menuIndex;
    for (const Menu& menu : session.menus) menuIndex.try_emplace(menu.id, indexOfMenu(menu.id));
    std::vector<int> menuIndexOfNote(session.notes.size());
    int noMenu = -1;
    synthesis.roundCount = std::max(session.rounds.count, 1);
    for (std::size_t i = 0; i < session.notes.size(); ++i) {
        const Note& note = session.notes[i];
        MenuId menu = note.menu;
        // A note without a menu belongs to its table's menu.
        if (!menuIndex.count(menu))
            if (const Table* table = session.findTable(note.table)) menu = table->menu;
        auto found = menuIndex.find(menu);
        if (found == menuIndex.end()) {
            if (noMenu < 0) {
                noMenu = static_cast<int>(synthesis.menus.size());
                synthesis.menus.push_back(MenuHarvest{});
            }
            menuIndexOfNote[i] = noMenu;
        } else {
            menuIndexOfNote[i] = found->second;
        }
        synthesis.roundCount = std::max(synthesis.roundCount, note.round);
    }
    synthesis.noteCount = static_cast<int>(session.notes.size());

    Corpus corpus = analyse(session, menuIndexOfNote, options);
    std::vector<MenuWork> works(synthesis.menus.size());
    for (std::size_t i = 0; i < corpus.notes.size(); ++i)
        works[static_cast<std::size_t>(corpus.notes[i].menuIndex)].members.push_back(static_cast<int>(i));
    std::vector<std::unordered_map<std::uint32_t, int>> menuWordCounts(synthesis.menus.size());

    // Menus are independent: large sessions spread them over the cores. Each menu's result depends only on its
    // own notes, so the synthesis is the same whatever thread computed it.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threads =
        session.notes.size() < kNotesPerThread ? 1 : std::min<std::size_t>(cores, synthesis.menus.size());
    std::atomic<std::size_t> nextMenu{0};
    std::vector<std::exception_ptr> failures(threads);
    auto worker = [&](std::size_t thread) {
        try {
            MenuSynthesizer synthesizer(session, corpus, options, synthesis.roundCount);
            for (std::size_t m = nextMenu++; m < synthesis.menus.size(); m = nextMenu++)
                synthesizer.run(synthesis.menus[m], works[m], menuWordCounts[m]);
        } catch (...) {
            failures[thread] = std::current_exception();
        }
    };
    if (threads <= 1) {
        worker(0);
    } else {
        std::vector<std::thread> pool;
        for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker, t);
        for (std::thread& thread : pool) thread.join();
    }
    for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);
    for (std::size_t m = 0; m < synthesis.menus.size(); ++m)
        for (std::size_t t = 0; t < synthesis.menus[m].themes.size(); ++t)
            for (NoteId id : synthesis.menus[m].themes[t].notes)
                synthesis.placements.push_back({id, static_cast<int>(m), static_cast<int>(t)});

    // Menu keywords: tf-idf with the menus as documents, so that what every menu talks about ranks low.
    std::unordered_map<std::uint32_t, int> menusWithWord;
    int menusWithNotes = 0;
    for (const auto& counts : menuWordCounts) {
        menusWithNotes += counts.empty() ? 0 : 1;
        for (const auto& entry : counts) ++menusWithWord[entry.first];
    }
    for (std::size_t m = 0; m < synthesis.menus.size(); ++m) {
        auto idf = [&](std::uint32_t word) {
            return std::log((1.0 + menusWithNotes) / static_cast<double>(menusWithWord[word]));
        };
        // A keyword of a menu is mentioned by at least two of its notes.
        for (auto [word, score] : rankWords(menuWordCounts[m], idf, corpus,
                                            static_cast<std::size_t>(std::max(0, options.keywordsPerMenu)), 2)) {
            if (score <= 0) continue;
            synthesis.menus[m].keywords.push_back({corpus.wordNames[word], score, menuWordCounts[m][word]});
        }
    }

    std::sort(synthesis.placements.begin(), synthesis.placements.end(),
              [](const Synthesis::Placement& a, const Synthesis::Placement& b) { return a.note < b.note; });
    return synthesis;
}

void tallyVotes(Synthesis& synthesis, const Session& session) {
    std::set<std::pair<const ThemeSummary*, std::string_view>> voted;  // (theme, phone) pairs seen
    for (const Vote& vote : session.votes) {
        ++synthesis.phoneVotes;
        if (const ThemeSummary* theme = themeOfVote(synthesis, vote)) {
            auto& counted = const_cast<ThemeSummary&>(*theme);
            ++counted.phoneVotes;
            ++counted.votes;
            if (voted.emplace(theme, vote.voter).second) ++counted.voters;
        } else {
            MenuHarvest* menu = nullptr;
            for (MenuHarvest& harvest : synthesis.menus)
                if (harvest.menu == vote.menu) menu = &harvest;
            if (!menu) {
                // A menu that was removed: its dots are still counted somewhere a report shows.
                if (synthesis.menus.empty() || synthesis.menus.back().menu != kNoMenu)
                    synthesis.menus.push_back(MenuHarvest{});
                menu = &synthesis.menus.back();
            }
            ++menu->lostVotes;
        }
    }
}

}  // namespace

Synthesis synthesize(const Session& session, const HarvestOptions& options) {
    Synthesis synthesis = groupNotes(session, options);
    tallyVotes(synthesis, session);
    return synthesis;
}

// [SECTION] the cache

HarvestCache::HarvestCache(HarvestOptions options) : m_options(options) {}

const Synthesis& HarvestCache::synthesis(const Session& session, std::uint64_t revision) {
    if (m_valid && revision == m_revision) return m_current;
    bool sameNotes = m_valid && session.rounds.count == m_roundCount && session.notes == m_notes &&
                     session.themes == m_themes && session.menus == m_menus && session.tables == m_tables;
    if (!sameNotes) {
        m_base = groupNotes(session, m_options);
        m_notes = session.notes;
        m_themes = session.themes;
        m_menus = session.menus;
        m_tables = session.tables;
        m_roundCount = session.rounds.count;
        ++m_groupings;
    }
    m_current = m_base;
    tallyVotes(m_current, session);
    m_revision = revision;
    m_valid = true;
    return m_current;
}

const ThemeSummary* themeOfVote(const Synthesis& synthesis, const Vote& vote) {
    const MenuHarvest* menu = synthesis.findMenu(vote.menu);
    if (!menu) return nullptr;
    for (const ThemeSummary& theme : menu->themes)
        if (theme.key == vote.theme) return &theme;
    std::map<const ThemeSummary*, int> held;
    const ThemeSummary* best = nullptr;
    for (NoteId note : vote.notes) {
        const ThemeSummary* theme = synthesis.themeOfNote(note);
        if (!theme || theme->menu != vote.menu) continue;
        int count = ++held[theme];
        if (!best || count > held[best] || (count == held[best] && theme < best)) best = theme;
    }
    return best;
}

// [SECTION] lookups

const MenuHarvest* Synthesis::findMenu(MenuId menu) const {
    for (const MenuHarvest& harvest : menus)
        if (harvest.menu == menu) return &harvest;
    return nullptr;
}

const ThemeSummary* Synthesis::findTheme(std::string_view key) const {
    for (const MenuHarvest& harvest : menus)
        for (const ThemeSummary& theme : harvest.themes)
            if (theme.key == key) return &theme;
    return nullptr;
}

const ThemeSummary* Synthesis::themeOfNote(NoteId note) const {
    auto it = std::lower_bound(placements.begin(), placements.end(), note,
                               [](const Placement& p, NoteId id) { return p.note < id; });
    if (it == placements.end() || it->note != note) return nullptr;
    return &menus[static_cast<std::size_t>(it->menuIndex)].themes[static_cast<std::size_t>(it->themeIndex)];
}

bool isReportTheme(const ThemeSummary& theme) {
    if (theme.notes.empty()) return false;
    if (theme.origin != ThemeOrigin::Cluster) return true;
    return theme.noteCount() >= 2 || theme.stars > 0 || theme.highlightedNotes > 0 || theme.votes > 0;
}

double textSimilarity(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::uint64_t>> documents = {harvest::characterGrams(harvest::contentWords(a)),
                                                         harvest::characterGrams(harvest::contentWords(b))};
    harvest::Vectorised vectorised = harvest::vectorise(documents);
    return harvest::dot(vectorised.plain[0], vectorised.plain[1]);
}

std::vector<std::string> harvestWords(std::string_view text) {
    std::vector<std::string> words;
    for (const harvest::Word& word : harvest::contentWords(text)) words.push_back(harvest::toUtf8(word.key));
    return words;
}

std::string themeKeyOf(ThemeId id) { return "theme:" + std::to_string(id); }

}  // namespace worldcafe
