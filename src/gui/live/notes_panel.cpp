#include "notes_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "i18n.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

void NotesPanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    if (session.notes.empty()) {
        emptyState(tr("console.notes_empty"));
        return;
    }
    for (const Table& table : session.tables) {
        std::vector<const Note*> notes;
        for (const Note& note : session.notes)
            if (note.table == table.number) notes.push_back(&note);
        if (notes.empty()) continue;
        std::sort(notes.begin(), notes.end(), [](const Note* a, const Note* b) {
            return std::max(a->created, a->edited) > std::max(b->created, b->edited);
        });
        const Menu* menu = session.findMenu(table.menu);
        ImGui::PushID(table.number);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float swatch = em(0.8f);
        ImGui::GetWindowDrawList()->AddRectFilled(
            {pos.x, pos.y + em(0.15f)}, {pos.x + swatch, pos.y + em(0.15f) + swatch},
            menu ? colourFromRgb(menu->colour) : ImGui::GetColorU32(ImGuiCol_FrameBg), em(0.15f));
        ImGui::Dummy({swatch, swatch});
        ImGui::SameLine();
        std::string heading = trf("common.table_n", {std::to_string(table.number)});
        if (menu) heading += " · " + menu->title;
        ImGui::TextUnformatted(heading.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", trf("console.note_count", {std::to_string(notes.size())}).c_str());
        ImGui::Indent(em(1.2f));
        ImGui::PushTextWrapPos(0.0f);
        for (std::size_t i = 0; i < notes.size() && i < static_cast<std::size_t>(kPerTable); ++i) {
            const Note& note = *notes[i];
            std::string line = (note.starred ? "★ " : "") + note.text;
            ImGui::TextUnformatted(line.c_str());
            std::string details = trf("common.round_n", {std::to_string(note.round)});
            if (!note.author.empty()) details += " · " + note.author;
            for (const std::string& tag : note.tags) details += "  #" + tag;
            ImGui::TextDisabled("%s", details.c_str());
        }
        ImGui::PopTextWrapPos();
        ImGui::Unindent(em(1.2f));
        ImGui::Spacing();
        ImGui::PopID();
    }
}

}  // namespace worldcafe::gui
