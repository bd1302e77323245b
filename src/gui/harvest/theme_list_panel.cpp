#include "theme_list_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "i18n.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::gui {

namespace {

// "Other notes" open by default only while short: thousands of single notes would cost every frame.
constexpr std::size_t kOtherNotesOpenUpTo = 30;
constexpr int kKeyNotesShown = 3;

const ImVec4 kHighlight = colourVecFromRgb(kHighlightRgb);

bool containsNote(const ThemeSummary& theme, NoteId note) {
    return std::find(theme.notes.begin(), theme.notes.end(), note) != theme.notes.end();
}

}  // namespace

// [SECTION] state

void ThemeListPanel::selectTheme(const std::string& key, bool selected) {
    if (selected)
        m_selected.insert(key);
    else
        m_selected.erase(key);
}

void ThemeListPanel::setExpanded(const std::string& key, bool expanded) {
    if (expanded)
        m_expanded.insert(key);
    else
        m_expanded.erase(key);
}

void ThemeListPanel::setOrderedByVotes(bool byVotes) {
    if (byVotes == m_byVotes) return;
    m_byVotes = byVotes;
    m_resort = true;
}

void ThemeListPanel::follow(const Session& session, const Synthesis& synthesis, const std::string& key) {
    const ThemeSummary* theme = synthesis.findTheme(key);
    if (theme && theme->automatic()) m_followed[key] = themeKeyOf(session.nextThemeId());
}

void ThemeListPanel::synthesisChanged(const Session& session, const Synthesis& synthesis) {
    for (const auto& [from, to] : m_followed) {
        if (synthesis.findTheme(from) || !synthesis.findTheme(to)) continue;  // the edit did not happen
        if (m_expanded.erase(from)) m_expanded.insert(to);
        if (m_selected.erase(from)) m_selected.insert(to);
        for (std::vector<std::string>* order : {&m_reportOrder, &m_otherOrder})
            std::replace(order->begin(), order->end(), from, to);
    }
    m_followed.clear();
    m_stale = true;
    std::erase_if(m_selected, [&](const std::string& key) { return synthesis.findTheme(key) == nullptr; });
    std::erase_if(m_expanded, [&](const std::string& key) { return synthesis.findTheme(key) == nullptr; });
    m_notes.prune(session);
}

// [SECTION] the list

void ThemeListPanel::arrange(const MenuHarvest& menu) {
    if (!m_resort && !m_stale && &menu == m_arrangedMenu && menu.menu == m_orderMenu) return;
    if (m_resort || menu.menu != m_orderMenu) {
        m_reportOrder.clear();
        m_otherOrder.clear();
        m_orderMenu = menu.menu;
        m_resort = false;
    }
    m_stale = false;
    m_arrangedMenu = &menu;
    std::map<std::string_view, const ThemeSummary*> byKey;
    for (const ThemeSummary& theme : menu.themes) byKey.emplace(theme.key, &theme);
    // Themes that are gone leave their place; new ones (a split, a dissolved theme's notes) join the end of their
    // part; the others keep their place, even when an edit has moved them in the synthesis' order.
    const auto gone = [&](const std::string& key) { return byKey.count(key) == 0; };
    std::erase_if(m_reportOrder, gone);
    std::erase_if(m_otherOrder, gone);
    std::set<std::string_view> placed(m_reportOrder.begin(), m_reportOrder.end());
    placed.insert(m_otherOrder.begin(), m_otherOrder.end());
    std::vector<std::string> newReport;
    std::vector<std::string> newOther;
    for (const ThemeSummary& theme : menu.themes)
        if (!placed.count(theme.key)) (isReportTheme(theme) ? newReport : newOther).push_back(theme.key);
    m_reportOrder.insert(m_reportOrder.end(), newReport.begin(), newReport.end());
    m_otherOrder.insert(m_otherOrder.end(), newOther.begin(), newOther.end());
    m_report.clear();
    m_other.clear();
    for (const std::string& key : m_reportOrder) m_report.push_back(byKey.at(key));
    for (const std::string& key : m_otherOrder) m_other.push_back(byKey.at(key));
    // By votes, ties keep the order they had, so a vote moves one card and leaves the others where they were.
    const auto byVotes = [](const ThemeSummary* a, const ThemeSummary* b) { return a->votes > b->votes; };
    if (m_byVotes) {
        std::stable_sort(m_report.begin(), m_report.end(), byVotes);
        std::stable_sort(m_other.begin(), m_other.end(), byVotes);
        m_reportOrder.clear();
        m_otherOrder.clear();
        for (const ThemeSummary* theme : m_report) m_reportOrder.push_back(theme->key);
        for (const ThemeSummary* theme : m_other) m_otherOrder.push_back(theme->key);
    }
    std::vector<const ThemeSummary*> fresh;
    for (const ThemeSummary& theme : menu.themes)
        if (isReportTheme(theme)) fresh.push_back(&theme);
    const auto reportEnd = static_cast<std::ptrdiff_t>(fresh.size());
    for (const ThemeSummary& theme : menu.themes)
        if (!isReportTheme(theme)) fresh.push_back(&theme);
    if (m_byVotes) {
        std::stable_sort(fresh.begin(), fresh.begin() + reportEnd, byVotes);
        std::stable_sort(fresh.begin() + reportEnd, fresh.end(), byVotes);
    }
    m_outOfOrder = !std::equal(fresh.begin(), fresh.begin() + static_cast<std::ptrdiff_t>(m_report.size()),
                               m_report.begin()) ||
                   !std::equal(fresh.begin() + static_cast<std::ptrdiff_t>(m_report.size()), fresh.end(),
                               m_other.begin());
}

void ThemeListPanel::draw(const HarvestFrame& frame) {
    arrange(frame.menu);
    const std::vector<const ThemeSummary*>& report = m_report;
    const std::vector<const ThemeSummary*>& other = m_other;
    std::vector<const ThemeSummary*> order = report;
    order.insert(order.end(), other.begin(), other.end());

    drawToolbar(frame, order);
    ImGui::Spacing();
    if (!ImGui::BeginChild("##themes", {0.0f, 0.0f}, false)) {
        ImGui::EndChild();
        return;
    }
    for (const ThemeSummary* theme : report) drawTheme(frame, *theme);
    if (!other.empty()) {
        ImGui::Spacing();
        const std::string label = trf("harvest.other_notes", {std::to_string(other.size())}) + "###other";
        const bool open = ImGui::CollapsingHeader(
            label.c_str(), other.size() <= kOtherNotesOpenUpTo ? ImGuiTreeNodeFlags_DefaultOpen : 0);
        recordItem("harvest.other_notes");
        helpMarker(tr("harvest.other_notes_help"));
        if (open)
            for (const ThemeSummary* theme : other) drawTheme(frame, *theme);
    }
    ImGui::EndChild();
}

void ThemeListPanel::drawToolbar(const HarvestFrame& frame, const std::vector<const ThemeSummary*>& order) {
    std::vector<const ThemeSummary*> picked;
    for (const ThemeSummary* theme : order)
        if (m_selected.count(theme->key)) picked.push_back(theme);

    if (smallActionButton("harvest.expand_all"))
        for (const ThemeSummary* theme : order) m_expanded.insert(theme->key);
    ImGui::SameLine();
    if (smallActionButton("harvest.collapse_all"))
        for (const ThemeSummary* theme : order) m_expanded.erase(theme->key);
    ImGui::SameLine(0.0f, em(1.0f));
    bool byVotes = m_byVotes;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {ImGui::GetStyle().FramePadding.x, 0.0f});
    if (ImGui::Checkbox(trId("harvest.order_votes").c_str(), &byVotes)) setOrderedByVotes(byVotes);
    ImGui::PopStyleVar();
    recordItem("harvest.order_votes");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("harvest.order_votes_help"));
    if (m_outOfOrder) {
        ImGui::SameLine();
        if (smallActionButton("harvest.sort")) m_resort = true;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("harvest.sort_help"));
    }
    ImGui::SameLine(0.0f, em(1.5f));

    if (picked.size() >= 2) {
        // The first ticked theme in the list keeps its name: the label says which, so nothing is a surprise.
        const std::string label =
            trf("harvest.merge_into", {std::to_string(picked.size()), shortened(picked.front()->name, 28)}) +
            "###merge";
        ImGui::BeginDisabled(frame.context.readOnly);
        const bool merge = ImGui::Button(label.c_str());
        ImGui::EndDisabled();
        recordItem("merge");
        if (merge) {
            std::vector<std::string> sources;
            for (std::size_t i = 1; i < picked.size(); ++i) sources.push_back(picked[i]->key);
            frame.edit([this, target = picked.front()->key, sources](const Session& session,
                                                                     const Synthesis& synthesis) {
                follow(session, synthesis, target);
                return mergeThemes(session, synthesis, target, sources);
            });
            m_selected.clear();
        }
        ImGui::SameLine();
        if (smallActionButton("harvest.clear_selection")) m_selected.clear();
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
        ImGui::TextWrapped("%s", tr(picked.empty() ? "harvest.list_hint" : "harvest.merge_pick_more"));
        ImGui::PopStyleColor();
        if (!picked.empty()) {
            ImGui::SameLine();
            if (smallActionButton("harvest.clear_selection")) m_selected.clear();
        }
    }
}

// [SECTION] a theme card

void ThemeListPanel::drawTheme(const HarvestFrame& frame, const ThemeSummary& theme) {
    ImGui::PushID(theme.key.c_str());
    // A one-cell table is the card: its padding keeps fields and wrapped text off the card's edge, and its
    // background sets the card apart without splitting the draw list.
    ImGui::BeginGroup();
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {em(0.7f), em(0.45f)});
    const bool open = ImGui::BeginTable("##card", 1, ImGuiTableFlags_PadOuterX | ImGuiTableFlags_BordersOuter);
    ImGui::PopStyleVar();
    if (open) {
        ImGui::TableSetupColumn("##content", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableNextRow();
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_FrameBg, 0.45f));
        ImGui::TableNextColumn();
        ImGui::Indent(em(0.3f));  // clear of the menu colour bar
        drawHeader(frame, theme);
        drawQuote(frame, theme);
        if (expanded(theme.key)) {
            ImGui::Spacing();
            drawSummaryEditor(frame, theme);
            ImGui::Spacing();
            m_notes.draw(frame, theme);
        }
        ImGui::Unindent(em(0.3f));
        ImGui::EndTable();
    }
    ImGui::EndGroup();
    recordItem(("card:" + theme.key).c_str());
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* drawList = ImGui::GetWindowDrawList();
    drawList->AddRectFilled(min, {min.x + em(0.3f), max.y}, colourFromRgb(menuColour(frame.session(), frame.menu)));
    if (theme.highlighted) drawList->AddRect(min, max, colourFromRgb(kHighlightRgb), 0.0f, 0, 2.0f);
    if (m_selected.count(theme.key))
        drawList->AddRect({min.x + 1.0f, min.y + 1.0f}, {max.x - 1.0f, max.y - 1.0f},
                          ImGui::GetColorU32(ImGuiCol_CheckMark), 0.0f, 0, 1.5f);
    acceptNoteDrop(frame, theme);
    ImGui::Spacing();
    ImGui::PopID();
}

void ThemeListPanel::drawHeader(const HarvestFrame& frame, const ThemeSummary& theme) {
    const PanelContext& context = frame.context;
    const std::string& key = theme.key;
    const bool open = expanded(key);
    if (ImGui::ArrowButton("##expand", open ? ImGuiDir_Down : ImGuiDir_Right)) setExpanded(key, !open);
    recordItem(("expand:" + key).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(open ? "harvest.collapse" : "harvest.expand"));
    ImGui::SameLine();

    bool ticked = m_selected.count(key) > 0;
    ImGui::BeginDisabled(context.readOnly);
    if (ImGui::Checkbox("##select", &ticked)) selectTheme(key, ticked);
    ImGui::EndDisabled();
    recordItem(("select:" + key).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("harvest.select_theme"));
    ImGui::SameLine();

    if (theme.highlighted) {
        ImGui::TextColored(kHighlight, "◆");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("harvest.highlighted_theme"));
        ImGui::SameLine();
    }

    // The name is a field: a click renames, Enter or leaving the field commits once.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float nameWidth =
        std::clamp(ImGui::CalcTextSize(theme.name.c_str()).x + style.FramePadding.x * 2.0f + em(1.0f), em(8.0f),
                   std::max(em(8.0f), std::min(em(26.0f), ImGui::GetContentRegionAvail().x * 0.45f)));
    ImGui::SetNextItemWidth(nameWidth);
    ImGui::BeginDisabled(context.readOnly);
    std::string committed;
    if (m_edits.text("##name", theme.name, committed, tr("harvest.name_hint"))) {
        if (committed.empty()) {
            context.out.notify(NoticeKind::Warning, tr("harvest.name_required"));
        } else {
            frame.edit([this, key, committed](const Session& session, const Synthesis& synthesis) {
                follow(session, synthesis, key);
                return renameTheme(session, synthesis, key, committed);
            });
        }
    }
    ImGui::EndDisabled();
    recordItem(("name:" + key).c_str());
    if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) ImGui::SetTooltip("%s", tr("harvest.rename_hint"));

    ImGui::SameLine(0.0f, em(0.8f));
    std::string counts = notesLabel(theme.noteCount()) + " · " + tablesLabel(theme.tables);
    if (!theme.rounds.empty()) counts += " · " + roundsLabel(theme.rounds);
    ImGui::TextDisabled("%s", counts.c_str());
    if (theme.stars > 0) {
        ImGui::SameLine();
        ImGui::TextColored(kHighlight, "★ %d", theme.stars);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("harvest.stars_help"));
    }
    // Votes once there are any, or once the room votes: then a theme's "0 votes" is news too.
    const Session& session = frame.session();
    if (theme.votes > 0 || session.voting.open || !session.votes.empty()) {
        ImGui::SameLine();
        std::string votes = "\u25CF " + votesLabel(theme.votes);
        if (theme.voters > 0) votes += " · " + votersLabel(theme.voters);
        if (theme.votes > 0)
            ImGui::TextColored(kHighlight, "%s", votes.c_str());
        else
            ImGui::TextDisabled("%s", votes.c_str());
        recordItem(("votes:" + key).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", votesDetail(theme).c_str());
    }
    ImGui::SameLine();
    ImGui::TextDisabled("· %s", originLabel(theme.origin));

    // Highlight and dissolve sit at the card's right edge, or on a line of their own when the card is narrow.
    const char* highlightKey = theme.highlighted ? "harvest.highlighted" : "harvest.highlight_theme";
    const std::string highlightLabel = "◆ " + std::string(tr(highlightKey)) + "###highlight";
    float width = ImGui::CalcTextSize(highlightLabel.c_str(), nullptr, true).x + style.FramePadding.x * 2.0f;
    const bool organiser = theme.origin == ThemeOrigin::Organiser;
    if (organiser)
        width += style.ItemSpacing.x + ImGui::CalcTextSize(tr("harvest.dissolve")).x + style.FramePadding.x * 2.0f;
    ImGui::SameLine();
    const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
    if (ImGui::GetCursorPosX() + width <= right)
        ImGui::SetCursorPosX(right - width);
    else
        ImGui::NewLine();
    ImGui::BeginDisabled(context.readOnly);
    // Quiet until used: a column of loud buttons down the list would compete with the themes themselves.
    ImGui::PushStyleColor(ImGuiCol_Text, theme.highlighted ? kHighlight : kMutedColour);
    if (!theme.highlighted) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_FrameBg));
    const bool toggle = ImGui::Button(highlightLabel.c_str());
    ImGui::PopStyleColor(theme.highlighted ? 1 : 2);
    recordItem(("highlight:" + key).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("harvest.highlight_help"));
    if (toggle) {
        frame.edit([this, key, wanted = !theme.highlighted](const Session& session, const Synthesis& synthesis) {
            follow(session, synthesis, key);
            return setThemeHighlight(session, synthesis, key, wanted);
        });
    }
    if (organiser) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_FrameBg));
        const bool dissolve = ImGui::Button(trId("harvest.dissolve").c_str());
        ImGui::PopStyleColor(2);
        if (dissolve) {
            frame.edit([key](const Session& session, const Synthesis& synthesis) {
                return dissolveTheme(session, synthesis, key);
            });
        }
        recordItem(("dissolve:" + key).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("harvest.dissolve_help"));
    }
    ImGui::EndDisabled();
}

void ThemeListPanel::drawQuote(const HarvestFrame& frame, const ThemeSummary& theme) {
    const Session& session = frame.session();
    // What the report will say for this theme: the organiser's summary, else the headline note in quotes.
    if (!theme.summary.empty()) {
        ImGui::TextWrapped("%s", theme.summary.c_str());
    } else if (const Note* headline = session.findNote(theme.headline)) {
        ImGui::TextWrapped("“%s”", headline->text.c_str());
    }
    if (const Note* headline = session.findNote(theme.headline); headline && theme.summary.empty()) {
        std::string source = "— " + trf("common.table_n", {std::to_string(headline->table)}) + " · " +
                             trf("common.round_n", {std::to_string(headline->round)});
        if (headline->starred) source += " · ★ " + std::string(tr("harvest.starred"));
        if (headline->highlighted) source += " · ◆ " + std::string(tr("harvest.highlighted"));
        ImGui::TextDisabled("%s", source.c_str());
    }
    int shown = 0;
    for (NoteId id : theme.keyNotes) {
        const Note* note = session.findNote(id);
        if (!note || shown++ == kKeyNotesShown) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
        ImGui::TextWrapped("%s %s", note->starred ? "★" : "◆", note->text.c_str());
        ImGui::PopStyleColor();
    }
}

void ThemeListPanel::drawSummaryEditor(const HarvestFrame& frame, const ThemeSummary& theme) {
    const PanelContext& context = frame.context;
    ImGui::TextDisabled("%s", tr("harvest.summary"));
    helpMarker(tr("harvest.summary_help"));
    std::string committed;
    bool changed = false;
    if (m_editingSummary == theme.key) {
        if (m_summaryFramesToActivate > 0) ImGui::SetKeyboardFocusHere();
        const float wrap = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().FramePadding.x * 2.0f;
        const float height = std::max(ImGui::CalcTextSize(theme.summary.c_str(), nullptr, false, wrap).y +
                                          ImGui::GetTextLineHeight() * 2.0f,
                                      ImGui::GetTextLineHeight() * 3.0f) +
                             ImGui::GetStyle().FramePadding.y * 2.0f;
        changed = m_edits.multiline("##summary", theme.summary, committed, {-FLT_MIN, height});
        recordItem(("summary:" + theme.key).c_str());
        if (ImGui::IsItemActive())
            m_summaryFramesToActivate = 0;
        else if (m_summaryFramesToActivate == 0 || --m_summaryFramesToActivate == 0)
            m_editingSummary.clear();
    } else {
        ImGui::BeginDisabled(context.readOnly);
        if (wrappedTextButton("##summary", theme.summary, tr("harvest.summary_hint")) && !context.readOnly) {
            m_editingSummary = theme.key;
            // Focus set from code takes effect over the next frames; until then the field is not yet active.
            m_summaryFramesToActivate = 3;
        }
        ImGui::EndDisabled();
        recordItem(("summary:" + theme.key).c_str());
    }
    if (changed) {
        frame.edit([this, key = theme.key, committed](const Session& session, const Synthesis& synthesis) {
            follow(session, synthesis, key);
            return setThemeSummary(session, synthesis, key, committed);
        });
    }
}

void ThemeListPanel::acceptNoteDrop(const HarvestFrame& frame, const ThemeSummary& theme) {
    if (frame.context.readOnly || !ImGui::BeginDragDropTarget()) return;
    if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kNotePayload)) {
        NoteId note = 0;
        std::memcpy(&note, payload->Data, sizeof(note));
        if (!containsNote(theme, note)) {
            frame.edit([this, note, key = theme.key](const Session& session, const Synthesis& synthesis) {
                follow(session, synthesis, key);
                return moveNote(session, synthesis, note, key);
            });
        }
    }
    ImGui::EndDragDropTarget();
}

}  // namespace worldcafe::gui
