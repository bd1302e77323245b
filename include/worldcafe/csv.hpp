#pragma once
// Participants as CSV: `id,name,affiliation,role,table,from_round,until_round`. Header names are matched
// case-insensitively, Korean headers (이름, 소속, 역할, 테이블, ...) are accepted, only `name` is required.
// RFC 4180 quoting, UTF-8 with or without BOM, CP949 or UTF-16 with a BOM (converted, with a warning), comma,
// semicolon or tab separated, CRLF or LF, text normalised to NFC.
// Ids: an `id` column of worldcafe's own numbers (1, 2, ...) gives the participants' ids. Any other text there
// ("S-0001", "007", an e-mail address) is the organiser's own id: kept as Participant::externalId, and the people are
// numbered in row order. An `external_id` column holds the organiser's ids beside worldcafe's numbers (the export
// writes one). Any other named column (email, phone, ...) is kept in Participant::extra and written back.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe {

// RFC 4180 records. Throws InputError naming `file`, the line and the column (e.g. an unterminated quote).
std::vector<std::vector<std::string>> parseCsv(std::string_view bytes, const std::filesystem::path& file);

struct ParticipantImport {
    std::vector<Participant> participants;
    std::vector<std::string> warnings;  // the encoding converted, tolerated oddities ("column 4 has no name")
};

// Rows done of rows in all, every few thousand rows and once at the end: a large list takes a moment.
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

// `firstFreeId` numbers rows without an id (row order), skipping ids already used in the file.
// Throws InputError with line and column for a bad value ("line 4, column 5 (table): 'x' is not a table number").
ParticipantImport parseParticipantsCsv(std::string_view bytes, const std::filesystem::path& file,
                                       ParticipantId firstFreeId = 1, const ImportProgress& progress = {});
ParticipantImport readParticipantsCsv(const std::filesystem::path& file, ParticipantId firstFreeId = 1,
                                      const ImportProgress& progress = {});
// The whole file, or InputError ("cannot read ...").
std::string readInputFile(const std::filesystem::path& file);

// The extra columns of these participants, in order of first appearance (header names compared like the header).
std::vector<std::string> extraColumnNames(const std::vector<Participant>& participants);
// The value of an extra column, empty when the participant has none.
std::string_view extraValue(const Participant& participant, std::string_view name);
// The extra column named email, e-mail, "E-mail Address" or 이메일; empty when there is none.
std::string_view emailOf(const Participant& participant);

// The same columns, then external_id (when any participant has one) and the extra columns; header in English, UTF-8 without BOM, LF line ends, quoting only where needed.
std::string formatParticipantsCsv(const std::vector<Participant>& participants);

// Quotes a field when it holds a comma, quote, CR or LF.
std::string csvField(std::string_view text);

}  // namespace worldcafe
