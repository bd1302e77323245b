#pragma once
// What the harvest panels share: the frame they draw (session, synthesis, chosen menu), the queue that turns the
// organiser's edits into actions, and the labels for counts, tables and menus.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "panel.hpp"
#include "worldcafe/harvest.hpp"

namespace worldcafe::gui {

// Drag and drop of a note onto a theme: the payload is its NoteId.
inline constexpr const char* kNotePayload = "WC_HARVEST_NOTE";

inline constexpr std::uint32_t kHighlightRgb = 0xF2C14E;  // the marker of highlighted themes and notes (and of stars)

// Every edit is built against the session and synthesis of the frame it is made in. Two edits of one frame would
// both materialise an automatic theme under the same nextThemeId(), the second overwriting the first, so only one
// is emitted per frame; a second waits and is built in the next frame, against the session the first one changed.
class HarvestEdits {
public:
    using Build = std::function<Action(const Session&, const Synthesis&)>;

    // Resets the frame's budget and emits the oldest waiting edit, if any.
    void beginFrame(const PanelContext& context, const Synthesis& synthesis);
    // A builder that throws (ActionRejected: the theme or note is gone) becomes a warning notice.
    void edit(const PanelContext& context, const Synthesis& synthesis, Build build);
    bool waiting() const { return !m_waiting.empty(); }

private:
    void emit(const PanelContext& context, const Synthesis& synthesis, const Build& build);

    bool m_emitted = false;
    std::vector<Build> m_waiting;
};

// One frame of the harvest view as its panels see it.
struct HarvestFrame {
    const PanelContext& context;
    const Synthesis& synthesis;
    const MenuHarvest& menu;
    std::size_t menuIndex;
    HarvestEdits& edits;

    const Session& session() const { return context.session; }
    void edit(HarvestEdits::Build build) const { edits.edit(context, synthesis, std::move(build)); }
};

std::string notesLabel(int count);                           // "4 notes"
std::string votesLabel(int count);                           // "12 votes", "투표 12"
std::string votersLabel(int count);                          // "from 5 phones", "휴대폰 5대"
// Where a theme's votes come from, as the synthesis counted them: "9 dots from the guests' phones · 3 entered on notes".
std::string votesDetail(const ThemeSummary& theme);
std::string tablesLabel(const std::vector<TableNumber>& tables);  // "table 1", "tables 1, 3"
std::string roundsLabel(const std::vector<RoundNumber>& rounds);  // "round 2", "rounds 1–3"
std::string menuNumberLabel(const MenuHarvest& harvest, std::size_t index);  // "Menu 1", or "No menu"
std::string menuTitle(const Session& session, const MenuHarvest& harvest);   // the menu's title, or "No menu"
std::uint32_t menuColour(const Session& session, const MenuHarvest& harvest);
const char* originLabel(ThemeOrigin origin);
// At most `maxCodePoints` code points, with "…" when cut: long theme names in combos and tooltips.
std::string shortened(std::string_view text, int maxCodePoints);

}  // namespace worldcafe::gui
