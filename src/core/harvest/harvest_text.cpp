#include "harvest_text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "harvest_hanja.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::harvest {

namespace {


bool isWordCharacter(char32_t c) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO:
            return true;
        default:
            return false;
    }
}

// Particles and endings that Korean attaches to the end of a word. Stripping them lets "녹색제품은", "녹색제품을"
// and "녹색제품" meet, without a dictionary. Longest first; one-syllable endings only come off words of three
// syllables or more, so that nouns like 평가, 국가 and 아이 keep their last syllable.
const std::vector<std::u32string>& koreanEndings() {
    static const std::vector<std::u32string> endings = [] {
        std::vector<std::u32string> list = {
            // Verb endings hosts leave on fragments ("지원해달라", "제도가 바뀌어야 함"): the stem is what is compared.
            U"해줬으면", U"해달라고", U"해주세요", U"했으면", U"해달라", U"해주길", U"해줘야", U"되어야", U"바뀌어야",
            U"바뀌어", U"시켜야", U"해야함", U"해야됨", U"합니다", U"됩니다", U"입니다", U"습니다", U"하도록",
            U"에서는", U"으로는", U"에게는", U"이라는", U"에서도", U"으로도", U"이라도", U"주세요", U"해주면",
            U"에서",   U"으로",   U"에게",   U"하고",   U"까지",   U"부터",   U"처럼",   U"보다",   U"마다",
            U"이나",   U"이라",   U"에는",   U"에도",   U"라는",   U"하는",   U"하여",   U"해야",   U"해서",
            U"하면",   U"하기",   U"한다",   U"했다",   U"된다",   U"되는",   U"되어",   U"되고",   U"하게",
            U"적인",   U"적으로", U"끼리",   U"이다",   U"이며",   U"하며",   U"으며",   U"들이",   U"들을",
            U"들은",   U"들의",   U"들도",   U"들에",   U"과의",   U"와의",   U"에의",   U"이고",   U"돼야",
            U"되길",   U"하길",   U"해줘",   U"했음",   U"하니까", U"니까",   U"어야",   U"아야",   U"겠다",
            U"은",     U"는",     U"이",     U"가",     U"을",     U"를",     U"에",     U"의",     U"도",
            U"로",     U"과",     U"와",     U"만",     U"함",     U"음",     U"임",     U"됨",     U"들",
            U"랑",     U"게",     U"며",
        };
        std::stable_sort(list.begin(), list.end(),
                         [](const std::u32string& a, const std::u32string& b) { return a.size() > b.size(); });
        return list;
    }();
    return endings;
}

// Nouns that end in 의 (a particle elsewhere): 회의 stays 회의, also inside compounds (정기회의).
bool endsWithNounUi(const std::u32string& word) {
    static const std::u32string_view before = U"회협논합건토심문주동강정모결";
    return word.size() >= 2 && word.back() == U'의' &&
           before.find(word[word.size() - 2]) != std::u32string_view::npos;
}

std::u32string stripKoreanEnding(std::u32string word) {
    if (word.empty() || !isHangulSyllable(word.back())) return word;
    for (const std::u32string& ending : koreanEndings()) {
        const std::size_t minimumStem = ending.size() == 1 ? 2 : 1;
        if (ending == U"의" && endsWithNounUi(word)) continue;
        if (word.size() >= ending.size() + minimumStem && word.ends_with(ending)) {
            word.resize(word.size() - ending.size());
            return word;
        }
    }
    return word;
}

bool isLatinLetter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

// A light English stemmer: plurals only. "bikes" meets "bike", "cities" meets "city".
std::u32string stripEnglishPlural(std::u32string word) {
    if (word.size() <= 3 || !std::all_of(word.begin(), word.end(), isLatinLetter)) return word;
    if (word.ends_with(U"ies") && word.size() > 4) {
        word.resize(word.size() - 3);
        word += U'y';
    } else if (word.back() == U's' && !word.ends_with(U"ss") && !word.ends_with(U"us") && !word.ends_with(U"is")) {
        word.pop_back();
    }
    return word;
}

const std::unordered_set<std::u32string>& stopWords() {
    static const std::unordered_set<std::u32string> words = {
        // English
        U"a", U"an", U"the", U"and", U"or", U"but", U"of", U"to", U"in", U"on", U"at", U"for", U"with", U"by",
        U"from", U"is", U"are", U"was", U"were", U"be", U"been", U"it", U"its", U"this", U"that", U"these",
        U"those", U"as", U"if", U"so", U"not", U"no", U"we", U"our", U"us", U"you", U"your", U"they", U"their",
        U"them", U"he", U"she", U"his", U"her", U"i", U"my", U"me", U"can", U"could", U"would", U"should",
        U"will", U"do", U"doe", U"did", U"have", U"has", U"had", U"more", U"most", U"some", U"any", U"all",
        U"there", U"here", U"what", U"which", U"who", U"when", U"where", U"how", U"than", U"then", U"also",
        U"just", U"very", U"too", U"into", U"about", U"up", U"out", U"get", U"got", U"lot", U"s", U"t", U"d",
        U"ll", U"re", U"ve", U"m", U"one", U"need", U"needs", U"want", U"people", U"someone",
        // Korean, after endings are stripped
        U"것", U"수", U"등", U"및", U"더", U"또", U"좀", U"잘", U"그", U"이", U"저", U"우리", U"있", U"없",
        U"하", U"되", U"때", U"중", U"안", U"못", U"곳", U"점", U"분", U"거", U"건", U"걸", U"그냥", U"정말",
        U"너무", U"많이", U"같이", U"대한", U"위한", U"위해", U"통해", U"관련", U"같은", U"이런", U"그런",
        U"저런", U"모두", U"때문", U"경우", U"의견", U"생각", U"이야기", U"정도", U"그리고", U"하지만",
        U"그러나", U"또한", U"특히", U"현재", U"이러한", U"있는", U"없는", U"있다", U"없다", U"있어", U"없어",
        U"다시", U"매번", U"자체", U"대부분", U"많", U"많은", U"있으", U"않", U"않음", U"아니", U"어떻게",
        U"무엇", U"필요", U"필요성", U"좋겠", U"좋겠다", U"좋겠음", U"한다는", U"이라는", U"라는", U"없음",
        U"있음", U"많음", U"했음", U"함", U"됨", U"바뀌어야", U"바뀌어", U"바꿔야", U"바뀜", U"해달라", U"해주세요",
        U"해야", U"해야함", U"되어야", U"돼야", U"그대로", U"하나", U"결국", U"서로", U"먼저", U"바로", U"조금", U"거의",
    };
    return words;
}

}  // namespace

std::u32string decodeUtf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    std::size_t offset = 0;
    while (offset < text.size()) {
        utf8proc_int32_t codePoint = 0;
        utf8proc_ssize_t length =
            utf8proc_iterate(bytes + offset, static_cast<utf8proc_ssize_t>(text.size() - offset), &codePoint);
        if (length <= 0) {  // invalid byte: a separator, then carry on
            out.push_back(U' ');
            ++offset;
            continue;
        }
        out.push_back(static_cast<char32_t>(codePoint));
        offset += static_cast<std::size_t>(length);
    }
    return out;
}

std::string toUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    utf8proc_uint8_t buffer[4];
    for (char32_t c : text) {
        utf8proc_ssize_t length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buffer);
        out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
    }
    return out;
}

namespace {

// Weight of a hanja term relative to an n-gram's. A word's n-grams say what was written; its hanja what it is
// taken to mean, by the first reading of a table. Chosen on the tuning menus of tests/harvest_eval (0.25 to 2 tried;
// 1 scored best, and below 1 no better than letters alone).
constexpr double kHanjaWeight = 1.0;

bool isCaseless(char32_t c) { return c < 0x80 || isHangulSyllable(c) || (c >= 0x1100 && c <= 0x11FF); }

// Case folding word by word, without a utf8proc call for the common case (ASCII and Hangul).
std::u32string foldWord(const std::u32string& word) {
    if (std::all_of(word.begin(), word.end(), isCaseless)) {
        std::u32string out = word;
        for (char32_t& c : out)
            if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
        return out;
    }
    return decodeUtf8(foldForSearch(toUtf8(word)));
}

}  // namespace

std::vector<Word> contentWords(std::string_view text) {
    const std::u32string decoded = decodeUtf8(normalizeNfc(text));
    std::vector<Word> words;
    std::u32string written;
    bool sentenceStart = true;
    auto finish = [&] {
        if (written.empty()) return;
        const std::u32string folded = foldWord(written);
        const bool capitalisedBySentence = sentenceStart;
        sentenceStart = false;
        if (stopWords().contains(folded)) {
            written.clear();
            return;
        }
        std::u32string key = stripEnglishPlural(stripKoreanEnding(folded));
        if (!stopWords().contains(key)) {
            // Keep the writer's case for names and acronyms ("GLCN", "Church Lane"), not for a sentence's first word.
            std::u32string display = key;
            const bool allCaps =
                std::none_of(written.begin(), written.end(), [](char32_t c) { return c >= U'a' && c <= U'z'; });
            if (folded.size() == written.size() && folded.starts_with(key) && (!capitalisedBySentence || allCaps))
                display = written.substr(0, key.size());
            words.push_back({std::move(key), std::move(display)});
        }
        written.clear();
    };
    for (char32_t c : decoded) {
        if (isWordCharacter(c)) {
            written.push_back(c);
            continue;
        }
        finish();
        if (c == U'.' || c == U'!' || c == U'?' || c == U':' || c == U'\n') sentenceStart = true;
    }
    finish();
    return words;
}

bool isKeyword(std::u32string_view key) {
    if (key.size() < 2) return false;
    if (std::all_of(key.begin(), key.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; })) return false;
    if (!isHangulSyllable(key.back())) return true;
    // Verb and adjective forms ("바꾼다", "어렵게") make poor keywords; so do particles left on short words ("말은").
    static const std::u32string_view verbEndings = U"다요고면서며지게";
    static const std::u32string_view particles = U"은는이가을를에의도로과와";
    if (verbEndings.find(key.back()) != std::u32string_view::npos) return false;
    return !(key.size() == 2 && particles.find(key.back()) != std::u32string_view::npos);
}

std::vector<std::uint64_t> characterGrams(const std::vector<Word>& words) {
    std::vector<std::uint64_t> grams;
    // Code points fit 21 bits: a trigram packs into 63 bits, a bigram is tagged with the top bit, a unigram with
    // the next one.
    for (const Word& word : words) {
        const std::u32string& key = word.key;
        if (key.size() == 1) {
            grams.push_back(std::uint64_t{1} << 62 | key[0]);
            continue;
        }
        for (std::size_t i = 0; i + 1 < key.size(); ++i) {
            std::uint64_t bigram = std::uint64_t{key[i]} << 21 | key[i + 1];
            grams.push_back(std::uint64_t{1} << 63 | bigram);
            if (i + 2 < key.size()) grams.push_back(bigram << 21 | key[i + 2]);
        }
    }
    return grams;
}

float dot(const TermVector& a, const TermVector& b) {
    float sum = 0;
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (i->first < j->first) {
            ++i;
        } else if (j->first < i->first) {
            ++j;
        } else {
            sum += i->second * j->second;
            ++i;
            ++j;
        }
    }
    return sum;
}

Vectorised vectorise(const std::vector<std::vector<std::uint64_t>>& documents) {
    return vectorise(documents, std::vector<int>(documents.size(), 0), {});
}

Vectorised vectorise(const std::vector<std::vector<std::uint64_t>>& documents, const std::vector<int>& groups,
                     const std::vector<std::unordered_set<std::uint64_t>>& muted) {
    Vectorised result;
    std::unordered_map<std::uint64_t, std::uint32_t> ids;
    std::vector<std::vector<std::pair<std::uint32_t, int>>> counts(documents.size());
    std::vector<int> documentFrequency;
    std::vector<std::uint32_t> sorted;
    std::vector<std::uint64_t> gramOf;
    for (std::size_t d = 0; d < documents.size(); ++d) {
        sorted.clear();
        for (std::uint64_t gram : documents[d]) {
            auto [it, inserted] = ids.try_emplace(gram, static_cast<std::uint32_t>(ids.size()));
            if (inserted) {
                documentFrequency.push_back(0);
                gramOf.push_back(gram);
            }
            sorted.push_back(it->second);
        }
        std::sort(sorted.begin(), sorted.end());
        auto& bag = counts[d];
        for (std::size_t i = 0; i < sorted.size();) {
            std::size_t j = i;
            while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
            bag.emplace_back(sorted[i], static_cast<int>(j - i));
            i = j;
        }
    }
    // Document frequencies within each group (a menu): what the menu's notes all say counts less there.
    int groupCount = 0;
    for (int g : groups) groupCount = std::max(groupCount, g + 1);
    std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(groupCount));
    for (std::size_t d = 0; d < documents.size(); ++d) members[static_cast<std::size_t>(groups[d])].push_back(d);
    result.termCount = ids.size();
    result.weighted.resize(documents.size());
    result.plain.resize(documents.size());
    auto normalise = [](TermVector& vector, double squares) {
        if (squares <= 0) return;
        const float scale = static_cast<float>(1.0 / std::sqrt(squares));
        for (auto& entry : vector) entry.second *= scale;
    };
    for (std::size_t g = 0; g < members.size(); ++g) {
        const double n = static_cast<double>(members[g].size());
        for (std::size_t d : members[g])
            for (auto [term, count] : counts[d]) ++documentFrequency[term];
        const std::unordered_set<std::uint64_t>* mutedGrams = g < muted.size() ? &muted[g] : nullptr;
        for (std::size_t d : members[g]) {
            TermVector& weighted = result.weighted[d];
            TermVector& plain = result.plain[d];
            weighted.reserve(counts[d].size());
            plain.reserve(counts[d].size());
            double weightedSquares = 0, plainSquares = 0;
            for (auto [term, count] : counts[d]) {
                const double tf = 1.0 + std::log(static_cast<double>(count));
                // Smoothed idf (1 for an n-gram in every note, about 1 + ln N for one in a single note).
                double tfidf = tf * (1.0 + std::log((1.0 + n) / (1.0 + documentFrequency[term])));
                // The menu's own words bind notes only by the table's topic.
                if (mutedGrams && mutedGrams->contains(gramOf[term])) tfidf *= kMutedWeight;
                // A hanja says what a word may mean, not what was written: it does not count towards
                // near-duplicates.
                const bool hanja = isHanjaTerm(gramOf[term]);
                if (hanja) tfidf *= kHanjaWeight;
                weighted.emplace_back(term, static_cast<float>(tfidf));
                plain.emplace_back(term, static_cast<float>(hanja ? 0.0 : tf));
                weightedSquares += tfidf * tfidf;
                if (!hanja) plainSquares += tf * tf;
            }
            normalise(weighted, weightedSquares);
            normalise(plain, plainSquares);
        }
        for (std::size_t d : members[g])
            for (auto [term, count] : counts[d]) documentFrequency[term] = 0;
    }
    return result;
}

}  // namespace worldcafe::harvest
