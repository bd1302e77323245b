#pragma once
// The rows of a registration list, from a CSV or an XLSX sheet, before they become participants: both formats share
// the header rules, the id rules and the messages.

#include <filesystem>
#include <string>
#include <vector>

#include "worldcafe/csv.hpp"

namespace worldcafe::detail {

struct CsvField {
    std::string text;
    int line = 0;    // a CSV line, or a sheet row
    int column = 0;  // where the field starts (its opening quote, if quoted), in characters; or the sheet column
};

struct CsvRecord {
    std::vector<CsvField> fields;
    int line = 0;
};

// The first record is the header. Throws InputError with the field's line and column.
ParticipantImport participantsFromRecords(const std::vector<CsvRecord>& records, const std::filesystem::path& file,
                                          ParticipantId firstFreeId, const ImportProgress& progress);

}  // namespace worldcafe::detail
