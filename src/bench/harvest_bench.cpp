#include "harvest_bench.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "command_line.hpp"
#include "worldcafe/harvest.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/report.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::cli {

namespace {

struct HarvestBenchOptions {
    std::string labelled;
    bool qualityOnly = false;
    bool themes = false;
    std::string wordNet;
    bool noHanja = false;
};
HarvestBenchOptions g_options;

HarvestOptions benchOptions() {
    HarvestOptions options;
    options.wordNetDirectory = g_options.wordNet;
    if (g_options.noHanja) options.hanjaTable.clear();
    return options;
}

constexpr int kNotes = 10000;
constexpr int kMenus = 8;
constexpr int kTables = 40;
constexpr int kRounds = 4;
constexpr int kRuns = 5;

// xorshift64: the same notes on every machine (the standard distributions are not portable).
struct Random {
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    std::uint64_t next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

// A café with 8 menus over 40 tables and 4 rounds. Each menu's notes come from six of twelve ideas, phrased with a
// place and a verdict, in Korean at even menus and mostly English at odd ones; a tenth repeat the table's previous
// note (the near-duplicates of successive rounds), 40 % carry the idea's tag, some a second tag, 2 % are starred
// and a quarter have dot votes.
Session syntheticSession() {
    static const char* const koIdeas[] = {"로컬푸드 직매장", "녹색제품 구매", "공공급식 식재료", "재활용 분리배출",
                                          "청사 에너지 절약", "친환경 포장재", "시민 환경교육", "담당자 실무교육",
                                          "녹색구매 인센티브", "도시 간 네트워크", "중소기업 판로", "환경마크 인증"};
    static const char* const koVerdicts[] = {"확대가 필요함",     "홍보가 부족함",     "예산 지원이 있어야 함",
                                             "인식이 아직 낮음",  "우수 사례를 공유하자", "제도를 개선해야 함",
                                             "절차가 너무 복잡함", "지표 관리가 형식적임"};
    static const char* const koPlaces[] = {"지역에서",     "학교와 함께",   "시청 차원에서", "내년부터",
                                           "시민과 같이", "기업 대상으로", "농협을 통해",   "주민센터에서"};
    static const char* const enIdeas[] = {"Bike storage", "School streets", "Street trees",  "A community fridge",
                                          "A refill station", "The car club", "A food waste audit", "Green roofs",
                                          "The repair cafe", "Solar panels", "Bus shelters", "Allotment plots"};
    static const char* const enVerdicts[] = {"should be expanded",      "needs more publicity",
                                             "needs council funding",   "is not well known yet",
                                             "works elsewhere, copy it", "needs simpler rules",
                                             "takes too long to approve", "could be run by volunteers"};
    static const char* const enPlaces[] = {"in the town centre", "near the schools", "for older residents",
                                           "from next spring",   "with local shops", "on the estates",
                                           "at the library",     "along the canal"};
    Session s;
    s.id = "harvest-benchmark";
    s.event.title = "Harvest benchmark";
    s.event.language = "ko";
    s.rounds.count = kRounds;
    for (int m = 1; m <= kMenus; ++m)
        s.menus.push_back(Menu{m, (m % 2 ? "Menu " : "메뉴 ") + std::to_string(m), "Question " + std::to_string(m),
                               defaultMenuColour(static_cast<std::size_t>(m - 1))});
    for (int t = 1; t <= kTables; ++t) s.tables.push_back(Table{t, (t - 1) % kMenus + 1, 8});
    Random random;
    std::vector<std::string> previous(kTables + 1);
    for (int i = 0; i < kNotes; ++i) {
        Note note;
        note.id = i + 1;
        note.table = i % kTables + 1;
        note.round = 1 + i * kRounds / kNotes;
        note.menu = (note.table - 1) % kMenus + 1;
        note.created = 1700000000000LL + i * 1000LL;
        note.edited = note.created;
        const bool korean = random.below(10) < (note.menu % 2 == 0 ? 8u : 2u);
        const std::size_t idea = (static_cast<std::size_t>(note.menu) * 5 + random.below(6)) % 12;
        std::string& last = previous[static_cast<std::size_t>(note.table)];
        if (!last.empty() && random.below(10) == 0)
            note.text = last + (korean ? " (다시 강조)" : " (again)");
        else if (korean)
            note.text = std::string(koIdeas[idea]) + " " + koPlaces[random.below(8)] + " " +
                        koVerdicts[random.below(8)];
        else
            note.text = std::string(enIdeas[idea]) + " " + enPlaces[random.below(8)] + " " +
                        enVerdicts[random.below(8)];
        if (random.below(10) < 4) {
            note.tags.push_back(korean ? koIdeas[idea] : enIdeas[idea]);
            if (random.below(4) == 0) note.tags.push_back(korean ? "예산" : "funding");
        }
        note.starred = random.below(50) == 0;
        note.votes = random.below(4) == 0 ? static_cast<int>(random.below(6)) : 0;
        last = note.text;
        s.notes.push_back(std::move(note));
    }
    return s;
}

double medianMilliseconds(const std::function<void()>& work) {
    std::vector<double> times;
    for (int run = 0; run < kRuns; ++run) {
        auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}


// [SECTION] grouping quality on the labelled notes

struct LabelledMenu {
    std::string language;
    std::string key;
    Menu menu;
    std::vector<std::string> themes;  // true theme of each note, "-" for off-topic
    std::vector<std::string> texts;
};

std::vector<std::string> splitTabs(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        std::size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) return fields;
        start = tab + 1;
    }
}

std::vector<LabelledMenu> readLabelled(const std::filesystem::path& file) {
    std::string text = normalizeNfc(readWholeFile(file));
    if (!isValidUtf8(text)) throw InputError(file, "is not UTF-8 text");
    std::vector<LabelledMenu> menus;
    std::size_t start = 0;
    int lineNumber = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty() || line[0] == '#') continue;
        std::vector<std::string> fields = splitTabs(line);
        if (fields.size() != 5 || (fields[0] != "menu" && fields[0] != "note"))
            throw InputError(file, "expected 5 tab-separated fields starting with \"menu\" or \"note\"", lineNumber, 1);
        if (fields[0] == "menu") {
            LabelledMenu menu;
            menu.language = fields[1];
            menu.key = fields[2];
            menu.menu.title = fields[3];
            menu.menu.question = fields[4];
            menus.push_back(std::move(menu));
            continue;
        }
        if (menus.empty() || menus.back().key != fields[2] || menus.back().language != fields[1])
            throw InputError(file, "a note must follow the line of its menu (" + fields[2] + ")", lineNumber, 1);
        menus.back().themes.push_back(fields[3]);
        menus.back().texts.push_back(fields[4]);
    }
    return menus;
}

// Scores of one grouping against the true themes. Off-topic notes are each a class of their own; notes left in
// "other" (not a report theme) are each a cluster of their own.
struct Scores {
    double ari = 0, nmi = 0, purity = 0, inversePurity = 0, other = 0;
    int clusters = 0;  // clusters of two or more
};

Scores score(const std::vector<std::string>& truth, const std::vector<int>& predicted, const std::vector<char>& other) {
    const std::size_t n = truth.size();
    std::map<std::string, int> classOf;
    std::vector<int> classes(n), clusters(n);
    int nextClass = 0;
    for (std::size_t i = 0; i < n; ++i)
        classes[i] = truth[i] == "-" ? nextClass++ : classOf.try_emplace(truth[i], -1).first->second;
    for (auto& [name, id] : classOf) id = nextClass++;
    for (std::size_t i = 0; i < n; ++i)
        if (truth[i] != "-") classes[i] = classOf[truth[i]];
    std::map<int, int> clusterOf;
    int nextCluster = 0;
    for (std::size_t i = 0; i < n; ++i)
        clusters[i] = other[i] ? nextCluster++ : -1;
    for (std::size_t i = 0; i < n; ++i)
        if (!other[i]) clusters[i] = clusterOf.try_emplace(predicted[i], 0).first->second;
    for (auto& [label, id] : clusterOf) id = nextCluster++;
    for (std::size_t i = 0; i < n; ++i)
        if (!other[i]) clusters[i] = clusterOf[predicted[i]];

    std::map<std::pair<int, int>, int> joint;
    std::vector<int> classSize(static_cast<std::size_t>(nextClass)), clusterSize(static_cast<std::size_t>(nextCluster));
    for (std::size_t i = 0; i < n; ++i) {
        ++joint[{classes[i], clusters[i]}];
        ++classSize[static_cast<std::size_t>(classes[i])];
        ++clusterSize[static_cast<std::size_t>(clusters[i])];
    }
    auto pairs = [](double k) { return k * (k - 1) / 2; };
    double sumJoint = 0, sumClass = 0, sumCluster = 0;
    for (const auto& [cell, count] : joint) sumJoint += pairs(count);
    for (int size : classSize) sumClass += pairs(size);
    for (int size : clusterSize) sumCluster += pairs(size);
    const double total = pairs(static_cast<double>(n));
    const double expected = total > 0 ? sumClass * sumCluster / total : 0;
    const double maximum = (sumClass + sumCluster) / 2;
    Scores s;
    s.ari = maximum - expected != 0 ? (sumJoint - expected) / (maximum - expected) : 1.0;

    const double N = static_cast<double>(n);
    double mutual = 0, hClass = 0, hCluster = 0;
    for (const auto& [cell, count] : joint)
        mutual += count / N *
                  std::log(count * N / (static_cast<double>(classSize[static_cast<std::size_t>(cell.first)]) *
                                        clusterSize[static_cast<std::size_t>(cell.second)]));
    for (int size : classSize)
        if (size) hClass -= size / N * std::log(size / N);
    for (int size : clusterSize)
        if (size) hCluster -= size / N * std::log(size / N);
    s.nmi = hClass + hCluster > 0 ? 2 * mutual / (hClass + hCluster) : 1.0;

    std::vector<int> bestOfCluster(static_cast<std::size_t>(nextCluster)), bestOfClass(static_cast<std::size_t>(nextClass));
    for (const auto& [cell, count] : joint) {
        bestOfClass[static_cast<std::size_t>(cell.first)] = std::max(bestOfClass[static_cast<std::size_t>(cell.first)], count);
        bestOfCluster[static_cast<std::size_t>(cell.second)] =
            std::max(bestOfCluster[static_cast<std::size_t>(cell.second)], count);
    }
    for (int best : bestOfCluster) s.purity += best / N;
    for (int best : bestOfClass) s.inversePurity += best / N;
    int onTopic = 0, onTopicOther = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (truth[i] == "-") continue;
        ++onTopic;
        onTopicOther += other[i] ? 1 : 0;
    }
    s.other = onTopic ? static_cast<double>(onTopicOther) / onTopic : 0;
    for (int size : clusterSize) s.clusters += size >= 2 ? 1 : 0;
    return s;
}

// The text is valid UTF-8 (checked when read).
std::u32string decodeUtf8(const std::string& text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t c = length == 1 ? lead : lead & (0x7F >> length);
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
            c = c << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out.push_back(c);
        i += length;
    }
    return out;
}

// The baseline, as issue 13 describes it: tf-idf over character 2- and 3-grams of the case-folded text (spaces
// included, raw counts, smoothed idf: scikit-learn's TfidfVectorizer defaults), cosine, average linkage. It merges
// while the closest clusters are at least `threshold` alike, or (told the number of true classes) until `clusters`
// are left. A cluster of one is "other". The threshold is tuned like the product's: on the menus whose key ends in
// "a", from a grid; kBaselineThreshold when no menu is marked for tuning.
constexpr double kBaselineThreshold = 0.15;

std::vector<int> baselineGrouping(const std::vector<std::string>& texts, double threshold, std::size_t clusterCount = 0) {
    const std::size_t n = texts.size();
    std::vector<std::map<std::u32string, int>> counts(n);
    std::map<std::u32string, int> documentFrequency;
    for (std::size_t i = 0; i < n; ++i) {
        std::u32string text;
        bool space = true;
        for (char32_t c : decodeUtf8(foldForSearch(texts[i]))) {
            const bool isSpace = c == U' ' || c == U'\t';
            if (isSpace && space) continue;
            text.push_back(isSpace ? U' ' : c);
            space = isSpace;
        }
        for (std::size_t length = 2; length <= 3; ++length)
            for (std::size_t at = 0; at + length <= text.size(); ++at) ++counts[i][text.substr(at, length)];
        for (const auto& entry : counts[i]) ++documentFrequency[entry.first];
    }
    std::vector<std::map<std::u32string, double>> vectors(n);
    for (std::size_t i = 0; i < n; ++i) {
        double squares = 0;
        for (const auto& [gram, count] : counts[i]) {
            double weight = count * (std::log((1.0 + n) / (1.0 + documentFrequency[gram])) + 1.0);
            vectors[i][gram] = weight;
            squares += weight * weight;
        }
        for (auto& entry : vectors[i]) entry.second /= std::sqrt(squares);
    }
    std::vector<std::vector<double>> similarity(n, std::vector<double>(n, 0));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            double sum = 0;
            for (const auto& [gram, weight] : vectors[i])
                if (auto found = vectors[j].find(gram); found != vectors[j].end()) sum += weight * found->second;
            similarity[i][j] = similarity[j][i] = sum;
        }
    std::vector<std::vector<std::size_t>> clusters(n);
    for (std::size_t i = 0; i < n; ++i) clusters[i] = {i};
    while (true) {
        double best = -1;
        std::size_t a = 0, b = 0;
        for (std::size_t x = 0; x < clusters.size(); ++x)
            for (std::size_t y = x + 1; y < clusters.size(); ++y) {
                double sum = 0;
                for (std::size_t i : clusters[x])
                    for (std::size_t j : clusters[y]) sum += similarity[i][j];
                sum /= static_cast<double>(clusters[x].size() * clusters[y].size());
                if (sum > best) {
                    best = sum;
                    a = x;
                    b = y;
                }
            }
        if (clusterCount > 0 ? clusters.size() <= clusterCount : best < threshold) break;
        clusters[a].insert(clusters[a].end(), clusters[b].begin(), clusters[b].end());
        clusters.erase(clusters.begin() + static_cast<std::ptrdiff_t>(b));
    }
    std::vector<int> label(n);
    for (std::size_t c = 0; c < clusters.size(); ++c)
        for (std::size_t i : clusters[c]) label[i] = clusters[c].size() >= 2 ? static_cast<int>(c) : -1;
    return label;
}

std::size_t trueClassCount(const LabelledMenu& menu) {
    std::map<std::string, int> themes;
    std::size_t offTopic = 0;
    for (const std::string& theme : menu.themes) theme == "-" ? ++offTopic : ++themes[theme];
    return themes.size() + offTopic;
}

Scores scoreBaseline(const LabelledMenu& menu, double threshold, std::size_t clusterCount) {
    std::vector<int> baseline = baselineGrouping(menu.texts, threshold, clusterCount);
    std::vector<char> other;
    for (int label : baseline) other.push_back(label < 0 ? 1 : 0);
    return score(menu.themes, baseline, other);
}

// The baseline's threshold: the best mean ARI over the tuning menus (key ending in "a") of both languages, on a grid
// of 0.02 to 0.30; the smallest on a tie.
double tuneBaselineThreshold(const std::vector<LabelledMenu>& menus) {
    std::vector<const LabelledMenu*> tuning;
    for (const LabelledMenu& menu : menus)
        if (menu.key.ends_with("a")) tuning.push_back(&menu);
    if (tuning.empty()) return kBaselineThreshold;
    double best = kBaselineThreshold, bestAri = -2;
    for (int step = 2; step <= 30; ++step) {
        const double threshold = step / 100.0;
        double ari = 0;
        for (const LabelledMenu* menu : tuning) ari += scoreBaseline(*menu, threshold, 0).ari / tuning.size();
        if (ari > bestAri + 1e-9) {
            bestAri = ari;
            best = threshold;
        }
    }
    return best;
}

struct MenuScores {
    const LabelledMenu* menu = nullptr;
    Scores product, baseline, toldBaseline;
    std::vector<std::string> themeNames;  // the product's report themes
};

// The product's grouping: one session per language, a menu per labelled menu, the notes untagged and spread over
// four tables and three rounds in file order.
std::vector<MenuScores> evaluate(const std::vector<LabelledMenu>& menus, const std::string& language,
                                double baselineThreshold) {
    Session session;
    session.id = "harvest-eval-" + language;
    session.event.language = language;
    session.rounds.count = 3;
    std::vector<const LabelledMenu*> chosen;
    for (const LabelledMenu& labelled : menus) {
        if (labelled.language != language) continue;
        Menu menu = labelled.menu;
        menu.id = static_cast<MenuId>(chosen.size() + 1);
        menu.colour = defaultMenuColour(chosen.size());
        session.menus.push_back(menu);
        for (int t = 0; t < 4; ++t)
            session.tables.push_back(Table{static_cast<TableNumber>(session.tables.size() + 1), menu.id, 6});
        chosen.push_back(&labelled);
    }
    std::vector<std::vector<NoteId>> ids(chosen.size());
    for (std::size_t m = 0; m < chosen.size(); ++m)
        for (std::size_t i = 0; i < chosen[m]->texts.size(); ++i) {
            Note note;
            note.id = static_cast<NoteId>(session.notes.size() + 1);
            note.menu = static_cast<MenuId>(m + 1);
            note.table = static_cast<TableNumber>(m * 4 + i % 4 + 1);
            note.round = static_cast<RoundNumber>(1 + i * 3 / chosen[m]->texts.size());
            note.created = 1700000000000LL + static_cast<WallMillis>(note.id) * 1000;
            note.edited = note.created;
            note.text = chosen[m]->texts[i];
            ids[m].push_back(note.id);
            session.notes.push_back(std::move(note));
        }
    const Synthesis synthesis = synthesize(session, benchOptions());
    std::vector<MenuScores> result;
    for (std::size_t m = 0; m < chosen.size(); ++m) {
        MenuScores scores;
        scores.menu = chosen[m];
        std::vector<int> predicted;
        std::vector<char> other;
        std::map<const ThemeSummary*, int> index;
        for (NoteId id : ids[m]) {
            const ThemeSummary* theme = synthesis.themeOfNote(id);
            const bool inOther = theme == nullptr || !isReportTheme(*theme);
            other.push_back(inOther ? 1 : 0);
            predicted.push_back(inOther ? -1 : index.try_emplace(theme, static_cast<int>(index.size())).first->second);
        }
        scores.product = score(chosen[m]->themes, predicted, other);
        if (const MenuHarvest* harvest = synthesis.findMenu(static_cast<MenuId>(m + 1)))
            for (const ThemeSummary& theme : harvest->themes)
                if (isReportTheme(theme)) scores.themeNames.push_back(theme.name + " ×" + std::to_string(theme.noteCount()));
        scores.baseline = scoreBaseline(*chosen[m], baselineThreshold, 0);
        scores.toldBaseline = scoreBaseline(*chosen[m], 0, trueClassCount(*chosen[m]));
        result.push_back(std::move(scores));
    }
    return result;
}

void printScores(const char* label, const Scores& s) {
    std::printf("  %-22s ARI %5.2f  NMI %5.2f  purity %5.2f  inverse purity %5.2f  other %3.0f %%  (%d themes)\n", label,
                s.ari, s.nmi, s.purity, s.inversePurity, s.other * 100, s.clusters);
}

Scores mean(const std::vector<Scores>& all) {
    Scores m;
    for (const Scores& s : all) {
        m.ari += s.ari / all.size();
        m.nmi += s.nmi / all.size();
        m.purity += s.purity / all.size();
        m.inversePurity += s.inversePurity / all.size();
        m.other += s.other / all.size();
        m.clusters += s.clusters;
    }
    return m;
}

// Prints the scores; returns whether the targets are met (mean ARI >= 0.45, on-topic notes in "other" <= 20 %).
bool reportQuality(const std::filesystem::path& file, bool showThemes) {
    const std::vector<LabelledMenu> menus = readLabelled(file);
    std::printf("grouping of untagged notes: %s (menus whose key ends in \"a\" were used for tuning; all are scored)\n",
                file.string().c_str());
    const double baselineThreshold = tuneBaselineThreshold(menus);
    std::printf("baseline: tf-idf of character 2-3-grams, cosine, average linkage, stop at %.2f (tuned on the same "
                "menus); \"told k\": cut at the true number of classes\n",
                baselineThreshold);
    bool met = true;
    for (const char* language : {"ko", "en"}) {
        std::vector<MenuScores> scores = evaluate(menus, language, baselineThreshold);
        if (scores.empty()) continue;
        std::vector<Scores> product, baseline, toldBaseline, tuned, heldOut, baselineTuned, baselineHeldOut;
        int notes = 0;
        for (const MenuScores& s : scores) {
            notes += static_cast<int>(s.menu->texts.size());
            std::printf(" %s %-4s %-30s\n", language, s.menu->key.c_str(), s.menu->menu.title.c_str());
            printScores("product", s.product);
            printScores("baseline", s.baseline);
            printScores("baseline (told k)", s.toldBaseline);
            if (showThemes)
                for (const std::string& name : s.themeNames) std::printf("      - %s\n", name.c_str());
            product.push_back(s.product);
            baseline.push_back(s.baseline);
            toldBaseline.push_back(s.toldBaseline);
            (s.menu->key.ends_with("a") ? tuned : heldOut).push_back(s.product);
            (s.menu->key.ends_with("a") ? baselineTuned : baselineHeldOut).push_back(s.baseline);
        }
        std::printf(" %s: %d notes, %zu menus, mean over menus\n", language, notes, scores.size());
        const Scores m = mean(product);
        printScores("product", m);
        if (!tuned.empty()) printScores("product (tuned on)", mean(tuned));
        if (!heldOut.empty()) printScores("product (held out)", mean(heldOut));
        printScores("baseline", mean(baseline));
        if (!baselineTuned.empty()) printScores("baseline (tuned on)", mean(baselineTuned));
        if (!baselineHeldOut.empty()) printScores("baseline (held out)", mean(baselineHeldOut));
        printScores("baseline (told k)", mean(toldBaseline));
        const bool languageMet = m.ari >= 0.45 && m.other <= 0.20;
        std::printf(" %s targets (mean ARI >= 0.45, other <= 20 %%): %s\n", language, languageMet ? "met" : "MISSED");
        met = met && languageMet;
    }
    return met;
}

std::filesystem::path defaultLabelledFile() {
    const std::filesystem::path relative = std::filesystem::path("tests") / "harvest_eval" / "notes.tsv";
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    // The binary sits in build/<config>/ of the source tree; then the current folder.
    if (!error) {
        const std::filesystem::path besideSource = self.parent_path().parent_path().parent_path() / relative;
        if (std::filesystem::exists(besideSource, error)) return besideSource;
    }
    return relative;
}


}  // namespace

CLI::App* addHarvestBenchCommand(CLI::App& bench) {
    CLI::App* command =
        bench.add_subcommand("harvest", "Harvest synthesis and the five exports on 10,000 synthetic notes, and the "
                                        "grouping's quality on labelled notes");
    command->add_option("--labelled", g_options.labelled,
                        "Labelled notes (default: tests/harvest_eval/notes.tsv of the source tree)");
    command->add_flag("--quality-only", g_options.qualityOnly, "Score the grouping only, no speed figures");
    command->add_option("--wordnet", g_options.wordNet,
                        "Also compare English words by their WordNet senses, from this directory (/usr/share/wordnet "
                        "with Debian's wordnet-base)");
    command->add_flag("--no-hanja", g_options.noHanja,
                      "Compare Sino-Korean words by their letters only, not also by their hanja (from "
                      "/usr/share/libhangul/hanja/hanja.txt, Debian's libhangul-data, when present)");
    command->add_flag("--themes", g_options.themes, "List the product's themes of each labelled menu");
    return command;
}

int runHarvestBenchmark() {
    const std::filesystem::path labelled =
        g_options.labelled.empty() ? defaultLabelledFile() : std::filesystem::path(g_options.labelled);
    const bool qualityMet = reportQuality(labelled, g_options.themes);
    if (g_options.qualityOnly) return qualityMet ? kExitOk : kExitProblems;
    const Session session = syntheticSession();
    const long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
    std::printf("worldcafe bench harvest: %d notes (Korean and English), %d menus, %d tables, %d rounds; %ld cores "
                "online (synthesis spreads the menus over them, exports use one); median of %d runs\n",
                kNotes, kMenus, kTables, kRounds, cores, kRuns);
    Synthesis synthesis;
    const double synthesisMs = medianMilliseconds([&] { synthesis = synthesize(session, benchOptions()); });
    int themes = 0, reportThemes = 0, merged = 0;
    for (const MenuHarvest& menu : synthesis.menus)
        for (const ThemeSummary& theme : menu.themes) {
            ++themes;
            reportThemes += isReportTheme(theme) ? 1 : 0;
            merged += theme.noteCount() - theme.pointCount();
        }
    std::printf("%-10s %9.1f ms   %d themes (%d in reports), %d near-duplicates merged\n", "synthesis", synthesisMs,
                themes, reportThemes, merged);
    double worst = 0, all = synthesisMs;
    for (ExportFormat format :
         {ExportFormat::Markdown, ExportFormat::Html, ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Json}) {
        std::size_t bytes = 0;
        const double ms = medianMilliseconds([&] { bytes = exportReport(session, synthesis, format).size(); });
        std::printf("%-10s %9.1f ms   %8.1f KB   synthesis + export %7.1f ms\n", exportFormatName(format), ms,
                    static_cast<double>(bytes) / 1024.0, synthesisMs + ms);
        worst = std::max(worst, synthesisMs + ms);
        all += ms;
    }
    std::printf("synthesis + slowest export %.1f ms, synthesis + all five %.1f ms (target: synthesis + export < 1000 "
                "ms): %s\n",
                worst, all, worst < 1000 ? "met" : "MISSED");
    return worst < 1000 && qualityMet ? kExitOk : kExitProblems;
}

}  // namespace worldcafe::cli
