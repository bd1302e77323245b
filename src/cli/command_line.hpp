#pragma once
// The command line: `worldcafe [SESSION]` opens the GUI; subcommands work headless.
// Exit status: 0 success, 1 the check found problems, 2 bad usage or unreadable input.

#include <filesystem>
#include <string>
#include <string_view>

#include "worldcafe/csv.hpp"

namespace worldcafe::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;
inline constexpr int kExitUsage = 2;

int run(int argc, char** argv);

// "1 table", "3 tables": the command line speaks English, which needs the singular.
std::string countOf(long long count, const char* singular, const char* plural);

// Writes a command's output file atomically and says what happened. Returns false after telling on stderr that
// `file` was left as it was (or not created). A folder that could not be synced after the rename is only a warning:
// the file is written and reads back complete, which is what the command was asked for.
bool writeCommandOutput(const std::string& command, const std::filesystem::path& file, std::string_view bytes);

// "; FILE was left as it was" or "; FILE was not created", for a failed write.
std::string leftAsItWas(const std::filesystem::path& file, bool existedBefore);

// Participants from a CSV or .xlsx file (by its extension), its warnings on stderr, and for a large list (10,000 rows
// or more) the rows read so far on stderr, so that a long import is seen to move.
ParticipantImport importParticipants(const std::filesystem::path& file);

}  // namespace worldcafe::cli
