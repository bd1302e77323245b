// Synthesis: themes from tags, clusters, near-duplicates, representatives, keywords and chart data.
#include <doctest/doctest.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>

#include "session_format.hpp"
#include "test_support.hpp"
#include "worldcafe/harvest.hpp"
#include "worldcafe/text.hpp"

using namespace worldcafe;

namespace {

using worldcafe::test::kSessions;

Session loadHarvestSample(const char* name) {
    return parseSnapshot(test::readBytes(kSessions / name), kSessions / name).session;
}

// A session with `menus` menus, one table per menu, and no notes.
Session harvestCafe(int menus = 1, const char* language = "ko") {
    Session s;
    s.event.title = "test";
    s.event.language = language;
    for (int m = 1; m <= menus; ++m) {
        s.menus.push_back(Menu{m, "Menu " + std::to_string(m), "", defaultMenuColour(static_cast<std::size_t>(m - 1))});
        s.tables.push_back(Table{m, m, 6});
    }
    return s;
}

Note& addNote(Session& s, std::string text, std::vector<std::string> tags = {}, TableNumber table = 1,
              RoundNumber round = 1) {
    Note note;
    note.id = s.nextNoteId();
    note.table = table;
    note.round = round;
    note.menu = s.findTable(table) ? s.findTable(table)->menu : kNoMenu;
    note.text = std::move(text);
    note.tags = std::move(tags);
    note.created = 1000 * note.id;
    s.notes.push_back(note);
    return s.notes.back();
}

std::vector<std::string> themeNames(const MenuHarvest& menu, bool reportOnly = true) {
    std::vector<std::string> names;
    for (const ThemeSummary& theme : menu.themes)
        if (!reportOnly || isReportTheme(theme)) names.push_back(theme.name);
    return names;
}

// Everything a synthesis says, as text: two syntheses are the same when these are equal.
std::string describe(const Synthesis& synthesis) {
    std::ostringstream out;
    out << synthesis.roundCount << " " << synthesis.noteCount << "\n";
    for (const MenuHarvest& menu : synthesis.menus) {
        out << "menu " << menu.menu << " " << menu.noteCount << ":";
        for (int count : menu.notesPerRound) out << " " << count;
        for (const Keyword& keyword : menu.keywords) out << " " << keyword.term << "/" << keyword.count;
        out << "\n";
        for (const ThemeSummary& theme : menu.themes) {
            out << "  " << theme.key << " | " << theme.name << " | rep " << theme.representative << " head "
                << theme.headline << " |";
            for (const NoteEntry& entry : theme.entries) {
                out << " " << entry.note;
                for (NoteId d : entry.duplicates) out << "+" << d;
            }
            out << " |";
            for (const std::string& keyword : theme.keywords) out << " " << keyword;
            out << "\n";
        }
    }
    return out.str();
}

std::string nfd(const std::string& text) {
    utf8proc_uint8_t* decomposed = utf8proc_NFD(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
    std::string out(reinterpret_cast<const char*>(decomposed));
    std::free(decomposed);
    return out;
}

}  // namespace

TEST_CASE("harvest: the Korean sample gives each menu the seed report's themes") {
    const Session session = loadHarvestSample("green-procurement-2019.wcafe");
    const Synthesis synthesis = synthesize(session);
    REQUIRE(synthesis.menus.size() == 5);
    const std::vector<std::vector<std::string>> seed = {
        {"로컬푸드", "녹색소비", "공급활성화, 중소기업"},
        {"공급측면", "녹색시장 진입", "소비자의 니즈파악"},
        // Two untagged notes about cases form a theme since average linkage (issue 13): sharing good cases, and
        // (since links through other notes) finding there are more cases than thought.
        {"서귀포시, 화성시, 삼척시", "안산시", "사례"},
        {"교육의 필요성", "인센티브 제도", "시민의 목소리"},
        {"소통의 중요성", "연대의 중요성"},
    };
    for (std::size_t m = 0; m < seed.size(); ++m) {
        CAPTURE(m + 1);
        CHECK(themeNames(synthesis.menus[m]) == seed[m]);
    }
    // Notes tagged with one city join the theme that the starred notes tagged with all three.
    const ThemeSummary* cities = synthesis.findTheme("tag:서귀포시, 화성시, 삼척시");
    REQUIRE(cities != nullptr);
    CHECK(cities->noteCount() == 6);
    CHECK(cities->tags == std::vector<std::string>{"서귀포시", "화성시", "삼척시"});
    CHECK(cities->stars == 2);
    CHECK(cities->headline == 17);
    CHECK(cities->keyNotes == std::vector<NoteId>{41});
    // The headline of a theme is the note its host starred: the seed's finding, word for word.
    const ThemeSummary* localFood = synthesis.findTheme("tag:로컬푸드");
    REQUIRE(localFood != nullptr);
    CHECK(session.findNote(localFood->headline)->text.starts_with("현재 국내 각 지역에서는 로컬푸드를"));
    CHECK(localFood->tables == std::vector<TableNumber>{1});
    CHECK(localFood->rounds == std::vector<RoundNumber>{1, 2, 3});
    // Every note is in exactly one theme.
    int placed = 0;
    for (const MenuHarvest& menu : synthesis.menus)
        for (const ThemeSummary& theme : menu.themes) placed += theme.noteCount();
    CHECK(placed == static_cast<int>(session.notes.size()));
    for (const Note& note : session.notes) CHECK(synthesis.themeOfNote(note.id) != nullptr);
}

TEST_CASE("harvest: the English sample's tag themes and keywords") {
    const Session session = loadHarvestSample("community-climate-cafe.wcafe");
    const Synthesis synthesis = synthesize(session);
    REQUIRE(synthesis.menus.size() >= 3);
    CHECK(themeNames(synthesis.menus[0]) ==
          std::vector<std::string>{"cycling", "school run, safety", "shared transport"});
    // "safety" alone joins the starred "school run, safety"; "schools" joins "food waste", the larger group.
    CHECK(synthesis.findTheme("tag:school run, safety")->noteCount() == 3);
    CHECK(synthesis.findTheme("tag:food waste")->noteCount() == 2);
    const auto& keywords = synthesis.menus[0].keywords;
    REQUIRE(!keywords.empty());
    CHECK(std::any_of(keywords.begin(), keywords.end(), [](const Keyword& k) { return k.term == "bike"; }));
}

TEST_CASE("harvest: tags that always occur together form one theme named by them all") {
    Session s = harvestCafe();
    addNote(s, "녹색제품 판로가 없음", {"공급활성화", "중소기업"});
    addNote(s, "디자인이 투박함", {"공급활성화", "중소기업"}, 1, 2);
    addNote(s, "로컬푸드 관리가 필요함", {"로컬푸드"});
    // "교육" and "홍보" meet on one note but not on the other: two themes, the shared note in the larger group.
    addNote(s, "시민 교육이 필요함", {"교육"});
    addNote(s, "학교 교육 프로그램", {"교육"});
    addNote(s, "교육과 홍보를 같이", {"홍보", "교육"});
    addNote(s, "홍보물이 부족함", {"홍보"});
    const Synthesis synthesis = synthesize(s);
    CHECK(themeNames(synthesis.menus[0]) ==
          std::vector<std::string>{"공급활성화, 중소기업", "로컬푸드", "교육", "홍보"});
    CHECK(synthesis.findTheme("tag:교육")->notes == std::vector<NoteId>{4, 5, 6});
    CHECK(synthesis.findTheme("tag:홍보")->notes == std::vector<NoteId>{7});
}

TEST_CASE("harvest: tags compare after normalisation and case folding") {
    Session s = harvestCafe(1, "en");
    addNote(s, "Bike racks at the station", {"Cycling"});
    addNote(s, "More bike lanes", {" cycling "});
    addNote(s, "자전거 보관소", {nfd("자전거")});
    addNote(s, "자전거 도로", {"자전거"});
    const Synthesis synthesis = synthesize(s);
    CHECK(themeNames(synthesis.menus[0]) == std::vector<std::string>{"Cycling", "자전거"});
    CHECK(synthesis.findTheme("tag:자전거")->noteCount() == 2);
}

TEST_CASE("harvest: synthesis is deterministic and does not depend on the order notes are stored in") {
    const Session session = loadHarvestSample("green-procurement-2019.wcafe");
    const std::string first = describe(synthesize(session));
    CHECK(describe(synthesize(session)) == first);
    Session reversed = session;
    std::reverse(reversed.notes.begin(), reversed.notes.end());
    CHECK(describe(synthesize(reversed)) == first);
}

TEST_CASE("harvest: a large session, spread over threads, gives the same synthesis every time and in any order") {
    Session s = harvestCafe(6);
    const char* const subjects[] = {"로컬푸드 직매장", "텀블러 할인", "bike storage", "자전거 보관소", "school streets",
                                    "환경마크 인증", "repair cafe", "공공급식 식재료"};
    const char* const verdicts[] = {"확대가 필요함", "홍보가 부족함", "needs funding", "is not well known",
                                    "예산 지원이 있어야 함"};
    std::uint64_t state = 7;
    auto next = [&](std::uint64_t n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return (state >> 33) % n;
    };
    for (int i = 0; i < 2400; ++i) {
        Note& note = addNote(s, std::string(subjects[next(8)]) + " " + verdicts[next(5)] + " " + std::to_string(next(40)),
                             {}, static_cast<TableNumber>(1 + next(6)), static_cast<RoundNumber>(1 + i / 800));
        if (next(3) == 0) note.tags.push_back(subjects[next(8)]);
        note.starred = next(40) == 0;
    }
    const std::string first = describe(synthesize(s));
    CHECK(describe(synthesize(s)) == first);
    std::reverse(s.notes.begin(), s.notes.end());
    CHECK(describe(synthesize(s)) == first);
}

TEST_CASE("harvest: an NFD Korean note clusters with its NFC twin") {
    const std::string text = "텀블러와 장바구니를 쓰는 습관이 필요함";
    REQUIRE(nfd(text) != text);
    CHECK(textSimilarity(text, nfd(text)) == doctest::Approx(1.0));
    Session s = harvestCafe();
    addNote(s, text);
    addNote(s, "청사 에너지 절약 사업을 넓히는 중");
    addNote(s, nfd(text), {}, 1, 2);
    addNote(s, "담당자가 자주 바뀌어 인수인계가 어려움");
    const Synthesis synthesis = synthesize(s);
    const ThemeSummary* theme = synthesis.themeOfNote(1);
    REQUIRE(theme != nullptr);
    CHECK(theme->notes == std::vector<NoteId>{1, 3});
    REQUIRE(theme->entries.size() == 1);
    CHECK(theme->entries[0].duplicates == std::vector<NoteId>{3});
    CHECK(synthesis.themeOfNote(2) != theme);
    CHECK(synthesis.themeOfNote(4) != theme);
}

TEST_CASE("harvest: near-duplicates from successive rounds are merged under the starred note") {
    Session s = harvestCafe();
    addNote(s, "담당자가 1~2년마다 바뀌어서 매번 처음부터 다시 배움", {"공급측면"}, 1, 1);
    addNote(s, "녹색구매 실적을 연말에 몰아서 챙김", {"공급측면"}, 1, 1);
    addNote(s, "담당자가 1~2년마다 바뀌어서 매번 처음부터 다시 배워야 함", {"공급측면"}, 1, 2).starred = true;
    // Untagged, but the same point again: it joins the tagged theme instead of starting a cluster of its own.
    addNote(s, "담당자가 1~2년마다 바뀌어 매번 처음부터 다시 배움", {}, 1, 3);
    const Synthesis synthesis = synthesize(s);
    REQUIRE(synthesis.menus[0].themes.size() == 1);
    const ThemeSummary& theme = synthesis.menus[0].themes[0];
    CHECK(theme.noteCount() == 4);
    CHECK(theme.pointCount() == 2);
    REQUIRE(theme.entries.size() == 2);
    CHECK(theme.entries[0].note == 3);
    CHECK(theme.entries[0].duplicates == std::vector<NoteId>{1, 4});
    CHECK(theme.entries[1].note == 2);
    CHECK(theme.headline == 3);
    CHECK(textSimilarity(s.notes[0].text, s.notes[2].text) > HarvestOptions{}.duplicateThreshold);
    CHECK(textSimilarity(s.notes[0].text, s.notes[1].text) < HarvestOptions{}.clusterThreshold);
}

TEST_CASE("harvest: untagged notes cluster by similarity and clusters are named by shared keywords") {
    Session s = harvestCafe();
    addNote(s, "텀블러 사용을 권장하는 캠페인");
    addNote(s, "자전거 보관소를 역 앞에 설치");
    addNote(s, "텀블러를 가져오면 할인해 주는 캠페인", {}, 1, 2);
    addNote(s, "자전거 보관소가 부족함", {}, 1, 2);
    addNote(s, "텀블러 할인 캠페인을 시청 카페에서", {}, 1, 3);
    addNote(s, "회의 자료를 종이 없이 공유", {}, 1, 3);
    const Synthesis synthesis = synthesize(s);
    const auto& themes = synthesis.menus[0].themes;
    REQUIRE(themes.size() == 3);
    CHECK(themes[0].origin == ThemeOrigin::Cluster);
    CHECK(themes[0].notes == std::vector<NoteId>{1, 3, 5});
    CHECK(themes[0].key == "cluster:1");
    CHECK(themes[0].name.find("텀블러") != std::string::npos);
    CHECK(themes[1].notes == std::vector<NoteId>{2, 4});
    CHECK(themes[1].name.find("자전거") != std::string::npos);
    CHECK(themes[2].notes == std::vector<NoteId>{6});
    CHECK_FALSE(isReportTheme(themes[2]));
    CHECK(isReportTheme(themes[0]));
    // The representative is the note most like the others; here all three share "텀블러" and "캠페인".
    CHECK(std::find(themes[0].notes.begin(), themes[0].notes.end(), themes[0].representative) != themes[0].notes.end());
}

TEST_CASE("harvest: the representative is the most central note; ties go to starred, then votes, then earliest") {
    Session s = harvestCafe();
    addNote(s, "로컬푸드 직매장 확대", {"로컬푸드"});
    addNote(s, "로컬푸드 직매장 확대", {"로컬푸드"});
    addNote(s, "로컬푸드 직매장 확대", {"로컬푸드"});
    Synthesis synthesis = synthesize(s);
    CHECK(synthesis.findTheme("tag:로컬푸드")->representative == 1);
    s.notes[2].votes = 3;
    CHECK(synthesize(s).findTheme("tag:로컬푸드")->representative == 3);
    s.notes[1].starred = true;
    CHECK(synthesize(s).findTheme("tag:로컬푸드")->representative == 2);
    // The headline prefers the organiser's highlight over the host's star.
    s.notes[0].highlighted = true;
    const Synthesis highlighted = synthesize(s);
    const ThemeSummary* theme = highlighted.findTheme("tag:로컬푸드");
    CHECK(theme->headline == 1);
    CHECK(theme->keyNotes == std::vector<NoteId>{2});
    CHECK(theme->highlightedNotes == 1);
    CHECK(theme->votes == 3);
    CHECK(theme->stars == 1);
}

TEST_CASE("harvest: a theme gathers notes from several tables and rounds") {
    Session s = harvestCafe(1);
    s.tables.push_back(Table{2, 1, 6});
    s.tables.push_back(Table{3, 1, 6});
    addNote(s, "공공급식에 로컬푸드", {"로컬푸드"}, 3, 1);
    addNote(s, "직매장 품질 관리", {"로컬푸드"}, 1, 2);
    addNote(s, "푸드마일 홍보", {"로컬푸드"}, 3, 3);
    addNote(s, "교육이 필요함", {"교육"}, 2, 1);
    const Synthesis synthesis = synthesize(s);
    const ThemeSummary* theme = synthesis.findTheme("tag:로컬푸드");
    REQUIRE(theme != nullptr);
    CHECK(theme->tables == std::vector<TableNumber>{1, 3});
    CHECK(theme->rounds == std::vector<RoundNumber>{1, 2, 3});
    CHECK(theme->notes == std::vector<NoteId>{1, 2, 3});  // earliest first: by round, then time written
    CHECK(synthesis.menus[0].tables == std::vector<TableNumber>{1, 2, 3});
}

TEST_CASE("harvest: empty menus and empty sessions give empty harvests") {
    Session s = harvestCafe(3);
    Synthesis empty = synthesize(s);
    REQUIRE(empty.menus.size() == 3);
    CHECK(empty.noteCount == 0);
    CHECK(empty.roundCount == 3);
    for (const MenuHarvest& menu : empty.menus) {
        CHECK(menu.themes.empty());
        CHECK(menu.keywords.empty());
        CHECK(menu.noteCount == 0);
        CHECK(menu.notesPerRound == std::vector<int>{0, 0, 0});
    }
    addNote(s, "한 메뉴에만 메모", {"태그"}, 2, 1);
    Synthesis one = synthesize(s);
    CHECK(one.menus[0].themes.empty());
    CHECK(one.menus[1].themes.size() == 1);
    CHECK(one.menus[2].themes.empty());
    CHECK(synthesize(Session{}).menus.empty());
}

TEST_CASE("harvest: chart data counts notes per menu and round, and notes without a menu are kept") {
    Session s = harvestCafe(2);
    addNote(s, "a", {}, 1, 1);
    addNote(s, "b", {}, 1, 2);
    addNote(s, "c", {}, 2, 2);
    addNote(s, "d", {}, 2, 5);  // a round beyond the planned three extends the chart
    Note& orphan = addNote(s, "no menu, table 2", {}, 2, 1);
    orphan.menu = kNoMenu;  // takes its table's menu
    Note& lost = addNote(s, "no menu, no table", {}, 9, 1);
    lost.menu = 42;
    const Synthesis synthesis = synthesize(s);
    CHECK(synthesis.roundCount == 5);
    REQUIRE(synthesis.menus.size() == 3);
    CHECK(synthesis.menus[0].notesPerRound == std::vector<int>{1, 1, 0, 0, 0});
    CHECK(synthesis.menus[1].notesPerRound == std::vector<int>{1, 1, 0, 0, 1});
    CHECK(synthesis.menus[2].menu == kNoMenu);
    CHECK(synthesis.menus[2].noteCount == 1);
}

TEST_CASE("harvest: organiser themes come first and hold their notes") {
    Session s = harvestCafe(2);
    s.themes.push_back(Theme{1, 1, "예산", "예산 지원이 필요하다", false});
    s.themes.push_back(Theme{2, 2, "다른 메뉴", "", true});
    addNote(s, "로컬푸드 직매장", {"로컬푸드"});
    addNote(s, "가격 차이 보전 예산", {"로컬푸드"}).theme = 1;
    addNote(s, "다른 메뉴의 주제를 가리키는 메모").theme = 2;  // grouped automatically in its own menu
    const Synthesis synthesis = synthesize(s);
    const auto& themes = synthesis.menus[0].themes;
    REQUIRE(themes.size() == 3);
    CHECK(themes[0].key == "theme:1");
    CHECK(themes[0].origin == ThemeOrigin::Organiser);
    CHECK(themes[0].summary == "예산 지원이 필요하다");
    CHECK(themes[0].notes == std::vector<NoteId>{2});
    CHECK(themes[1].key == "tag:로컬푸드");
    CHECK(themes[2].notes == std::vector<NoteId>{3});
    // An organiser theme without notes is still listed (the view shows it), but never in a report.
    REQUIRE(synthesis.menus[1].themes.size() == 1);
    CHECK(synthesis.menus[1].themes[0].notes.empty());
    CHECK(synthesis.menus[1].themes[0].highlighted);
    CHECK_FALSE(isReportTheme(synthesis.menus[1].themes[0]));
}

TEST_CASE("harvest: words drop Korean particles and endings, English plurals and stop words") {
    CHECK(harvestWords("녹색제품은 중소기업에서 생산하는") == std::vector<std::string>{"녹색제품", "중소기업", "생산"});
    CHECK(harvestWords("담당자가 교육을 시급함") == std::vector<std::string>{"담당자", "교육", "시급"});
    // Short nouns keep their last syllable: 평가 and 국가 are not 평 + 가.
    CHECK(harvestWords("평가 국가") == std::vector<std::string>{"평가", "국가"});
    CHECK(harvestWords("The bikes and the cities") == std::vector<std::string>{"bike", "city"});
    CHECK(harvestWords(nfd("녹색제품을")) == std::vector<std::string>{"녹색제품"});
    // Spacing varies between writers; the n-grams inside the words still meet. N-grams never cross two words
    // (they would dilute what notes share), so the spaced and unspaced texts are alike, not the same.
    CHECK(textSimilarity("녹색 제품 구매", "녹색제품구매") > 0.5);
    CHECK(textSimilarity("녹색 제품 구매", "녹색 제품 구매") == doctest::Approx(1.0));
    CHECK(textSimilarity("광역 기초", "광역과 기초") == doctest::Approx(1.0));
    // Particles come off without cutting nouns ending in 의; common verb endings come off too.
    CHECK(harvestWords("회의를 정기회의") == std::vector<std::string>{"회의", "정기회의"});
    CHECK(harvestWords("지원해달라 제도가 바뀌어야 확대해야 함") ==
          std::vector<std::string>{"지원", "제도", "확대"});
    CHECK(textSimilarity("로컬푸드 직매장", "자전거 보관소") == doctest::Approx(0.0));
}

TEST_CASE("harvest: untagged notes cluster by average linkage; the menu's own words do not bind notes") {
    Session s = harvestCafe(1, "en");
    s.menus[0].title = "Getting around town";
    s.menus[0].question = "How should people get around town?";
    const NoteId bike1 = addNote(s, "protected bike lanes on the high street").id;
    const NoteId bike2 = addNote(s, "bike lanes that connect, not painted lanes", {}, 1, 2).id;
    const NoteId bike3 = addNote(s, "secure bike parking near the bike lanes", {}, 1, 3).id;
    const NoteId bus1 = addNote(s, "evening buses to the hospital").id;
    const NoteId bus2 = addNote(s, "buses every ten minutes, not every hour", {}, 1, 2).id;
    const NoteId bus3 = addNote(s, "cheaper evening buses for families", {}, 1, 3).id;
    // Only the menu's words in common with the others, and with each other.
    const NoteId town1 = addNote(s, "town getting around people").id;
    const NoteId coffee = addNote(s, "great coffee btw").id;
    const Synthesis synthesis = synthesize(s);
    const ThemeSummary* bikes = synthesis.themeOfNote(bike1);
    const ThemeSummary* buses = synthesis.themeOfNote(bus1);
    REQUIRE(bikes != nullptr);
    REQUIRE(buses != nullptr);
    CHECK(bikes != buses);
    CHECK(bikes->notes == std::vector<NoteId>{bike1, bike2, bike3});
    CHECK(buses->notes == std::vector<NoteId>{bus1, bus2, bus3});
    CHECK_FALSE(isReportTheme(*synthesis.themeOfNote(town1)));
    CHECK_FALSE(isReportTheme(*synthesis.themeOfNote(coffee)));
}

TEST_CASE("harvest: a cluster is never named by the menu's own words, and its name comes from its central note") {
    Session s = harvestCafe();
    s.menus[0].title = "자전거 정책";
    s.menus[0].question = "자전거 이용을 어떻게 늘릴까?";
    addNote(s, "자전거 보관소 역 앞에 설치");
    addNote(s, "자전거 보관소가 부족함", {}, 1, 2);
    addNote(s, "자전거도로 옆 보관소 확충", {}, 1, 3);
    const Synthesis synthesis = synthesize(s);
    const auto& themes = synthesis.menus[0].themes;
    REQUIRE(themes.size() == 1);
    CHECK(themes[0].notes == std::vector<NoteId>{1, 2, 3});
    INFO(themes[0].name);
    // Every note is about bicycles: that is the menu, not a theme of it.
    CHECK(themes[0].name.find("자전거") == std::string::npos);
    CHECK(themes[0].name.find("보관소") != std::string::npos);
    const Note* central = nullptr;
    for (const Note& note : s.notes)
        if (note.id == themes[0].representative) central = &note;
    REQUIRE(central != nullptr);
    CHECK(central->text.find("보관소") != std::string::npos);
}
