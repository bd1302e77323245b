#include "host_view.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <map>

#include "console_view.hpp"
#include "i18n.hpp"
#include "live_state.hpp"
#include "widgets.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::gui {

namespace {

constexpr std::size_t kMaxSuggestions = 12;
constexpr int kMaxTableButtons = 16;

void swatch(std::uint32_t rgb, float size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float top = pos.y + (ImGui::GetTextLineHeight() - size) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled({pos.x, top}, {pos.x + size, top + size}, colourFromRgb(rgb),
                                              size * 0.18f);
    ImGui::Dummy({size, ImGui::GetTextLineHeight()});
}

}  // namespace

// [SECTION] tags and ordering

std::vector<std::string> HostView::splitTags(std::string_view text) {
    std::string unified(text);
    // Korean keyboards offer the full-width comma and the ideographic one; both separate tags too.
    for (const char* separator : {"，", "、"}) {
        for (std::size_t at = unified.find(separator); at != std::string::npos; at = unified.find(separator))
            unified.replace(at, std::string_view(separator).size(), ",");
    }
    std::vector<std::string> tags;
    std::vector<std::string> folded;
    std::size_t start = 0;
    while (start <= unified.size()) {
        std::size_t end = unified.find(',', start);
        if (end == std::string::npos) end = unified.size();
        std::string tag = trim(std::string_view(unified).substr(start, end - start));
        while (!tag.empty() && tag.front() == '#') tag = trim(std::string_view(tag).substr(1));
        tag = normalizeNfc(tag);
        start = end + 1;
        if (tag.empty()) continue;
        std::string key = foldForSearch(tag);
        if (std::find(folded.begin(), folded.end(), key) != folded.end()) continue;
        folded.push_back(std::move(key));
        tags.push_back(std::move(tag));
    }
    return tags;
}

std::vector<const Note*> HostView::notesAt(const Session& session, TableNumber table) {
    std::vector<const Note*> notes;
    for (const Note& note : session.notes)
        if (note.table == table) notes.push_back(&note);
    std::stable_sort(notes.begin(), notes.end(), [](const Note* a, const Note* b) {
        if (a->round != b->round) return a->round < b->round;
        return a->created < b->created;
    });
    return notes;
}

// [SECTION] workspace

std::vector<std::string> HostView::parts() const { return livePhaseNames(); }

bool HostView::selectPart(std::string_view part) {
    int number = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), number);
    if (error == std::errc() && end == part.data() + part.size() && number > 0) {
        m_table = number;
        return true;
    }
    const auto& names = livePhaseNames();
    return std::find(names.begin(), names.end(), part) != names.end();
}

std::optional<double> HostView::redrawAfter(const PanelContext& context) const {
    if (!context.timer) return std::nullopt;
    const TimerState state = context.timer->state(context.session);
    if (!state.running) return std::nullopt;
    // Only the round shown depends on the clock: draw again when the phase changes.
    if (state.phaseIndex != m_drawnPhase) return 0.0;
    return static_cast<double>(std::max<std::int64_t>(state.remainingMillis(), 0)) / 1000.0 + 0.01;
}

void HostView::draw(const PanelContext& context) {
    const Session& session = context.session;
    if (m_awaiting) {
        const Note* saved = session.findNote(m_awaiting->id);
        if (!saved || !(*saved == *m_awaiting)) {
            // The save did not go through (the toast said why): the text is not lost.
            startEditing(*m_awaiting);
            if (!saved) m_editing = 0;
        }
        m_awaiting.reset();
    }
    if (session.tables.empty()) {
        emptyState(tr("host.no_tables"));
        return;
    }
    if (!session.findTable(m_table)) m_table = session.tables.front().number;
    const Table& table = *session.findTable(m_table);

    const TimerState state = context.timer ? context.timer->state(session) : timerStateAt(session, 0);
    m_drawnPhase = state.phaseIndex;
    const RoundNumber timerRound = liveRounds(session, state).notes;
    const RoundNumber round = std::clamp(m_roundOverride.value_or(timerRound), 1, std::max(session.rounds.count, 1));

    drawTablePicker(session);
    ImGui::Spacing();

    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const float leftWidth = std::max(available.x * 0.5f, std::min(em(26.0f), available.x));
    if (ImGui::BeginChild("##host_table", {leftWidth, 0.0f}, false)) {
        drawTableInfo(context, table, round, timerRound);
        drawEditor(context, table, round);
    }
    ImGui::EndChild();
    ImGui::SameLine(0.0f, spacing);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {em(0.8f), em(0.6f)});
    if (ImGui::BeginChild("##host_notes", {0.0f, 0.0f}, true)) drawNotes(context, table, round);
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

void HostView::drawTablePicker(const Session& session) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("host.pick_table"));
    ImGui::SameLine();
    if (static_cast<int>(session.tables.size()) > kMaxTableButtons) {
        // A big café: a list to scroll beats a wall of buttons.
        const std::string current = trf("common.table_n", {std::to_string(m_table)});
        ImGui::SetNextItemWidth(em(16.0f));
        if (ImGui::BeginCombo("##table", current.c_str(), ImGuiComboFlags_HeightLarge)) {
            for (const Table& table : session.tables) {
                const Menu* menu = session.findMenu(table.menu);
                std::string label = trf("common.table_n", {std::to_string(table.number)});
                if (menu) label += " · " + menu->title;
                if (ImGui::Selectable(label.c_str(), table.number == m_table)) selectTable(table.number);
            }
            ImGui::EndCombo();
        }
        return;
    }
    // Big buttons, one per table, in the menu's colour: a host finds theirs at a glance and with a thumb.
    const ImVec2 size{em(3.2f), ImGui::GetFrameHeight() * 1.35f};
    for (const Table& table : session.tables) {
        const Menu* menu = session.findMenu(table.menu);
        const bool selected = table.number == m_table;
        ImGui::PushID(table.number);
        const std::uint32_t rgb = menu ? menu->colour : 0x5A5C66;
        ImGui::PushStyleColor(ImGuiCol_Button, colourVecFromRgb(rgb, selected ? 1.0f : 0.35f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colourVecFromRgb(rgb, selected ? 1.0f : 0.6f));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, colourVecFromRgb(rgb));
        ImGui::PushStyleColor(ImGuiCol_Text, selected ? colourVecFromRgb(textColourOn(rgb))
                                                      : ImGui::GetStyleColorVec4(ImGuiCol_Text));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, selected ? 2.0f : 0.0f);
        if (ImGui::Button(std::to_string(table.number).c_str(), size)) selectTable(table.number);
        const std::string key = "host.table." + std::to_string(table.number);
        recordItem(key.c_str());
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(4);
        if (ImGui::IsItemHovered() && menu) ImGui::SetTooltip("%s", menu->title.c_str());
        ImGui::PopID();
        ImGui::SameLine();
    }
    ImGui::NewLine();
}

void HostView::drawTableInfo(const PanelContext& context, const Table& table, RoundNumber round,
                             RoundNumber timerRound) {
    const Session& session = context.session;
    const Menu* menu = session.findMenu(table.menu);
    ImGui::PushFont(headingFont());
    if (menu) {
        swatch(menu->colour, em(0.9f));
        ImGui::SameLine();
    }
    std::string heading = trf("common.table_n", {std::to_string(table.number)});
    if (menu) heading += " · " + menu->title;
    ImGui::TextUnformatted(heading.c_str());
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    if (menu && !menu->question.empty())
        ImGui::TextUnformatted(menu->question.c_str());
    else
        ImGui::TextDisabled("%s", tr(menu ? "host.no_question" : "host.no_menu"));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    const Participant* host = session.hostOf(table.number);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", tr("host.host"));
    ImGui::SameLine();
    ImGui::TextUnformatted(host ? host->name.c_str() : tr("host.no_host"));
    ImGui::SameLine(0.0f, em(2.0f));
    ImGui::TextDisabled("%s", tr("host.round"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(11.0f));
    const std::string current = m_roundOverride ? trf("common.round_n", {std::to_string(round)})
                                                : trf("host.round_now", {std::to_string(timerRound)});
    if (ImGui::BeginCombo("##round", current.c_str())) {
        // Choosing a round is saying where the note goes, draft or not.
        if (ImGui::Selectable(trf("host.round_now", {std::to_string(timerRound)}).c_str(), !m_roundOverride)) {
            m_roundOverride.reset();
            m_draftRound.reset();
        }
        for (RoundNumber r = 1; r <= session.rounds.count; ++r)
            if (ImGui::Selectable(trf("common.round_n", {std::to_string(r)}).c_str(), m_roundOverride == r)) {
                m_roundOverride = r;
                m_draftRound.reset();
            }
        ImGui::EndCombo();
    }
    recordItem("##round");

    // Who sits here in that round: the host knows themselves, so the guests.
    std::vector<TableSeating> seating = seatingOf(session, round);
    const TableSeating* here = nullptr;
    for (const TableSeating& candidate : seating)
        if (candidate.table->number == table.number) here = &candidate;
    ImGui::TextDisabled("%s", trf("host.seated", {std::to_string(round)}).c_str());
    ImGui::PushTextWrapPos(0.0f);
    if (!here) {
        ImGui::TextDisabled("%s", tr("host.no_plan"));
    } else if (here->guests.empty()) {
        ImGui::TextDisabled("%s", tr("console.nobody"));
    } else {
        std::string names;
        for (const Participant* guest : here->guests) names += (names.empty() ? "" : ", ") + guest->name;
        ImGui::TextUnformatted(names.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    ImGui::Spacing();
}

void HostView::drawEditor(const PanelContext& context, const Table& table, RoundNumber round) {
    const Session& session = context.session;
    // A new note belongs to the round in which its typing began, even when the phases move on before it is saved.
    if (m_editing || m_text.empty())
        m_draftRound.reset();
    else if (!m_draftRound)
        m_draftRound = round;
    const RoundNumber noteRound = m_draftRound.value_or(round);
    ImGui::TextUnformatted(m_editing ? tr("host.editing") : trf("host.new_note", {std::to_string(noteRound)}).c_str());
    ImGui::BeginDisabled(context.readOnly);
    if (m_focusText) {
        ImGui::SetKeyboardFocusHere();
        m_focusText = false;
    }
    const float height = std::clamp(ImGui::GetContentRegionAvail().y * 0.4f, em(5.0f), em(12.0f));
    bool submitted = ImGui::InputTextMultiline("##note_text", &m_text, {-FLT_MIN, height},
                                               ImGuiInputTextFlags_EnterReturnsTrue);
    recordItem("##note_text");
    if (!m_editing && !m_text.empty() && !m_draftRound) m_draftRound = round;
    const RoundNumber savedRound = m_draftRound.value_or(round);
    // Ctrl+Enter on the field that has the focus but lost the keyboard (a command ran between frames): ImGui
    // would only take the field back; the host meant "save", and the first press must do it.
    const ImGuiIO& io = ImGui::GetIO();
    if (!submitted && !ImGui::IsItemActive() && ImGui::IsItemFocused() && io.KeyCtrl &&
        (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false)))
        submitted = true;
    ImGui::TextDisabled("%s", tr("host.ctrl_enter"));

    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##note_tags", tr("host.tags_hint"), &m_tags);
    recordItem("##note_tags");

    // The session's tags, most used first, as suggestions: the same word for the same idea groups the harvest.
    std::map<std::string, int> counts;
    for (const Note& note : session.notes)
        for (const std::string& tag : note.tags) ++counts[tag];
    std::vector<std::pair<std::string, int>> suggestions(counts.begin(), counts.end());
    std::stable_sort(suggestions.begin(), suggestions.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    const std::vector<std::string> typed = splitTags(m_tags);
    std::size_t shown = 0;
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    for (const auto& [tag, count] : suggestions) {
        if (shown >= kMaxSuggestions) break;
        if (std::find(typed.begin(), typed.end(), tag) != typed.end()) continue;
        const std::string label = "#" + tag;
        const float width = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2.0f;
        if (shown > 0) {
            ImGui::SameLine();
            if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
        }
        ImGui::PushID(static_cast<int>(shown));
        if (ImGui::SmallButton(label.c_str())) {
            std::string trimmed = trim(m_tags);
            m_tags = trimmed.empty() || trimmed.back() == ',' ? trimmed + tag : trimmed + ", " + tag;
        }
        recordItem(("tag:" + tag).c_str());
        ImGui::PopID();
        ++shown;
    }

    ImGui::Checkbox(trId("host.star").c_str(), &m_starred);
    recordItem("host.star");
    ImGui::SameLine(0.0f, em(1.5f));
    if (actionButton("host.save") || submitted) save(context, table, savedRound);
    if (m_editing) {
        ImGui::SameLine();
        if (actionButton("host.cancel_edit")) clearEditor();
    }
    ImGui::EndDisabled();
}

void HostView::drawNotes(const PanelContext& context, const Table& table, RoundNumber round) {
    const Session& session = context.session;
    const std::vector<const Note*> notes = notesAt(session, table.number);
    sectionHeading("host.notes");
    if (notes.empty()) {
        emptyState(tr("host.notes_empty"));
        return;
    }
    RoundNumber shownRound = kNoRound;
    for (const Note* note : notes) {
        if (note->round != shownRound) {
            shownRound = note->round;
            const char* when = shownRound < round    ? "host.earlier"
                               : shownRound == round ? "host.this_round"
                                                     : "host.later";
            ImGui::Spacing();
            ImGui::TextDisabled("%s", trf(when, {std::to_string(shownRound)}).c_str());
            ImGui::Separator();
        }
        ImGui::PushID(static_cast<int>(note->id));
        ImGui::BeginGroup();
        // The star is a toggle in place: marking a key idea must not cost the host a trip through the editor.
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{0.0f, 0.0f, 0.0f, 0.0f});
        ImGui::PushStyleColor(ImGuiCol_Text, note->starred ? kWarningColour : kMutedColour);
        ImGui::BeginDisabled(context.readOnly);
        if (ImGui::Button(note->starred ? "★##star" : "☆##star") && context.timer) {
            Note toggled = *note;
            toggled.starred = !toggled.starred;
            toggled.edited = context.timer->now();
            context.out.emit(Put<Note>{toggled});
        }
        recordItem("##note_star");
        ImGui::EndDisabled();
        ImGui::PopStyleColor(2);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("host.star_tooltip"));
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(0.0f);
        if (m_editing == note->id) ImGui::PushStyleColor(ImGuiCol_Text, kWarningColour);
        ImGui::TextUnformatted(note->text.c_str());
        if (m_editing == note->id) ImGui::PopStyleColor();
        std::string details = note->author.empty() ? std::string() : note->author;
        if (note->created) details += (details.empty() ? "" : " · ") + formatTimeOfDay(note->created);
        for (const std::string& tag : note->tags) details += "  #" + tag;
        if (!details.empty()) ImGui::TextDisabled("%s", details.c_str());
        ImGui::PopTextWrapPos();
        ImGui::BeginDisabled(context.readOnly);
        if (smallActionButton("host.edit")) startEditing(*note);
        ImGui::SameLine();
        if (m_confirmDelete == note->id) {
            ImGui::PushStyleColor(ImGuiCol_Button, kErrorColour);
            if (smallActionButton("host.delete_confirm")) {
                context.out.emit(Remove<Note>{note->id});
                if (m_editing == note->id) clearEditor();
                m_confirmDelete = 0;
            }
            ImGui::PopStyleColor();
            ImGui::SameLine();
            if (smallActionButton("common.cancel")) m_confirmDelete = 0;
        } else if (smallActionButton("host.delete")) {
            m_confirmDelete = note->id;
        }
        ImGui::EndDisabled();
        ImGui::EndGroup();
        ImGui::EndGroup();
        ImGui::Spacing();
        ImGui::PopID();
    }
}

// [SECTION] saving

void HostView::save(const PanelContext& context, const Table& table, RoundNumber round) {
    const Session& session = context.session;
    const std::string text = normalizeNfc(trim(m_text));
    if (text.empty()) {
        context.out.notify(NoticeKind::Warning, tr("host.empty_note"));
        return;
    }
    const WallMillis now = context.timer ? context.timer->now() : 0;
    Note note;
    const Note* existing = m_editing ? session.findNote(m_editing) : nullptr;
    if (existing) {
        // An edit keeps where and when the note was written.
        note = *existing;
    } else {
        note.id = session.nextNoteId();
        note.table = table.number;
        note.round = round;
        note.menu = table.menu;
        const Participant* host = session.hostOf(table.number);
        note.author = host ? host->name : std::string();
        note.created = now;
    }
    note.text = text;
    note.tags = splitTags(m_tags);
    note.starred = m_starred;
    note.edited = now;
    context.out.emit(Put<Note>{note});
    m_awaiting = note;
    clearEditor();
    m_focusText = true;
}

void HostView::startEditing(const Note& note) {
    m_editing = note.id;
    m_text = note.text;
    m_tags.clear();
    for (const std::string& tag : note.tags) m_tags += (m_tags.empty() ? "" : ", ") + tag;
    m_starred = note.starred;
    // No keyboard focus here: focusing selects the whole text, and the first key typed would replace the note.
    m_confirmDelete = 0;
}

void HostView::clearEditor() {
    m_editing = 0;
    m_draftRound.reset();
    m_text.clear();
    m_tags.clear();
    m_starred = false;
}

}  // namespace worldcafe::gui
