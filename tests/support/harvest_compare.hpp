#pragma once
// Optional word knowledge (WordNet, the hanja table) must change nothing when its files are missing: the tests check
// that two syntheses put every note in a theme of the same name, on small sessions of one menu.

#include <doctest/doctest.h>

#include <initializer_list>

#include "worldcafe/harvest.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe::test {

// One menu at one table, the notes typed in round 1, untagged.
inline Session oneMenuSession(const char* language, const char* menuTitle, std::initializer_list<const char*> texts) {
    Session session;
    session.event.title = "test";
    session.event.language = language;
    session.menus.push_back(Menu{1, menuTitle, "", defaultMenuColour(0)});
    session.tables.push_back(Table{1, 1, 6});
    for (const char* text : texts) {
        Note note;
        note.id = session.nextNoteId();
        note.table = 1;
        note.round = 1;
        note.menu = 1;
        note.text = text;
        note.created = 1000 * note.id;
        session.notes.push_back(note);
    }
    return session;
}

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
