#include "qr_widget.hpp"

#include <algorithm>
#include <cmath>

namespace worldcafe::gui {

const QrMatrix* QrCache::get(const std::string& url) {
    if (!m_url || *m_url != url) {
        m_url = url;
        m_matrix = QrMatrix();
        m_error.clear();
        if (!url.empty()) {
            try {
                m_matrix = encodeQr(url);
            } catch (const QrEncodeError& error) {
                m_error = error.what();
            }
        }
    }
    return m_matrix.empty() ? nullptr : &m_matrix;
}

float drawQr(ImDrawList* list, const QrMatrix& matrix, ImVec2 origin, float side) {
    const int n = matrix.size();
    if (n == 0) return 0.0f;
    // Whole pixels per module: a fractional module size blurs module borders into grey, which scanners misread.
    const float module = std::max(1.0f, std::floor(side / static_cast<float>(n)));
    const float drawn = module * static_cast<float>(n);
    const ImVec2 min{std::round(origin.x), std::round(origin.y)};
    list->AddRectFilled(min, {min.x + drawn, min.y + drawn}, IM_COL32(255, 255, 255, 255));
    const ImU32 dark = IM_COL32(0, 0, 0, 255);
    for (const QrMatrix::Run& run : matrix.darkRuns()) {
        const ImVec2 a{min.x + module * static_cast<float>(run.x), min.y + module * static_cast<float>(run.y)};
        list->AddRectFilled(a, {a.x + module * static_cast<float>(run.length), a.y + module}, dark);
    }
    return drawn;
}

void qrItem(const QrMatrix& matrix, float side, const std::string& url) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float drawn = drawQr(ImGui::GetWindowDrawList(), matrix, origin, side);
    ImGui::Dummy({drawn, drawn});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", url.c_str());
}

}  // namespace worldcafe::gui
