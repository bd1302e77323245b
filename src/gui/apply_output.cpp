#include "apply_output.hpp"

#include "i18n.hpp"
#include "worldcafe/errors.hpp"

namespace worldcafe::gui {

int applyPanelOutput(Engine& engine, const PanelOutput& output, Toasts& toasts) {
    for (const Notice& notice : output.notices) toasts.push(notice);
    if (output.actions.empty()) return 0;
    if (engine.readOnly()) {
        toasts.push(NoticeKind::Warning, tr("readonly.cannot_edit"));
        return 0;
    }
    int applied = 0;
    for (const Action& action : output.actions) {
        try {
            engine.apply(action);
            ++applied;
        } catch (const ActionRejected& rejected) {
            toasts.push(NoticeKind::Warning, trf("error.rejected", {rejected.what()}));
            break;
        } catch (const std::exception& error) {
            toasts.push(NoticeKind::Error, trf("error.apply_failed", {error.what()}));
            break;
        }
    }
    return applied;
}

}  // namespace worldcafe::gui
