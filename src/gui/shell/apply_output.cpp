#include "apply_output.hpp"

#include "i18n.hpp"
#include "worldcafe/errors.hpp"

namespace worldcafe::gui {

namespace {

// What one frame emitted, as one action: a single action stays itself (its undo label stays specific), several
// become a Batch, so that the frame's change is all or nothing, one journal record and one undo step.
Action frameAction(const PanelOutput& output) {
    if (output.actions.size() == 1) return output.actions.front();
    Batch batch{{}, output.actions};
    for (const Action& action : output.actions)
        batch.label += (batch.label.empty() ? "" : ", ") + describeAction(action);
    return batch;
}

}  // namespace

int applyPanelOutput(Engine& engine, const PanelOutput& output, Toasts& toasts) {
    for (const Notice& notice : output.notices) toasts.push(notice);
    if (output.actions.empty()) return 0;
    if (engine.readOnly()) {
        toasts.push(NoticeKind::Warning, tr("readonly.cannot_edit"));
        return 0;
    }
    try {
        engine.apply(frameAction(output));
    } catch (const ActionRejected& rejected) {
        toasts.push(NoticeKind::Warning, trf("error.rejected", {rejected.what()}));
        return 0;
    } catch (const std::exception& error) {
        toasts.push(NoticeKind::Error, trf("error.apply_failed", {error.what()}));
        return 0;
    }
    return static_cast<int>(output.actions.size());
}

}  // namespace worldcafe::gui
