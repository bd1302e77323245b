#pragma once
// Print-ready HTML for the day: an itinerary card per person (name, then table and menu for every round) and a
// folded tent card per table (number, menu, question, host). Opened in a browser and printed on A4.

#include <string>
#include <string_view>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe {

enum class Printable { ItineraryCards, TableTents };

// A session without a plan still gets cards, with "not planned yet" in each round.
std::string formatPrintableHtml(const Session& session, Printable what);

// Participants in reading order for lists people scan for their own name: 가나다 for Korean names (Hangul syllables
// are encoded in that order), case-insensitive for Latin ones.
std::vector<const Participant*> participantsInNameOrder(const Session& session);

// The table `participant` sits at in `round` according to the plan, or kNoTable.
TableNumber seatOf(const Session& session, ParticipantId participant, RoundNumber round);

// Escapes & < > " ' for HTML text and attributes.
std::string escapeHtml(std::string_view text);

}  // namespace worldcafe
