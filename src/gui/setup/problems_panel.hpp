#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "panel.hpp"
#include "worldcafe/validation.hpp"

namespace worldcafe::gui {

// A problem in the interface's language: its template from the string files, filled with its arguments.
std::string problemText(const Problem& problem);

// What validate() finds, always in view while setting up: errors block planning, warnings deserve a look.
// "1 error, 2 warnings": the panel's count line, with the singular where a count is 1.
std::string problemCounts(int errors, int warnings);

class ProblemsPanel {
public:
    void draw(const PanelContext& context);
    const std::vector<Problem>& problems() const { return m_problems; }

private:
    // validate() walks the whole session: run it when the session changed, not every frame.
    std::uint64_t m_revision = UINT64_MAX;
    const Session* m_session = nullptr;
    std::vector<Problem> m_problems;
};

}  // namespace worldcafe::gui
