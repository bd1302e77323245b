#pragma once

#include <cstdint>
#include <unordered_map>

#include "panel.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

// The menus: each is a question a table discusses, with a title and a colour the signs and projector use.
class MenusPanel {
public:
    void draw(const PanelContext& context);

    // Colours for new menus: the Okabe-Ito palette, which stays distinct for colour-blind readers.
    static std::uint32_t paletteColour(std::size_t index);

private:
    void drawRow(const PanelContext& context, const Menu& menu, int index);

    EditBuffers m_edits;
    // A colour being dragged in the picker: committed once nothing is active, so a drag is one action.
    std::unordered_map<MenuId, std::uint32_t> m_pendingColours;
    // The question shown as wrapped text until clicked; then edited here until the field lets go.
    MenuId m_editingQuestion = kNoMenu;
    int m_questionFramesToActivate = 0;
};

}  // namespace worldcafe::gui
