#include "worldcafe/plan_words.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>

#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

MeetingCounts countMeetings(const std::vector<RoundPlan>& plan) {
    // Each pair once per round it shares a table: key (smaller id, larger id).
    std::unordered_map<std::uint64_t, int> shared;
    std::map<ParticipantId, int> met;
    auto pairKey = [](ParticipantId a, ParticipantId b) {
        if (a > b) std::swap(a, b);
        return (static_cast<std::uint64_t>(a) << 32) ^ static_cast<std::uint64_t>(b);
    };
    for (const RoundPlan& round : plan) {
        std::map<TableNumber, std::vector<ParticipantId>> tables;
        for (const Seat& seat : round.seats) {
            tables[seat.table].push_back(seat.participant);
            met.emplace(seat.participant, 0);
        }
        for (const auto& [table, people] : tables)
            for (std::size_t i = 0; i < people.size(); ++i)
                for (std::size_t j = i + 1; j < people.size(); ++j) {
                    int& times = shared[pairKey(people[i], people[j])];
                    if (++times == 1) {
                        ++met[people[i]];
                        ++met[people[j]];
                    }
                }
    }
    MeetingCounts counts;
    counts.people = static_cast<int>(met.size());
    if (!met.empty()) {
        auto [fewest, most] = std::minmax_element(met.begin(), met.end(),
                                                  [](const auto& a, const auto& b) { return a.second < b.second; });
        counts.fewestMet = fewest->second;
        counts.mostMet = most->second;
    }
    for (const auto& [pair, times] : shared)
        if (times > 1) ++counts.pairsMeetingAgain;
    return counts;
}

std::string planSentence(const PlanQuality& quality, const MeetingCounts& counts, const Strings& strings) {
    if (counts.people == 0) return {};
    std::string meets =
        counts.fewestMet == counts.mostMet
            ? strings.counted(counts.fewestMet, "report.plan.everyone_meets.one", "report.plan.everyone_meets.other")
            : strings.format("report.plan.meet_between",
                             {std::to_string(counts.fewestMet), std::to_string(counts.mostMet)});
    const bool atBound = quality.c2 <= quality.c2LowerBound && quality.e <= quality.eLowerBound;
    std::string again;
    if (counts.pairsMeetingAgain == 0) {
        again = strings.text("report.plan.no_repeats");
    } else {
        const int pairs = static_cast<int>(std::min<long long>(counts.pairsMeetingAgain, 1 << 30));
        again = strings.counted(pairs, "report.plan.repeats.one", "report.plan.repeats.other");
        if (atBound) again = strings.format("report.plan.fewest_possible", {again});
    }
    return strings.format("report.plan.sentence", {meets, again});
}

std::string plainReason(const PlanImpossible& error, const Strings& strings) {
    if (error.key.empty()) return error.what();
    try {
        return fillPlaceholders(strings.text(error.key), error.args);
    } catch (const Error&) {
        return error.what();  // a label file without the key: the message still says why
    }
}

}  // namespace worldcafe
