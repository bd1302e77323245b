#include "participants_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "emit_edit.hpp"
#include "i18n.hpp"
#include "worldcafe/csv.hpp"
#include "worldcafe/edit_rules.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"
#include "worldcafe/xlsx_import.hpp"

namespace worldcafe::gui {

namespace {

enum Column { ColumnId, ColumnName, ColumnAffiliation, ColumnRole, ColumnTable, ColumnFrom, ColumnUntil, ColumnRemove };

constexpr std::size_t kWarningsShown = 3;

const char* roleLabel(Role role) { return role == Role::Host ? tr("role.host") : tr("role.guest"); }

std::string tableLabel(TableNumber table) {
    return table == kNoTable ? std::string(tr("participants.no_table"))
                             : trf("common.table_n", {std::to_string(table)});
}

std::string roundLabel(RoundNumber round) {
    return round == kNoRound ? std::string("—") : trf("common.round_n", {std::to_string(round)});
}

// A combo of "—" and rounds 1..count; returns true when the user picks a different round.
bool roundCombo(const char* id, RoundNumber current, int count, RoundNumber& picked) {
    bool changed = false;
    if (ImGui::BeginCombo(id, roundLabel(current).c_str())) {
        for (RoundNumber round = kNoRound; round <= std::max(count, current); ++round) {
            if (ImGui::Selectable(roundLabel(round).c_str(), round == current) && round != current) {
                picked = round;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    recordItem(id);
    return changed;
}

// The first round someone sits in, or that they did not come at all.
bool fromCombo(const Participant& participant, int count, Participant& edited) {
    bool changed = false;
    const std::string label = participant.absent ? tr("participants.no_show") : roundLabel(participant.fromRound);
    if (ImGui::BeginCombo("##from", label.c_str())) {
        if (ImGui::Selectable(tr("participants.no_show"), participant.absent) && !participant.absent) {
            edited.absent = true;
            changed = true;
        }
        for (RoundNumber round = kNoRound; round <= std::max(count, participant.fromRound); ++round) {
            const bool current = !participant.absent && round == participant.fromRound;
            if (ImGui::Selectable(roundLabel(round).c_str(), current) && !current) {
                edited.absent = false;
                edited.fromRound = round;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    recordItem("##from");
    return changed;
}

bool hasExternalIds(const Session& session) {
    return std::any_of(session.participants.begin(), session.participants.end(),
                       [](const Participant& participant) { return !participant.externalId.empty(); });
}

}  // namespace

void ParticipantsPanel::requestImport(const std::filesystem::path& directory) {
    m_importPicker.open(PathPicker::Mode::Open, "participants.import_title", ".csv .xlsx", directory);
}

bool ParticipantsPanel::importFile(const std::filesystem::path& file, const Session& session, PanelOutput& out) {
    ParticipantImport imported;
    try {
        imported = readParticipantsFile(file, session.nextParticipantId());
    } catch (const Error& error) {
        out.notify(NoticeKind::Error, trf("participants.import_failed", {error.what()}));
        return false;
    }
    return emitImport(std::move(imported), file, session, out);
}

void ParticipantsPanel::startImport(const std::filesystem::path& file, const Session& session, PanelOutput& out,
                                    std::uintmax_t backgroundFrom) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (m_import || error || size < backgroundFrom) {
        importFile(file, session, out);
        return;
    }
    auto job = std::make_unique<ImportJob>();
    job->file = file;
    job->firstFreeId = session.nextParticipantId();
    ImportJob* shared = job.get();
    // The worker only reads the file and counts rows; the session is touched on the frame thread alone.
    job->result = std::async(std::launch::async, [shared] {
        return readParticipantsFile(shared->file, shared->firstFreeId, [shared](std::size_t done, std::size_t total) {
            shared->total = total;
            shared->done = done;
        });
    });
    m_import = std::move(job);
}

void ParticipantsPanel::drawImportProgress(const PanelContext& context) {
    ImportJob& job = *m_import;
    // Drawn at least once, so that the import is seen to have happened even when the worker was quick.
    if (job.framesDrawn > 0 && job.result.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        std::unique_ptr<ImportJob> finished = std::move(m_import);
        ParticipantImport imported;
        try {
            imported = finished->result.get();
        } catch (const Error& error) {
            context.out.notify(NoticeKind::Error, trf("participants.import_failed", {error.what()}));
            return;
        }
        // Numbered from the ids free when the parse began; if the session gained someone meanwhile (a phone's
        // walk-in), the file is read again here so that nobody is overwritten.
        if (finished->firstFreeId != context.session.nextParticipantId()) {
            importFile(finished->file, context.session, context.out);
            return;
        }
        emitImport(std::move(imported), finished->file, context.session, context.out);
        return;
    }
    const char* title = "###participants_importing";
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
    const std::string name = std::string(tr("participants.importing_title")) + title;
    if (ImGui::BeginPopupModal(name.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const std::size_t total = job.total.load();
        const std::size_t done = job.done.load();
        ImGui::TextUnformatted(trf("participants.importing", {job.file.filename().string()}).c_str());
        const std::string progress = total > 0 ? trf("participants.importing_rows",
                                                      {std::to_string(done), std::to_string(total)})
                                               : std::string(tr("participants.importing_reading"));
        ImGui::ProgressBar(total > 0 ? static_cast<float>(done) / static_cast<float>(total) : 0.0f, {em(24.0f), 0.0f},
                           progress.c_str());
        recordItem("participants.importing");
        ImGui::EndPopup();
    }
    ++job.framesDrawn;
}

bool ParticipantsPanel::emitImport(ParticipantImport imported, const std::filesystem::path& file,
                                   const Session& session, PanelOutput& out) {
    for (std::size_t i = 0; i < imported.warnings.size() && i < kWarningsShown; ++i)
        out.notify(NoticeKind::Warning, imported.warnings[i]);
    if (imported.warnings.size() > kWarningsShown)
        out.notify(NoticeKind::Warning, trf("participants.import_more_warnings",
                                            {std::to_string(imported.warnings.size() - kWarningsShown)}));
    if (imported.participants.empty()) {
        out.notify(NoticeKind::Warning, trf("participants.import_empty", {file.filename().string()}));
        return false;
    }
    int updated = 0;
    Batch batch{"import " + std::to_string(imported.participants.size()) + " participants", {}};
    batch.actions.reserve(imported.participants.size());
    for (Participant& participant : imported.participants) {
        updated += session.findParticipant(participant.id) ? 1 : 0;
        batch.actions.push_back(Put<Participant>{std::move(participant)});
    }
    out.emit(std::move(batch));
    out.notify(NoticeKind::Success,
               trCount(static_cast<long long>(imported.participants.size()), "participants.imported.one",
                       "participants.imported.other", {std::to_string(updated), file.filename().string()}));
    return true;
}

void ParticipantsPanel::filterAndSort(const Session& session) {
    m_rows.clear();
    std::string query = foldForSearch(trim(m_search));
    for (const Participant& participant : session.participants) {
        if (!query.empty() && foldForSearch(participant.name).find(query) == std::string::npos &&
            foldForSearch(participant.affiliation).find(query) == std::string::npos &&
            foldForSearch(participant.externalId).find(query) == std::string::npos)
            continue;
        m_rows.push_back(participant.id);
    }
    if (m_sort.empty()) return;

    std::unordered_map<ParticipantId, const Participant*> byId;
    std::unordered_map<ParticipantId, std::pair<std::string, std::string>> folded;
    for (ParticipantId id : m_rows) {
        const Participant* participant = session.findParticipant(id);
        byId[id] = participant;
        folded[id] = {foldForSearch(participant->name), foldForSearch(participant->affiliation)};
    }
    auto compare = [&](ParticipantId left, ParticipantId right) {
        const Participant& a = *byId[left];
        const Participant& b = *byId[right];
        for (const SortKey& key : m_sort) {
            int order = 0;
            switch (key.column) {
                case ColumnName: order = folded[left].first.compare(folded[right].first); break;
                case ColumnAffiliation: order = folded[left].second.compare(folded[right].second); break;
                case ColumnRole: order = static_cast<int>(a.role) - static_cast<int>(b.role); break;
                case ColumnTable: order = a.table - b.table; break;
                case ColumnFrom: order = a.absent != b.absent ? a.absent - b.absent : a.fromRound - b.fromRound; break;
                case ColumnUntil: order = a.untilRound - b.untilRound; break;
                default: order = a.id < b.id ? -1 : a.id > b.id ? 1 : 0; break;
            }
            if (order != 0) return key.descending ? order > 0 : order < 0;
        }
        return a.id < b.id;
    };
    std::stable_sort(m_rows.begin(), m_rows.end(), compare);
}

void ParticipantsPanel::draw(const PanelContext& context) {
    const Session& session = context.session;

    ImGui::BeginDisabled(context.readOnly);
    if (actionButton("participants.add")) {
        Participant participant;
        participant.id = session.nextParticipantId();
        participant.name = trf("participants.new_name", {std::to_string(participant.id)});
        context.out.emit(Put<Participant>{participant});
        m_focusId = participant.id;
        m_search.clear();
    }
    ImGui::SameLine();
    if (actionButton("participants.import")) requestImport(context.folder);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(18.0f));
    ImGui::InputTextWithHint("##search", tr("participants.search_hint"), &m_search);
    recordItem("##search");

    filterAndSort(session);
    if (!session.participants.empty()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", trf("participants.showing",
                                      {std::to_string(m_rows.size()), std::to_string(session.participants.size())})
                                      .c_str());
    }

    if (auto file = m_importPicker.draw()) startImport(*file, session, context.out);
    if (m_import) drawImportProgress(context);

    if (session.participants.empty()) {
        emptyState(tr("participants.empty"));
        return;
    }
    if (m_rows.empty()) {
        emptyState(trf("participants.no_match", {m_search}).c_str());
        return;
    }

    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_Sortable | ImGuiTableFlags_SortMulti | ImGuiTableFlags_PadOuterX |
                            ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable |
                            ImGuiTableFlags_NoBordersInBodyUntilResize;
    if (!ImGui::BeginTable("##participants", 8, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort,
                            em(hasExternalIds(session) ? 5.5f : 2.5f),
                            ColumnId);
    ImGui::TableSetupColumn(tr("participants.name"), ImGuiTableColumnFlags_WidthStretch, 1.0f, ColumnName);
    ImGui::TableSetupColumn(tr("participants.affiliation"), ImGuiTableColumnFlags_WidthStretch, 1.2f,
                            ColumnAffiliation);
    ImGui::TableSetupColumn(tr("participants.role"), ImGuiTableColumnFlags_WidthFixed, em(6.5f), ColumnRole);
    ImGui::TableSetupColumn(tr("participants.table"), ImGuiTableColumnFlags_WidthFixed, em(7.0f), ColumnTable);
    ImGui::TableSetupColumn(tr("participants.from"), ImGuiTableColumnFlags_WidthFixed, em(6.5f), ColumnFrom);
    ImGui::TableSetupColumn(tr("participants.until"), ImGuiTableColumnFlags_WidthFixed, em(6.5f), ColumnUntil);
    ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, em(2.0f),
                            ColumnRemove);
    ImGui::TableHeadersRow();

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        m_sort.clear();
        for (int i = 0; i < specs->SpecsCount; ++i)
            m_sort.push_back({static_cast<int>(specs->Specs[i].ColumnUserID),
                              specs->Specs[i].SortDirection == ImGuiSortDirection_Descending});
        specs->SpecsDirty = false;
        filterAndSort(session);
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_rows.size()));
    if (m_focusId != 0) {
        auto it = std::find(m_rows.begin(), m_rows.end(), m_focusId);
        if (it != m_rows.end()) {
            int index = static_cast<int>(it - m_rows.begin());
            clipper.ForceDisplayRangeByIndices(index, index + 1);
        }
    }
    pushCellStyle();
    while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
            if (const Participant* participant = session.findParticipant(m_rows[static_cast<std::size_t>(row)]))
                drawRow(context, *participant);
    popCellStyle();
    ImGui::EndTable();
}

void ParticipantsPanel::drawRow(const PanelContext& context, const Participant& participant) {
    const Session& session = context.session;
    ImGui::PushID(static_cast<int>(participant.id));
    ImGui::TableNextRow();
    Participant edited = participant;
    bool changed = false;

    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    // The organiser's own id ("S-0001") is what their lists and badges say; the number stays in the tooltip.
    if (participant.externalId.empty())
        ImGui::TextDisabled("%lld", static_cast<long long>(participant.id));
    else
        ImGui::TextUnformatted(participant.externalId.c_str());
    if (ImGui::IsItemHovered() && (!participant.externalId.empty() || !participant.extra.empty())) {
        ImGui::BeginTooltip();
        ImGui::Text("# %lld", static_cast<long long>(participant.id));
        if (!participant.externalId.empty()) ImGui::Text("id: %s", participant.externalId.c_str());
        for (const ExtraField& field : participant.extra) ImGui::Text("%s: %s", field.name.c_str(), field.value.c_str());
        ImGui::EndTooltip();
    }

    ImGui::BeginDisabled(context.readOnly);
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGuiInputTextFlags nameFlags = 0;
    if (m_focusId == participant.id) {
        ImGui::SetScrollHereY();
        ImGui::SetKeyboardFocusHere();
        nameFlags |= ImGuiInputTextFlags_AutoSelectAll;
        m_focusId = 0;
    }
    if (m_edits.text("##name", participant.name, edited.name, tr("participants.name"), nameFlags)) {
        if (edited.name.empty()) {
            context.out.notify(NoticeKind::Warning, tr("participants.name_required"));
            edited.name = participant.name;
        } else {
            changed = true;
        }
    }

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= m_edits.text("##affiliation", participant.affiliation, edited.affiliation);

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##role", roleLabel(participant.role))) {
        for (Role role : {Role::Guest, Role::Host}) {
            if (ImGui::Selectable(roleLabel(role), role == participant.role) && role != participant.role) {
                edited.role = role;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    recordItem("##role");

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##table", tableLabel(participant.table).c_str())) {
        if (ImGui::Selectable(tr("participants.no_table"), participant.table == kNoTable) &&
            participant.table != kNoTable) {
            edited.table = kNoTable;
            changed = true;
        }
        for (const Table& table : session.tables) {
            ImGui::PushID(table.number);
            if (ImGui::Selectable(tableLabel(table.number).c_str(), table.number == participant.table) &&
                table.number != participant.table) {
                edited.table = table.number;
                changed = true;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    recordItem("##table");

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= fromCombo(participant, session.rounds.count, edited);
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= roundCombo("##until", participant.untilRound, session.rounds.count, edited.untilRound);

    ImGui::TableNextColumn();
    if (removeButton("remove", tr("participants.remove"))) {
        emitEdit(context.out, [&] { return removeParticipant(session, participant.id); });
    }
    ImGui::EndDisabled();

    if (changed && edited != participant) context.out.emit(Put<Participant>{edited});
    ImGui::PopID();
}

}  // namespace worldcafe::gui
