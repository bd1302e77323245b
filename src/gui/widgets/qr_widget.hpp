#pragma once
// QR codes in the GUI (issue 11), drawn as filled rectangles in a draw list: no texture to upload or keep, and every
// module lands on whole pixels so a phone's camera sees sharp edges even on a projector.

#include <imgui.h>

#include <optional>
#include <string>

#include "worldcafe/qr.hpp"

namespace worldcafe::gui {

// The code for one URL, encoded again only when the URL changes (encoding a long URL takes a millisecond or two).
class QrCache {
public:
    // Null when `url` is empty or cannot be encoded (then error() says why).
    const QrMatrix* get(const std::string& url);
    const std::string& error() const { return m_error; }

private:
    std::optional<std::string> m_url;
    QrMatrix m_matrix;
    std::string m_error;
};

// Draws `matrix`, quiet zone included and painted white, in a square at `origin` at most `side` pixels wide, rounded
// down to whole pixels per module. Returns the side drawn.
float drawQr(ImDrawList* list, const QrMatrix& matrix, ImVec2 origin, float side);

// The code as an ImGui item of `side` pixels in the current window, its URL in a tooltip.
void qrItem(const QrMatrix& matrix, float side, const std::string& url);

}  // namespace worldcafe::gui
