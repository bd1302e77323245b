#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "panel.hpp"
#include "workspace.hpp"

namespace worldcafe::gui {

// A table host's screen: pick the table, see its question, the round and who sits there, and write the table's
// notes: multi-line text, tags (with the session's tags as suggestions), a star for the key ones; edit and delete.
// The notes of earlier rounds come first, so the host can brief newcomers. Every save is a Put<Note>, journalled
// and fsynced before it shows in the list: a note that shows has survived a crash.
class HostView final : public Workspace {
public:
    const char* name() const override { return "host"; }
    const char* titleKey() const override { return "workspace.host"; }
    void draw(const PanelContext& context) override;
    std::optional<double> redrawAfter(const PanelContext& context) const override;
    // A table number ("host/3") or a phase for screenshots ("host/talk").
    std::vector<std::string> parts() const override;
    bool selectPart(std::string_view part) override;

    void selectTable(TableNumber table) { m_table = table; }
    TableNumber selectedTable() const { return m_table; }
    void selectRound(std::optional<RoundNumber> round) { m_roundOverride = round; }

    // "로컬푸드, 교육 ,#공급측면" -> {"로컬푸드", "교육", "공급측면"}: commas (also full-width), trimmed, NFC, no
    // leading '#', no duplicates.
    static std::vector<std::string> splitTags(std::string_view text);
    // The notes at `table`, earlier rounds first, each round in the order written.
    static std::vector<const Note*> notesAt(const Session& session, TableNumber table);

private:
    void drawTablePicker(const Session& session);
    void drawTableInfo(const PanelContext& context, const Table& table, RoundNumber round, RoundNumber timerRound);
    void drawEditor(const PanelContext& context, const Table& table, RoundNumber round);
    void drawNotes(const PanelContext& context, const Table& table, RoundNumber round);
    void save(const PanelContext& context, const Table& table, RoundNumber round);
    void startEditing(const Note& note);
    void clearEditor();

    TableNumber m_table = kNoTable;
    std::optional<RoundNumber> m_roundOverride;
    NoteId m_editing = 0;  // 0: a new note
    std::string m_text;
    std::optional<RoundNumber> m_draftRound;  // the round in which the note being typed was begun
    std::string m_tags;
    bool m_starred = false;
    bool m_focusText = false;
    NoteId m_confirmDelete = 0;
    // A note just emitted: if the next frame does not find it in the session, saving failed and the text comes back.
    std::optional<Note> m_awaiting;
    std::size_t m_drawnPhase = SIZE_MAX;
};

}  // namespace worldcafe::gui
