#include <doctest/doctest.h>

#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/printables.hpp"

using namespace worldcafe;

namespace {

Session cafe() {
    Session s;
    s.event.title = "녹색구매 <월드카페>";
    s.event.language = "ko";
    s.rounds.count = 2;
    s.menus = {{1, "녹색구매란?", "우리가 생각하는 녹색구매는?", 0xE69F00}, {2, "네트워크", "도시 간 활동의 방향은?", 0x56B4E9}};
    s.tables = {{1, 1, 6}, {2, 2, 6}};
    s.participants = {{1, "박서연", "이클레이", Role::Host, 1, 0, 0},
                      {2, "김도현", "환경산업기술원", Role::Host, 2, 0, 0},
                      {3, "나은비", "수원시", Role::Guest, 0, 0, 0},
                      {4, "Anna", "Council", Role::Guest, 0, 2, 0},
                      {5, "가영 <b>", "안산시", Role::Guest, 0, 0, 0}};
    s.plan = {{1, {{1, 1}, {2, 2}, {3, 1}, {5, 2}}, false}, {2, {{1, 1}, {2, 2}, {3, 2}, {4, 1}, {5, 1}}, false}};
    return s;
}

}  // namespace

TEST_CASE("printables: names come in 가나다 order, Latin names case-insensitively") {
    Session s = cafe();
    s.participants.push_back({6, "bob", "", Role::Guest, 0, 0, 0});
    std::vector<std::string> names;
    for (const Participant* p : participantsInNameOrder(s)) names.push_back(p->name);
    CHECK(names == std::vector<std::string>{"Anna", "bob", "가영 <b>", "김도현", "나은비", "박서연"});
}

TEST_CASE("printables: itinerary cards show every round's table and menu, escaped") {
    std::string html = formatPrintableHtml(cafe(), Printable::ItineraryCards);
    CHECK(html.find("<html lang=\"ko\">") != std::string::npos);
    CHECK(html.find("가영 &lt;b&gt;") != std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("녹색구매 &lt;월드카페&gt;") != std::string::npos);
    // 나은비: table 1 then table 2.
    auto card = html.find("나은비");
    REQUIRE(card != std::string::npos);
    auto first = html.find("<td class=\"table\">1</td>", card);
    auto second = html.find("<td class=\"table\">2</td>", card);
    CHECK(first < second);
    CHECK(second < html.find("</section>", card));
    // Anna arrives in round 2.
    auto anna = html.find("Anna");
    CHECK(html.find("불참", anna) < html.find("</section>", anna));
    // Hosts are told they stay.
    CHECK(html.find("호스트: 이 테이블에 계속 머뭅니다", html.find("박서연")) != std::string::npos);
}

TEST_CASE("printables: table tents carry number, menu, question and host on both faces") {
    std::string html = formatPrintableHtml(cafe(), Printable::TableTents);
    std::size_t count = 0;
    for (auto at = html.find("우리가 생각하는 녹색구매는?"); at != std::string::npos;
         at = html.find("우리가 생각하는 녹색구매는?", at + 1))
        ++count;
    CHECK(count == 2);
    CHECK(html.find("호스트: 김도현") != std::string::npos);
    CHECK(html.find("upside-down") != std::string::npos);
}

TEST_CASE("printables: a session without a plan still prints, with rounds to be announced") {
    Session s = cafe();
    s.plan.clear();
    s.event.language = "en";
    std::string html = formatPrintableHtml(s, Printable::ItineraryCards);
    CHECK(html.find("not planned yet") != std::string::npos);
    CHECK(seatOf(s, 3, 1) == kNoTable);
}
