#pragma once
// Participants as CSV: `id,name,affiliation,role,table,from_round,until_round`. Header names are matched
// case-insensitively, Korean headers (이름, 소속, 역할, 테이블, ...) are accepted, only `name` is required.
// RFC 4180 quoting, UTF-8 with or without BOM, CRLF or LF, text normalised to NFC.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe {

// RFC 4180 records. Throws InputError naming `file`, the line and the column (e.g. an unterminated quote).
std::vector<std::vector<std::string>> parseCsv(std::string_view bytes, const std::filesystem::path& file);

struct ParticipantImport {
    std::vector<Participant> participants;
    std::vector<std::string> warnings;  // tolerated oddities, e.g. "line 7: unknown column 'email' ignored"
};

// `firstFreeId` numbers rows without an id (row order), skipping ids already used in the file.
// Throws InputError with line and column for a bad value ("line 4, column 5 (table): 'x' is not a table number").
ParticipantImport parseParticipantsCsv(std::string_view bytes, const std::filesystem::path& file,
                                       ParticipantId firstFreeId = 1);
ParticipantImport readParticipantsCsv(const std::filesystem::path& file, ParticipantId firstFreeId = 1);

// The same columns, header in English, UTF-8 without BOM, LF line ends, quoting only where needed.
std::string formatParticipantsCsv(const std::vector<Participant>& participants);

// Quotes a field when it holds a comma, quote, CR or LF.
std::string csvField(std::string_view text);

}  // namespace worldcafe
