#pragma once

#include <filesystem>
#include <optional>
#include <utility>

#include "panel.hpp"
#include "worldcafe/report.hpp"

namespace worldcafe::gui {

// The harvest as files to share: a button per format. A button only asks for the report (an ExportReportRequest in
// the output); the shell asks where to write it (the file menu's Export report… lands there too) and calls write().
class ExportPanel {
public:
    void draw(const PanelContext& context);

    static constexpr ExportFormat kFormats[] = {ExportFormat::Markdown, ExportFormat::Html, ExportFormat::Csv,
                                                ExportFormat::Xlsx, ExportFormat::Json};
    static const char* labelKey(ExportFormat format);  // "Markdown (.md)"
    static const char* helpKey(ExportFormat format);   // what the file holds and who it is for
    // "NAME-harvest.md" beside NAME.wcafe.
    static std::string defaultFileName(const std::filesystem::path& sessionFile, ExportFormat format);
    // Synthesises and writes `file` (atomically), then says where in a notice. False when writing failed.
    static bool write(const Session& session, ExportFormat format, const std::filesystem::path& file,
                      PanelOutput& out);
};

}  // namespace worldcafe::gui
