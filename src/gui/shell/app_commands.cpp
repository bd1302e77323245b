// The App's file commands: open, new, save, save as, revert, recover, import, export, print and quit.

#include "app.hpp"

#include "app_internal.hpp"
#include "export_panel.hpp"
#include "i18n.hpp"
#include "revert_dialogs.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/printables.hpp"

namespace worldcafe::gui {

using app_detail::fileName;

namespace {

bool sameFile(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code error;
    return std::filesystem::weakly_canonical(a, error) == std::filesystem::weakly_canonical(b, error);
}

}  // namespace

// [SECTION] opening and creating sessions

void App::openAtLaunch(const std::filesystem::path& file) {
    if (file.empty()) return;
    std::error_code error;
    if (std::filesystem::exists(file, error))
        openSession(file);
    else
        createSession(file);
}

void App::openSession(const std::filesystem::path& file, ReadOnlyReason readOnly) {
    if (m_engine && sameFile(m_engine->file(), file) && readOnly == ReadOnlyReason::None) {
        notify(NoticeKind::Info, trf("file.already_open", {fileName(file)}));
        return;
    }
    try {
        OpenOptions options;
        options.readOnly = readOnly != ReadOnlyReason::None;
        adopt(Engine::open(file, options), readOnly);
    } catch (const NewerVersionError& newer) {
        try {
            OpenOptions options;
            options.readOnly = true;
            options.acceptNewerFormat = true;
            adopt(Engine::open(file, options), ReadOnlyReason::NewerVersion);
            m_modals.ask(tr("newer.title"),
                         trf("newer.message", {fileName(file), std::to_string(newer.fileVersion),
                                               std::to_string(newer.supportedVersion)}),
                         {{tr("common.ok"), {}, true}});
        } catch (const std::exception& error) {
            notify(NoticeKind::Error, trf("error.open_failed", {error.what()}));
        }
    } catch (const SessionLockedError& locked) {
        std::string holder = locked.holder.empty() ? tr("locked.another_program") : locked.holder;
        std::string pid = locked.pid > 0 ? std::to_string(locked.pid) : "?";
        std::filesystem::path target = file;
        m_modals.ask(
            tr("locked.title"), trf("locked.message", {fileName(file), holder, pid}),
            {{tr("locked.open_read_only"),
              [this, target] { defer([this, target] { openSession(target, ReadOnlyReason::LockedElsewhere); }); },
              true},
             {tr("common.cancel"), {}}});
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.open_failed", {error.what()}));
    }
}

void App::createSession(const std::filesystem::path& file) {
    Session initial;
    initial.event.language = m_language;
    try {
        adopt(Engine::create(file, std::move(initial)), ReadOnlyReason::None);
        notify(NoticeKind::Success, trf("file.created", {fileName(file)}));
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.create_failed", {fileName(file), error.what()}));
    }
}

// [SECTION] commands

void App::requestQuit() {
    command([this] {
        // Nothing to ask: every acknowledged action is already in the journal (the session is always saved).
        m_quit = true;
    });
}

bool App::save() {
    if (!m_engine) return false;
    if (m_engine->readOnly()) {
        notify(NoticeKind::Warning, tr("readonly.cannot_save"));
        return false;
    }
    try {
        m_engine->save();
        notify(NoticeKind::Success, trf("file.saved", {fileName(m_engine->file())}));
        return true;
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.save_failed", {error.what()}));
        return false;
    }
}

void App::undo() {
    if (!canEdit() || !m_engine->canUndo()) return;
    try {
        m_engine->undo();
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.undo_failed", {error.what()}));
    }
}

void App::redo() {
    if (!canEdit() || !m_engine->canRedo()) return;
    try {
        m_engine->redo();
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.undo_failed", {error.what()}));
    }
}

void App::startNew() {
    m_pickerPurpose = PickerPurpose::New;
    m_picker.open(PathPicker::Mode::Save, "picker.new_title", ".wcafe", pickerFolder(), "cafe.wcafe");
}

void App::startOpen() {
    m_pickerPurpose = PickerPurpose::Open;
    m_picker.open(PathPicker::Mode::Open, "picker.open_title", ".wcafe", pickerFolder());
}

void App::startSaveAs() {
    if (!m_engine || m_readOnlyReason == ReadOnlyReason::NewerVersion) return;
    m_pickerPurpose = PickerPurpose::SaveAs;
    m_picker.open(PathPicker::Mode::Save, "picker.save_as_title", ".wcafe", pickerFolder(), fileName(m_engine->file()));
}

void App::startRevert() {
    if (!canEdit() || m_modals.active()) return;
    askRevert(m_modals, [this] { return canEdit() ? m_engine.get() : nullptr; }, m_toasts);
}

void App::startRecover() {
    if (!canEdit() || m_modals.active()) return;
    askRecover(m_modals, [this] { return canEdit() ? m_engine.get() : nullptr; }, m_toasts);
}

void App::startImport() {
    if (!canEdit()) return;
    for (std::size_t i = 0; i < m_workspaces.size(); ++i) {
        if (!m_workspaces[i]->startImport(pickerFolder())) continue;
        m_workspaceRequest = i;
        return;
    }
}

void App::startExport() {
    if (!m_engine) return;
    m_pickerPurpose = PickerPurpose::ExportParticipants;
    std::string name = m_engine->file().stem().string() + "-participants.csv";
    m_picker.open(PathPicker::Mode::Save, "picker.export_title", ".csv", pickerFolder(), name);
}

void App::handlePickerResult(const std::filesystem::path& file) {
    PickerPurpose purpose = std::exchange(m_pickerPurpose, PickerPurpose::None);
    switch (purpose) {
        case PickerPurpose::New: {
            std::error_code error;
            if (std::filesystem::exists(file, error)) {
                notify(NoticeKind::Warning, trf("file.exists", {fileName(file)}));
                return;
            }
            defer([this, file] { createSession(file); });
            break;
        }
        case PickerPurpose::Open: defer([this, file] { openSession(file); }); break;
        case PickerPurpose::SaveAs:
            defer([this, file] {
                if (!m_engine) return;
                try {
                    m_engine->saveAs(file);
                    m_readOnlyReason = ReadOnlyReason::None;
                    notify(NoticeKind::Success, trf("file.saved", {fileName(file)}));
                } catch (const std::exception& error) {
                    notify(NoticeKind::Error, trf("error.save_failed", {error.what()}));
                }
            });
            break;
        case PickerPurpose::ExportParticipants: exportParticipants(file); break;
        case PickerPurpose::PrintCards:
        case PickerPurpose::PrintTents: writePrintable(file, purpose); break;
        case PickerPurpose::ExportReport: {
            PanelOutput output;
            ExportPanel::write(shownSession(), m_reportFormat, file, output);
            for (const Notice& notice : output.notices) m_toasts.push(notice);
            break;
        }
        case PickerPurpose::None: break;
    }
}

void App::exportParticipants(const std::filesystem::path& file) {
    if (!m_engine) return;
    const auto& participants = m_engine->session().participants;
    try {
        writeFileAtomically(file, formatParticipantsCsv(participants));
        notify(NoticeKind::Success,
               trCount(static_cast<long long>(participants.size()), "participants.exported.one",
                       "participants.exported.other", {fileName(file)}));
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("error.export_failed", {error.what()}));
    }
}

void App::startReportExport(ExportFormat format) {
    if (!m_engine) return;
    m_pickerPurpose = PickerPurpose::ExportReport;
    m_reportFormat = format;
    m_picker.open(PathPicker::Mode::Save, "harvest.export.picker_title", exportExtension(format), pickerFolder(),
                  ExportPanel::defaultFileName(m_engine->file(), format));
}

void App::startPrint(PickerPurpose purpose) {
    if (!m_engine) return;
    m_pickerPurpose = purpose;
    const bool cards = purpose == PickerPurpose::PrintCards;
    std::string name = m_engine->file().stem().string() + (cards ? "-cards.html" : "-tents.html");
    m_picker.open(PathPicker::Mode::Save, cards ? "print.cards_title" : "print.tents_title", ".html", pickerFolder(),
                  name);
}

void App::writePrintable(const std::filesystem::path& file, PickerPurpose purpose) {
    if (!m_engine) return;
    const Session& session = shownSession();
    const bool cards = purpose == PickerPurpose::PrintCards;
    try {
        writeFileAtomically(file,
                            formatPrintableHtml(session, cards ? Printable::ItineraryCards : Printable::TableTents));
        std::error_code error;
        const std::filesystem::path shown = std::filesystem::absolute(file, error);
        const std::string count = std::to_string(cards ? session.participants.size() : session.tables.size());
        notify(NoticeKind::Success, trf(cards ? "print.cards_written" : "print.tents_written",
                                        {count, (error ? file : shown).string()}));
        if (cards && session.plan.empty()) notify(NoticeKind::Warning, tr("print.no_plan"));
    } catch (const std::exception& error) {
        notify(NoticeKind::Error, trf("print.failed", {error.what()}));
    }
}

}  // namespace worldcafe::gui
