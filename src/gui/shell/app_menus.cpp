// The App's menu bar with its status, the keyboard shortcuts, the read-only banner and the welcome screen.

#include "app.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>

#include "action_words.hpp"
#include "app_internal.hpp"
#include "export_panel.hpp"
#include "fonts.hpp"
#include "i18n.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

using app_detail::fileName;
using app_detail::kZoomStep;

// [SECTION] menus, shortcuts and screens

void App::handleShortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    // Esc from the console reaches a projector that covers the screen being typed into; during a round it asks
    // first, since Esc is also what people press to leave a field or a menu while the room reads the wall.
    if (m_projectorWindow && !io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) && !m_modals.active() &&
        !m_picker.isOpen() && !io.WantTextInput && !ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId))
        command([this] { askCloseProjector(); });
    if (!io.KeyCtrl || m_modals.active() || m_picker.isOpen()) return;
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    bool typing = io.WantTextInput;
    if (pressed(GLFW_KEY_S)) command([this, shift = io.KeyShift] { shift ? startSaveAs() : (void)save(); });
    if (pressed(GLFW_KEY_O)) command([this] { startOpen(); });
    if (pressed(GLFW_KEY_N)) command([this] { startNew(); });
    if (pressed(GLFW_KEY_Q)) requestQuit();
    // While a field is being typed in, Ctrl+Z undoes typing in that field, as everywhere else.
    if (!typing && pressed(GLFW_KEY_Z)) command([this, shift = io.KeyShift] { shift ? redo() : undo(); });
    if (!typing && pressed(GLFW_KEY_Y)) command([this] { redo(); });
    if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)) command([this] { setZoom(m_zoom + kZoomStep); });
    if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) command([this] { setZoom(m_zoom - kZoomStep); });
    if (pressed(GLFW_KEY_0) || pressed(GLFW_KEY_KP_0)) command([this] { setZoom(1.0f); });
}

void App::drawMenuBar() {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(trId("menu.file").c_str())) {
        if (ImGui::MenuItem(trId("menu.file.new").c_str(), "Ctrl+N")) command([this] { startNew(); });
        if (ImGui::MenuItem(trId("menu.file.open").c_str(), "Ctrl+O")) command([this] { startOpen(); });
        ImGui::Separator();
        if (ImGui::MenuItem(trId("menu.file.save").c_str(), "Ctrl+S", false, canEdit())) command([this] { save(); });
        if (ImGui::MenuItem(trId("menu.file.save_as").c_str(), "Ctrl+Shift+S", false,
                            m_engine && m_readOnlyReason != ReadOnlyReason::NewerVersion))
            command([this] { startSaveAs(); });
        if (ImGui::MenuItem(trId("menu.file.revert").c_str(), nullptr, false, canEdit() && m_engine->canRevert()))
            command([this] { startRevert(); });
        if (ImGui::MenuItem(trId("menu.file.recover").c_str(), nullptr, false, canEdit()))
            command([this] { startRecover(); });
        ImGui::Separator();
        if (ImGui::MenuItem(trId("menu.file.import").c_str(), nullptr, false, canEdit()))
            command([this] { startImport(); });
        if (ImGui::MenuItem(trId("menu.file.export").c_str(), nullptr, false, m_engine != nullptr))
            command([this] { startExport(); });
        if (ImGui::BeginMenu(trId("harvest.menu.export_report").c_str(), m_engine != nullptr)) {
            for (ExportFormat format : ExportPanel::kFormats)
                if (ImGui::MenuItem(trId(ExportPanel::labelKey(format)).c_str()))
                    command([this, format] { startReportExport(format); });
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem(trId("menu.file.print_cards").c_str(), nullptr, false, m_engine != nullptr))
            command([this] { startPrint(PickerPurpose::PrintCards); });
        if (ImGui::MenuItem(trId("menu.file.print_tents").c_str(), nullptr, false, m_engine != nullptr))
            command([this] { startPrint(PickerPurpose::PrintTents); });
        ImGui::Separator();
        if (ImGui::MenuItem(trId("menu.file.quit").c_str(), "Ctrl+Q")) requestQuit();
        ImGui::EndMenu();
    }
    const bool editOpen = ImGui::BeginMenu(trId("menu.edit").c_str());
    recordItem("menu.edit");
    if (editOpen) {
        bool canUndo = canEdit() && m_engine->canUndo();
        bool canRedo = canEdit() && m_engine->canRedo();
        // The engine keeps what each step does without the words; they come from the language on screen.
        std::string undo =
            canUndo ? trf("menu.edit.undo_action", {actionWords(m_engine->undoWords())}) : tr("menu.edit.undo");
        std::string redo =
            canRedo ? trf("menu.edit.redo_action", {actionWords(m_engine->redoWords())}) : tr("menu.edit.redo");
        const bool undoChosen = ImGui::MenuItem((undo + "###undo").c_str(), "Ctrl+Z", false, canUndo);
        recordItem(undo.c_str());
        if (undoChosen) command([this] { this->undo(); });
        const bool redoChosen = ImGui::MenuItem((redo + "###redo").c_str(), "Ctrl+Shift+Z", false, canRedo);
        recordItem(redo.c_str());
        if (redoChosen) command([this] { this->redo(); });
        ImGui::EndMenu();
    }
    const bool viewOpen = ImGui::BeginMenu(trId("menu.view").c_str());
    recordItem("menu.view");
    if (viewOpen) {
        if (ImGui::BeginMenu(trId("menu.view.language").c_str())) {
            for (const LanguageInfo& language : supportedLanguages()) {
                std::string code = language.code;
                if (ImGui::MenuItem(language.nativeName, nullptr, m_language == code))
                    command([this, code] {
                        m_languageChosen = true;
                        setLanguage(code);
                    });
            }
            ImGui::EndMenu();
        }
        ImGui::Separator();
        const bool zoomIn = ImGui::MenuItem(trId("menu.view.zoom_in").c_str(), "Ctrl++");
        recordItem("menu.view.zoom_in");
        if (zoomIn) command([this] { setZoom(m_zoom + kZoomStep); });
        if (ImGui::MenuItem(trId("menu.view.zoom_out").c_str(), "Ctrl+-"))
            command([this] { setZoom(m_zoom - kZoomStep); });
        if (ImGui::MenuItem(trId("menu.view.zoom_reset").c_str(), "Ctrl+0")) command([this] { setZoom(1.0f); });
        ImGui::EndMenu();
    }

    if (m_engine && !m_options.presentation) {
        // Save state at the right edge, where a facilitator glances before closing the laptop.
        const char* state = m_engine->readOnly() ? tr("status.read_only") : tr("status.saved");
        std::string text = fileName(m_engine->file()) + "  ·  " + state;
        float width = ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2.0f;
        ImGui::SameLine(ImGui::GetWindowWidth() - width);
        ImGui::TextDisabled("%s", text.c_str());
    }
    ImGui::EndMainMenuBar();
}

void App::drawReadOnlyBanner() {
    if (!m_engine || !m_engine->readOnly() || m_options.presentation) return;
    const char* key = m_readOnlyReason == ReadOnlyReason::NewerVersion      ? "readonly.banner_newer"
                      : m_readOnlyReason == ReadOnlyReason::LockedElsewhere ? "readonly.banner_locked"
                                                                            : "readonly.banner";
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0.42f, 0.31f, 0.06f, 1.0f});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {em(0.8f), em(0.35f)});
    float height = ImGui::GetFrameHeight() + em(0.7f);
    if (ImGui::BeginChild("##read_only_banner", {0.0f, height}, false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr(key));
        if (m_readOnlyReason != ReadOnlyReason::NewerVersion) {
            ImGui::SameLine();
            if (actionButton("readonly.save_copy")) command([this] { startSaveAs(); });
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::Spacing();
}

void App::drawWelcome() {
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const float width = std::min(available.x, em(30.0f));
    ImGui::SetCursorPos({(available.x - width) * 0.5f, available.y * 0.3f});
    ImGui::BeginGroup();
    ImGui::PushFont(headingFont());
    ImGui::TextUnformatted(tr("app.name"));
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextDisabled("%s", tr("welcome.no_session"));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (actionButton("welcome.new")) command([this] { startNew(); });
    ImGui::SameLine();
    if (actionButton("welcome.open")) command([this] { startOpen(); });
    ImGui::EndGroup();
}

}  // namespace worldcafe::gui
