// libhangul's hanja table as a source of what Sino-Korean words share (HarvestOptions::hanjaTable).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "harvest_hanja.hpp"
#include "harvest_compare.hpp"
#include "test_support.hpp"
#include "worldcafe/harvest.hpp"

using namespace worldcafe;

namespace {

std::vector<std::uint64_t> shared(const std::string& table, const std::u32string& a, const std::u32string& b) {
    std::vector<std::uint64_t> x = harvest::hanjaTerms(table, a);
    std::vector<std::uint64_t> y = harvest::hanjaTerms(table, b);
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    std::vector<std::uint64_t> both;
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
    both.erase(std::unique(both.begin(), both.end()), both.end());
    return both;
}

Session koreanSession() {
    return test::oneMenuSession("ko", "학교 급식", {"급식에 지역 식재료를", "식재료 공동구매", "재활용 분리배출", "컵 재사용", "식물 키우기"});
}

}  // namespace

TEST_CASE("harvest hanja: a missing table gives no terms and the same themes as none") {
    test::TempDir dir;
    const std::string absent = (dir.path() / "absent.txt").string();
    CHECK_FALSE(harvest::hanjaAvailable(absent));
    CHECK(harvest::hanjaTerms(absent, U"급식").empty());

    const Session session = koreanSession();
    HarvestOptions none;
    none.hanjaTable.clear();
    HarvestOptions missing;
    missing.hanjaTable = absent;
    test::checkSameThemes(session, synthesize(session, none), synthesize(session, missing));
}

TEST_CASE("harvest hanja: words split into the longest entries, first reading, homophones apart") {
    test::TempDir dir;
    const std::filesystem::path path = dir.path() / "hanja.txt";
    // The shape of libhangul's table: comments, one-syllable entries (never used alone), a word with two readings,
    // a compatibility ideograph (U+F914 is 樂's twin: the same character under NFC), a line with no hanja.
    test::writeBytes(path,
                     "# comment\n"
                     "식:食:밥 식\n식:植:심을 식\n"
                     "급식:給食:\n식재료:食材料:\n재료:材料:\n재료:齋料:\n식물:植物:\n"
                     "재활용:再活用:\n재사용:再使用:\n사용:私用:\n"
                     "오락:娛\xEF\xA4\x94:\n음악:音樂:\n"
                     "broken line\n"
                     "ㄱ자집:ㄱ字집:\n");
    const std::string table = path.string();
    REQUIRE(harvest::hanjaAvailable(table));

    CHECK(shared(table, U"급식", U"식재료") == std::vector<std::uint64_t>{harvest::hanjaTerms(table, U"급식")[1]});
    CHECK(shared(table, U"재활용", U"재사용").size() == 2);  // 再 and 用: 재사용 is one entry, not 재 + 사용 (私用)
    CHECK(harvest::hanjaTerms(table, U"재사용").size() == 3);
    CHECK(shared(table, U"재사용", U"사용").size() == 1);  // 用, and not 私
    CHECK(shared(table, U"급식", U"식물").empty());          // 食 and 植 sound alike, mean otherwise
    CHECK(harvest::hanjaTerms(table, U"재료").size() == 2);  // 材料 only, not also 齋料
    CHECK(shared(table, U"재료", U"식재료").size() == 2);
    CHECK(shared(table, U"오락", U"음악").size() == 1);      // 樂 whichever code point the table wrote
    CHECK(harvest::hanjaTerms(table, U"식").empty());        // one syllable has dozens of hanja: none taken
    CHECK(harvest::hanjaTerms(table, U"coach").empty());
    // 급식재료: the longest entry at each place (급식, then 재료).
    CHECK(shared(table, U"급식재료", U"식재료").size() == 3);
    for (std::uint64_t term : harvest::hanjaTerms(table, U"급식재료")) CHECK(harvest::isHanjaTerm(term));
}

TEST_CASE("harvest hanja: Sino-Korean words meet through their hanja (Debian's libhangul-data)") {
    const std::string table = "/usr/share/libhangul/hanja/hanja.txt";  // where Debian puts it
    if (!harvest::hanjaAvailable(table)) {
        MESSAGE("libhangul-data is not installed: nothing to check");
        return;
    }
    CHECK(HarvestOptions{}.hanjaTable == table);  // on by default
    CHECK_FALSE(shared(table, U"급식", U"식재료").empty());
    CHECK(shared(table, U"재활용", U"재사용").size() == 2);
    CHECK(shared(table, U"급식", U"식물").empty());
}
