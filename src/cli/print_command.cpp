#include "print_command.hpp"

#include <iostream>

#include "command_line.hpp"
#include "worldcafe/engine.hpp"
#include "worldcafe/printables.hpp"

namespace worldcafe::cli {

int runPrint(const std::string& session, const std::string& what, const std::string& out, const std::string& base) {
    auto engine = Engine::open(session, OpenOptions{.readOnly = true});
    Printable printable = what == "tents" ? Printable::TableTents : Printable::ItineraryCards;
    const PrintLinks links = base.empty() ? PrintLinks{} : printLinks(base);
    if (!writeCommandOutput("print", out, formatPrintableHtml(engine->session(), printable, links))) return kExitUsage;
    const Session& s = engine->session();
    std::cout << out << ": " << (printable == Printable::TableTents ? s.tables.size() : s.participants.size())
              << (printable == Printable::TableTents ? " table tents" : " itinerary cards")
              << (s.plan.empty() && printable == Printable::ItineraryCards ? " (no plan yet: rounds show '?')" : "")
              << "\n";
    return kExitOk;
}

}  // namespace worldcafe::cli
