// The organiser's harvest edits as actions. Automatic themes have no Theme in the session: editing one first
// materialises it (a Theme plus every one of its notes set to it), so that the edit survives re-synthesis.

#include <algorithm>

#include "worldcafe/errors.hpp"
#include "worldcafe/harvest.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace {

const ThemeSummary& themeOrThrow(const Synthesis& synthesis, std::string_view key) {
    const ThemeSummary* theme = synthesis.findTheme(key);
    if (!theme) throw ActionRejected("there is no theme \"" + std::string(key) + "\" in the harvest");
    return *theme;
}

const Note& noteOrThrow(const Session& session, NoteId id) {
    const Note* note = session.findNote(id);
    if (!note) throw ActionRejected("there is no note " + std::to_string(id));
    return *note;
}

std::string cleanName(std::string_view name, const char* what) {
    std::string clean = normalizeNfc(trim(name));
    if (clean.empty()) throw ActionRejected(std::string(what) + " cannot be empty");
    return clean;
}

Action putNoteTheme(const Session& session, NoteId id, ThemeId theme) {
    Note note = noteOrThrow(session, id);
    note.theme = theme;
    return Put<Note>{std::move(note)};
}

// Makes `summary` an organiser theme inside `batch`, edited by `edit`, and returns the Theme as it will be. For an
// organiser theme only an edit adds an action. `nextId` is the id a new theme takes; it advances when one is made.
template <class Edit>
Theme materialise(const Session& session, const ThemeSummary& summary, ThemeId& nextId, Batch& batch, Edit edit) {
    if (summary.origin == ThemeOrigin::Organiser) {
        const Theme* existing = session.findTheme(summary.themeId);
        if (!existing) throw ActionRejected("theme " + std::to_string(summary.themeId) + " is no longer there");
        Theme theme = *existing;
        if (edit(theme)) batch.actions.push_back(Put<Theme>{theme});
        return theme;
    }
    Theme theme;
    theme.id = nextId++;
    theme.menu = summary.menu;
    theme.name = summary.name;
    edit(theme);
    batch.actions.push_back(Put<Theme>{theme});
    for (NoteId id : summary.notes) batch.actions.push_back(putNoteTheme(session, id, theme.id));
    return theme;
}

Theme materialise(const Session& session, const ThemeSummary& summary, ThemeId& nextId, Batch& batch) {
    return materialise(session, summary, nextId, batch, [](Theme&) { return false; });
}

template <class Edit>
Action editTheme(const Session& session, const Synthesis& synthesis, std::string_view key, const char* label,
                 const char* wordsKey, Edit edit) {
    const ThemeSummary& summary = themeOrThrow(synthesis, key);
    Batch batch{label, {}};
    // An automatic theme becomes a Theme here, so the actions alone would read as "add theme".
    batch.words = ActionLabel{wordsKey, {summary.name}, {}};
    ThemeId nextId = session.nextThemeId();
    materialise(session, summary, nextId, batch, [&](Theme& theme) {
        edit(theme);
        return true;
    });
    return collapseBatch(std::move(batch));
}

}  // namespace

Action renameTheme(const Session& session, const Synthesis& synthesis, std::string_view key, std::string name) {
    std::string clean = cleanName(name, "a theme's name");
    const std::string before = themeOrThrow(synthesis, key).name;
    Action edit = editTheme(session, synthesis, key, "rename theme", "action.theme.rename",
                            [&](Theme& theme) { theme.name = clean; });
    if (auto* batch = std::get_if<Batch>(&edit.value)) batch->words.args.push_back(clean);
    return edit;
}

Action setThemeSummary(const Session& session, const Synthesis& synthesis, std::string_view key,
                       std::string summary) {
    std::string clean = normalizeNfc(trim(summary));
    return editTheme(session, synthesis, key, "edit theme summary", "action.theme.summary",
                     [&](Theme& theme) { theme.summary = clean; });
}

Action setThemeHighlight(const Session& session, const Synthesis& synthesis, std::string_view key, bool highlighted) {
    return editTheme(session, synthesis, key, highlighted ? "highlight theme" : "remove theme highlight",
                     highlighted ? "action.theme.highlight" : "action.theme.unhighlight",
                     [&](Theme& theme) { theme.highlighted = highlighted; });
}

Action mergeThemes(const Session& session, const Synthesis& synthesis, std::string_view target,
                   std::span<const std::string> sources) {
    const ThemeSummary& into = themeOrThrow(synthesis, target);
    std::vector<const ThemeSummary*> from;
    for (const std::string& key : sources) {
        const ThemeSummary& source = themeOrThrow(synthesis, key);
        if (source.key == into.key) continue;
        if (source.menu != into.menu)
            throw ActionRejected("themes of different menus cannot be merged (\"" + source.name + "\" and \"" +
                                 into.name + "\")");
        if (std::find(from.begin(), from.end(), &source) == from.end()) from.push_back(&source);
    }
    if (from.empty()) throw ActionRejected("nothing to merge into \"" + into.name + "\"");
    Batch batch{"merge themes", {}};
    batch.words = from.size() == 1 ? ActionLabel{"action.theme.merge_one", {from.front()->name, into.name}, {}}
                                   : ActionLabel{"action.theme.merge_many", {std::to_string(from.size()), into.name}, {}};
    ThemeId nextId = session.nextThemeId();
    const Theme theme = materialise(session, into, nextId, batch);
    for (const ThemeSummary* source : from) {
        for (NoteId id : source->notes) batch.actions.push_back(putNoteTheme(session, id, theme.id));
        // After its notes have left: removing a theme never leaves a note pointing at nothing.
        if (source->origin == ThemeOrigin::Organiser) batch.actions.push_back(Remove<Theme>{source->themeId});
    }
    return collapseBatch(std::move(batch));
}

Action splitTheme(const Session& session, const Synthesis& synthesis, std::string_view key,
                  std::span<const NoteId> notes, std::string name) {
    const ThemeSummary& summary = themeOrThrow(synthesis, key);
    std::string clean = cleanName(name, "a theme's name");
    if (notes.empty()) throw ActionRejected("choose the notes that form the new theme");
    Batch batch{"split theme", {}};
    batch.words = ActionLabel{"action.theme.split", {summary.name, clean}, {}};
    Theme theme;
    theme.id = session.nextThemeId();
    theme.menu = summary.menu;
    theme.name = clean;
    batch.actions.push_back(Put<Theme>{theme});
    std::vector<NoteId> seen;
    for (NoteId id : notes) {
        if (std::find(summary.notes.begin(), summary.notes.end(), id) == summary.notes.end())
            throw ActionRejected("note " + std::to_string(id) + " is not in the theme \"" + summary.name + "\"");
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        batch.actions.push_back(putNoteTheme(session, id, theme.id));
    }
    return batch;
}

Action moveNote(const Session& session, const Synthesis& synthesis, NoteId id, std::string_view target) {
    noteOrThrow(session, id);
    if (target.empty()) return putNoteTheme(session, id, 0);
    const ThemeSummary& into = themeOrThrow(synthesis, target);
    const ThemeSummary* from = synthesis.themeOfNote(id);
    if (from && from->menu != into.menu)
        throw ActionRejected("note " + std::to_string(id) + " belongs to another menu than \"" + into.name + "\"");
    if (from == &into) throw ActionRejected("note " + std::to_string(id) + " is already in \"" + into.name + "\"");
    Batch batch{"move note", {}};
    const Note& moved = noteOrThrow(session, id);
    batch.words = ActionLabel{"action.note.theme", {std::to_string(moved.table), std::to_string(moved.round), into.name}, {}};
    ThemeId nextId = session.nextThemeId();
    const Theme theme = materialise(session, into, nextId, batch);
    batch.actions.push_back(putNoteTheme(session, id, theme.id));
    return collapseBatch(std::move(batch));
}

Action dissolveTheme(const Session& session, const Synthesis& synthesis, std::string_view key) {
    const ThemeSummary& summary = themeOrThrow(synthesis, key);
    if (summary.origin != ThemeOrigin::Organiser)
        throw ActionRejected("\"" + summary.name + "\" is grouped automatically: there is nothing to dissolve");
    Batch batch{"dissolve theme", {}};
    batch.words = ActionLabel{"action.theme.dissolve", {summary.name}, {}};
    for (const Note& note : session.notes)
        if (note.theme == summary.themeId) batch.actions.push_back(putNoteTheme(session, note.id, 0));
    batch.actions.push_back(Remove<Theme>{summary.themeId});
    return collapseBatch(std::move(batch));
}

Action setNoteHighlight(const Session& session, NoteId id, bool highlighted) {
    Note note = noteOrThrow(session, id);
    note.highlighted = highlighted;
    return Put<Note>{std::move(note)};
}

Action setVotes(const Session& session, NoteId id, int votes) {
    if (votes < 0) throw ActionRejected("votes cannot be negative");
    Note note = noteOrThrow(session, id);
    note.votes = votes;
    return Put<Note>{std::move(note)};
}

}  // namespace worldcafe

namespace worldcafe {

// [SECTION] dot voting from the phones

Action castVote(const Session& session, const Synthesis& synthesis, std::string_view voter, int dot, MenuId menu,
                std::string_view themeKey, WallMillis at) {
    if (!session.voting.open) throw ActionRejected("voting is closed");
    if (dot < 0 || dot >= session.voting.dots)
        throw ActionRejected("dot " + std::to_string(dot) + " is out of range: each phone has dots 0 to " +
                             std::to_string(session.voting.dots - 1));
    const ThemeSummary* theme = nullptr;
    if (const MenuHarvest* harvest = synthesis.findMenu(menu))
        for (const ThemeSummary& candidate : harvest->themes)
            if (candidate.key == themeKey) theme = &candidate;
    if (!theme || theme->notes.empty()) throw ActionRejected("there is no theme \"" + std::string(themeKey) + "\"");
    const Vote* earlier = session.findVote(voter, dot);
    if (earlier) {
        // Already there (a retry, or a second tap): nothing to journal.
        const ThemeSummary* now = themeOfVote(synthesis, *earlier);
        if (now == theme) return Batch{"vote", {}};
    }
    Vote vote;
    vote.id = earlier ? earlier->id : session.nextVoteId();
    vote.voter = std::string(voter);
    vote.dot = dot;
    vote.menu = theme->menu;
    vote.theme = theme->key;
    vote.notes = theme->notes;
    vote.at = at;
    return Put<Vote>{std::move(vote)};
}

Action withdrawVote(const Session& session, std::string_view voter, int dot) {
    const Vote* vote = session.findVote(voter, dot);
    if (!vote) return Batch{"take back a vote", {}};
    return Remove<Vote>{vote->id};
}

}  // namespace worldcafe
