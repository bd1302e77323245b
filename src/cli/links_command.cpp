#include "links_command.hpp"

#include <CLI/CLI.hpp>
#include "rapidjson_config.hpp"  // first: RapidJSON is configured once, for every file that parses JSON
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>

#include "command_line.hpp"
#include "server/network.hpp"
#include "server/tokens.hpp"
#include "worldcafe/engine.hpp"

namespace worldcafe::cli {

CLI::App* addLinksCommand(CLI::App& app, LinksCommandOptions& options) {
    CLI::App* command = app.add_subcommand("links", "Print the guests' link and each table's host link");
    command->add_option("session", options.session, "Session file")->required();
    command->add_option("--base", options.base, "Base URL (default: http://THIS-LAPTOP:8080)");
    command->add_option("--format", options.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    command->add_option("--rotate", options.rotate, "Give this table a new link; the old one stops working")
        ->check(CLI::Range(1, 100000));
    return command;
}

int runLinks(const LinksCommandOptions& options) {
    std::string base = options.base;
    if (base.empty()) {
        std::vector<std::string> addresses = server::usableAddresses();
        base = "http://" + (addresses.empty() ? std::string("127.0.0.1") : addresses.front()) + ":8080";
    }
    while (!base.empty() && base.back() == '/') base.pop_back();

    // Reading needs no lock; only issuing tokens (new tables, --rotate) writes, through an action, and saves.
    std::unique_ptr<Engine> engine = Engine::open(options.session, OpenOptions{.readOnly = true});
    std::optional<TableNumber> rotate;
    if (options.rotate > 0) rotate = options.rotate;
    if (server::tokenIssuingAction(engine->session(), rotate)) {
        engine.reset();
        engine = Engine::open(options.session);
        if (auto issue = server::tokenIssuingAction(engine->session(), rotate)) engine->apply(*issue);
        engine->save();
        if (rotate) std::cerr << options.session << ": table " << *rotate << " has a new link; the old one no longer works\n";
    }
    const Session& session = engine->session();
    if (options.format == "json") {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
        w.StartObject();
        w.Key("participants");
        w.String((base + "/").c_str());
        w.Key("tables");
        w.StartArray();
        for (const Table& table : session.tables) {
            w.StartObject();
            w.Key("table");
            w.Int(table.number);
            w.Key("url");
            w.String((base + "/t/" + table.token).c_str());
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        std::cout << buffer.GetString() << "\n";
    } else {
        std::cout << "participants: " << base << "/\n";
        for (const Table& table : session.tables)
            std::cout << "table " << table.number << ": " << base << "/t/" << table.token << "\n";
    }
    return kExitOk;
}

}  // namespace worldcafe::cli
