#include "projector_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <utility>
#include <cfloat>
#include <cmath>
#include <set>
#include <string_view>

#include "i18n.hpp"
#include "live_fonts.hpp"
#include "widgets.hpp"
#include "worldcafe/printables.hpp"

namespace worldcafe::gui {

// [SECTION] colours, fonts and text

namespace {

// High contrast on a dark wall: white on black, Okabe-Ito orange when time runs low, vermillion when it is up.
// The current theme's (palette.hpp): the projector follows the theme, light for a bright room.
const ImU32& kBackground = currentPalette().projector.background;
const ImU32& kCard = currentPalette().projector.card;
const ImU32& kText = currentPalette().projector.text;
const ImU32& kMuted = currentPalette().projector.muted;
const ImU32& kTrack = currentPalette().projector.track;
const ImU32& kNoMenuColour = currentPalette().projector.noMenu;
constexpr std::uint32_t kProgress = 0x56B4E9;
constexpr std::uint32_t kWarning = 0xE69F00;
constexpr std::uint32_t kTimeUp = 0xD55E00;
constexpr std::uint32_t kFlash = 0xF0E442;
// A row a re-plan changed: a yellow tint behind the row and its word in place of the menu (palette.hpp).
const ImU32& kUpdatedText = currentPalette().projector.updatedText;

// Every key the projector draws, so that the projector fonts carry their glyphs.
constexpr const char* kProjectorKeys[] = {
    "live.phase.welcome",    "live.phase.talk",        "live.phase.move",      "live.phase.harvest",
    "live.phase.done",       "live.round_of",          "live.state.not_started", "live.state.paused",
    "projector.next",        "projector.next_end",     "projector.almost",     "projector.time_up",
    "projector.starting_soon", "projector.host",       "projector.more",       "projector.where_next",
    "projector.page",        "projector.stays",        "projector.notes",      "projector.harvest_total",
    "projector.thanks",      "projector.no_plan",      "projector.no_menu",    "common.table_n",
    "projector.scan",        "projector.move_almost",  "projector.updated",    "projector.votes",
    "projector.voting_open", "projector.no_themes",    "projector.theme_gone"};

ImU32 rgb(std::uint32_t colour, float alpha = 1.0f) { return colourFromRgb(colour, alpha); }

ImFont* fontFor(LiveFont which) {
    if (ImFont* font = liveFont(which)) return font;
    return which == LiveFont::Body ? ImGui::GetFont() : headingFont();
}

float widthOf(ImFont* font, float size, std::string_view text) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

// `text` cut to `width` with an ellipsis: a long name keeps its start, which is what people look for.
std::string fitted(ImFont* font, float size, std::string_view text, float width) {
    if (widthOf(font, size, text) <= width) return std::string(text);
    const std::string_view ellipsis = "…";
    const float room = width - widthOf(font, size, ellipsis);
    std::size_t end = 0;
    const char* begin = text.data();
    while (end < text.size()) {
        std::size_t next = end + 1;
        while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
        if (widthOf(font, size, text.substr(0, next)) > room) break;
        end = next;
    }
    return std::string(begin, end) + std::string(ellipsis);
}

void drawText(ImDrawList* list, ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view text) {
    list->AddText(font, size, pos, colour, text.data(), text.data() + text.size());
}

// The distance from a line's top to its baseline at `size`.
float ascentOf(ImFont* font, float size) { return font->Ascent * size / font->FontSize; }

struct Grid {
    int columns = 1;
    int rows = 1;
    float cellWidth = 0.0f;
    float cellHeight = 0.0f;

    // Cell `index` in reading order, for a grid whose top left is `origin`, as {min, max}.
    std::pair<ImVec2, ImVec2> cell(std::size_t index, ImVec2 origin, float gap) const {
        const int column = static_cast<int>(index) % columns;
        const int row = static_cast<int>(index) / columns;
        const ImVec2 min{origin.x + static_cast<float>(column) * (cellWidth + gap),
                         origin.y + static_cast<float>(row) * (cellHeight + gap)};
        return {min, {min.x + cellWidth, min.y + cellHeight}};
    }
};

// The column count that gives `count` cells the most room, cells no wider than `aspect` times their height.
Grid fitGrid(int count, ImVec2 area, float gap, float aspect) {
    Grid best;
    float bestScore = -1.0f;
    count = std::max(count, 1);
    for (int columns = 1; columns <= count; ++columns) {
        const int rows = (count + columns - 1) / columns;
        const float width = (area.x - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
        const float height = (area.y - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows);
        if (width <= 0.0f) break;
        if (height <= 0.0f) continue;  // too many rows for the gaps: more columns will do
        const float score = std::min(width, height * aspect);
        if (score > bestScore) {
            bestScore = score;
            best = {columns, rows, width, height};
        }
    }
    return best;
}

std::size_t fingerprintOf(const Session& session) {
    std::size_t seats = 0;
    for (const RoundPlan& plan : session.plan) seats += plan.seats.size();
    return session.participants.size() * 1000003u + session.tables.size() * 9176u + seats * 31u +
           session.menus.size() + session.notes.size() * 7u;
}

}  // namespace

struct ProjectorView::Layout {
    ImVec2 min;
    ImVec2 max;
    float width = 0.0f;
    float height = 0.0f;
    float margin = 0.0f;
    float title = 0.0f;
    float countdown = 0.0f;
    float body = 0.0f;
    float countdownTop = 0.0f;  // top of the digits
    float barTop = 0.0f;
    float statusTop = 0.0f;
    float contentTop = 0.0f;

    float digits = 0.0f;        // height of the countdown's ink

    Layout(ImVec2 origin, ImVec2 size) : min(origin), max{origin.x + size.x, origin.y + size.y} {
        width = size.x;
        height = size.y;
        // Everything scales with the height, the projector's limiting dimension; a narrow window shrinks it more.
        const float scale = std::min(height, width * 9.0f / 16.0f * 1.25f);
        margin = std::round(scale * 0.025f);
        title = scale * kTitleShare;
        countdown = scale * kCountdownShare;
        body = scale * kBodyShare;
        countdownTop = min.y + margin + title * 1.25f + margin;
        digits = digitInk(fontFor(LiveFont::Countdown), countdown).height;
        barTop = countdownTop + digits + margin * 0.8f;
        statusTop = barTop + scale * 0.018f + margin * 0.5f;
        contentTop = statusTop + body * 1.3f + margin * 0.7f;
    }
};

// [SECTION] drawing

std::string ProjectorView::glyphText(const Session& session) {
    std::string text = session.event.title;
    for (const Menu& menu : session.menus) text += menu.title + menu.question;
    for (const Participant& participant : session.participants) text += participant.name;
    for (const char* key : kProjectorKeys) text += tr(key);
    // The harvest's theme names: the organiser's, the hosts' tags, and words of the notes (clusters are named by
    // them); and the dot the votes are counted with.
    for (const Theme& theme : session.themes) text += theme.name;
    for (const Note& note : session.notes) {
        text += note.text;
        for (const std::string& tag : note.tags) text += tag;
    }
    text += "\u25CF";
    return text;
}

void ProjectorView::reset() {
    m_lastPhase.reset();
    m_flashStart.reset();
    m_phaseEnded = false;
}

std::size_t ProjectorView::pageAt(std::int64_t now, std::size_t pages) {
    if (pages <= 1) return 0;
    return static_cast<std::size_t>((now / kPageMillis) % static_cast<std::int64_t>(pages));
}

void ProjectorView::refresh(const PanelContext& context, RoundNumber round) {
    const Session& session = context.session;
    const std::size_t fingerprint = fingerprintOf(session);
    if (m_cachedSession == &session && m_cachedRevision == context.revision && m_cachedRound == round &&
        m_cachedFingerprint == fingerprint)
        return;
    m_cachedSession = &session;
    m_cachedRevision = context.revision;
    m_cachedRound = round;
    m_cachedFingerprint = fingerprint;
    m_seating = seatingOf(session, round);
    if (m_seating.empty()) {
        // No plan yet: the cards still show each table's number, menu and host.
        for (const Table& table : session.tables) {
            TableSeating seating;
            seating.table = &table;
            seating.menu = session.findMenu(table.menu);
            seating.host = session.hostOf(table.number);
            m_seating.push_back(seating);
        }
    }
    m_moves = movesInto(session, round);
    m_updates.observe(m_moves, round, m_now);
    ImFont* body = fontFor(LiveFont::Body);
    m_widestNameSize = body->FontSize;
    m_widestName = 0.0f;
    for (const MoveEntry& entry : m_moves)
        m_widestName = std::max(m_widestName, widthOf(body, m_widestNameSize, entry.person->name));
}

void ProjectorView::watchPhase(const TimerState& state, std::int64_t now) {
    PhaseKey key{state.started, state.finished, state.phaseIndex};
    if (m_lastPhase && !(*m_lastPhase == key)) {
        m_flashStart = now;
        m_phaseEnded = true;
        m_updates.phaseChanged();
    }
    m_lastPhase = key;
    if (m_flashStart && now - *m_flashStart > kFlashMillis) m_flashStart.reset();
}

void ProjectorView::drawFullWindow(const PanelContext& context, bool clearedBlack) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0.0f, 0.0f});
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(kBackground));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse |
                                   ImGuiWindowFlags_NoBackground;
    m_paintBackground = !clearedBlack;
    if (ImGui::Begin("##projector", nullptr, flags)) draw(context, viewport->Pos, viewport->Size);
    m_paintBackground = true;
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
}

void ProjectorView::draw(const PanelContext& context, ImVec2 origin, ImVec2 size) {
    if (size.x < 8.0f || size.y < 8.0f) return;
    const Session& session = context.session;
    const std::int64_t now = context.timer ? context.timer->now() : 0;
    const TimerState state = context.timer ? context.timer->state(session) : timerStateAt(session, 0);
    const LiveRounds rounds = liveRounds(session, state);
    m_now = now;
    watchPhase(state, now);
    refresh(context, rounds.now);
    m_drawnSeconds = state.displaySeconds();

    const Layout layout(origin, size);
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->PushClipRect(layout.min, layout.max, true);
    if (m_paintBackground) list->AddRectFilled(layout.min, layout.max, kBackground);
    if (m_flashStart) {
        // The whole wall brightens in pulses, so people deep in conversation notice the end of a phase.
        const float t = static_cast<float>(now - *m_flashStart) / static_cast<float>(kFlashMillis);
        const float pulse = 0.5f + 0.5f * std::cos(t * 3.0f * 2.0f * 3.14159265f);
        list->AddRectFilled(layout.min, layout.max,
                            (currentPalette().projector.flash & ~IM_COL32_A_MASK) |
                                (static_cast<ImU32>(70.0f * pulse * (1 - t)) << IM_COL32_A_SHIFT));
    }

    drawHeader(context, state, layout);
    drawCountdown(state, layout, now);

    const ImVec2 contentMin{layout.min.x + layout.margin, layout.contentTop};
    const ImVec2 contentMax{layout.max.x - layout.margin, layout.max.y - layout.margin};
    if (contentMax.y - contentMin.y > layout.body * 2.0f) {
        const PhaseKind kind = state.started ? state.phase.kind : PhaseKind::Welcome;
        switch (kind) {
            case PhaseKind::Welcome:
            case PhaseKind::Talk: drawTables(context, rounds.now, contentMin, contentMax, layout.body); break;
            case PhaseKind::Move: drawMoves(context, rounds.now, contentMin, contentMax, layout.body, now); break;
            case PhaseKind::Harvest:
            case PhaseKind::Done: drawHarvest(context, contentMin, contentMax, layout.body, now); break;
        }
    }
    drawFlash(layout.min, layout.max, now);
    list->PopClipRect();
}

void ProjectorView::drawHeader(const PanelContext& context, const TimerState& state, const Layout& layout) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImFont* title = fontFor(LiveFont::Title);
    ImFont* body = fontFor(LiveFont::Body);
    const float left = layout.min.x + layout.margin;
    const float right = layout.max.x - layout.margin;
    const std::string heading = phaseTitle(context.session, state.phase);
    const float headingWidth = std::min(widthOf(title, layout.title, heading), right - left);
    drawText(list, title, layout.title, {left, layout.min.y + layout.margin}, kText,
             fitted(title, layout.title, heading, right - left));
    // The event's name at the right, where it does not compete with the phase.
    const float room = right - left - headingWidth - layout.margin * 2.0f;
    if (room > layout.body * 4.0f && !context.session.event.title.empty()) {
        std::string event = fitted(body, layout.body, context.session.event.title, room);
        const float width = widthOf(body, layout.body, event);
        const float baseline = layout.min.y + layout.margin + ascentOf(title, layout.title);
        drawText(list, body, layout.body, {right - width, baseline - ascentOf(body, layout.body)}, kMuted, event);
    }
}

void ProjectorView::drawCountdown(const TimerState& state, const Layout& layout, std::int64_t now) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImFont* digits = fontFor(LiveFont::Countdown);
    ImFont* title = fontFor(LiveFont::Title);
    ImFont* body = fontFor(LiveFont::Body);
    const float centre = (layout.min.x + layout.max.x) * 0.5f;
    (void)now;

    if (state.finished) {
        const char* thanks = tr("projector.thanks");
        const float size = layout.title * 1.4f;
        const float width = widthOf(title, size, thanks);
        drawText(list, title, size, {centre - width * 0.5f, layout.countdownTop + (layout.digits - size) * 0.5f}, kText,
                 thanks);
        return;
    }

    ImU32 colour = kText;
    if (state.started && !state.running) colour = currentPalette().projector.paused;
    if (state.warning) colour = rgb(*state.warning > 0 ? kWarning : kTimeUp);
    const std::string clock = formatClock(state.displaySeconds());
    const float size = layout.countdown;
    const float width = widthOf(digits, size, clock);
    const float top = layout.countdownTop - digitInk(digits, size).top;
    drawText(list, digits, size, {centre - width * 0.5f, top}, colour, clock);

    // Progress through the phase.
    const float barWidth = std::min(layout.width * 0.72f, std::max(width * 1.15f, layout.width * 0.5f));
    const float barHeight = std::max(std::round(layout.height * 0.018f), 4.0f);
    const ImVec2 barMin{centre - barWidth * 0.5f, layout.barTop};
    const ImVec2 barMax{centre + barWidth * 0.5f, layout.barTop + barHeight};
    list->AddRectFilled(barMin, barMax, kTrack, barHeight * 0.5f);
    const float filled = static_cast<float>(state.progress()) * barWidth;
    if (filled > 1.0f) {
        const std::uint32_t fill = state.warning ? (*state.warning > 0 ? kWarning : kTimeUp) : kProgress;
        list->AddRectFilled(barMin, {barMin.x + filled, barMax.y}, rgb(fill), barHeight * 0.5f);
    }

    // One status line: what is happening or what comes next. Words as well as colour, for those who cannot tell
    // orange from green.
    std::string status;
    ImU32 statusColour = kMuted;
    if (!state.started) {
        status = tr("projector.starting_soon");
    } else if (!state.running) {
        status = tr("live.state.paused");
        statusColour = kText;
    } else if (state.warning) {
        status = warningText(state);
        statusColour = rgb(*state.warning > 0 ? kWarning : kTimeUp);
    } else if (state.next && state.next->kind == PhaseKind::Done) {
        status = trf("projector.next_end", {phaseLabel(state.next->kind)});
    } else if (state.next) {
        const std::int64_t minutes = minutesRoundedUp(state.next->plannedMillis);
        status = trf("projector.next", {phaseLabel(state.next->kind), std::to_string(minutes)});
    }
    if (!status.empty()) {
        status = fitted(body, layout.body, status, layout.width - layout.margin * 2.0f);
        const float statusWidth = widthOf(body, layout.body, status);
        drawText(list, body, layout.body, {centre - statusWidth * 0.5f, layout.statusTop}, statusColour, status);
    }
}

void ProjectorView::drawTables(const PanelContext& context, RoundNumber round, ImVec2 min, ImVec2 max, float text) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImFont* title = fontFor(LiveFont::Title);
    ImFont* body = fontFor(LiveFont::Body);
    const Session& session = context.session;
    const bool planned = hasPlanFor(session, round);
    if (!planned) {
        drawText(list, body, text * 0.85f, min, kMuted, tr("projector.no_plan"));
        min.y += text * 1.4f;
    }
    if (m_seating.empty()) return;

    const float gap = std::round(text * 0.5f);
    const ImVec2 area{max.x - min.x, max.y - min.y};
    const Grid grid = fitGrid(static_cast<int>(m_seating.size()), area, gap, 1.1f);
    std::size_t mostPeople = 1;
    for (const TableSeating& seating : m_seating)
        mostPeople = std::max(mostPeople, seating.guests.size() + (seating.host ? 1 : 0));

    // One text size for every card, the largest at which the fullest table fits (or the body size).
    const float band = std::min(grid.cellHeight * 0.34f, text * 1.9f);
    const float pad = std::round(std::min(text * 0.45f, grid.cellWidth * 0.05f));
    const float lines = static_cast<float>(mostPeople) + (planned ? 0.3f : 0.0f);
    float size = std::min(text, (grid.cellHeight - band - pad * 2.0f) / (lines * 1.22f));
    const float minSize = text * 0.52f;
    int columns = 1;
    if (size < text * 0.8f && grid.cellWidth > m_widestName * (text / m_widestNameSize) * 1.9f) {
        columns = 2;
        const float rows = std::ceil(lines / 2.0f);
        size = std::min(text, (grid.cellHeight - band - pad * 2.0f) / (rows * 1.22f));
    }
    size = std::max(size, minSize);
    const float lineHeight = size * 1.22f;

    for (std::size_t i = 0; i < m_seating.size(); ++i) {
        const TableSeating& seating = m_seating[i];
        const auto [cardMin, cardMax] = grid.cell(i, min, gap);
        const float rounding = std::min(text * 0.3f, 10.0f);
        list->AddRectFilled(cardMin, cardMax, kCard, rounding);

        // The band: table number large, then the menu, in the menu's colour with text that reads on it.
        const std::uint32_t menuColour = seating.menu ? seating.menu->colour : 0x78797F;
        const ImU32 bandColour = seating.menu ? rgb(menuColour) : kNoMenuColour;
        const ImU32 onBand = rgb(textColourOn(menuColour));
        list->AddRectFilled(cardMin, {cardMax.x, cardMin.y + band}, bandColour, rounding, ImDrawFlags_RoundCornersTop);
        const float numberSize = band * 0.78f;
        const std::string number = std::to_string(seating.table->number);
        const float numberTop = cardMin.y + (band - numberSize * 1.16f) * 0.5f;
        drawText(list, title, numberSize, {cardMin.x + pad, numberTop}, onBand, number);
        const float numberWidth = widthOf(title, numberSize, number);
        const float menuSize = std::min(size, band * 0.5f);
        const float menuLeft = cardMin.x + pad + numberWidth + pad * 0.8f;
        const std::string menu = seating.menu ? seating.menu->title : tr("projector.no_menu");
        const float baseline = numberTop + ascentOf(title, numberSize);
        drawText(list, body, menuSize, {menuLeft, baseline - ascentOf(body, menuSize)}, onBand,
                 fitted(body, menuSize, menu, cardMax.x - pad - menuLeft));

        // The host, then the guests.
        float y = cardMin.y + band + pad * 0.8f;
        const float innerWidth = grid.cellWidth - pad * 2.0f;
        const float bottom = cardMax.y - pad * 0.5f;
        if (seating.host) {
            const std::string label = std::string(tr("projector.host")) + " ";
            const float labelWidth = widthOf(body, size * 0.8f, label);
            drawText(list, body, size * 0.8f, {cardMin.x + pad, y + size * 0.12f}, kMuted, label);
            drawText(list, title, size, {cardMin.x + pad + labelWidth, y}, kText,
                     fitted(title, size, seating.host->name, innerWidth - labelWidth));
            y += lineHeight;
        }
        if (!planned) continue;
        const float columnWidth = (innerWidth - (columns > 1 ? pad : 0.0f)) / static_cast<float>(columns);
        const int rowsFit = std::max(1, static_cast<int>((bottom - y) / lineHeight));
        const int capacity = rowsFit * columns;
        const int guests = static_cast<int>(seating.guests.size());
        const int shown = guests <= capacity ? guests : std::max(capacity - 1, 0);
        for (int g = 0; g < shown; ++g) {
            const int c = g / rowsFit;
            const int r = g % rowsFit;
            const ImVec2 pos{cardMin.x + pad + static_cast<float>(c) * (columnWidth + pad),
                             y + static_cast<float>(r) * lineHeight};
            drawText(list, body, size, pos, kText,
                     fitted(body, size, seating.guests[static_cast<std::size_t>(g)]->name, columnWidth));
        }
        if (shown < guests) {
            const int c = shown / rowsFit;
            const int r = shown % rowsFit;
            drawText(
                list, body, size,
                {cardMin.x + pad + static_cast<float>(c) * (columnWidth + pad), y + static_cast<float>(r) * lineHeight},
                kMuted, trf("projector.more", {std::to_string(guests - shown)}));
        }
        // The question at the foot of the card where the names leave room for all of it.
        if (seating.menu && !seating.menu->question.empty()) {
            const int rowsUsed = std::min(rowsFit, std::max(guests, 1));
            const float freeTop = y + static_cast<float>(columns > 1 ? (guests + 1) / 2 : rowsUsed) * lineHeight;
            const float questionSize = size * 0.72f;
            const char* begin = seating.menu->question.c_str();
            const char* end = begin + seating.menu->question.size();
            const float height = body->CalcTextSizeA(questionSize, FLT_MAX, innerWidth, begin, end).y;
            if (bottom - freeTop > height + lineHeight * 0.6f)
                list->AddText(body, questionSize, {cardMin.x + pad, bottom - height - pad * 0.3f}, kMuted, begin, end,
                              innerWidth);
        }
    }
    (void)round;
}

ProjectorView::MoveGrid ProjectorView::moveGrid(ImVec2 area, float textSize) const {
    MoveGrid grid;
    grid.textSize = textSize;
    grid.rowHeight = textSize * 1.32f;
    // Name, then "→ 12" in a chip: the column is as wide as the widest name needs; the menu's name gets the rest.
    const float nameWidth = std::min(m_widestName * (textSize / std::max(m_widestNameSize, 1.0f)), area.x * 0.6f);
    const float needed = nameWidth + textSize * 5.2f;
    const float gap = textSize * 1.2f;
    grid.columns = std::max(1, static_cast<int>((area.x + gap) / (needed + gap)));
    grid.rows = std::max(1, static_cast<int>(area.y / grid.rowHeight));
    // A room that fits on one page uses only the columns it fills, each wide enough to name the menu too.
    const int filled = static_cast<int>((m_moves.size() + static_cast<std::size_t>(grid.rows) - 1) /
                                        static_cast<std::size_t>(grid.rows));
    const int used = std::clamp(filled, 1, grid.columns);
    grid.columnWidth = (area.x - gap * static_cast<float>(grid.columns - 1)) / static_cast<float>(grid.columns);
    if (used < grid.columns) {
        const float wide = (area.x - gap * static_cast<float>(used - 1)) / static_cast<float>(used);
        grid.columnWidth = std::min(wide, needed + textSize * 9.0f);
    }
    return grid;
}

std::vector<std::vector<MoveEntry>> ProjectorView::movePages(const PanelContext& context, RoundNumber round,
                                                             ImVec2 size) {
    refresh(context, round);
    const Layout layout({0.0f, 0.0f}, size);
    ImVec2 area{size.x - layout.margin * 2.0f, size.y - layout.margin - layout.contentTop - layout.body * 1.6f};
    area.x -= scanPanelWidth(context, {area.x, area.y + layout.body * 1.6f}, layout.body);
    const MoveGrid grid = moveGrid(area, layout.body);
    return paginate(m_moves, static_cast<std::size_t>(grid.columns * grid.rows));
}

void ProjectorView::drawMoves(const PanelContext& context, RoundNumber round, ImVec2 min, ImVec2 max, float text,
                              std::int64_t now) {
    if (m_moves.empty()) {
        drawTables(context, round, min, max, text);
        return;
    }
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImFont* title = fontFor(LiveFont::Title);
    ImFont* body = fontFor(LiveFont::Body);

    // The code for the guests' page at the right: those who cannot find their name on this page find it on their
    // phone.
    const float scanWidth = scanPanelWidth(context, {max.x - min.x, max.y - min.y}, text);
    if (scanWidth > 0.0f) {
        drawScanPanel(context, {max.x - scanWidth + text * 1.5f, min.y}, max, text);
        max.x -= scanWidth;
    }
    const ImVec2 area{max.x - min.x, max.y - min.y - text * 1.6f};
    const MoveGrid grid = moveGrid(area, text);
    const auto pages = paginate(m_moves, static_cast<std::size_t>(grid.columns * grid.rows));
    m_pageCount = pages.size();
    const std::size_t page = pageAt(now, pages.size());
    m_drawnPage = page;

    // The heading line: the question people have and, when there are pages, which names this one holds, so that
    // people can tell whether to wait for the next.
    float labelWidth = 0.0f;
    if (pages.size() > 1) {
        const std::vector<MoveEntry>& shown = pages[page];
        const std::string label =
            trf("projector.page", {std::to_string(page + 1), std::to_string(pages.size()), shown.front().person->name,
                                   shown.back().person->name});
        labelWidth = widthOf(body, text, label) + text;
        drawText(list, body, text, {max.x - labelWidth + text, min.y}, kText, label);
    }
    const std::string heading = trf("projector.where_next", {std::to_string(round)});
    drawText(list, body, text, min, kMuted, fitted(body, text, heading, max.x - min.x - labelWidth));

    const float top = min.y + text * 1.6f;
    const float gap = text * 1.2f;
    const std::vector<MoveEntry>& entries = pages[page];
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const MoveEntry& entry = entries[i];
        const int column = static_cast<int>(i) / grid.rows;
        const int row = static_cast<int>(i) % grid.rows;
        const float x = min.x + static_cast<float>(column) * (grid.columnWidth + gap);
        const float y = top + static_cast<float>(row) * grid.rowHeight;
        const bool updated = m_updates.updated(entry.person->id, now);
        if (row % 2 == 1 || updated)
            list->AddRectFilled({x - text * 0.25f, y - text * 0.12f},
                                {x + grid.columnWidth + text * 0.25f, y + grid.rowHeight - text * 0.12f},
                                updated ? currentPalette().projector.updatedRow : currentPalette().projector.stripe);
        // Right to left: the table number in a chip of the menu's colour, the menu's name, then the person.
        const std::string number = std::to_string(entry.table);
        const float numberWidth = widthOf(title, text, number);
        const float chipWidth = std::max(numberWidth + text * 0.6f, text * 1.9f);
        const ImVec2 chipMin{x + grid.columnWidth - chipWidth, y - text * 0.04f};
        const ImVec2 chipMax{x + grid.columnWidth, y + text * 1.18f};
        const std::uint32_t colour = entry.menu ? entry.menu->colour : 0x78797F;
        list->AddRectFilled(chipMin, chipMax, rgb(colour), text * 0.2f);
        drawText(list, title, text, {chipMin.x + (chipWidth - numberWidth) * 0.5f, y}, rgb(textColourOn(colour)),
                 number);
        const float arrowWidth = widthOf(body, text, "→ ");
        const float nameRoom = chipMin.x - x - arrowWidth - text * 0.4f;
        const std::string name = fitted(body, text, entry.person->name, nameRoom);
        drawText(list, body, text, {x, y}, kText, name);
        const float nameWidth = widthOf(body, text, name);
        // The menu's name between, where there is room: never colour alone.
        const float menuSize = text * 0.72f;
        const float menuLeft = x + nameWidth + text * 0.6f;
        const float menuRoom = chipMin.x - text * 0.3f - arrowWidth - menuLeft;
        // A changed row says so in words (the tint alone would not), in place of the menu's name.
        std::string detail = updated      ? tr("projector.updated")
                             : entry.host ? tr("projector.stays")
                                          : (entry.menu ? entry.menu->title : "");
        if (menuRoom > text * 2.5f && !detail.empty()) {
            detail = fitted(body, menuSize, detail, menuRoom);
            const float detailWidth = widthOf(body, menuSize, detail);
            drawText(list, body, menuSize,
                     {chipMin.x - text * 0.3f - arrowWidth - detailWidth, y + (text - menuSize) * 0.75f},
                     updated ? kUpdatedText : kMuted, detail);
        }
        drawText(list, body, text, {chipMin.x - arrowWidth, y}, kMuted, "→");
    }
}

float ProjectorView::scanPanelWidth(const PanelContext& context, ImVec2 area, float text) {
    if (context.roomBase.empty() || !m_guestsCode.get(guestsLinkUrl(context.roomBase))) return 0.0f;
    // Large enough to scan from the back of a room; never more than a third of the wall's width.
    const float side = std::min(area.y - text * 2.6f, area.x * 0.3f);
    if (side < text * 4.0f) return 0.0f;
    return side + text * 1.5f;
}

void ProjectorView::drawScanPanel(const PanelContext& context, ImVec2 min, ImVec2 max, float text) {
    const std::string url = guestsLinkUrl(context.roomBase);
    const QrMatrix* code = m_guestsCode.get(url);
    if (!code) return;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImFont* body = fontFor(LiveFont::Body);
    const float width = max.x - min.x;
    const float n = static_cast<float>(code->size());
    const float side = std::floor(std::min(width, max.y - min.y - text * 2.6f) / n) * n;
    const float left = min.x + (width - side) * 0.5f;
    const char* caption = tr("projector.scan");
    // The caption shrinks a little rather than lose its end, and sits on the move list's heading line.
    const float captionSize = std::clamp(text * width / std::max(widthOf(body, text, caption), 1.0f), text * 0.7f, text);
    const std::string shown = fitted(body, captionSize, caption, width);
    drawText(list, body, captionSize,
             {min.x + (width - widthOf(body, captionSize, shown)) * 0.5f, min.y + (text - captionSize) * 0.8f}, kText,
             shown);
    const float drawn = drawQr(list, *code, {left, min.y + text * 1.6f}, side);
    // The address under it, for a phone whose camera does not read codes.
    const float small = text * 0.62f;
    const std::string address = fitted(body, small, url, width);
    drawText(list, body, small,
             {min.x + (width - widthOf(body, small, address)) * 0.5f, min.y + text * 1.6f + drawn + text * 0.35f},
             kMuted, address);
}

namespace {

// The themes a menu's card lists at the harvest: the report's themes, the most voted first (the room watches the
// tally move), then the largest, then the harvest's own order.
std::vector<const ThemeSummary*> themesToShow(const MenuHarvest& harvest) {
    std::vector<const ThemeSummary*> themes;
    for (const ThemeSummary& theme : harvest.themes)
        if (isReportTheme(theme)) themes.push_back(&theme);
    std::stable_sort(themes.begin(), themes.end(), [](const ThemeSummary* a, const ThemeSummary* b) {
        if (a->votes != b->votes) return a->votes > b->votes;
        return a->noteCount() > b->noteCount();
    });
    return themes;
}

}  // namespace

std::size_t ProjectorView::harvestPages(const Synthesis& synthesis, int rowsPerCard) {
    std::size_t pages = 1;
    const std::size_t rows = static_cast<std::size_t>(std::max(rowsPerCard, 1));
    for (const MenuHarvest& harvest : synthesis.menus) {
        std::size_t lines = themesToShow(harvest).size() + (harvest.lostVotes > 0 ? 1 : 0);
        pages = std::max(pages, (lines + rows - 1) / rows);
    }
    return pages;
}

void ProjectorView::drawHarvest(const PanelContext& context, ImVec2 min, ImVec2 max, float text, std::int64_t now) {
    m_harvestShown = {};
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImFont* body = fontFor(LiveFont::Body);
    ImFont* digits = fontFor(LiveFont::Countdown);
    const Session& session = context.session;
    const Synthesis& synthesis = m_harvest.synthesis(session, context.revision);
    std::set<TableNumber> tables;
    for (const Note& note : session.notes) tables.insert(note.table);
    std::string total =
        trf("projector.harvest_total", {std::to_string(session.notes.size()), std::to_string(tables.size())});
    if (session.voting.open) total += "   ·   " + trf("projector.voting_open", {std::to_string(session.voting.dots)});
    drawText(list, body, text, min, session.voting.open ? kText : kMuted, fitted(body, text, total, max.x - min.x));
    min.y += text * 1.7f;

    std::vector<const MenuHarvest*> menus;
    for (const MenuHarvest& harvest : synthesis.menus)
        if (harvest.menu != kNoMenu || harvest.noteCount > 0 || harvest.lostVotes > 0) menus.push_back(&harvest);
    if (menus.empty()) return;

    const float gap = std::round(text * 0.5f);
    // Wide cards: a theme's name needs the width more than the card needs height.
    const Grid grid = fitGrid(static_cast<int>(menus.size()), {max.x - min.x, max.y - min.y}, gap, 2.4f);
    const float pad = std::round(std::min(text * 0.5f, grid.cellWidth * 0.05f));
    const float band = std::min(grid.cellHeight * 0.3f, text * 1.7f);
    const float titleSize = std::min(text, band * 0.62f);
    // The column headings say which figure is which to the back of the room: one step below the counts, not a
    // footnote (at 0.62 of a row they were 13 px on a 1280x800 projector and 18 px on a full-HD one).
    constexpr float kHeadScale = 0.85f;
    // One row size for every card: three themes a card where the body text allows (a card of two is mostly paging),
    // never below what reads from the back of the room.
    const float rowSize = std::clamp((grid.cellHeight - band - pad * 1.6f) / (3.0f * 1.32f + kHeadScale * 1.3f),
                                     text * 0.5f, text * 0.9f);
    const float rowHeight = rowSize * 1.32f;
    const float headSize = rowSize * kHeadScale;
    const float rowsTop = band + pad * 0.6f + headSize * 1.3f;
    // The row size above is chosen for exactly three rows: rounding must not make that two and a bit less.
    const int rowsPerCard = std::max(1, static_cast<int>((grid.cellHeight - rowsTop - pad) / rowHeight + 0.01f));
    m_harvestPageCount = harvestPages(synthesis, rowsPerCard);
    const std::size_t page = pageAt(now, m_harvestPageCount);
    m_drawnHarvestPage = page;
    m_harvestShown.rowSize = rowSize;
    m_harvestShown.headSize = headSize;

    const std::string notesHead = tr("projector.notes");
    const std::string votesHead = tr("projector.votes");
    for (std::size_t i = 0; i < menus.size(); ++i) {
        const MenuHarvest& harvest = *menus[i];
        const Menu* menu = session.findMenu(harvest.menu);
        const std::uint32_t colour = menu ? menu->colour : 0x78797F;
        const auto [cardMin, cardMax] = grid.cell(i, min, gap);
        const float rounding = std::min(text * 0.3f, 10.0f);
        const float inner = grid.cellWidth - pad * 2.0f;
        list->AddRectFilled(cardMin, cardMax, kCard, rounding);
        list->AddRectFilled(cardMin, {cardMax.x, cardMin.y + band}, rgb(colour), rounding, ImDrawFlags_RoundCornersTop);
        const std::string title = menu ? menu->title : std::string(tr("projector.no_menu"));
        drawText(list, body, titleSize, {cardMin.x + pad, cardMin.y + (band - titleSize * 1.16f) * 0.5f},
                 rgb(textColourOn(colour)), fitted(body, titleSize, title, inner));

        std::vector<const ThemeSummary*> themes = themesToShow(harvest);
        const float right = cardMax.x - pad;
        // Two columns of counts at the right: notes (muted) and votes (bright, the figure the room watches).
        const float countWidth = std::max({widthOf(digits, rowSize, "000"), widthOf(body, headSize, notesHead),
                                           widthOf(body, headSize, votesHead)}) +
                                 pad;
        const float votesX = right - countWidth;
        const float notesX = votesX - countWidth;
        const float nameWidth = notesX - (cardMin.x + pad) - pad;
        float y = cardMin.y + band + pad * 0.6f;
        if (themes.empty() && harvest.lostVotes == 0) {
            drawText(list, body, rowSize * 0.8f, {cardMin.x + pad, y}, kMuted, tr("projector.no_themes"));
            continue;
        }
        auto rightAligned = [&](ImFont* font, float size, float columnRight, float top, ImU32 colour,
                                const std::string& shown) {
            drawText(list, font, size, {columnRight - widthOf(font, size, shown), top}, colour, shown);
        };
        rightAligned(body, headSize, notesX + countWidth - pad, y, kMuted, notesHead);
        rightAligned(body, headSize, right, y, kMuted, votesHead);
        y = cardMin.y + rowsTop;
        const std::size_t lines = themes.size() + (harvest.lostVotes > 0 ? 1 : 0);
        const std::size_t first = std::min(page * static_cast<std::size_t>(rowsPerCard), lines);
        const std::size_t last = std::min(first + static_cast<std::size_t>(rowsPerCard), lines);
        for (std::size_t row = first; row < last; ++row, y += rowHeight) {
            const bool lost = row >= themes.size();
            const std::string name = lost ? std::string(tr("projector.theme_gone")) : themes[row]->name;
            const int notes = lost ? 0 : themes[row]->noteCount();
            const int votes = lost ? harvest.lostVotes : themes[row]->votes;
            m_harvestShown.rows.push_back({name, notes, votes});
            if (row % 2 == 1)
                list->AddRectFilled({cardMin.x + pad * 0.4f, y - rowSize * 0.12f},
                                    {cardMax.x - pad * 0.4f, y + rowHeight - rowSize * 0.2f},
                                    currentPalette().projector.stripe, rounding * 0.5f);
            drawText(list, body, rowSize, {cardMin.x + pad, y}, lost ? kMuted : kText,
                     fitted(body, rowSize, name, nameWidth));
            if (!lost) rightAligned(body, rowSize, notesX + countWidth - pad, y, kMuted, std::to_string(notes));
            rightAligned(body, rowSize, right, y, votes > 0 ? rgb(kWarning) : kMuted,
                         votes > 0 ? "\u25CF " + std::to_string(votes) : std::string("–"));
        }
        if (m_harvestPageCount > 1 && lines > static_cast<std::size_t>(rowsPerCard)) {
            const std::string shown = std::to_string(page + 1) + " / " + std::to_string(m_harvestPageCount);
            drawText(list, body, headSize, {cardMin.x + pad, cardMin.y + band + pad * 0.6f}, kMuted, shown);
        }
    }
}

void ProjectorView::drawFlash(ImVec2 min, ImVec2 max, std::int64_t now) {
    if (!m_flashStart) return;
    const float t = static_cast<float>(now - *m_flashStart) / static_cast<float>(kFlashMillis);
    if (t < 0.0f || t > 1.0f) return;
    const float pulse = 0.5f + 0.5f * std::cos(t * 3.0f * 2.0f * 3.14159265f);
    const float thickness = std::round((max.y - min.y) * 0.035f);
    const ImU32 colour = rgb(kFlash, pulse * (1.0f - t * 0.6f));
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRect({min.x + thickness * 0.5f, min.y + thickness * 0.5f},
                  {max.x - thickness * 0.5f, max.y - thickness * 0.5f}, colour, 0.0f, 0, thickness);
}

// [SECTION] redraw timing

std::optional<double> ProjectorView::redrawAfter(const PanelContext& context) const {
    if (!context.timer) return std::nullopt;
    const std::int64_t now = context.timer->now();
    const TimerState state = context.timer->state(context.session);
    std::optional<double> due = secondsUntilNextTick(state);
    auto sooner = [&](double seconds) { due = due ? std::min(*due, seconds) : seconds; };
    if (m_lastPhase && !(*m_lastPhase == PhaseKey{state.started, state.finished, state.phaseIndex})) sooner(0.0);
    if (state.running && state.displaySeconds() != m_drawnSeconds) sooner(0.0);
    if (m_flashStart) sooner(1.0 / 30.0);
    const bool harvest = state.started && (state.phase.kind == PhaseKind::Harvest || state.phase.kind == PhaseKind::Done);
    if (harvest && m_harvestPageCount > 1) {
        if (pageAt(now, m_harvestPageCount) != m_drawnHarvestPage) sooner(0.0);
        sooner(static_cast<double>(kPageMillis - now % kPageMillis) / 1000.0);
    }
    if (state.started && state.phase.kind == PhaseKind::Move && m_pageCount > 1) {
        if (pageAt(now, m_pageCount) != m_drawnPage) sooner(0.0);
        sooner(static_cast<double>(kPageMillis - now % kPageMillis) / 1000.0);
    }
    return due;
}

}  // namespace worldcafe::gui
