#include "worldcafe/actions.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace {

// [SECTION] keyed collections: one generic put/remove serves menus, tables, participants, rules and notes.

template <class T>
struct Collection;

template <>
struct Collection<Menu> {
    static std::vector<Menu>& of(Session& s) { return s.menus; }
    static MenuId key(const Menu& m) { return m.id; }
    static constexpr const char* noun = "menu";
};
template <>
struct Collection<Table> {
    static std::vector<Table>& of(Session& s) { return s.tables; }
    static TableNumber key(const Table& t) { return t.number; }
    static constexpr const char* noun = "table";
};
template <>
struct Collection<Participant> {
    static std::vector<Participant>& of(Session& s) { return s.participants; }
    static ParticipantId key(const Participant& p) { return p.id; }
    static constexpr const char* noun = "participant";
};
template <>
struct Collection<Rule> {
    static std::vector<Rule>& of(Session& s) { return s.rules; }
    static RuleId key(const Rule& r) { return r.id; }
    static constexpr const char* noun = "rule";
};
template <>
struct Collection<Note> {
    static std::vector<Note>& of(Session& s) { return s.notes; }
    static NoteId key(const Note& n) { return n.id; }
    static constexpr const char* noun = "note";
};

template <>
struct Collection<Theme> {
    static std::vector<Theme>& of(Session& s) { return s.themes; }
    static ThemeId key(const Theme& t) { return t.id; }
    static constexpr const char* noun = "theme";
};

template <>
struct Collection<Vote> {
    static std::vector<Vote>& of(Session& s) { return s.votes; }
    static VoteId key(const Vote& v) { return v.id; }
    static constexpr const char* noun = "vote";
};

// From the back: keys are unique, so the answer is the same, and undoing an import (or rolling one back) removes
// the items it appended last first, each found at once instead of after a walk over everyone before it.
template <class T, class Key>
auto findIndex(std::vector<T>& items, Key key) {
    auto found =
        std::find_if(items.rbegin(), items.rend(), [&](const T& item) { return Collection<T>::key(item) == key; });
    return found == items.rend() ? items.end() : std::prev(found.base());
}

// What a text field's Enter leaves behind (a trailing newline in a menu's question) is not part of the text: it
// would reach the projector, the phones and every export. Trimmed here, so every path that writes a menu agrees.
template <class T>
const T& tidied(const T& item) {
    return item;
}
Menu tidied(const Menu& menu) {
    Menu tidy = menu;
    tidy.title = trim(menu.title);
    tidy.question = trim(menu.question);
    return tidy;
}

template <class T>
Action applyPut(Session& session, const Put<T>& put) {
    auto& items = Collection<T>::of(session);
    auto key = Collection<T>::key(put.item);
    if (key <= 0)
        throw ActionRejected(std::string(Collection<T>::noun) + " " + std::to_string(key) + ": ids start at 1");
    auto existing = findIndex(items, key);
    if (existing != items.end()) {
        Put<T> inverse{*existing, kAppendAtEnd};
        *existing = tidied(put.item);
        return inverse;
    }
    if (put.index != kAppendAtEnd && (put.index < 0 || put.index > static_cast<int>(items.size())))
        throw ActionRejected("cannot insert " + std::string(Collection<T>::noun) + " at position " +
                             std::to_string(put.index) + " of " + std::to_string(items.size()));
    auto where = put.index == kAppendAtEnd ? items.end() : items.begin() + put.index;
    items.insert(where, tidied(put.item));
    return Remove<T>{key};
}

template <class T>
Action applyRemove(Session& session, const Remove<T>& remove) {
    auto& items = Collection<T>::of(session);
    auto existing = findIndex(items, remove.key);
    if (existing == items.end())
        throw ActionRejected("there is no " + std::string(Collection<T>::noun) + " " + std::to_string(remove.key));
    Put<T> inverse{*existing, static_cast<int>(existing - items.begin())};
    items.erase(existing);
    return inverse;
}

// Below this many, building the index costs more than the searches it saves.
constexpr std::size_t kIndexedRun = 16;

// A run of appending Put<T> in a batch (a registration list of 100,000 people is one) applied with a key index
// built once, instead of a search per put that makes the import quadratic. Same result as applying them one by
// one: a put whose key is already there replaces that item in place, any other goes at the end. Returns how many
// actions from `first` it applied (0 when they are not such a run), their inverses appended to `inverses`.
template <class T>
std::size_t applyAppendRun(Session& session, const std::vector<Action>& actions, std::size_t first,
                           std::vector<Action>& inverses) {
    auto appending = [&](std::size_t k) {
        const auto* put = std::get_if<Put<T>>(&actions[k].value);
        return put && put->index == kAppendAtEnd;
    };
    std::size_t last = first;
    while (last < actions.size() && appending(last)) ++last;
    if (last - first < kIndexedRun) return 0;
    auto& items = Collection<T>::of(session);
    using Key = decltype(Collection<T>::key(std::declval<const T&>()));
    std::unordered_map<Key, std::size_t> position;
    position.reserve(items.size() + (last - first));
    for (std::size_t i = 0; i < items.size(); ++i) position.emplace(Collection<T>::key(items[i]), i);
    items.reserve(items.size() + (last - first));
    for (std::size_t k = first; k < last; ++k) {
        const Put<T>& put = std::get<Put<T>>(actions[k].value);
        auto key = Collection<T>::key(put.item);
        if (key <= 0)
            throw ActionRejected(std::string(Collection<T>::noun) + " " + std::to_string(key) + ": ids start at 1");
        auto [where, added] = position.emplace(key, items.size());
        if (added) {
            items.push_back(tidied(put.item));
            inverses.push_back(Remove<T>{key});
        } else {
            inverses.push_back(Put<T>{items[where->second], kAppendAtEnd});
            items[where->second] = tidied(put.item);
        }
    }
    return last - first;
}

template <class... T>
std::size_t applyAnyAppendRun(Session& session, const std::vector<Action>& actions, std::size_t first,
                              std::vector<Action>& inverses) {
    std::size_t applied = 0;
    ((applied = applied ? applied : applyAppendRun<T>(session, actions, first, inverses)), ...);
    return applied;
}

Action applyBatch(Session& session, const Batch& batch) {
    Batch inverse{batch.label, {}};
    inverse.actions.reserve(batch.actions.size());
    try {
        for (std::size_t k = 0; k < batch.actions.size();) {
            std::size_t run = applyAnyAppendRun<Participant, Menu, Table, Rule, Note, Theme>(session, batch.actions, k,
                                                                                             inverse.actions);
            if (run == 0) inverse.actions.push_back(applyAction(session, batch.actions[k]));
            k += std::max<std::size_t>(run, 1);
        }
    } catch (...) {
        // All or nothing: roll back what this batch already did before reporting.
        for (auto it = inverse.actions.rbegin(); it != inverse.actions.rend(); ++it) applyAction(session, *it);
        throw;
    }
    std::reverse(inverse.actions.begin(), inverse.actions.end());
    return inverse;
}

struct Applier {
    Session& session;

    Action operator()(const SetEvent& a) {
        SetEvent inverse{session.event};
        session.event = a.event;
        return inverse;
    }
    Action operator()(const SetRoundSettings& a) {
        if (a.rounds.count < 1) throw ActionRejected("a café needs at least one round");
        if (a.rounds.talkMinutes < 0 || a.rounds.moveMinutes < 0 || a.rounds.harvestMinutes < 0 ||
            a.rounds.welcomeMinutes < 0 || a.rounds.roundHarvestMinutes < 0)
            throw ActionRejected("phase lengths cannot be negative");
        SetRoundSettings inverse{session.rounds};
        session.rounds = a.rounds;
        return inverse;
    }
    Action operator()(const SetVoting& a) {
        if (a.voting.dots < 1 || a.voting.dots > kMaxDotsPerVoter)
            throw ActionRejected("each phone gets 1 to " + std::to_string(kMaxDotsPerVoter) + " dots");
        SetVoting inverse{session.voting};
        session.voting = a.voting;
        return inverse;
    }
    Action operator()(const Put<Vote>& a) {
        // One dot per (voter, dot): a second vote under another id would count the dot twice.
        if (const Vote* same = session.findVote(a.item.voter, a.item.dot); same && same->id != a.item.id)
            throw ActionRejected("dot " + std::to_string(a.item.dot) + " of this phone is already vote " +
                                 std::to_string(same->id));
        if (a.item.dot < 0) throw ActionRejected("dot numbers start at 0");
        return applyPut(session, a);
    }
    Action operator()(const SetPlan& a) {
        SetPlan inverse{session.plan};
        session.plan = a.plan;
        return inverse;
    }
    Action operator()(const AppendTimeline& a) {
        session.timeline.push_back(a.entry);
        return PopTimeline{};
    }
    Action operator()(const PopTimeline&) {
        if (session.timeline.empty()) throw ActionRejected("the timeline is empty");
        AppendTimeline inverse{session.timeline.back()};
        session.timeline.pop_back();
        return inverse;
    }
    Action operator()(const Batch& a) { return applyBatch(session, a); }
    template <class T>
    Action operator()(const Put<T>& a) {
        return applyPut(session, a);
    }
    template <class T>
    Action operator()(const Remove<T>& a) {
        return applyRemove(session, a);
    }
};

struct Describer {
    std::string operator()(const SetEvent&) const { return "edit event"; }
    std::string operator()(const SetRoundSettings&) const { return "edit rounds"; }
    std::string operator()(const SetPlan& a) const { return a.plan.empty() ? "clear plan" : "set plan"; }
    std::string operator()(const SetVoting& a) const { return a.voting.open ? "open voting" : "close voting"; }
    std::string operator()(const AppendTimeline& a) const {
        static const char* const names[] = {"start", "pause", "resume", "extend", "skip", "back", "finish"};
        return std::string("timer ") + names[static_cast<int>(a.entry.kind)];
    }
    std::string operator()(const PopTimeline&) const { return "take back a timer control"; }
    std::string operator()(const Batch& a) const {
        if (!a.label.empty()) return a.label;
        return std::to_string(a.actions.size()) + (a.actions.size() == 1 ? " change" : " changes");
    }
    template <class T>
    std::string operator()(const Put<T>& a) const {
        return std::string("put ") + Collection<T>::noun + " " + std::to_string(Collection<T>::key(a.item));
    }
    template <class T>
    std::string operator()(const Remove<T>& a) const {
        return std::string("remove ") + Collection<T>::noun + " " + std::to_string(a.key);
    }
};

struct TypeNamer {
    const char* operator()(const SetEvent&) const { return "set_event"; }
    const char* operator()(const SetRoundSettings&) const { return "set_rounds"; }
    const char* operator()(const SetPlan&) const { return "set_plan"; }
    const char* operator()(const AppendTimeline&) const { return "append_timeline"; }
    const char* operator()(const PopTimeline&) const { return "pop_timeline"; }
    const char* operator()(const Batch&) const { return "batch"; }
    const char* operator()(const Put<Menu>&) const { return "put_menu"; }
    const char* operator()(const Remove<Menu>&) const { return "remove_menu"; }
    const char* operator()(const Put<Table>&) const { return "put_table"; }
    const char* operator()(const Remove<Table>&) const { return "remove_table"; }
    const char* operator()(const Put<Participant>&) const { return "put_participant"; }
    const char* operator()(const Remove<Participant>&) const { return "remove_participant"; }
    const char* operator()(const Put<Rule>&) const { return "put_rule"; }
    const char* operator()(const Remove<Rule>&) const { return "remove_rule"; }
    const char* operator()(const Put<Note>&) const { return "put_note"; }
    const char* operator()(const Remove<Note>&) const { return "remove_note"; }
    const char* operator()(const Put<Theme>&) const { return "put_theme"; }
    const char* operator()(const Remove<Theme>&) const { return "remove_theme"; }
    const char* operator()(const Put<Vote>&) const { return "put_vote"; }
    const char* operator()(const Remove<Vote>&) const { return "remove_vote"; }
    const char* operator()(const SetVoting&) const { return "set_voting"; }
};

}  // namespace

Action applyAction(Session& session, const Action& action) { return std::visit(Applier{session}, action.value); }

std::string describeAction(const Action& action) { return std::visit(Describer{}, action.value); }

const char* actionTypeName(const Action& action) { return std::visit(TypeNamer{}, action.value); }

}  // namespace worldcafe
