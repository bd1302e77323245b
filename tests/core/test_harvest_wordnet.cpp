// WordNet's plain database files as a source of what English words mean (opt-in: HarvestOptions::wordNetDirectory).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "harvest_wordnet.hpp"
#include "harvest_compare.hpp"
#include "test_support.hpp"
#include "worldcafe/harvest.hpp"

using namespace worldcafe;

namespace {

bool shareConcept(const std::string& directory, const char* a, const char* b) {
    const std::vector<std::uint64_t> x = harvest::wordConcepts(directory, a);
    const std::vector<std::uint64_t> y = harvest::wordConcepts(directory, b);
    std::vector<std::uint64_t> both;
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
    return !both.empty();
}

}  // namespace

TEST_CASE("harvest wordnet: a missing or incomplete database gives no concepts and the same themes as none") {
    test::TempDir dir;
    CHECK_FALSE(harvest::wordNetAvailable((dir.path() / "absent").string()));
    test::writeBytes(dir.path() / "index.noun", "bike n 1 0 1 0 00000001\n");  // data.noun and the rest missing
    CHECK_FALSE(harvest::wordNetAvailable(dir.path().string()));
    CHECK(harvest::wordConcepts(dir.path().string(), "bike").empty());

    const Session session =
        test::oneMenuSession("en", "Transport", {"fix my bike", "mend the bicycle", "repair cafe", "more buses"});
    HarvestOptions withMissing;
    withMissing.wordNetDirectory = dir.path().string();
    test::checkSameThemes(session, synthesize(session), synthesize(session, withMissing));
}

TEST_CASE("harvest wordnet: synonyms and inflected forms meet through their senses (Debian's wordnet-base)") {
    const std::string directory = "/usr/share/wordnet";
    if (!harvest::wordNetAvailable(directory)) {
        MESSAGE("wordnet-base is not installed: nothing to check");
        return;
    }
    CHECK(shareConcept(directory, "mend", "repair"));
    CHECK(shareConcept(directory, "bicycles", "bike"));  // "bicycles" found by Morphy's noun rules
    CHECK(shareConcept(directory, "mended", "fix"));       // verb rules, then the shared sense
    CHECK_FALSE(shareConcept(directory, "bike", "biscuit"));
    CHECK(harvest::wordConcepts(directory, "합의").empty());  // not English
}
