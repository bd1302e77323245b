// [SECTION] index
// - journal framing: header, records (length, CRC32, sequence, action JSON)
// - reading a journal back: the records before the first damage

#include "journal.hpp"

#include <zlib.h>

#include <algorithm>

#include "session_format.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/errors.hpp"

namespace worldcafe {

std::filesystem::path journalPathFor(const std::filesystem::path& file) { return file.string() + ".journal"; }

// [SECTION] journal framing

namespace {

constexpr char kJournalMagic[8] = {'W', 'C', 'A', 'F', 'E', 'J', '1', '\n'};
constexpr std::size_t kRecordHeaderSize = 16;  // u32 length, u32 crc, u64 sequence
// A session's largest action (a whole plan, an import) is far below this; a larger length is damage.
constexpr std::uint32_t kMaxRecordPayload = 256u << 20;

void putU32(std::string& out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}
void putU64(std::string& out, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}
std::uint32_t getU32(std::string_view in, std::size_t at) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    return value;
}
std::uint64_t getU64(std::string_view in, std::size_t at) {
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    return value;
}

std::uint32_t checksum(std::string_view bytes) {
    uLong crc = ::crc32(0L, Z_NULL, 0);
    while (!bytes.empty()) {
        uInt chunk = static_cast<uInt>(std::min<std::size_t>(bytes.size(), 1u << 30));
        crc = ::crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), chunk);
        bytes.remove_prefix(chunk);
    }
    return static_cast<std::uint32_t>(crc);
}

}  // namespace

std::string journalHeader(const std::string& sessionId) {
    std::string header(kJournalMagic, sizeof kJournalMagic);
    putU32(header, static_cast<std::uint32_t>(sessionId.size()));
    header += sessionId;
    putU32(header, checksum(sessionId));
    return header;
}

std::string journalRecord(std::uint64_t sequence, std::string_view payload) {
    std::string sequenceBytes;
    putU64(sequenceBytes, sequence);
    std::string record;
    record.reserve(kRecordHeaderSize + payload.size());
    putU32(record, static_cast<std::uint32_t>(payload.size()));
    putU32(record, checksum(sequenceBytes + std::string(payload)));
    record += sequenceBytes;
    record += payload;
    return record;
}

// [SECTION] reading a journal back

JournalScan scanJournal(std::string_view bytes, const std::string& sessionId, const std::filesystem::path& path) {
    JournalScan scan;
    std::string header = journalHeader(sessionId);
    if (bytes.size() < header.size() || bytes.substr(0, header.size()) != header) {
        bool ourMagic = bytes.size() >= sizeof kJournalMagic &&
                        bytes.substr(0, sizeof kJournalMagic) == std::string_view(kJournalMagic, sizeof kJournalMagic);
        scan.problem = bytes.size() < header.size() && ourMagic ? "the journal header is incomplete"
                       : ourMagic ? "the journal belongs to another session"
                                  : "the journal is not a worldcafe journal";
        scan.damagedBytes = bytes.size();
        return scan;
    }
    std::size_t offset = header.size();
    int recordNumber = 0;
    while (offset < bytes.size()) {
        ++recordNumber;
        std::string where = "record " + std::to_string(recordNumber) + " at byte " + std::to_string(offset);
        std::size_t remaining = bytes.size() - offset;
        if (remaining < kRecordHeaderSize) {
            scan.problem = "the journal ends in a partly written record (" + where + ")";
            break;
        }
        std::uint32_t length = getU32(bytes, offset);
        if (length > kMaxRecordPayload) {
            scan.problem = "journal " + where + " is damaged (impossible length)";
            break;
        }
        if (remaining - kRecordHeaderSize < length) {
            scan.problem = "the journal ends in a partly written record (" + where + ")";
            break;
        }
        std::string_view covered = bytes.substr(offset + 8, 8 + length);
        if (checksum(covered) != getU32(bytes, offset + 4)) {
            scan.problem = "journal " + where + " is damaged (checksum mismatch)";
            break;
        }
        std::uint64_t sequence = getU64(bytes, offset + 8);
        if (!scan.records.empty() && sequence != scan.records.back().sequence + 1) {
            scan.problem = "journal " + where + " is out of order";
            break;
        }
        try {
            Action action = parseActionJson(bytes.substr(offset + kRecordHeaderSize, length), path);
            scan.records.push_back(JournalRecord{sequence, offset, std::move(action)});
        } catch (const InputError& error) {
            scan.problem = "journal " + where + " cannot be read (" + error.detail + ")";
            break;
        }
        offset += kRecordHeaderSize + length;
    }
    scan.validBytes = offset;
    scan.damagedBytes = bytes.size() - offset;
    return scan;
}

}  // namespace worldcafe
