#pragma once
// Panels emit the core's edit rules (worldcafe/edit_rules.hpp) rather than writing cascades of their own. The core
// may refuse an edit (notes would lose their table); the panel then says why, as the engine's refusals are said.

#include "i18n.hpp"
#include "panel.hpp"
#include "worldcafe/errors.hpp"

namespace worldcafe::gui {

template <class Build>
void emitEdit(PanelOutput& out, Build&& build) {
    try {
        out.emit(build());
    } catch (const ActionRejected& rejected) {
        out.notify(NoticeKind::Warning, trf("error.rejected", {rejected.what()}));
    }
}

}  // namespace worldcafe::gui
