#include "toasts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "widgets.hpp"

namespace worldcafe::gui {

namespace {

constexpr std::size_t kMaxToasts = 6;

ImVec4 accentFor(NoticeKind kind) {
    switch (kind) {
        case NoticeKind::Success: return kSuccessColour;
        case NoticeKind::Warning: return kWarningColour;
        case NoticeKind::Error: return kErrorColour;
        case NoticeKind::Info: break;
    }
    return {0.35f, 0.62f, 0.95f, 1.0f};
}

const char* logPrefix(NoticeKind kind) {
    switch (kind) {
        case NoticeKind::Warning: return "warning";
        case NoticeKind::Error: return "error";
        case NoticeKind::Info:
        case NoticeKind::Success: break;
    }
    return "info";
}

}  // namespace

void Toasts::push(NoticeKind kind, std::string text, Clock::time_point now) {
    std::fprintf(stderr, "worldcafe: %s: %s\n", logPrefix(kind), text.c_str());
    // Errors stay longer: they usually ask the reader to do something.
    auto lifetime = kind == NoticeKind::Error     ? std::chrono::milliseconds(10000)
                    : kind == NoticeKind::Warning ? std::chrono::milliseconds(8000)
                                                  : std::chrono::milliseconds(4000);
    m_toasts.push_back({kind, std::move(text), now, lifetime, m_nextId++});
    while (m_toasts.size() > kMaxToasts) m_toasts.pop_front();
}

bool Toasts::showing(std::string_view text) const {
    for (const Toast& toast : m_toasts)
        if (toast.text.find(text) != std::string::npos) return true;
    return false;
}

const std::string& Toasts::latestText() const {
    static const std::string none;
    return m_toasts.empty() ? none : m_toasts.back().text;
}

void Toasts::draw(Clock::time_point now) {
    std::erase_if(m_toasts, [&](const Toast& toast) { return now - toast.shown > toast.lifetime; });
    if (m_toasts.empty()) return;

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float margin = em(1.0f);
    float bottom = viewport->WorkPos.y + viewport->WorkSize.y - margin;
    const float right = viewport->WorkPos.x + viewport->WorkSize.x - margin;

    for (auto it = m_toasts.rbegin(); it != m_toasts.rend(); ++it) {
        Toast& toast = *it;
        float remaining = std::chrono::duration<float>(toast.lifetime - (now - toast.shown)).count();
        float alpha = std::clamp(remaining / 0.8f, 0.0f, 1.0f);

        ImGui::SetNextWindowPos({right, bottom}, ImGuiCond_Always, {1.0f, 1.0f});
        ImGui::SetNextWindowSizeConstraints({em(12.0f), 0.0f}, {em(30.0f), em(20.0f)});
        ImGui::SetNextWindowBgAlpha(0.94f * alpha);
        ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {em(0.9f), em(0.6f)});
        std::string name = "##toast" + std::to_string(toast.id);
        bool dismiss = false;
        ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
        if (ImGui::Begin(name.c_str(), nullptr, flags)) {
            ImVec2 min = ImGui::GetWindowPos();
            ImVec2 size = ImGui::GetWindowSize();
            // The accent sits in the window padding, outside the content clip rectangle.
            ImDrawList* drawList = ImGui::GetWindowDrawList();
            drawList->PushClipRect(min, {min.x + size.x, min.y + size.y}, false);
            drawList->AddRectFilled(min, {min.x + em(0.3f), min.y + size.y},
                                    ImGui::ColorConvertFloat4ToU32(accentFor(toast.kind)),
                                    ImGui::GetStyle().WindowRounding, ImDrawFlags_RoundCornersLeft);
            drawList->PopClipRect();
            ImGui::PushTextWrapPos(em(28.0f));
            ImGui::TextUnformatted(toast.text.c_str());
            ImGui::PopTextWrapPos();
            dismiss = ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
            bottom -= ImGui::GetWindowHeight() + em(0.5f);
        }
        ImGui::End();
        ImGui::PopStyleVar(2);
        if (dismiss) toast.lifetime = std::chrono::duration_cast<std::chrono::milliseconds>(now - toast.shown);
    }
}

}  // namespace worldcafe::gui
