#pragma once
// The undo and redo menus' plain words: an ActionLabel from the core, rendered in the language on screen.

#include <string>

#include "worldcafe/actions.hpp"

namespace worldcafe::gui {

// "delete participant '김민수'" / "참가자 '김민수' 삭제". Parts fill {0}, {1}, ... first, the label's args follow.
std::string actionWords(const ActionLabel& label);

}  // namespace worldcafe::gui
