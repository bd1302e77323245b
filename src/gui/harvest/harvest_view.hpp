#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export_panel.hpp"
#include "harvest_support.hpp"
#include "notes_chart_panel.hpp"
#include "panel.hpp"
#include "theme_list_panel.hpp"
#include "workspace.hpp"
#include "worldcafe/harvest.hpp"
#include "worldcafe/report.hpp"

namespace worldcafe::gui {

// After the last round, the organiser turns the notes into findings: pick a menu, read its themes (from the hosts'
// tags and from similar wording), rename, merge, split and highlight them, move notes, count dot votes, and export
// the report. Every edit is an action; the synthesis is recomputed when the session's revision changes.
class HarvestView final : public Workspace {
public:
    const char* name() const override { return "harvest"; }
    const char* titleKey() const override { return "workspace.harvest"; }
    void draw(const PanelContext& context) override;
    // "harvest/2": the second menu (for screenshots of a menu other than the first).
    bool selectPart(std::string_view part) override;
    void rememberIn(Settings& settings) const override { settings.themesByVotes = m_themes.orderedByVotes(); }
    void restoreFrom(const Settings& settings) override { m_themes.setOrderedByVotes(settings.themesByVotes); }

    void selectMenu(std::size_t index) {
        m_menuIndex = index;
        m_menuChosen = true;
    }
    std::size_t selectedMenu() const { return m_menuIndex; }

    const Synthesis& synthesis() const { return m_synthesis; }
    ThemeListPanel& themes() { return m_themes; }

private:
    void refresh(const PanelContext& context);
    void drawSidebar(const PanelContext& context);
    void drawMenuSelector(const PanelContext& context);
    void drawMenuHeader(const PanelContext& context, const MenuHarvest& harvest);

    Synthesis m_synthesis;
    std::uint64_t m_revision = UINT64_MAX;
    const Session* m_session = nullptr;
    std::size_t m_menuIndex = 0;
    int m_lastDrawnFrame = -2;
    bool m_menuChosen = false;  // until the organiser picks one, the view opens on the first menu with notes
    HarvestEdits m_edits;
    ThemeListPanel m_themes;
    NotesChartPanel m_chart;
    ExportPanel m_export;
};

}  // namespace worldcafe::gui
