// The plan in plain words: the figures as a sentence ("fewest possible" only at the planner's lower bounds, English
// singular and plural, Korean), and why the planner cannot plan, with what to do about it.
#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>

#include "worldcafe/plan_words.hpp"
#include "worldcafe/strings.hpp"

using namespace worldcafe;

namespace {

using worldcafe::test::kI18nDir;

RoundPlan round(RoundNumber number, std::vector<std::pair<ParticipantId, TableNumber>> seats) {
    RoundPlan plan;
    plan.round = number;
    for (auto [person, table] : seats) plan.seats.push_back(Seat{person, table});
    return plan;
}

PlanQuality quality(long long c2, long long c2Bound, long long e, long long eBound) {
    PlanQuality q;
    q.c2 = c2;
    q.c2LowerBound = c2Bound;
    q.e = e;
    q.eLowerBound = eBound;
    return q;
}

MeetingCounts counts(int fewest, int most, long long again) {
    MeetingCounts c;
    c.people = 12;
    c.fewestMet = fewest;
    c.mostMet = most;
    c.pairsMeetingAgain = again;
    return c;
}

}  // namespace

TEST_CASE("plan words: countMeetings counts different people met and pairs that meet again") {
    // Four people, three rounds: 1 and 2 share table 1 every round; 4 sits with 3, is absent, then joins 1 and 2.
    std::vector<RoundPlan> plan = {round(1, {{1, 1}, {2, 1}, {3, 2}, {4, 2}}),
                                   round(2, {{1, 1}, {2, 1}, {3, 2}}),
                                   round(3, {{1, 1}, {2, 1}, {4, 1}, {3, 2}})};
    MeetingCounts c = countMeetings(plan);
    CHECK(c.people == 4);
    CHECK(c.fewestMet == 1);  // 3 meets only 4
    CHECK(c.mostMet == 3);    // 4 meets everyone
    CHECK(c.pairsMeetingAgain == 1);  // 1 and 2
    CHECK(countMeetings({}).people == 0);
}

TEST_CASE("plan words: the sentence in English and Korean, singular and plural, 'fewest possible' only at the bound") {
    const Strings en = Strings::load(kI18nDir, "en");
    const Strings ko = Strings::load(kI18nDir, "ko");
    const PlanQuality atBound = quality(3, 3, 3, 3);
    const PlanQuality above = quality(5, 3, 4, 3);

    CHECK(planSentence(atBound, counts(12, 12, 3), en) ==
          "Everyone meets 12 new people; 3 pairs meet more than once, the fewest possible.");
    CHECK(planSentence(above, counts(12, 12, 3), en) == "Everyone meets 12 new people; 3 pairs meet more than once.");
    CHECK(planSentence(quality(1, 1, 1, 1), counts(1, 1, 1), en) ==
          "Everyone meets 1 new person; 1 pair meets more than once, the fewest possible.");
    CHECK(planSentence(quality(0, 0, 0, 0), counts(9, 11, 0), en) ==
          "Each person meets 9 to 11 new people; no pair meets twice.");
    // Only C2 at its bound is not enough: E above its own bound is not the fewest possible.
    CHECK(planSentence(quality(3, 3, 4, 3), counts(12, 12, 3), en).find("fewest") == std::string::npos);

    CHECK(planSentence(atBound, counts(12, 12, 3), ko) ==
          "모든 참가자가 새로운 사람 12명을 만납니다. 3쌍이 두 번 이상 만납니다. 가능한 최소입니다.");
    CHECK(planSentence(above, counts(12, 12, 3), ko) == "모든 참가자가 새로운 사람 12명을 만납니다. 3쌍이 두 번 이상 만납니다.");
    CHECK(planSentence(quality(0, 0, 0, 0), counts(9, 11, 0), ko) ==
          "참가자마다 새로운 사람 9~11명을 만납니다. 두 번 만나는 쌍은 없습니다.");

    CHECK(planSentence(atBound, MeetingCounts{}, en).empty());  // no plan: nothing to say
}

namespace {

std::optional<PlanImpossible> whyNot(const Session& s) {
    PlanOptions options;
    options.timeLimitSeconds = 0.2;
    try {
        planSeating(s, options);
    } catch (const PlanImpossible& error) {
        return error;
    }
    return std::nullopt;
}

Participant& withId(Session& s, ParticipantId id) {
    for (Participant& p : s.participants)
        if (p.id == id) return p;
    throw std::runtime_error("no participant " + std::to_string(id));
}

// Twelve people, four tables of three, hosts 1-4 at tables 1-4.
Session smallCafe() {
    Session s;
    s.rounds.count = 3;
    for (int t = 1; t <= 4; ++t) {
        s.menus.push_back(Menu{t, "Menu " + std::to_string(t), "", 0});
        s.tables.push_back(Table{t, t, 3});
    }
    for (int id = 1; id <= 12; ++id) {
        Participant p;
        p.id = id;
        p.name = id == 5 ? "김민수" : id == 6 ? "이영희" : "P" + std::to_string(id);
        if (id <= 4) p.role = Role::Host, p.table = id;
        s.participants.push_back(p);
    }
    return s;
}

}  // namespace

TEST_CASE("plan words: why the planner cannot plan, in plain words with what to do, in English and Korean") {
    const Strings en = Strings::load(kI18nDir, "en");
    const Strings ko = Strings::load(kI18nDir, "ko");

    Session crowded = smallCafe();
    for (Table& t : crowded.tables) t.capacity = 2;
    auto reason = whyNot(crowded);
    REQUIRE(reason);
    CHECK(plainReason(*reason, en) == "Round 1: 12 people are here but there are 8 seats: add a table or seats for 4 more.");
    CHECK(plainReason(*reason, ko) ==
          "1라운드: 참석자는 12명인데 좌석은 8석입니다. 테이블을 추가하거나 좌석을 4석 더 늘리세요.");
    CHECK(std::string(reason->what()).find("capacity too small") != std::string::npos);  // the detail stays

    Session pinned = smallCafe();
    for (ParticipantId id = 5; id <= 7; ++id) withId(pinned, id).table = 2;
    reason = whyNot(pinned);
    REQUIRE(reason);
    CHECK(plainReason(*reason, en) ==
          "Table 2 has 3 seats for the 4 people who must sit there (its host, pinned guests and those kept with them): "
          "add seats to table 2 or let someone sit elsewhere.");

    Session hosts = smallCafe();
    withId(hosts, 5).role = Role::Host;
    reason = whyNot(hosts);
    REQUIRE(reason);
    CHECK(plainReason(*reason, en) == "There are 5 hosts for 4 tables: add tables or make some hosts guests.");
    CHECK(plainReason(*reason, ko) ==
          "호스트는 5명인데 테이블은 4개입니다. 테이블을 추가하거나 호스트 일부를 손님으로 바꾸세요.");

    Session rules = smallCafe();
    rules.rules = {Rule{1, RuleKind::KeepTogether, 5, 6}, Rule{2, RuleKind::KeepApart, 6, 5}};
    reason = whyNot(rules);
    REQUIRE(reason);
    CHECK(plainReason(*reason, en) == "김민수 and 이영희 are to sit both together and apart: delete one of the two rules.");
    CHECK(plainReason(*reason, ko) ==
          "김민수, 이영희에게 같이 앉히기와 따로 앉히기 규칙이 모두 있습니다. 둘 중 하나를 삭제하세요.");

    Session none = smallCafe();
    none.tables.clear();
    for (Participant& p : none.participants) p.role = Role::Guest, p.table = kNoTable;
    reason = whyNot(none);
    REQUIRE(reason);
    CHECK(plainReason(*reason, en) == "There are no tables: add tables in Setup.");

    // A rarer reason without plain words keeps the planner's own message.
    Session unknown = smallCafe();
    unknown.rules = {Rule{1, RuleKind::KeepApart, 5, 99}};
    reason = whyNot(unknown);
    REQUIRE(reason);
    CHECK(reason->key.empty());
    CHECK(plainReason(*reason, en) == reason->what());
}
