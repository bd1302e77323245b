#include "links_popup.hpp"

#include <imgui.h>

#include <algorithm>
#include <vector>

#include "i18n.hpp"
#include "widgets.hpp"
#include "worldcafe/printables.hpp"

namespace worldcafe::gui {

void LinksPopup::draw(const PanelContext& context) {
    if (context.roomBase.empty()) return;
    if (context.roomBase != m_codesBase) {
        m_codes.clear();
        m_codesBase = context.roomBase;
    }
    if (smallActionButton("console.links")) ImGui::OpenPopup("##room_links");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("console.links_help"));
    if (!ImGui::BeginPopup("##room_links")) return;

    struct Entry {
        std::string label;
        std::string url;
    };
    std::vector<Entry> entries{{tr("console.links_guests"), guestsLinkUrl(context.roomBase)}};
    for (const Table& table : context.session.tables) {
        const std::string number = std::to_string(table.number);
        std::string url = hostLinkUrl(context.roomBase, table);
        entries.push_back({trf(url.empty() ? "console.links_no_token" : "console.links_table", {number}), url});
    }

    // Codes large enough for a phone held at arm's length from the laptop's screen.
    const float side = em(9.0f);
    const float cell = side + ImGui::GetStyle().CellPadding.x * 2.0f + em(0.6f);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const int fit = std::max(1, static_cast<int>((viewport->WorkSize.x * 0.8f) / cell));
    const int columns = std::clamp(static_cast<int>(entries.size()), 1, std::min(fit, 4));
    const float height = std::min(viewport->WorkSize.y * 0.75f, (side + em(4.5f)) * 2.0f);
    if (ImGui::BeginChild("##links_scroll", {cell * static_cast<float>(columns) + em(1.0f), height}, false)) {
        if (ImGui::BeginTable("##links", columns, ImGuiTableFlags_SizingFixedSame)) {
            for (const Entry& entry : entries) {
                ImGui::TableNextColumn();
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
                ImGui::TextUnformatted(entry.label.c_str());
                if (const QrMatrix* code = entry.url.empty() ? nullptr : codeFor(entry.url)) {
                    qrItem(*code, side, entry.url);
                    recordItem("console.link_qr");
                    ImGui::TextDisabled("%s", entry.url.c_str());
                }
                ImGui::PopTextWrapPos();
                ImGui::Spacing();
            }
            ImGui::EndTable();
        }
    }
    ImGui::EndChild();
    if (actionButton("console.links_close")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace worldcafe::gui
