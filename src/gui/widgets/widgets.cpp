#include "widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "i18n.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::gui {

namespace {

std::vector<RecordedItem>* g_recorder = nullptr;

// ImGui::GetID() keeps the active id alive, which confuses the group InputInt wraps around its step buttons
// (its edit is then credited to the "+" button, and ImGui asserts). Looking the id up must have no side effect.
ImGuiID idOf(const char* label) { return ImGui::GetCurrentWindow()->GetIDNoKeepAlive(label); }

// The end of every edit: keep the buffer while the item is active; once it is not, hand the value over if it
// changed. A buffer left from the previous frame means the item was active then, so it has just been deactivated
// even when focus moved to a widget drawn earlier in this frame.
template <class T>
bool settle(std::unordered_map<ImGuiID, T>& buffers, ImGuiID key, T& local, bool changedNow, const T& value,
            T& committed) {
    if (ImGui::IsItemActive()) {
        buffers[key] = local;
        return false;
    }
    bool wasLive = buffers.erase(key) > 0;
    if (!wasLive && !changedNow && !ImGui::IsItemDeactivatedAfterEdit()) return false;
    if (local == value) return false;
    committed = local;
    return true;
}

}  // namespace

ImU32 colourFromRgb(std::uint32_t rgb, float alpha) {
    return ImGui::ColorConvertFloat4ToU32(colourVecFromRgb(rgb, alpha));
}

ImVec4 colourVecFromRgb(std::uint32_t rgb, float alpha) {
    return {((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f, alpha};
}

bool EditBuffers::text(const char* id, const std::string& value, std::string& committed, const char* hint,
                       ImGuiInputTextFlags flags) {
    ImGuiID key = idOf(id);
    auto live = m_text.find(key);
    std::string local = live != m_text.end() ? live->second : value;
    bool changed = hint ? ImGui::InputTextWithHint(id, hint, &local, flags) : ImGui::InputText(id, &local, flags);
    recordItem(id);
    if (!ImGui::IsItemActive()) local = normalizeNfc(trim(local));
    return settle(m_text, key, local, changed, value, committed);
}

bool EditBuffers::multiline(const char* id, const std::string& value, std::string& committed, const ImVec2& size) {
    ImGuiID key = idOf(id);
    auto live = m_text.find(key);
    std::string local = live != m_text.end() ? live->second : value;
    ImGui::InputTextMultiline(id, &local, size);
    recordItem(id);
    if (!ImGui::IsItemActive()) local = normalizeNfc(local);
    return settle(m_text, key, local, false, value, committed);
}

bool EditBuffers::integer(const char* id, int value, int& committed, int min, int max, int step) {
    ImGuiID key = idOf(id);
    auto live = m_integers.find(key);
    int local = live != m_integers.end() ? live->second : value;
    // A click on a step button changes the value without leaving anything to deactivate: commit it at once.
    bool changed = ImGui::InputInt(id, &local, step, step * 5);
    recordItem(id);
    if (!ImGui::IsItemActive()) local = std::clamp(local, min, max);
    return settle(m_integers, key, local, changed, value, committed);
}

bool actionButton(const char* key) {
    bool pressed = ImGui::Button(trId(key).c_str());
    recordItem(key);
    return pressed;
}

bool smallActionButton(const char* key) {
    bool pressed = ImGui::SmallButton(trId(key).c_str());
    recordItem(key);
    return pressed;
}

float actionButtonWidth(const char* key) {
    return ImGui::CalcTextSize(trId(key).c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

void sameLineIfFits(float nextWidth) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // The cursor is at the start of the next line: its right edge is that line's.
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    if (ImGui::GetItemRectMax().x + spacing + nextWidth <= right + 0.5f) ImGui::SameLine(0.0f, spacing);
}

std::string fitText(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    static constexpr const char* kEllipsis = "…";
    const float room = width - ImGui::CalcTextSize(kEllipsis).x;
    // The code point boundaries, then the longest prefix that leaves room for the ellipsis.
    std::vector<std::size_t> ends;
    const char* begin = text.c_str();
    const char* end = begin + text.size();
    for (const char* cursor = begin; cursor < end;) {
        unsigned int codepoint = 0;
        const int length = ImTextCharFromUtf8(&codepoint, cursor, end);
        cursor += std::max(length, 1);
        ends.push_back(static_cast<std::size_t>(cursor - begin));
    }
    std::size_t low = 0;  // a count of code points that fits
    std::size_t high = ends.size();
    while (low < high) {
        const std::size_t middle = (low + high + 1) / 2;
        if (ImGui::CalcTextSize(begin, begin + ends[middle - 1]).x <= room)
            low = middle;
        else
            high = middle - 1;
    }
    std::string shown = low == 0 ? std::string() : text.substr(0, ends[low - 1]);
    // "Kim, …" reads worse than "Kim…".
    while (!shown.empty() && (shown.back() == ' ' || shown.back() == ',')) shown.pop_back();
    return shown + kEllipsis;
}

bool shortenedText(const std::string& text, float width, const ImVec4* colour, const std::string* tooltip) {
    const std::string shown = fitText(text, width);
    if (colour)
        ImGui::TextColored(*colour, "%s", shown.c_str());
    else
        ImGui::TextUnformatted(shown.c_str());
    const bool cut = shown != text;
    if ((cut || tooltip) && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em(28.0f));
        ImGui::TextUnformatted(tooltip ? tooltip->c_str() : text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    return cut;
}

bool beginForm(const char* id, float labelWidthEm) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) return false;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, em(labelWidthEm));
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
    return true;
}

void formRow(const char* key) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(key));
    ImGui::TableSetColumnIndex(1);
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, em(32.0f)));
}

void endForm() { ImGui::EndTable(); }

void sectionHeading(const char* key) {
    ImGui::PushFont(headingFont());
    ImGui::TextUnformatted(tr(key));
    ImGui::PopFont();
    ImGui::Spacing();
}

void subHeading(const char* key) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr(key));
    ImGui::Separator();
    ImGui::Spacing();
}

bool removeButton(const char* id, const char* tooltip) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{0.0f, 0.0f, 0.0f, 0.0f});
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4{kErrorColour.x, kErrorColour.y, kErrorColour.z, 0.55f});
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, kErrorColour);
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
    std::string label = std::string("×##") + id;
    bool pressed = ImGui::Button(label.c_str());
    ImGui::PopStyleColor(4);
    recordItem(id);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
    return pressed;
}

void pushCellStyle() {
    ImVec4 frame = ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
    ImVec4 hovered = ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered);
    ImGui::PushStyleColor(ImGuiCol_Button, frame);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hovered);
}

void popCellStyle() { ImGui::PopStyleColor(2); }

bool wrappedTextButton(const char* id, const std::string& text, const char* placeholder) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = std::max(ImGui::GetContentRegionAvail().x, em(4.0f));
    const float wrap = width - style.FramePadding.x * 2.0f;
    const char* shown = text.empty() ? placeholder : text.c_str();
    ImVec2 textSize = ImGui::CalcTextSize(shown, nullptr, false, wrap);
    ImVec2 size{width, std::max(textSize.y, ImGui::GetTextLineHeight()) + style.FramePadding.y * 2.0f};
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(id, size);
    recordItem(id);
    bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    ImDrawList* drawList = ImGui::GetWindowDrawList();
    drawList->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y},
                            ImGui::GetColorU32(hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg),
                            style.FrameRounding);
    drawList->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                      {pos.x + style.FramePadding.x, pos.y + style.FramePadding.y},
                      ImGui::GetColorU32(text.empty() ? ImGuiCol_TextDisabled : ImGuiCol_Text), shown, nullptr, wrap);
    return clicked;
}

void emptyState(const char* text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    ImGui::Spacing();
}

void helpMarker(const char* text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em(28.0f));
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

ImFont* headingFont() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > 1 ? atlas->Fonts[1] : ImGui::GetFont();
}

void setItemRecorder(std::vector<RecordedItem>* recorder) { g_recorder = recorder; }

void recordItem(const char* key) {
    if (!g_recorder) return;
    g_recorder->push_back({key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

}  // namespace worldcafe::gui
