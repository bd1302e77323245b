// libFuzzer target: a whole snapshot file (NAME.wcafe or its autosave) through parseSnapshot.
// Invariants: only InputError escapes; what loads holds model text only and survives a format/parse round trip.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "session_format.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

using namespace worldcafe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Snapshot snapshot;
    try {
        snapshot = parseSnapshot(bytes, "fuzz.wcafe", /*acceptNewer=*/size > 0 && data[0] == ' ');
    } catch (const InputError&) {
        return 0;
    }
    for (const Participant& p : snapshot.session.participants) FUZZ_REQUIRE(!findTextFault(p.name));
    for (const Note& n : snapshot.session.notes) FUZZ_REQUIRE(!findTextFault(n.text));
    const std::string again = formatSnapshot(snapshot.session, snapshot.sequence);
    FUZZ_REQUIRE(!findTextFault(again));
    const Snapshot back = parseSnapshot(again, "again.wcafe");
    FUZZ_REQUIRE(back.session == snapshot.session);
    FUZZ_REQUIRE(back.sequence == snapshot.sequence);
    return 0;
}
