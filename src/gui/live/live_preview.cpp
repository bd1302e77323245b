#include "live_preview.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "console_view.hpp"
#include "worldcafe/planner.hpp"

namespace worldcafe::gui {

namespace {

// 14:00 local time on the event's date, or a fixed day when the date cannot be read.
WallMillis startTime(const Session& session) {
    int year = 0, month = 0, day = 0;
    std::tm local{};
    if (std::sscanf(session.event.date.c_str(), "%d-%d-%d", &year, &month, &day) == 3 && year > 1970 && month >= 1 &&
        month <= 12 && day >= 1 && day <= 31) {
        local.tm_year = year - 1900;
        local.tm_mon = month - 1;
        local.tm_mday = day;
    } else {
        local.tm_year = 2024 - 1900;
        local.tm_mon = 4;
        local.tm_mday = 18;
    }
    local.tm_hour = 14;
    local.tm_isdst = -1;
    const std::time_t at = std::mktime(&local);
    return at > 0 ? static_cast<WallMillis>(at) * 1000 : WallMillis{1716040800000};
}

}  // namespace

std::optional<std::string> livePhaseForView(std::string_view view) {
    const std::string_view name = view.substr(0, view.find('/'));
    if (name != "console" && name != "projector" && name != "host") return std::nullopt;
    const std::string_view part = name.size() < view.size() ? view.substr(name.size() + 1) : std::string_view();
    const auto& phases = livePhaseNames();
    if (std::find(phases.begin(), phases.end(), part) != phases.end()) return std::string(part);
    // Re-planning for someone who left is what a facilitator does while the room moves to the next round.
    if (name == "console" && part == kReplanPart) return std::string("move");
    return std::string("talk");
}

LivePreview simulateRun(const Session& original, std::string_view phase) {
    LivePreview preview{original, startTime(original)};
    Session& session = preview.session;
    if (session.plan.empty() && !session.participants.empty()) {
        try {
            PlanOptions options;
            options.seed = 1;
            session.plan = planSeating(session, options).plan;
        } catch (const std::exception&) {
            // Unplannable sessions still show the clock and the tables.
        }
    }

    const std::vector<Phase> agenda = agendaOf(session);
    const RoundNumber count = std::max(session.rounds.count, 1);
    const RoundNumber talkRound = std::min(2, count);
    auto find = [&](PhaseKind kind, RoundNumber round) -> std::size_t {
        for (std::size_t i = 0; i < agenda.size(); ++i)
            if (agenda[i].kind == kind && (round == kNoRound || agenda[i].round == round)) return i;
        return 0;
    };
    auto offsetOf = [&](std::size_t index) {
        std::int64_t offset = 0;
        for (std::size_t i = 0; i < index; ++i) offset += agenda[i].plannedMillis;
        return offset;
    };

    const WallMillis start = preview.now;
    RoundNumber notesUpTo = count;
    session.timeline.clear();
    if (phase == "welcome") {
        notesUpTo = 0;
        if (session.rounds.welcomeMinutes > 0) {
            session.timeline.push_back({TimelineKind::Start, start, 0});
            preview.now = start + agenda.front().plannedMillis / 2;
        }
    } else if (phase == "done") {
        session.timeline.push_back({TimelineKind::Start, start, 0});
        const std::int64_t total = offsetOf(agenda.size() - 1);
        session.timeline.push_back({TimelineKind::Finish, start + total, 0});
        preview.now = start + total + 60'000;
    } else {
        std::size_t index = 0;
        double fraction = 1.0 / 3.0;
        std::int64_t left = -1;
        if (phase == "move" && count > 1) {
            index = find(PhaseKind::Move, 2);
            fraction = 0.25;
            notesUpTo = 1;
        } else if (phase == "harvest") {
            index = find(PhaseKind::Harvest, kNoRound);
        } else {
            index = find(PhaseKind::Talk, talkRound);
            notesUpTo = talkRound;
            if (phase == "warning") left = 95'000;
        }
        session.timeline.push_back({TimelineKind::Start, start, 0});
        const std::int64_t planned = agenda[index].plannedMillis;
        const std::int64_t into = left >= 0 ? std::max<std::int64_t>(planned - left, 0)
                                            : static_cast<std::int64_t>(static_cast<double>(planned) * fraction);
        preview.now = start + offsetOf(index) + into;
    }
    std::erase_if(session.notes, [&](const Note& note) { return note.round > notesUpTo; });
    return preview;
}

}  // namespace worldcafe::gui
