#include "menus_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

#include "emit_edit.hpp"
#include "i18n.hpp"
#include "worldcafe/edit_rules.hpp"

namespace worldcafe::gui {

namespace {

std::uint32_t rgbFromFloats(const float colour[3]) {
    auto channel = [](float value) {
        return static_cast<std::uint32_t>(std::lround(std::clamp(value, 0.0f, 1.0f) * 255.0f));
    };
    return (channel(colour[0]) << 16) | (channel(colour[1]) << 8) | channel(colour[2]);
}

std::string tablesUsing(const Session& session, MenuId menu) {
    std::string list;
    for (const Table& table : session.tables) {
        if (table.menu != menu) continue;
        if (!list.empty()) list += ", ";
        list += std::to_string(table.number);
    }
    return list;
}

}  // namespace

std::uint32_t MenusPanel::paletteColour(std::size_t index) {
    static constexpr std::uint32_t palette[] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                                0x0072B2, 0xD55E00, 0xCC79A7, 0x999999};
    return palette[index % std::size(palette)];
}

void MenusPanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    ImGui::BeginDisabled(context.readOnly);
    if (actionButton("menus.add")) {
        Menu menu;
        menu.id = session.nextMenuId();
        menu.title = trf("menus.new_title", {std::to_string(session.menus.size() + 1)});
        menu.colour = paletteColour(session.menus.size());
        context.out.emit(Put<Menu>{menu});
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("menus.help"));

    if (session.menus.empty()) {
        emptyState(tr("menus.empty"));
        return;
    }

    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_PadOuterX | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##menus", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("menus.colour"), ImGuiTableColumnFlags_WidthFixed, em(4.0f));
    ImGui::TableSetupColumn(tr("menus.title"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("menus.question"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(tr("menus.tables"), ImGuiTableColumnFlags_WidthFixed, em(6.0f));
    ImGui::TableSetupColumn("##order", ImGuiTableColumnFlags_WidthFixed, em(5.0f));
    ImGui::TableHeadersRow();
    pushCellStyle();
    for (std::size_t i = 0; i < session.menus.size(); ++i) drawRow(context, session.menus[i], static_cast<int>(i));
    popCellStyle();
    ImGui::EndTable();
}

void MenusPanel::drawRow(const PanelContext& context, const Menu& menu, int index) {
    const Session& session = context.session;
    ImGui::PushID(static_cast<int>(menu.id));
    ImGui::TableNextRow();
    Menu edited = menu;
    bool changed = false;

    ImGui::BeginDisabled(context.readOnly);
    ImGui::TableNextColumn();
    auto pending = m_pendingColours.find(menu.id);
    std::uint32_t shown = pending != m_pendingColours.end() ? pending->second : menu.colour;
    ImVec4 colour = colourVecFromRgb(shown);
    float rgb[3] = {colour.x, colour.y, colour.z};
    if (ImGui::ColorEdit3("##colour", rgb, ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel))
        m_pendingColours[menu.id] = rgbFromFloats(rgb);
    recordItem("##colour");
    if (pending = m_pendingColours.find(menu.id); pending != m_pendingColours.end() && !ImGui::IsAnyItemActive()) {
        if (pending->second != menu.colour) {
            edited.colour = pending->second;
            changed = true;
        }
        m_pendingColours.erase(pending);
    }

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (m_edits.text("##title", menu.title, edited.title, tr("menus.title.hint"))) {
        if (edited.title.empty()) {
            context.out.notify(NoticeKind::Warning, tr("menus.title.required"));
            edited.title = menu.title;
        } else {
            changed = true;
        }
    }

    ImGui::TableNextColumn();
    if (m_editingQuestion == menu.id) {
        if (m_questionFramesToActivate > 0) ImGui::SetKeyboardFocusHere();
        const float wrap = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().FramePadding.x * 2.0f;
        float height = std::max(ImGui::CalcTextSize(menu.question.c_str(), nullptr, false, wrap).y +
                                    ImGui::GetTextLineHeight() * 2.0f,
                                ImGui::GetTextLineHeight() * 4.0f) +
                       ImGui::GetStyle().FramePadding.y * 2.0f;
        changed |= m_edits.multiline("##question", menu.question, edited.question, {-FLT_MIN, height});
        if (ImGui::IsItemActive())
            m_questionFramesToActivate = 0;
        else if (m_questionFramesToActivate == 0 || --m_questionFramesToActivate == 0)
            m_editingQuestion = kNoMenu;
    } else if (wrappedTextButton("##question", menu.question, tr("menus.question.hint"))) {
        m_editingQuestion = menu.id;
        // Focus set from code takes effect over the next frames; until then the field is not yet active.
        m_questionFramesToActivate = 3;
    }
    ImGui::EndDisabled();

    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    std::string tables = tablesUsing(session, menu.id);
    if (tables.empty())
        ImGui::TextColored(kWarningColour, "%s", tr("menus.no_tables"));
    else
        ImGui::TextWrapped("%s", tables.c_str());

    ImGui::TableNextColumn();
    ImGui::BeginDisabled(context.readOnly);
    const int last = static_cast<int>(session.menus.size()) - 1;
    ImGui::BeginDisabled(index == 0);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up))
        context.out.emit(Batch{"move menu", {Remove<Menu>{menu.id}, Put<Menu>{menu, index - 1}}});
    ImGui::EndDisabled();
    recordItem("##up");
    ImGui::SameLine(0.0f, em(0.2f));
    ImGui::BeginDisabled(index == last);
    if (ImGui::ArrowButton("##down", ImGuiDir_Down))
        context.out.emit(Batch{"move menu", {Remove<Menu>{menu.id}, Put<Menu>{menu, index + 1}}});
    ImGui::EndDisabled();
    recordItem("##down");
    ImGui::SameLine(0.0f, em(0.2f));
    if (removeButton("remove", tr("menus.remove"))) {
        emitEdit(context.out, [&] { return removeMenu(session, menu.id); });
    }
    ImGui::EndDisabled();

    if (changed && edited != menu) context.out.emit(Put<Menu>{edited});
    ImGui::PopID();
}

}  // namespace worldcafe::gui
