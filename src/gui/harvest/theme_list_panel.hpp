#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "harvest_support.hpp"
#include "theme_notes_panel.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

// The themes of one menu as cards: name (renamed in place), counts, contributing tables, stars and votes, the
// highlight, and the note a report quotes (or the organiser's summary). Ticking two or more themes offers Merge;
// opening a card shows its summary and its notes; a note dragged onto a card moves to that theme. Themes worth a
// line in the report come first, the single notes after them under "Other notes".
class ThemeListPanel {
public:
    void draw(const HarvestFrame& frame);

    const std::set<std::string>& selectedThemes() const { return m_selected; }
    void selectTheme(const std::string& key, bool selected);
    bool expanded(const std::string& key) const { return m_expanded.count(key) > 0; }
    void setExpanded(const std::string& key, bool expanded);
    ThemeNotesPanel& notes() { return m_notes; }

    // After a re-synthesis: an automatic theme the organiser edited comes back under its organiser key, so its
    // card stays open and ticked; ticks on themes that are gone are dropped.
    void synthesisChanged(const Session& session, const Synthesis& synthesis);
    // The cards stay where they are while the organiser works (a renamed theme would otherwise jump away from
    // under the mouse): the list takes the synthesis' order again only when asked, e.g. when the view is reopened.
    void resort() { m_resort = true; }
    // The organiser's choice: the most voted themes first (within the report's themes and within the single notes),
    // re-ordered as votes arrive; off (the default), the harvest's order.
    bool orderedByVotes() const { return m_byVotes; }
    void setOrderedByVotes(bool byVotes);

private:
    void arrange(const MenuHarvest& menu);
    void drawToolbar(const HarvestFrame& frame, const std::vector<const ThemeSummary*>& order);
    void drawTheme(const HarvestFrame& frame, const ThemeSummary& theme);
    void drawHeader(const HarvestFrame& frame, const ThemeSummary& theme);
    void drawQuote(const HarvestFrame& frame, const ThemeSummary& theme);
    void drawSummaryEditor(const HarvestFrame& frame, const ThemeSummary& theme);
    void acceptNoteDrop(const HarvestFrame& frame, const ThemeSummary& theme);
    // Called by an edit as it is built: the key `theme` will have once the edit materialises it.
    void follow(const Session& session, const Synthesis& synthesis, const std::string& key);

    EditBuffers m_edits;
    std::set<std::string> m_selected;
    std::set<std::string> m_expanded;
    std::map<std::string, std::string> m_followed;  // automatic key -> organiser key, until the next synthesis
    std::string m_editingSummary;                   // the theme whose summary is being typed
    int m_summaryFramesToActivate = 0;
    ThemeNotesPanel m_notes;
    // The shown order, by key: the report's themes, then the single notes under "Other notes".
    std::vector<std::string> m_reportOrder;
    std::vector<std::string> m_otherOrder;
    MenuId m_orderMenu = kNoMenu;
    bool m_resort = true;
    bool m_byVotes = false;
    bool m_stale = true;        // a new synthesis: the pointers below point into the old one
    bool m_outOfOrder = false;  // the shown order is not the synthesis' own: offer to sort
    const MenuHarvest* m_arrangedMenu = nullptr;
    std::vector<const ThemeSummary*> m_report;
    std::vector<const ThemeSummary*> m_other;
};

}  // namespace worldcafe::gui
