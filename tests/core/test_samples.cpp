// Golden loads of the bundled sessions: they open, validate, and are written back byte for byte.
#include <doctest/doctest.h>

#include <set>

#include "session_format.hpp"
#include "test_support.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/text.hpp"
#include "worldcafe/validation.hpp"

using namespace worldcafe;

namespace {

using worldcafe::test::kSessions;

std::set<std::string> tagsOf(const Session& session) {
    std::set<std::string> tags;
    for (const Note& note : session.notes) tags.insert(note.tags.begin(), note.tags.end());
    return tags;
}

}  // namespace

TEST_CASE("samples: every bundled session loads, validates without errors and is in canonical form") {
    int found = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kSessions)) {
        if (entry.path().extension() != ".wcafe") continue;
        ++found;
        CAPTURE(entry.path());
        auto engine = Engine::open(entry.path(), OpenOptions{.readOnly = true});
        CHECK(engine->recovery().clean());
        for (const Problem& problem : validate(engine->session())) {
            INFO(problem.message);
            CHECK(problem.severity == Severity::Warning);
        }
        auto bytes = test::readBytes(entry.path());
        CHECK(formatSnapshot(engine->session(), engine->recovery().snapshotSequence) == bytes);
        CHECK(normalizeNfc(bytes) == bytes);
    }
    CHECK(found >= 2);
}

TEST_CASE("samples: the Korean sample holds the seed workshop's menus, hosts and tagged findings") {
    auto engine = Engine::open(kSessions / "green-procurement-2019.wcafe", OpenOptions{.readOnly = true});
    const Session& s = engine->session();
    CHECK(s.event.language == "ko");
    CHECK(s.event.title == "지방정부 공공녹색구매 활성화를 위한 아이디어빌딩 워크숍");
    REQUIRE(s.menus.size() == 5);
    CHECK(s.menus[0].question.find("우리가 생각하는 녹색구매는?") == 0);
    CHECK(s.menus[4].question.find("네트워크") != std::string::npos);
    for (const Table& table : s.tables) CHECK(s.hostOf(table.number) != nullptr);
    std::set<std::string> affiliations;
    for (const Participant& p : s.participants) affiliations.insert(p.affiliation);
    for (const char* city : {"대구광역시", "수원시", "화성시", "전주시", "순천시", "창원시", "서귀포시", "경기도", "세종시"})
        CHECK(affiliations.count(city) == 1);
    auto tags = tagsOf(s);
    for (const char* tag : {"로컬푸드", "녹색소비", "공급활성화", "중소기업", "교육의 필요성", "연대의 중요성"})
        CHECK(tags.count(tag) == 1);
    // Every finding of the seed's report is a starred note under its menu.
    int starred = 0;
    for (const Note& note : s.notes) starred += note.starred ? 1 : 0;
    CHECK(starred == 14);
}

TEST_CASE("samples: the participants CSV imports with its Korean headers") {
    auto imported = readParticipantsCsv(kSessions / "green-procurement-2019-participants.csv");
    CHECK(imported.warnings.empty());
    REQUIRE(imported.participants.size() == 30);
    CHECK(imported.participants[0].role == Role::Host);
    CHECK(imported.participants[0].table == 1);
}
