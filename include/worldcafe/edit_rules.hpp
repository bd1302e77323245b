#pragma once
// What an edit takes with it. A removal or a renumbering touches more than its own item (rules name participants,
// the plan seats them at tables, hosts hold tables); these functions build the whole edit as one action, a Batch
// when it is several, so that it applies, journals and undoes as one step and leaves no reference to something that
// is gone. They read the session and never change it; they throw ActionRejected when the edit cannot be made.
// The GUI's panels emit what they return; the command line and the tests call them the same way.

#include "worldcafe/actions.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe {

// The participant, the rules that name them and their seats in every round of the plan.
Action removeParticipant(const Session& session, ParticipantId id);

// The table and its seats in the plan; its host becomes a guest and guests pinned to it are unpinned.
// Refused while notes from the café belong to the table: they would lose where they were written.
Action removeTable(const Session& session, TableNumber number);

// The menu; the tables that served it have no menu until the organiser picks one (validate() says which).
// Refused while notes or harvest themes belong to the menu.
Action removeMenu(const Session& session, MenuId id);

// Makes `host` (0: nobody) the host of `table`; the former host becomes a guest. A host taken from another table
// leaves that table without a host.
Action assignHost(const Session& session, TableNumber table, ParticipantId host);

// Gives table `from` the number `to`: its host, the guests pinned to it, its seats in the plan and its notes follow.
Action renumberTable(const Session& session, TableNumber from, TableNumber to);

}  // namespace worldcafe
