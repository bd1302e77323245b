#include "export_panel.hpp"

#include <imgui.h>

#include <algorithm>

#include "i18n.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

const char* ExportPanel::labelKey(ExportFormat format) {
    switch (format) {
        case ExportFormat::Markdown: return "harvest.export.md";
        case ExportFormat::Html: return "harvest.export.html";
        case ExportFormat::Csv: return "harvest.export.csv";
        case ExportFormat::Xlsx: return "harvest.export.xlsx";
        case ExportFormat::Json: return "harvest.export.json";
    }
    return "harvest.export.md";
}

const char* ExportPanel::helpKey(ExportFormat format) {
    switch (format) {
        case ExportFormat::Markdown: return "harvest.export.md_help";
        case ExportFormat::Html: return "harvest.export.html_help";
        case ExportFormat::Csv: return "harvest.export.csv_help";
        case ExportFormat::Xlsx: return "harvest.export.xlsx_help";
        case ExportFormat::Json: return "harvest.export.json_help";
    }
    return "harvest.export.md_help";
}

std::string ExportPanel::defaultFileName(const std::filesystem::path& sessionFile, ExportFormat format) {
    std::string stem = sessionFile.stem().string();
    return (stem.empty() ? std::string("harvest") : stem + "-harvest") + exportExtension(format);
}

bool ExportPanel::write(const Session& session, ExportFormat format, const std::filesystem::path& file,
                        PanelOutput& out) {
    try {
        writeExport(session, format, file);
    } catch (const std::exception& error) {
        out.notify(NoticeKind::Error, trf("error.export_failed", {error.what()}));
        return false;
    }
    // The full path: an organiser looks for the report in a file manager, not in the app.
    std::error_code error;
    const std::filesystem::path shown = std::filesystem::absolute(file, error);
    out.notify(NoticeKind::Success,
               trf("harvest.export.written", {tr(labelKey(format)), (error ? file : shown).string()}));
    return true;
}

void ExportPanel::draw(const PanelContext& context) {
    (void)context;  // exporting reads the session only: it works read-only too
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float available = ImGui::GetContentRegionAvail().x;
    // Two buttons a row when every label fits, so the five formats line up as a grid rather than a ragged line.
    float widest = 0.0f;
    for (ExportFormat format : kFormats) widest = std::max(widest, ImGui::CalcTextSize(tr(labelKey(format))).x);
    widest += ImGui::GetStyle().FramePadding.x * 2.0f;
    const int columns = available >= widest * 2.0f + spacing ? 2 : 1;
    const float width = (available - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    int column = 0;
    for (ExportFormat format : kFormats) {
        if (column > 0) ImGui::SameLine(0.0f, spacing);
        if (ImGui::Button(trId(labelKey(format)).c_str(), {width, 0.0f})) context.out.request(ExportReportRequest{format});
        recordItem(labelKey(format));
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(em(24.0f));
            ImGui::TextUnformatted(tr(helpKey(format)));
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        column = (column + 1) % columns;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
    ImGui::TextWrapped("%s", tr("harvest.export.help"));
    ImGui::PopStyleColor();
}

}  // namespace worldcafe::gui
