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
    ImGui::InputTextWithHint("##filter", tr("common.search"), &filter);
    std::string folded = foldForSearch(filter);
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
