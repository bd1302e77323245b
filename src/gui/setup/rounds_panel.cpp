#include "rounds_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "i18n.hpp"

namespace worldcafe::gui {

int RoundsPanel::totalMinutes(const RoundSettings& rounds) {
    return rounds.count * rounds.talkMinutes +
           std::max(rounds.count - 1, 0) * (rounds.moveMinutes + rounds.roundHarvestMinutes) + rounds.harvestMinutes;
}

void RoundsPanel::drawSchedule(const RoundSettings& rounds) {
    const int total = totalMinutes(rounds);
    const float width = std::min(ImGui::GetContentRegionAvail().x, em(48.0f));
    const float height = em(2.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy({width, height + ImGui::GetTextLineHeightWithSpacing()});
    if (total <= 0 || width <= 0.0f) return;

    ImDrawList* drawList = ImGui::GetWindowDrawList();
    const float perMinute = width / static_cast<float>(total);
    const ImU32 talk = colourFromRgb(0x3D7DCA);
    const ImU32 move = colourFromRgb(0x4A4F58);
    const ImU32 harvest = colourFromRgb(0x2E9E6B);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    float x = origin.x;
    auto segment = [&](int minutes, ImU32 colour, const std::string& label) {
        if (minutes <= 0) return;
        float right = x + perMinute * static_cast<float>(minutes);
        drawList->AddRectFilled({x + 1.0f, origin.y}, {right - 1.0f, origin.y + height}, colour, em(0.2f));
        ImVec2 size = ImGui::CalcTextSize(label.c_str());
        if (!label.empty() && size.x + em(0.6f) < right - x)
            drawList->AddText({(x + right - size.x) * 0.5f, origin.y + (height - size.y) * 0.5f}, text, label.c_str());
        x = right;
    };
    for (int round = 1; round <= rounds.count; ++round) {
        segment(rounds.talkMinutes, talk, trf("common.round_n", {std::to_string(round)}));
        if (round == rounds.count) break;
        segment(rounds.roundHarvestMinutes, harvest, {});
        segment(rounds.moveMinutes, move, {});
    }
    segment(rounds.harvestMinutes, harvest, tr("rounds.harvest_short"));

    const ImU32 muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const float labelY = origin.y + height + ImGui::GetStyle().ItemSpacing.y * 0.5f;
    drawList->AddText({origin.x, labelY}, muted, "0");
    std::string end = trf("rounds.minutes", {std::to_string(total)});
    drawList->AddText({origin.x + width - ImGui::CalcTextSize(end.c_str()).x, labelY}, muted, end.c_str());
}

void RoundsPanel::draw(const PanelContext& context) {
    const RoundSettings& rounds = context.session.rounds;
    RoundSettings edited = rounds;
    bool changed = false;

    ImGui::BeginDisabled(context.readOnly);
    if (beginForm("##rounds_form", 12.0f)) {
        auto row = [&](const char* key, const char* id, int value, int& target, int min, int max) {
            formRow(key);
            ImGui::SetNextItemWidth(em(9.0f));
            changed |= m_edits.integer(id, value, target, min, max);
        };
        row("rounds.count", "##count", rounds.count, edited.count, 1, 12);
        row("rounds.talk", "##talk", rounds.talkMinutes, edited.talkMinutes, 0, 180);
        row("rounds.move", "##move", rounds.moveMinutes, edited.moveMinutes, 0, 60);
        row("rounds.harvest", "##harvest", rounds.harvestMinutes, edited.harvestMinutes, 0, 180);
        row("rounds.round_harvest", "##round_harvest", rounds.roundHarvestMinutes, edited.roundHarvestMinutes, 0, 60);
        endForm();
    }
    ImGui::EndDisabled();

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    int total = totalMinutes(rounds);
    ImGui::TextUnformatted(
        trf("rounds.total", {std::to_string(total / 60), std::to_string(total % 60), std::to_string(total)}).c_str());
    ImGui::TextDisabled(
        "%s", trf("rounds.breakdown", {std::to_string(rounds.count), std::to_string(rounds.talkMinutes),
                                       std::to_string(std::max(rounds.count - 1, 0)),
                                       std::to_string(rounds.moveMinutes), std::to_string(rounds.harvestMinutes)})
                  .c_str());
    if (rounds.roundHarvestMinutes > 0 && rounds.count > 1)
        ImGui::TextDisabled("%s", trf("rounds.round_harvest_breakdown", {std::to_string(rounds.count - 1),
                                                                         std::to_string(rounds.roundHarvestMinutes)})
                                      .c_str());
    ImGui::Spacing();
    drawSchedule(rounds);

    if (changed && edited != rounds) context.out.emit(SetRoundSettings{edited});
}

}  // namespace worldcafe::gui
