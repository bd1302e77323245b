#pragma once
// The console's "Phone links…" button and its popup (issue 11): while the room is open to phones, the QR codes of the
// guests' page and of each table's host page, for a host who lost their tent card or a guest at the door.

#include <map>
#include <string>

#include "panel.hpp"
#include "qr_widget.hpp"

namespace worldcafe::gui {

class LinksPopup {
public:
    // Draws nothing while the room is closed (context.roomBase empty).
    void draw(const PanelContext& context);

private:
    const QrMatrix* codeFor(const std::string& url) { return m_codes[url].get(url); }

    std::map<std::string, QrCache> m_codes;  // by URL; cleared when the room's address changes
    std::string m_codesBase;
};

}  // namespace worldcafe::gui
