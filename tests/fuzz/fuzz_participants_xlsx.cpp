// libFuzzer target: a participants workbook (.xlsx) through parseParticipantsXlsx: the zip archive (minizip), the
// XML parts (expat) and the sheet's cells into the CSV's header rules.
// Invariants: only InputError escapes; every imported text is model text (UTF-8, no NUL); names are not empty; ids
// are unique and positive. Memory stays within libFuzzer's -rss_limit_mb (the reader's caps; see xlsx_import.hpp).

#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "fuzz_support.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"
#include "worldcafe/xlsx_import.hpp"

using namespace worldcafe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ParticipantImport imported;
    try {
        imported = parseParticipantsXlsx(bytes, "fuzz.xlsx", 1);
    } catch (const InputError&) {
        return 0;
    }
    std::set<ParticipantId> ids;
    for (const Participant& p : imported.participants) {
        FUZZ_REQUIRE(!findTextFault(p.name));
        FUZZ_REQUIRE(!findTextFault(p.affiliation));
        FUZZ_REQUIRE(!findTextFault(p.externalId));
        for (const ExtraField& field : p.extra) FUZZ_REQUIRE(!findTextFault(field.name) && !findTextFault(field.value));
        FUZZ_REQUIRE(!p.name.empty());
        FUZZ_REQUIRE(p.id > 0);
        FUZZ_REQUIRE(ids.insert(p.id).second);
    }
    return 0;
}
