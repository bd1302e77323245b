#include "worldcafe/zoom_export.hpp"

#include <algorithm>
#include <set>

#include "worldcafe/csv.hpp"
#include "worldcafe/spreadsheet_cell.hpp"

namespace worldcafe {

ZoomExport formatZoomBreakoutCsv(const Session& session, const std::vector<RoundPlan>& plan) {
    ZoomExport result;
    std::set<ParticipantId> missing;
    std::vector<const RoundPlan*> rounds;
    for (const RoundPlan& round : plan) rounds.push_back(&round);
    std::stable_sort(rounds.begin(), rounds.end(),
                     [](const RoundPlan* a, const RoundPlan* b) { return a->round < b->round; });
    for (const RoundPlan* round : rounds) {
        ZoomRoundFile file;
        file.round = round->round;
        file.fileName = "zoom-round-" + std::to_string(round->round) + ".csv";
        file.text = "Pre-assign Room Name,Email Address\n";
        std::vector<Seat> seats = round->seats;
        std::stable_sort(seats.begin(), seats.end(), [](const Seat& a, const Seat& b) { return a.table < b.table; });
        for (const Seat& seat : seats) {
            const Participant* person = session.findParticipant(seat.participant);
            const std::string_view email = person ? emailOf(*person) : std::string_view();
            if (email.empty()) {
                missing.insert(seat.participant);
                continue;
            }
            file.text += "Table " + std::to_string(seat.table) + "," + spreadsheetCsvField(email) + "\n";
            ++file.rows;
        }
        result.rounds.push_back(std::move(file));
    }
    for (const Participant& person : session.participants)
        if (missing.contains(person.id)) result.withoutEmail.push_back(person.id);
    return result;
}

std::string describeWithoutEmail(const Session& session, const std::vector<ParticipantId>& withoutEmail) {
    if (withoutEmail.empty()) return {};
    std::string text = std::to_string(withoutEmail.size()) +
                       (withoutEmail.size() == 1 ? " person has" : " people have") +
                       " no e-mail and is not in the Zoom files (assign them in Zoom by hand): ";
    if (withoutEmail.size() != 1) text.replace(text.find(" is not"), 7, " are not");
    for (std::size_t i = 0; i < withoutEmail.size(); ++i) {
        const Participant* person = session.findParticipant(withoutEmail[i]);
        if (i > 0) text += ", ";
        text += person ? person->name : std::string("participant ") + std::to_string(withoutEmail[i]);
        text += " (" + (person && !person->externalId.empty() ? person->externalId : std::to_string(withoutEmail[i])) +
                ")";
    }
    return text;
}

}  // namespace worldcafe
