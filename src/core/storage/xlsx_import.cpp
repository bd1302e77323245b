#include "worldcafe/xlsx_import.hpp"

// Reading .xlsx with minizip (zlib's contrib, as Debian builds it) and expat. Expat rather than pugixml: it parses
// as the bytes are decompressed, so a sheet's XML is never held whole (a 100,000-row sheet is ~25 MB of XML, which a
// DOM would hold several times over), it refuses entity expansion attacks itself (expat >= 2.4), and Debian already
// has it on every desktop (libexpat1). The package's structure is followed as the standard says: _rels/.rels names
// the workbook, the workbook names its sheets in order and its relationships say where each sheet's part is.

#include <expat.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "participant_records.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace {

using detail::CsvField;
using detail::CsvRecord;

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kSmallPartLimit = 16 * kMiB;   // workbook.xml and the relationships
constexpr std::uint64_t kLargePartLimit = 128 * kMiB;  // a sheet, the shared strings (100,000 rows: ~30 MiB)
constexpr std::size_t kSharedStringLimit = 1'000'000;
constexpr std::size_t kSharedTextLimit = 64 * kMiB;
constexpr std::size_t kCellLimit = 4'000'000;
constexpr std::size_t kCellTextLimit = 128 * kMiB;
constexpr int kRowLimit = 1'048'576;
constexpr int kColumnLimit = 16'384;

// A limit passed or a structural fault found inside an expat callback: expat is C, so nothing may be thrown through
// it; the handler keeps the message and stops the parser, and the message is thrown once XML_Parse returns.
struct Stop {
    std::string message;
    int line = 0;
    int column = 0;
};

// ---- the archive, read from memory ----

struct MemoryStream {
    std::string_view bytes;
    std::uint64_t position = 0;
};

voidpf memoryOpen(voidpf opaque, const void*, int) { return opaque; }

uLong memoryRead(voidpf, voidpf stream, void* buffer, uLong size) {
    auto* memory = static_cast<MemoryStream*>(stream);
    if (memory->position >= memory->bytes.size()) return 0;
    const std::uint64_t count = std::min<std::uint64_t>(size, memory->bytes.size() - memory->position);
    std::memcpy(buffer, memory->bytes.data() + memory->position, count);
    memory->position += count;
    return static_cast<uLong>(count);
}

uLong memoryWrite(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T memoryTell(voidpf, voidpf stream) { return static_cast<MemoryStream*>(stream)->position; }

long memorySeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* memory = static_cast<MemoryStream*>(stream);
    std::uint64_t base = 0;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = memory->position; break;
    case ZLIB_FILEFUNC_SEEK_END: base = memory->bytes.size(); break;
    default: return -1;
    }
    if (offset > memory->bytes.size() || base > memory->bytes.size() - offset) return -1;
    memory->position = base + offset;
    return 0;
}

int memoryClose(voidpf, voidpf) { return 0; }
int memoryError(voidpf, voidpf) { return 0; }

std::string lowerAscii(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

class Archive {
public:
    Archive(std::string_view bytes, const std::filesystem::path& file) : m_file(file), m_memory{bytes, 0} {
        zlib_filefunc64_def functions{};
        functions.zopen64_file = memoryOpen;
        functions.zread_file = memoryRead;
        functions.zwrite_file = memoryWrite;
        functions.ztell64_file = memoryTell;
        functions.zseek64_file = memorySeek;
        functions.zclose_file = memoryClose;
        functions.zerror_file = memoryError;
        functions.opaque = &m_memory;
        m_zip = unzOpen2_64("memory", &functions);
        if (!m_zip)
            throw InputError(file, "is not an .xlsx workbook: its zip archive is damaged or incomplete");
    }
    ~Archive() {
        if (m_zip) unzClose(m_zip);
    }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    // Names in a package compare case-insensitively (ECMA-376 part 2, 6.2.2.3).
    bool has(const std::string& name) { return unzLocateFile(m_zip, name.c_str(), 2) == UNZ_OK; }

    // Feeds the part to `consume` as it is decompressed; false when there is no such part.
    template <typename Consume>
    bool read(const std::string& name, std::uint64_t limit, Consume&& consume) {
        if (unzLocateFile(m_zip, name.c_str(), 2) != UNZ_OK) return false;
        unz_file_info64 info{};
        if (unzGetCurrentFileInfo64(m_zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
            throw InputError(m_file, "is damaged: cannot read the entry of " + name + " in its zip archive");
        if (info.flag & 1)
            throw InputError(m_file, "is encrypted (password-protected): open it in Excel, remove the password "
                                     "and save it again, or save it as CSV");
        if (unzOpenCurrentFile(m_zip) != UNZ_OK)
            throw InputError(m_file, "is damaged: cannot open " + name + " in its zip archive (compression method " +
                                         std::to_string(info.compression_method) + ")");
        std::array<char, 64 * 1024> buffer{};
        std::uint64_t total = 0;
        try {
            for (;;) {
                const int count = unzReadCurrentFile(m_zip, buffer.data(), static_cast<unsigned>(buffer.size()));
                if (count < 0)
                    throw InputError(m_file, "is damaged: " + name + " cannot be decompressed (zip error " +
                                                 std::to_string(count) + ")");
                total += static_cast<std::uint64_t>(count);
                if (total > limit)
                    throw InputError(m_file, name + " decompresses to more than " + std::to_string(limit / kMiB) +
                                                 " MiB, more than a participant list needs; the file is refused "
                                                 "(a damaged or hostile archive)");
                consume(std::string_view(buffer.data(), static_cast<std::size_t>(count)), count == 0);
                if (count == 0) break;
            }
        } catch (...) {
            unzCloseCurrentFile(m_zip);
            throw;
        }
        if (unzCloseCurrentFile(m_zip) == UNZ_CRCERROR)
            throw InputError(m_file, "is damaged: " + name + " fails its checksum");
        return true;
    }

private:
    const std::filesystem::path& m_file;
    MemoryStream m_memory;
    unzFile m_zip = nullptr;
};

// ---- XML ----

// Elements are told apart by their local names: transitional and strict OOXML differ in namespaces only, and some
// producers prefix every element (x:row). Without expat's namespace processing, which would spell out the namespace's
// URI in every element's name (a third of the time of a large sheet).
std::string_view localName(const XML_Char* name) {
    const char* separator = std::strrchr(name, ':');
    return separator ? std::string_view(separator + 1) : std::string_view(name);
}

const char* attribute(const XML_Char** attributes, std::string_view local) {
    for (int i = 0; attributes[i]; i += 2)
        if (localName(attributes[i]) == local && std::strncmp(attributes[i], "xmlns", 5) != 0) return attributes[i + 1];
    return nullptr;
}

// Each part's reader: start, end and text of elements, with a way to stop the parse with a message.
class PartReader {
public:
    virtual ~PartReader() = default;
    virtual void start(std::string_view name, const XML_Char** attributes) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view) {}

    std::optional<Stop> stop;
};

void parsePart(Archive& archive, const std::filesystem::path& file, const std::string& name, std::uint64_t limit,
               PartReader& reader, bool required) {
    XML_Parser parser = XML_ParserCreate(nullptr);
    if (!parser) throw InputError(file, "cannot read: out of memory for the XML parser");
    struct Context {
        XML_Parser parser;
        PartReader* reader;
    } context{parser, &reader};
    XML_SetUserData(parser, &context);
    XML_SetElementHandler(
        parser,
        [](void* data, const XML_Char* element, const XML_Char** attributes) {
            auto* c = static_cast<Context*>(data);
            if (!c->reader->stop) c->reader->start(localName(element), attributes);
            if (c->reader->stop) XML_StopParser(c->parser, XML_FALSE);
        },
        [](void* data, const XML_Char* element) {
            auto* c = static_cast<Context*>(data);
            if (!c->reader->stop) c->reader->end(localName(element));
            if (c->reader->stop) XML_StopParser(c->parser, XML_FALSE);
        });
    XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int length) {
        auto* c = static_cast<Context*>(data);
        if (!c->reader->stop) c->reader->text(std::string_view(text, static_cast<std::size_t>(length)));
        if (c->reader->stop) XML_StopParser(c->parser, XML_FALSE);
    });
    // A spreadsheet part has no use for a DTD; refusing it leaves no room for entity tricks.
    XML_SetStartDoctypeDeclHandler(parser, [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        auto* c = static_cast<Context*>(data);
        c->reader->stop = Stop{"has a document type declaration, which a workbook never needs", 0, 0};
        XML_StopParser(c->parser, XML_FALSE);
    });
    std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> owner(parser, XML_ParserFree);
    bool found = false;
    try {
        found = archive.read(name, limit, [&](std::string_view bytes, bool last) {
            if (XML_Parse(parser, bytes.data(), static_cast<int>(bytes.size()), last ? XML_TRUE : XML_FALSE) ==
                    XML_STATUS_ERROR &&
                !reader.stop) {
                throw InputError(file, name + " is not well-formed XML: " + XML_ErrorString(XML_GetErrorCode(parser)) +
                                           " at its line " + std::to_string(XML_GetCurrentLineNumber(parser)) +
                                           ", column " + std::to_string(XML_GetCurrentColumnNumber(parser) + 1));
            }
            // Stopped by the reader: the rest of the part need not be decompressed.
            if (reader.stop) throw InputError(file, "stopped");
        });
    } catch (const InputError&) {
        if (!reader.stop) throw;
    }
    if (reader.stop) {
        const Stop& stop = *reader.stop;
        throw InputError(file, stop.line > 0 ? stop.message : name + " " + stop.message, stop.line, stop.column);
    }
    if (!found && required) throw InputError(file, "is not a complete .xlsx workbook: it has no " + name);
}

// ---- relationships and the workbook ----

struct Relationship {
    std::string type;
    std::string target;
    bool external = false;
};

class RelationshipsReader : public PartReader {
public:
    void start(std::string_view name, const XML_Char** attributes) override {
        if (name != "Relationship") return;
        const char* id = attribute(attributes, "Id");
        const char* type = attribute(attributes, "Type");
        const char* target = attribute(attributes, "Target");
        const char* mode = attribute(attributes, "TargetMode");
        if (!id || !type || !target) return;
        if (m_relationships.size() > 100000) {
            stop = Stop{"has too many relationships", 0, 0};
            return;
        }
        m_relationships.emplace(id, Relationship{type, target, mode && std::string_view(mode) == "External"});
    }
    void end(std::string_view) override {}

    std::map<std::string, Relationship> m_relationships;
};

bool hasType(const Relationship& relationship, std::string_view suffix) {
    return relationship.type.size() >= suffix.size() &&
           relationship.type.compare(relationship.type.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A relationship's target, relative to the folder of the part that has it, as a name in the archive.
std::string resolveTarget(const std::string& sourcePart, const std::string& target) {
    std::vector<std::string> segments;
    std::string path = target;
    if (!path.empty() && path.front() == '/') {
        path.erase(0, 1);
    } else {
        std::string folder = sourcePart.substr(0, sourcePart.find_last_of('/') == std::string::npos
                                                      ? 0
                                                      : sourcePart.find_last_of('/') + 1);
        path = folder + path;
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        const std::string segment = path.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    std::string out;
    for (const std::string& segment : segments) out += (out.empty() ? "" : "/") + segment;
    return out;
}

std::string relationshipsPartOf(const std::string& part) {
    const std::size_t slash = part.find_last_of('/');
    if (slash == std::string::npos) return "_rels/" + part + ".rels";
    return part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

struct SheetEntry {
    std::string name;
    std::string relationship;
};

class WorkbookReader : public PartReader {
public:
    void start(std::string_view name, const XML_Char** attributes) override {
        if (name != "sheet" || m_sheets.size() > 100000) return;
        const char* sheetName = attribute(attributes, "name");
        const char* id = attribute(attributes, "id");  // r:id; sheetId is another local name
        if (id) m_sheets.push_back(SheetEntry{sheetName ? sheetName : "", id});
    }
    void end(std::string_view) override {}

    std::vector<SheetEntry> m_sheets;
};

// ---- cell text ----

// ASCII needs no normalisation (as in the CSV reader).
std::string normalized(std::string text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return normalizeNfc(text);
    return text;
}

void appendUtf8(std::string& out, unsigned codePoint) {
    if (codePoint < 0x80) {
        out += static_cast<char>(codePoint);
    } else if (codePoint < 0x800) {
        out += static_cast<char>(0xC0 | (codePoint >> 6));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (codePoint >> 12));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    }
}

// OOXML writes characters XML cannot hold as _xHHHH_ (a carriage return is _x000D_); _x005F_ escapes the underscore.
std::string unescapeOoxml(std::string text) {
    if (text.find("_x") == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
            unsigned value = 0;
            const auto [end, error] = std::from_chars(text.data() + i + 2, text.data() + i + 6, value, 16);
            if (error == std::errc() && end == text.data() + i + 6 && value != 0 && (value < 0xD800 || value > 0xDFFF)) {
                appendUtf8(out, value);
                i += 6;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// A number as Excel shows it in a General cell: 1001, not 1001.0; 0.1 + 0.2 as 0.3 (15 significant digits).
std::string formatNumber(const std::string& raw) {
    const std::string text = trim(raw);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return text;
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        const long long whole = static_cast<long long>(value);
        return std::to_string(whole);
    }
    std::array<char, 40> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.15g", value);
    return buffer.data();
}

std::string cellReference(int row, int column) {
    std::string letters;
    for (int c = column; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row);
}

// "C7" -> column 3; 0 when the reference is not one.
int columnOfReference(const char* reference) {
    int column = 0;
    const char* p = reference;
    for (; *p >= 'A' && *p <= 'Z'; ++p) {
        column = column * 26 + (*p - 'A' + 1);
        if (column > kColumnLimit) return -1;
    }
    if (p == reference) return 0;
    return column;
}

int parseRowNumber(const char* text) {
    int row = 0;
    const std::string_view view(text);
    const auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), row);
    if (error != std::errc() || end != view.data() + view.size()) return 0;
    return row;
}

// ---- shared strings ----

class SharedStringsReader : public PartReader {
public:
    void start(std::string_view name, const XML_Char**) override {
        if (name == "si") {
            m_inItem = true;
            m_current.clear();
        } else if (name == "rPh") {
            ++m_phonetic;  // the reading guide above East Asian text is not the text
        } else if (name == "t" && m_inItem && m_phonetic == 0) {
            m_inText = true;
        }
    }
    void end(std::string_view name) override {
        if (name == "t") {
            m_inText = false;
        } else if (name == "rPh") {
            m_phonetic = std::max(0, m_phonetic - 1);
        } else if (name == "si" && m_inItem) {
            m_inItem = false;
            std::string value = normalized(unescapeOoxml(std::move(m_current)));
            m_current.clear();
            m_bytes += value.size();
            if (m_strings.size() >= kSharedStringLimit || m_bytes > kSharedTextLimit) {
                stop = Stop{"holds more than " + std::to_string(kSharedStringLimit) + " strings or " +
                                std::to_string(kSharedTextLimit / kMiB) +
                                " MiB of text, more than a participant list needs; the file is refused",
                            0, 0};
                return;
            }
            m_strings.push_back(std::move(value));
        }
    }
    void text(std::string_view text) override {
        if (m_inText) {
            if (m_current.size() + text.size() > kSharedTextLimit) {
                stop = Stop{"has a string longer than " + std::to_string(kSharedTextLimit / kMiB) + " MiB", 0, 0};
                return;
            }
            m_current.append(text);
        }
    }

    std::vector<std::string> m_strings;

private:
    std::string m_current;
    std::size_t m_bytes = 0;
    bool m_inItem = false;
    bool m_inText = false;
    int m_phonetic = 0;
};

// ---- the sheet ----

class SheetReader : public PartReader {
public:
    SheetReader(const std::filesystem::path& file, const std::vector<std::string>& shared)
        : m_file(file), m_shared(shared) {}

    void start(std::string_view name, const XML_Char** attributes) override {
        if (name == "row") {
            const char* reference = attribute(attributes, "r");
            const int row = reference ? parseRowNumber(reference) : m_row + 1;
            if (row <= 0 || row > kRowLimit) {
                fail("has a row numbered '" + std::string(reference ? reference : "") + "' (rows go from 1 to " +
                         std::to_string(kRowLimit) + ")",
                     0, 0);
                return;
            }
            m_row = row;
            m_column = 0;
            m_cells.clear();
            m_inRow = true;
        } else if (name == "c") {
            const char* reference = attribute(attributes, "r");
            const char* type = attribute(attributes, "t");
            int column = reference ? columnOfReference(reference) : m_column + 1;
            if (column == 0) column = m_column + 1;  // a reference without letters: the next cell
            if (column < 0 || column > kColumnLimit) {
                fail("cell " + std::string(reference ? reference : "") + " is past column XFD, Excel's last", m_row,
                     0);
                return;
            }
            m_column = column;
            // s shared, b boolean, n number (the default); inlineStr, str, e and d are text as written.
            m_type = !type || std::strcmp(type, "n") == 0 ? 'n'
                     : std::strcmp(type, "s") == 0        ? 's'
                     : std::strcmp(type, "b") == 0        ? 'b'
                                                          : 't';
            m_value.clear();
            m_inCell = true;
        } else if (m_inCell && name == "v") {
            m_inValue = true;
        } else if (m_inCell && name == "rPh") {
            ++m_phonetic;
        } else if (m_inCell && name == "t" && m_phonetic == 0) {
            m_inValue = true;  // inside <is>, in a run or not
        }
    }

    void end(std::string_view name) override {
        if (name == "v" || name == "t") {
            m_inValue = false;
        } else if (name == "rPh") {
            m_phonetic = std::max(0, m_phonetic - 1);
        } else if (name == "c" && m_inCell) {
            m_inCell = false;
            finishCell();
        } else if (name == "row" && m_inRow) {
            m_inRow = false;
            finishRow();
        }
    }

    void text(std::string_view text) override {
        if (!m_inValue) return;
        if (m_value.size() + text.size() > kCellTextLimit) {
            fail("cell " + cellReference(m_row, m_column) + " is longer than " + std::to_string(kCellTextLimit / kMiB) + " MiB",
                 m_row, m_column);
            return;
        }
        m_value.append(text);
    }

    std::vector<CsvRecord> m_records;

private:
    void fail(std::string message, int line, int column) {
        stop = Stop{std::move(message), line, column};
    }

    void finishCell() {
        std::string value;
        if (m_type == 's') {
            std::size_t index = 0;
            const std::string text = trim(m_value);
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
            if (error != std::errc() || end != text.data() + text.size() || index >= m_shared.size()) {
                fail("cell " + cellReference(m_row, m_column) + " refers to shared string '" + text +
                         "', but the workbook has " + std::to_string(m_shared.size()),
                     m_row, m_column);
                return;
            }
            value = m_shared[index];
        } else if (m_type == 'b') {
            value = trim(m_value) == "1" ? "TRUE" : trim(m_value) == "0" ? "FALSE" : m_value;
        } else if (m_type == 'n') {
            value = formatNumber(m_value);
        } else {  // inlineStr, str (a formula's text), e (#N/A), d (an ISO date)
            value = normalized(unescapeOoxml(std::move(m_value)));
        }
        m_value.clear();
        if (value.empty()) return;
        m_cellBytes += value.size();
        if (m_cellBytes > kCellTextLimit) {
            fail("the first sheet holds more than " + std::to_string(kCellTextLimit / kMiB) +
                     " MiB of text, more than a participant list needs; the file is refused",
                 m_row, m_column);
            return;
        }
        m_cells.emplace_back(m_column, std::move(value));
    }

    void finishRow() {
        if (m_cells.empty()) return;
        std::stable_sort(m_cells.begin(), m_cells.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        const int width = m_cells.back().first;
        m_cellCount += static_cast<std::size_t>(width);
        if (m_cellCount > kCellLimit) {
            fail("the first sheet has more than " + std::to_string(kCellLimit) +
                     " cells, more than a participant list needs; the file is refused",
                 m_row, 0);
            return;
        }
        CsvRecord record;
        record.line = m_row;
        record.fields.resize(static_cast<std::size_t>(width));
        for (int c = 0; c < width; ++c) {
            record.fields[static_cast<std::size_t>(c)].line = m_row;
            record.fields[static_cast<std::size_t>(c)].column = c + 1;
        }
        // A repeated reference keeps the last value, as Excel would show it.
        for (auto& [column, value] : m_cells) record.fields[static_cast<std::size_t>(column - 1)].text = std::move(value);
        m_cells.clear();
        m_records.push_back(std::move(record));
    }

    const std::filesystem::path& m_file;
    const std::vector<std::string>& m_shared;
    std::vector<std::pair<int, std::string>> m_cells;
    char m_type = 'n';
    std::string m_value;
    std::size_t m_cellBytes = 0;
    std::size_t m_cellCount = 0;
    int m_row = 0;
    int m_column = 0;
    int m_phonetic = 0;
    bool m_inRow = false;
    bool m_inCell = false;
    bool m_inValue = false;
};

// ---- what the bytes are, when they are not a workbook ----

bool startsWith(std::string_view bytes, std::string_view prefix) {
    return bytes.size() >= prefix.size() && bytes.substr(0, prefix.size()) == prefix;
}

[[noreturn]] void refuseNonZip(std::string_view bytes, const std::filesystem::path& file) {
    if (bytes.empty()) throw InputError(file, "is empty, not an .xlsx workbook");
    // An OLE compound file: an Excel 97-2003 .xls, or an .xlsx that Excel encrypted with a password (its package
    // is then a stream named EncryptionInfo/EncryptedPackage inside such a file).
    if (startsWith(bytes, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
        static const std::string kEncryptionInfo = [] {
            std::string name;
            for (char c : std::string_view("EncryptionInfo")) {
                name += c;
                name += '\0';
            }
            return name;
        }();
        if (bytes.find(kEncryptionInfo) != std::string_view::npos)
            throw InputError(file, "is encrypted (password-protected): open it in Excel, remove the password "
                                   "and save it again, or save it as CSV");
        throw InputError(file, "is an old Excel 97-2003 workbook (.xls), which worldcafe does not read: save it as "
                               ".xlsx (Excel Workbook) or as CSV");
    }
    throw InputError(file, "is not an .xlsx workbook (not a zip archive): save it from the spreadsheet as .xlsx, or "
                           "give a CSV file a .csv name");
}

std::vector<CsvRecord> readFirstSheet(std::string_view bytes, const std::filesystem::path& file) {
    if (!startsWith(bytes, "PK\x03\x04") && !startsWith(bytes, "PK\x05\x06")) refuseNonZip(bytes, file);
    Archive archive(bytes, file);

    std::string workbookPart = "xl/workbook.xml";
    {
        RelationshipsReader package;
        parsePart(archive, file, "_rels/.rels", kSmallPartLimit, package, false);
        for (const auto& [id, relationship] : package.m_relationships)
            if (hasType(relationship, "/officeDocument") && !relationship.external)
                workbookPart = resolveTarget("", relationship.target);
    }
    if (!archive.has(workbookPart)) {
        std::string mimetype;
        archive.read("mimetype", 4096, [&](std::string_view chunk, bool) { mimetype += chunk; });
        if (mimetype.find("opendocument.spreadsheet") != std::string::npos)
            throw InputError(file, "is an OpenDocument spreadsheet (.ods), not .xlsx: save it as .xlsx or CSV");
        throw InputError(file, "is a zip archive but not an .xlsx workbook: it has no " + workbookPart);
    }

    WorkbookReader workbook;
    parsePart(archive, file, workbookPart, kSmallPartLimit, workbook, true);
    RelationshipsReader relationships;
    parsePart(archive, file, relationshipsPartOf(workbookPart), kSmallPartLimit, relationships, false);

    std::optional<std::string> sheetPart;
    for (const SheetEntry& sheet : workbook.m_sheets) {
        const auto found = relationships.m_relationships.find(sheet.relationship);
        if (found != relationships.m_relationships.end() && hasType(found->second, "/worksheet") &&
            !found->second.external) {
            sheetPart = resolveTarget(workbookPart, found->second.target);
            break;
        }
    }
    if (!sheetPart) {
        throw InputError(file, workbook.m_sheets.empty()
                                   ? std::string("has no sheet: the participants go on the first sheet, a header row "
                                                 "with a 'name' column first")
                                   : std::string("has no worksheet (only charts or dialogs): the participants go on "
                                                 "the first sheet, a header row with a 'name' column first"));
    }

    SharedStringsReader shared;
    for (const auto& [id, relationship] : relationships.m_relationships) {
        if (hasType(relationship, "/sharedStrings") && !relationship.external) {
            parsePart(archive, file, resolveTarget(workbookPart, relationship.target), kLargePartLimit, shared, true);
            break;
        }
    }

    SheetReader sheet(file, shared.m_strings);
    parsePart(archive, file, *sheetPart, kLargePartLimit, sheet, true);
    std::vector<CsvRecord> records = std::move(sheet.m_records);

    // A title or blank rows above the header are not the header; the first row with a value is.
    // Columns with values but no header get an empty header cell, which the header rules name and ignore.
    std::size_t width = 0;
    for (const CsvRecord& record : records) width = std::max(width, record.fields.size());
    if (!records.empty() && records.front().fields.size() < width) {
        CsvRecord& header = records.front();
        for (std::size_t c = header.fields.size(); c < width; ++c)
            header.fields.push_back(CsvField{"", header.line, static_cast<int>(c + 1)});
    }
    return records;
}

}  // namespace

ParticipantImport parseParticipantsXlsx(std::string_view bytes, const std::filesystem::path& file,
                                        ParticipantId firstFreeId, const ImportProgress& progress) {
    std::vector<CsvRecord> records = readFirstSheet(bytes, file);
    if (records.empty())
        throw InputError(file, "its first sheet is empty: a header row with a 'name' column is required", 1, 0);
    return detail::participantsFromRecords(records, file, firstFreeId, progress);
}

ParticipantImport readParticipantsXlsx(const std::filesystem::path& file, ParticipantId firstFreeId,
                                       const ImportProgress& progress) {
    return parseParticipantsXlsx(readInputFile(file), file, firstFreeId, progress);
}

bool isXlsxFile(const std::filesystem::path& file) {
    return lowerAscii(file.extension().string()) == ".xlsx";
}

ParticipantImport readParticipantsFile(const std::filesystem::path& file, ParticipantId firstFreeId,
                                       const ImportProgress& progress) {
    return isXlsxFile(file) ? readParticipantsXlsx(file, firstFreeId, progress)
                            : readParticipantsCsv(file, firstFreeId, progress);
}

}  // namespace worldcafe
