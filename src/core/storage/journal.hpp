#pragma once
// The session's journal, NAME.wcafe.journal: every action since the last Save, each framed with its length, a CRC32
// and its sequence number, so that a torn or damaged tail is found and set aside, never replayed. Private to the core.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "worldcafe/actions.hpp"

namespace worldcafe {

// The journal's first bytes: magic, then the session id, so that a journal is never replayed onto another session.
std::string journalHeader(const std::string& sessionId);
std::string journalRecord(std::uint64_t sequence, std::string_view payload);

struct JournalRecord {
    std::uint64_t sequence = 0;
    std::size_t offset = 0;
    Action action;
};

struct JournalScan {
    std::vector<JournalRecord> records;
    std::size_t validBytes = 0;    // the prefix that can stay
    std::uint64_t damagedBytes = 0;
    std::string problem;           // why the rest cannot be used
};

// The records of `bytes` that can be trusted, up to the first damage, and why the rest cannot be used.
JournalScan scanJournal(std::string_view bytes, const std::string& sessionId, const std::filesystem::path& path);

}  // namespace worldcafe
