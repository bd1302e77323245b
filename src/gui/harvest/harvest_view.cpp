#include "harvest_view.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <charconv>

#include "i18n.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

namespace {

bool hasGlyphs(ImFont* font, const std::string& text) {
    const char* cursor = text.c_str();
    const char* end = cursor + text.size();
    while (cursor < end) {
        unsigned int codepoint = 0;
        const int length = ImTextCharFromUtf8(&codepoint, cursor, end);
        if (length <= 0) return false;
        cursor += length;
        if (codepoint >= 0x20 && (codepoint > 0xFFFF || !font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint))))
            return false;
    }
    return true;
}

}  // namespace

// [SECTION] state

bool HarvestView::selectPart(std::string_view part) {
    int number = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), number);
    if (error != std::errc() || end != part.data() + part.size() || number < 1) return false;
    selectMenu(static_cast<std::size_t>(number - 1));
    return true;
}

void HarvestView::refresh(const PanelContext& context) {
    if (context.revision == m_revision && &context.session == m_session) return;
    m_synthesis = synthesize(context.session);
    m_revision = context.revision;
    m_session = &context.session;
    m_themes.synthesisChanged(context.session, m_synthesis);
    if (m_menuChosen || m_menuIndex >= m_synthesis.menus.size() || m_synthesis.menus[m_menuIndex].noteCount > 0)
        return;
    for (std::size_t i = 0; i < m_synthesis.menus.size(); ++i) {
        if (m_synthesis.menus[i].noteCount == 0) continue;
        m_menuIndex = i;
        break;
    }
}

// [SECTION] layout

void HarvestView::draw(const PanelContext& context) {
    // Coming back to the view (it was not drawn last frame) is when the themes may take their sorted places again.
    const int frame = ImGui::GetFrameCount();
    if (frame != m_lastDrawnFrame + 1) m_themes.resort();
    m_lastDrawnFrame = frame;
    refresh(context);
    if (m_synthesis.menus.empty()) {
        emptyState(tr("harvest.no_menus"));
        return;
    }
    if (m_menuIndex >= m_synthesis.menus.size()) m_menuIndex = 0;
    m_edits.beginFrame(context, m_synthesis);

    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float available = ImGui::GetContentRegionAvail().x;
    const float sideWidth = std::clamp(available * 0.24f, em(17.0f), em(24.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {em(0.8f), em(0.6f)});
    if (ImGui::BeginChild("##harvest_side", {sideWidth, 0.0f}, true)) drawSidebar(context);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::SameLine(0.0f, spacing);

    if (ImGui::BeginChild("##harvest_main", {0.0f, 0.0f}, false)) {
        const MenuHarvest& harvest = m_synthesis.menus[m_menuIndex];
        drawMenuHeader(context, harvest);
        if (m_synthesis.noteCount == 0) {
            emptyState(tr("harvest.no_notes"));
        } else if (harvest.noteCount == 0) {
            emptyState(tr("harvest.menu_empty"));
        } else {
            m_themes.draw(HarvestFrame{context, m_synthesis, harvest, m_menuIndex, m_edits});
        }
    }
    ImGui::EndChild();
}

void HarvestView::drawSidebar(const PanelContext& context) {
    ImGui::TextDisabled("%s", tr("harvest.menus"));
    ImGui::Separator();
    drawMenuSelector(context);
    subHeading("harvest.chart.title");
    if (auto clicked = m_chart.draw(context.session, m_synthesis, m_menuIndex)) selectMenu(*clicked);
    subHeading("harvest.export.title");
    m_export.draw(context);
}

void HarvestView::drawMenuSelector(const PanelContext& context) {
    const Session& session = context.session;
    const float line = ImGui::GetTextLineHeight();
    const float rowHeight = line + em(0.5f);
    ImDrawList* drawList = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < m_synthesis.menus.size(); ++i) {
        const MenuHarvest& harvest = m_synthesis.menus[i];
        ImGui::PushID(static_cast<int>(i));
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        if (ImGui::Selectable("##menu", i == m_menuIndex, 0, {width, rowHeight})) selectMenu(i);
        recordItem(("menu:" + std::to_string(i)).c_str());
        const Menu* menu = session.findMenu(harvest.menu);
        if (ImGui::IsItemHovered() && menu && !menu->question.empty()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(em(26.0f));
            ImGui::TextUnformatted(menu->question.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }

        // Swatch, "Menu 1 · title" (cut with … when long) and the note count at the right edge.
        const float top = pos.y + (rowHeight - line) * 0.5f;
        const float swatch = em(0.8f);
        drawList->AddRectFilled({pos.x + em(0.2f), top + (line - swatch) * 0.5f},
                                {pos.x + em(0.2f) + swatch, top + (line + swatch) * 0.5f},
                                colourFromRgb(menuColour(session, harvest)), em(0.15f));
        const std::string count = std::to_string(harvest.noteCount);
        const float countWidth = ImGui::CalcTextSize(count.c_str()).x;
        const float countX = pos.x + width - countWidth - em(0.3f);
        drawList->AddText({countX, top}, ImGui::GetColorU32(ImGuiCol_TextDisabled), count.c_str());
        const std::string label = harvest.menu == kNoMenu
                                      ? menuTitle(session, harvest)
                                      : menuNumberLabel(harvest, i) + " · " + menuTitle(session, harvest);
        const float textX = pos.x + em(0.2f) + swatch + em(0.5f);
        const float textMax = countX - em(0.5f);
        ImGui::RenderTextEllipsis(drawList, {textX, top}, {textMax, top + line}, textMax, textMax, label.c_str(),
                                  nullptr, nullptr);
        ImGui::PopID();
    }
    ImGui::TextDisabled("%s", trf("harvest.total", {notesLabel(m_synthesis.noteCount)}).c_str());
}

void HarvestView::drawMenuHeader(const PanelContext& context, const MenuHarvest& harvest) {
    const Session& session = context.session;
    const Menu* menu = session.findMenu(harvest.menu);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float bar = em(0.35f);
    ImGui::Indent(bar + em(0.6f));
    ImGui::BeginGroup();
    const std::string title = harvest.menu == kNoMenu
                                  ? menuTitle(session, harvest)
                                  : menuNumberLabel(harvest, m_menuIndex) + " · " + menuTitle(session, harvest);
    // The heading font carries only the glyphs the shell built it for (the UI's strings and the menu titles).
    ImFont* heading = headingFont();
    const bool large = hasGlyphs(heading, title);
    if (large) ImGui::PushFont(heading);
    ImGui::TextUnformatted(title.c_str());
    const float headingSize = large ? heading->FontSize * heading->Scale : ImGui::GetFontSize();
    if (large) ImGui::PopFont();
    if (harvest.noteCount > 0) {
        // On the heading's baseline, not its top.
        ImGui::SameLine(0.0f, em(1.0f));
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (headingSize - ImGui::GetFontSize()) * 0.8f);
        int themes = 0;
        for (const ThemeSummary& theme : harvest.themes) themes += isReportTheme(theme) ? 1 : 0;
        const std::string stats = notesLabel(harvest.noteCount) + " · " + tablesLabel(harvest.tables) + " · " +
                                  trf("harvest.themes_n", {std::to_string(themes)});
        ImGui::TextDisabled("%s", stats.c_str());
    }
    if (menu && !menu->question.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(menu->question.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndGroup();
    ImGui::Unindent(bar + em(0.6f));
    ImGui::GetWindowDrawList()->AddRectFilled(pos, {pos.x + bar, ImGui::GetItemRectMax().y},
                                              colourFromRgb(menuColour(session, harvest)), bar * 0.5f);

    if (!harvest.keywords.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", tr("harvest.keywords"));
        // Keywords as chips, wrapping onto further lines when the window is narrow.
        const float maxX = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
        const ImVec2 padding{em(0.45f), em(0.15f)};
        ImDrawList* drawList = ImGui::GetWindowDrawList();
        for (const Keyword& keyword : harvest.keywords) {
            const ImVec2 text = ImGui::CalcTextSize(keyword.term.c_str());
            const ImVec2 size{text.x + padding.x * 2.0f, text.y + padding.y * 2.0f};
            ImGui::SameLine(0.0f, em(0.4f));
            if (ImGui::GetCursorScreenPos().x + size.x > maxX) ImGui::NewLine();
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::Dummy(size);
            drawList->AddRectFilled(at, {at.x + size.x, at.y + size.y}, ImGui::GetColorU32(ImGuiCol_FrameBg),
                                    size.y * 0.5f);
            drawList->AddText({at.x + padding.x, at.y + padding.y}, ImGui::GetColorU32(ImGuiCol_Text),
                              keyword.term.c_str());
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", trf("harvest.keyword_count", {std::to_string(keyword.count)}).c_str());
        }
    }
    ImGui::Separator();
    ImGui::Spacing();
}

}  // namespace worldcafe::gui
