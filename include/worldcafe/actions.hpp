#pragma once
// Every change to a session is an Action. applyAction() is the one place that changes a Session; it returns the
// inverse action, which is how undo works, and the Engine journals each action before acknowledging it.

#include <string>
#include <variant>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe {

inline constexpr int kAppendAtEnd = -1;

// Insert `item`, or replace the one with the same key. `index` places a new item (kAppendAtEnd: at the end);
// removal records the old index so that undo puts it back where it was.
template <class T>
struct Put {
    T item;
    int index = kAppendAtEnd;
    bool operator==(const Put&) const = default;
};

template <class T>
struct Remove {
    decltype(T::id) key{};
    bool operator==(const Remove&) const = default;
};

template <>
struct Remove<Table> {
    TableNumber key = 0;
    bool operator==(const Remove&) const = default;
};

struct SetEvent {
    Event event;
    bool operator==(const SetEvent&) const = default;
};

struct SetRoundSettings {
    RoundSettings rounds;
    bool operator==(const SetRoundSettings&) const = default;
};

// Replaces the whole seating plan (the planner's result), or clears it with an empty vector.
struct SetPlan {
    std::vector<RoundPlan> plan;
    bool operator==(const SetPlan&) const = default;
};

struct AppendTimeline {
    TimelineEntry entry;
    bool operator==(const AppendTimeline&) const = default;
};

struct PopTimeline {
    bool operator==(const PopTimeline&) const = default;
};

// Opens or closes dot voting from the phones and sets the dots per phone.
struct SetVoting {
    Voting voting;
    bool operator==(const SetVoting&) const = default;
};

struct Batch;

// The order of the alternatives is free: the journal names each by actionTypeName(), never by index.
using ActionVariant =
    std::variant<SetEvent, SetRoundSettings, Put<Menu>, Remove<Menu>, Put<Table>, Remove<Table>, Put<Participant>,
                 Remove<Participant>, Put<Rule>, Remove<Rule>, Put<Note>, Remove<Note>, SetPlan, AppendTimeline,
                 PopTimeline, Batch, Put<Theme>, Remove<Theme>, Put<Vote>, Remove<Vote>, SetVoting>;

struct Action;

// What a change does, in plain words but without the words: an i18n key of assets/i18n/<language>.actions.json
// ("action.participant.delete") and the names and numbers that fill its {0}, {1}, ... The GUI renders it in the
// language on screen, so a label made in Korean reads in English after a switch. A composed label ("mark 김민수
// absent and re-plan from round 2") has parts: they fill {0}, {1}, ... first, its args follow.
struct ActionLabel {
    std::string key;
    std::vector<std::string> args;
    std::vector<ActionLabel> parts;
    bool operator==(const ActionLabel& other) const;
    bool empty() const { return key.empty(); }
};

// Several actions that apply, undo and journal as one (an import, a paste, a re-plan).
struct Batch {
    std::string label;  // English, for the journal and logs
    std::vector<Action> actions;
    // Set by builders whose intent the actions alone do not say (a revert, a theme rename); never journalled, and
    // not compared: the undo menu is the only reader. Empty: describeChange() reads the actions.
    ActionLabel words = {};
    bool operator==(const Batch&) const;
};

struct Action {
    ActionVariant value;

    Action() = default;
    template <class T, class = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Action>>>
    Action(T&& alternative) : value(std::forward<T>(alternative)) {}
    bool operator==(const Action&) const = default;
};

inline bool ActionLabel::operator==(const ActionLabel& other) const {
    return key == other.key && args == other.args && parts == other.parts;
}

inline bool Batch::operator==(const Batch& other) const {
    return label == other.label && actions == other.actions;
}

// One action as itself (the undo menu names it), several as the batch: what an edit that may touch one thing or many
// hands to the engine.
inline Action collapseBatch(Batch batch) {
    if (batch.actions.size() == 1) return batch.actions.front();
    return batch;
}

// Applies `action` to `session` and returns the action that undoes it. Throws ActionRejected, leaving `session`
// unchanged, when the action does not fit the session.
Action applyAction(Session& session, const Action& action);

// A short English label for logs and the journal ("put participant 17").
std::string describeAction(const Action& action);

// What `action` does to `before` (the session it is about to be applied to), for the undo and redo menus: names
// instead of ids, the verb the user would use ("delete participant '김민수'", "extend timer by 1 minute").
ActionLabel describeChange(const Session& before, const Action& action);

// The stable name under which the journal stores an action type ("put_participant").
const char* actionTypeName(const Action& action);

}  // namespace worldcafe
