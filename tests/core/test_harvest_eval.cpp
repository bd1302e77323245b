// `worldcafe bench harvest`: the grouping's scores on labelled notes, beside the baseline.
#include <doctest/doctest.h>

#include <string>

#include "test_support.hpp"

using namespace worldcafe;

namespace {

const std::filesystem::path kLabelled =
    std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "tests" / "harvest_eval" / "notes.tsv";

// The scores printed on the line after "<language> <key>" for `who` ("product" or "baseline").
std::string scoreLine(const std::string& out, const std::string& menuLine, const std::string& who) {
    std::size_t at = out.find(menuLine);
    if (at == std::string::npos) return {};
    at = out.find("  " + who + " ", at);
    return at == std::string::npos ? std::string() : out.substr(at, out.find('\n', at) - at);
}

double field(const std::string& line, const std::string& name) {
    std::size_t at = line.find(name + " ");
    REQUIRE(at != std::string::npos);
    return std::stod(line.substr(at + name.size() + 1));
}

}  // namespace

TEST_CASE("harvest eval: the labelled set has 200 Korean and 80 English notes under several menus") {
    const std::string text = test::readBytes(kLabelled);
    int korean = 0, english = 0, menus = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end - start);
        start = end == std::string::npos ? text.size() : end + 1;
        korean += line.starts_with("note\tko\t") ? 1 : 0;
        english += line.starts_with("note\ten\t") ? 1 : 0;
        menus += line.starts_with("menu\t") ? 1 : 0;
    }
    CHECK(korean >= 200);
    CHECK(english >= 80);
    CHECK(menus >= 5);
}

TEST_CASE("harvest eval: the bench scores a perfect and a useless grouping as such, beside the baseline") {
    test::TempDir dir;
    // Each theme's notes say the same thing: any grouping worth the name finds them, and nothing is off topic.
    test::writeBytes(dir.path() / "easy.tsv",
                     "# easy\n"
                     "menu\ten\te1\tTransport\tHow do we get around?\n"
                     "note\ten\te1\tbikes\tbike lanes on the high street\n"
                     "note\ten\te1\tbikes\tbike lanes on the high street please\n"
                     "note\ten\te1\tbikes\tmore bike lanes on the high street\n"
                     "note\ten\te1\tbuses\tevening buses to the hospital\n"
                     "note\ten\te1\tbuses\tevening buses to the hospital!!\n"
                     "note\ten\te1\tbuses\tmore evening buses to the hospital\n");
    test::CommandResult result =
        test::runWorldcafe({"bench", "harvest", "--quality-only", "--labelled", (dir.path() / "easy.tsv").string()},
                           dir.path());
    INFO(result.out << result.err);
    CHECK(result.exitCode == 0);
    const std::string product = scoreLine(result.out, " en e1 ", "product");
    const std::string baseline = scoreLine(result.out, " en e1 ", "baseline");
    REQUIRE(!product.empty());
    REQUIRE(!baseline.empty());
    CHECK(field(product, "ARI") == doctest::Approx(1.0));
    CHECK(field(product, "NMI") == doctest::Approx(1.0));
    CHECK(field(product, "purity") == doctest::Approx(1.0));
    CHECK(field(product, "inverse purity") == doctest::Approx(1.0));
    CHECK(field(product, "other") == doctest::Approx(0.0));
    CHECK(field(baseline, "ARI") == doctest::Approx(1.0));
    const std::string told = scoreLine(result.out, " en e1 ", "baseline (told k)");
    REQUIRE(!told.empty());
    CHECK(field(told, "ARI") == doctest::Approx(1.0));

    // Notes that share nothing are each left in "other": ARI 0, and all on-topic notes unthemed.
    test::writeBytes(dir.path() / "apart.tsv",
                     "menu\tko\tk1\t메뉴\t질문\n"
                     "note\tko\tk1\t가\t로컬푸드 직매장\n"
                     "note\tko\tk1\t가\t학교급식 쌀 소비\n"
                     "note\tko\tk1\t나\t환경마크 복사용지\n"
                     "note\tko\tk1\t나\t조례 제정 의무화\n");
    result = test::runWorldcafe(
        {"bench", "harvest", "--quality-only", "--labelled", (dir.path() / "apart.tsv").string()}, dir.path());
    const std::string apart = scoreLine(result.out, " ko k1 ", "product");
    REQUIRE(!apart.empty());
    CHECK(field(apart, "ARI") == doctest::Approx(0.0));
    CHECK(field(apart, "other") == doctest::Approx(100.0));
    CHECK(result.exitCode == 1);  // the targets are missed

    // Bad input names the file and line and exits 2.
    test::writeBytes(dir.path() / "bad.tsv", "menu\tko\tk1\t메뉴\t질문\nnote\tko\tk1\t가\n");
    result = test::runWorldcafe(
        {"bench", "harvest", "--quality-only", "--labelled", (dir.path() / "bad.tsv").string()}, dir.path());
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("bad.tsv") != std::string::npos);
    CHECK(result.err.find(":2") != std::string::npos);
}

TEST_CASE("harvest eval: the baseline's stop is tuned on the tuning menus only, and tuned and held-out menus are "
          "reported apart") {
    test::TempDir dir;
    // The tuning menu's themes share only short n-grams: a stop of 0.15 leaves them apart, a lower one finds them.
    test::writeBytes(dir.path() / "tune.tsv",
                     "menu\ten\te1a\tTransport\tHow do we get around?\n"
                     "note\ten\te1a\tbikes\tbike lanes please\n"
                     "note\ten\te1a\tbikes\tsafer lanes for bikes on the ring road\n"
                     "note\ten\te1a\tbuses\tevening buses\n"
                     "note\ten\te1a\tbuses\tbuses to the hospital after six\n"
                     "menu\ten\te2\tWaste\tWhat helps?\n"
                     "note\ten\te2\trepair\trepair cafe monthly\n"
                     "note\ten\te2\trepair\trepair cafe at the library\n");
    test::CommandResult result = test::runWorldcafe(
        {"bench", "harvest", "--quality-only", "--labelled", (dir.path() / "tune.tsv").string()}, dir.path());
    INFO(result.out << result.err);
    const std::size_t stop = result.out.find("stop at ");
    REQUIRE(stop != std::string::npos);
    const double threshold = std::stod(result.out.substr(stop + 8));
    CHECK(threshold < 0.15);
    CHECK(threshold >= 0.02);
    const std::size_t summary = result.out.find(" en: ");
    REQUIRE(summary != std::string::npos);
    const std::string tail = result.out.substr(summary);
    CHECK(tail.find("product (tuned on)") != std::string::npos);
    CHECK(tail.find("product (held out)") != std::string::npos);
    CHECK(tail.find("baseline (tuned on)") != std::string::npos);
    CHECK(tail.find("baseline (held out)") != std::string::npos);
}

TEST_CASE("harvest eval: notes of one theme that share words only through other notes of it are grouped") {
    test::TempDir dir;
    // Each theme is a chain: neighbours share a word ("lanes", "kerbs", "cars"; "night", "hospital", "station"),
    // the ends share none. Direct similarity alone left the chains' ends in "other" (ARI 0.40, 38 % other); their
    // neighbourhoods overlap, so links through the other notes bring them in.
    test::writeBytes(dir.path() / "chain.tsv",
                     "menu\ten\te1\tTransport\tHow do we get around?\n"
                     "note\ten\te1\tlanes\tpainted bike lanes on main road\n"
                     "note\ten\te1\tlanes\tbike lanes need kerbs\n"
                     "note\ten\te1\tlanes\tkerbs keep cars out of lanes\n"
                     "note\ten\te1\tlanes\tcars park in the lanes all day\n"
                     "note\ten\te1\tbuses\tnight buses stop at ten\n"
                     "note\ten\te1\tbuses\tnight service to the hospital\n"
                     "note\ten\te1\tbuses\thospital shuttle from the station\n"
                     "note\ten\te1\tbuses\tstation buses only every hour\n"
                     "note\ten\te1\t-\tbiscuits ran out\n");
    const test::CommandResult result = test::runWorldcafe(
        {"bench", "harvest", "--quality-only", "--labelled", (dir.path() / "chain.tsv").string()}, dir.path());
    INFO(result.out << result.err);
    const std::string product = scoreLine(result.out, " en e1 ", "product");
    REQUIRE(!product.empty());
    CHECK(field(product, "ARI") >= 0.7);
    CHECK(field(product, "purity") == doctest::Approx(1.0));  // the off-topic note joins nothing
    CHECK(field(product, "other") == doctest::Approx(0.0));
}
