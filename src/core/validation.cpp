#include "worldcafe/validation.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace worldcafe {

namespace {

class Checker {
public:
    explicit Checker(const Session& session) : m_session(session) {}

    std::vector<Problem> run() {
        checkRounds();
        checkMenus();
        checkTables();
        checkParticipants();
        checkRules();
        checkCapacity();
        checkPlan();
        checkNotes();
        return std::move(m_problems);
    }

private:
    void error(std::string message) { m_problems.push_back({Severity::Error, std::move(message)}); }
    void warning(std::string message) { m_problems.push_back({Severity::Warning, std::move(message)}); }

    static std::string who(const Participant& p) { return "participant " + std::to_string(p.id) + " '" + p.name + "'"; }

    // "but there are 8 tables" reads best when tables are numbered 1..N, as they almost always are.
    std::string missingTable(TableNumber number) const {
        const auto& tables = m_session.tables;
        bool contiguous = true;
        for (std::size_t i = 0; i < tables.size(); ++i) {
            bool found = std::any_of(tables.begin(), tables.end(),
                                     [&](const Table& t) { return t.number == static_cast<TableNumber>(i + 1); });
            contiguous = contiguous && found;
        }
        if (tables.empty()) return "but there are no tables";
        if (contiguous)
            return "but there " + std::string(tables.size() == 1 ? "is 1 table" : "are " + std::to_string(tables.size()) + " tables");
        return "but there is no table " + std::to_string(number);
    }

    void checkRounds() {
        const RoundSettings& r = m_session.rounds;
        if (r.count < 1) error("the café needs at least one round (it has " + std::to_string(r.count) + ")");
        if (r.talkMinutes <= 0) error("the talk phase must last at least a minute");
        if (r.moveMinutes < 0 || r.harvestMinutes < 0 || r.welcomeMinutes < 0) error("phase lengths cannot be negative");
        for (int seconds : r.warningSeconds)
            if (seconds < 0) error("a timer warning at " + std::to_string(seconds) + " seconds left is before time up");
    }

    void checkMenus() {
        if (m_session.menus.empty()) error("there are no menus (questions) yet");
        std::set<MenuId> seen;
        for (const Menu& menu : m_session.menus) {
            if (!seen.insert(menu.id).second) error("menu id " + std::to_string(menu.id) + " is used twice");
            if (menu.title.empty()) error("menu " + std::to_string(menu.id) + " has no title");
        }
    }

    void checkTables() {
        if (m_session.tables.empty()) error("there are no tables yet");
        std::set<TableNumber> seen;
        std::set<MenuId> menusInUse;
        for (const Table& table : m_session.tables) {
            std::string name = "table " + std::to_string(table.number);
            if (!seen.insert(table.number).second) error(name + " is listed twice");
            if (table.number < 1) error(name + ": table numbers start at 1");
            if (table.menu == kNoMenu)
                error(name + " has no menu");
            else if (!m_session.findMenu(table.menu))
                error(name + " holds menu " + std::to_string(table.menu) + ", which does not exist");
            menusInUse.insert(table.menu);
            if (table.capacity < 1) error(name + " has no seats (capacity " + std::to_string(table.capacity) + ")");
            if (!m_session.hostOf(table.number)) warning(name + " has no host");
        }
        for (const Menu& menu : m_session.menus)
            if (!m_session.tables.empty() && !menusInUse.count(menu.id))
                warning("menu " + std::to_string(menu.id) + " '" + menu.title + "' is not served at any table");
    }

    void checkParticipants() {
        std::map<ParticipantId, int> seen;
        std::map<TableNumber, const Participant*> hostAt;
        const int rounds = m_session.rounds.count;
        for (const Participant& p : m_session.participants) {
            if (++seen[p.id] == 2) error("participant id " + std::to_string(p.id) + " is used twice");
            if (p.name.empty()) error("participant " + std::to_string(p.id) + " has no name");
            if (p.table != kNoTable && !m_session.findTable(p.table))
                error(who(p) + (p.role == Role::Host ? " hosts table " : " is pinned to table ") +
                      std::to_string(p.table) + ", " + missingTable(p.table));
            if (p.role == Role::Host) {
                if (p.table == kNoTable) error("host " + std::to_string(p.id) + " '" + p.name + "' has no table");
                auto [it, inserted] = hostAt.emplace(p.table, &p);
                if (!inserted && p.table != kNoTable)
                    error("table " + std::to_string(p.table) + " has two hosts: " + who(*it->second) + " and " + who(p));
                if (p.absent && p.table != kNoTable)
                    warning(who(p) + " did not come: table " + std::to_string(p.table) +
                            " has no host until they are marked arrived");
            }
            if (p.fromRound < 0 || p.untilRound < 0) error(who(p) + " has a negative round");
            if (p.fromRound > rounds)
                error(who(p) + " arrives in round " + std::to_string(p.fromRound) + ", but there are " +
                      std::to_string(rounds) + " rounds");
            if (p.untilRound > rounds)
                warning(who(p) + " stays until round " + std::to_string(p.untilRound) + ", but there are " +
                        std::to_string(rounds) + " rounds");
            if (p.fromRound != kNoRound && p.untilRound != kNoRound && p.fromRound > p.untilRound)
                error(who(p) + " arrives in round " + std::to_string(p.fromRound) + " after leaving in round " +
                      std::to_string(p.untilRound));
        }
        if (m_session.participants.empty()) warning("there are no participants yet");
    }

    void checkRules() {
        std::map<std::pair<ParticipantId, ParticipantId>, std::set<RuleKind>> kinds;
        for (const Rule& rule : m_session.rules) {
            std::string name = std::string("rule ") + std::to_string(rule.id) + " (keep " + ruleKindName(rule.kind) + ")";
            const Participant* a = m_session.findParticipant(rule.a);
            const Participant* b = m_session.findParticipant(rule.b);
            if (!a) error(name + " names participant " + std::to_string(rule.a) + ", who does not exist");
            if (!b) error(name + " names participant " + std::to_string(rule.b) + ", who does not exist");
            if (rule.a == rule.b) error(name + " pairs participant " + std::to_string(rule.a) + " with themselves");
            kinds[std::minmax(rule.a, rule.b)].insert(rule.kind);
            if (a && b && rule.kind == RuleKind::KeepTogether && a->table != kNoTable && b->table != kNoTable &&
                a->table != b->table)
                error(name + ": " + who(*a) + " and " + who(*b) + " must sit together but are fixed to tables " +
                      std::to_string(a->table) + " and " + std::to_string(b->table));
        }
        for (const auto& [pair, set] : kinds)
            if (set.size() == 2)
                error("participants " + std::to_string(pair.first) + " and " + std::to_string(pair.second) +
                      " must be kept both together and apart");
    }

    void checkCapacity() {
        int seats = 0;
        for (const Table& table : m_session.tables) seats += std::max(0, table.capacity);
        if (m_session.tables.empty()) return;
        for (int round = 1; round <= m_session.rounds.count; ++round) {
            int present = static_cast<int>(std::count_if(m_session.participants.begin(), m_session.participants.end(),
                                                         [&](const Participant& p) { return p.presentIn(round); }));
            if (present > seats) {
                error("round " + std::to_string(round) + ": " + std::to_string(present) +
                      " people are present but the tables seat " + std::to_string(seats));
                break;
            }
        }
    }

    void checkPlan() {
        std::set<RoundNumber> rounds;
        for (const RoundPlan& plan : m_session.plan) {
            std::string name = "the plan for round " + std::to_string(plan.round);
            if (!rounds.insert(plan.round).second) error(name + " is there twice");
            if (plan.round < 1 || plan.round > m_session.rounds.count)
                error(name + " is outside the " + std::to_string(m_session.rounds.count) + " rounds");
            std::set<ParticipantId> seated;
            for (const Seat& seat : plan.seats) {
                if (!m_session.findParticipant(seat.participant))
                    error(name + " seats participant " + std::to_string(seat.participant) + ", who does not exist");
                if (!m_session.findTable(seat.table))
                    error(name + " uses table " + std::to_string(seat.table) + ", " + missingTable(seat.table));
                if (!seated.insert(seat.participant).second)
                    error(name + " seats participant " + std::to_string(seat.participant) + " twice");
            }
        }
    }

    void checkNotes() {
        for (const Note& note : m_session.notes) {
            std::string name = "note " + std::to_string(note.id);
            if (!m_session.findTable(note.table))
                warning(name + " belongs to table " + std::to_string(note.table) + ", " + missingTable(note.table));
            if (note.menu != kNoMenu && !m_session.findMenu(note.menu))
                warning(name + " belongs to menu " + std::to_string(note.menu) + ", which does not exist");
            if (note.theme != 0 && !m_session.findTheme(note.theme))
                warning(name + " belongs to theme " + std::to_string(note.theme) + ", which does not exist");
            if (note.round < 1 || note.round > m_session.rounds.count)
                warning(name + " belongs to round " + std::to_string(note.round) + ", but there are " +
                        std::to_string(m_session.rounds.count) + " rounds");
        }
    }

    const Session& m_session;
    std::vector<Problem> m_problems;
};

}  // namespace

std::vector<Problem> validate(const Session& session) { return Checker(session).run(); }

}  // namespace worldcafe
