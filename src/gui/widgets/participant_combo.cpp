#include "participant_combo.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "i18n.hpp"
#include "widgets.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::gui {

std::string participantLabel(const Participant& participant) {
    if (participant.affiliation.empty()) return participant.name;
    return participant.name + " (" + participant.affiliation + ")";
}

bool participantCombo(const char* id, const Session& session, ParticipantId current, ParticipantId& picked,
                      const char* noneKey, const char* placeholderKey) {
    // Only one combo popup is open at a time, so one search text serves them all.
    static std::string filter;
    const Participant* selected = session.findParticipant(current);
    // The closed combo shows the name only: in a narrow column the affiliation would push it out of sight.
    std::string preview = selected       ? selected->name
                          : current == 0 ? (placeholderKey ? tr(placeholderKey)
                                            : noneKey      ? tr(noneKey)
                                                           : "")
                                         : "#" + std::to_string(current);
    bool changed = false;
    ImGui::SetNextWindowSizeConstraints({0.0f, 0.0f}, {FLT_MAX, em(22.0f)});
    bool open = ImGui::BeginCombo(id, preview.c_str());
    recordItem(id);
    if (!open) return false;
    if (ImGui::IsWindowAppearing()) {
        filter.clear();
        ImGui::SetKeyboardFocusHere();
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    // Enter with a single match takes it: type a few letters of a name, press Enter, done.
    const bool enter =
        ImGui::InputTextWithHint("##filter", tr("common.search"), &filter, ImGuiInputTextFlags_EnterReturnsTrue);
    recordItem("##filter");
    std::string folded = foldForSearch(filter);
    if (enter && !folded.empty()) {
        const Participant* only = nullptr;
        int matches = 0;
        for (const Participant& participant : session.participants)
            if (foldForSearch(participant.name).find(folded) != std::string::npos ||
                foldForSearch(participant.affiliation).find(folded) != std::string::npos) {
                only = &participant;
                ++matches;
            }
        if (matches == 1) {
            picked = only->id;
            ImGui::CloseCurrentPopup();
            ImGui::EndCombo();
            return true;
        }
    }
    // Enter released the field; with no single match the typing goes on there.
    if (enter) ImGui::SetKeyboardFocusHere(-1);
    if (noneKey && folded.empty() && ImGui::Selectable(tr(noneKey), current == 0)) {
        picked = 0;
        changed = true;
    }
    for (const Participant& participant : session.participants) {
        if (!folded.empty() && foldForSearch(participant.name).find(folded) == std::string::npos &&
            foldForSearch(participant.affiliation).find(folded) == std::string::npos)
            continue;
        ImGui::PushID(static_cast<int>(participant.id));
        if (ImGui::Selectable(participantLabel(participant).c_str(), participant.id == current)) {
            picked = participant.id;
            changed = true;
        }
        ImGui::PopID();
    }
    ImGui::EndCombo();
    return changed;
}

}  // namespace worldcafe::gui
