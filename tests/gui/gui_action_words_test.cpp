// The Edit menu names each step in plain words, in the language on screen: every kind of action has a label in
// English and Korean with names instead of internal ids, and the menu itself shows it.
#include <doctest/doctest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <type_traits>
#include <utility>

#include "action_words.hpp"
#include "app.hpp"
#include "gui_language_guard.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "test_support.hpp"
#include "worldcafe/edit_rules.hpp"
#include "worldcafe/engine.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

// Internal ids far from any table, round or count a label may show, so that one leaking into a label is caught.
constexpr ParticipantId kMinsu = 9001, kYounghee = 9002, kJisu = 9003;
constexpr MenuId kFood = 9101, kTransport = 9102;
constexpr NoteId kNote = 9201;
constexpr RuleId kRule = 9301;
constexpr ThemeId kTheme = 9401;
constexpr VoteId kVote = 9501;

Participant wordsPerson(ParticipantId id, std::string name) {
    Participant p;
    p.id = id;
    p.name = std::move(name);
    p.affiliation = "Org";
    return p;
}

Session wordsCafe() {
    Session s;
    s.event.title = "Words café";
    s.rounds.count = 3;
    s.menus = {Menu{kFood, "Local food", "What do we eat?", 0x0072B2}, Menu{kTransport, "Buses", "How?", 0xE69F00}};
    s.tables = {Table{3, kFood, 6}, Table{4, kTransport, 6}};
    Participant host = wordsPerson(kJisu, "박지수");
    host.role = Role::Host;
    host.table = 4;
    s.participants = {wordsPerson(kMinsu, "김민수"), wordsPerson(kYounghee, "이영희"), host};
    s.rules = {Rule{kRule, RuleKind::KeepApart, kMinsu, kYounghee}};
    for (RoundNumber r = 1; r <= 3; ++r)
        s.plan.push_back(RoundPlan{r, {{kMinsu, 3}, {kYounghee, r == 1 ? 3 : 4}, {kJisu, 4}}, false});
    Note note;
    note.id = kNote;
    note.table = 3;
    note.round = 2;
    note.menu = kFood;
    note.text = "Markets on Sundays";
    s.notes = {note};
    s.themes = {Theme{kTheme, kFood, "녹색소비", "", false}};
    s.timeline = {TimelineEntry{TimelineKind::Start, 1000, 0}};
    s.votes = {Vote{kVote, "phone-a", 0, kFood, "cluster:1", {kNote}, 1000}};
    return s;
}

template <class T, class Edit>
T edited(T item, Edit edit) {
    edit(item);
    return item;
}

const Participant& minsu(const Session& s) { return *s.findParticipant(kMinsu); }

std::vector<RoundPlan> replannedFrom2(const Session& s) {
    std::vector<RoundPlan> plan = s.plan;
    for (RoundPlan& round : plan)
        if (round.round >= 2)
            round.seats.erase(std::remove_if(round.seats.begin(), round.seats.end(),
                                             [](const Seat& seat) { return seat.participant == kMinsu; }),
                              round.seats.end());
    return plan;
}

// Samples of every alternative, each way its label can go. A new alternative of ActionVariant without samples here
// does not compile: add them together with its label in action_labels.cpp and the two actions.json tables.
std::vector<Action> samples(std::type_identity<SetEvent>, const Session& s) {
    return {SetEvent{edited(s.event, [](Event& e) { e.title = "Café of words"; })},
            SetEvent{edited(s.event, [](Event& e) { e.language = "ko"; })},
            SetEvent{edited(s.event, [](Event& e) { e.venue = "Hall"; })}};
}
std::vector<Action> samples(std::type_identity<SetRoundSettings>, const Session& s) {
    return {SetRoundSettings{edited(s.rounds, [](RoundSettings& r) { r.count = 1; })},
            SetRoundSettings{edited(s.rounds, [](RoundSettings& r) { r.count = 4; })},
            SetRoundSettings{edited(s.rounds, [](RoundSettings& r) { r.talkMinutes = 25; })},
            SetRoundSettings{edited(s.rounds, [](RoundSettings& r) { r.moveMinutes = 1; })},
            SetRoundSettings{edited(s.rounds, [](RoundSettings& r) { r.harvestMinutes = 9; })},
            SetRoundSettings{edited(s.rounds, [](RoundSettings& r) { r.roundHarvestMinutes = 5; })}};
}
std::vector<Action> samples(std::type_identity<Put<Menu>>, const Session& s) {
    const Menu& food = *s.findMenu(kFood);
    return {Put<Menu>{Menu{9103, "Housing", "Where?", 0}},
            Put<Menu>{edited(food, [](Menu& m) { m.title = "Food nearby"; })},
            Put<Menu>{edited(food, [](Menu& m) { m.question = "What grows here?"; })},
            Put<Menu>{edited(food, [](Menu& m) { m.colour = 0x009E73; })}, Put<Menu>{food}};
}
std::vector<Action> samples(std::type_identity<Remove<Menu>>, const Session&) { return {Remove<Menu>{kFood}}; }
std::vector<Action> samples(std::type_identity<Put<Table>>, const Session& s) {
    const Table& three = *s.findTable(3);
    return {Put<Table>{Table{5, kFood, 6}},
            Put<Table>{edited(three, [](Table& t) { t.capacity = 1; })},
            Put<Table>{edited(three, [](Table& t) { t.capacity = 8; })},
            Put<Table>{edited(three, [](Table& t) { t.menu = kNoMenu; })},
            Put<Table>{edited(three, [](Table& t) { t.menu = kTransport; })},
            Put<Table>{edited(three, [](Table& t) { t.token = "abc"; })}, Put<Table>{three}};
}
std::vector<Action> samples(std::type_identity<Remove<Table>>, const Session&) { return {Remove<Table>{3}}; }
std::vector<Action> samples(std::type_identity<Put<Participant>>, const Session& s) {
    const Participant& p = minsu(s);
    return {Put<Participant>{wordsPerson(9004, "최하늘")},
            Put<Participant>{edited(p, [](Participant& q) { q.name = "김민준"; })},
            Put<Participant>{edited(p, [](Participant& q) { q.absent = true; })},
            Put<Participant>{edited(p, [](Participant& q) { q.role = Role::Host, q.table = 3; })},
            Put<Participant>{edited(*s.findParticipant(kJisu), [](Participant& q) { q.role = Role::Guest, q.table = 0; })},
            Put<Participant>{edited(p, [](Participant& q) { q.table = 4; })},
            Put<Participant>{edited(p, [](Participant& q) { q.fromRound = 2; })},
            Put<Participant>{edited(p, [](Participant& q) { q.affiliation = "City"; })},
            Put<Participant>{edited(p, [](Participant& q) { q.externalId = "S-0001"; })}};
}
std::vector<Action> samples(std::type_identity<Remove<Participant>>, const Session&) {
    return {Remove<Participant>{kMinsu}};
}
std::vector<Action> samples(std::type_identity<Put<Rule>>, const Session& s) {
    return {Put<Rule>{Rule{9302, RuleKind::KeepTogether, kMinsu, kJisu}},
            Put<Rule>{Rule{9303, RuleKind::KeepApart, kYounghee, kJisu}},
            Put<Rule>{edited(*s.findRule(kRule), [](Rule& r) { r.kind = RuleKind::KeepTogether; })}};
}
std::vector<Action> samples(std::type_identity<Remove<Rule>>, const Session&) { return {Remove<Rule>{kRule}}; }
std::vector<Action> samples(std::type_identity<Put<Note>>, const Session& s) {
    const Note& n = *s.findNote(kNote);
    return {Put<Note>{edited(n, [](Note& m) { m.id = 9202; })},
            Put<Note>{edited(n, [](Note& m) { m.text = "Markets on Saturdays"; })},
            Put<Note>{edited(n, [](Note& m) { m.theme = kTheme; })},
            Put<Note>{edited(n, [](Note& m) { m.starred = true; })},
            Put<Note>{edited(n, [](Note& m) { m.votes = 1; })},
            Put<Note>{edited(n, [](Note& m) { m.votes = 5; })},
            Put<Note>{edited(n, [](Note& m) { m.highlighted = true; })}, Put<Note>{n}};
}
std::vector<Action> samples(std::type_identity<Remove<Note>>, const Session&) { return {Remove<Note>{kNote}}; }
std::vector<Action> samples(std::type_identity<SetPlan>, const Session& s) {
    return {SetPlan{{}}, SetPlan{replannedFrom2(s)}, SetPlan{s.plan}};
}
std::vector<Action> samples(std::type_identity<AppendTimeline>, const Session&) {
    std::vector<Action> all;
    for (TimelineKind kind : {TimelineKind::Start, TimelineKind::Pause, TimelineKind::Resume, TimelineKind::Skip,
                              TimelineKind::Back, TimelineKind::Finish})
        all.push_back(AppendTimeline{{kind, 2000, 0}});
    for (int seconds : {60, 120, 30, 1, -60, -45})
        all.push_back(AppendTimeline{{TimelineKind::Extend, 2000, seconds}});
    return all;
}
std::vector<Action> samples(std::type_identity<PopTimeline>, const Session&) { return {PopTimeline{}}; }
std::vector<Action> samples(std::type_identity<Batch>, const Session& s) {
    Batch imported{"import", {}};
    for (ParticipantId id = 9010; id < 9030; ++id) imported.actions.push_back(Put<Participant>{wordsPerson(id, "Guest")});
    Batch frame{"", {Put<Menu>{Menu{9104, "Work", "?", 0}}, Put<Table>{Table{6, kFood, 6}}, Remove<Rule>{kRule}}};
    Batch attendance{"attendance", {Put<Participant>{edited(minsu(s), [](Participant& q) { q.absent = true; })},
                                    Put<Participant>{edited(*s.findParticipant(kYounghee),
                                                            [](Participant& q) { q.absent = true; })}}};
    return {removeParticipant(s, kMinsu), removeTable(s, 4), renumberTable(s, 3, 7), assignHost(s, 3, kMinsu),
            imported, frame, attendance, Batch{"", {}}};
}
std::vector<Action> samples(std::type_identity<Put<Theme>>, const Session& s) {
    const Theme& t = *s.findTheme(kTheme);
    return {Put<Theme>{Theme{9402, kFood, "장터", "", false}},
            Put<Theme>{edited(t, [](Theme& u) { u.name = "초록 소비"; })},
            Put<Theme>{edited(t, [](Theme& u) { u.summary = "less waste"; })},
            Put<Theme>{edited(t, [](Theme& u) { u.highlighted = true; })}, Put<Theme>{t}};
}
std::vector<Action> samples(std::type_identity<Remove<Theme>>, const Session&) { return {Remove<Theme>{kTheme}}; }
std::vector<Action> samples(std::type_identity<Put<Vote>>, const Session& s) {
    const Vote& v = *s.findVote(kVote);
    return {Put<Vote>{Vote{9502, "phone-b", 0, kFood, "cluster:2", {kNote}, 2000}},
            Put<Vote>{edited(v, [](Vote& w) { w.theme = "cluster:2"; })}};
}
std::vector<Action> samples(std::type_identity<Remove<Vote>>, const Session&) { return {Remove<Vote>{kVote}}; }
std::vector<Action> samples(std::type_identity<SetVoting>, const Session&) {
    return {SetVoting{Voting{true, 3}}, SetVoting{Voting{true, 1}}, SetVoting{Voting{false, 3}}};
}

template <std::size_t... I>
std::vector<std::vector<Action>> samplesOfEveryAlternative(const Session& s, std::index_sequence<I...>) {
    return {samples(std::type_identity<std::variant_alternative_t<I, ActionVariant>>{}, s)...};
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool hasWord(const std::string& text, const std::string& word) {
    const std::string padded = " " + lower(text) + " ";
    return padded.find(" " + word + " ") != std::string::npos;
}

// The label in the current language, through the Edit menu's own template.
std::string undoText(const Session& s, const Action& action) {
    return trf("menu.edit.undo_action", {actionWords(describeChange(s, action))});
}

std::string labelOf(const Session& s, const Action& action) { return actionWords(describeChange(s, action)); }

}  // namespace

TEST_CASE("gui action words: every alternative has a plain label in English and Korean, with no ids or type names") {
    const Session s = wordsCafe();
    const auto all = samplesOfEveryAlternative(s, std::make_index_sequence<std::variant_size_v<ActionVariant>>{});
    REQUIRE(all.size() == std::variant_size_v<ActionVariant>);
    for (const char* language : {"en", "ko"}) {
        worldcafe::test::LanguageGuard guard(kI18nDir, language);
        takeMissingTranslations();
        for (std::size_t kind = 0; kind < all.size(); ++kind) {
            REQUIRE_MESSAGE(!all[kind].empty(), "no samples of alternative " << kind);
            for (const Action& action : all[kind]) {
                const std::string label = labelOf(s, action);
                CAPTURE(language);
                CAPTURE(actionTypeName(action));
                CAPTURE(label);
                CHECK(!label.empty());
                CHECK(label.find("action.") == std::string::npos);
                CHECK(label.find('{') == std::string::npos);
                CHECK(label.find('?') == std::string::npos);
                CHECK(label.find('_') == std::string::npos);
                for (long long id : {kMinsu, kYounghee, kJisu, kFood, kTransport, kNote, kRule, kTheme, kVote})
                    CHECK(label.find(std::to_string(id)) == std::string::npos);
                CHECK(label.find("90") == std::string::npos);
                for (const char* typeName : {"put", "batch", "timeline", "setplan", "set_plan", "append", "pop"})
                    CHECK_FALSE(hasWord(label, typeName));
            }
        }
        CHECK(takeMissingTranslations().empty());
    }
}

TEST_CASE("gui action words: the exact English and Korean of a few steps") {
    const Session s = wordsCafe();
    const Action deletion = removeParticipant(s, kMinsu);
    const Action rename = Put<Menu>{edited(*s.findMenu(kFood), [](Menu& m) { m.title = "Food nearby"; })};
    const Action absentAndReplan = Batch{
        "attendance and re-plan from round 2",
        {Put<Participant>{edited(minsu(s), [](Participant& q) { q.absent = true; })}, SetPlan{replannedFrom2(s)}}};
    const Action note = Put<Note>{edited(*s.findNote(kNote), [](Note& m) { m.id = 9202; })};
    const Action minute = AppendTimeline{{TimelineKind::Extend, 5000, 60}};
    const Action minutes = AppendTimeline{{TimelineKind::Extend, 5000, 180}};
    const Action host = assignHost(s, 3, kMinsu);
    {
        worldcafe::test::LanguageGuard guard(kI18nDir, "en");
        CHECK(undoText(s, deletion) == "Undo: delete participant '김민수'");
        CHECK(undoText(s, rename) == "Undo: rename menu 'Local food' to 'Food nearby'");
        CHECK(undoText(s, absentAndReplan) == "Undo: mark 김민수 absent and re-plan from round 2");
        CHECK(undoText(s, note) == "Undo: add note at table 3, round 2");
        CHECK(undoText(s, minute) == "Undo: extend timer by 1 minute");
        CHECK(undoText(s, minutes) == "Undo: extend timer by 3 minutes");
        CHECK(undoText(s, host) == "Undo: make 김민수 the host of table 3");
        CHECK(labelOf(s, renumberTable(s, 3, 7)) == "renumber table 3 to 7");
        CHECK(labelOf(s, Put<Table>{edited(*s.findTable(3), [](Table& t) { t.capacity = 1; })}) ==
              "give table 3 1 seat");
    }
    {
        worldcafe::test::LanguageGuard guard(kI18nDir, "ko");
        CHECK(undoText(s, deletion) == "되돌리기: 참가자 '김민수' 삭제");
        CHECK(undoText(s, rename) == "되돌리기: 메뉴 'Local food'의 이름을 'Food nearby'(으)로 변경");
        CHECK(undoText(s, absentAndReplan) == "되돌리기: 김민수 불참으로 표시 및 2라운드부터 다시 배치");
        CHECK(undoText(s, note) == "되돌리기: 2라운드 3번 테이블 메모 추가");
        CHECK(undoText(s, minute) == "되돌리기: 타이머 1분 연장");
    }
}

TEST_CASE("gui action words: the harvest after each round is named when set and when dropped") {
    const Session s = wordsCafe();
    const Action on = SetRoundSettings{edited(s.rounds, [](RoundSettings& r) { r.roundHarvestMinutes = 5; })};
    Session with = s;
    with.rounds.roundHarvestMinutes = 1;
    const Action one = SetRoundSettings{edited(s.rounds, [](RoundSettings& r) { r.roundHarvestMinutes = 1; })};
    const Action off = SetRoundSettings{s.rounds};
    {
        worldcafe::test::LanguageGuard guard(kI18nDir, "en");
        CHECK(labelOf(s, on) == "harvest for 5 minutes after each round");
        CHECK(labelOf(s, one) == "harvest for 1 minute after each round");
        CHECK(labelOf(with, off) == "drop the harvest after each round");
    }
    {
        worldcafe::test::LanguageGuard guard(kI18nDir, "ko");
        CHECK(labelOf(s, on) == "라운드마다 하베스트 시간을 5분으로 변경");
        CHECK(labelOf(with, off) == "라운드마다 하는 하베스트 없애기");
    }
}

TEST_CASE("gui action words: the Edit menu names the step to undo and to redo, in the language on screen") {
    worldcafe::test::LanguageGuard language{kI18nDir, "en"};
    worldcafe::test::TempDir dir;
    HeadlessUi ui{{1280.0f, 800.0f}};
    HeadlessPlatform platform;
    App app{platform, App::Options{"en"}};
    auto frame = [&] {
        app.betweenFrames();
        ui.bareFrame([&] { app.buildFrame(); });
    };
    auto click = [&](const std::string& key) { return ui.clickItemStepping(key, frame); };
    Session session = wordsCafe();
    session.timeline.clear();  // a café not running: opening it applies nothing of its own
    app.adopt(Engine::create(dir / "cafe.wcafe", session), ReadOnlyReason::None);
    for (int i = 0; i < 3; ++i) frame();
    // Applied as the Setup view does; the label is made now, while the session still knows the name.
    app.engine()->apply(removeParticipant(app.engine()->session(), kMinsu));
    frame();

    REQUIRE(click("menu.edit"));
    CHECK(ui.find("Undo: delete participant '김민수'") != nullptr);
    CHECK(ui.find("Redo") != nullptr);
    REQUIRE(click("Undo: delete participant '김민수'"));
    for (int i = 0; i < 2; ++i) frame();
    CHECK(app.engine()->session().findParticipant(kMinsu) != nullptr);

    setLanguage(kI18nDir, "ko");
    frame();
    REQUIRE(click("menu.edit"));
    CHECK(ui.find("다시 실행: 참가자 '김민수' 삭제") != nullptr);
    CHECK(ui.find("되돌리기") != nullptr);
}
