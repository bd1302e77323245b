#include "tables_panel.hpp"

#include <imgui.h>

#include <string>

#include "emit_edit.hpp"
#include "i18n.hpp"
#include "participant_combo.hpp"
#include "worldcafe/edit_rules.hpp"

namespace worldcafe::gui {

namespace {

void swatch(std::uint32_t rgb) {
    ImGui::ColorButton("##swatch", colourVecFromRgb(rgb),
                       ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoPicker | ImGuiColorEditFlags_NoDragDrop,
                       {em(0.9f), em(0.9f)});
}

MenuId suggestedMenu(const Session& session) {
    // The menu discussed at the fewest tables, so adding tables spreads the questions evenly.
    MenuId best = kNoMenu;
    std::size_t fewest = SIZE_MAX;
    for (const Menu& menu : session.menus) {
        std::size_t uses = 0;
        for (const Table& table : session.tables) uses += table.menu == menu.id ? 1 : 0;
        if (uses < fewest) {
            fewest = uses;
            best = menu.id;
        }
    }
    return best;
}

}  // namespace

std::string tablesSummary(const Session& session) {
    long long seats = 0;
    for (const Table& table : session.tables) seats += table.capacity;
    return trf("tables.summary",
               {trCount(static_cast<long long>(session.tables.size()), "setup.count.tables.one",
                        "setup.count.tables.other"),
                trCount(seats, "tables.summary.seats.one", "tables.summary.seats.other"),
                trCount(static_cast<long long>(session.participants.size()), "setup.count.participants.one",
                        "setup.count.participants.other")});
}

void TablesPanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    ImGui::BeginDisabled(context.readOnly);
    if (actionButton("tables.add")) {
        Table table;
        table.number = session.nextTableNumber();
        table.menu = suggestedMenu(session);
        if (!session.tables.empty()) table.capacity = session.tables.back().capacity;
        context.out.emit(Put<Table>{table});
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tablesSummary(session).c_str());

    if (session.tables.empty()) {
        emptyState(tr("tables.empty"));
        return;
    }

    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_PadOuterX | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##tables", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("tables.number"), ImGuiTableColumnFlags_WidthFixed, em(4.5f));
    ImGui::TableSetupColumn(tr("tables.menu"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("tables.capacity"), ImGuiTableColumnFlags_WidthFixed, em(7.5f));
    ImGui::TableSetupColumn(tr("tables.host"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed, em(2.0f));
    ImGui::TableHeadersRow();
    pushCellStyle();
    for (const Table& table : session.tables) drawRow(context, table);
    popCellStyle();
    ImGui::EndTable();
}

void TablesPanel::drawRow(const PanelContext& context, const Table& table) {
    const Session& session = context.session;
    ImGui::PushID(table.number);
    ImGui::TableNextRow();
    ImGui::BeginDisabled(context.readOnly);

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    int number = table.number;
    if (m_edits.integer("##number", table.number, number, 1, 999, 0)) {
        if (session.findTable(number)) {
            context.out.notify(NoticeKind::Warning, trf("tables.number_taken", {std::to_string(number)}));
        } else {
            emitEdit(context.out, [&] { return renumberTable(session, table.number, number); });
        }
    }

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    const Menu* menu = session.findMenu(table.menu);
    if (!menu) ImGui::PushStyleColor(ImGuiCol_Text, kWarningColour);
    if (menu) {
        // The swatch sits inside the combo's frame, drawn over its left padding.
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                            {ImGui::GetStyle().FramePadding.x + em(1.4f), ImGui::GetStyle().FramePadding.y});
    }
    bool open = ImGui::BeginCombo("##menu", menu ? menu->title.c_str() : tr("tables.no_menu"));
    if (!menu) ImGui::PopStyleColor();
    if (menu) {
        ImGui::PopStyleVar();
        ImVec2 min = ImGui::GetItemRectMin();
        float size = em(0.9f);
        float top = min.y + (ImGui::GetItemRectSize().y - size) * 0.5f;
        ImGui::GetWindowDrawList()->AddRectFilled({min.x + em(0.4f), top}, {min.x + em(0.4f) + size, top + size},
                                                  colourFromRgb(menu->colour), em(0.15f));
    }
    recordItem("##menu");
    if (menu && !open && ImGui::IsItemHovered() && !menu->question.empty()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em(30.0f));
        ImGui::TextUnformatted(menu->question.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    if (open) {
        if (ImGui::Selectable(tr("tables.no_menu"), table.menu == kNoMenu) && table.menu != kNoMenu) {
            Table edited = table;
            edited.menu = kNoMenu;
            context.out.emit(Put<Table>{edited});
        }
        for (const Menu& candidate : session.menus) {
            ImGui::PushID(static_cast<int>(candidate.id));
            swatch(candidate.colour);
            ImGui::SameLine();
            if (ImGui::Selectable(candidate.title.c_str(), candidate.id == table.menu) && candidate.id != table.menu) {
                Table edited = table;
                edited.menu = candidate.id;
                context.out.emit(Put<Table>{edited});
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    int capacity = table.capacity;
    if (m_edits.integer("##capacity", table.capacity, capacity, 1, 99)) {
        Table edited = table;
        edited.capacity = capacity;
        context.out.emit(Put<Table>{edited});
    }

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    const Participant* host = session.hostOf(table.number);
    if (!host) ImGui::PushStyleColor(ImGuiCol_Text, kWarningColour);
    ParticipantId picked = 0;
    bool pickedHost =
        participantCombo("##host", session, host ? host->id : 0, picked, "tables.no_host", "tables.no_host");
    if (!host) ImGui::PopStyleColor();
    if (pickedHost && picked != (host ? host->id : 0)) {
        emitEdit(context.out, [&] { return assignHost(session, table.number, picked); });
    }

    ImGui::TableNextColumn();
    if (removeButton("remove", tr("tables.remove"))) {
        emitEdit(context.out, [&] { return removeTable(session, table.number); });
    }

    ImGui::EndDisabled();
    ImGui::PopID();
}

}  // namespace worldcafe::gui
