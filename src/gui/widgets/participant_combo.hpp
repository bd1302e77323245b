#pragma once

#include "worldcafe/model.hpp"

namespace worldcafe::gui {

// A combo listing the session's participants with a search field at the top, for sessions with a hundred names.
// `noneKey` (an i18n key) adds a first entry meaning "nobody" (id 0); nullptr leaves it out.
// Returns true in the frame the user picks, with the choice in `picked`.
bool participantCombo(const char* id, const Session& session, ParticipantId current, ParticipantId& picked,
                      const char* noneKey, const char* placeholderKey = nullptr);

// "Name (affiliation)", or just the name.
std::string participantLabel(const Participant& participant);

}  // namespace worldcafe::gui
