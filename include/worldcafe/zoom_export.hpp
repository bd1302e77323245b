#pragma once
// For cafés run online: Zoom's breakout-room pre-assignment CSV ("Pre-assign Room Name,Email Address"), one file
// per round, since Zoom takes one assignment at a time. Zoom matches people by the e-mail they sign in with, so only
// people with an e-mail (an extra column named email, e-mail or 이메일) can be listed; the others are named to the
// facilitator, never dropped silently.

#include <string>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe {

struct ZoomRoundFile {
    RoundNumber round = 0;
    std::string fileName;  // "zoom-round-1.csv"
    std::string text;      // UTF-8, header first, one row per seated person with an e-mail
    int rows = 0;
};

struct ZoomExport {
    std::vector<ZoomRoundFile> rounds;
    std::vector<ParticipantId> withoutEmail;  // seated in some round but without an e-mail, in participant order
};

// Rooms are named "Table N" so that a person's room name means the same table in every round.
ZoomExport formatZoomBreakoutCsv(const Session& session, const std::vector<RoundPlan>& plan);

// "3 people have no e-mail and are not in the Zoom files: 김민수 (S-0003), ..." or empty when everyone has one.
std::string describeWithoutEmail(const Session& session, const std::vector<ParticipantId>& withoutEmail);

}  // namespace worldcafe
