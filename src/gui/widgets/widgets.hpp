#pragma once
// Small widgets shared by the panels: edit buffers that turn one edit into one action, em-sized layout helpers,
// and buttons labelled by i18n key.

#include <imgui.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "palette.hpp"

namespace worldcafe::gui {

// Layout is measured in em (the current font size), so one layout reads well on a laptop and on a projector.
inline float em(float count = 1.0f) { return ImGui::GetFontSize() * count; }

ImU32 colourFromRgb(std::uint32_t rgb, float alpha = 1.0f);
ImVec4 colourVecFromRgb(std::uint32_t rgb, float alpha = 1.0f);

// The current theme's (palette.hpp): references, so a change of theme reaches every panel at its next frame.
inline const ImVec4& kErrorColour = currentPalette().error;
inline const ImVec4& kWarningColour = currentPalette().warning;
inline const ImVec4& kSuccessColour = currentPalette().success;
inline const ImVec4& kMutedColour = currentPalette().muted;

// Holds what the user types while a widget is active and hands it over once, when the widget is deactivated after
// an edit (IsItemDeactivatedAfterEdit). Buffers are keyed by ImGui id, so moving focus between two fields (Tab or
// Shift+Tab) keeps both edits.
class EditBuffers {
public:
    // Single-line text, NFC-normalised and trimmed on commit. Returns true (and sets `committed`) when the
    // committed text differs from `value`.
    bool text(const char* id, const std::string& value, std::string& committed, const char* hint = nullptr,
              ImGuiInputTextFlags flags = 0);
    bool multiline(const char* id, const std::string& value, std::string& committed, const ImVec2& size);
    // `step` 0 leaves out the -/+ buttons (for numbers that are identifiers rather than quantities).
    bool integer(const char* id, int value, int& committed, int min, int max, int step = 1);

private:
    std::unordered_map<ImGuiID, std::string> m_text;
    std::unordered_map<ImGuiID, int> m_integers;
};

// Buttons labelled by i18n key; the id stays the same whatever the language.
bool actionButton(const char* key);
bool smallActionButton(const char* key);

// How wide actionButton(key) or smallActionButton(key) will be (the same: only their height differs), to lay out a
// row before drawing it.
float actionButtonWidth(const char* key);
// Between two items of a row: the next one (`nextWidth` wide) stays on this line when it fits whole, else it starts
// the next line. A button cut off at the panel's edge cannot be read and may not be clickable.
void sameLineIfFits(float nextWidth);

// `text` cut at a character boundary and ended with "…" so that it is at most `width` wide; whole when it fits.
std::string fitText(const std::string& text, float width);
// One line of text no wider than `width`: shortened with "…" when it would not fit, and then the whole of it
// (or `tooltip`, when given) shows on hover. Returns true when the text was shortened.
bool shortenedText(const std::string& text, float width, const ImVec4* colour = nullptr,
                   const std::string* tooltip = nullptr);

// A two-column form: labels on the left, fields filling the right column up to a readable width.
bool beginForm(const char* id, float labelWidthEm = 10.0f);
void formRow(const char* key);
void endForm();

void sectionHeading(const char* key);
// A quiet label over a group of content, with a rule under it.
void subHeading(const char* key);

// A small "×" that only shows its colour when hovered: rows full of loud remove buttons read as alarms.
bool removeButton(const char* id, const char* tooltip);

// Inside dense tables, combo arrows and step buttons take the frame's colour so the content stands out.
void pushCellStyle();
void popCellStyle();

// Wrapped text in a frame that looks like a field; returns true when clicked (the caller switches to editing).
// ImGui's multi-line input cannot wrap, and a question cut off at the column edge is no use to a facilitator.
bool wrappedTextButton(const char* id, const std::string& text, const char* placeholder);
// Grey text shown where a list is empty: what is missing and how to add it.
void emptyState(const char* text);
void helpMarker(const char* text);

// The heading font when the atlas has one (the shell adds it as the second font), else the current font.
ImFont* headingFont();

// Test hook: when a recorder is installed, widgets record their rectangles under the id or key they were drawn
// with, so headless tests can click and type into them without knowing the layout.
struct RecordedItem {
    std::string key;
    ImVec2 min;
    ImVec2 max;
    ImVec2 centre() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
};
void setItemRecorder(std::vector<RecordedItem>* recorder);
void recordItem(const char* key);

}  // namespace worldcafe::gui
