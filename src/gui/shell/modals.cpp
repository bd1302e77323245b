#include "modals.hpp"

#include <imgui.h>

#include <algorithm>

#include "widgets.hpp"

namespace worldcafe::gui {

void Modals::ask(std::string title, std::string message, std::vector<ModalChoice> choices) {
    m_queue.push_back({std::move(title), std::move(message), std::move(choices), m_nextId++});
}

const std::string& Modals::currentTitle() const {
    static const std::string none;
    return m_queue.empty() ? none : m_queue.front().title;
}

void Modals::draw() {
    if (m_queue.empty()) return;
    Question& question = m_queue.front();
    // The title is translated text; the id after ### keeps the popup the same across frames.
    std::string name = question.title + "###modal" + std::to_string(question.id);
    if (m_openedId != question.id) {
        ImGui::OpenPopup(name.c_str());
        m_openedId = question.id;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
    ImGui::SetNextWindowSizeConstraints({em(22.0f), 0.0f}, {em(40.0f), viewport->WorkSize.y * 0.8f});

    std::function<void()> chosen;
    bool answered = false;
    if (ImGui::BeginPopupModal(name.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(em(36.0f));
        ImGui::TextUnformatted(question.message.c_str());
        recordItem(question.message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
        bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
        // A list of choices (Recover's kept states) reads better one under the other.
        bool stacked = question.choices.size() > 3;
        for (std::size_t i = 0; i < question.choices.size(); ++i) {
            ModalChoice& choice = question.choices[i];
            if (i > 0 && !stacked) ImGui::SameLine();
            std::string label = choice.label + "###choice" + std::to_string(i);
            if (choice.isDefault)
                ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
            float width = std::max(stacked ? em(20.0f) : em(7.0f), ImGui::CalcTextSize(choice.label.c_str()).x + em(1.5f));
            bool pressed = ImGui::Button(label.c_str(), {width, 0.0f});
            if (choice.isDefault) ImGui::PopStyleColor();
            recordItem(choice.label.c_str());
            if (pressed || (enter && choice.isDefault) || (escape && i + 1 == question.choices.size())) {
                chosen = choice.onChoose;
                answered = true;
                break;
            }
        }
        if (answered) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (answered) {
        m_queue.pop_front();
        m_openedId = 0;
        if (chosen) chosen();
    }
}

}  // namespace worldcafe::gui
