#include "seating_panel.hpp"

#include <imgui.h>

#include <string>

#include "i18n.hpp"
#include "live_state.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

namespace {

void drawPeople(const TableSeating* seating) {
    if (!seating) {
        ImGui::TextDisabled("—");
        return;
    }
    std::string guests;
    for (const Participant* guest : seating->guests) guests += (guests.empty() ? "" : ", ") + guest->name;
    if (seating->host) {
        ImGui::TextUnformatted(seating->host->name.c_str());
        ImGui::SameLine(0.0f, em(0.3f));
        ImGui::TextDisabled("%s", tr("console.host_mark"));
    }
    if (guests.empty()) {
        if (!seating->host) ImGui::TextDisabled("%s", tr("console.nobody"));
        return;
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(guests.c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace

void SeatingPanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    const TimerState state = context.timer ? context.timer->state(session) : timerStateAt(session, 0);
    const LiveRounds rounds = liveRounds(session, state);
    if (session.tables.empty()) {
        emptyState(tr("console.no_tables"));
        return;
    }
    const std::vector<TableSeating> now = seatingOf(session, rounds.now);
    const std::vector<TableSeating> next =
        rounds.next != kNoRound ? seatingOf(session, rounds.next) : std::vector<TableSeating>{};
    if (now.empty() && next.empty()) emptyState(tr("console.no_plan"));

    const int columns = rounds.next != kNoRound ? 3 : 2;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_PadOuterX | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##seating", columns, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("console.table"), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    const std::string nowLabel = trf("console.seated_now", {std::to_string(rounds.now)});
    ImGui::TableSetupColumn(nowLabel.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    std::string nextLabel;
    if (columns == 3) {
        nextLabel = trf("console.seated_next", {std::to_string(rounds.next)});
        ImGui::TableSetupColumn(nextLabel.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < session.tables.size(); ++i) {
        const Table& table = session.tables[i];
        const Menu* menu = session.findMenu(table.menu);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        // The colour as a swatch and the menu's name in words: colour alone would fail some readers.
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float swatch = em(0.9f);
        ImGui::GetWindowDrawList()->AddRectFilled(
            {pos.x, pos.y + em(0.12f)}, {pos.x + swatch, pos.y + em(0.12f) + swatch},
            menu ? colourFromRgb(menu->colour) : ImGui::GetColorU32(ImGuiCol_FrameBg), em(0.15f));
        ImGui::Dummy({swatch, swatch});
        ImGui::SameLine();
        ImGui::TextUnformatted(trf("common.table_n", {std::to_string(table.number)}).c_str());
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", menu ? menu->title.c_str() : tr("tables.no_menu"));
        ImGui::PopTextWrapPos();
        ImGui::TableNextColumn();
        drawPeople(i < now.size() ? &now[i] : nullptr);
        if (columns == 3) {
            ImGui::TableNextColumn();
            drawPeople(i < next.size() ? &next[i] : nullptr);
        }
    }
    ImGui::EndTable();
}

}  // namespace worldcafe::gui
