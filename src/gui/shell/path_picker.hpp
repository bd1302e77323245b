#pragma once
// ImGui has no file dialog: a small modal with a path field, the listing of one folder filtered by extension,
// click to choose, double-click or Enter to confirm.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace worldcafe::gui {

class PathPicker {
public:
    enum class Mode { Open, Save };

    // `titleKey` is an i18n key; `extension` includes the dot (".wcafe", ".csv"); an Open picker may list several,
    // separated by spaces (".csv .xlsx"). A Save picker adds the first when the name has none of them.
    void open(Mode mode, const char* titleKey, std::string extension, const std::filesystem::path& directory,
              const std::string& fileName = {});
    // Draws the modal while open. Returns the chosen path once, in the frame the user confirms.
    std::optional<std::filesystem::path> draw();
    bool isOpen() const { return m_open || m_openRequested; }

    // Where a picker starts when nothing better is known: the session's folder, else the working directory.
    static std::filesystem::path defaultDirectory(const std::filesystem::path& sessionFile);

private:
    struct Entry {
        std::string name;
        bool directory = false;
    };
    void navigate(const std::filesystem::path& directory);
    std::optional<std::filesystem::path> confirm();
    bool listed(const std::filesystem::path& file) const;

    Mode m_mode = Mode::Open;
    const char* m_titleKey = "";
    std::string m_extension;
    std::filesystem::path m_directory;
    std::string m_pathText;
    std::string m_listingError;
    std::vector<Entry> m_entries;
    bool m_openRequested = false;
    bool m_open = false;
    bool m_focusPath = false;
};

}  // namespace worldcafe::gui
