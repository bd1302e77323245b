// [SECTION] index
// - labels and shared helpers
// - Markdown
// - CSV
// - JSON (the snapshot plus the synthesis)
// - formats and writing

#include "worldcafe/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report_common.hpp"
#include "session_format.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace report {

// [SECTION] labels and shared helpers

namespace {

std::string joinNumbers(const std::vector<int>& numbers) {
    std::string out;
    for (int number : numbers) out += (out.empty() ? "" : ", ") + std::to_string(number);
    return out;
}

}  // namespace

std::string Labels::menu(int number, std::string_view title) const {
    std::string out = strings->format("report.menu_n", {std::to_string(number)});
    if (!title.empty()) out += " " + std::string(title);
    return out;
}
std::string Labels::notes(int count) const { return strings->counted(count, "report.notes.one", "report.notes.other"); }
std::string Labels::tables(const std::vector<TableNumber>& numbers) const {
    return strings->format(numbers.size() == 1 ? "report.tables.one" : "report.tables.other", {joinNumbers(numbers)});
}
std::string Labels::votes(int count) const { return strings->counted(count, "report.votes.one", "report.votes.other"); }
std::string Labels::votes(int count, int voters) const {
    if (voters <= 0) return votes(count);
    return votes(count) + " (" + strings->counted(voters, "report.voters.one", "report.voters.other") + ")";
}
std::string Labels::stars(int count) const { return strings->counted(count, "report.stars.one", "report.stars.other"); }
std::string Labels::otherNotes(int count) const {
    return strings->counted(count, "report.other_notes.one", "report.other_notes.other");
}
std::string Labels::round(int number) const { return strings->format("report.round_n", {std::to_string(number)}); }
std::string Labels::similar(int count) const {
    return strings->counted(count, "report.similar.one", "report.similar.other");
}
std::string Labels::menus(int count) const { return strings->counted(count, "report.menus.one", "report.menus.other"); }
std::string Labels::tableCount(int count) const {
    return strings->counted(count, "report.table_count.one", "report.table_count.other");
}
std::string Labels::rounds(int count) const {
    return strings->counted(count, "report.rounds.one", "report.rounds.other");
}

// Throws when the language's label file cannot be read: an export never silently changes language.
Labels labelsFor(const Session& session) { return Labels{&Strings::forSession(session.event.language)}; }

const Menu* menuOf(const Session& session, const MenuHarvest& harvest) {
    return harvest.menu == kNoMenu ? nullptr : session.findMenu(harvest.menu);
}

std::string menuTitle(const Session& session, const Synthesis& synthesis, std::size_t menuIndex) {
    const Labels labels = labelsFor(session);
    const Menu* menu = menuOf(session, synthesis.menus[menuIndex]);
    if (!menu) return labels.noMenu();
    return labels.menu(static_cast<int>(menuIndex) + 1, oneLine(menu->title));
}

NoteIndex::NoteIndex(const Session& session) {
    m_notes.reserve(session.notes.size());
    for (const Note& note : session.notes) m_notes.emplace_back(note.id, &note);
    std::stable_sort(m_notes.begin(), m_notes.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
}

const Note* NoteIndex::find(NoteId id) const {
    auto it = std::lower_bound(m_notes.begin(), m_notes.end(), id, [](const std::pair<NoteId, const Note*>& entry,
                                                                       NoteId key) { return entry.first < key; });
    return it != m_notes.end() && it->first == id ? it->second : nullptr;
}

std::string themeLine(const NoteIndex& notes, const ThemeSummary& theme) {
    if (!trim(theme.summary).empty()) return oneLine(trim(theme.summary));
    const Note* note = notes.find(theme.headline);
    return note ? oneLine(trim(note->text)) : std::string();
}

std::string themeColumn(const Synthesis& synthesis, NoteId note) {
    const ThemeSummary* theme = synthesis.themeOfNote(note);
    return theme && isReportTheme(*theme) ? theme->name : std::string();
}

// The theme's tally (the notes' votes and the phones' dots), on each of its notes' rows: the column a spreadsheet
// sums or sorts by.
std::string themeVotesColumn(const Synthesis& synthesis, NoteId note) {
    const ThemeSummary* theme = synthesis.themeOfNote(note);
    return theme && isReportTheme(*theme) ? std::to_string(theme->votes) : std::string();
}

std::string joinTags(const std::vector<std::string>& tags) {
    std::string out;
    for (const std::string& tag : tags) out += (out.empty() ? "" : "; ") + tag;
    return out;
}

std::string colourHex(std::uint32_t rgb) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%06X", static_cast<unsigned>(rgb & 0xFFFFFF));
    return buffer;
}

std::string oneLine(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
}

std::vector<const Note*> notesInReportOrder(const NoteIndex& index, const MenuHarvest& harvest) {
    std::vector<const Note*> notes;
    for (const ThemeSummary& theme : harvest.themes)
        for (NoteId id : theme.notes)
            if (const Note* note = index.find(id)) notes.push_back(note);
    return notes;
}

}  // namespace report

using namespace report;

namespace {

// [SECTION] Markdown

// Characters that would otherwise start emphasis, links, code, HTML or strike-through inside a bullet.
std::string escapeMarkdown(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : oneLine(text)) {
        if (std::string_view("\\`*_[]<>~|").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string themeCounts(const Labels& labels, const ThemeSummary& theme) {
    std::string out = labels.notes(theme.noteCount()) + ", " + labels.tables(theme.tables);
    if (theme.votes > 0) out += ", " + labels.votes(theme.votes, theme.voters);
    return out;
}

}  // namespace

std::string exportMarkdown(const Session& session, const Synthesis& synthesis) {
    const Labels labels = labelsFor(session);
    const NoteIndex notes(session);
    std::string out;
    const std::string title = session.event.title.empty() ? std::string("World Café") : session.event.title;
    out += "# " + escapeMarkdown(title) + "\n\n";
    std::string meta;
    for (const std::string& part : {session.event.date, session.event.venue, session.event.organiser})
        if (!trim(part).empty()) meta += (meta.empty() ? "" : " · ") + escapeMarkdown(trim(part));
    if (!meta.empty()) out += meta + "\n\n";
    out += labels.notes(synthesis.noteCount) + " · " + labels.menus(static_cast<int>(session.menus.size())) + " · " +
           labels.tableCount(static_cast<int>(session.tables.size())) + " · " + labels.rounds(synthesis.roundCount) +
           "\n";

    for (std::size_t m = 0; m < synthesis.menus.size(); ++m) {
        const MenuHarvest& harvest = synthesis.menus[m];
        const Menu* menu = menuOf(session, harvest);
        // "[메뉴 n]" is written as is: it is not a link, and escaped brackets would show in plain-text readers.
        out += "\n## " + (menu ? labels.menu(static_cast<int>(m) + 1, escapeMarkdown(menu->title)) : labels.noMenu()) +
               "\n\n";
        if (menu && !trim(menu->question).empty()) out += "> " + escapeMarkdown(trim(menu->question)) + "\n\n";
        if (harvest.noteCount == 0) {
            out += "_" + std::string(labels.noNotes()) + "_\n";
            continue;
        }
        int others = 0;
        std::vector<TableNumber> otherTables;
        for (const ThemeSummary& theme : harvest.themes) {
            if (!isReportTheme(theme)) {
                others += theme.noteCount();
                otherTables.insert(otherTables.end(), theme.tables.begin(), theme.tables.end());
                continue;
            }
            // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "(" + std::string.
            std::string name = theme.highlighted ? "**(" : "(";
            name += escapeMarkdown(theme.name);
            name += theme.highlighted ? ")**" : ")";
            out += "- " + name + " " + escapeMarkdown(themeLine(notes, theme)) + " — " + themeCounts(labels, theme) +
                   "\n";
            if (!trim(theme.summary).empty()) continue;  // the organiser's summary stands for the theme
            for (NoteId id : theme.keyNotes)
                if (const Note* note = notes.find(id)) out += "  - " + escapeMarkdown(trim(note->text)) + "\n";
        }
        if (others > 0) {
            std::sort(otherTables.begin(), otherTables.end());
            otherTables.erase(std::unique(otherTables.begin(), otherTables.end()), otherTables.end());
            out += "- " + labels.otherNotes(others) + " — " + labels.tables(otherTables) + "\n";
        }
        if (!harvest.keywords.empty()) {
            std::string words;
            for (const Keyword& keyword : harvest.keywords)
                words += (words.empty() ? "" : ", ") + escapeMarkdown(keyword.term);
            out += "\n" + std::string(labels.keywords()) + ": " + words + "\n";
        }
    }
    // Every note, as the HTML report lists them: the themes above quote only a few, and a reader of the Markdown
    // must be able to check what each theme stands for and what was left in "other".
    if (synthesis.noteCount > 0) out += "\n## " + std::string(labels.allNotes()) + "\n";
    for (std::size_t m = 0; m < synthesis.menus.size(); ++m) {
        const MenuHarvest& harvest = synthesis.menus[m];
        if (harvest.noteCount == 0) continue;
        const Menu* menu = menuOf(session, harvest);
        out += "\n### " + (menu ? labels.menu(static_cast<int>(m) + 1, escapeMarkdown(menu->title)) : labels.noMenu()) +
               "\n\n";
        for (const ThemeSummary& theme : harvest.themes) {
            const std::string group = isReportTheme(theme) ? "(" + escapeMarkdown(theme.name) + ") " : std::string();
            for (NoteId id : theme.notes) {
                const Note* note = notes.find(id);
                if (!note) continue;
                std::string line = "- " + group + (note->starred ? "★ " : "") + escapeMarkdown(trim(note->text));
                line += " — " + labels.tables({note->table}) + ", " + labels.round(note->round);
                if (note->votes > 0) line += ", " + labels.votes(note->votes);
                out += line + "\n";
            }
        }
    }
    return out;
}

// [SECTION] CSV

std::string exportCsv(const Session& session, const Synthesis& synthesis) {
    const Labels labels = labelsFor(session);
    const NoteIndex notes(session);
    std::string out = "\xEF\xBB\xBF";  // Excel reads a CSV as UTF-8 only with the BOM
    auto row = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out += ',';
            out += spreadsheetCsvField(cells[i]);
        }
        out += "\r\n";
    };
    row({labels.colId(), labels.colMenu(), labels.colTable(), labels.colRound(), labels.colTheme(), labels.colTags(),
         labels.colStars(), labels.colVotes(), labels.colText(), labels.colThemeVotes()});
    for (std::size_t m = 0; m < synthesis.menus.size(); ++m) {
        const std::string menu = menuTitle(session, synthesis, m);
        for (const Note* note : notesInReportOrder(notes, synthesis.menus[m]))
            row({std::to_string(note->id), menu, std::to_string(note->table), std::to_string(note->round),
                 themeColumn(synthesis, note->id), joinTags(note->tags), note->starred ? "1" : "0",
                 std::to_string(note->votes), note->text, themeVotesColumn(synthesis, note->id)});
    }
    return out;
}

// [SECTION] JSON

namespace {

// A small pretty-printing JSON writer: objects one member a line, arrays of numbers on one line.
class JsonWriter {
public:
    std::string out;

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray(bool inlineNumbers = false) {
        open('[');
        m_inline.back() = inlineNumbers;
    }
    void endArray() { close(']'); }
    void key(std::string_view name) {
        separate();
        string(name);
        out += ": ";
        m_afterKey = true;
    }
    void value(std::string_view text) {
        separate();
        string(text);
    }
    void value(const char* text) { value(std::string_view(text)); }
    void value(std::int64_t number) {
        separate();
        out += std::to_string(number);
    }
    void value(int number) { value(static_cast<std::int64_t>(number)); }
    void value(bool flag) {
        separate();
        out += flag ? "true" : "false";
    }
    void value(double number) {
        separate();
        if (!std::isfinite(number)) number = 0;
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.6g", number);
        out += buffer;
    }
    template <class T>
    void numbers(std::string_view name, const std::vector<T>& list) {
        key(name);
        beginArray(true);
        for (const T& item : list) value(static_cast<std::int64_t>(item));
        endArray();
    }
    template <class T>
    void member(std::string_view name, const T& v) {
        key(name);
        value(v);
    }

private:
    void open(char bracket) {
        separate();
        out += bracket;
        m_first.push_back(true);
        m_inline.push_back(false);
    }
    void close(char bracket) {
        const bool wasEmpty = m_first.back();
        const bool wasInline = m_inline.back();
        m_first.pop_back();
        m_inline.pop_back();
        if (!wasEmpty && !wasInline) newline();
        out += bracket;
    }
    void separate() {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (m_first.empty()) return;
        if (!m_first.back()) out += ',';
        m_first.back() = false;
        if (m_inline.back())
            out += out.back() == '[' ? "" : " ";
        else
            newline();
    }
    void newline() {
        out += '\n';
        out.append(2 * (m_first.size() + m_baseDepth), ' ');
    }
    void string(std::string_view text) {
        out += '"';
        for (unsigned char c : text) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    if (c < 0x20) {
                        char buffer[8];
                        std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                        out += buffer;
                    } else {
                        out += static_cast<char>(c);
                    }
            }
        }
        out += '"';
    }

    std::vector<bool> m_first;
    std::vector<bool> m_inline;
    bool m_afterKey = false;

public:
    std::size_t m_baseDepth = 0;  // indentation of the value inside an enclosing document
};

const char* originName(ThemeOrigin origin) {
    switch (origin) {
        case ThemeOrigin::Organiser: return "organiser";
        case ThemeOrigin::Tags: return "tags";
        case ThemeOrigin::Cluster: return "cluster";
    }
    return "cluster";
}

std::string harvestJson(const Session& session, const Synthesis& synthesis) {
    JsonWriter json;
    json.m_baseDepth = 1;
    json.beginObject();
    json.member("format", "worldcafe-harvest");
    json.member("version", 1);
    json.member("round_count", synthesis.roundCount);
    json.member("note_count", synthesis.noteCount);
    json.key("menus");
    json.beginArray();
    for (std::size_t m = 0; m < synthesis.menus.size(); ++m) {
        const MenuHarvest& harvest = synthesis.menus[m];
        const Menu* menu = menuOf(session, harvest);
        json.beginObject();
        json.member("menu", static_cast<std::int64_t>(harvest.menu));
        json.member("title", menu ? menu->title : std::string());
        json.member("question", menu ? menu->question : std::string());
        json.member("colour", colourHex(menu ? menu->colour : 0x999999));
        json.member("note_count", harvest.noteCount);
        json.member("lost_votes", harvest.lostVotes);
        json.numbers("notes_per_round", harvest.notesPerRound);
        json.numbers("tables", harvest.tables);
        json.key("keywords");
        json.beginArray();
        for (const Keyword& keyword : harvest.keywords) {
            json.beginObject();
            json.member("term", keyword.term);
            json.member("score", keyword.score);
            json.member("count", keyword.count);
            json.endObject();
        }
        json.endArray();
        json.key("themes");
        json.beginArray();
        for (const ThemeSummary& theme : harvest.themes) {
            json.beginObject();
            json.member("key", theme.key);
            json.member("origin", originName(theme.origin));
            json.member("theme_id", static_cast<std::int64_t>(theme.themeId));
            json.member("name", theme.name);
            json.key("tags");
            json.beginArray(true);
            for (const std::string& tag : theme.tags) json.value(tag);
            json.endArray();
            json.member("summary", theme.summary);
            json.member("in_report", isReportTheme(theme));
            json.numbers("notes", theme.notes);
            json.key("entries");
            json.beginArray();
            for (const NoteEntry& entry : theme.entries) {
                json.beginObject();
                json.member("note", static_cast<std::int64_t>(entry.note));
                json.numbers("duplicates", entry.duplicates);
                json.endObject();
            }
            json.endArray();
            json.member("representative", static_cast<std::int64_t>(theme.representative));
            json.member("headline", static_cast<std::int64_t>(theme.headline));
            json.numbers("key_notes", theme.keyNotes);
            json.numbers("tables", theme.tables);
            json.numbers("rounds", theme.rounds);
            json.member("stars", theme.stars);
            json.member("votes", theme.votes);
            json.member("phone_votes", theme.phoneVotes);
            json.member("voters", theme.voters);
            json.member("highlighted", theme.highlighted);
            json.member("highlighted_notes", theme.highlightedNotes);
            json.member("cohesion", theme.cohesion);
            json.key("keywords");
            json.beginArray(true);
            for (const std::string& keyword : theme.keywords) json.value(keyword);
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.endObject();
    return json.out;
}

}  // namespace

std::string exportJson(const Session& session, const Synthesis& synthesis) {
    // The snapshot as the session file writes it, so that the export reads back exactly; "harvest" goes in
    // before the closing brace.
    std::string snapshot = formatSnapshot(session, 0);
    const std::size_t close = snapshot.rfind('}');
    return snapshot.substr(0, close) + ",\n  \"harvest\": " + harvestJson(session, synthesis) + "\n}\n";
}

// [SECTION] formats and writing

std::optional<ExportFormat> parseExportFormat(std::string_view name) {
    for (ExportFormat format :
         {ExportFormat::Markdown, ExportFormat::Html, ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Json})
        if (name == exportFormatName(format)) return format;
    if (name == "markdown") return ExportFormat::Markdown;
    return std::nullopt;
}

const char* exportFormatName(ExportFormat format) {
    switch (format) {
        case ExportFormat::Markdown: return "md";
        case ExportFormat::Html: return "html";
        case ExportFormat::Csv: return "csv";
        case ExportFormat::Xlsx: return "xlsx";
        case ExportFormat::Json: return "json";
    }
    return "md";
}

const char* exportExtension(ExportFormat format) {
    switch (format) {
        case ExportFormat::Markdown: return ".md";
        case ExportFormat::Html: return ".html";
        case ExportFormat::Csv: return ".csv";
        case ExportFormat::Xlsx: return ".xlsx";
        case ExportFormat::Json: return ".json";
    }
    return ".md";
}

std::string exportReport(const Session& session, const Synthesis& synthesis, ExportFormat format) {
    switch (format) {
        case ExportFormat::Markdown: return exportMarkdown(session, synthesis);
        case ExportFormat::Html: return exportHtml(session, synthesis);
        case ExportFormat::Csv: return exportCsv(session, synthesis);
        case ExportFormat::Xlsx: return exportXlsx(session, synthesis);
        case ExportFormat::Json: return exportJson(session, synthesis);
    }
    return {};
}

void writeExport(const Session& session, ExportFormat format, const std::filesystem::path& file) {
    writeFileAtomically(file, exportReport(session, synthesize(session), format));
}

ChartScale notesChartScale(const Synthesis& synthesis) {
    int maximum = 1;
    for (const MenuHarvest& harvest : synthesis.menus)
        for (int count : harvest.notesPerRound) maximum = std::max(maximum, count);
    for (int scale = 1;; scale *= 10)
        for (int step : {1, 2, 5})
            if (step * scale * 5 >= maximum) return {step * scale, (maximum + step * scale - 1) / (step * scale) * step * scale};
}

}  // namespace worldcafe
