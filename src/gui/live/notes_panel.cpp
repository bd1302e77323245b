#include "notes_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <set>
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
    // Newest first across the room: the facilitator looks for what was just written, wherever it was.
    std::vector<const Note*> notes;
    for (const Note& note : session.notes) notes.push_back(&note);
    const auto latest = [](const Note* note) { return std::max(note->created, note->edited); };
    std::stable_sort(notes.begin(), notes.end(), [&](const Note* a, const Note* b) {
        if (latest(a) != latest(b)) return latest(a) > latest(b);
        return a->id > b->id;
    });
    std::set<TableNumber> tables;
    for (const Note& note : session.notes) tables.insert(note.table);
    const std::size_t total = session.notes.size();
    const std::string count = trf(total == 1 ? "console.note_count_one" : "console.note_count",
                                  {std::to_string(total), std::to_string(tables.size())});
    ImGui::TextDisabled("%s", count.c_str());
    recordItem(count.c_str());
    ImGui::PushTextWrapPos(0.0f);
    for (std::size_t i = 0; i < notes.size() && i < static_cast<std::size_t>(kShown); ++i) {
        const Note& note = *notes[i];
        const Table* table = session.findTable(note.table);
        const Menu* menu = session.findMenu(note.menu ? note.menu : (table ? table->menu : 0));
        ImGui::PushID(static_cast<int>(note.id));
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float swatch = em(0.8f);
        ImGui::GetWindowDrawList()->AddRectFilled(
            {pos.x, pos.y + em(0.15f)}, {pos.x + swatch, pos.y + em(0.15f) + swatch},
            menu ? colourFromRgb(menu->colour) : ImGui::GetColorU32(ImGuiCol_FrameBg), em(0.15f));
        ImGui::Dummy({swatch, swatch});
        ImGui::SameLine();
        std::string heading = trf("common.table_n", {std::to_string(note.table)});
        if (menu) heading += " · " + menu->title;
        heading += " · " + trf("common.round_n", {std::to_string(note.round)});
        ImGui::TextDisabled("%s", heading.c_str());
        ImGui::Indent(em(1.2f));
        std::string line = (note.starred ? "★ " : "") + note.text;
        ImGui::TextUnformatted(line.c_str());
        recordItem(("note:" + std::to_string(note.id)).c_str());
        std::string details = note.author;
        for (const std::string& tag : note.tags) details += (details.empty() ? "#" : "  #") + tag;
        if (!details.empty()) ImGui::TextDisabled("%s", details.c_str());
        ImGui::Unindent(em(1.2f));
        ImGui::Spacing();
        ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
}

}  // namespace worldcafe::gui
