#include "revert_dialogs.hpp"

#include <algorithm>
#include <ctime>

#include "app_internal.hpp"
#include "i18n.hpp"

namespace worldcafe::gui {

using app_detail::fileName;

namespace {

std::string localTime(std::int64_t seconds, bool withSeconds) {
    std::time_t when = static_cast<std::time_t>(seconds);
    std::time_t now = std::time(nullptr);
    std::tm local{};
    std::tm today{};
    ::localtime_r(&when, &local);
    ::localtime_r(&now, &today);
    bool sameDay = local.tm_year == today.tm_year && local.tm_yday == today.tm_yday;
    const char* format = sameDay ? (withSeconds ? "%H:%M:%S" : "%H:%M")
                                 : (withSeconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M");
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &local);
    return buffer;
}

}  // namespace

std::string describeChanges(const ChangeSummary& changes) {
    using Kind = ChangeSummary::Kind;
    // One and other forms: English counts "1 note", "3 notes"; Korean uses the same text for both.
    struct Forms {
        Kind kind;
        const char* one;
        const char* other;
    };
    static const Forms forms[] = {
        {Kind::Event, "revert.kind.event.one", "revert.kind.event.other"},
        {Kind::Rounds, "revert.kind.rounds.one", "revert.kind.rounds.other"},
        {Kind::Menus, "revert.kind.menus.one", "revert.kind.menus.other"},
        {Kind::Tables, "revert.kind.tables.one", "revert.kind.tables.other"},
        {Kind::Participants, "revert.kind.participants.one", "revert.kind.participants.other"},
        {Kind::Rules, "revert.kind.rules.one", "revert.kind.rules.other"},
        {Kind::Plan, "revert.kind.plan.one", "revert.kind.plan.other"},
        {Kind::Notes, "revert.kind.notes.one", "revert.kind.notes.other"},
        {Kind::Themes, "revert.kind.themes.one", "revert.kind.themes.other"},
        {Kind::Timer, "revert.kind.timer.one", "revert.kind.timer.other"},
        {Kind::Votes, "revert.kind.votes.one", "revert.kind.votes.other"},
    };
    std::string text;
    auto add = [&text](std::string part) {
        if (!text.empty()) text += tr("revert.separator");
        text += part;
    };
    for (const Forms& form : forms) {
        int count = changes.count(form.kind);
        if (count > 0) add(trf(count == 1 ? form.one : form.other, {std::to_string(count)}));
    }
    if (changes.notInJournal > 0) add(trf(changes.notInJournal == 1 ? "revert.kind.earlier_one" : "revert.kind.earlier", {std::to_string(changes.notInJournal)}));
    if (text.empty()) text = tr("revert.kind.none");
    if (changes.savedAt > 0) text = trf("revert.since", {text, localTime(changes.savedAt, false)});
    return text;
}

void askRevert(Modals& modals, const EngineSource& source, Toasts& toasts) {
    Engine* engine = source();
    if (!engine) return;
    if (!engine->canRevert()) {
        toasts.push(NoticeKind::Info, trf("revert.nothing", {fileName(engine->file())}));
        return;
    }
    std::filesystem::path file = engine->file();
    modals.ask(tr("revert.title"), trf("revert.message", {describeChanges(engine->changesSinceSave()), fileName(file)}),
               {{tr("revert.confirm"),
                 [source, file, &toasts] {
                     Engine* engine = source();
                     if (!engine || engine->file() != file) return;
                     try {
                         std::filesystem::path kept = engine->revertToLastSave();
                         if (kept.empty())
                             toasts.push(NoticeKind::Info, trf("revert.nothing", {fileName(file)}));
                         else
                             toasts.push(NoticeKind::Success, trf("revert.done", {fileName(kept)}));
                     } catch (const std::exception& error) {
                         toasts.push(NoticeKind::Error, trf("revert.failed", {error.what()}));
                     }
                 }},
                {tr("common.cancel"), {}, true}});
}

void askRecover(Modals& modals, const EngineSource& source, Toasts& toasts) {
    Engine* engine = source();
    if (!engine) return;
    std::filesystem::path file = engine->file();
    std::vector<KeptState> states = Engine::keptStates(file);
    if (states.empty()) {
        toasts.push(NoticeKind::Info, trf("recover.none", {fileName(file)}));
        return;
    }
    // The newest few: older ones stay in the folder, named by their time, for whoever needs them.
    constexpr std::size_t kShown = 6;
    std::vector<ModalChoice> choices;
    for (std::size_t i = 0; i < std::min(states.size(), kShown); ++i) {
        std::filesystem::path kept = states[i].file;
        choices.push_back({trf("recover.choice", {localTime(states[i].keptAt, true)}), [source, file, kept, &toasts] {
                               Engine* engine = source();
                               if (!engine || engine->file() != file) return;
                               try {
                                   std::filesystem::path keptNow = engine->recover(kept);
                                   if (keptNow.empty())
                                       toasts.push(NoticeKind::Info, trf("recover.same", {fileName(kept)}));
                                   else
                                       toasts.push(NoticeKind::Success,
                                                   trf("recover.done", {fileName(kept), fileName(keptNow)}));
                               } catch (const std::exception& error) {
                                   toasts.push(NoticeKind::Error, trf("recover.failed", {error.what()}));
                               }
                           }});
    }
    choices.push_back({tr("common.cancel"), {}, true});
    modals.ask(tr("recover.title"), trf("recover.message", {fileName(file), std::to_string(states.size())}),
               std::move(choices));
}

}  // namespace worldcafe::gui
