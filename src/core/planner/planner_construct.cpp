#include "planner_search.hpp"

// Index
// [SECTION] Galois fields
// [SECTION] published designs
// [SECTION] which people a construction may seat
// [SECTION] hosted tables: guests (a, b) at table b + a·c
// [SECTION] no hosts: affine planes and published designs

#include <algorithm>
#include <array>
#include <numeric>
#include <string_view>

namespace worldcafe::planner {

// [SECTION] Galois fields

std::optional<GaloisField> GaloisField::make(int q) {
    if (q < 2) return std::nullopt;
    int p = q;
    for (int d = 2; d * d <= q; ++d)
        if (q % d == 0) {
            p = d;
            break;
        }
    int degree = 0, rest = q;
    while (rest % p == 0) {
        rest /= p;
        ++degree;
    }
    if (rest != 1) return std::nullopt;

    GaloisField field;
    field.m_q = q;
    field.m_p = p;
    field.m_degree = degree;
    // Elements are polynomials of degree < m over GF(p), stored as base-p digits. x^m = -(c_{m-1} x^{m-1} + ... + c_0)
    // for the first c that makes x generate every non-zero element (a primitive polynomial).
    std::vector<int> digits(static_cast<std::size_t>(degree)), coefficients(static_cast<std::size_t>(degree));
    auto timesX = [&](int element) {
        for (int k = 0; k < degree; ++k, element /= p) digits[k] = element % p;
        int top = digits[degree - 1];
        int result = 0;
        for (int k = degree - 1; k >= 0; --k) {
            int lower = k > 0 ? digits[k - 1] : 0;
            int digit = ((lower - top * coefficients[k]) % p + p) % p;
            result = result * p + digit;
        }
        return result;
    };
    for (int c = 1; c < q; ++c) {
        if (c % p == 0) continue;
        for (int k = 0, v = c; k < degree; ++k, v /= p) coefficients[k] = v % p;
        field.m_exp.assign(static_cast<std::size_t>(q - 1), 0);
        field.m_log.assign(static_cast<std::size_t>(q), -1);
        int element = 1;
        bool generates = true;
        for (int k = 0; k < q - 1; ++k) {
            if (field.m_log[element] >= 0) {
                generates = false;
                break;
            }
            field.m_log[element] = k;
            field.m_exp[k] = element;
            element = timesX(element);
        }
        if (generates && element == 1) return field;
    }
    return std::nullopt;
}

int GaloisField::add(int a, int b) const {
    if (m_degree == 1) return (a + b) % m_p;
    if (m_p == 2) return a ^ b;
    int result = 0, scale = 1;
    for (int k = 0; k < m_degree; ++k, a /= m_p, b /= m_p, scale *= m_p) result += ((a % m_p + b % m_p) % m_p) * scale;
    return result;
}

int GaloisField::mul(int a, int b) const {
    if (a == 0 || b == 0) return 0;
    return m_exp[(m_log[static_cast<std::size_t>(a)] + m_log[static_cast<std::size_t>(b)]) % (m_q - 1)];
}

namespace {

// [SECTION] published designs

// Kirkman's fifteen schoolgirls: 15 people in 5 groups of 3 for 7 days, every pair exactly once.
constexpr std::array<std::string_view, 7> kKirkman = {
    "ABC DEF GHI JKL MNO", "ADG BEJ CFM HKN ILO", "AEN BDO CHL FIK GJM", "AIM BGL CDK EHO FJN",
    "AHJ BKM CEI DLN FGO", "AFL BIN CJO DHM EGK", "AKO BFH CGN DIJ ELM",
};

// The social golfer problem 8-4-10 (32 golfers in 8 groups of 4 for 10 weeks, no pair twice), as published with
// the Wolfram Demonstration "Social Golfer Problem" and on Warwick Harvey's page; A-P and a-p are the 32 golfers.
// Ten weeks is the most there can be (each golfer meets 3 new people a week, 31 in all).
constexpr std::array<std::string_view, 10> kGolfers = {
    "ABCD EFGH IJKL MNOP abcd efgh ijkl mnop", "AEIm BcgH DFKp dfkP aeiM bCGh jLNo JlnO",
    "Aflo Bhkm DGiN aFLO bHKM CeJP cEjp dgIn", "AciL BdjK bDJk FgoP fGOp aCIl EhMn eHmN",
    "AgKN BElP DHIo dhiO beLp Cfjm cFJM aGkn", "AhJp BFin cDmO bfIN eGKl CdMo EgkL aHjP",
    "AdeF BGJo aDEf chlN iKmP CHLn bgjO IkMp", "AbnP aBNp DglM ceko fHiJ CEKO FhIj dGLm",
    "AGjM BeIO DhLP agJm cfKn CFkN bEio dHlp", "AHkO BfLM Dejn bFlm cGIP Cgip dEJN ahKo",
};

int designPoint(char c) { return c >= 'a' ? 16 + (c - 'a') : c - 'A'; }

// [SECTION] which people a construction may seat

// No rule, pin or absence, and never fixed: any two of them can trade places in every round. With `apartToo`, also
// people whose only rule is to be kept apart from someone.
std::vector<char> interchangeablePeople(const Model& m, bool apartToo = false) {
    std::vector<char> result(static_cast<std::size_t>(m.people), 0);
    for (int i = 0; i < m.people; ++i) {
        bool ok = m.revisitCounted[i] && (apartToo || m.apart[i].empty());
        for (int r = 0; r < m.rounds && ok; ++r) {
            int u = m.unitIndex(r, i);
            ok = !m.frozen[r] && u != kNone && m.units[r][u].members.size() == 1;
        }
        result[i] = ok ? 1 : 0;
    }
    return result;
}

std::vector<int> openTables(const Model& m) {
    std::vector<int> tables;
    for (int t = 0; t < m.tables; ++t)
        if (m.capacity[t] > 0) tables.push_back(t);
    return tables;
}

// [SECTION] hosted tables: guests (a, b) at table b + a·c

// Two guests (a, b) and (a', b') with a != a' share a table only in the round c with c·(a - a') = b' - b, and never
// when a = a'; a guest meets each host at most once and sees a new table every round because a != 0.
std::optional<Construction> hostedConstruction(const Model& m, const std::vector<char>& interchangeable,
                                               std::mt19937_64& rng) {
    std::vector<int> tables = openTables(m);
    const int q = static_cast<int>(tables.size());
    if (q < 2 || m.rounds > q) return std::nullopt;
    std::optional<GaloisField> field = GaloisField::make(q);
    if (!field) return std::nullopt;
    int room = q - 1;
    for (int t : tables) {
        bool hosted = false;
        for (int r = 0; r < m.rounds; ++r) {
            int load = 0;
            bool hostHere = false;
            for (const Unit& u : m.units[r]) {
                if (u.fixedTable != t) continue;
                load += static_cast<int>(u.members.size());
                for (int i : u.members) hostHere = hostHere || m.host[i];
            }
            hosted = r == 0 ? hostHere : hosted && hostHere;
            room = std::min(room, m.sizeHigh[r * m.tables + t] - load);
        }
        if (!hosted) return std::nullopt;
    }
    // People kept apart are seated by the construction too: two guests of one row (the same a) never share a table,
    // so each group of people kept apart from one another takes a row of its own. Left to the greedy instead, one
    // rule between two guests cost a whole row of the design: 50 repeats at 35/7/7 where there were none.
    const std::vector<char> seatable = interchangeablePeople(m, true);
    std::vector<int> groupOf(static_cast<std::size_t>(m.people), kNone);
    std::vector<std::vector<int>> groups;  // of two or more, linked by keep-apart rules
    for (int i = 0; i < m.people; ++i) {
        if (!seatable[i] || interchangeable[i] || groupOf[i] != kNone) continue;
        std::vector<int> group{i};
        groupOf[i] = static_cast<int>(groups.size());
        for (std::size_t next = 0; next < group.size(); ++next)
            for (int j : m.apart[group[next]])
                if (seatable[j] && groupOf[j] == kNone) {
                    groupOf[j] = groupOf[i];
                    group.push_back(j);
                }
        groups.push_back(std::move(group));
    }
    std::vector<int> singles;
    for (int i = 0; i < m.people; ++i)
        if (interchangeable[i] || (seatable[i] && groups[groupOf[i]].size() == 1)) singles.push_back(i);
    long long seatableCount = static_cast<long long>(singles.size());
    for (const auto& group : groups)
        if (group.size() >= 2 && static_cast<int>(group.size()) <= q) seatableCount += static_cast<long long>(group.size());
    const int k = static_cast<int>(std::min<long long>(room, seatableCount / q));
    if (k < 1) return std::nullopt;
    std::shuffle(singles.begin(), singles.end(), rng);
    std::shuffle(groups.begin(), groups.end(), rng);
    std::vector<std::vector<int>> rowsOf(static_cast<std::size_t>(k));
    for (const auto& group : groups) {
        if (group.size() < 2) continue;
        auto row = std::find_if(rowsOf.begin(), rowsOf.end(),
                                [&](const std::vector<int>& r) { return r.size() + group.size() <= static_cast<std::size_t>(q); });
        if (row != rowsOf.end()) row->insert(row->end(), group.begin(), group.end());  // else: the greedy seats them
    }
    std::size_t nextSingle = 0;
    for (auto& row : rowsOf)
        while (static_cast<int>(row.size()) < q && nextSingle < singles.size()) row.push_back(singles[nextSingle++]);
    std::vector<int> guests;
    for (auto& row : rowsOf) {
        if (static_cast<int>(row.size()) < q) return std::nullopt;  // groups that did not pack left rows short
        guests.insert(guests.end(), row.begin(), row.end());
    }

    // Which field element is which table, which rows and which rounds: any choice keeps the meetings; the menus
    // (when tables share them) decide, so a few random choices are tried for the fewest revisits.
    std::vector<int> tableOf(static_cast<std::size_t>(q)), rows(static_cast<std::size_t>(q - 1)),
        roundOf(static_cast<std::size_t>(q));
    std::iota(tableOf.begin(), tableOf.end(), 0);
    std::iota(rows.begin(), rows.end(), 1);
    std::iota(roundOf.begin(), roundOf.end(), 0);
    auto revisits = [&]() {
        long long count = 0;
        std::vector<int> seen;
        for (int a = 0; a < k; ++a)
            for (int b = 0; b < q; ++b) {
                seen.clear();
                for (int c = 0; c < m.rounds; ++c) {
                    int element = field->add(b, field->mul(rows[a], roundOf[c]));
                    int menu = m.menuOf[tables[static_cast<std::size_t>(tableOf[static_cast<std::size_t>(element)])]];
                    if (menu == kNone) continue;
                    if (std::find(seen.begin(), seen.end(), menu) != seen.end())
                        ++count;
                    else
                        seen.push_back(menu);
                }
            }
        return count;
    };
    long long best = revisits();
    std::vector<int> bestTableOf = tableOf, bestRows = rows, bestRoundOf = roundOf;
    for (int attempt = 0; attempt < 300 && best > 0; ++attempt) {
        std::shuffle(tableOf.begin(), tableOf.end(), rng);
        std::shuffle(rows.begin(), rows.end(), rng);
        std::shuffle(roundOf.begin(), roundOf.end(), rng);
        long long count = revisits();
        if (count < best) {
            best = count;
            bestTableOf = tableOf;
            bestRows = rows;
            bestRoundOf = roundOf;
        }
    }
    Construction result;
    result.seats.assign(static_cast<std::size_t>(m.rounds) * static_cast<std::size_t>(m.people), kNone);
    for (int a = 0; a < k; ++a)
        for (int b = 0; b < q; ++b) {
            int person = guests[a * q + b];
            for (int c = 0; c < m.rounds; ++c) {
                int element = field->add(b, field->mul(bestRows[a], bestRoundOf[c]));
                result.seats[c * m.people + person] = tables[bestTableOf[static_cast<std::size_t>(element)]];
            }
        }
    result.name = "GF(" + std::to_string(q) + ")";
    return result;
}

// [SECTION] no hosts: affine planes and published designs

std::optional<Construction> unhostedConstruction(const Model& m, const std::vector<char>& interchangeable,
                                                 std::mt19937_64& rng) {
    for (int i = 0; i < m.people; ++i)
        if (!interchangeable[i]) return std::nullopt;
    std::vector<int> tables = openTables(m);
    const int g = static_cast<int>(tables.size());
    if (g < 2 || m.people % g != 0) return std::nullopt;
    const int k = m.people / g;
    if (k < 2) return std::nullopt;
    for (int r = 0; r < m.rounds; ++r)
        for (int t : tables)
            if (m.sizeLow[r * m.tables + t] > k || m.sizeHigh[r * m.tables + t] < k) return std::nullopt;

    std::vector<int> people(static_cast<std::size_t>(m.people));
    std::iota(people.begin(), people.end(), 0);
    std::shuffle(people.begin(), people.end(), rng);
    Construction result;
    result.seats.assign(static_cast<std::size_t>(m.rounds) * static_cast<std::size_t>(m.people), kNone);
    result.relabel = true;
    auto seat = [&](int round, int point, int group) {
        result.seats[round * m.people + people[static_cast<std::size_t>(point)]] = tables[group];
    };
    auto fromDesign = [&](const auto& design) {
        for (int r = 0; r < m.rounds; ++r) {
            int group = 0;
            for (char c : design[r]) {
                if (c == ' ')
                    ++group;
                else
                    seat(r, designPoint(c), group);
            }
        }
    };
    if (g == 8 && k == 4 && m.rounds <= static_cast<int>(kGolfers.size()) && m.rounds > 8) {
        fromDesign(kGolfers);
        result.name = "social golfer design 8-4-10";
        return result;
    }
    if (g == 5 && k == 3 && m.rounds <= static_cast<int>(kKirkman.size()) && m.rounds > 5) {
        fromDesign(kKirkman);
        result.name = "Kirkman's schoolgirls";
        return result;
    }
    // The affine plane AG(2, q): point (a, b) lies on the line b + a·c of slope c, and on the vertical line a.
    const int q = g;
    std::optional<GaloisField> field = GaloisField::make(q);
    if (!field) return std::nullopt;
    const bool vertical = k == q;
    if (m.rounds > q + (vertical ? 1 : 0) || k > q) return std::nullopt;
    for (int a = 0; a < k; ++a) {
        int row = vertical ? a : a + 1;  // row 0 would stay at one table in every sloped round
        for (int b = 0; b < q; ++b)
            for (int c = 0; c < m.rounds; ++c) seat(c, a * q + b, c < q ? field->add(b, field->mul(row, c)) : a);
    }
    result.name = "affine plane AG(2," + std::to_string(q) + ")";
    return result;
}

}  // namespace

std::optional<Construction> construct(const Model& model, std::mt19937_64& rng) {
    if (model.rounds < 1) return std::nullopt;
    for (char frozen : model.frozen)
        if (frozen) return std::nullopt;
    std::vector<char> interchangeable = interchangeablePeople(model);
    std::optional<Construction> result = hostedConstruction(model, interchangeable, rng);
    if (!result) result = unhostedConstruction(model, interchangeable, rng);
    // Trading itineraries may involve people kept apart too: a trade that seats them together costs a broken rule,
    // so it is never taken.
    if (result) result->interchangeable = interchangeablePeople(model, true);
    return result;
}

}  // namespace worldcafe::planner
