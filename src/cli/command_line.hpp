#pragma once
// The command line: `worldcafe [SESSION]` opens the GUI; subcommands work headless.
// Exit status: 0 success, 1 the check found problems, 2 bad usage or unreadable input.

namespace worldcafe::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;
inline constexpr int kExitUsage = 2;

int run(int argc, char** argv);

}  // namespace worldcafe::cli
