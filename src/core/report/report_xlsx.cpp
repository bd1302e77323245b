// The XLSX export with libxlsxwriter: a sheet per menu (its themes, then its notes) and a sheet with every note.
// libxlsxwriter 1.1 writes only to a file name, so the workbook goes to a private temporary file whose bytes are
// returned; the caller writes them where they belong atomically.

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "report_common.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/report.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

using namespace report;

namespace {

constexpr int kSheetNameLimit = 31;             // Excel's limit, in characters
constexpr int kExcelCellTextLimit = 32000;      // under Excel's 32,767 characters a cell

std::string firstCodePoints(std::string_view text, int limit) {
    std::string out;
    int count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++count > limit) break;
        out += text[i];
    }
    return out;
}

// Excel refuses []:*?/\ in sheet names and an apostrophe at either end.
std::string sheetNameFrom(std::string_view text) {
    std::string out;
    for (char c : oneLine(text))
        if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) out += c;
    out = trim(out);
    while (!out.empty() && out.front() == '\'') out.erase(0, 1);
    out = firstCodePoints(out, kSheetNameLimit);
    while (!out.empty() && (out.back() == '\'' || out.back() == ' ')) out.pop_back();
    return out;
}

// Sheet names compare case-insensitively; a name taken gets " (2)", " (3)", ... within the limit.
std::string uniqueSheetName(std::string base, std::vector<std::string>& taken) {
    auto isTaken = [&](const std::string& name) {
        const std::string folded = foldForSearch(name);
        return std::any_of(taken.begin(), taken.end(),
                           [&](const std::string& other) { return foldForSearch(other) == folded; });
    };
    // "History" is reserved by Excel.
    std::string name = base;
    for (int n = 2; isTaken(name) || foldForSearch(name) == "history"; ++n) {
        const std::string suffix = " (" + std::to_string(n) + ")";
        name = firstCodePoints(base, kSheetNameLimit - codePointCount(suffix)) + suffix;
    }
    taken.push_back(name);
    return name;
}

// XML 1.0 has no place for most control characters; a cell holds at most 32,767 characters.
std::string cellText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        out += (u < 0x20 && c != '\n' && c != '\t') || u == 0x7F ? ' ' : c;
    }
    if (out.size() > static_cast<std::size_t>(kExcelCellTextLimit)) out = firstCodePoints(out, kExcelCellTextLimit);
    return out;
}

class Workbook {
public:
    explicit Workbook(const std::filesystem::path& file) : m_file(file) {
        m_workbook = workbook_new(file.c_str());
        if (!m_workbook) throw StorageError(file, "cannot create the workbook");
        m_bold = workbook_add_format(m_workbook);
        format_set_bold(m_bold);
        format_set_bottom(m_bold, LXW_BORDER_THIN);
        format_set_bg_color(m_bold, 0xEEF1F4);
        m_title = workbook_add_format(m_workbook);
        format_set_bold(m_title);
        format_set_font_size(m_title, 14);
        m_wrap = workbook_add_format(m_workbook);
        format_set_text_wrap(m_wrap);
        format_set_align(m_wrap, LXW_ALIGN_VERTICAL_TOP);
        m_top = workbook_add_format(m_workbook);
        format_set_align(m_top, LXW_ALIGN_VERTICAL_TOP);
        m_highlight = workbook_add_format(m_workbook);
        format_set_text_wrap(m_highlight);
        format_set_align(m_highlight, LXW_ALIGN_VERTICAL_TOP);
        format_set_bg_color(m_highlight, 0xFFF1B8);
    }
    ~Workbook() {
        if (m_workbook) workbook_close(m_workbook);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    lxw_worksheet* addSheet(const std::string& name) {
        lxw_worksheet* sheet = workbook_add_worksheet(m_workbook, name.c_str());
        if (!sheet) throw StorageError(m_file, "cannot add the sheet \"" + name + "\"");
        return sheet;
    }
    void text(lxw_worksheet* sheet, int row, int column, std::string_view value, lxw_format* format = nullptr) {
        if (value.empty()) return;
        check(worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                     cellText(value).c_str(), format ? format : m_top));
    }
    void number(lxw_worksheet* sheet, int row, int column, double value) {
        check(worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column), value,
                                     m_top));
    }
    void header(lxw_worksheet* sheet, int row, const std::vector<const char*>& names) {
        for (std::size_t c = 0; c < names.size(); ++c) text(sheet, row, static_cast<int>(c), names[c], m_bold);
    }
    void close() {
        lxw_error error = workbook_close(m_workbook);
        m_workbook = nullptr;
        if (error != LXW_NO_ERROR) throw StorageError(m_file, lxw_strerror(error));
    }
    lxw_workbook* get() { return m_workbook; }
    lxw_format* title() { return m_title; }
    lxw_format* wrap() { return m_wrap; }
    lxw_format* highlight() { return m_highlight; }

private:
    void check(lxw_error error) {
        if (error != LXW_NO_ERROR) throw StorageError(m_file, lxw_strerror(error));
    }

    std::filesystem::path m_file;
    lxw_workbook* m_workbook = nullptr;
    lxw_format* m_bold = nullptr;
    lxw_format* m_title = nullptr;
    lxw_format* m_wrap = nullptr;
    lxw_format* m_top = nullptr;
    lxw_format* m_highlight = nullptr;
};

std::string tablesText(const std::vector<TableNumber>& tables) {
    std::string out;
    for (TableNumber table : tables) out += (out.empty() ? "" : ", ") + std::to_string(table);
    return out;
}

void writeMenuSheet(Workbook& book, lxw_worksheet* sheet, const Session& session, const NoteIndex& notes,
                    const Synthesis& synthesis, std::size_t menuIndex, const Labels& labels) {
    const MenuHarvest& harvest = synthesis.menus[menuIndex];
    const Menu* menu = menuOf(session, harvest);
    worksheet_set_column(sheet, 0, 0, 26, nullptr);
    worksheet_set_column(sheet, 1, 1, 70, book.wrap());
    worksheet_set_column(sheet, 2, 5, 10, nullptr);
    worksheet_set_column(sheet, 6, 6, 24, nullptr);
    int row = 0;
    book.text(sheet, row++, 0, menuTitle(session, synthesis, menuIndex), book.title());
    if (menu && !menu->question.empty()) book.text(sheet, row++, 0, menu->question);
    ++row;
    if (harvest.noteCount == 0) {
        book.text(sheet, row, 0, labels.noNotes());
        return;
    }
    book.header(sheet, row++,
                {labels.colTheme(), labels.colSummary(), labels.colNotes(), labels.colTables(), labels.colStars(),
                 labels.colVotes(), labels.colVoters(), labels.colHighlighted()});
    int others = 0;
    for (const ThemeSummary& theme : harvest.themes) {
        if (!isReportTheme(theme)) {
            others += theme.noteCount();
            continue;
        }
        book.text(sheet, row, 0, theme.name, book.wrap());
        book.text(sheet, row, 1, themeLine(notes, theme), theme.highlighted ? book.highlight() : book.wrap());
        book.number(sheet, row, 2, theme.noteCount());
        book.text(sheet, row, 3, tablesText(theme.tables));
        book.number(sheet, row, 4, theme.stars);
        book.number(sheet, row, 5, theme.votes);
        book.number(sheet, row, 6, theme.voters);
        if (theme.highlighted) book.text(sheet, row, 7, "★");
        ++row;
    }
    if (others > 0) {
        book.text(sheet, row, 0, labels.otherNotes(others));
        book.number(sheet, row++, 2, others);
    }
    row += 2;
    book.header(sheet, row++,
                {labels.colTheme(), labels.colText(), labels.colTable(), labels.colRound(), labels.colStars(),
                 labels.colVotes(), labels.colTags()});
    for (const Note* note : notesInReportOrder(notes, harvest)) {
        book.text(sheet, row, 0, themeColumn(synthesis, note->id), book.wrap());
        book.text(sheet, row, 1, note->text, note->highlighted ? book.highlight() : book.wrap());
        book.number(sheet, row, 2, note->table);
        book.number(sheet, row, 3, note->round);
        book.number(sheet, row, 4, note->starred ? 1 : 0);
        book.number(sheet, row, 5, note->votes);
        book.text(sheet, row, 6, joinTags(note->tags));
        ++row;
    }
}

void writeAllNotesSheet(Workbook& book, lxw_worksheet* sheet, const Session& session, const NoteIndex& notes,
                        const Synthesis& synthesis, const Labels& labels) {
    worksheet_set_column(sheet, 0, 0, 7, nullptr);
    worksheet_set_column(sheet, 1, 1, 24, nullptr);
    worksheet_set_column(sheet, 2, 3, 8, nullptr);
    worksheet_set_column(sheet, 4, 5, 22, nullptr);
    worksheet_set_column(sheet, 6, 7, 7, nullptr);
    worksheet_set_column(sheet, 8, 8, 80, book.wrap());
    book.header(sheet, 0,
                {labels.colId(), labels.colMenu(), labels.colTable(), labels.colRound(), labels.colTheme(),
                 labels.colTags(), labels.colStars(), labels.colVotes(), labels.colText()});
    worksheet_freeze_panes(sheet, 1, 0);
    int row = 1;
    for (std::size_t m = 0; m < synthesis.menus.size(); ++m) {
        const std::string menu = menuTitle(session, synthesis, m);
        for (const Note* note : notesInReportOrder(notes, synthesis.menus[m])) {
            book.number(sheet, row, 0, static_cast<double>(note->id));
            book.text(sheet, row, 1, menu);
            book.number(sheet, row, 2, note->table);
            book.number(sheet, row, 3, note->round);
            book.text(sheet, row, 4, themeColumn(synthesis, note->id));
            book.text(sheet, row, 5, joinTags(note->tags));
            book.number(sheet, row, 6, note->starred ? 1 : 0);
            book.number(sheet, row, 7, note->votes);
            book.text(sheet, row, 8, note->text, note->highlighted ? book.highlight() : book.wrap());
            ++row;
        }
    }
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(std::max(0, row - 1)), 8);
}

// A temporary file that is removed however the export ends.
class TemporaryFile {
public:
    TemporaryFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "worldcafe-export-XXXXXX.xlsx").string();
        int fd = ::mkstemps(pattern.data(), 5);
        if (fd < 0) throw StorageError(pattern, std::strerror(errno));
        ::close(fd);
        m_path = pattern;
    }
    ~TemporaryFile() {
        std::error_code error;
        std::filesystem::remove(m_path, error);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace

std::vector<std::string> xlsxSheetNames(const Session& session, const Synthesis& synthesis) {
    const Labels labels = labelsFor(session);
    std::vector<std::string> taken;
    for (std::size_t m = 0; m < synthesis.menus.size(); ++m) {
        const Menu* menu = menuOf(session, synthesis.menus[m]);
        std::string name = menu ? sheetNameFrom(std::to_string(m + 1) + ". " + menu->title) : labels.noMenu();
        if (name.empty() || name == std::to_string(m + 1) + ".")
            name = labels.strings->format("report.menu_short", {std::to_string(m + 1)});
        uniqueSheetName(name, taken);
    }
    uniqueSheetName(labels.allNotes(), taken);
    return taken;
}

std::string exportXlsx(const Session& session, const Synthesis& synthesis) {
    const Labels labels = labelsFor(session);
    const std::vector<std::string> names = xlsxSheetNames(session, synthesis);
    const NoteIndex notes(session);
    TemporaryFile file;
    {
        Workbook book(file.path());
        std::string title = session.event.title;
        std::string author = session.event.organiser;
        lxw_doc_properties properties{};
        properties.title = title.data();
        properties.author = author.data();
        workbook_set_properties(book.get(), &properties);
        // Menus in the report's order, then every note on one sheet for filtering and sorting.
        for (std::size_t m = 0; m < synthesis.menus.size(); ++m)
            writeMenuSheet(book, book.addSheet(names[m]), session, notes, synthesis, m, labels);
        writeAllNotesSheet(book, book.addSheet(names.back()), session, notes, synthesis, labels);
        book.close();
    }
    return readWholeFile(file.path());
}

}  // namespace worldcafe
