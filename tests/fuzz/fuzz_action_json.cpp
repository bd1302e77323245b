// libFuzzer target: the JSON payload of one journal record through parseActionJson.
// Invariants: only InputError escapes; what loads survives a format/parse round trip.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "session_format.hpp"
#include "worldcafe/errors.hpp"

using namespace worldcafe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Action action;
    try {
        action = parseActionJson(bytes, "fuzz.wcafe.journal");
    } catch (const InputError&) {
        return 0;
    }
    const Action back = parseActionJson(formatActionJson(action), "again.wcafe.journal");
    FUZZ_REQUIRE(back == action);
    describeAction(action);
    return 0;
}
