#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "panel.hpp"
#include "path_picker.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

// Everyone taking part: a searchable, sortable table edited in place, with CSV import.
class ParticipantsPanel {
public:
    void draw(const PanelContext& context);

    // Opens the CSV picker (the File menu's "Import participants…" lands here too).
    void requestImport(const std::filesystem::path& directory);
    // Reads a participants CSV and emits ONE Batch of Put<Participant>, so an import is one undo step.
    // Problems become notices; returns whether anything was emitted.
    static bool importCsv(const std::filesystem::path& file, const Session& session, PanelOutput& out);

    // The participants shown in the last frame, in display order (after search and sorting).
    const std::vector<ParticipantId>& visibleRows() const { return m_rows; }
    const std::string& search() const { return m_search; }

private:
    void filterAndSort(const Session& session);
    void drawRow(const PanelContext& context, const Participant& participant);

    EditBuffers m_edits;
    std::string m_search;
    std::vector<ParticipantId> m_rows;
    struct SortKey {
        int column = 0;
        bool descending = false;
    };
    std::vector<SortKey> m_sort;
    PathPicker m_importPicker;
    ParticipantId m_focusId = 0;  // a row just added: its name field takes the keyboard once it appears
};

}  // namespace worldcafe::gui
