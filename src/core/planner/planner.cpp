#include "worldcafe/planner.hpp"

// Index
// [SECTION] hard rules
// [SECTION] scoring
// [SECTION] planning

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <tuple>

#include "planner_model.hpp"
#include "planner_search.hpp"

namespace worldcafe {

using planner::kNone;
using planner::Model;

namespace {

Model scoringModel(const Session& session, const std::vector<RoundPlan>& plan, RoundNumber fromRound) {
    planner::ModelOptions options;
    options.fromRound = std::max(1, fromRound);
    options.freezeLockedRounds = false;
    options.tolerant = true;
    return planner::buildModel(session, plan, options);
}

// [SECTION] hard rules

class RuleChecker {
public:
    RuleChecker(const Session& session, const std::vector<RoundPlan>& plan, RoundNumber fromRound)
        : m_session(session), m_plan(plan), m_fromRound(std::max(1, fromRound)), m(scoringModel(session, {}, 1)) {}

    std::vector<std::string> run() {
        const int rounds = m_session.rounds.count;
        std::map<RoundNumber, int> seen;
        for (const RoundPlan& plan : m_plan) {
            if (plan.round < 1 || plan.round > rounds) {
                add("the plan has round " + std::to_string(plan.round) + ", but the café has " +
                    std::to_string(rounds) + (rounds == 1 ? " round" : " rounds"));
                continue;
            }
            if (++seen[plan.round] == 2) add("round " + std::to_string(plan.round) + " is in the plan twice");
        }
        m_hostTable.assign(static_cast<std::size_t>(m.people), kNoTable);
        for (int i = 0; i < m.people; ++i)
            if (m.host[i]) m_hostTable[i] = m.participant[i]->table;
        for (RoundNumber round = m_fromRound; round <= rounds; ++round) checkRound(round);
        return std::move(m_messages);
    }

private:
    void add(std::string message) { m_messages.push_back(std::move(message)); }

    void checkRound(RoundNumber round) {
        const std::string prefix = "round " + std::to_string(round) + ": ";
        auto it = std::find_if(m_plan.begin(), m_plan.end(), [&](const RoundPlan& p) { return p.round == round; });
        int present = 0;
        for (int i = 0; i < m.people; ++i) present += m.participant[i]->presentIn(round);
        if (it == m_plan.end()) {
            if (present > 0)
                add(prefix + "not planned: " + std::to_string(present) + (present == 1 ? " person" : " people") +
                    " present without a seat");
            return;
        }
        std::vector<TableNumber> tableOf(static_cast<std::size_t>(m.people), kNoTable);
        std::map<TableNumber, int> seated;
        for (const Seat& seat : it->seats) {
            int i = m.indexOf(seat.participant);
            if (i == kNone) {
                add(prefix + "participant " + std::to_string(seat.participant) + " is seated, but does not exist");
                continue;
            }
            TableNumber& table = tableOf[i];
            if (table != kNoTable) {
                add(prefix + m.who(i) + " is seated twice (tables " + std::to_string(table) + " and " +
                    std::to_string(seat.table) + ")");
                continue;
            }
            table = seat.table;
            if (m.tableIndexOf(seat.table) == kNone)
                add(prefix + m.who(i) + " sits at table " + std::to_string(seat.table) + ", which does not exist");
            ++seated[seat.table];
        }
        for (const auto& [number, count] : seated) {
            int t = m.tableIndexOf(number);
            if (t != kNone && count > m.capacity[t])
                add(prefix + "table " + std::to_string(number) + " seats " + std::to_string(count) + ", capacity " +
                    std::to_string(m.capacity[t]));
        }
        std::map<TableNumber, int> hostAt;
        for (int i = 0; i < m.people; ++i) {
            const Participant& p = *m.participant[i];
            TableNumber table = tableOf[i];
            bool isPresent = p.presentIn(round);
            if (isPresent && table == kNoTable) add(prefix + m.who(i) + " is present but has no seat");
            if (!isPresent && table != kNoTable) {
                std::string why = p.absent ? "did not come"
                                  : p.fromRound != kNoRound && round < p.fromRound
                                      ? "arrives in round " + std::to_string(p.fromRound)
                                      : "leaves after round " + std::to_string(p.untilRound);
                add(prefix + m.who(i) + " is seated at table " + std::to_string(table) + " but is absent (" + why +
                    ")");
            }
            if (table == kNoTable) continue;
            if (p.role == Role::Host) {
                TableNumber& own = m_hostTable[i];
                if (own == kNoTable) own = table;  // a host without a table keeps the first one they sit at
                if (table != own)
                    add(prefix + "host " + m.who(i) + " sits at table " + std::to_string(table) + " instead of table " +
                        std::to_string(own) + " (a host stays at one table)");
                auto [at, inserted] = hostAt.emplace(table, i);
                if (!inserted)
                    add(prefix + "table " + std::to_string(table) + " has two hosts: " + m.who(at->second) + " and " +
                        m.who(i));
            } else if (p.table != kNoTable && table != p.table) {
                add(prefix + m.who(i) + " is pinned to table " + std::to_string(p.table) + " but sits at table " +
                    std::to_string(table));
            }
        }
        for (const Rule& rule : m_session.rules) {
            int a = m.indexOf(rule.a), b = m.indexOf(rule.b);
            if (a == kNone || b == kNone || a == b) continue;
            TableNumber ta = tableOf[a], tb = tableOf[b];
            if (ta == kNoTable || tb == kNoTable) continue;
            if (rule.kind == RuleKind::KeepApart && ta == tb)
                add(prefix + m.who(a) + " and " + m.who(b) + " must be kept apart but both sit at table " +
                    std::to_string(ta));
            if (rule.kind == RuleKind::KeepTogether && ta != tb)
                add(prefix + m.who(a) + " and " + m.who(b) + " must sit together but sit at tables " +
                    std::to_string(ta) + " and " + std::to_string(tb));
        }
    }

    const Session& m_session;
    const std::vector<RoundPlan>& m_plan;
    RoundNumber m_fromRound;
    Model m;
    std::vector<TableNumber> m_hostTable;
    std::vector<std::string> m_messages;
};

// [SECTION] scoring

PlanQuality qualityOf(const Model& model, const Session& session, const std::vector<RoundPlan>& plan,
                      RoundNumber fromRound) {
    planner::Bounds bounds = planner::computeBounds(model);
    planner::Figures figures = planner::scoreGroups(model, planner::groupsOf(model, plan));
    PlanQuality quality;
    quality.c2 = figures.c2;
    quality.e = figures.e;
    quality.c2LowerBound = bounds.c2;
    quality.eLowerBound = bounds.e;
    quality.menuRevisits = static_cast<int>(figures.revisits);
    quality.sameAffiliationPairs = figures.sameAffiliation;
    quality.sameAffiliationLowerBound = bounds.sameAffiliation;
    quality.sizeSpread = figures.sizeSpread;
    quality.hardViolations = static_cast<int>(RuleChecker(session, plan, fromRound).run().size());
    return quality;
}

}  // namespace

std::vector<std::string> findHardViolations(const Session& session, const std::vector<RoundPlan>& plan) {
    return findHardViolations(session, plan, 1);
}

std::vector<std::string> findHardViolations(const Session& session, const std::vector<RoundPlan>& plan,
                                            RoundNumber fromRound) {
    return RuleChecker(session, plan, fromRound).run();
}

PlanQuality scorePlan(const Session& session, const std::vector<RoundPlan>& plan) {
    return scorePlan(session, plan, 1);
}

PlanQuality scorePlan(const Session& session, const std::vector<RoundPlan>& plan, RoundNumber fromRound) {
    return qualityOf(scoringModel(session, plan, fromRound), session, plan, fromRound);
}

int defaultCapacity(const Session& session) {
    Session open = session;
    for (Table& table : open.tables) table.capacity = 1 << 20;
    Model m = scoringModel(open, {}, 1);
    int tables = std::max(1, m.tables);
    int capacity = 1;
    for (int r = 0; r < m.rounds; ++r) {
        int present = 0;
        std::vector<int> fixedLoad(static_cast<std::size_t>(m.tables), 0);
        for (const planner::Unit& unit : m.units[r]) {
            int size = static_cast<int>(unit.members.size());
            present += size;
            capacity = std::max(capacity, size);
            if (unit.fixedTable != kNone) fixedLoad[unit.fixedTable] += size;
        }
        capacity = std::max(capacity, (present + tables - 1) / tables);
        for (int load : fixedLoad) capacity = std::max(capacity, load);
    }
    return capacity;
}

// [SECTION] planning

std::vector<SeatChange> seatChanges(const std::vector<RoundPlan>& before, const std::vector<RoundPlan>& after,
                                    RoundNumber fromRound) {
    std::map<std::pair<RoundNumber, ParticipantId>, TableNumber> old;
    for (const RoundPlan& round : before)
        if (round.round >= fromRound)
            for (const Seat& seat : round.seats) old[{round.round, seat.participant}] = seat.table;
    std::vector<SeatChange> changes;
    for (const RoundPlan& round : after) {
        if (round.round < fromRound) continue;
        for (const Seat& seat : round.seats) {
            auto it = old.find({round.round, seat.participant});
            if (it == old.end()) {
                changes.push_back({round.round, seat.participant, kNoTable, seat.table});
                continue;
            }
            if (it->second != seat.table) changes.push_back({round.round, seat.participant, it->second, seat.table});
            old.erase(it);
        }
    }
    for (const auto& [key, table] : old) changes.push_back({key.first, key.second, table, kNoTable});
    std::sort(changes.begin(), changes.end(), [](const SeatChange& a, const SeatChange& b) {
        return std::tie(a.round, a.participant) < std::tie(b.round, b.participant);
    });
    return changes;
}

PlanResult planSeating(const Session& session, const PlanOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    planner::ModelOptions modelOptions;
    modelOptions.fromRound = std::max(1, options.fromRound);
    const Model model = planner::buildModel(session, session.plan, modelOptions);
    const planner::Bounds bounds = planner::computeBounds(model);

    planner::SearchLimits limits;
    limits.start = start;
    const double seconds = std::max(0.0, options.timeLimitSeconds);
    limits.deadline = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(std::min(seconds, 1e6)));
    // The search stops on a count of look-ups rather than on the clock, so that a seed gives the same plan on every
    // machine: 2e7 a second of time limit is about half of what one core of the development machine does (4e7 to
    // 8e7). Only a machine more than twice as slow reaches the time limit first, and may return another plan.
    limits.workBudget = options.workBudget > 0 ? options.workBudget
                                               : static_cast<std::uint64_t>(std::min(seconds, 1e6) * 2e7);
    limits.progress = options.progress;

    std::mt19937_64 rng(options.seed);
    const bool fromBaseline = std::any_of(options.baseline.begin(), options.baseline.end(), [&](const RoundPlan& p) {
        return p.round >= modelOptions.fromRound && !p.seats.empty();
    });
    // A construction reseats everyone: a re-plan from a baseline starts from the baseline instead.
    std::optional<planner::Construction> construction;
    if (!fromBaseline) construction = planner::construct(model, rng);
    planner::Search search(model, bounds, rng(), limits);
    std::vector<int> baseline;
    if (fromBaseline) {
        baseline.assign(static_cast<std::size_t>(model.rounds) * static_cast<std::size_t>(model.people), kNone);
        for (const RoundPlan& round : options.baseline) {
            const int r = round.round - 1;
            if (r < 0 || r >= model.rounds || model.frozen[r]) continue;
            for (const Seat& seat : round.seats) {
                int i = model.indexOf(seat.participant), t = model.tableIndexOf(seat.table);
                if (i == kNone || t == kNone || !model.isIn(r, i)) continue;
                baseline[static_cast<std::size_t>(r) * static_cast<std::size_t>(model.people) + i] = t;
            }
        }
        search.setBaseline(baseline);
    }
    try {
        search.start(construction ? &construction->seats : fromBaseline ? &baseline : nullptr);
    } catch (const PlanImpossible&) {
        if (!construction) throw;
        // The construction spread its people so evenly that a keep-together group no longer fits: without it.
        construction.reset();
        search.start(nullptr);
    }
    if (construction && construction->relabel) search.relabelTables();
    if (construction) search.swapItineraries(construction->interchangeable);
    search.improve();

    PlanResult result;
    std::vector<int> seats = search.bestSeats();
    for (int r = 0; r < model.rounds; ++r) {
        const RoundNumber round = r + 1;
        if (model.frozen[r]) {
            auto it = std::find_if(session.plan.begin(), session.plan.end(),
                                   [&](const RoundPlan& p) { return p.round == round; });
            result.plan.push_back(*it);
            continue;
        }
        RoundPlan plan;
        plan.round = round;
        // Table by table, the host first, then in the order of the participant list.
        std::vector<std::tuple<int, int, int>> order;
        for (int i = 0; i < model.people; ++i) {
            int t = seats[r * model.people + i];
            if (t != kNone) order.emplace_back(t, model.host[i] ? 0 : 1, i);
        }
        std::sort(order.begin(), order.end());
        for (const auto& [t, hostFirst, i] : order) plan.seats.push_back(Seat{model.ids[i], model.tableNumber[t]});
        result.plan.push_back(std::move(plan));
    }

    std::vector<std::string> broken = findHardViolations(session, result.plan, modelOptions.fromRound);
    if (!broken.empty()) {
        std::string reason = "no plan keeps every rule: " + broken.front();
        if (broken.size() > 1) reason += " (and " + std::to_string(broken.size() - 1) + " more)";
        throw PlanImpossible(reason, "report.cannot_plan.rules", {});
    }
    result.quality = qualityOf(model, session, result.plan, modelOptions.fromRound);
    result.cancelled = search.cancelled();
    result.elapsedMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    result.bestFoundMs = search.bestFoundMs();
    result.work = search.work();
    if (fromBaseline) {
        for (const SeatChange& change : seatChanges(options.baseline, result.plan, modelOptions.fromRound))
            result.moved += change.from != kNoTable && change.to != kNoTable;
        result.leastMoves = search.leastMoves();
    }
    if (fromBaseline)
        result.method = search.searched() ? "fewest moves from the current plan + tabu search"
                                          : "fewest moves from the current plan";
    else if (construction)
        result.method = "construction (" + construction->name + ")" + (search.searched() ? " + tabu search" : "");
    else
        result.method = search.searched() ? "greedy + tabu search" : "greedy";
    return result;
}

}  // namespace worldcafe
