#include "path_picker.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>

#include "i18n.hpp"
#include "widgets.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::gui {

namespace {

std::string lowerAscii(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

}  // namespace

std::filesystem::path PathPicker::defaultDirectory(const std::filesystem::path& sessionFile) {
    std::error_code error;
    if (!sessionFile.empty()) {
        auto folder = std::filesystem::absolute(sessionFile, error).parent_path();
        if (!error && std::filesystem::is_directory(folder, error)) return folder;
    }
    auto current = std::filesystem::current_path(error);
    if (!error) return current;
    if (const char* home = std::getenv("HOME")) return home;
    return "/";
}

void PathPicker::open(Mode mode, const char* titleKey, std::string extension, const std::filesystem::path& directory,
                      const std::string& fileName) {
    m_mode = mode;
    m_titleKey = titleKey;
    m_extension = std::move(extension);
    navigate(directory.empty() ? defaultDirectory({}) : directory);
    m_pathText = (m_directory / fileName).string();
    m_openRequested = true;
    m_focusPath = true;
}

void PathPicker::navigate(const std::filesystem::path& directory) {
    std::error_code error;
    std::filesystem::path target = std::filesystem::weakly_canonical(directory, error);
    if (error) target = directory;
    m_entries.clear();
    m_listingError.clear();
    std::filesystem::directory_iterator it(target, std::filesystem::directory_options::skip_permission_denied, error);
    if (error) {
        m_listingError = trf("picker.cannot_list", {target.string(), error.message()});
        return;
    }
    m_directory = target;
    for (; it != std::filesystem::directory_iterator(); it.increment(error)) {
        if (error) break;
        std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::error_code typeError;
        if (it->is_directory(typeError)) {
            m_entries.push_back({name, true});
        } else if (listed(it->path())) {
            m_entries.push_back({name, false});
        }
    }
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
        if (a.directory != b.directory) return a.directory;
        return foldForSearch(a.name) < foldForSearch(b.name);
    });
}

bool PathPicker::listed(const std::filesystem::path& file) const {
    const std::string extension = lowerAscii(file.extension().string());
    if (extension.empty()) return false;
    std::size_t start = 0;
    while (start < m_extension.size()) {
        std::size_t end = m_extension.find(' ', start);
        if (end == std::string::npos) end = m_extension.size();
        if (m_extension.compare(start, end - start, extension) == 0) return true;
        start = end + 1;
    }
    return false;
}

std::optional<std::filesystem::path> PathPicker::confirm() {
    std::string text = trim(m_pathText);
    if (text.empty()) return std::nullopt;
    std::filesystem::path chosen = text;
    if (text[0] == '~' && std::getenv("HOME")) chosen = std::string(std::getenv("HOME")) + text.substr(1);
    if (chosen.is_relative()) chosen = m_directory / chosen;
    std::error_code error;
    if (std::filesystem::is_directory(chosen, error)) {
        navigate(chosen);
        m_pathText = (m_directory / "").string();
        return std::nullopt;
    }
    if (m_mode == Mode::Open) {
        if (!std::filesystem::exists(chosen, error)) {
            m_listingError = trf("picker.not_found", {chosen.string()});
            return std::nullopt;
        }
        return chosen;
    }
    if (!listed(chosen)) chosen += m_extension.substr(0, m_extension.find(' '));
    if (!std::filesystem::is_directory(chosen.parent_path(), error)) {
        m_listingError = trf("picker.no_folder", {chosen.parent_path().string()});
        return std::nullopt;
    }
    return chosen;
}

std::optional<std::filesystem::path> PathPicker::draw() {
    if (!m_open && !m_openRequested) return std::nullopt;
    std::string name = std::string(tr(m_titleKey)) + "###path_picker";
    if (m_openRequested) {
        ImGui::OpenPopup(name.c_str());
        m_openRequested = false;
        m_open = true;
    }
    if (!m_open) return std::nullopt;

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
    ImGui::SetNextWindowSize(
        {std::min(em(44.0f), viewport->WorkSize.x * 0.9f), std::min(em(30.0f), viewport->WorkSize.y * 0.85f)},
        ImGuiCond_Appearing);
    std::optional<std::filesystem::path> result;
    bool keepOpen = true;
    if (ImGui::BeginPopupModal(name.c_str(), &keepOpen)) {
        std::optional<std::filesystem::path> goTo;
        if (actionButton("picker.up")) goTo = m_directory.parent_path();
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(m_directory.string().c_str());

        const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() +
                             ImGui::GetStyle().ItemSpacing.y;
        if (ImGui::BeginChild("##listing", {0.0f, -footer}, true)) {
            if (m_entries.empty()) emptyState(trf("picker.empty", {m_extension}).c_str());
            std::string selectedName = std::filesystem::path(m_pathText).filename().string();
            for (const Entry& entry : m_entries) {
                std::string label = entry.directory ? entry.name + "/" : entry.name;
                if (entry.directory) ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
                bool clicked = ImGui::Selectable(label.c_str(), !entry.directory && entry.name == selectedName,
                                                 ImGuiSelectableFlags_AllowDoubleClick);
                if (entry.directory) ImGui::PopStyleColor();
                recordItem(label.c_str());
                if (!clicked) continue;
                if (entry.directory) {
                    goTo = m_directory / entry.name;
                } else {
                    m_pathText = (m_directory / entry.name).string();
                    m_listingError.clear();
                    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) result = confirm();
                }
            }
        }
        ImGui::EndChild();
        if (goTo) {
            navigate(*goTo);
            m_pathText = (m_directory / std::filesystem::path(m_pathText).filename()).string();
        }

        const char* confirmKey = m_mode == Mode::Open ? "picker.open" : "picker.save";
        const ImGuiStyle& style = ImGui::GetStyle();
        auto buttonWidth = [&](const char* key) {
            return std::max(em(6.0f), ImGui::CalcTextSize(tr(key)).x + style.FramePadding.x * 2.0f);
        };
        const float buttons = buttonWidth(confirmKey) + buttonWidth("common.cancel") + style.ItemSpacing.x * 2.0f;
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - buttons);
        if (m_focusPath) {
            ImGui::SetKeyboardFocusHere();
            m_focusPath = false;
        }
        if (ImGui::InputText("##path", &m_pathText, ImGuiInputTextFlags_EnterReturnsTrue)) {
            result = confirm();
            if (!result) m_focusPath = true;
        }
        recordItem("##path");
        ImGui::SameLine();
        if (ImGui::Button(trId(confirmKey).c_str(), {buttonWidth(confirmKey), 0.0f})) result = confirm();
        recordItem(confirmKey);
        ImGui::SameLine();
        bool cancel = ImGui::Button(trId("common.cancel").c_str(), {buttonWidth("common.cancel"), 0.0f});
        recordItem("common.cancel");

        std::error_code error;
        if (!m_listingError.empty()) {
            ImGui::TextColored(kErrorColour, "%s", m_listingError.c_str());
        } else if (m_mode == Mode::Save && std::filesystem::is_regular_file(m_pathText, error)) {
            ImGui::TextColored(kWarningColour, "%s", tr("picker.will_replace"));
        } else {
            ImGui::TextDisabled("%s", trf("picker.filter", {m_extension}).c_str());
        }

        if (cancel || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) keepOpen = false;
        if (result || !keepOpen) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (result || !keepOpen) m_open = false;
    return result;
}

}  // namespace worldcafe::gui
