#pragma once
// Participants from an Excel workbook (.xlsx): the first worksheet in the workbook's order, read with the same header
// rules, id rules and messages as a CSV (see csv.hpp); the line of a message is the sheet's row number and its
// column the sheet's column (A = 1).
// Cells: shared strings (rich text runs joined, phonetic guides left out), inline strings, numbers (a whole number
// reads without a fraction: 1001, not 1001.0; others with up to 15 significant digits, as Excel shows them),
// booleans (TRUE/FALSE), formula results as cached by the program that saved the file. Dates read as Excel's serial
// numbers. Empty cells and missing cells are blank.
// Limits, so that a small hostile file (a zip bomb) cannot exhaust memory: each part is decompressed as a stream and
// refused past 128 MiB of XML (workbook and relationships: 16 MiB; a 100,000-row list is ~30 MiB); at most 1,000,000
// shared strings holding 64 MiB of text; at most 4,000,000 cells (gaps included) holding 128 MiB of text; 1,048,576
// rows and 16,384 columns (Excel's own limits). Past a limit the import is refused with a message saying which.
// At most a few hundred MiB of memory, then, whatever the file.

#include <filesystem>
#include <string_view>

#include "worldcafe/csv.hpp"

namespace worldcafe {

// Throws InputError naming `file`: not a zip archive, an old .xls or password-protected workbook, no worksheet,
// malformed XML (with the part's line and column), a limit passed, or a bad value (sheet row and column).
ParticipantImport parseParticipantsXlsx(std::string_view bytes, const std::filesystem::path& file,
                                        ParticipantId firstFreeId = 1, const ImportProgress& progress = {});
ParticipantImport readParticipantsXlsx(const std::filesystem::path& file, ParticipantId firstFreeId = 1,
                                       const ImportProgress& progress = {});

// By the file's extension: .xlsx as a workbook, anything else as CSV.
bool isXlsxFile(const std::filesystem::path& file);
ParticipantImport readParticipantsFile(const std::filesystem::path& file, ParticipantId firstFreeId = 1,
                                       const ImportProgress& progress = {});

}  // namespace worldcafe
