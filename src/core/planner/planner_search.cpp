#include "planner_search.hpp"

// Index
// [SECTION] state: seating with incremental costs and gain tables
// (the starting seating, from a baseline or greedily, is in planner_start.cpp)
// [SECTION] moves
// [SECTION] tabu search
// [SECTION] polishing constructions

#include <algorithm>
#include <climits>
#include <numeric>
#include <unordered_map>

#include "worldcafe/planner.hpp"

namespace worldcafe::planner {

Search::Search(const Model& model, const Bounds& bounds, std::uint64_t seed, SearchLimits limits)
    : m(model),
      m_bounds(bounds),
      m_rng(seed),
      m_limits(std::move(limits)),
      m_n(model.people),
      m_t(model.tables),
      m_r(model.rounds),
      m_menus(std::max(model.menus, 1)) {
    for (int k = 0; k < 256; ++k) {
        m_increase[k] = kWeightC2 * k + (k >= 1 ? kWeightE : 0);
        m_decrease[k] = k == 0 ? 0 : -(kWeightC2 * (k - 1) + (k >= 2 ? kWeightE : 0));
    }
    m_low = m.sizeLow;
    m_high = m.sizeHigh;
    m_movable.assign(static_cast<std::size_t>(m_n), 0);
    for (int r = 0; r < m_r; ++r) {
        if (frozen(r)) continue;
        m_freeRounds.push_back(r);
        for (const Unit& u : m.units[r])
            if (u.fixedTable == kNone)
                for (int i : u.members) m_movable[i] = 1;
    }
    const std::size_t cells = static_cast<std::size_t>(m_r) * static_cast<std::size_t>(m_n);
    // Past about 4 million gain-table cells (32 MB; 1000 people at 200 tables for 6 rounds stay below) the dense
    // tables cost more to build than the whole time limit and grow with the square of the café.
    m_sparse = cells * static_cast<std::size_t>(std::max(m_t, 1)) > (std::size_t{1} << 22);
    for (int r = 0; r < m_r; ++r)
        if (frozen(r)) m_frozenRounds.push_back(r);
    m_tabuTable.assign(cells, kNone);
    m_tabuUntil.assign(cells, 0);
}

// [SECTION] state: seating with incremental costs and gain tables

bool Search::apart(int i, int j) const {
    const std::vector<int>& list = m.apart[i];
    return !list.empty() && std::binary_search(list.begin(), list.end(), j);
}

int Search::sharedRounds(int i, int j) const {
    int count = 0;
    for (int r : m_freeRounds) {
        int t = m_seat[cell(r, i)];
        count += t != kNone && t == m_seat[cell(r, j)];
    }
    for (int r : m_frozenRounds) {
        int g = m_history[cell(r, i)];
        count += g != kNone && g == m_history[cell(r, j)];
    }
    return std::min(count, 255);
}

long long Search::pairJoin(int i, int j) const {
    long long w = m_increase[meet(i, j)];
    int a = m.affiliation[i];
    if (a != kNone && a == m.affiliation[j]) w += kWeightAffiliation;
    if (apart(i, j)) w += kWeightHard;
    return w;
}

long long Search::pairLeave(int i, int j) const {
    long long w = m_decrease[meet(i, j)];
    int a = m.affiliation[i];
    if (a != kNone && a == m.affiliation[j]) w -= kWeightAffiliation;
    if (apart(i, j)) w -= kWeightHard;
    return w;
}

long long Search::revisitDelta(int i, int from, int to) const {
    int fromMenu = m.menuOf[from], toMenu = m.menuOf[to];
    if (fromMenu == toMenu || !m.revisitCounted[i]) return 0;
    return kWeightRevisit * ((seen(i, toMenu, 1) ? 1 : 0) - (seen(i, fromMenu, 2) ? 1 : 0));
}

void Search::reset() {
    const std::size_t n = static_cast<std::size_t>(m_n);
    const std::size_t cells = static_cast<std::size_t>(m_r) * n;
    m_seat.assign(cells, kNone);
    m_slot.assign(cells, kNone);
    m_members.assign(static_cast<std::size_t>(m_r) * static_cast<std::size_t>(m_t), {});
    if (m_sparse)
        m_history.assign(cells, kNone);
    else
        m_meet.assign(n * n, 0);
    if (m_sparse) {
        m_visits.assign(cells, 0);
        m_visitMenu.assign(cells, kNone);
    } else {
        m_visits.assign(n * static_cast<std::size_t>(m_menus), 0);
    }
    m_tablesLive = false;
    m_totals = {};
    // Frozen rounds are history: their meetings and menus count, and nothing in them moves.
    for (int r = 0; r < m_r; ++r) {
        if (!frozen(r)) continue;
        for (std::size_t g = 0; g < m.frozenGroups[r].size(); ++g) {
            const Model::FrozenGroup& group = m.frozenGroups[r][g];
            for (std::size_t a = 0; a < group.members.size(); ++a)
                for (std::size_t b = a + 1; b < group.members.size(); ++b) {
                    int i = group.members[a], j = group.members[b];
                    changeMeeting(i, j, +1, kNone);
                    int f = m.affiliation[i];
                    if (f != kNone && f == m.affiliation[j]) ++m_totals.sameAffiliation;
                }
            // Only now: the meetings above counted this round's before and after from the seats.
            if (m_sparse)
                for (int i : group.members) m_history[cell(r, i)] = static_cast<int>(g);
            if (group.menu == kNone) continue;
            for (int i : group.members) {
                if (!m.revisitCounted[i]) continue;
                std::uint8_t& v = visits(i, group.menu);
                if (v >= 1) ++m_totals.revisits;
                if (v < 255) ++v;
            }
        }
    }
}

// One more (or one fewer) round that i and j share, made in round `round`; the gain tables of every other round
// where both sit follow.
void Search::changeMeeting(int i, int j, int step, int round) {
    const int before = meet(i, j);
    const int after = step > 0 ? std::min(before + 1, 255) : before - 1;
    if (step > 0) {
        m_totals.c2 += before;
        m_totals.e += before >= 1 ? 1 : 0;
    } else {
        m_totals.c2 -= after;
        m_totals.e -= after >= 1 ? 1 : 0;
    }
    if (!m_sparse)
        m_meet[static_cast<std::size_t>(i) * static_cast<std::size_t>(m_n) + static_cast<std::size_t>(j)] =
            m_meet[static_cast<std::size_t>(j) * static_cast<std::size_t>(m_n) + static_cast<std::size_t>(i)] =
                static_cast<std::uint8_t>(after);
    if (!m_tablesLive) return;
    const long long joinChange = m_increase[after] - m_increase[before];
    const long long leaveChange = m_decrease[after] - m_decrease[before];
    for (int r : m_freeRounds) {
        if (r == round) continue;
        int ti = seatOf(r, i), tj = seatOf(r, j);
        if (ti == kNone || tj == kNone) continue;
        if (ti == tj) {
            leave(r, i) += leaveChange;
            leave(r, j) += leaveChange;
        } else if (!m_sparse) {
            join(r, i, tj) += joinChange;
            join(r, j, ti) += joinChange;
        }
    }
    m_work += m_freeRounds.size();
}

void Search::addTo(int r, int i, int t) {
    std::vector<int>& list = membersOf(r, t);
    for (int j : list) changeMeeting(i, j, +1, r);
    const int affiliation = m.affiliation[i];
    for (int j : list) {
        m_totals.sameAffiliation += affiliation != kNone && affiliation == m.affiliation[j];
        m_totals.hard += apart(i, j);
    }
    if (m.revisitCounted[i] && m.menuOf[t] != kNone) {
        std::uint8_t& v = visits(i, m.menuOf[t]);
        if (v >= 1) ++m_totals.revisits;
        if (v < 255) ++v;
    }
    m_totals.balance += 2 * static_cast<long long>(list.size()) + 1;
    m_totals.moves += moveCost(r, i, t);
    m_slot[cell(r, i)] = static_cast<int>(list.size());
    list.push_back(i);
    seatOf(r, i) = t;

    if (!m_tablesLive) return;
    if (m_sparse) {
        long long& own = leave(r, i);
        own = 0;
        for (int x : list) {
            if (x == i) continue;
            leave(r, x) += pairLeave(x, i);
            own += pairLeave(i, x);
        }
        m_work += list.size();
        return;
    }
    // Everyone else in the round now gains or loses i at table t; i's own row starts afresh.
    long long* row = &m_join[cell(r, i) * static_cast<std::size_t>(m_t)];
    std::fill(row, row + m_t, 0LL);
    long long& own = leave(r, i);
    own = 0;
    for (int u = 0; u < m_t; ++u) {
        for (int x : membersOf(r, u)) {
            if (x == i) continue;
            if (u == t) {
                leave(r, x) += pairLeave(x, i);
                own += pairLeave(i, x);
            } else {
                join(r, x, t) += pairJoin(x, i);
                row[u] += pairJoin(i, x);
            }
        }
        m_work += membersOf(r, u).size();
    }
}

void Search::removeFrom(int r, int i) {
    const int t = seatOf(r, i);
    if (m_tablesLive && m_sparse) {
        for (int x : membersOf(r, t))
            if (x != i) leave(r, x) -= pairLeave(x, i);
        m_work += membersOf(r, t).size();
    }
    for (int u = 0; u < m_t && m_tablesLive && !m_sparse; ++u) {
        for (int x : membersOf(r, u)) {
            if (x == i) continue;
            if (u == t)
                leave(r, x) -= pairLeave(x, i);
            else
                join(r, x, t) -= pairJoin(x, i);
        }
        m_work += membersOf(r, u).size();
    }
    std::vector<int>& list = membersOf(r, t);
    const long long size = static_cast<long long>(list.size());
    int slot = m_slot[cell(r, i)];
    int last = list.back();
    list[slot] = last;
    m_slot[cell(r, last)] = slot;
    list.pop_back();
    const int affiliation = m.affiliation[i];
    for (int j : list) {
        changeMeeting(i, j, -1, r);
        m_totals.sameAffiliation -= affiliation != kNone && affiliation == m.affiliation[j];
        m_totals.hard -= apart(i, j);
    }
    seatOf(r, i) = kNone;  // after the meetings: sparse mode counts them from the seats
    if (m.revisitCounted[i] && m.menuOf[t] != kNone) {
        std::uint8_t& v = visits(i, m.menuOf[t]);
        if (v >= 2) --m_totals.revisits;
        --v;
    }
    m_totals.balance -= 2 * size - 1;
    m_totals.moves -= moveCost(r, i, t);
}

void Search::load(const std::vector<int>& seats) {
    reset();
    for (int r : m_freeRounds)
        for (int i = 0; i < m_n; ++i) {
            int t = seats[cell(r, i)];
            if (t != kNone) addTo(r, i, t);
        }
    buildTables();
}

// The gain tables from scratch, row by row: far faster than keeping them up to date while everyone is seated.
void Search::buildTables() {
    const std::size_t cells = static_cast<std::size_t>(m_r) * static_cast<std::size_t>(m_n);
    if (m_sparse) {
        m_join.clear();
        m_join.shrink_to_fit();
        m_leave.assign(cells, 0);
        for (int r : m_freeRounds)
            for (int t = 0; t < m_t; ++t) {
                const std::vector<int>& list = membersOf(r, t);
                for (int i : list)
                    for (int x : list)
                        if (x != i) leave(r, i) += pairLeave(i, x);
                m_work += list.size() * list.size();
            }
        m_tablesLive = true;
        return;
    }
    m_join.assign(cells * static_cast<std::size_t>(m_t), 0);
    m_leave.assign(cells, 0);
    const int* affiliationOf = m.affiliation.data();
    for (int r : m_freeRounds)
        for (int i = 0; i < m_n; ++i) {
            const int own = seatOf(r, i);
            if (own == kNone) continue;
            long long* row = &m_join[cell(r, i) * static_cast<std::size_t>(m_t)];
            long long& out = leave(r, i);
            const std::uint8_t* met = &m_meet[static_cast<std::size_t>(i) * static_cast<std::size_t>(m_n)];
            const int affiliation = affiliationOf[i];
            for (int u = 0; u < m_t; ++u) {
                long long sum = 0;
                if (u == own) {
                    for (int x : membersOf(r, u))
                        if (x != i)
                            sum += m_decrease[met[x]] -
                                   (affiliation != kNone && affiliationOf[x] == affiliation ? kWeightAffiliation : 0);
                    out += sum;
                } else {
                    for (int x : membersOf(r, u))
                        sum += m_increase[met[x]] +
                               (affiliation != kNone && affiliationOf[x] == affiliation ? kWeightAffiliation : 0);
                    row[u] += sum;
                }
            }
            for (int p : m.apart[i]) {
                int t = seatOf(r, p);
                if (t == own)
                    out -= kWeightHard;
                else if (t != kNone)
                    row[t] += kWeightHard;
            }
            m_work += static_cast<std::uint64_t>(m_n / 4 + m_t);
        }
    m_tablesLive = true;
}

// A round whose sizes cannot stay within the even spread (keep-together groups that do not pack) gets the whole
// capacity as its range, and the squared sizes keep it as even as they can.
void Search::checkRanges(int r) {
    bool within = true;
    for (int t = 0; t < m_t; ++t) {
        int size = static_cast<int>(membersOf(r, t).size());
        within = within && size >= low(r, t) && size <= high(r, t);
    }
    if (within) return;
    for (int t = 0; t < m_t; ++t) {
        m_low[r * m_t + t] = 0;
        m_high[r * m_t + t] = m.capacity[t];
    }
}

// [SECTION] moves

Search::Move Search::swapMove(int r, int x, int a, int y, int b) {
    Move move;
    move.round = r;
    move.from = a;
    move.to = b;
    move.out[0] = x;
    move.outCount = 1;
    if (y != kNone) {
        move.back[0] = y;
        move.backCount = 1;
    }
    return move;
}

int Search::sizeOf(int r, const int* units, int count) const {
    int size = 0;
    for (int k = 0; k < count; ++k) size += static_cast<int>(unit(r, units[k]).members.size());
    return size;
}

bool Search::fits(const Move& move) const {
    const int r = move.round;
    int out = sizeOf(r, move.out, move.outCount), back = sizeOf(r, move.back, move.backCount);
    if (out == back) return true;
    int from = static_cast<int>(membersOf(r, move.from).size()) - out + back;
    int to = static_cast<int>(membersOf(r, move.to).size()) - back + out;
    return from >= low(r, move.from) && from <= high(r, move.from) && to >= low(r, move.to) && to <= high(r, move.to);
}

bool Search::isTabu(const Move& move) const {
    const std::size_t base = cell(move.round, 0);
    auto tabu = [&](int u, int table) {
        int leader = unit(move.round, u).members[0];
        return m_tabuTable[base + static_cast<std::size_t>(leader)] == table &&
               m_tabuUntil[base + static_cast<std::size_t>(leader)] > m_iterations;
    };
    for (int k = 0; k < move.outCount; ++k)
        if (tabu(move.out[k], move.to)) return true;
    for (int k = 0; k < move.backCount; ++k)
        if (tabu(move.back[k], move.from)) return true;
    return false;
}

void Search::setTabu(const Move& move, long long tenure) {
    const std::size_t base = cell(move.round, 0);
    for (int k = 0; k < move.outCount; ++k)
        for (int i : unit(move.round, move.out[k]).members) {
            m_tabuTable[base + static_cast<std::size_t>(i)] = move.from;
            m_tabuUntil[base + static_cast<std::size_t>(i)] = m_iterations + tenure;
        }
    for (int k = 0; k < move.backCount; ++k)
        for (int i : unit(move.round, move.back[k]).members) {
            m_tabuTable[base + static_cast<std::size_t>(i)] = move.to;
            m_tabuUntil[base + static_cast<std::size_t>(i)] = m_iterations + tenure;
        }
}

// With the gain tables a move costs a few look-ups: leave(i) + join(i, to), less the pairs that move along.
long long Search::delta(const Move& move) {
    const int r = move.round, a = move.from, b = move.to;
    if (move.outCount == 1 && move.backCount <= 1 && unit(r, move.out[0]).members.size() == 1) {
        const int i = unit(r, move.out[0]).members[0];
        if (move.backCount == 0)
            return leave(r, i) + joinCost(r, i, b) + revisitDelta(i, a, b) + moveDelta(r, i, a, b) +
                   kWeightBalance * 2 *
                       (static_cast<long long>(membersOf(r, b).size()) -
                        static_cast<long long>(membersOf(r, a).size()) + 1);
        if (unit(r, move.back[0]).members.size() == 1) {
            const int j = unit(r, move.back[0]).members[0];
            return leave(r, i) + joinCost(r, i, b) + leave(r, j) + joinCost(r, j, a) - 2 * pairJoin(i, j) +
                   revisitDelta(i, a, b) + revisitDelta(j, b, a) + moveDelta(r, i, a, b) + moveDelta(r, j, b, a);
        }
    }
    int outgoing[12], returning[12];
    int outSize = 0, backSize = 0;
    for (int k = 0; k < move.outCount; ++k)
        for (int i : unit(r, move.out[k]).members) outgoing[outSize++] = i;
    for (int k = 0; k < move.backCount; ++k)
        for (int i : unit(r, move.back[k]).members) returning[backSize++] = i;
    long long d = 0;
    auto side = [&](const int* moving, int count, int from, int to, const int* other, int otherCount) {
        for (int k = 0; k < count; ++k) {
            int i = moving[k];
            d += leave(r, i) + joinCost(r, i, to) + revisitDelta(i, from, to) + moveDelta(r, i, from, to);
            for (int l = 0; l < count; ++l)
                if (l != k) d -= pairLeave(i, moving[l]);  // they move along: that pair does not break up
            for (int l = 0; l < otherCount; ++l) d -= pairJoin(i, other[l]);  // they leave the table i joins
        }
    };
    side(outgoing, outSize, a, b, returning, backSize);
    side(returning, backSize, b, a, outgoing, outSize);
    if (outSize != backSize) {
        long long sa = static_cast<long long>(membersOf(r, a).size()),
                  sb = static_cast<long long>(membersOf(r, b).size());
        long long na = sa - outSize + backSize, nb = sb - backSize + outSize;
        d += kWeightBalance * (na * na + nb * nb - sa * sa - sb * sb);
    }
    return d;
}

void Search::apply(const Move& move) {
    const int r = move.round;
    for (int k = 0; k < move.outCount; ++k)
        for (int i : unit(r, move.out[k]).members) removeFrom(r, i);
    for (int k = 0; k < move.backCount; ++k)
        for (int i : unit(r, move.back[k]).members) removeFrom(r, i);
    for (int k = 0; k < move.outCount; ++k)
        for (int i : unit(r, move.out[k]).members) addTo(r, i, move.to);
    for (int k = 0; k < move.backCount; ++k)
        for (int i : unit(r, move.back[k]).members) addTo(r, i, move.from);
}

// [SECTION] tabu search

bool Search::atBounds() const { return primaryAtBound() && m_totals.sameAffiliation <= m_bounds.sameAffiliation; }

bool Search::primaryAtBound() const {
    return m_totals.hard == 0 && m_totals.moves <= m_movesBound && m_totals.revisits <= m_bounds.revisits && m_totals.c2 <= m_bounds.c2 &&
           m_totals.e <= m_bounds.e;
}

// Whether moving unit x can help: a member repeats a pair, sits with someone they must be kept apart from or of
// their own organisation, or revisits a menu. The moves themselves are ranked lexicographically, so people with a
// same-organisation pair are candidates even while repeats remain: bounds that are not tight must not starve them.
bool Search::conflicted(int r, int x) {
    for (int i : unit(r, x).members) {
        long long own = leave(r, i);
        for (int k : unit(r, x).members)
            if (k != i) own -= pairLeave(i, k);
        if (own < 0) return true;
        if (m.revisitCounted[i] && seen(i, m.menuOf[seatOf(r, i)], 2)) return true;
        if (moveCost(r, i, seatOf(r, i)) > 0) return true;  // moving back might be free now
    }
    return false;
}

// One step: a random round; its units in conflict (at most a few dozen); the best move or swap of one of them
// with anyone at another table that is not tabu, unless it beats the best seating so far.
bool Search::iterate() {
    if (m_freeRounds.empty()) return false;
    int r = kNone;
    m_candidates.clear();
    const std::size_t first = static_cast<std::size_t>(m_rng() % m_freeRounds.size());
    for (std::size_t k = 0; k < m_freeRounds.size() && m_candidates.empty(); ++k) {
        r = m_freeRounds[(first + k) % m_freeRounds.size()];
        const auto& units = m.units[r];
        for (std::size_t u = 0; u < units.size(); ++u)
            if (units[u].fixedTable == kNone && conflicted(r, static_cast<int>(u)))
                m_candidates.push_back(static_cast<int>(u));
        m_work += units.size();
    }
    // Now and then a random unit instead, and always when nothing is in conflict: the search must keep moving.
    if (m_candidates.empty() || m_rng() % 64 == 0) {
        r = m_freeRounds[m_rng() % m_freeRounds.size()];
        const auto& units = m.units[r];
        m_candidates.clear();
        for (int attempt = 0; attempt < 16 && m_candidates.empty(); ++attempt) {
            int u = static_cast<int>(m_rng() % std::max<std::size_t>(units.size(), 1));
            if (!units.empty() && units[u].fixedTable == kNone) m_candidates.push_back(u);
        }
        if (m_candidates.empty()) return false;
    }
    const int roundPeople = static_cast<int>(m.units[r].size());
    // A sample of the conflicts: about 1200 candidate moves a step, whatever the size of the café.
    const std::size_t cap = static_cast<std::size_t>(std::max(6, 1200 / std::max(roundPeople, 1)));
    if (m_candidates.size() > cap) {
        for (std::size_t k = 0; k < cap; ++k)
            std::swap(m_candidates[k], m_candidates[k + m_rng() % (m_candidates.size() - k)]);
        m_candidates.resize(cap);
    }

    const long long current = m_totals.cost();
    const int* unitOf = &m.unitOf[cell(r, 0)];
    const auto& units = m.units[r];
    bool groups = false;  // keep-together groups in this round: also try trading them for as many single people
    for (const Unit& u : units) groups = groups || (u.fixedTable == kNone && u.members.size() >= 2);
    long long bestDelta = LLONG_MAX;
    Move best;
    int ties = 0;
    auto consider = [&](const Move& move) {
        if (!fits(move)) return;
        long long d = delta(move);
        if (isTabu(move) && current + d >= m_bestCost) return;  // aspiration: a tabu move that beats the best is fine
        if (d < bestDelta) {
            bestDelta = d;
            ties = 1;
        } else if (d != bestDelta || m_rng() % static_cast<std::uint64_t>(++ties) != 0) {
            return;
        }
        best = move;
    };
    // Units at `table` other than `except` that are free to move, leaders only.
    auto freeUnits = [&](int table, int except, int* list) {
        int count = 0;
        for (int j : membersOf(r, table)) {
            int u = unitOf[j];
            if (u != except && unit(r, u).members[0] == j && unit(r, u).fixedTable == kNone && count < 16)
                list[count++] = u;
        }
        return count;
    };
    for (int x : m_candidates) {
        const int a = seatOf(r, unit(r, x).members[0]);
        const int sizeX = static_cast<int>(unit(r, x).members.size());
        for (int b = 0; b < m_t; ++b) {
            if (b == a || m.capacity[b] == 0) continue;
            consider(swapMove(r, x, a, kNone, b));
            int there[16];
            const int count = freeUnits(b, kNone, there);
            for (int k = 0; k < count; ++k) consider(swapMove(r, x, a, there[k], b));
            m_work += membersOf(r, b).size() + 1;
            if (!groups) continue;
            // A group for two or three units of the other table, or a group there for x and units beside x.
            int beside[16];
            const int besideCount = freeUnits(a, x, beside);
            m_work += static_cast<std::uint64_t>(count * count + count * besideCount);
            for (int k = 0; k < count; ++k)
                for (int l = k + 1; l < count; ++l) {
                    Move move = swapMove(r, x, a, there[k], b);
                    move.back[1] = there[l];
                    move.backCount = 2;
                    if (sizeOf(r, move.back, 2) == sizeX) consider(move);
                    for (int n = l + 1; n < count && sizeX >= 3; ++n) {
                        move.back[2] = there[n];
                        move.backCount = 3;
                        if (sizeOf(r, move.back, 3) == sizeX) consider(move);
                    }
                }
            for (int k = 0; k < count; ++k) {
                const int sizeY = static_cast<int>(unit(r, there[k]).members.size());
                if (sizeY <= sizeX) continue;
                for (int l = 0; l < besideCount; ++l) {
                    Move move = swapMove(r, x, a, there[k], b);
                    move.out[1] = beside[l];
                    move.outCount = 2;
                    if (sizeOf(r, move.out, 2) == sizeY) consider(move);
                }
            }
        }
    }
    ++m_iterations;
    if (best.round == kNone) return true;
    if (m_currentIsBest && bestDelta > 0) {
        saveBest();
        m_currentIsBest = false;
    }
    apply(best);
    // Short tenures: the conflicts move on quickly, and longer ones left more repeats on crowded and menu-bound cafés.
    setTabu(best, 2 + static_cast<long long>(m_rng() % static_cast<std::uint64_t>(3 + roundPeople / 16)));
    if (m_totals.cost() < m_bestCost) noteBest();
    return true;
}

void Search::noteBest() {
    m_bestCost = m_totals.cost();
    m_currentIsBest = true;
    m_lastImprovement = m_iterations;
    m_bestFoundMs = millisecondsSince(m_limits.start);
}

void Search::saveBest() { m_best = m_seat; }

std::vector<int> Search::bestSeats() {
    if (m_currentIsBest) saveBest();
    return m_best;
}

bool Search::outOfTime() {
    if (m_stopped) return true;
    auto now = std::chrono::steady_clock::now();
    if (m_work >= m_limits.workBudget || now >= m_limits.deadline) {
        m_stopped = true;
        return true;
    }
    if (m_limits.progress) {
        double total = std::chrono::duration<double>(m_limits.deadline - m_limits.start).count();
        double elapsed = std::chrono::duration<double>(now - m_limits.start).count();
        double fraction = std::max(
            total > 0 ? elapsed / total : 1.0,
            m_limits.workBudget > 0 ? static_cast<double>(m_work) / static_cast<double>(m_limits.workBudget) : 1.0);
        if (!m_limits.progress(std::min(fraction, 1.0))) {
            m_cancelled = m_stopped = true;
            return true;
        }
    }
    return false;
}

// Random moves from the best seating, to leave a basin the tabu list alone does not get out of.
void Search::perturb() {
    long long movableUnits = 0;
    for (int r : m_freeRounds)
        for (const Unit& u : m.units[r]) movableUnits += u.fixedTable == kNone;
    if (m_freeRounds.empty() || movableUnits == 0) return;
    long long moves = std::max(2LL, movableUnits / 40);
    for (long long k = 0, attempts = 0; k < moves && attempts < moves * 20; ++attempts) {
        int r = m_freeRounds[m_rng() % m_freeRounds.size()];
        const auto& units = m.units[r];
        if (units.empty()) continue;
        int x = static_cast<int>(m_rng() % units.size());
        if (units[x].fixedTable != kNone) continue;
        int a = seatOf(r, units[x].members[0]);
        int b = static_cast<int>(m_rng() % static_cast<std::uint64_t>(m_t));
        if (b == a || m.capacity[b] == 0) continue;
        const std::vector<int>& there = membersOf(r, b);
        int y = kNone;
        if (!there.empty() && m_rng() % 4 != 0) {
            y = m.unitIndex(r, there[m_rng() % there.size()]);
            if (units[y].fixedTable != kNone) continue;
        }
        Move move = swapMove(r, x, a, y, b);
        if (!fits(move)) continue;
        apply(move);
        ++k;
    }
}

void Search::improve() {
    if (m_totals.cost() <= m_bestCost) {
        m_bestCost = m_totals.cost();
        m_currentIsBest = true;
    }
    long long movable = std::count(m_movable.begin(), m_movable.end(), 1);
    if (movable == 0) return;
    const long long restartAfter = std::max(2000LL, 40 * movable);
    // A re-plan starts next to its answer, and the room is waiting.
    const int maxFruitlessRestarts = m_baseline.empty() ? 12 : 3;
    int fruitless = 0;
    long long costAtRestart = m_bestCost;
    m_lastImprovement = m_iterations;
    while (!atBounds()) {
        // A step of a large café takes milliseconds: the clock is read at every one of them.
        if ((m_sparse || (m_iterations & 31) == 0) && outOfTime()) break;
        if (!iterate()) break;
        if (m_iterations - m_lastImprovement <= restartAfter) continue;
        fruitless = m_bestCost < costAtRestart ? 0 : fruitless + 1;
        if (fruitless >= maxFruitlessRestarts) break;
        costAtRestart = m_bestCost;
        if (m_currentIsBest) saveBest();
        load(m_best);
        m_currentIsBest = false;
        std::fill(m_tabuUntil.begin(), m_tabuUntil.end(), 0);
        perturb();
        m_lastImprovement = m_iterations;
        if (m_totals.cost() < m_bestCost) noteBest();
    }
}

// [SECTION] polishing constructions

void Search::relabelTables() {
    if (m_totals.revisits <= m_bounds.revisits) return;
    // Whether a table holds nobody fixed there, per round.
    auto free = [&](int r, int t) {
        for (int i : membersOf(r, t))
            if (unit(r, m.unitIndex(r, i)).fixedTable != kNone) return false;
        return m.capacity[t] > 0;
    };
    auto swapDelta = [&](int r, int a, int b) {
        long long d = 0;
        for (int i : membersOf(r, a)) d += revisitDelta(i, a, b);
        for (int j : membersOf(r, b)) d += revisitDelta(j, b, a);
        return d / kWeightRevisit;
    };
    auto swapTables = [&](int r, int a, int b) {
        std::vector<int> atA = membersOf(r, a), atB = membersOf(r, b);
        for (int i : atA) removeFrom(r, i);
        for (int j : atB) removeFrom(r, j);
        for (int i : atA) addTo(r, i, b);
        for (int j : atB) addTo(r, j, a);
    };
    // Rounds x tables x tables: a hash map of the few pairs made tabu for large cafés.
    std::vector<long long> tabuDense;
    std::unordered_map<long long, long long> tabuSparse;
    if (!m_sparse) tabuDense.assign(static_cast<std::size_t>(m_r) * static_cast<std::size_t>(m_t * m_t), 0);
    auto tabuUntil = [&](long long key) -> long long& { return m_sparse ? tabuSparse[key] : tabuDense[key]; };
    long long bestRevisits = m_totals.revisits;
    std::vector<int> bestSeating = m_seat;
    // A short search: when the labels alone cannot reach the bound, the tabu search trades repeats for revisits.
    long long lastGain = 0;
    for (long long step = 0; step - lastGain < 400 && m_totals.revisits > m_bounds.revisits; ++step) {
        if ((m_sparse || (step & 63) == 0) && outOfTime()) break;
        long long bestDelta = LLONG_MAX;
        int bestRound = kNone, bestA = kNone, bestB = kNone, ties = 0;
        for (int r : m_freeRounds)
            for (int a = 0; a < m_t; ++a) {
                if (!free(r, a)) continue;
                for (int b = a + 1; b < m_t; ++b) {
                    if (!free(r, b)) continue;
                    int sa = static_cast<int>(membersOf(r, a).size()), sb = static_cast<int>(membersOf(r, b).size());
                    if (sa < low(r, b) || sa > high(r, b) || sb < low(r, a) || sb > high(r, a)) continue;
                    const long long key = (static_cast<long long>(r) * m_t + a) * m_t + b;
                    bool tabu = m_sparse ? tabuSparse.count(key) && tabuSparse[key] > step : tabuUntil(key) > step;
                    long long d = swapDelta(r, a, b);
                    m_work += static_cast<std::uint64_t>(sa + sb);
                    if (tabu && m_totals.revisits + d >= bestRevisits) continue;
                    if (d < bestDelta) {
                        bestDelta = d;
                        ties = 1;
                    } else if (d != bestDelta || m_rng() % static_cast<std::uint64_t>(++ties) != 0) {
                        continue;
                    }
                    bestRound = r;
                    bestA = a;
                    bestB = b;
                }
            }
        if (bestRound == kNone) break;
        swapTables(bestRound, bestA, bestB);
        tabuUntil((static_cast<long long>(bestRound) * m_t + bestA) * m_t + bestB) = step + 3 + static_cast<long long>(m_rng() % 8);
        if (m_totals.revisits < bestRevisits) {
            bestRevisits = m_totals.revisits;
            bestSeating = m_seat;
            lastGain = step;
        }
    }
    if (m_totals.revisits > bestRevisits) load(bestSeating);
    m_bestCost = m_totals.cost();
    m_currentIsBest = true;
    m_bestFoundMs = millisecondsSince(m_limits.start);
}

void Search::swapItineraries(const std::vector<char>& interchangeable) {
    std::vector<int> people;
    for (int i = 0; i < m_n; ++i)
        if (interchangeable[i]) people.push_back(i);
    if (people.size() < 2) return;
    auto swapAll = [&](int x, int y) {
        for (int r : m_freeRounds) {
            int a = seatOf(r, x), b = seatOf(r, y);
            if (a == kNone || b == kNone || a == b) continue;
            apply(swapMove(r, m.unitIndex(r, x), a, m.unitIndex(r, y), b));
        }
    };
    auto sitsWithColleague = [&](int x) {
        int affiliation = m.affiliation[x];
        if (affiliation == kNone) return false;
        for (int r : m_freeRounds)
            for (int j : membersOf(r, seatOf(r, x)))
                if (j != x && m.affiliation[j] == affiliation) return true;
        return false;
    };
    // First improvement, pass after pass, until a pass over everyone with a same-affiliation pair finds nothing.
    for (int pass = 0; pass < 50 && m_totals.sameAffiliation > m_bounds.sameAffiliation; ++pass) {
        if (outOfTime()) break;
        bool improved = false;
        std::vector<int> order = people;
        std::shuffle(order.begin(), order.end(), m_rng);
        for (int x : order) {
            if (m_sparse && outOfTime()) break;
            if (!sitsWithColleague(x)) continue;
            std::vector<int> partners = people;
            std::shuffle(partners.begin(), partners.end(), m_rng);
            for (int y : partners) {
                if (y == x || m.affiliation[y] == m.affiliation[x]) continue;
                long long before = m_totals.cost();
                swapAll(x, y);
                if (m_totals.cost() < before) {
                    improved = true;
                    break;
                }
                swapAll(x, y);
            }
        }
        if (!improved) break;
    }
    m_bestCost = m_totals.cost();
    m_currentIsBest = true;
    m_bestFoundMs = millisecondsSince(m_limits.start);
}

}  // namespace worldcafe::planner
