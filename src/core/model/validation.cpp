#include "worldcafe/validation.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "model_numbers.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace {

const std::vector<ProblemTemplate> kTemplates = {
    {"event.date_not_iso", "the event date '{0}' is not a date written YYYY-MM-DD"},
    {"rounds.too_few", "the café needs at least one round (it has {0})"},
    {"rounds.talk_too_short", "the talk phase must last at least a minute"},
    {"rounds.negative_phase", "phase lengths cannot be negative"},
    {"rounds.warning_after_end", "a timer warning at {0} seconds left is before time up"},
    {"menus.none", "there are no menus (questions) yet"},
    {"menus.id_twice", "menu id {0} is used twice"},
    {"menus.no_title", "menu {0} has no title"},
    {"menus.unused", "menu {0} '{1}' is not served at any table"},
    {"tables.none", "there are no tables yet"},
    {"tables.twice", "table {0} is listed twice"},
    {"tables.below_one", "table {0}: table numbers start at 1"},
    {"tables.no_menu", "table {0} has no menu"},
    {"tables.menu_missing", "table {0} holds menu {1}, which does not exist"},
    {"tables.no_seats", "table {0} has no seats (capacity {1})"},
    {"tables.no_host", "table {0} has no host"},
    {"participants.none", "there are no participants yet"},
    {"participants.id_twice", "participant id {0} is used twice"},
    {"participants.no_name", "participant {0} has no name"},
    {"participants.hosts_missing_table", "participant {0} '{1}' hosts table {2}, {3}"},
    {"participants.pinned_missing_table", "participant {0} '{1}' is pinned to table {2}, {3}"},
    {"participants.host_without_table", "host {0} '{1}' has no table"},
    {"participants.two_hosts", "table {0} has two hosts: participant {1} '{2}' and participant {3} '{4}'"},
    {"participants.host_absent",
     "participant {0} '{1}' did not come: table {2} has no host until they are marked arrived"},
    {"participants.negative_round", "participant {0} '{1}' has a negative round"},
    {"participants.arrives_after_last", "participant {0} '{1}' arrives in round {2}, but there are {3} rounds"},
    {"participants.stays_after_last", "participant {0} '{1}' stays until round {2}, but there are {3} rounds"},
    {"participants.arrives_after_leaving", "participant {0} '{1}' arrives in round {2} after leaving in round {3}"},
    {"rules.apart.missing_participant", "rule {0} (keep apart) names participant {1}, who does not exist"},
    {"rules.together.missing_participant", "rule {0} (keep together) names participant {1}, who does not exist"},
    {"rules.apart.self", "rule {0} (keep apart) pairs participant {1} with themselves"},
    {"rules.together.self", "rule {0} (keep together) pairs participant {1} with themselves"},
    {"rules.together.fixed_apart", "rule {0} (keep together): participant {1} '{2}' and participant {3} '{4}' must "
                                   "sit together but are fixed to tables {5} and {6}"},
    {"rules.both_kinds", "participants {0} and {1} must be kept both together and apart"},
    {"capacity.over", "round {0}: {1} people are present but the tables seat {2}"},
    {"plan.twice", "the plan for round {0} is there twice"},
    {"plan.outside", "the plan for round {0} is outside the {1} rounds"},
    {"plan.seats_missing", "the plan for round {0} seats participant {1}, who does not exist"},
    {"plan.missing_table", "the plan for round {0} uses table {1}, {2}"},
    {"plan.seats_twice", "the plan for round {0} seats participant {1} twice"},
    {"notes.missing_table", "note {0} belongs to table {1}, {2}"},
    {"notes.menu_missing", "note {0} belongs to menu {1}, which does not exist"},
    {"notes.theme_missing", "note {0} belongs to theme {1}, which does not exist"},
    {"notes.round_outside", "note {0} belongs to round {1}, but there are {2} rounds"},
    // The clause after "... table 9, ": which tables there are instead.
    {"detail.no_tables", "but there are no tables"},
    {"detail.one_table", "but there is 1 table"},
    {"detail.tables", "but there are {0} tables"},
    {"detail.no_such_table", "but there is no table {0}"},
};

const char* englishPattern(const std::string& code) {
    for (const ProblemTemplate& entry : kTemplates)
        if (code == entry.code) return entry.english;
    return "";
}

struct Detail {
    std::string code;
    std::vector<std::string> args;
};

class Checker {
public:
    explicit Checker(const Session& session) : m_session(session) {}

    std::vector<Problem> run() {
        checkEvent();
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
    void add(Severity severity, std::string code, std::vector<std::string> args, Detail detail = {}) {
        Problem problem{severity, {}, std::move(code), std::move(args), std::move(detail.code),
                        std::move(detail.args)};
        problem.message = problemSentence(problem, englishPattern);
        m_problems.push_back(std::move(problem));
    }
    void error(std::string code, std::vector<std::string> args = {}, Detail detail = {}) {
        add(Severity::Error, std::move(code), std::move(args), std::move(detail));
    }
    void warning(std::string code, std::vector<std::string> args = {}, Detail detail = {}) {
        add(Severity::Warning, std::move(code), std::move(args), std::move(detail));
    }

    // "but there are 8 tables" reads best when tables are numbered 1..N, as they almost always are.
    Detail missingTable(TableNumber number) const {
        const auto& tables = m_session.tables;
        bool contiguous = true;
        for (std::size_t i = 0; i < tables.size(); ++i) {
            bool found = std::any_of(tables.begin(), tables.end(),
                                     [&](const Table& t) { return t.number == static_cast<TableNumber>(i + 1); });
            contiguous = contiguous && found;
        }
        if (tables.empty()) return {"detail.no_tables", {}};
        if (contiguous && tables.size() == 1) return {"detail.one_table", {}};
        if (contiguous) return {"detail.tables", {str(static_cast<long long>(tables.size()))}};
        return {"detail.no_such_table", {str(number)}};
    }

    // The date is printed on the table cards and the report as typed: a warning, since nothing depends on it.
    void checkEvent() {
        const std::string& date = m_session.event.date;
        if (!date.empty() && !isIsoDate(date)) warning("event.date_not_iso", {date});
    }

    void checkRounds() {
        const RoundSettings& r = m_session.rounds;
        if (r.count < 1) error("rounds.too_few", {str(r.count)});
        if (r.talkMinutes <= 0) error("rounds.talk_too_short");
        if (r.moveMinutes < 0 || r.harvestMinutes < 0 || r.welcomeMinutes < 0 ||
            r.roundHarvestMinutes < 0) error("rounds.negative_phase");
        for (int seconds : r.warningSeconds)
            if (seconds < 0) error("rounds.warning_after_end", {str(seconds)});
    }

    void checkMenus() {
        if (m_session.menus.empty()) error("menus.none");
        std::set<MenuId> seen;
        for (const Menu& menu : m_session.menus) {
            if (!seen.insert(menu.id).second) error("menus.id_twice", {str(menu.id)});
            if (menu.title.empty()) error("menus.no_title", {str(menu.id)});
        }
    }

    void checkTables() {
        if (m_session.tables.empty()) error("tables.none");
        std::set<TableNumber> seen;
        std::set<MenuId> menusInUse;
        for (const Table& table : m_session.tables) {
            const std::string number = str(table.number);
            if (!seen.insert(table.number).second) error("tables.twice", {number});
            if (table.number < 1) error("tables.below_one", {number});
            if (table.menu == kNoMenu)
                error("tables.no_menu", {number});
            else if (!m_session.findMenu(table.menu))
                error("tables.menu_missing", {number, str(table.menu)});
            menusInUse.insert(table.menu);
            if (table.capacity < 1) error("tables.no_seats", {number, str(table.capacity)});
            if (!m_session.hostOf(table.number)) warning("tables.no_host", {number});
        }
        for (const Menu& menu : m_session.menus)
            if (!m_session.tables.empty() && !menusInUse.count(menu.id))
                warning("menus.unused", {str(menu.id), menu.title});
    }

    void checkParticipants() {
        std::map<ParticipantId, int> seen;
        std::map<TableNumber, const Participant*> hostAt;
        const int rounds = m_session.rounds.count;
        for (const Participant& p : m_session.participants) {
            const std::string id = str(p.id);
            if (++seen[p.id] == 2) error("participants.id_twice", {id});
            if (p.name.empty()) error("participants.no_name", {id});
            if (p.table != kNoTable && !m_session.findTable(p.table))
                error(p.role == Role::Host ? "participants.hosts_missing_table" : "participants.pinned_missing_table",
                      {id, p.name, str(p.table)}, missingTable(p.table));
            if (p.role == Role::Host) {
                if (p.table == kNoTable) error("participants.host_without_table", {id, p.name});
                auto [it, inserted] = hostAt.emplace(p.table, &p);
                if (!inserted && p.table != kNoTable)
                    error("participants.two_hosts",
                          {str(p.table), str(it->second->id), it->second->name, id, p.name});
                if (p.absent && p.table != kNoTable) warning("participants.host_absent", {id, p.name, str(p.table)});
            }
            if (p.fromRound < 0 || p.untilRound < 0) error("participants.negative_round", {id, p.name});
            if (p.fromRound > rounds)
                error("participants.arrives_after_last", {id, p.name, str(p.fromRound), str(rounds)});
            if (p.untilRound > rounds)
                warning("participants.stays_after_last", {id, p.name, str(p.untilRound), str(rounds)});
            if (p.fromRound != kNoRound && p.untilRound != kNoRound && p.fromRound > p.untilRound)
                error("participants.arrives_after_leaving", {id, p.name, str(p.fromRound), str(p.untilRound)});
        }
        if (m_session.participants.empty()) warning("participants.none");
    }

    void checkRules() {
        std::map<std::pair<ParticipantId, ParticipantId>, std::set<RuleKind>> kinds;
        for (const Rule& rule : m_session.rules) {
            const std::string kind = rule.kind == RuleKind::KeepApart ? "rules.apart." : "rules.together.";
            const std::string id = str(rule.id);
            const Participant* a = m_session.findParticipant(rule.a);
            const Participant* b = m_session.findParticipant(rule.b);
            if (!a) error(kind + "missing_participant", {id, str(rule.a)});
            if (!b) error(kind + "missing_participant", {id, str(rule.b)});
            if (rule.a == rule.b) error(kind + "self", {id, str(rule.a)});
            kinds[std::minmax(rule.a, rule.b)].insert(rule.kind);
            if (a && b && rule.kind == RuleKind::KeepTogether && a->table != kNoTable && b->table != kNoTable &&
                a->table != b->table)
                error("rules.together.fixed_apart",
                      {id, str(a->id), a->name, str(b->id), b->name, str(a->table), str(b->table)});
        }
        for (const auto& [pair, set] : kinds)
            if (set.size() == 2) error("rules.both_kinds", {str(pair.first), str(pair.second)});
    }

    void checkCapacity() {
        int seats = 0;
        for (const Table& table : m_session.tables) seats += std::max(0, table.capacity);
        if (m_session.tables.empty()) return;
        for (int round = 1; round <= m_session.rounds.count; ++round) {
            int present = static_cast<int>(std::count_if(m_session.participants.begin(), m_session.participants.end(),
                                                         [&](const Participant& p) { return p.presentIn(round); }));
            if (present > seats) {
                error("capacity.over", {str(round), str(present), str(seats)});
                break;
            }
        }
    }

    void checkPlan() {
        std::set<RoundNumber> rounds;
        for (const RoundPlan& plan : m_session.plan) {
            const std::string round = str(plan.round);
            if (!rounds.insert(plan.round).second) error("plan.twice", {round});
            if (plan.round < 1 || plan.round > m_session.rounds.count)
                error("plan.outside", {round, str(m_session.rounds.count)});
            std::set<ParticipantId> seated;
            for (const Seat& seat : plan.seats) {
                if (!m_session.findParticipant(seat.participant))
                    error("plan.seats_missing", {round, str(seat.participant)});
                if (!m_session.findTable(seat.table))
                    error("plan.missing_table", {round, str(seat.table)}, missingTable(seat.table));
                if (!seated.insert(seat.participant).second) error("plan.seats_twice", {round, str(seat.participant)});
            }
        }
    }

    void checkNotes() {
        for (const Note& note : m_session.notes) {
            const std::string id = str(note.id);
            if (!m_session.findTable(note.table))
                warning("notes.missing_table", {id, str(note.table)}, missingTable(note.table));
            if (note.menu != kNoMenu && !m_session.findMenu(note.menu))
                warning("notes.menu_missing", {id, str(note.menu)});
            if (note.theme != 0 && !m_session.findTheme(note.theme))
                warning("notes.theme_missing", {id, str(note.theme)});
            if (note.round < 1 || note.round > m_session.rounds.count)
                warning("notes.round_outside", {id, str(note.round), str(m_session.rounds.count)});
        }
    }

    const Session& m_session;
    std::vector<Problem> m_problems;
};

}  // namespace

const std::vector<ProblemTemplate>& problemTemplates() { return kTemplates; }

bool isIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int fields[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int f = 0; f < 3; ++f)
        for (int i = starts[f]; i < starts[f] + lengths[f]; ++i) {
            char c = text[static_cast<std::size_t>(i)];
            if (c < '0' || c > '9') return false;
            fields[f] = fields[f] * 10 + (c - '0');
        }
    const int year = fields[0], month = fields[1], day = fields[2];
    if (year < 1 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string problemSentence(const Problem& problem,
                            const std::function<std::string(const std::string& code)>& patternOf) {
    std::vector<std::string> args = problem.args;
    if (!problem.detailCode.empty())
        args.push_back(fillPlaceholders(patternOf(problem.detailCode), problem.detailArgs));
    return fillPlaceholders(patternOf(problem.code), args);
}

std::vector<Problem> validate(const Session& session) { return Checker(session).run(); }

}  // namespace worldcafe
