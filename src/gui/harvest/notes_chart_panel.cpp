#include "notes_chart_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "harvest_support.hpp"
#include "i18n.hpp"
#include "widgets.hpp"
#include "worldcafe/report.hpp"

namespace worldcafe::gui {

namespace {

int countAt(const MenuHarvest& harvest, int round) {
    return round < static_cast<int>(harvest.notesPerRound.size())
               ? harvest.notesPerRound[static_cast<std::size_t>(round)]
               : 0;
}

}  // namespace

std::optional<std::size_t> NotesChartPanel::draw(const Session& session, const Synthesis& synthesis,
                                                 std::size_t selected) {
    if (synthesis.noteCount == 0 || synthesis.menus.empty()) {
        emptyState(tr("harvest.chart.empty"));
        return std::nullopt;
    }
    const int menus = static_cast<int>(synthesis.menus.size());
    const int rounds = std::max(1, synthesis.roundCount);
    const auto [step, top] = notesChartScale(synthesis);

    const float line = ImGui::GetTextLineHeight();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x, em(8.0f));
    const float height = em(10.0f);
    ImGui::InvisibleButton("##chart", {width, height});
    recordItem("##chart");
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked();

    // Room for the tick labels on the left, a count above the tallest bar, round numbers and menu labels below.
    const float left = origin.x + ImGui::CalcTextSize(std::to_string(top).c_str()).x + em(0.5f);
    const float right = origin.x + width - em(0.2f);
    const float upper = origin.y + line + em(0.2f);
    const float baseline = origin.y + height - line * 2.0f - em(0.4f);
    auto y = [&](int value) { return baseline - (baseline - upper) * static_cast<float>(value) / top; };

    ImDrawList* drawList = ImGui::GetWindowDrawList();
    const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border, 0.6f);
    const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (int tick = 0; tick <= top; tick += step) {
        drawList->AddLine({left, y(tick)}, {right, y(tick)}, tick == 0 ? axis : grid);
        const std::string label = std::to_string(tick);
        const float labelWidth = ImGui::CalcTextSize(label.c_str()).x;
        drawList->AddText({left - em(0.3f) - labelWidth, y(tick) - line * 0.5f}, muted, label.c_str());
    }

    const float groupWidth = (right - left) / static_cast<float>(menus);
    const float barWidth = std::min(em(1.6f), groupWidth * 0.8f / static_cast<float>(rounds));
    // Menu labels: "Menu 1" while it fits under its group, else the number alone.
    bool longLabels = true;
    for (std::size_t m = 0; m < synthesis.menus.size(); ++m)
        if (ImGui::CalcTextSize(menuNumberLabel(synthesis.menus[m], m).c_str()).x > groupWidth * 0.95f)
            longLabels = false;

    std::optional<std::size_t> hoveredMenu;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (int m = 0; m < menus; ++m) {
        const std::size_t index = static_cast<std::size_t>(m);
        const MenuHarvest& harvest = synthesis.menus[index];
        const float groupLeft = left + groupWidth * static_cast<float>(m);
        if (hovered && mouse.x >= groupLeft && mouse.x < groupLeft + groupWidth) hoveredMenu = index;
        if (index == selected || hoveredMenu == index)
            drawList->AddRectFilled({groupLeft + 1.0f, upper - em(0.2f)}, {groupLeft + groupWidth - 1.0f, baseline},
                                    ImGui::GetColorU32(ImGuiCol_Header, index == selected ? 0.45f : 0.25f),
                                    em(0.2f));
        const std::uint32_t rgb = menuColour(session, harvest);
        const float barsLeft = groupLeft + (groupWidth - barWidth * static_cast<float>(rounds)) * 0.5f;
        for (int r = 0; r < rounds; ++r) {
            const int count = countAt(harvest, r);
            const float x = barsLeft + barWidth * static_cast<float>(r);
            const float alpha = rounds == 1 ? 1.0f : 1.0f - 0.55f * static_cast<float>(r) / (rounds - 1);
            if (count > 0) {
                drawList->AddRectFilled({x + 1.0f, y(count)}, {x + barWidth - 1.0f, baseline},
                                        colourFromRgb(rgb, alpha));
                const std::string label = std::to_string(count);
                const float labelWidth = ImGui::CalcTextSize(label.c_str()).x;
                if (labelWidth <= barWidth + em(0.2f))
                    drawList->AddText({x + (barWidth - labelWidth) * 0.5f, y(count) - line},
                                      ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
            }
            const std::string round = std::to_string(r + 1);
            const float roundWidth = ImGui::CalcTextSize(round.c_str()).x;
            if (roundWidth <= barWidth) drawList->AddText({x + (barWidth - roundWidth) * 0.5f, baseline + em(0.1f)},
                                                          muted, round.c_str());
        }
        const std::string label = longLabels ? menuNumberLabel(harvest, index) : std::to_string(m + 1);
        const float labelWidth = ImGui::CalcTextSize(label.c_str()).x;
        // The menu's colour lightened: dark palette colours (blue) would be hard to read on the dark background.
        ImVec4 tint = colourVecFromRgb(rgb);
        tint = {tint.x + (1.0f - tint.x) * 0.35f, tint.y + (1.0f - tint.y) * 0.35f, tint.z + (1.0f - tint.z) * 0.35f,
                1.0f};
        drawList->AddText({groupLeft + (groupWidth - labelWidth) * 0.5f, baseline + line + em(0.3f)},
                          ImGui::ColorConvertFloat4ToU32(tint), label.c_str());
    }

    if (hoveredMenu) {
        const MenuHarvest& harvest = synthesis.menus[*hoveredMenu];
        ImGui::BeginTooltip();
        ImGui::TextUnformatted((menuNumberLabel(harvest, *hoveredMenu) + " · " + menuTitle(session, harvest)).c_str());
        for (int r = 0; r < rounds; ++r)
            ImGui::TextDisabled("%s", (trf("common.round_n", {std::to_string(r + 1)}) + ": " +
                                       notesLabel(countAt(harvest, r)))
                                          .c_str());
        ImGui::EndTooltip();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
    ImGui::TextWrapped("%s", tr("harvest.chart.legend"));
    ImGui::PopStyleColor();
    if (clicked && hoveredMenu) return hoveredMenu;
    return std::nullopt;
}

}  // namespace worldcafe::gui
