#include "harvest_bench.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "worldcafe/harvest.hpp"
#include "worldcafe/report.hpp"

namespace worldcafe::cli {

namespace {

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

}  // namespace

CLI::App* addHarvestBenchCommand(CLI::App& bench) {
    return bench.add_subcommand("harvest", "Harvest synthesis and the five exports on 10,000 synthetic notes");
}

int runHarvestBenchmark() {
    const Session session = syntheticSession();
    const long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
    std::printf("worldcafe bench harvest: %d notes (Korean and English), %d menus, %d tables, %d rounds; %ld cores "
                "online (synthesis spreads the menus over them, exports use one); median of %d runs\n",
                kNotes, kMenus, kTables, kRounds, cores, kRuns);
    Synthesis synthesis;
    const double synthesisMs = medianMilliseconds([&] { synthesis = synthesize(session); });
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
    return worst < 1000 ? kExitOk : kExitProblems;
}

}  // namespace worldcafe::cli
