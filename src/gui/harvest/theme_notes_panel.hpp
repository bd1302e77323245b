#pragma once

#include <map>
#include <set>
#include <string>

#include "harvest_support.hpp"

namespace worldcafe::gui {

// The notes of one theme, opened under it: each point once, with the near-duplicates from later rounds folded under
// it; where it came from (table, round, author, tags, the host's star); dot votes with -/+, a highlight for the
// report, and moving to another theme by a combo or by dragging the note onto that theme. Ticked notes can be
// split off into a new theme.
class ThemeNotesPanel {
public:
    void draw(const HarvestFrame& frame, const ThemeSummary& theme);

    const std::set<NoteId>& selectedNotes() const { return m_selected; }
    void selectNote(NoteId note, bool selected);
    // Drops ticks on notes that are gone (deleted by a host, or undone).
    void prune(const Session& session);

private:
    void drawNote(const HarvestFrame& frame, const ThemeSummary& theme, const Note& note, int duplicates,
                  bool duplicate);
    void drawMoveCombo(const HarvestFrame& frame, const ThemeSummary& theme, const Note& note);
    void drawSplit(const HarvestFrame& frame, const ThemeSummary& theme);

    std::set<NoteId> m_selected;
    std::set<NoteId> m_unfolded;                   // entries whose duplicates are shown
    std::map<std::string, std::string> m_splitNames;  // the name typed for a split, by theme key
};

}  // namespace worldcafe::gui
