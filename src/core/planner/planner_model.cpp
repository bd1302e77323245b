#include "planner_model.hpp"

// Index
// [SECTION] helpers
// [SECTION] building the model
// [SECTION] bounds
// [SECTION] scoring groups

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include "worldcafe/planner.hpp"

namespace worldcafe::planner {

namespace {

// [SECTION] helpers

long long pairsOf(long long k) { return k * (k - 1) / 2; }

class UnionFind {
public:
    explicit UnionFind(int size) : m_parent(static_cast<std::size_t>(size)) {
        std::iota(m_parent.begin(), m_parent.end(), 0);
    }
    int find(int x) {
        while (m_parent[x] != x) {
            int& parent = m_parent[x];
            parent = m_parent[parent];
            x = parent;
        }
        return x;
    }
    // The smaller index stays the root, so that roots do not depend on the order rules were listed in.
    void unite(int a, int b) {
        a = find(a);
        b = find(b);
        if (a == b) return;
        if (b < a) std::swap(a, b);
        m_parent[b] = a;
    }

private:
    std::vector<int> m_parent;
};

// Sizes of `count` people spread as evenly as the capacities allow (water filling); beyond the seats, evenly anyway,
// so that scoring an impossible session still gets numbers.
std::vector<long long> balancedSizes(long long count, const std::vector<int>& capacities) {
    std::vector<long long> sizes(capacities.size(), 0);
    if (capacities.empty() || count <= 0) return sizes;
    long long seats = 0;
    for (int c : capacities) seats += c;
    if (count >= seats) {
        long long extra = count - seats;
        long long tables = static_cast<long long>(capacities.size());
        for (std::size_t t = 0; t < capacities.size(); ++t)
            sizes[t] = capacities[t] + extra / tables + (static_cast<long long>(t) < extra % tables ? 1 : 0);
        return sizes;
    }
    auto filled = [&](long long level) {
        long long total = 0;
        for (int c : capacities) total += std::min<long long>(c, level);
        return total;
    };
    long long low = 0, high = count;  // filled(high) >= count
    while (low < high) {
        long long mid = (low + high) / 2;
        if (filled(mid) >= count)
            high = mid;
        else
            low = mid + 1;
    }
    long long level = low;
    long long placed = 0;
    for (std::size_t t = 0; t < capacities.size(); ++t) {
        sizes[t] = std::min<long long>(capacities[t], std::max(0LL, level - 1));
        placed += sizes[t];
    }
    for (std::size_t t = 0; t < capacities.size() && placed < count; ++t)
        if (capacities[t] >= level) {
            ++sizes[t];
            ++placed;
        }
    return sizes;
}

}  // namespace

int Model::indexOf(ParticipantId id) const {
    auto it = std::lower_bound(byId.begin(), byId.end(), std::pair<ParticipantId, int>{id, -1});
    return it != byId.end() && it->first == id ? it->second : kNone;
}

int Model::tableIndexOf(TableNumber number) const {
    auto it = std::lower_bound(byNumber.begin(), byNumber.end(), std::pair<TableNumber, int>{number, -1});
    return it != byNumber.end() && it->first == number ? it->second : kNone;
}

const std::string& Model::name(int person) const { return participant[person]->name; }

std::string Model::who(int person) const {
    const Participant& p = *participant[person];
    return "'" + p.name + "' (" + std::to_string(p.id) + ")";
}

// [SECTION] building the model

namespace {

class ModelBuilder {
public:
    ModelBuilder(const Session& session, const std::vector<RoundPlan>& plan, const ModelOptions& options)
        : m_session(session), m_plan(plan), m_options(options) {}

    Model build() {
        m.rounds = std::max(0, m_session.rounds.count);
        if (m_session.rounds.count < 1)
            fail("the café needs at least one round (it has " + std::to_string(m_session.rounds.count) + ")",
                 "report.cannot_plan.no_rounds", {});
        readTables();
        readPeople();
        readHosts();
        readPins();
        readRules();
        readRounds();
        checkCapacity();
        sizeRanges();
        return std::move(m);
    }

private:
    void fail(const std::string& reason) const {
        if (!m_options.tolerant) throw PlanImpossible(reason);
    }
    // With the same reason in plain words for the organiser: KEY of the report tables and what fills it.
    void fail(const std::string& reason, const char* key, std::vector<std::string> args) const {
        if (!m_options.tolerant) throw PlanImpossible(reason, key, std::move(args));
    }
    static std::string num(long long value) { return std::to_string(value); }
    static const char* counted(const char* one, const char* other, long long count) { return count == 1 ? one : other; }

    std::string tableName(int t) const { return "table " + std::to_string(m.tableNumber[t]); }

    void readTables() {
        std::vector<const Table*> tables;
        for (const Table& table : m_session.tables) tables.push_back(&table);
        std::stable_sort(tables.begin(), tables.end(),
                         [](const Table* a, const Table* b) { return a->number < b->number; });
        std::map<MenuId, int> menuIndex;
        for (const Table* table : tables) {
            if (!m.tableNumber.empty() && m.tableNumber.back() == table->number) {
                fail("table " + std::to_string(table->number) + " is listed twice");
                continue;
            }
            int index = m.tables++;
            m.byNumber.emplace_back(table->number, index);
            m.tableNumber.push_back(table->number);
            m.capacity.push_back(std::max(0, table->capacity));
            if (table->capacity > 0) ++m.openTables;
            int menu = kNone;  // a table without a menu has nothing to revisit
            if (table->menu != kNoMenu) {
                auto [it, inserted] = menuIndex.emplace(table->menu, m.menus);
                if (inserted) ++m.menus;
                menu = it->second;
            }
            m.menuOf.push_back(menu);
        }
        if (m.tables == 0) fail("there are no tables", "report.cannot_plan.no_tables", {});
        if (m.tables > 0 && m.openTables == 0)
            fail("no table has a seat (every capacity is 0)", "report.cannot_plan.no_seats", {});
    }

    void readPeople() {
        std::map<std::string, int> affiliations;
        for (const Participant& p : m_session.participants)
            if (!p.affiliation.empty()) affiliations.emplace(p.affiliation, 0);
        int next = 0;
        for (auto& [name, index] : affiliations) index = next++;
        std::set<ParticipantId> seen;
        for (const Participant& p : m_session.participants) {
            if (!seen.insert(p.id).second) {
                fail("participant id " + std::to_string(p.id) + " is used twice");
                continue;
            }
            int index = m.people++;
            m.byId.emplace_back(p.id, index);
            m.ids.push_back(p.id);
            m.participant.push_back(&p);
            m.affiliation.push_back(p.affiliation.empty() ? kNone : affiliations[p.affiliation]);
            m.host.push_back(p.role == Role::Host ? 1 : 0);
            m.fixedTable.push_back(kNone);
        }
        std::sort(m.byId.begin(), m.byId.end());
        m.apart.resize(static_cast<std::size_t>(m.people));
    }

    void readHosts() {
        int hosts = static_cast<int>(std::count(m.host.begin(), m.host.end(), 1));
        if (hosts > m.tables)
            fail("more hosts than tables: " + std::to_string(hosts) + " hosts for " + std::to_string(m.tables) +
                     (m.tables == 1 ? " table" : " tables"),
                 counted("report.cannot_plan.hosts.one", "report.cannot_plan.hosts.other", m.tables),
                 {num(hosts), num(m.tables)});
        std::vector<int> hostAt(static_cast<std::size_t>(m.tables), kNone);
        for (int i = 0; i < m.people; ++i) {
            const Participant& p = *m.participant[i];
            if (!m.host[i] || p.table == kNoTable) continue;
            int t = m.tableIndexOf(p.table);
            if (t == kNone) {
                fail("host " + m.who(i) + " is at table " + std::to_string(p.table) + ", but there is no table " +
                         std::to_string(p.table),
                     "report.cannot_plan.host_table_missing", {p.name, num(p.table)});
                continue;
            }
            int& other = hostAt[t];
            if (other != kNone) {
                fail(tableName(t) + " has two hosts: " + m.who(other) + " and " + m.who(i),
                     "report.cannot_plan.two_hosts", {num(m.tableNumber[t]), m.name(other), m.name(i)});
                continue;
            }
            other = i;
            m.fixedTable[i] = t;
        }
        // A host without a table takes the first table nobody hosts yet, and keeps it every round.
        int nextFree = 0;
        for (int i = 0; i < m.people; ++i) {
            if (!m.host[i] || m.participant[i]->table != kNoTable) continue;
            while (nextFree < m.tables && (hostAt[nextFree] != kNone || m.capacity[nextFree] == 0)) ++nextFree;
            if (nextFree == m.tables) {
                fail("host " + m.who(i) + " has no table and every table with seats already has a host",
                     "report.cannot_plan.host_no_table", {m.name(i)});
                continue;
            }
            hostAt[nextFree] = i;
            m.fixedTable[i] = nextFree;
        }
    }

    void readPins() {
        for (int i = 0; i < m.people; ++i) {
            const Participant& p = *m.participant[i];
            if (m.host[i] || p.table == kNoTable) continue;
            int t = m.tableIndexOf(p.table);
            if (t == kNone) {
                fail(m.who(i) + " is pinned to table " + std::to_string(p.table) + ", but there is no table " +
                         std::to_string(p.table),
                     "report.cannot_plan.pin_table_missing", {p.name, num(p.table)});
                continue;
            }
            m.fixedTable[i] = t;
        }
    }

    void readRules() {
        UnionFind together(m.people);
        std::map<std::pair<int, int>, std::set<RuleKind>> kinds;
        for (const Rule& rule : m_session.rules) {
            int a = m.indexOf(rule.a);
            int b = m.indexOf(rule.b);
            std::string name =
                std::string("rule ") + std::to_string(rule.id) + " (keep " + ruleKindName(rule.kind) + ")";
            if (a == kNone || b == kNone) {
                fail(name + " names participant " + std::to_string(a == kNone ? rule.a : rule.b) +
                     ", who does not exist");
                continue;
            }
            if (a == b) {
                if (rule.kind == RuleKind::KeepApart) fail(name + " keeps " + m.who(a) + " apart from themselves");
                continue;
            }
            auto& set = kinds[std::minmax(a, b)];
            set.insert(rule.kind);
            if (set.size() == 2)
                fail(m.who(std::min(a, b)) + " and " + m.who(std::max(a, b)) + " must be kept both together and apart",
                     "report.cannot_plan.together_and_apart", {m.name(std::min(a, b)), m.name(std::max(a, b))});
        }
        for (const auto& [pair, set] : kinds) {
            if (set.count(RuleKind::KeepTogether)) together.unite(pair.first, pair.second);
            if (set.count(RuleKind::KeepApart) && set.size() == 1) {
                m.apart[pair.first].push_back(pair.second);
                m.apart[pair.second].push_back(pair.first);
            }
        }
        for (auto& list : m.apart) std::sort(list.begin(), list.end());
        m_component.resize(static_cast<std::size_t>(m.people));
        std::vector<char> componentFixed(static_cast<std::size_t>(m.people), 0);
        for (int i = 0; i < m.people; ++i) {
            m_component[i] = together.find(i);
            if (m.fixedTable[i] != kNone) componentFixed[m_component[static_cast<std::size_t>(i)]] = 1;
        }
        m.revisitCounted.resize(static_cast<std::size_t>(m.people));
        for (int i = 0; i < m.people; ++i)
            m.revisitCounted[i] = !m.host[i] && !componentFixed[m_component[static_cast<std::size_t>(i)]];
    }

    const RoundPlan* recorded(int round) const {
        for (const RoundPlan& plan : m_plan)
            if (plan.round == round + 1) return &plan;
        return nullptr;
    }

    void readRounds() {
        const std::size_t cells = static_cast<std::size_t>(m.rounds) * static_cast<std::size_t>(m.people);
        m.in.assign(cells, 0);
        m.unitOf.assign(cells, kNone);
        m.frozen.assign(static_cast<std::size_t>(m.rounds), 0);
        m.units.resize(static_cast<std::size_t>(m.rounds));
        m.frozenGroups.resize(static_cast<std::size_t>(m.rounds));
        for (int r = 0; r < m.rounds; ++r) {
            const RoundPlan* plan = recorded(r);
            bool frozen = r + 1 < m_options.fromRound || (m_options.freezeLockedRounds && plan && plan->locked);
            m.frozen[r] = frozen ? 1 : 0;
            if (frozen) {
                if (!plan)
                    fail("round " + std::to_string(r + 1) + " comes before round " +
                         std::to_string(m_options.fromRound) +
                         " and is kept as it is, but the plan has no seats for it");
                readFrozenRound(r, plan);
            } else {
                readRoundToPlan(r);
            }
        }
    }

    void readFrozenRound(int r, const RoundPlan* plan) {
        auto& groups = m.frozenGroups[r];
        if (!plan) return;
        std::map<TableNumber, std::size_t> groupOf;
        for (const Seat& seat : plan->seats) {
            int i = m.indexOf(seat.participant);
            if (i == kNone || m.in[r * m.people + i]) continue;
            m.in[r * m.people + i] = 1;
            auto [it, inserted] = groupOf.emplace(seat.table, groups.size());
            if (inserted) {
                int t = m.tableIndexOf(seat.table);
                groups.push_back({t == kNone ? kNone : m.menuOf[t], {}});
            }
            groups[it->second].members.push_back(i);
        }
    }

    void readRoundToPlan(int r) {
        const RoundNumber round = r + 1;
        std::map<int, std::size_t> unitOfComponent;
        auto& units = m.units[r];
        for (int i = 0; i < m.people; ++i) {
            if (!m.participant[i]->presentIn(round)) continue;
            m.in[r * m.people + i] = 1;
            auto [it, inserted] = unitOfComponent.emplace(m_component[i], units.size());
            if (inserted) units.emplace_back();
            Unit& unit = units[it->second];
            unit.members.push_back(i);
            m.unitOf[r * m.people + i] = static_cast<int>(it->second);
            int fixed = m.fixedTable[i];
            if (fixed == kNone) continue;
            if (unit.fixedTable == kNone) {
                unit.fixedTable = fixed;
            } else if (unit.fixedTable != fixed) {
                int other = *std::find_if(unit.members.begin(), unit.members.end(),
                                          [&](int j) { return m.fixedTable[j] == unit.fixedTable; });
                fail("round " + std::to_string(round) + ": " + m.who(other) + " and " + m.who(i) +
                     " must sit together (keep-together rules), but they are fixed to " + tableName(unit.fixedTable) +
                     " and " + tableName(fixed));
            }
        }
        for (int i = 0; i < m.people; ++i) {
            int unit = m.unitIndex(r, i);
            if (unit == kNone) continue;
            for (int j : m.apart[i]) {
                if (j < i || m.unitIndex(r, j) == kNone) continue;
                if (m.unitIndex(r, j) == unit)
                    fail("round " + std::to_string(round) + ": " + m.who(i) + " and " + m.who(j) +
                         " must be kept apart, but keep-together rules put them at one table");
                else if (units[unit].fixedTable != kNone &&
                         units[unit].fixedTable == units[m.unitIndex(r, j)].fixedTable)
                    fail("round " + std::to_string(round) + ": " + m.who(i) + " and " + m.who(j) +
                         " must be kept apart, but both are fixed to " + tableName(units[unit].fixedTable));
            }
        }
    }

    // The names alone, for the organiser's sentence.
    std::string namesOf(const Unit& unit) const {
        std::string names;
        for (int i : unit.members) names += (names.empty() ? "" : ", ") + m.name(i);
        return names;
    }

    std::string listOf(const Unit& unit) const {
        std::string text;
        for (std::size_t k = 0; k < unit.members.size(); ++k) {
            if (k > 0) text += k + 1 == unit.members.size() ? " and " : ", ";
            text += m.who(unit.members[k]);
        }
        return text;
    }

    void checkCapacity() {
        int seats = 0, largest = 0;
        for (int c : m.capacity) {
            seats += c;
            largest = std::max(largest, c);
        }
        for (int r = 0; r < m.rounds; ++r) {
            if (m.frozen[r]) continue;
            const std::string round = "round " + std::to_string(r + 1) + ": ";
            int present = 0;
            std::vector<int> fixedLoad(static_cast<std::size_t>(m.tables), 0);
            for (const Unit& unit : m.units[r]) {
                int size = static_cast<int>(unit.members.size());
                present += size;
                if (unit.fixedTable != kNone) fixedLoad[unit.fixedTable] += size;
                if (size > largest && unit.fixedTable == kNone)
                    fail(round + listOf(unit) + " must sit together, but no table seats " + std::to_string(size) +
                             " (the largest capacity is " + std::to_string(largest) + ")",
                         "report.cannot_plan.group_too_big", {num(r + 1), namesOf(unit), num(size), num(largest)});
            }
            if (present > seats) {
                fail(round + "capacity too small: " + std::to_string(present) + " people are present, but the " +
                         std::to_string(m.tables) + (m.tables == 1 ? " table seats " : " tables seat ") +
                         std::to_string(seats),
                     counted("report.cannot_plan.capacity.one", "report.cannot_plan.capacity.other", seats),
                     {num(r + 1), num(present), num(seats), num(present - seats)});
                continue;
            }
            for (int t = 0; t < m.tables; ++t) {
                int load = fixedLoad[t];
                if (load > m.capacity[t])
                    fail(round + tableName(t) + " must seat " + std::to_string(load) +
                             " people who are fixed there (its host, pinned guests and those kept with them), but its "
                             "capacity is " +
                             std::to_string(m.capacity[t]),
                         counted("report.cannot_plan.fixed_over.one", "report.cannot_plan.fixed_over.other",
                                 m.capacity[t]),
                         {num(m.tableNumber[t]), num(m.capacity[t]), num(load)});
            }
        }
    }

    // When menus are shared by unequal numbers of tables, a guest sees every menu once only if the tables of a
    // menu held by fewer tables seat more people: a new menu every round ranks above balanced tables.
    bool menusSharedUnevenly() const {
        std::vector<int> tablesOfMenu(static_cast<std::size_t>(m.menus), 0);
        for (int t = 0; t < m.tables; ++t)
            if (m.menuOf[t] != kNone && m.capacity[t] > 0) ++tablesOfMenu[static_cast<std::size_t>(m.menuOf[t])];
        return std::adjacent_find(tablesOfMenu.begin(), tablesOfMenu.end(), std::not_equal_to<>()) !=
               tablesOfMenu.end();
    }

    // Each table between the sizes of an even spread, its fixed people counting first; or anywhere between its
    // fixed people and its capacity when an even spread would force menu revisits (the squared sizes in the
    // search's cost still keep tables as even as the revisits allow).
    void sizeRanges() {
        const std::size_t cells = static_cast<std::size_t>(m.rounds) * static_cast<std::size_t>(m.tables);
        m.sizeLow.assign(cells, 0);
        m.sizeHigh.assign(cells, 0);
        const bool unevenSpreadAllowed = m.rounds <= m.menus && menusSharedUnevenly();
        for (int r = 0; r < m.rounds; ++r) {
            if (m.frozen[r]) continue;
            std::vector<int> fixedLoad(static_cast<std::size_t>(m.tables), 0);
            long long present = 0;
            for (const Unit& unit : m.units[r]) {
                present += static_cast<long long>(unit.members.size());
                if (unit.fixedTable != kNone) fixedLoad[unit.fixedTable] += static_cast<int>(unit.members.size());
            }
            if (unevenSpreadAllowed) {
                for (int t = 0; t < m.tables; ++t) {
                    m.sizeLow[r * m.tables + t] = fixedLoad[t];
                    m.sizeHigh[r * m.tables + t] = std::max(fixedLoad[t], m.capacity[t]);
                }
                continue;
            }
            auto clampAt = [&](long long level, int t) {
                long long low = fixedLoad[t];
                long long high = std::max<long long>(low, m.capacity[t]);
                return std::min(std::max(level, low), high);
            };
            auto filled = [&](long long level) {
                long long total = 0;
                for (int t = 0; t < m.tables; ++t) total += clampAt(level, t);
                return total;
            };
            long long low = 0, high = std::max<long long>(present, 1);
            if (filled(high) < present) {  // more people than seats: only a tolerant model gets here
                for (int t = 0; t < m.tables; ++t) {
                    m.sizeLow[r * m.tables + t] = 0;
                    m.sizeHigh[r * m.tables + t] = static_cast<int>(present);
                }
                continue;
            }
            while (low < high) {
                long long mid = (low + high) / 2;
                if (filled(mid) >= present)
                    high = mid;
                else
                    low = mid + 1;
            }
            for (int t = 0; t < m.tables; ++t) {
                m.sizeLow[r * m.tables + t] = static_cast<int>(clampAt(low - 1, t));
                m.sizeHigh[r * m.tables + t] = static_cast<int>(clampAt(low, t));
            }
        }
    }

    const Session& m_session;
    const std::vector<RoundPlan>& m_plan;
    const ModelOptions& m_options;
    Model m;
    std::vector<int> m_component;
};

}  // namespace

Model buildModel(const Session& session, const std::vector<RoundPlan>& plan, const ModelOptions& options) {
    return ModelBuilder(session, plan, options).build();
}

// [SECTION] bounds

long long pigeonholePairs(long long k, long long g) {
    if (k <= 1) return 0;
    if (g <= 1) return pairsOf(k);
    long long q = k / g, s = k % g;
    return s * pairsOf(q + 1) + (g - s) * pairsOf(q);
}

namespace {

class BoundsCalculator {
public:
    explicit BoundsCalculator(const Model& model) : m(model) {
        for (int t = 0; t < m.tables; ++t)
            if (m.capacity[t] > 0) m_openCapacities.push_back(m.capacity[t]);
        m_groupOf.assign(static_cast<std::size_t>(m.rounds) * static_cast<std::size_t>(m.people), kNone);
        for (int r = 0; r < m.rounds; ++r) {
            if (!frozen(r)) continue;
            const auto& groups = m.frozenGroups[r];
            for (std::size_t g = 0; g < groups.size(); ++g)
                for (int i : groups[g].members) m_groupOf[r * m.people + i] = static_cast<int>(g);
        }
    }

    Bounds run() {
        Bounds bounds;
        forcedGroups();
        long long sumF = 0;
        for (int r = 0; r < m.rounds; ++r)
            for (int r2 = r + 1; r2 < m.rounds; ++r2) sumF += std::max(together(r, r2), forcedTogether(r, r2));
        long long counting = std::max(0LL, pairSlots() - allowedPairs());
        bounds.c2 = std::max(sumF, counting);
        long long fromC2 = m.rounds >= 2 ? (2 * bounds.c2 + m.rounds - 1) / m.rounds : 0;
        bounds.e = std::max({counting, fromC2, forcedRepeats()});
        bounds.sameAffiliation = sameAffiliationFloor();
        bounds.revisits = revisitFloor();
        return bounds;
    }

private:
    bool frozen(int r) const { return m.frozen[r] != 0; }
    long long g() const { return static_cast<long long>(m_openCapacities.size()); }

    // Who must share a table in each round whatever the plan: a keep-together group, the people fixed to one table
    // (a host and pinned guests), and everyone at one table of a frozen round.
    void forcedGroups() {
        m_forcedOf.assign(static_cast<std::size_t>(m.rounds) * static_cast<std::size_t>(m.people), kNone);
        m_forced.resize(static_cast<std::size_t>(m.rounds));
        for (int r = 0; r < m.rounds; ++r) {
            auto& groups = m_forced[r];
            if (frozen(r)) {
                for (const auto& group : m.frozenGroups[r]) groups.push_back(group.members);
            } else {
                std::vector<std::vector<int>> atTable(static_cast<std::size_t>(m.tables));
                for (const Unit& unit : m.units[r]) {
                    if (unit.fixedTable != kNone) {
                        auto& members = atTable[unit.fixedTable];
                        members.insert(members.end(), unit.members.begin(), unit.members.end());
                    } else if (unit.members.size() >= 2) {
                        groups.push_back(unit.members);
                    }
                }
                for (auto& members : atTable)
                    if (members.size() >= 2) groups.push_back(std::move(members));
            }
            for (std::size_t k = 0; k < groups.size(); ++k)
                for (int i : groups[k]) m_forcedOf[r * m.people + i] = static_cast<int>(k);
        }
    }

    // Pairs forced together in both rounds.
    long long forcedTogether(int r, int r2) const {
        long long count = 0;
        for (const auto& group : m_forced[r])
            for (std::size_t a = 0; a < group.size(); ++a)
                for (std::size_t b = a + 1; b < group.size(); ++b) {
                    int ga = m_forcedOf[r2 * m.people + group[a]];
                    if (ga != kNone && ga == m_forcedOf[r2 * m.people + group[b]]) ++count;
                }
        return count;
    }

    // E from the forced meetings alone: a pair forced together in k rounds repeats k - 1 times.
    long long forcedRepeats() const {
        std::map<std::pair<int, int>, int> rounds;
        for (int r = 0; r < m.rounds; ++r)
            for (const auto& group : m_forced[r])
                for (std::size_t a = 0; a < group.size(); ++a)
                    for (std::size_t b = a + 1; b < group.size(); ++b) ++rounds[std::minmax(group[a], group[b])];
        long long repeats = 0;
        for (const auto& entry : rounds) repeats += entry.second - 1;
        return repeats;
    }

    long long forcedSameAffiliation(int r) const {
        long long count = 0;
        for (const auto& group : m_forced[r])
            for (std::size_t a = 0; a < group.size(); ++a)
                for (std::size_t b = a + 1; b < group.size(); ++b) {
                    int fa = m.affiliation[group[a]];
                    count += fa != kNone && fa == m.affiliation[group[b]] ? 1 : 0;
                }
        return count;
    }

    // F(r, r'): pairs that sit together in both rounds, at the least.
    long long together(int r, int r2) const {
        if (frozen(r) && frozen(r2)) {
            long long count = 0;
            for (const auto& group : m.frozenGroups[r])
                for (std::size_t a = 0; a < group.members.size(); ++a)
                    for (std::size_t b = a + 1; b < group.members.size(); ++b) {
                        int ga = m_groupOf[r2 * m.people + group.members[a]];
                        int gb = m_groupOf[r2 * m.people + group.members[b]];
                        if (ga != kNone && ga == gb) ++count;
                    }
            return count;
        }
        if (frozen(r) || frozen(r2)) {
            int known = frozen(r) ? r : r2, other = frozen(r) ? r2 : r;
            long long count = 0;
            for (const auto& group : m.frozenGroups[known]) {
                long long k = 0;
                for (int i : group.members) k += m.isIn(other, i) ? 1 : 0;
                count += pigeonholePairs(k, g());
            }
            return count;
        }
        long long both = 0;
        for (int i = 0; i < m.people; ++i) both += m.isIn(r, i) && m.isIn(r2, i) ? 1 : 0;
        long long count = 0;
        for (long long k : balancedSizes(both, m_openCapacities)) count += pigeonholePairs(k, g());
        return count;
    }

    // S: pair meetings that the table sizes make, at the least.
    long long pairSlots() const {
        long long slots = 0;
        for (int r = 0; r < m.rounds; ++r) {
            if (frozen(r)) {
                for (const auto& group : m.frozenGroups[r])
                    slots += pairsOf(static_cast<long long>(group.members.size()));
                continue;
            }
            long long present = 0;
            for (int i = 0; i < m.people; ++i) present += m.isIn(r, i) ? 1 : 0;
            for (long long k : balancedSizes(present, m_openCapacities)) slots += pairsOf(k);
        }
        return slots;
    }

    // U: pairs that can meet at all. Hosts never meet, nor people fixed to different tables, nor a pair kept apart,
    // nor two people never present in the same round to plan, unless they already met in a frozen round.
    long long allowedPairs() const {
        const int words = (m.rounds + 63) / 64;
        std::vector<std::uint64_t> presence(
            static_cast<std::size_t>(m.people) * static_cast<std::size_t>(std::max(words, 1)), 0);
        bool anyFrozen = false;
        for (int r = 0; r < m.rounds; ++r) {
            if (frozen(r)) {
                anyFrozen = true;
                continue;
            }
            for (int i = 0; i < m.people; ++i)
                if (m.isIn(r, i)) presence[i * words + r / 64] |= std::uint64_t{1} << (r % 64);
        }
        std::vector<char> metBefore;
        if (anyFrozen) {
            metBefore.assign(static_cast<std::size_t>(m.people) * static_cast<std::size_t>(m.people), 0);
            for (int r = 0; r < m.rounds; ++r)
                if (frozen(r))
                    for (const auto& group : m.frozenGroups[r])
                        for (int a : group.members)
                            for (int b : group.members)
                                if (a != b)
                                    metBefore[static_cast<std::size_t>(a) * static_cast<std::size_t>(m.people) +
                                              static_cast<std::size_t>(b)] = 1;
        }
        auto couldMeetLater = [&](int a, int b) {
            if (m.host[a] && m.host[b]) return false;
            int ta = m.fixedTable[a], tb = m.fixedTable[b];
            if (ta != kNone && tb != kNone && ta != tb) return false;
            for (int w = 0; w < words; ++w)
                if (presence[a * words + w] & presence[b * words + w]) return true;
            return false;
        };
        auto met = [&](int a, int b) {
            return anyFrozen && metBefore[static_cast<std::size_t>(a) * static_cast<std::size_t>(m.people) +
                                          static_cast<std::size_t>(b)];
        };
        long long allowed = 0;
        for (int a = 0; a < m.people; ++a)
            for (int b = a + 1; b < m.people; ++b)
                if (met(a, b) || couldMeetLater(a, b)) ++allowed;
        for (int a = 0; a < m.people; ++a)
            for (int b : m.apart[a])
                if (b > a && !met(a, b) && couldMeetLater(a, b)) --allowed;
        return allowed;
    }

    long long sameAffiliationFloor() const {
        long long floor = 0;
        int affiliations = 0;
        for (int a : m.affiliation) affiliations = std::max(affiliations, a + 1);
        std::vector<long long> count(static_cast<std::size_t>(affiliations));
        for (int r = 0; r < m.rounds; ++r) {
            if (frozen(r)) {
                for (const auto& group : m.frozenGroups[r])
                    for (std::size_t a = 0; a < group.members.size(); ++a)
                        for (std::size_t b = a + 1; b < group.members.size(); ++b) {
                            int fa = m.affiliation[group.members[a]];
                            floor += fa != kNone && fa == m.affiliation[group.members[b]] ? 1 : 0;
                        }
                continue;
            }
            std::fill(count.begin(), count.end(), 0);
            for (int i = 0; i < m.people; ++i)
                if (m.isIn(r, i) && m.affiliation[i] != kNone) ++count[m.affiliation[static_cast<std::size_t>(i)]];
            long long spread = 0;
            for (long long c : count) spread += pigeonholePairs(c, g());
            floor += std::max(spread, forcedSameAffiliation(r));
        }
        return floor;
    }

    long long revisitFloor() const {
        std::vector<char> openMenu(static_cast<std::size_t>(m.menus), 0);
        int open = 0;
        bool menuless = false;  // a table without a menu takes any number of rounds without a revisit
        for (int t = 0; t < m.tables; ++t) {
            int menu = m.menuOf[t];
            if (m.capacity[t] == 0) continue;
            if (menu == kNone)
                menuless = true;
            else if (!openMenu[menu]) {
                openMenu[menu] = 1;
                ++open;
            }
        }
        long long floor = 0;
        std::vector<char> seen(static_cast<std::size_t>(m.menus));
        for (int i = 0; i < m.people; ++i) {
            if (!m.revisitCounted[i]) continue;
            std::fill(seen.begin(), seen.end(), 0);
            long long visits = 0, frozenDistinct = 0, frozenClosed = 0, later = 0;
            for (int r = 0; r < m.rounds; ++r) {
                if (!m.isIn(r, i)) continue;
                if (!frozen(r)) {
                    ++visits;
                    ++later;
                    continue;
                }
                int menu = m.frozenGroups[r][m_groupOf[static_cast<std::size_t>(r * m.people + i)]].menu;
                if (menu == kNone) continue;
                ++visits;
                if (!seen[menu]) {
                    seen[menu] = 1;
                    ++frozenDistinct;
                    if (!openMenu[menu]) ++frozenClosed;
                }
            }
            long long distinct = std::min(open + frozenClosed, frozenDistinct + later);
            if (menuless) distinct = frozenDistinct + later;
            floor += std::max(0LL, visits - distinct);
        }
        return floor;
    }

    const Model& m;
    std::vector<int> m_openCapacities;
    std::vector<int> m_groupOf;                           // frozen rounds: rounds * people -> group
    std::vector<std::vector<std::vector<int>>> m_forced;  // per round, groups forced to share a table
    std::vector<int> m_forcedOf;                          // rounds * people -> forced group, kNone when alone
};

}  // namespace

Bounds computeBounds(const Model& model) { return BoundsCalculator(model).run(); }

// [SECTION] scoring groups

std::vector<RoundGroups> groupsOf(const Model& model, const std::vector<RoundPlan>& plan) {
    std::vector<RoundGroups> rounds(static_cast<std::size_t>(model.rounds));
    std::vector<char> seated(static_cast<std::size_t>(model.people));
    for (int r = 0; r < model.rounds; ++r) {
        RoundGroups& groups = rounds[r];
        groups.byTable.resize(static_cast<std::size_t>(model.tables));
        auto it = std::find_if(plan.begin(), plan.end(), [&](const RoundPlan& p) { return p.round == r + 1; });
        if (it == plan.end()) continue;
        std::fill(seated.begin(), seated.end(), 0);
        std::map<TableNumber, std::vector<int>> elsewhere;
        for (const Seat& seat : it->seats) {
            int i = model.indexOf(seat.participant);
            if (i == kNone || seated[i]) continue;
            seated[i] = 1;
            int t = model.tableIndexOf(seat.table);
            if (t == kNone)
                elsewhere[seat.table].push_back(i);
            else
                groups.byTable[t].push_back(i);
        }
        for (auto& [number, members] : elsewhere) groups.elsewhere.push_back(std::move(members));
    }
    return rounds;
}

Figures scoreGroups(const Model& model, const std::vector<RoundGroups>& groups) {
    Figures figures;
    const std::size_t n = static_cast<std::size_t>(model.people);
    std::vector<std::uint8_t> meetings(n * n, 0);
    std::vector<std::uint8_t> visits(n * static_cast<std::size_t>(model.menus), 0);
    auto meet = [&](const std::vector<int>& members) {
        for (std::size_t a = 0; a < members.size(); ++a)
            for (std::size_t b = a + 1; b < members.size(); ++b) {
                std::size_t i = static_cast<std::size_t>(members[a]), j = static_cast<std::size_t>(members[b]);
                std::uint8_t& count = meetings[i * n + j];
                figures.c2 += count;
                figures.e += count >= 1 ? 1 : 0;
                if (count < 255) ++count;
                int fa = model.affiliation[i];
                figures.sameAffiliation += fa != kNone && fa == model.affiliation[j] ? 1 : 0;
            }
    };
    for (std::size_t r = 0; r < groups.size(); ++r) {
        int smallest = -1, largest = -1;
        for (std::size_t t = 0; t < groups[r].byTable.size(); ++t) {
            const std::vector<int>& members = groups[r].byTable[t];
            if (members.empty()) continue;
            meet(members);
            int size = static_cast<int>(members.size());
            smallest = smallest < 0 ? size : std::min(smallest, size);
            largest = std::max(largest, size);
            for (int i : members) {
                if (!model.revisitCounted[i] || model.menuOf[t] == kNone) continue;
                std::uint8_t& count = visits[static_cast<std::size_t>(i) * static_cast<std::size_t>(model.menus) +
                                             static_cast<std::size_t>(model.menuOf[t])];
                figures.revisits += count >= 1 ? 1 : 0;
                if (count < 255) ++count;
            }
        }
        for (const std::vector<int>& members : groups[r].elsewhere) meet(members);
        if (largest >= 0) figures.sizeSpread = std::max(figures.sizeSpread, largest - smallest);
    }
    return figures;
}

}  // namespace worldcafe::planner
