#pragma once
// Optional word knowledge (WordNet, the hanja table) must change nothing when its files are missing: the tests check
// that two syntheses put every note in a theme of the same name.

#include <doctest/doctest.h>

#include "worldcafe/harvest.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe::test {

inline void checkSameThemes(const Session& session, const Synthesis& expected, const Synthesis& actual) {
    REQUIRE(expected.menus.size() == actual.menus.size());
    for (const Note& note : session.notes) {
        const ThemeSummary* a = expected.themeOfNote(note.id);
        const ThemeSummary* b = actual.themeOfNote(note.id);
        CHECK((a == nullptr) == (b == nullptr));
        if (a && b) CHECK(a->name == b->name);
    }
}

}  // namespace worldcafe::test
