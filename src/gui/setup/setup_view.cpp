#include "setup_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "i18n.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

const char* SetupView::tabName(SetupTab tab) {
    switch (tab) {
        case SetupTab::Event: return "event";
        case SetupTab::Menus: return "menus";
        case SetupTab::Tables: return "tables";
        case SetupTab::Participants: return "participants";
        case SetupTab::Rules: return "rules";
        case SetupTab::Rounds: return "rounds";
    }
    return "event";
}

std::optional<SetupTab> SetupView::tabFromName(std::string_view name) {
    for (SetupTab tab : kTabs)
        if (name == tabName(tab)) return tab;
    return std::nullopt;
}

std::vector<std::string> SetupView::parts() const {
    std::vector<std::string> names;
    for (SetupTab tab : kTabs) names.emplace_back(tabName(tab));
    return names;
}

bool SetupView::selectPart(std::string_view part) {
    auto tab = tabFromName(part);
    if (tab) selectTab(*tab);
    return tab.has_value();
}

std::string setupCounts(const Session& session) {
    auto count = [](std::size_t n, const char* one, const char* other) {
        return trCount(static_cast<long long>(n), one, other);
    };
    return trf("setup.counts",
               {count(session.menus.size(), "setup.count.menus.one", "setup.count.menus.other"),
                count(session.tables.size(), "setup.count.tables.one", "setup.count.tables.other"),
                count(session.participants.size(), "setup.count.participants.one", "setup.count.participants.other"),
                trCount(session.rounds.count, "setup.count.rounds.one", "setup.count.rounds.other")});
}

void SetupView::requestImport(const std::filesystem::path& folder) {
    selectTab(SetupTab::Participants);
    m_participants.requestImport(folder);
}

void SetupView::draw(const PanelContext& context) {
    drawHeader(context.session);

    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float available = ImGui::GetContentRegionAvail().x;
    const float checksWidth = std::clamp(available * 0.22f, em(13.0f), em(24.0f));
    if (ImGui::BeginChild("##setup_main", {available - checksWidth - spacing, 0.0f}, false)) drawTabs(context);
    ImGui::EndChild();
    ImGui::SameLine(0.0f, spacing);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {em(0.8f), em(0.6f)});
    if (ImGui::BeginChild("##checks", {0.0f, 0.0f}, true)) m_problems.draw(context);
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

void SetupView::drawHeader(const Session& session) {
    const Event& event = session.event;
    ImGui::PushFont(headingFont());
    if (event.title.empty())
        ImGui::TextDisabled("%s", tr("setup.untitled"));
    else
        ImGui::TextUnformatted(event.title.c_str());
    ImGui::PopFont();

    std::string details;
    for (const std::string* part : {&event.date, &event.venue, &event.organiser}) {
        if (part->empty()) continue;
        if (!details.empty()) details += "  ·  ";
        details += *part;
    }
    std::string counts = setupCounts(session);
    if (!details.empty()) details += "  ·  ";
    details += counts;
    ImGui::TextDisabled("%s", details.c_str());
    ImGui::Spacing();
}

void SetupView::drawTabs(const PanelContext& context) {
    const Session& session = context.session;
    if (!ImGui::BeginTabBar("##setup_tabs")) return;
    for (SetupTab tab : kTabs) {
        const char* key = "setup.tab.event";
        std::size_t count = 0;
        bool counted = true;
        switch (tab) {
            case SetupTab::Event:
                key = "setup.tab.event";
                counted = false;
                break;
            case SetupTab::Menus:
                key = "setup.tab.menus";
                count = session.menus.size();
                break;
            case SetupTab::Tables:
                key = "setup.tab.tables";
                count = session.tables.size();
                break;
            case SetupTab::Participants:
                key = "setup.tab.participants";
                count = session.participants.size();
                break;
            case SetupTab::Rules:
                key = "setup.tab.rules";
                count = session.rules.size();
                break;
            case SetupTab::Rounds:
                key = "setup.tab.rounds";
                counted = false;
                break;
        }
        std::string label = tr(key);
        if (counted) label += " (" + std::to_string(count) + ")";
        label += std::string("###") + tabName(tab);
        ImGuiTabItemFlags flags = m_selectRequest == tab ? ImGuiTabItemFlags_SetSelected : 0;
        bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
        recordItem(tabName(tab));
        if (!open) continue;
        m_current = tab;
        ImGui::Spacing();
        switch (tab) {
            case SetupTab::Event: m_event.draw(context); break;
            case SetupTab::Menus: m_menus.draw(context); break;
            case SetupTab::Tables: m_tables.draw(context); break;
            case SetupTab::Participants: m_participants.draw(context); break;
            case SetupTab::Rules: m_rules.draw(context); break;
            case SetupTab::Rounds: m_rounds.draw(context); break;
        }
        ImGui::EndTabItem();
    }
    m_selectRequest.reset();
    ImGui::EndTabBar();
}

}  // namespace worldcafe::gui
