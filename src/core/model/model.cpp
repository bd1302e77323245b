#include "worldcafe/model.hpp"

#include <algorithm>
#include <iterator>

namespace worldcafe {

namespace {

template <class T, class Key>
const T* findBy(const std::vector<T>& items, Key T::*field, Key key) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.*field == key; });
    return it == items.end() ? nullptr : &*it;
}

template <class T, class Key>
Key nextAfterMax(const std::vector<T>& items, Key T::*field) {
    Key highest = 0;
    for (const T& item : items) highest = std::max(highest, item.*field);
    return highest + 1;
}

}  // namespace

const Menu* Session::findMenu(MenuId key) const { return findBy(menus, &Menu::id, key); }
const Table* Session::findTable(TableNumber key) const { return findBy(tables, &Table::number, key); }
const Participant* Session::findParticipant(ParticipantId key) const { return findBy(participants, &Participant::id, key); }
const Note* Session::findNote(NoteId key) const { return findBy(notes, &Note::id, key); }
const Rule* Session::findRule(RuleId key) const { return findBy(rules, &Rule::id, key); }
const Theme* Session::findTheme(ThemeId key) const { return findBy(themes, &Theme::id, key); }
const Vote* Session::findVote(VoteId key) const { return findBy(votes, &Vote::id, key); }
const Vote* Session::findVote(std::string_view voter, int dot) const {
    auto it = std::find_if(votes.begin(), votes.end(), [&](const Vote& v) { return v.dot == dot && v.voter == voter; });
    return it == votes.end() ? nullptr : &*it;
}

const Participant* Session::hostOf(TableNumber number) const {
    auto it = std::find_if(participants.begin(), participants.end(),
                           [&](const Participant& p) { return p.role == Role::Host && p.table == number; });
    return it == participants.end() ? nullptr : &*it;
}

MenuId Session::nextMenuId() const { return nextAfterMax(menus, &Menu::id); }
ParticipantId Session::nextParticipantId() const { return nextAfterMax(participants, &Participant::id); }
NoteId Session::nextNoteId() const { return nextAfterMax(notes, &Note::id); }
RuleId Session::nextRuleId() const { return nextAfterMax(rules, &Rule::id); }
ThemeId Session::nextThemeId() const { return nextAfterMax(themes, &Theme::id); }
VoteId Session::nextVoteId() const { return nextAfterMax(votes, &Vote::id); }
TableNumber Session::nextTableNumber() const { return nextAfterMax(tables, &Table::number); }

std::uint32_t defaultMenuColour(std::size_t menuIndex) {
    static constexpr std::uint32_t palette[] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                                0x0072B2, 0xD55E00, 0xCC79A7, 0x999999};
    return palette[menuIndex % std::size(palette)];
}

const char* roleName(Role role) { return role == Role::Host ? "host" : "guest"; }
const char* ruleKindName(RuleKind kind) { return kind == RuleKind::KeepTogether ? "together" : "apart"; }

}  // namespace worldcafe
