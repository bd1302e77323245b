#include "worldcafe/csv.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <optional>

#include "participant_records.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text_encoding.hpp"
#include "worldcafe/spreadsheet_cell.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

using detail::CsvField;
using detail::CsvRecord;

bool isLineBreak(char c) {
    return c == '\r' || c == '\n';
}

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

// ASCII needs no normalisation, and skipping utf8proc for it is most of the speed of a large import.
std::string normalizeField(std::string_view text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return normalizeNfc(text);
        }
    }
    return std::string(text);
}

// Excel saves "Unicode text" with tabs and, where the decimal mark is a comma, "CSV" with semicolons: the header
// row's most frequent separator outside quotes decides, a comma on a tie.
char detectDelimiter(std::string_view bytes) {
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (const char c : bytes) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            if (isLineBreak(c)) break;
            commas += c == ',';
            semicolons += c == ';';
            tabs += c == '\t';
        }
    }
    if (semicolons > commas && semicolons >= tabs) return ';';
    if (tabs > commas && tabs > semicolons) return '\t';
    return ',';
}

// Walks the bytes once, keeping the physical line (CRLF, LF or a lone CR each end one) for error messages.
class CsvReader {
public:
    CsvReader(std::string_view bytes, const std::filesystem::path& file, char delimiter = ',')
        : bytes_(bytes), file_(file), delimiter_(delimiter) {
        if (bytes_.starts_with(kBom)) {
            bytes_.remove_prefix(kBom.size());
        }
    }

    std::vector<CsvRecord> read() {
        checkUtf8();
        std::vector<CsvRecord> records;
        while (pos_ < bytes_.size()) {
            if (isLineBreak(bytes_[pos_])) {
                skipLineBreak();
                continue;
            }
            CsvRecord record;
            record.line = line_;
            for (;;) {
                record.fields.push_back(readField());
                if (pos_ >= bytes_.size()) {
                    break;
                }
                if (bytes_[pos_] == delimiter_) {
                    ++pos_;
                    continue;
                }
                skipLineBreak();
                break;
            }
            records.push_back(std::move(record));
        }
        return records;
    }

private:
    // In a tab-separated file a tab is a separator, never padding.
    bool isPadding(char c) const { return c != delimiter_ && isBlank(c); }

    int columnAt(std::size_t offset) const {
        return codePointCount(bytes_.substr(lineStart_, offset - lineStart_)) + 1;
    }

    // Consumes one line break at pos_, returning its bytes.
    std::string_view skipLineBreak() {
        const std::size_t start = pos_;
        if (bytes_[pos_] == '\r' && pos_ + 1 < bytes_.size() && bytes_[pos_ + 1] == '\n') {
            pos_ += 2;
        } else {
            ++pos_;
        }
        ++line_;
        lineStart_ = pos_;
        return bytes_.substr(start, pos_ - start);
    }

    // Runs before parsing so that the error names the first bad byte, wherever it is.
    void checkUtf8() const {
        if (const auto fault = findTextFault(bytes_)) {
            const bool encoding = fault->reason.starts_with("not valid UTF-8");
            requireModelText(bytes_, file_, encoding ? "; the file is in another encoding: save it as CSV UTF-8" : "");
        }
    }

    CsvField readField() {
        CsvField field{{}, line_, columnAt(pos_)};
        // Spaces before an opening quote are tolerated: hand-written files often have `a, "b, c"`.
        std::size_t quote = pos_;
        while (quote < bytes_.size() && isPadding(bytes_[quote])) {
            ++quote;
        }
        if (quote < bytes_.size() && bytes_[quote] == '"') {
            field.column = columnAt(quote);
            pos_ = quote + 1;
            readQuoted(field);
            return field;
        }
        const std::size_t start = pos_;
        while (pos_ < bytes_.size() && bytes_[pos_] != delimiter_ && !isLineBreak(bytes_[pos_])) {
            ++pos_;
        }
        field.text = normalizeField(bytes_.substr(start, pos_ - start));
        return field;
    }

    void readQuoted(CsvField& field) {
        std::string text;
        for (;;) {
            if (pos_ >= bytes_.size()) {
                throw InputError(file_, "quoted field is not closed: the closing quote (\") is missing", field.line,
                                 field.column);
            }
            const char c = bytes_[pos_];
            if (c == '"') {
                if (pos_ + 1 < bytes_.size() && bytes_[pos_ + 1] == '"') {
                    text += '"';
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                break;
            }
            if (isLineBreak(c)) {
                text += skipLineBreak();
                continue;
            }
            text += c;
            ++pos_;
        }
        while (pos_ < bytes_.size() && isPadding(bytes_[pos_])) {
            ++pos_;
        }
        if (pos_ < bytes_.size() && bytes_[pos_] != delimiter_ && !isLineBreak(bytes_[pos_])) {
            throw InputError(file_,
                             "unexpected text after a closing quote; write \"\" for a quote inside a quoted field",
                             line_, columnAt(pos_));
        }
        field.text = normalizeField(text);
    }

    std::string_view bytes_;
    const std::filesystem::path& file_;
    char delimiter_ = ',';
    std::size_t pos_ = 0;
    int line_ = 1;
    std::size_t lineStart_ = 0;
};

enum class Column { Id, ExternalId, Name, Affiliation, Role, Table, FromRound, UntilRound };

constexpr std::array<std::string_view, 8> kColumnNames = {"id",    "external_id", "name",       "affiliation",
                                                           "role",  "table",       "from_round", "until_round"};

std::string_view columnName(Column column) {
    return kColumnNames[static_cast<std::size_t>(column)];
}

// Trimmed, case-folded, without ' ', '-' and '_' ("From Round", "from-round", "시작 라운드", "E-mail").
std::string headerKey(std::string_view header) {
    std::string key;
    for (const char c : foldForSearch(trim(header))) {
        if (c != ' ' && c != '-' && c != '_') {
            key += c;
        }
    }
    return key;
}

std::optional<Column> columnForHeader(std::string_view header) {
    static const std::map<std::string, Column, std::less<>> kAliases = {
        {"id", Column::Id},
        {"번호", Column::Id},
        {"아이디", Column::Id},
        {"externalid", Column::ExternalId},
        {"registrationid", Column::ExternalId},
        {"registrationcode", Column::ExternalId},
        {"등록번호", Column::ExternalId},
        {"name", Column::Name},
        {"이름", Column::Name},
        {"성명", Column::Name},
        {"affiliation", Column::Affiliation},
        {"organisation", Column::Affiliation},
        {"organization", Column::Affiliation},
        {"소속", Column::Affiliation},
        {"기관", Column::Affiliation},
        {"role", Column::Role},
        {"역할", Column::Role},
        {"table", Column::Table},
        {"테이블", Column::Table},
        {"fromround", Column::FromRound},
        {"시작라운드", Column::FromRound},
        {"참여시작", Column::FromRound},
        {"untilround", Column::UntilRound},
        {"종료라운드", Column::UntilRound},
        {"참여종료", Column::UntilRound},
    };
    const auto found = kAliases.find(headerKey(header));
    if (found == kAliases.end()) {
        return std::nullopt;
    }
    return found->second;
}

std::optional<Role> parseRole(std::string_view value) {
    if (value.empty()) {
        return Role::Guest;
    }
    const std::string key = foldForSearch(value);
    if (key == "guest" || key == "게스트" || key == "참가자" || key == "참여자") {
        return Role::Guest;
    }
    if (key == "host" || key == "호스트" || key == "진행자") {
        return Role::Host;
    }
    return std::nullopt;
}

// Digits only: "+3", "3.0" and "-1" are rejected rather than guessed at.
std::optional<std::int64_t> parsePositive(std::string_view value) {
    if (value.empty()) {
        return std::nullopt;
    }
    for (const char c : value) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size() || number <= 0) {
        return std::nullopt;
    }
    return number;
}

// An id worldcafe could have written: "7", not "007" (a registration code whose zeros must survive).
bool isInternalId(std::string_view value) {
    const auto number = parsePositive(value);
    return number && value.front() != '0';
}

std::string inQuotes(std::string_view text) {
    return "'" + std::string(text) + "'";
}

struct HeaderColumn {
    std::optional<Column> column;
    std::string header;  // as written, for messages
    bool extra = false;  // kept with the participant as an ExtraField named `header`
};

struct Row {
    Participant participant;
    std::string id;  // the id column as written; empty when blank
    int idLine = 0;
    int idColumn = 0;
    int externalLine = 0;  // where the external id was read, for the duplicate message
    int externalColumn = 0;
};

class ParticipantReader {
public:
    ParticipantReader(const std::filesystem::path& file, ParticipantImport& result) : file_(file), result_(result) {}

    void readHeader(const CsvRecord& header) {
        std::map<Column, std::size_t> seen;
        std::map<std::string, std::size_t, std::less<>> extras;
        for (std::size_t index = 0; index < header.fields.size(); ++index) {
            const CsvField& field = header.fields[index];
            HeaderColumn column{columnForHeader(field.text), trim(field.text)};
            if (!column.column) {
                if (column.header.empty()) {
                    result_.warnings.push_back("line " + std::to_string(field.line) + ": column " +
                                               std::to_string(index + 1) + " has no name and is ignored");
                } else if (const auto previous = extras.find(headerKey(column.header)); previous != extras.end()) {
                    result_.warnings.push_back("line " + std::to_string(field.line) + ": column " +
                                               std::to_string(index + 1) + " " + inQuotes(column.header) +
                                               " repeats column " + std::to_string(previous->second + 1) +
                                               " and is ignored");
                } else {
                    extras.emplace(headerKey(column.header), index);
                    column.extra = true;
                }
            } else if (const auto previous = seen.find(*column.column); previous != seen.end()) {
                throw InputError(file_,
                                 "duplicate column " + inQuotes(column.header) + ": column " +
                                     std::to_string(previous->second + 1) + " " +
                                     inQuotes(columns_[previous->second].header) + " is already the " +
                                     std::string(columnName(*column.column)) + " column",
                                 field.line, field.column);
            } else {
                seen.emplace(*column.column, index);
            }
            columns_.push_back(std::move(column));
        }
        if (!seen.contains(Column::Name)) {
            std::string found;
            for (const HeaderColumn& column : columns_) {
                found += (found.empty() ? "" : ", ") + inQuotes(column.header);
            }
            throw InputError(file_,
                             "the header row needs a 'name' column (or '이름'); found " +
                                 (found.empty() ? std::string("no column names") : found),
                             header.line, 0);
        }
        hasExternalIdColumn_ = seen.contains(Column::ExternalId);
    }

    void readRow(const CsvRecord& record) {
        if (record.fields.size() > columns_.size()) {
            const CsvField& extra = record.fields[columns_.size()];
            throw InputError(file_,
                             std::to_string(record.fields.size()) + " fields but the header has " +
                                 std::to_string(columns_.size()) + " columns; quote values that contain commas",
                             extra.line, extra.column);
        }
        bool empty = true;
        for (const CsvField& field : record.fields) {
            empty = empty && trim(field.text).empty();
        }
        // Spreadsheets export rows of bare commas below the data.
        if (empty) {
            return;
        }

        Row row;
        Participant& participant = row.participant;
        for (std::size_t index = 0; index < columns_.size(); ++index) {
            const HeaderColumn& header = columns_[index];
            if (!header.column && !header.extra) {
                continue;
            }
            const std::string value = index < record.fields.size() ? trim(record.fields[index].text) : std::string();
            const int line = index < record.fields.size() ? record.fields[index].line : record.line;
            const int column = index < record.fields.size() ? record.fields[index].column : 0;
            if (header.extra) {
                if (!value.empty()) {
                    participant.extra.push_back(ExtraField{header.header, restoreSpreadsheetCell(value)});
                }
                continue;
            }
            switch (*header.column) {
            case Column::Id:
                row.id = restoreSpreadsheetCell(value);
                row.idLine = line;
                row.idColumn = column;
                if (!hasExternalIdColumn_) {
                    row.externalLine = line;
                    row.externalColumn = column;
                }
                allIdsInternal_ = allIdsInternal_ && (row.id.empty() || isInternalId(row.id));
                break;
            case Column::ExternalId:
                participant.externalId = restoreSpreadsheetCell(value);
                row.externalLine = line;
                row.externalColumn = column;
                break;
            case Column::Name:
                participant.name = restoreSpreadsheetCell(value);
                if (value.empty()) {
                    throw InputError(file_, "the name is empty", line, column);
                }
                break;
            case Column::Affiliation:
                participant.affiliation = restoreSpreadsheetCell(value);
                break;
            case Column::Role:
                if (const auto role = parseRole(value)) {
                    participant.role = *role;
                } else {
                    throw InputError(file_,
                                     inQuotes(value) + " in column " + inQuotes(header.header) +
                                         " is not a role: use host or guest",
                                     line, column);
                }
                break;
            case Column::Table:
                participant.table = parseNumber(value, "table", line, column);
                break;
            case Column::FromRound:
                participant.fromRound = parseNumber(value, "round", line, column);
                break;
            case Column::UntilRound:
                participant.untilRound = parseNumber(value, "round", line, column);
                break;
            }
        }
        rows_.push_back(std::move(row));
    }

    // Ids are settled once every row is read: a single code ("S-0001", "007") makes the whole id column the
    // organiser's own ids, kept as external ids, and worldcafe numbers the people itself.
    void finish(ParticipantId firstFreeId) {
        const bool internal = allIdsInternal_ || hasExternalIdColumn_;
        std::map<ParticipantId, int> internalLines;
        std::map<std::string, int, std::less<>> externalLines;
        for (Row& row : rows_) {
            if (!row.id.empty() && internal) {
                const auto id = parsePositive(row.id);
                if (!id) {
                    throw InputError(file_,
                                     inQuotes(row.id) +
                                         " is not a participant id (a whole number from 1); the file has an "
                                         "external_id column, so the id column holds worldcafe's own numbers",
                                     row.idLine, row.idColumn);
                }
                if (const auto previous = internalLines.find(*id); previous != internalLines.end()) {
                    throw InputError(file_,
                                     "id " + std::to_string(*id) + " is used twice, on line " +
                                         std::to_string(previous->second) + " and line " + std::to_string(row.idLine),
                                     row.idLine, row.idColumn);
                }
                internalLines.emplace(*id, row.idLine);
                row.participant.id = *id;
            } else if (!row.id.empty()) {
                row.participant.externalId = row.id;
            }
            const std::string& external = row.participant.externalId;
            if (!external.empty()) {
                if (const auto previous = externalLines.find(external); previous != externalLines.end()) {
                    throw InputError(file_,
                                     "id " + inQuotes(external) + " is used twice, on line " +
                                         std::to_string(previous->second) + " and line " +
                                         std::to_string(row.externalLine),
                                     row.externalLine, row.externalColumn);
                }
                externalLines.emplace(external, row.externalLine);
            }
        }
        ParticipantId next = std::max<ParticipantId>(firstFreeId, 1);
        result_.participants.reserve(rows_.size());
        for (Row& row : rows_) {
            if (row.participant.id == 0) {
                while (internalLines.contains(next)) {
                    ++next;
                }
                row.participant.id = next++;
            }
            result_.participants.push_back(std::move(row.participant));
        }
    }

private:
    int parseNumber(const std::string& value, const char* what, int line, int column) const {
        if (value.empty()) {
            return 0;
        }
        const auto number = parsePositive(value);
        if (!number || *number > std::numeric_limits<int>::max()) {
            throw InputError(file_, inQuotes(value) + " is not a " + what + " number", line, column);
        }
        return static_cast<int>(*number);
    }

    const std::filesystem::path& file_;
    ParticipantImport& result_;
    std::vector<HeaderColumn> columns_;
    bool hasExternalIdColumn_ = false;
    bool allIdsInternal_ = true;
    std::vector<Row> rows_;
};

}  // namespace

namespace detail {

ParticipantImport participantsFromRecords(const std::vector<CsvRecord>& records, const std::filesystem::path& file,
                                          ParticipantId firstFreeId, const ImportProgress& progress) {
    if (records.empty()) {
        throw InputError(file, "the file is empty: a header row with a 'name' column is required", 1, 0);
    }
    ParticipantImport result;
    ParticipantReader reader(file, result);
    reader.readHeader(records.front());
    const std::size_t total = records.size() - 1;
    for (std::size_t index = 1; index < records.size(); ++index) {
        reader.readRow(records[index]);
        if (progress && index % 4096 == 0) {
            progress(index, total);
        }
    }
    reader.finish(firstFreeId);
    if (progress) {
        progress(total, total);
    }
    return result;
}

}  // namespace detail

std::vector<std::vector<std::string>> parseCsv(std::string_view bytes, const std::filesystem::path& file) {
    std::vector<std::vector<std::string>> records;
    for (CsvRecord& record : CsvReader(bytes, file).read()) {
        std::vector<std::string> fields;
        fields.reserve(record.fields.size());
        for (CsvField& field : record.fields) {
            fields.push_back(std::move(field.text));
        }
        records.push_back(std::move(fields));
    }
    return records;
}

ParticipantImport parseParticipantsCsv(std::string_view bytes, const std::filesystem::path& file,
                                       ParticipantId firstFreeId, const ImportProgress& progress) {
    const DecodedText decoded = decodeText(bytes, file);
    const char delimiter = detectDelimiter(decoded.text);
    ParticipantImport result =
        detail::participantsFromRecords(CsvReader(decoded.text, file, delimiter).read(), file, firstFreeId, progress);
    if (decoded.converted()) {
        result.warnings.insert(result.warnings.begin(),
                               "read as " + decoded.encoding +
                                   (decoded.encoding == "CP949" ? " (Korean Windows, Excel's \"CSV\")"
                                                                : " (Excel's \"Unicode text\")") +
                                   " and converted to UTF-8");
    }
    return result;
}

std::string readInputFile(const std::filesystem::path& file) {
    errno = 0;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw InputError(file, "cannot read " + file.string() + ": " + std::strerror(errno));
    }
    std::string bytes;
    std::array<char, 64 * 1024> buffer{};
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
        bytes.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        throw InputError(file, "cannot read " + file.string() + ": " + std::strerror(errno));
    }
    return bytes;
}

ParticipantImport readParticipantsCsv(const std::filesystem::path& file, ParticipantId firstFreeId,
                                      const ImportProgress& progress) {
    return parseParticipantsCsv(readInputFile(file), file, firstFreeId, progress);
}

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::vector<std::string> extraColumnNames(const std::vector<Participant>& participants) {
    std::vector<std::string> names;
    std::map<std::string, std::size_t, std::less<>> seen;
    for (const Participant& participant : participants) {
        for (const ExtraField& field : participant.extra) {
            if (seen.emplace(headerKey(field.name), names.size()).second) {
                names.push_back(field.name);
            }
        }
    }
    return names;
}

std::string_view extraValue(const Participant& participant, std::string_view name) {
    const std::string key = headerKey(name);
    for (const ExtraField& field : participant.extra) {
        if (headerKey(field.name) == key) {
            return field.value;
        }
    }
    return {};
}

std::string_view emailOf(const Participant& participant) {
    for (const ExtraField& field : participant.extra) {
        const std::string key = headerKey(field.name);
        if (key == "email" || key == "이메일" || key == "emailaddress" || key == "메일") {
            return field.value;
        }
    }
    return {};
}

std::string formatParticipantsCsv(const std::vector<Participant>& participants) {
    const auto number = [](std::int64_t value) { return value == 0 ? std::string() : std::to_string(value); };
    const bool external = std::any_of(participants.begin(), participants.end(),
                                      [](const Participant& participant) { return !participant.externalId.empty(); });
    const std::vector<std::string> extras = extraColumnNames(participants);
    std::string out = "id,name,affiliation,role,table,from_round,until_round";
    if (external) {
        out += ",external_id";
    }
    for (const std::string& name : extras) {
        out += ',';
        out += spreadsheetCsvField(name);
    }
    out += '\n';
    for (const Participant& participant : participants) {
        out += number(participant.id);
        out += ',';
        out += spreadsheetCsvField(participant.name);
        out += ',';
        out += spreadsheetCsvField(participant.affiliation);
        out += ',';
        out += participant.role == Role::Host ? "host" : "guest";
        out += ',';
        out += number(participant.table);
        out += ',';
        out += number(participant.fromRound);
        out += ',';
        out += number(participant.untilRound);
        if (external) {
            out += ',';
            out += spreadsheetCsvField(participant.externalId);
        }
        for (const std::string& name : extras) {
            out += ',';
            out += spreadsheetCsvField(extraValue(participant, name));
        }
        out += '\n';
    }
    return out;
}

}  // namespace worldcafe
