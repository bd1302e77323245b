// libFuzzer target: one journalled action (its JSON) applied to the bundled Korean sample session, as a journal replay
// does. Invariants: only InputError and ActionRejected escape; a rejected action leaves the session as it was; an
// applied one is undone exactly by its inverse, and the changed session still formats and parses back unchanged.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <fstream>
#include <sstream>

#include "fuzz_support.hpp"
#include "session_format.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/validation.hpp"

using namespace worldcafe;

namespace {

const Session& sample() {
    static const Session session = [] {
        const std::filesystem::path file = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions/green-procurement-2019.wcafe";
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return parseSnapshot(bytes.str(), file).session;
    }();
    return session;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Action action;
    try {
        action = parseActionJson(bytes, "fuzz.wcafe.journal");
    } catch (const InputError&) {
        return 0;
    }
    Session session = sample();
    Action inverse;
    try {
        inverse = applyAction(session, action);
    } catch (const ActionRejected&) {
        FUZZ_REQUIRE(session == sample());
        return 0;
    }
    validate(session);
    const Snapshot back = parseSnapshot(formatSnapshot(session, 1), "again.wcafe");
    FUZZ_REQUIRE(back.session == session);
    applyAction(session, inverse);
    FUZZ_REQUIRE(session == sample());
    return 0;
}
