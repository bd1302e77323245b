#include "theme_notes_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <vector>

#include "i18n.hpp"
#include "widgets.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::gui {

namespace {

std::string idText(NoteId note) { return std::to_string(note); }

// "Table 1 · Round 2 · 김지현 · #로컬푸드 #교육": where a note comes from, on one muted line under it.
std::string noteDetails(const Note& note) {
    std::string details = trf("common.table_n", {std::to_string(note.table)}) + " · " +
                          trf("common.round_n", {std::to_string(note.round)});
    if (!note.author.empty()) details += " · " + note.author;
    // Tags may hold spaces ("school run"), so they are separated by commas.
    for (std::size_t i = 0; i < note.tags.size(); ++i) details += (i == 0 ? "   #" : ", #") + note.tags[i];
    return details;
}

// A small toggle drawn as a glyph: gold when on, muted when off, the meaning in its tooltip.
bool glyphToggle(const char* id, bool on, const char* onGlyph, const char* offGlyph, const char* tooltip) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{0.0f, 0.0f, 0.0f, 0.0f});
    ImGui::PushStyleColor(ImGuiCol_Text, on ? colourVecFromRgb(kHighlightRgb) : kMutedColour);
    bool pressed = ImGui::SmallButton((std::string(on ? onGlyph : offGlyph) + "###" + id).c_str());
    ImGui::PopStyleColor(2);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
    return pressed;
}

}  // namespace

void ThemeNotesPanel::selectNote(NoteId note, bool selected) {
    if (selected)
        m_selected.insert(note);
    else
        m_selected.erase(note);
}

void ThemeNotesPanel::prune(const Session& session) {
    std::erase_if(m_selected, [&](NoteId note) { return session.findNote(note) == nullptr; });
    std::erase_if(m_unfolded, [&](NoteId note) { return session.findNote(note) == nullptr; });
}

void ThemeNotesPanel::draw(const HarvestFrame& frame, const ThemeSummary& theme) {
    const Session& session = frame.session();
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                            ImGuiTableFlags_PadOuterX;
    if (ImGui::BeginTable("##notes", 5, flags)) {
        ImGui::TableSetupColumn("##select", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFrameHeight());
        ImGui::TableSetupColumn(tr("harvest.note"), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr("harvest.votes"), ImGuiTableColumnFlags_WidthFixed,
                                std::max(em(5.0f), ImGui::CalcTextSize(tr("harvest.votes")).x));
        ImGui::TableSetupColumn(tr("harvest.highlight"), ImGuiTableColumnFlags_WidthFixed,
                                std::max(em(2.0f), ImGui::CalcTextSize(tr("harvest.highlight")).x));
        ImGui::TableSetupColumn(tr("harvest.move"), ImGuiTableColumnFlags_WidthFixed, em(10.0f));
        ImGui::TableHeadersRow();
        for (const NoteEntry& entry : theme.entries) {
            const Note* note = session.findNote(entry.note);
            if (!note) continue;
            drawNote(frame, theme, *note, static_cast<int>(entry.duplicates.size()), false);
            if (!m_unfolded.count(entry.note)) continue;
            for (NoteId duplicate : entry.duplicates)
                if (const Note* repeated = session.findNote(duplicate)) drawNote(frame, theme, *repeated, 0, true);
        }
        ImGui::EndTable();
    }
    drawSplit(frame, theme);
}

void ThemeNotesPanel::drawNote(const HarvestFrame& frame, const ThemeSummary& theme, const Note& note,
                               int duplicates, bool duplicate) {
    const PanelContext& context = frame.context;
    const std::string id = idText(note.id);
    ImGui::PushID(id.c_str());
    ImGui::TableNextRow();

    ImGui::TableNextColumn();
    bool selected = m_selected.count(note.id) > 0;
    ImGui::BeginDisabled(context.readOnly);
    if (ImGui::Checkbox("##select", &selected)) selectNote(note.id, selected);
    ImGui::EndDisabled();
    recordItem(("select-note:" + id).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("harvest.select_note"));

    ImGui::TableNextColumn();
    if (duplicate) ImGui::Indent(em(1.2f));
    ImGui::BeginGroup();
    if (duplicate) {
        ImGui::TextDisabled("↳");
        ImGui::SameLine(0.0f, em(0.3f));
    }
    if (note.starred) {
        ImGui::TextColored(colourVecFromRgb(kHighlightRgb), "★");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("harvest.starred"));
        ImGui::SameLine(0.0f, em(0.3f));
    }
    ImGui::TextWrapped("%s", note.text.c_str());
    std::string details = noteDetails(note);
    if (note.id == theme.headline && theme.summary.empty()) details += "  · " + std::string(tr("harvest.quoted"));
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
    ImGui::TextWrapped("%s", details.c_str());
    ImGui::PopStyleColor();
    ImGui::EndGroup();
    recordItem(("note:" + id).c_str());
    // Dragging the note's text onto another theme moves it there.
    if (!context.readOnly && ImGui::BeginDragDropSource(ImGuiDragDropFlags_SourceAllowNullID)) {
        ImGui::SetDragDropPayload(kNotePayload, &note.id, sizeof(note.id));
        ImGui::TextUnformatted(shortened(note.text, 60).c_str());
        ImGui::TextDisabled("%s", tr("harvest.drag_hint"));
        ImGui::EndDragDropSource();
    }
    if (duplicates > 0) {
        const bool unfolded = m_unfolded.count(note.id) > 0;
        std::string label = (unfolded ? "▾ " : "▸ ") + trf("harvest.similar_n", {std::to_string(duplicates)}) +
                            "###similar";
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{0.0f, 0.0f, 0.0f, 0.0f});
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
        if (ImGui::SmallButton(label.c_str())) {
            if (unfolded)
                m_unfolded.erase(note.id);
            else
                m_unfolded.insert(note.id);
        }
        ImGui::PopStyleColor(2);
        recordItem(("similar:" + id).c_str());
    }
    if (duplicate) ImGui::Unindent(em(1.2f));

    ImGui::BeginDisabled(context.readOnly);
    ImGui::TableNextColumn();
    const NoteId noteId = note.id;
    ImGui::BeginDisabled(note.votes <= 0);
    if (ImGui::SmallButton("-")) {
        frame.edit([noteId](const Session& session, const Synthesis&) {
            const Note* current = session.findNote(noteId);
            return setVotes(session, noteId, std::max(0, (current ? current->votes : 0) - 1));
        });
    }
    ImGui::EndDisabled();
    recordItem(("vote-:" + id).c_str());
    ImGui::SameLine(0.0f, em(0.3f));
    // A fixed-width count keeps the "+" in place while the number grows.
    const std::string votes = std::to_string(note.votes);
    const float slot = ImGui::CalcTextSize("00").x;
    const float textWidth = ImGui::CalcTextSize(votes.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, slot - textWidth) * 0.5f);
    if (note.votes > 0)
        ImGui::TextUnformatted(votes.c_str());
    else
        ImGui::TextDisabled("%s", votes.c_str());
    ImGui::SameLine(0.0f, em(0.3f) + std::max(0.0f, slot - textWidth) * 0.5f);
    if (ImGui::SmallButton("+")) {
        frame.edit([noteId](const Session& session, const Synthesis&) {
            const Note* current = session.findNote(noteId);
            return setVotes(session, noteId, (current ? current->votes : 0) + 1);
        });
    }
    recordItem(("vote+:" + id).c_str());

    ImGui::TableNextColumn();
    if (glyphToggle("highlight", note.highlighted, "◆", "◇",
                    tr(note.highlighted ? "harvest.unhighlight_note" : "harvest.highlight_note"))) {
        const bool wanted = !note.highlighted;
        frame.edit([noteId, wanted](const Session& session, const Synthesis&) {
            return setNoteHighlight(session, noteId, wanted);
        });
    }
    recordItem(("highlight-note:" + id).c_str());

    ImGui::TableNextColumn();
    drawMoveCombo(frame, theme, note);
    ImGui::EndDisabled();
    ImGui::PopID();
}

void ThemeNotesPanel::drawMoveCombo(const HarvestFrame& frame, const ThemeSummary& theme, const Note& note) {
    const std::string id = idText(note.id);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool open = ImGui::BeginCombo("##move", tr("harvest.move_to"));
    recordItem(("move:" + id).c_str());
    if (!open) return;
    const NoteId noteId = note.id;
    for (const ThemeSummary& other : frame.menu.themes) {
        if (other.key == theme.key) continue;
        const std::string label = shortened(other.name, 40) + "  (" + std::to_string(other.noteCount()) + ")###" +
                                  other.key;
        if (ImGui::Selectable(label.c_str())) {
            frame.edit([noteId, target = other.key](const Session& session, const Synthesis& synthesis) {
                return moveNote(session, synthesis, noteId, target);
            });
        }
        recordItem(("move-to:" + other.key).c_str());
    }
    // Only a note the organiser placed can go back: an automatic one is already grouped automatically.
    if (note.theme != 0) {
        ImGui::Separator();
        if (ImGui::Selectable(tr("harvest.move_automatic"))) {
            frame.edit([noteId](const Session& session, const Synthesis& synthesis) {
                return moveNote(session, synthesis, noteId, "");
            });
        }
        recordItem("move-to:");
    }
    ImGui::EndCombo();
}

void ThemeNotesPanel::drawSplit(const HarvestFrame& frame, const ThemeSummary& theme) {
    std::vector<NoteId> picked;
    for (NoteId note : theme.notes)
        if (m_selected.count(note)) picked.push_back(note);
    if (picked.empty()) return;
    ImGui::Spacing();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(trf("harvest.split.selected", {std::to_string(picked.size())}).c_str());
    ImGui::SameLine();
    std::string& name = m_splitNames[theme.key];
    ImGui::SetNextItemWidth(em(14.0f));
    ImGui::InputTextWithHint("##split_name", tr("harvest.split.name_hint"), &name);
    recordItem(("split-name:" + theme.key).c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(frame.context.readOnly);
    const bool split = ImGui::Button(trId("harvest.split").c_str());
    ImGui::EndDisabled();
    recordItem(("split:" + theme.key).c_str());
    ImGui::SameLine();
    if (smallActionButton("harvest.split.clear"))
        for (NoteId note : picked) m_selected.erase(note);
    if (!split) return;
    std::string chosen = normalizeNfc(trim(name));
    if (chosen.empty()) chosen = tr("harvest.split.default_name");
    frame.edit([key = theme.key, picked, chosen](const Session& session, const Synthesis& synthesis) {
        return splitTheme(session, synthesis, key, picked, chosen);
    });
    for (NoteId note : picked) m_selected.erase(note);
    m_splitNames.erase(theme.key);
}

}  // namespace worldcafe::gui
