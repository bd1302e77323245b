#include <doctest/doctest.h>

#include <filesystem>
#include <optional>

#include "qr_support.hpp"
#include "test_support.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/printables.hpp"

using namespace worldcafe;

namespace {

Session printedCafe() {
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
    Session s = printedCafe();
    s.participants.push_back({6, "bob", "", Role::Guest, 0, 0, 0});
    std::vector<std::string> names;
    for (const Participant* p : participantsInNameOrder(s)) names.push_back(p->name);
    CHECK(names == std::vector<std::string>{"Anna", "bob", "가영 <b>", "김도현", "나은비", "박서연"});
}

TEST_CASE("printables: itinerary cards show every round's table and menu, escaped") {
    std::string html = formatPrintableHtml(printedCafe(), Printable::ItineraryCards);
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
    std::string html = formatPrintableHtml(printedCafe(), Printable::TableTents);
    std::size_t count = 0;
    for (auto at = html.find("우리가 생각하는 녹색구매는?"); at != std::string::npos;
         at = html.find("우리가 생각하는 녹색구매는?", at + 1))
        ++count;
    CHECK(count == 2);
    CHECK(html.find("호스트: 김도현") != std::string::npos);
    CHECK(html.find("upside-down") != std::string::npos);
}

TEST_CASE("printables: a session without a plan still prints, with rounds to be announced") {
    Session s = printedCafe();
    s.plan.clear();
    s.event.language = "en";
    std::string html = formatPrintableHtml(s, Printable::ItineraryCards);
    CHECK(html.find("not planned yet") != std::string::npos);
    CHECK(seatOf(s, 3, 1) == kNoTable);
}

namespace {

Session cafeWithTokens() {
    Session s = printedCafe();
    s.tables[0].token = "Zm9yLXRhYmxlLW9uZS0xMjg";
    s.tables[1].token = "dGFibGUtdHdvLXRva2VuLXg";
    return s;
}

}  // namespace

TEST_CASE("printables: room links are BASE/ for guests and BASE/t/TOKEN for a table's host") {
    Session s = cafeWithTokens();
    CHECK(guestsLinkUrl("http://192.168.0.10:8080") == "http://192.168.0.10:8080/");
    CHECK(guestsLinkUrl("http://192.168.0.10:8080//") == "http://192.168.0.10:8080/");
    CHECK(hostLinkUrl("http://10.0.0.2:8080/", s.tables[0]) == "http://10.0.0.2:8080/t/Zm9yLXRhYmxlLW9uZS0xMjg");
    CHECK(hostLinkUrl("http://10.0.0.2:8080", Table{}).empty());
    CHECK_THROWS_AS(printLinks("192.168.0.10:8080"), Error);
    CHECK_THROWS_AS(printLinks("http://"), Error);
    CHECK_THROWS_AS(printLinks("http://a b"), Error);
    const PrintLinks links = printLinks("http://10.0.0.2:8080/");
    CHECK(links.guests == "http://10.0.0.2:8080/");
    CHECK(links.host(s.tables[1]) == "http://10.0.0.2:8080/t/dGFibGUtdHdvLXRva2VuLXg");
    try {
        links.host(Table{7, 1, 6, ""});
        FAIL("expected an error for a table without a token");
    } catch (const Error& error) {
        CHECK(std::string(error.what()).find("table 7 has no host link yet") != std::string::npos);
    }
}

TEST_CASE("printables: without links, no QR code is printed") {
    CHECK(test::qrSvgsIn(formatPrintableHtml(printedCafe(), Printable::TableTents)).empty());
    CHECK(test::qrSvgsIn(formatPrintableHtml(printedCafe(), Printable::ItineraryCards)).empty());
}

TEST_CASE("printables: each tent's QR code decodes to its table's host link, on both faces") {
    Session s = printedCafe();
    PrintLinks links;
    links.host = [](const Table& table) { return "http://카페.local:8080/t/테이블-" + std::to_string(table.number); };
    const std::string html = formatPrintableHtml(s, Printable::TableTents, links);
    const auto svgs = test::qrSvgsIn(html);
    REQUIRE(svgs.size() == 2 * s.tables.size());
    CHECK(svgs[0] == svgs[1]);
    CHECK(svgs[0] != svgs[2]);
    CHECK(html.find("http://카페.local:8080/t/테이블-2") != std::string::npos);  // the URL printed under the code
    CHECK(html.find("호스트 메모 페이지") != std::string::npos);  // the caption, in the session's language
    if (!test::zbarAvailable()) return;
    test::TempDir dir;
    for (std::size_t t = 0; t < s.tables.size(); ++t) {
        const std::string expected = links.host(s.tables[t]);
        CAPTURE(expected);
        CHECK(test::decodeQr(test::rasteriseQrSvg(svgs[2 * t], dir / "tent.pgm")) == expected);
    }
    // A real SVG renderer agrees with our reading of the path.
    if (!test::programAvailable("rsvg-convert")) {
        MESSAGE("rsvg-convert (librsvg2-bin) is missing: the tents' SVG is not rendered by librsvg here");
        return;
    }
    test::writeBytes(dir / "tent.svg", svgs[2]);
    REQUIRE(test::runProgram("rsvg-convert", {"-w", "300", "-h", "300", "-o", "tent.png", "tent.svg"}, dir.path())
                .exitCode == 0);
    CHECK(test::decodeQr(dir / "tent.png") == links.host(s.tables[1]));
}

TEST_CASE("printables: every itinerary card carries the guests' link as a QR code") {
    Session s = printedCafe();
    PrintLinks links;
    links.guests = "http://192.168.0.10:8080/";
    const std::string html = formatPrintableHtml(s, Printable::ItineraryCards, links);
    const auto svgs = test::qrSvgsIn(html);
    REQUIRE(svgs.size() == s.participants.size());
    CHECK(svgs.front() == svgs.back());
    CHECK(html.find("휴대폰으로 내 자리 찾기") != std::string::npos);
    if (!test::zbarAvailable()) return;
    test::TempDir dir;
    CHECK(test::decodeQr(test::rasteriseQrSvg(svgs.front(), dir / "card.pgm")) == links.guests);
}

TEST_CASE("print --base: tents with the stored tokens' links; a table without a token refuses and writes nothing") {
    test::TempDir dir;
    Engine::create(dir / "cafe.wcafe", cafeWithTokens());
    auto result = test::runWorldcafe(
        {"print", "cafe.wcafe", "--what", "tents", "--out", "tents.html", "--base", "http://10.1.2.3:8080/"}, dir.path());
    REQUIRE(result.exitCode == 0);
    const auto svgs = test::qrSvgsIn(test::readBytes(dir / "tents.html"));
    REQUIRE(svgs.size() == 4);
    if (test::zbarAvailable())
        CHECK(test::decodeQr(test::rasteriseQrSvg(svgs[2], dir / "tent.pgm")) ==
              "http://10.1.2.3:8080/t/dGFibGUtdHdvLXRva2VuLXg");

    result = test::runWorldcafe(
        {"print", "cafe.wcafe", "--what", "cards", "--out", "cards.html", "--base", "http://10.1.2.3:8080"}, dir.path());
    REQUIRE(result.exitCode == 0);
    CHECK(test::qrSvgsIn(test::readBytes(dir / "cards.html")).size() == 5);

    Engine::create(dir / "plain.wcafe", printedCafe());
    result = test::runWorldcafe(
        {"print", "plain.wcafe", "--what", "tents", "--out", "plain.html", "--base", "http://10.1.2.3:8080"}, dir.path());
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("table 1 has no host link yet") != std::string::npos);
    CHECK(result.err.find("worldcafe links") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "plain.html"));

    result = test::runWorldcafe(
        {"print", "cafe.wcafe", "--what", "cards", "--out", "bad.html", "--base", "10.1.2.3:8080"}, dir.path());
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("--base must be") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "bad.html"));
}

namespace {

// Prints `html` to PDF the way a facilitator would (Chromium, A4, no header or footer) and counts the pages.
std::optional<int> printedPages(const std::string& html, const test::TempDir& dir) {
    test::writeBytes(dir / "print.html", html);
    const auto result = test::runProgram(
        "chromium",
        {"--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + (dir / "profile").string(),
         "--no-pdf-header-footer", "--print-to-pdf=" + (dir / "print.pdf").string(), "print.html"},
        dir.path());
    CAPTURE(result.err);
    if (result.exitCode != 0 || !std::filesystem::exists(dir / "print.pdf")) return std::nullopt;
    const std::string pdf = test::readBytes(dir / "print.pdf");
    int pages = 0;
    for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
        if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
    return pages;
}

}  // namespace

TEST_CASE("printables: two table tents to an A4 page, the titled first page too") {
    if (!test::programAvailable("chromium")) {
        MESSAGE("chromium is missing: the tents are not printed to PDF here (CI installs it)");
        return;
    }
    Session s = cafeWithTokens();
    s.event.title = "2026 지역 기후행동 월드카페: 우리 동네의 걷기, 자전거, 나눔 교통과 녹색구매를 함께 이야기하는 자리";
    s.tables = {{1, 1, 6, "Zm9yLXRhYmxlLW9uZS0xMjg"},
                {2, 2, 6, "dGFibGUtdHdvLXRva2VuLXg"},
                {3, 1, 6, "dGFibGUtdGhyZWUtdG9rZW4"},
                {4, 2, 6, "dGFibGUtZm91ci10b2tlbi0"}};
    const PrintLinks links = printLinks("http://192.168.100.200:8080");
    test::TempDir dir;
    CHECK(printedPages(formatPrintableHtml(s, Printable::TableTents, links), dir) == 2);
    CHECK(printedPages(formatPrintableHtml(s, Printable::TableTents), dir) == 2);
    s.tables.push_back({5, 1, 6, "dGFibGUtZml2ZS10b2tlbi0"});
    CHECK(printedPages(formatPrintableHtml(s, Printable::TableTents, links), dir) == 3);
}
