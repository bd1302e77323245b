#include "event_panel.hpp"

#include <imgui.h>

#include "i18n.hpp"
#include "rounds_panel.hpp"
#include "worldcafe/validation.hpp"

namespace worldcafe::gui {

void EventPanel::draw(const PanelContext& context) {
    const Event& event = context.session.event;
    Event edited = event;
    bool changed = false;

    ImGui::BeginDisabled(context.readOnly);
    if (beginForm("##event_form")) {
        formRow("event.title");
        changed |= m_edits.text("##title", event.title, edited.title, tr("event.title.hint"));
        formRow("event.date");
        changed |= m_edits.text("##date", event.date, edited.date, tr("event.date.hint"));
        if (!event.date.empty() && !isIsoDate(event.date)) {
            ImGui::SameLine();
            ImGui::TextColored(kWarningColour, "%s", tr("event.date.not_iso"));
        }
        formRow("event.venue");
        changed |= m_edits.text("##venue", event.venue, edited.venue, tr("event.venue.hint"));
        formRow("event.organiser");
        changed |= m_edits.text("##organiser", event.organiser, edited.organiser, tr("event.organiser.hint"));

        formRow("event.language");
        const LanguageInfo* current = nullptr;
        for (const LanguageInfo& language : supportedLanguages())
            if (event.language == language.code) current = &language;
        if (ImGui::BeginCombo("##language", current ? current->nativeName : event.language.c_str())) {
            for (const LanguageInfo& language : supportedLanguages()) {
                if (ImGui::Selectable(language.nativeName, current == &language) && event.language != language.code) {
                    edited.language = language.code;
                    changed = true;
                }
            }
            ImGui::EndCombo();
        }
        recordItem("##language");
        helpMarker(tr("event.language.help"));
        endForm();
    }
    ImGui::EndDisabled();

    if (changed && edited != event) context.out.emit(SetEvent{edited});

    drawOverview(context.session);
}

void EventPanel::drawOverview(const Session& session) {
    subHeading("event.overview.menus");
    if (session.menus.empty()) emptyState(tr("menus.empty"));
    for (const Menu& menu : session.menus) {
        ImGui::PushID(static_cast<int>(menu.id));
        ImGui::ColorButton(
            "##colour", colourVecFromRgb(menu.colour),
            ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoPicker | ImGuiColorEditFlags_NoDragDrop,
            {em(1.0f), em(1.0f)});
        ImGui::SameLine();
        ImGui::TextUnformatted(menu.title.c_str());
        std::string tables;
        int tableCount = 0;
        for (const Table& table : session.tables) {
            if (table.menu != menu.id) continue;
            tables += (tables.empty() ? "" : ", ") + std::to_string(table.number);
            ++tableCount;
        }
        ImGui::SameLine();
        if (tables.empty())
            ImGui::TextColored(kWarningColour, "%s", tr("menus.no_tables"));
        else
            ImGui::TextDisabled(
                "%s", trf(tableCount == 1 ? "event.overview.table" : "event.overview.tables", {tables}).c_str());
        if (!menu.question.empty()) {
            ImGui::Indent(em(1.0f) + ImGui::GetStyle().ItemSpacing.x);
            ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(44.0f));
            ImGui::TextWrapped("%s", menu.question.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
            ImGui::Unindent(em(1.0f) + ImGui::GetStyle().ItemSpacing.x);
        }
        ImGui::Spacing();
        ImGui::PopID();
    }

    subHeading("event.overview.schedule");
    RoundsPanel::drawSchedule(session.rounds);
}

}  // namespace worldcafe::gui
