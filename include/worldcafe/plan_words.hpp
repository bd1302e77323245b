#pragma once
// The plan's figures in a sentence beside the jargon: "Everyone meets 12 other people; 3 pairs meet more than once,
// the fewest possible." For the Plan view and the command line's plan summary, in the language of `strings`.

#include <string>
#include <vector>

#include "worldcafe/model.hpp"
#include "worldcafe/planner.hpp"
#include "worldcafe/strings.hpp"

namespace worldcafe {

struct MeetingCounts {
    int people = 0;                   // seated in at least one round
    int fewestMet = 0;                // the fewest different people anyone shares a table with, over all rounds
    int mostMet = 0;
    long long pairsMeetingAgain = 0;  // pairs at one table in more than one round
};

MeetingCounts countMeetings(const std::vector<RoundPlan>& plan);

// "The fewest possible" only when the plan is at the planner's lower bounds for both C2 and E.
std::string planSentence(const PlanQuality& quality, const MeetingCounts& counts, const Strings& strings);

// Why the planner could not plan, in plain words with what to do ("Table 4 has 9 seats for the 11 people who must
// sit there: add seats to table 4 or ..."), in the language of `strings`; the message itself for a reason that has
// no plain words.
std::string plainReason(const PlanImpossible& error, const Strings& strings);

}  // namespace worldcafe
