#pragma once
// The session's file formats: the JSON snapshot and the JSON text of one journalled action. Private to the core.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "worldcafe/actions.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe {

inline constexpr const char* kSessionFormatName = "worldcafe-session";
inline constexpr int kSessionFormatVersion = 1;

struct Snapshot {
    Session session;
    std::uint64_t sequence = 0;  // of the last journalled action this snapshot contains
    int version = kSessionFormatVersion;
};

std::string formatSnapshot(const Session& session, std::uint64_t sequence);

// Throws InputError with file, line, column and what was expected; NewerVersionError for a newer format unless
// `acceptNewer` (a read-only look at a newer file: it loads when its changes are only additions).
Snapshot parseSnapshot(std::string_view json, const std::filesystem::path& file, bool acceptNewer = false);

std::string formatActionJson(const Action& action);
Action parseActionJson(std::string_view json, const std::filesystem::path& file);

}  // namespace worldcafe
