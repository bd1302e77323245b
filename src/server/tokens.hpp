#pragma once
// Per-table host tokens: 128 random bits, base64url without padding (22 characters), stored in each Table so printed
// tent cards stay valid across restarts. They are issued and rotated by an ordinary action, so they are journalled.

#include <optional>
#include <string>
#include <string_view>

#include "worldcafe/actions.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe::server {

std::string newTableToken();

// The action that gives every table without a token one, and `rotate` (if given) a new one; nullopt when every
// table already has a token and nothing is rotated. Throws ActionRejected for a `rotate` table that does not exist.
std::optional<Action> tokenIssuingAction(const Session& session, std::optional<TableNumber> rotate = std::nullopt);

// The table whose token is `token`, or nullptr. Compares in time independent of where the strings differ.
const Table* tableByToken(const Session& session, std::string_view token);

}  // namespace worldcafe::server
