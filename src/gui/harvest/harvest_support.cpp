#include "harvest_support.hpp"

#include <imgui.h>

#include "i18n.hpp"
#include "worldcafe/errors.hpp"

namespace worldcafe::gui {

// [SECTION] edits

void HarvestEdits::beginFrame(const PanelContext& context, const Synthesis& synthesis) {
    m_emitted = false;
    if (m_waiting.empty()) return;
    Build next = std::move(m_waiting.front());
    m_waiting.erase(m_waiting.begin());
    emit(context, synthesis, next);
}

void HarvestEdits::edit(const PanelContext& context, const Synthesis& synthesis, Build build) {
    if (context.readOnly) {
        context.out.notify(NoticeKind::Warning, tr("readonly.cannot_edit"));
        return;
    }
    if (m_emitted) {
        m_waiting.push_back(std::move(build));
        return;
    }
    emit(context, synthesis, build);
}

void HarvestEdits::emit(const PanelContext& context, const Synthesis& synthesis, const Build& build) {
    try {
        context.out.emit(build(context.session, synthesis));
        m_emitted = true;
    } catch (const Error& error) {
        context.out.notify(NoticeKind::Warning, trf("error.rejected", {error.what()}));
    }
}

// [SECTION] labels

namespace {

std::string joinNumbers(const std::vector<int>& numbers) {
    std::string list;
    for (int number : numbers) list += (list.empty() ? "" : ", ") + std::to_string(number);
    return list;
}

}  // namespace

std::string notesLabel(int count) {
    return trf(count == 1 ? "harvest.notes_one" : "harvest.notes_n", {std::to_string(count)});
}

std::string votesLabel(int count) {
    return trf(count == 1 ? "harvest.votes_one" : "harvest.votes_n", {std::to_string(count)});
}

std::string votersLabel(int count) {
    return trf(count == 1 ? "harvest.voters_one" : "harvest.voters_n", {std::to_string(count)});
}

std::string votesDetail(const ThemeSummary& theme) {
    return trf("harvest.votes_help", {std::to_string(theme.phoneVotes), std::to_string(theme.votes - theme.phoneVotes)});
}

std::string tablesLabel(const std::vector<TableNumber>& tables) {
    if (tables.empty()) return tr("harvest.no_tables");
    return trf(tables.size() == 1 ? "harvest.tables_one" : "harvest.tables_n", {joinNumbers(tables)});
}

std::string roundsLabel(const std::vector<RoundNumber>& rounds) {
    if (rounds.empty()) return {};
    if (rounds.size() == 1) return trf("harvest.rounds_one", {std::to_string(rounds.front())});
    // Consecutive rounds read as a range: "rounds 1–3".
    bool consecutive = rounds.back() - rounds.front() + 1 == static_cast<int>(rounds.size());
    std::string list = consecutive ? std::to_string(rounds.front()) + "–" + std::to_string(rounds.back())
                                   : joinNumbers(rounds);
    return trf("harvest.rounds_n", {list});
}

std::string menuNumberLabel(const MenuHarvest& harvest, std::size_t index) {
    if (harvest.menu == kNoMenu) return tr("harvest.no_menu");
    return trf("harvest.menu_n", {std::to_string(index + 1)});
}

std::string menuTitle(const Session& session, const MenuHarvest& harvest) {
    const Menu* menu = session.findMenu(harvest.menu);
    return menu ? menu->title : std::string(tr("harvest.no_menu"));
}

std::uint32_t menuColour(const Session& session, const MenuHarvest& harvest) {
    const Menu* menu = session.findMenu(harvest.menu);
    return menu ? menu->colour : 0x999999;
}

const char* originLabel(ThemeOrigin origin) {
    switch (origin) {
        case ThemeOrigin::Organiser: return tr("harvest.origin.organiser");
        case ThemeOrigin::Tags: return tr("harvest.origin.tags");
        case ThemeOrigin::Cluster: return tr("harvest.origin.cluster");
    }
    return "";
}

std::string shortened(std::string_view text, int maxCodePoints) {
    std::size_t at = 0;
    int count = 0;
    while (at < text.size()) {
        // A lead byte starts a code point; continuation bytes are 10xxxxxx.
        if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80 && count++ == maxCodePoints)
            return std::string(text.substr(0, at)) + "…";
        ++at;
    }
    return std::string(text);
}

}  // namespace worldcafe::gui
