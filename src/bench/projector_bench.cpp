// `worldcafe bench projector`: how much CPU one projector frame costs in a large café. A frame is what the app does
// once a second while a round runs: replay the timer, lay out, build ImGui's draw lists and find what changed since
// the last frame. The GPU's share is not in it (under Xvfb it is the software rasteriser's, and on a laptop it is
// the graphics chip's); the share of the screen it must draw again is printed beside it.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "damage.hpp"
#include "gui_entry.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "live_fonts.hpp"
#include "projector_view.hpp"
#include "worldcafe/timer.hpp"

namespace worldcafe::gui {

namespace {

constexpr int kTables = 50;
constexpr int kPeople = 400;
constexpr int kRounds = 4;
constexpr int kMenus = 10;
constexpr int kNotes = 600;

class SteppingClock final : public Clock {
public:
    WallMillis wallMillis() const override { return m_now; }
    std::int64_t monotonicMillis() const override { return m_now; }
    void set(WallMillis now) { m_now = now; }

private:
    WallMillis m_now = 0;
};

double cpuMillis() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
}

// Korean names from common family names and given-name syllables, and a share of English ones: a mixed room.
std::string nameOf(int index) {
    static const char* const kFamily[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"};
    static const char* const kGiven[] = {"서연", "도현", "정훈", "민지", "우진", "지원", "세영", "성민", "유나",
                                         "태호", "하은", "재석", "은비", "민호", "다인", "준영", "소희", "동건"};
    static const char* const kFirst[] = {"Priya", "Tom", "Grace", "Daniel", "Hannah", "Marcus", "Sophie", "Oliver"};
    static const char* const kLast[] = {"Shah", "Whitaker", "Okafor", "Reyes", "Byrne", "Lee", "Turner", "Grant"};
    if (index % 4 == 3)
        return std::string(kFirst[index % 8]) + " " + kLast[(index / 8) % 8] + " " + std::to_string(index);
    return std::string(kFamily[index % 12]) + kGiven[(index / 12) % 18] + (index >= 12 * 18 ? "B" : "");
}

Session syntheticCafe() {
    Session session;
    session.event.title = "Benchmark café — 50 tables, 400 people";
    session.rounds.count = kRounds;
    for (int m = 1; m <= kMenus; ++m)
        session.menus.push_back(Menu{m, "Menu " + std::to_string(m) + " 메뉴", "Question " + std::to_string(m),
                                     defaultMenuColour(static_cast<std::size_t>(m - 1))});
    for (int t = 1; t <= kTables; ++t) session.tables.push_back(Table{t, (t - 1) % kMenus + 1, 9});
    for (int p = 1; p <= kPeople; ++p) {
        Participant person;
        person.id = p;
        person.name = nameOf(p);
        person.affiliation = "Org " + std::to_string(p % 37);
        if (p <= kTables) {
            person.role = Role::Host;
            person.table = p;
        }
        session.participants.push_back(person);
    }
    for (int r = 1; r <= kRounds; ++r) {
        RoundPlan plan;
        plan.round = r;
        for (int p = 1; p <= kPeople; ++p) {
            const int table = p <= kTables ? p : (p * 7 + r * 13) % kTables + 1;
            plan.seats.push_back(Seat{p, table});
        }
        session.plan.push_back(plan);
    }
    for (int n = 1; n <= kNotes; ++n) {
        Note note;
        note.id = n;
        note.table = n % kTables + 1;
        note.round = n % kRounds + 1;
        note.menu = (note.table - 1) % kMenus + 1;
        note.text = "note " + std::to_string(n);
        session.notes.push_back(note);
    }
    return session;
}

struct Figures {
    double median = 0.0;
    double p90 = 0.0;
    double first = 0.0;
    double redrawnShare = 0.0;  // median share of the screen's pixels drawn again
};

Figures measure(HeadlessUi& ui, ProjectorView& view, const Session& session, SteppingClock& clock, WallMillis at,
                int frames) {
    Timer timer(clock);
    PanelOutput out;
    std::vector<double> times;
    std::vector<double> shares;
    DamageTracker damage;
    for (int frame = 0; frame <= frames; ++frame) {
        // A second later each frame, as the countdown ticks; the move list turns its pages meanwhile.
        clock.set(at + frame * 1000);
        PanelContext context{session, out, 1, true, {}};
        context.timer = &timer;
        const double start = cpuMillis();
        ui.frame([&] { view.draw(context, {0.0f, 0.0f}, ImGui::GetIO().DisplaySize); });
        const std::vector<DamageRect> redrawn = damage.update(*ImGui::GetDrawData());
        times.push_back(cpuMillis() - start);
        double pixels = 0.0;
        for (const DamageRect& rect : redrawn) pixels += double(rect.max.x - rect.min.x) * (rect.max.y - rect.min.y);
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        shares.push_back(pixels / (double(display.x) * display.y));
    }
    Figures figures;
    figures.first = times.front();
    times.erase(times.begin());
    std::sort(times.begin(), times.end());
    figures.median = times[times.size() / 2];
    figures.p90 = times[std::min(times.size() - 1, times.size() * 9 / 10)];
    shares.erase(shares.begin());
    std::sort(shares.begin(), shares.end());
    figures.redrawnShare = shares[shares.size() / 2];
    return figures;
}

}  // namespace

int runProjectorBenchmark(int frames) {
    frames = std::max(frames, 1);
    setLanguage("ko");
    Session session = syntheticCafe();
    HeadlessUi ui({1920.0f, 1080.0f}, true);
    LiveFontPlan plan;
    plan.projectorHeight = 1080.0f;
    plan.glyphText = ProjectorView::glyphText(session);
    const double fontStart = cpuMillis();
    addLiveFonts(*ImGui::GetIO().Fonts, plan);
    const double fontMillis = cpuMillis() - fontStart;

    // Start at a fixed time; each phase is measured a third of the way in.
    const WallMillis start = 1'700'000'000'000;
    session.timeline.push_back({TimelineKind::Start, start, 0});
    const std::vector<Phase> agenda = agendaOf(session);
    auto timeInto = [&](PhaseKind kind, RoundNumber round) {
        std::int64_t offset = 0;
        for (const Phase& phase : agenda) {
            if (phase.kind == kind && (round == kNoRound || phase.round == round))
                return start + offset + phase.plannedMillis / 3;
            offset += phase.plannedMillis;
        }
        return start;
    };

    std::printf("worldcafe bench projector: %d tables, %d people, %d rounds, 1920x1080, %d frames per phase\n",
                kTables, kPeople, kRounds, frames);
    std::printf("  projector fonts for 1080 px built in %.1f ms of CPU (once, when the projector opens)\n", fontMillis);
    std::printf("  %-18s %12s %12s %14s %12s\n", "phase", "median ms", "p90 ms", "first frame ms", "redrawn %");
    struct Case {
        const char* name;
        PhaseKind kind;
        RoundNumber round;
    };
    const Case cases[] = {{"talk (cards)", PhaseKind::Talk, 2},
                          {"move (list)", PhaseKind::Move, 3},
                          {"harvest (menus)", PhaseKind::Harvest, kNoRound}};
    double worst = 0.0;
    for (const Case& item : cases) {
        ProjectorView view;
        SteppingClock clock;
        const Figures figures = measure(ui, view, session, clock, timeInto(item.kind, item.round), frames);
        worst = std::max(worst, figures.median);
        std::printf("  %-18s %12.3f %12.3f %14.3f %12.1f\n", item.name, figures.median, figures.p90, figures.first,
                    100.0 * figures.redrawnShare);
    }
    std::printf("  target: under 2 ms per frame: %s (worst median %.3f ms)\n", worst < 2.0 ? "met" : "NOT met", worst);
    return 0;
}

}  // namespace worldcafe::gui
