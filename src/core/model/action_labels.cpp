// [SECTION] plain words for the undo and redo menus: what an action does to the session it is applied to, with
// the names the user knows instead of internal ids. The texts are in assets/i18n/<language>.actions.json.

#include <algorithm>
#include <cstddef>
#include <string>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "worldcafe/actions.hpp"

namespace worldcafe {

namespace {

ActionLabel words(std::string key, std::vector<std::string> args = {}) {
    return ActionLabel{std::move(key), std::move(args), {}};
}

// KEY.one when `count` is 1, else KEY.other: English needs the singular, and both tables define both.
ActionLabel counted(const std::string& key, long long count, std::vector<std::string> args) {
    return words(key + (count == 1 ? ".one" : ".other"), std::move(args));
}

std::string num(long long value) { return std::to_string(value); }

// A name as the user sees it; an item already gone (a label made for an action the engine will refuse) has none.
template <class T>
std::string nameOf(const T* item) {
    if (!item) return "?";
    if constexpr (requires { item->name; }) return item->name.empty() ? "?" : item->name;
    else return item->title.empty() ? "?" : item->title;
}

// The first round whose seats differ, or kNoRound.
RoundNumber firstChangedRound(const std::vector<RoundPlan>& before, const std::vector<RoundPlan>& after) {
    RoundNumber first = kNoRound;
    auto consider = [&](RoundNumber round) {
        if (first == kNoRound || round < first) first = round;
    };
    for (const RoundPlan& round : after) {
        auto old = std::find_if(before.begin(), before.end(), [&](const RoundPlan& r) { return r.round == round.round; });
        if (old == before.end() ? !round.seats.empty() : old->seats != round.seats) consider(round.round);
    }
    for (const RoundPlan& round : before) {
        bool kept = std::any_of(after.begin(), after.end(), [&](const RoundPlan& r) { return r.round == round.round; });
        if (!kept && !round.seats.empty()) consider(round.round);
    }
    return first;
}

bool hasSeats(const std::vector<RoundPlan>& plan) {
    return std::any_of(plan.begin(), plan.end(), [](const RoundPlan& r) { return !r.seats.empty(); });
}

ActionLabel durationLabel(const char* minutesKey, const char* secondsKey, int seconds) {
    if (seconds % 60 == 0) return counted(minutesKey, seconds / 60, {num(seconds / 60)});
    return counted(secondsKey, seconds, {num(seconds)});
}

struct Labeler {
    const Session& s;

    ActionLabel operator()(const SetEvent& a) const {
        if (a.event.title != s.event.title) return words("action.event.rename", {a.event.title});
        if (a.event.language != s.event.language) return words("action.event.language");
        return words("action.event.edit");
    }
    ActionLabel operator()(const SetRoundSettings& a) const {
        const RoundSettings& old = s.rounds;
        if (a.rounds.count != old.count) return counted("action.rounds.count", a.rounds.count, {num(a.rounds.count)});
        if (a.rounds.talkMinutes != old.talkMinutes)
            return counted("action.rounds.talk", a.rounds.talkMinutes, {num(a.rounds.talkMinutes)});
        if (a.rounds.moveMinutes != old.moveMinutes)
            return counted("action.rounds.move", a.rounds.moveMinutes, {num(a.rounds.moveMinutes)});
        if (a.rounds.roundHarvestMinutes != old.roundHarvestMinutes) {
            if (a.rounds.roundHarvestMinutes == 0) return words("action.rounds.round_harvest_off");
            return counted("action.rounds.round_harvest", a.rounds.roundHarvestMinutes,
                           {num(a.rounds.roundHarvestMinutes)});
        }
        return words("action.rounds.edit");
    }
    ActionLabel operator()(const SetPlan& a) const {
        if (!hasSeats(a.plan)) return words("action.plan.clear");
        if (!hasSeats(s.plan)) return words("action.plan.make");
        RoundNumber from = firstChangedRound(s.plan, a.plan);
        return from == kNoRound ? words("action.plan.set") : words("action.plan.replan", {num(from)});
    }
    ActionLabel operator()(const AppendTimeline& a) const {
        switch (a.entry.kind) {
            case TimelineKind::Start: return words("action.timer.start");
            case TimelineKind::Pause: return words("action.timer.pause");
            case TimelineKind::Resume: return words("action.timer.resume");
            case TimelineKind::Extend:
                return a.entry.seconds >= 0
                           ? durationLabel("action.timer.extend_minutes", "action.timer.extend_seconds", a.entry.seconds)
                           : durationLabel("action.timer.shorten_minutes", "action.timer.shorten_seconds",
                                           -a.entry.seconds);
            case TimelineKind::Skip: return words("action.timer.skip");
            case TimelineKind::Back: return words("action.timer.back");
            case TimelineKind::Finish: return words("action.timer.finish");
        }
        return words("action.timer.control");
    }
    ActionLabel operator()(const PopTimeline&) const { return words("action.timer.take_back"); }

    ActionLabel operator()(const Put<Menu>& a) const {
        const Menu* old = s.findMenu(a.item.id);
        const Menu& now = a.item;
        if (!old) return words("action.menu.add", {nameOf(&now)});
        if (old->title != now.title) return words("action.menu.rename", {nameOf(old), nameOf(&now)});
        if (old->question != now.question) return words("action.menu.question", {nameOf(old)});
        if (old->colour != now.colour) return words("action.menu.colour", {nameOf(old)});
        return words("action.menu.edit", {nameOf(old)});
    }
    ActionLabel operator()(const Remove<Menu>& a) const { return words("action.menu.delete", {nameOf(s.findMenu(a.key))}); }

    ActionLabel operator()(const Put<Table>& a) const {
        const Table* old = s.findTable(a.item.number);
        const Table& now = a.item;
        const std::string number = num(now.number);
        if (!old) return words("action.table.add", {number});
        if (old->capacity != now.capacity) return counted("action.table.seats", now.capacity, {number, num(now.capacity)});
        if (old->menu != now.menu)
            return now.menu == kNoMenu ? words("action.table.no_menu", {number})
                                       : words("action.table.menu", {number, nameOf(s.findMenu(now.menu))});
        if (old->token != now.token) return words("action.table.link", {number});
        return words("action.table.edit", {number});
    }
    ActionLabel operator()(const Remove<Table>& a) const { return words("action.table.delete", {num(a.key)}); }

    ActionLabel operator()(const Put<Participant>& a) const {
        const Participant* old = s.findParticipant(a.item.id);
        const Participant& now = a.item;
        if (!old) return words("action.participant.add", {nameOf(&now)});
        const std::string name = nameOf(old);
        if (old->name != now.name) return words("action.participant.rename", {name, nameOf(&now)});
        if (old->absent != now.absent)
            return words(now.absent ? "action.participant.absent" : "action.participant.arrived", {name});
        if (old->role != now.role || (now.role == Role::Host && old->table != now.table))
            return now.role == Role::Host ? words("action.participant.host", {name, num(now.table)})
                                          : words("action.participant.guest", {name});
        if (old->table != now.table)
            return now.table == kNoTable ? words("action.participant.unpin", {name})
                                         : words("action.participant.pin", {name, num(now.table)});
        if (old->fromRound != now.fromRound || old->untilRound != now.untilRound)
            return words("action.participant.rounds", {name});
        if (old->affiliation != now.affiliation) return words("action.participant.affiliation", {name});
        return words("action.participant.edit", {name});
    }
    ActionLabel operator()(const Remove<Participant>& a) const {
        return words("action.participant.delete", {nameOf(s.findParticipant(a.key))});
    }

    ActionLabel operator()(const Put<Rule>& a) const {
        std::vector<std::string> names{nameOf(s.findParticipant(a.item.a)), nameOf(s.findParticipant(a.item.b))};
        if (s.findRule(a.item.id)) return words("action.rule.edit", std::move(names));
        return words(a.item.kind == RuleKind::KeepApart ? "action.rule.apart" : "action.rule.together",
                     std::move(names));
    }
    ActionLabel operator()(const Remove<Rule>& a) const {
        const Rule* rule = s.findRule(a.key);
        if (!rule) return words("action.rule.delete", {"?", "?"});
        return words("action.rule.delete", {nameOf(s.findParticipant(rule->a)), nameOf(s.findParticipant(rule->b))});
    }

    ActionLabel operator()(const Put<Note>& a) const {
        const Note* old = s.findNote(a.item.id);
        const Note& now = a.item;
        std::vector<std::string> where{num(now.table), num(now.round)};
        auto with = [&](std::string extra) {
            std::vector<std::string> args = where;
            args.push_back(std::move(extra));
            return args;
        };
        if (!old) return words("action.note.add", where);
        if (old->text != now.text || old->tags != now.tags) return words("action.note.edit", where);
        if (old->theme != now.theme)
            return now.theme == 0 ? words("action.note.theme_auto", where)
                                  : words("action.note.theme", with(nameOf(s.findTheme(now.theme))));
        if (old->starred != now.starred) return words(now.starred ? "action.note.star" : "action.note.unstar", where);
        if (old->votes != now.votes) return counted("action.note.votes", now.votes, with(num(now.votes)));
        if (old->highlighted != now.highlighted)
            return words(now.highlighted ? "action.note.highlight" : "action.note.unhighlight", where);
        return words("action.note.edit", where);
    }
    ActionLabel operator()(const Remove<Note>& a) const {
        const Note* note = s.findNote(a.key);
        if (!note) return words("action.note.delete", {"?", "?"});
        return words("action.note.delete", {num(note->table), num(note->round)});
    }

    ActionLabel operator()(const Put<Theme>& a) const {
        const Theme* old = s.findTheme(a.item.id);
        const Theme& now = a.item;
        if (!old) return words("action.theme.add", {nameOf(&now)});
        if (old->name != now.name) return words("action.theme.rename", {nameOf(old), nameOf(&now)});
        if (old->summary != now.summary) return words("action.theme.summary", {nameOf(old)});
        if (old->highlighted != now.highlighted)
            return words(now.highlighted ? "action.theme.highlight" : "action.theme.unhighlight", {nameOf(old)});
        return words("action.theme.edit", {nameOf(old)});
    }
    ActionLabel operator()(const Remove<Theme>& a) const {
        return words("action.theme.delete", {nameOf(s.findTheme(a.key))});
    }

    // A phone's dot: the voter is anonymous and the theme a key of the synthesis, so the menu is what can be named.
    ActionLabel operator()(const Put<Vote>& a) const {
        const Vote* old = s.findVote(a.item.id);
        const std::string menu = nameOf(s.findMenu(a.item.menu));
        if (old && old->theme != a.item.theme) return words("action.vote.move", {menu});
        return words("action.vote.add", {menu});
    }
    ActionLabel operator()(const Remove<Vote>& a) const {
        const Vote* vote = s.findVote(a.key);
        return words("action.vote.delete", {nameOf(vote ? s.findMenu(vote->menu) : nullptr)});
    }
    ActionLabel operator()(const SetVoting& a) const {
        if (a.voting.open && !s.voting.open) return counted("action.voting.open", a.voting.dots, {num(a.voting.dots)});
        if (!a.voting.open && s.voting.open) return words("action.voting.close");
        return counted("action.voting.dots", a.voting.dots, {num(a.voting.dots)});
    }

    ActionLabel operator()(const Batch& a) const;
};

// Every added item of one kind ("add 120 participants"); nothing when the batch does anything else.
template <class T>
std::optional<ActionLabel> allAdded(const Batch& batch, const std::vector<T>& existing,
                                    const char* key) {
    std::unordered_set<long long> keys;
    for (const T& item : existing) {
        if constexpr (std::is_same_v<T, Table>) keys.insert(item.number);
        else keys.insert(item.id);
    }
    for (const Action& action : batch.actions) {
        const auto* put = std::get_if<Put<T>>(&action.value);
        if (!put) return std::nullopt;
        long long key = 0;
        if constexpr (std::is_same_v<T, Table>) key = put->item.number;
        else key = put->item.id;
        if (!keys.insert(key).second) return std::nullopt;
    }
    return counted(key, static_cast<long long>(batch.actions.size()), {num(static_cast<long long>(batch.actions.size()))});
}

// Shown when nothing better says what a batch does: the first two changes and how many more.
constexpr std::size_t kLabelledChildren = 8;

ActionLabel Labeler::operator()(const Batch& a) const {
    if (!a.words.empty()) return a.words;
    if (a.actions.empty()) return words("action.nothing");
    if (a.actions.size() == 1) return std::visit(*this, a.actions.front().value);

    // The edit rules' batches: one item removed or renumbered, with what it took along (rules, seats, pins).
    const Remove<Participant>* goneParticipant = nullptr;
    const Remove<Table>* goneTable = nullptr;
    const Remove<Menu>* goneMenu = nullptr;
    const Remove<Theme>* goneTheme = nullptr;
    int removals = 0;
    const Put<Table>* newTable = nullptr;
    const Put<Menu>* menuAgain = nullptr;
    const Put<Participant>* newHost = nullptr;
    const SetPlan* plan = nullptr;
    std::vector<const Put<Participant>*> attendance;
    // A registration list of 100,000 is one batch: one index instead of a search per person.
    std::unordered_map<ParticipantId, const Participant*> people;
    people.reserve(s.participants.size());
    for (const Participant& p : s.participants) people.emplace(p.id, &p);
    auto findPerson = [&](ParticipantId id) -> const Participant* {
        auto it = people.find(id);
        return it == people.end() ? nullptr : it->second;
    };
    int tokens = 0, puts = 0;
    for (const Action& action : a.actions) {
        std::visit(
            [&](const auto& child) {
                using C = std::decay_t<decltype(child)>;
                if constexpr (std::is_same_v<C, Remove<Participant>>) goneParticipant = &child, ++removals;
                else if constexpr (std::is_same_v<C, Remove<Table>>) goneTable = &child, ++removals;
                else if constexpr (std::is_same_v<C, Remove<Menu>>) goneMenu = &child, ++removals;
                else if constexpr (std::is_same_v<C, Remove<Theme>>) goneTheme = &child, ++removals;
                else if constexpr (std::is_same_v<C, SetPlan>) plan = &child;
                else if constexpr (std::is_same_v<C, Put<Table>>) {
                    ++puts;
                    const Table* old = s.findTable(child.item.number);  // tables are few
                    if (!old) newTable = &child;
                    else if (old->token != child.item.token) ++tokens;
                } else if constexpr (std::is_same_v<C, Put<Menu>>) {
                    ++puts;
                    menuAgain = &child;
                } else if constexpr (std::is_same_v<C, Put<Participant>>) {
                    ++puts;
                    const Participant* old = findPerson(child.item.id);
                    if (old && old->absent != child.item.absent) attendance.push_back(&child);
                    // Someone already there made a host; a new host in an import is an addition.
                    if (old && child.item.role == Role::Host &&
                        (old->role != Role::Host || old->table != child.item.table))
                        newHost = &child;
                } else {
                    ++puts;
                }
            },
            action.value);
    }
    if (removals == 1 && goneTable && newTable)
        return words("action.table.renumber", {num(goneTable->key), num(newTable->item.number)});
    if (removals == 1 && goneMenu && menuAgain && menuAgain->item.id == goneMenu->key)
        return words("action.menu.move", {nameOf(s.findMenu(goneMenu->key))});
    if (removals == 1 && !newTable && !menuAgain) {
        if (goneParticipant) return (*this)(*goneParticipant);
        if (goneTable) return (*this)(*goneTable);
        if (goneMenu) return (*this)(*goneMenu);
    }
    if (removals == 0 && newHost) return (*this)(*newHost);
    if (!attendance.empty()) {
        ActionLabel marked;
        if (attendance.size() == 1) marked = (*this)(*attendance.front());
        else marked = counted("action.attendance.several", static_cast<long long>(attendance.size()),
                              {num(static_cast<long long>(attendance.size()))});
        if (!plan) return marked;
        ActionLabel replan = (*this)(*plan);
        return ActionLabel{"action.pair", {}, {std::move(marked), std::move(replan)}};
    }
    if (tokens > 0 && tokens == static_cast<int>(a.actions.size()))
        return counted("action.table.links", tokens, {num(tokens)});
    if (auto added = allAdded(a, s.participants, "action.participant.add_many")) return *added;
    if (auto added = allAdded(a, s.menus, "action.menu.add_many")) return *added;
    if (auto added = allAdded(a, s.tables, "action.table.add_many")) return *added;
    if (auto added = allAdded(a, s.notes, "action.note.add_many")) return *added;
    if (auto added = allAdded(a, s.rules, "action.rule.add_many")) return *added;
    if (removals == 1 && goneTheme && puts == 0) return (*this)(*goneTheme);

    // Anything else (several edits in one frame): the first two different changes and how many more.
    std::vector<ActionLabel> seen;
    std::size_t labelled = 0;
    for (; labelled < a.actions.size() && labelled < kLabelledChildren; ++labelled) {
        ActionLabel child = std::visit(*this, a.actions[labelled].value);
        if (std::find(seen.begin(), seen.end(), child) == seen.end()) seen.push_back(std::move(child));
    }
    if (seen.size() == 1 && labelled == a.actions.size()) return seen.front();
    if (seen.size() == 2 && labelled == a.actions.size())
        return ActionLabel{"action.pair", {}, {std::move(seen[0]), std::move(seen[1])}};
    const long long more = static_cast<long long>(a.actions.size()) - 1;
    ActionLabel label = counted("action.more", more, {});
    label.args.push_back(num(more));
    label.parts.push_back(std::move(seen.front()));
    return label;
}

}  // namespace

ActionLabel describeChange(const Session& before, const Action& action) {
    return std::visit(Labeler{before}, action.value);
}

}  // namespace worldcafe
