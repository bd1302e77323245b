#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "event_panel.hpp"
#include "menus_panel.hpp"
#include "panel.hpp"
#include "participants_panel.hpp"
#include "problems_panel.hpp"
#include "rounds_panel.hpp"
#include "rules_panel.hpp"
#include "tables_panel.hpp"
#include "workspace.hpp"

namespace worldcafe::gui {

enum class SetupTab { Event, Menus, Tables, Participants, Rules, Rounds };

// Everything to prepare before the café starts, one tab per part of the session, with the checks beside them.
// The header's "3 menus · 4 tables · 22 participants · 3 rounds", with the singular where a count is 1.
std::string setupCounts(const Session& session);

class SetupView final : public Workspace {
public:
    const char* name() const override { return "setup"; }
    const char* titleKey() const override { return "workspace.setup"; }
    void draw(const PanelContext& context) override;
    std::vector<std::string> parts() const override;
    bool selectPart(std::string_view part) override;

    void selectTab(SetupTab tab) { m_selectRequest = tab; }
    SetupTab currentTab() const { return m_current; }
    // The File menu's import: show the participants and open their CSV picker.
    void requestImport(const std::filesystem::path& folder);
    bool startImport(const std::filesystem::path& folder) override {
        requestImport(folder);
        return true;
    }

    ParticipantsPanel& participants() { return m_participants; }
    const ProblemsPanel& problems() const { return m_problems; }

    // Stable English names for the command line and screenshots ("participants").
    static const char* tabName(SetupTab tab);
    static std::optional<SetupTab> tabFromName(std::string_view name);
    static constexpr SetupTab kTabs[] = {SetupTab::Event,        SetupTab::Menus, SetupTab::Tables,
                                         SetupTab::Participants, SetupTab::Rules, SetupTab::Rounds};

private:
    void drawHeader(const Session& session);
    void drawTabs(const PanelContext& context);

    EventPanel m_event;
    MenusPanel m_menus;
    TablesPanel m_tables;
    ParticipantsPanel m_participants;
    RulesPanel m_rules;
    RoundsPanel m_rounds;
    ProblemsPanel m_problems;
    std::optional<SetupTab> m_selectRequest;
    SetupTab m_current = SetupTab::Event;
};

}  // namespace worldcafe::gui
