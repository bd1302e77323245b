#include "problems_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "i18n.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

std::string problemCounts(int errors, int warnings) {
    return trf("problems.count", {trCount(errors, "problems.errors.one", "problems.errors.other"),
                                  trCount(warnings, "problems.warnings.one", "problems.warnings.other")});
}

std::string problemText(const Problem& problem) {
    if (problem.code.empty()) return problem.message;
    return problemSentence(problem,
                           [](const std::string& code) { return std::string(tr(("problem." + code).c_str())); });
}

void ProblemsPanel::draw(const PanelContext& context) {
    if (m_revision != context.revision || m_session != &context.session || context.revision == 0) {
        m_problems = validate(context.session);
        std::stable_sort(m_problems.begin(), m_problems.end(),
                         [](const Problem& a, const Problem& b) { return a.severity < b.severity; });
        m_revision = context.revision;
        m_session = &context.session;
    }
    auto errors = std::count_if(m_problems.begin(), m_problems.end(),
                                [](const Problem& p) { return p.severity == Severity::Error; });
    auto warnings = static_cast<long>(m_problems.size()) - errors;

    ImGui::PushFont(headingFont());
    ImGui::TextUnformatted(tr("problems.title"));
    ImGui::PopFont();
    if (m_problems.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kSuccessColour);
        ImGui::TextWrapped("%s", tr("problems.none"));
        ImGui::PopStyleColor();
        return;
    }
    ImGui::TextDisabled("%s", problemCounts(errors, warnings).c_str());
    ImGui::Spacing();
    for (const Problem& problem : m_problems) {
        bool error = problem.severity == Severity::Error;
        ImGui::PushStyleColor(ImGuiCol_Text, error ? kErrorColour : kWarningColour);
        ImGui::TextUnformatted(error ? tr("problems.error") : tr("problems.warning"));
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(problemText(problem).c_str());
        ImGui::PopTextWrapPos();
    }
}

}  // namespace worldcafe::gui
