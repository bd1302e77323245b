#include "server/tokens.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "worldcafe/errors.hpp"

namespace worldcafe::server {

std::string newTableToken() {
    unsigned char bytes[16];
    std::size_t filled = 0;
    while (filled < sizeof bytes) {
        ssize_t n = ::getrandom(bytes + filled, sizeof bytes - filled, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error(std::string("no random bytes for a table token: ") + std::strerror(errno));
        filled += static_cast<std::size_t>(n);
    }
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string token;
    unsigned bits = 0;
    int bitCount = 0;
    for (unsigned char byte : bytes) {
        bits = (bits << 8) | byte;
        bitCount += 8;
        while (bitCount >= 6) {
            bitCount -= 6;
            token.push_back(kAlphabet[(bits >> bitCount) & 0x3F]);
        }
    }
    if (bitCount > 0) token.push_back(kAlphabet[(bits << (6 - bitCount)) & 0x3F]);
    return token;
}

std::optional<Action> tokenIssuingAction(const Session& session, std::optional<TableNumber> rotate) {
    if (rotate && !session.findTable(*rotate))
        throw ActionRejected("there is no table " + std::to_string(*rotate) + " to give a new link");
    Batch batch{rotate ? "new link for table " + std::to_string(*rotate) : "table links", {}};
    for (const Table& table : session.tables) {
        if (!table.token.empty() && !(rotate && table.number == *rotate)) continue;
        Table updated = table;
        updated.token = newTableToken();
        batch.actions.push_back(Put<Table>{updated});
    }
    if (batch.actions.empty()) return std::nullopt;
    return Action{std::move(batch)};
}

const Table* tableByToken(const Session& session, std::string_view token) {
    if (token.empty()) return nullptr;
    const Table* found = nullptr;
    for (const Table& table : session.tables) {
        if (table.token.size() != token.size()) continue;
        unsigned char difference = 0;
        for (std::size_t i = 0; i < token.size(); ++i)
            difference |= static_cast<unsigned char>(table.token[i] ^ token[i]);
        if (difference == 0) found = &table;
    }
    return found;
}

}  // namespace worldcafe::server
