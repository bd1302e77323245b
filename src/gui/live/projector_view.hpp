#pragma once
// What the room sees on the wall: the countdown (a fifth of the screen tall), the round and phase, a progress bar
// that turns orange when time runs low, a flash when a phase ends; below it the table cards while people talk, the
// "where do I go next" list while they move (paged when it does not fit), and at the harvest each menu's emerging
// themes with their notes and the phones' dot votes (paged the same way). Read-only. It draws into whatever window it is given, so the projector window, screenshots and the
// headless tests share one implementation.

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "live_state.hpp"
#include "moves_list.hpp"
#include "panel.hpp"
#include "qr_widget.hpp"
#include "worldcafe/harvest.hpp"

namespace worldcafe::gui {

class ProjectorView {
public:
    // Draws into the current window's draw list over `origin` .. `origin + size`.
    void draw(const PanelContext& context, ImVec2 origin, ImVec2 size);
    // A full-window ImGui window around draw(), for the projector window and screenshots. `clearedBlack`: the
    // frame was cleared to black already, so the background is not painted again (a software renderer, as under
    // Xvfb, spends most of a frame filling pixels).
    void drawFullWindow(const PanelContext& context, bool clearedBlack = false);

    // Seconds until the picture changes by itself: the countdown's next second, the next page of the move list,
    // the next step of the flash. nullopt while nothing moves.
    std::optional<double> redrawAfter(const PanelContext& context) const;

    // True once after a phase ended while the view was shown (the shell rings the chime).
    bool takePhaseEnded() { return std::exchange(m_phaseEnded, false); }
    // Forgets the phase last shown: opening the projector mid-phase does not flash.
    void reset();

    // The move list's pages for a projector of `size` (the layout draw() uses), for `round`.
    std::vector<std::vector<MoveEntry>> movePages(const PanelContext& context, RoundNumber round, ImVec2 size);
    // The page shown at wall-clock time `now`: pages rotate every kPageMillis.
    static std::size_t pageAt(std::int64_t now, std::size_t pages);
    // Which rows of the move list a re-plan changed while it was up (marked "updated" when drawn).
    const MoveUpdates& moveUpdates() const { return m_updates; }
    // The harvest's pages when each menu's card lists `rowsPerCard` themes: every card turns its pages together.
    static std::size_t harvestPages(const Synthesis& synthesis, int rowsPerCard);
    std::size_t harvestPageCount() const { return m_harvestPageCount; }
    // What the last harvest frame put on the wall: the text sizes and every card's rows of the page shown.
    struct HarvestShown {
        float rowSize = 0.0f;   // a theme's name and its counts
        float headSize = 0.0f;  // the "Notes" / "Votes" column headings
        struct Row {
            std::string name;
            int notes = 0;
            int votes = 0;
        };
        std::vector<Row> rows;
    };
    const HarvestShown& harvestShown() const { return m_harvestShown; }
    static constexpr std::int64_t kPageMillis = 8000;
    static constexpr std::int64_t kFlashMillis = 1800;

    // Every character the projector may draw for this session in the current language: for the projector fonts.
    static std::string glyphText(const Session& session);

private:
    struct Layout;
    struct MoveGrid {
        int columns = 1;
        int rows = 1;
        float textSize = 0.0f;
        float rowHeight = 0.0f;
        float columnWidth = 0.0f;
    };

    void refresh(const PanelContext& context, RoundNumber round);
    void watchPhase(const TimerState& state, std::int64_t now);
    MoveGrid moveGrid(ImVec2 area, float textSize) const;
    // The width the "scan to find your table" code takes at the right of the move list (0 while the room is not
    // open to phones), so that the list's pages and the code share the area the same way in draw() and movePages().
    float scanPanelWidth(const PanelContext& context, ImVec2 area, float text);
    void drawScanPanel(const PanelContext& context, ImVec2 min, ImVec2 max, float text);

    void drawHeader(const PanelContext& context, const TimerState& state, const Layout& layout);
    void drawCountdown(const TimerState& state, const Layout& layout, std::int64_t now);
    void drawTables(const PanelContext& context, RoundNumber round, ImVec2 min, ImVec2 max, float text);
    void drawMoves(const PanelContext& context, RoundNumber round, ImVec2 min, ImVec2 max, float text,
                   std::int64_t now);
    void drawHarvest(const PanelContext& context, ImVec2 min, ImVec2 max, float text, std::int64_t now);
    void drawFlash(ImVec2 min, ImVec2 max, std::int64_t now);

    // Derived from the session once per change, not per frame: a room of 400 people is drawn in well under 2 ms.
    const Session* m_cachedSession = nullptr;
    std::uint64_t m_cachedRevision = UINT64_MAX;
    std::size_t m_cachedFingerprint = 0;
    RoundNumber m_cachedRound = -1;
    std::vector<TableSeating> m_seating;
    std::vector<MoveEntry> m_moves;
    MoveUpdates m_updates;
    std::int64_t m_now = 0;  // the timer's clock at the frame being drawn
    float m_widestName = 0.0f;  // at the body font's size
    float m_widestNameSize = 0.0f;

    struct PhaseKey {
        bool started = false;
        bool finished = false;
        std::size_t index = 0;
        bool operator==(const PhaseKey&) const = default;
    };
    std::optional<PhaseKey> m_lastPhase;
    std::optional<std::int64_t> m_flashStart;
    bool m_phaseEnded = false;
    bool m_paintBackground = true;
    QrCache m_guestsCode;
    std::size_t m_pageCount = 1;  // of the move list last drawn
    // What the last frame showed: when the wake-up comes late, the change is still seen as due.
    std::int64_t m_drawnSeconds = -1;
    std::size_t m_drawnPage = 0;
    // The harvest's themes, grouped again only when the notes change (a vote only re-counts).
    HarvestCache m_harvest;
    std::size_t m_harvestPageCount = 1;
    std::size_t m_drawnHarvestPage = 0;
    HarvestShown m_harvestShown;
};

}  // namespace worldcafe::gui
