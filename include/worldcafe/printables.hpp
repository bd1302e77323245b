#pragma once
// Print-ready HTML for the day: an itinerary card per person (name, then table and menu for every round) and a
// folded tent card per table (number, menu, question, host). Opened in a browser and printed on A4.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe {

enum class Printable { ItineraryCards, TableTents };

// The room's server links (issue 11) printed as QR codes: the guests' page on every itinerary card, each table's host
// page on its tent. An empty link (or no function) prints no code; a link too long for a code fails with
// QrEncodeError before anything is written.
struct PrintLinks {
    std::string guests;
    std::function<std::string(const Table&)> host;
};

// The pages the room's server answers: the guests' page at BASE/ and a table's host page at BASE/t/TOKEN, where BASE
// is "http://ADDRESS:PORT" (trailing slashes ignored). hostLinkUrl() is empty for a table that has no token yet.
std::string guestsLinkUrl(std::string_view base);
std::string hostLinkUrl(std::string_view base, const Table& table);

// The links for printing from `base`. Throws Error for a base that is not an http:// or https:// URL; the host
// function throws Error for a table without a token (`worldcafe links` issues them).
PrintLinks printLinks(std::string_view base);

// A session without a plan still gets cards, with "not planned yet" in each round.
std::string formatPrintableHtml(const Session& session, Printable what, const PrintLinks& links = {});

// Participants in reading order for lists people scan for their own name: 가나다 for Korean names (Hangul syllables
// are encoded in that order), case-insensitive for Latin ones.
std::vector<const Participant*> participantsInNameOrder(const Session& session);

// The table `participant` sits at in `round` according to the plan, or kNoTable.
TableNumber seatOf(const Session& session, ParticipantId participant, RoundNumber round);

// Escapes & < > " ' for HTML text and attributes.
std::string escapeHtml(std::string_view text);

}  // namespace worldcafe
