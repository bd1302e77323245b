// The Checks panel speaks the interface's language: every problem the core can report has its English pattern in
// the string files, word for word, and a Korean one; the issue's own example reads in Korean.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "gui_language_guard.hpp"
#include "i18n.hpp"
#include "problems_panel.hpp"
#include "worldcafe/validation.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

// 8 tables, participant 17 pinned to table 9, a host without a table and a rule pairing someone with themselves.
Session brokenSession() {
    Session s;
    s.menus = {{1, "녹색구매란?", "", 0xE69F00}};
    for (int t = 1; t <= 8; ++t) s.tables.push_back({t, 1, 6});
    s.participants = {{17, "김민수", "수원시", Role::Guest, 9, 0, 0}, {18, "이서연", "", Role::Host, 0, 0, 0}};
    s.rules = {{1, RuleKind::KeepApart, 17, 17}};
    return s;
}

}  // namespace

TEST_CASE("gui problems: the English string file has every template of the core, word for word") {
    const StringTable english = loadLanguageTable(kI18nDir, "en");
    std::set<std::string> codes;
    for (const ProblemTemplate& entry : problemTemplates()) {
        CAPTURE(entry.code);
        codes.insert(std::string("problem.") + entry.code);
        auto found = english.find(std::string("problem.") + entry.code);
        REQUIRE(found != english.end());
        CHECK(found->second == entry.english);
    }
    for (const auto& [key, text] : english)
        if (key.rfind("problem.", 0) == 0) CHECK_MESSAGE(codes.count(key), key << " is not a code the core reports");
}

TEST_CASE("gui problems: in English the panel shows the core's own message; in Korean a Korean sentence") {
    const std::vector<Problem> problems = validate(brokenSession());
    REQUIRE(problems.size() >= 3);

    setLanguage(kI18nDir, "en");
    for (const Problem& problem : problems) CHECK(problemText(problem) == problem.message);

    worldcafe::test::LanguageGuard language(kI18nDir, "ko");
    std::set<std::string> korean;
    for (const Problem& problem : problems) korean.insert(problemText(problem));
    CHECK(korean.count("참가자 17 '김민수'은(는) 9번 테이블에 고정되어 있는데, 테이블은 8개뿐입니다"));
    CHECK(korean.count("호스트 18 '이서연'에게 테이블이 없습니다"));
    CHECK(korean.count("규칙 1(떨어뜨리기)이(가) 참가자 17을(를) 자기 자신과 짝지었습니다"));
    CHECK(takeMissingTranslations().empty());
}
