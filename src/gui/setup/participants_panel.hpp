#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "worldcafe/csv.hpp"

#include "panel.hpp"
#include "path_picker.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

// Everyone taking part: a searchable, sortable table edited in place, with CSV and .xlsx import.
class ParticipantsPanel {
public:
    void draw(const PanelContext& context);

    // Opens the file picker for CSV and .xlsx (the File menu's "Import participants…" lands here too).
    void requestImport(const std::filesystem::path& directory);
    // Reads a participants CSV or .xlsx (by extension) and emits ONE Batch of Put<Participant>, so an import is one
    // undo step. Problems become notices; returns whether anything was emitted.
    static bool importFile(const std::filesystem::path& file, const Session& session, PanelOutput& out);
    // A file of `backgroundFrom` bytes or more is parsed on a worker thread while a modal shows the rows read; the
    // Batch is emitted from draw() on the frame thread once the parse is done (so it still goes through the Engine).
    // A smaller file is imported at once, as importFile().
    void startImport(const std::filesystem::path& file, const Session& session, PanelOutput& out,
                     std::uintmax_t backgroundFrom = kBackgroundImportBytes);
    bool importRunning() const { return m_import != nullptr; }

    static constexpr std::uintmax_t kBackgroundImportBytes = 512 * 1024;  // ~5,000 rows: a frame's worth of parsing

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
    struct ImportJob {
        std::filesystem::path file;
        ParticipantId firstFreeId = 1;
        std::atomic<std::size_t> done{0};
        std::atomic<std::size_t> total{0};
        std::future<ParticipantImport> result;
        int framesDrawn = 0;
    };
    std::unique_ptr<ImportJob> m_import;
    void drawImportProgress(const PanelContext& context);
    static bool emitImport(ParticipantImport imported, const std::filesystem::path& file, const Session& session,
                           PanelOutput& out);
    ParticipantId m_focusId = 0;  // a row just added: its name field takes the keyboard once it appears
};

}  // namespace worldcafe::gui
