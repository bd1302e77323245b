#include "rules_panel.hpp"

#include <imgui.h>

#include "i18n.hpp"
#include "participant_combo.hpp"

namespace worldcafe::gui {

namespace {

const char* kindLabel(RuleKind kind) {
    return kind == RuleKind::KeepTogether ? tr("rules.keep_together") : tr("rules.keep_apart");
}

bool kindCombo(const char* id, RuleKind current, RuleKind& picked) {
    bool changed = false;
    if (ImGui::BeginCombo(id, kindLabel(current))) {
        for (RuleKind kind : {RuleKind::KeepApart, RuleKind::KeepTogether}) {
            if (ImGui::Selectable(kindLabel(kind), kind == current) && kind != current) {
                picked = kind;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    recordItem(id);
    return changed;
}

void setupColumns() {
    ImGui::TableSetupColumn(tr("rules.kind"), ImGuiTableColumnFlags_WidthFixed, em(11.0f));
    ImGui::TableSetupColumn(tr("rules.person_a"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("rules.person_b"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("##action", ImGuiTableColumnFlags_WidthFixed, em(7.0f));
}

}  // namespace

void RulesPanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    ImGui::TextDisabled("%s", tr("rules.help"));
    ImGui::Spacing();

    if (session.participants.size() < 2) {
        emptyState(tr("rules.need_participants"));
        return;
    }

    ImGui::BeginDisabled(context.readOnly);
    ImGuiTableFlags flags = ImGuiTableFlags_PadOuterX | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##new_rule", 4, flags)) {
        setupColumns();
        drawNewRule(context);
        ImGui::EndTable();
    }
    ImGui::EndDisabled();
    ImGui::Separator();

    if (session.rules.empty()) {
        emptyState(tr("rules.empty"));
        return;
    }
    flags |= ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("##rules", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    setupColumns();
    ImGui::TableHeadersRow();
    pushCellStyle();
    for (const Rule& rule : session.rules) drawRow(context, rule);
    popCellStyle();
    ImGui::EndTable();
}

void RulesPanel::drawNewRule(const PanelContext& context) {
    const Session& session = context.session;
    ImGui::PushID("new");
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    kindCombo("##kind", m_newKind, m_newKind);
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    participantCombo("##a", session, m_newA, m_newA, nullptr, "rules.choose_person");
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    participantCombo("##b", session, m_newB, m_newB, nullptr, "rules.choose_person");
    ImGui::TableNextColumn();
    bool ready = session.findParticipant(m_newA) && session.findParticipant(m_newB) && m_newA != m_newB;
    ImGui::BeginDisabled(!ready);
    if (actionButton("rules.add")) {
        context.out.emit(Put<Rule>{Rule{session.nextRuleId(), m_newKind, m_newA, m_newB}});
        m_newA = m_newB = 0;
    }
    ImGui::EndDisabled();
    if (m_newA != 0 && m_newA == m_newB) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(1);
        ImGui::TextColored(kWarningColour, "%s", tr("rules.same_person"));
    }
    ImGui::PopID();
}

void RulesPanel::drawRow(const PanelContext& context, const Rule& rule) {
    const Session& session = context.session;
    ImGui::PushID(static_cast<int>(rule.id));
    ImGui::TableNextRow();
    Rule edited = rule;
    bool changed = false;
    ImGui::BeginDisabled(context.readOnly);

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= kindCombo("##kind", rule.kind, edited.kind);

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= participantCombo("##a", session, rule.a, edited.a, nullptr, "rules.choose_person");
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= participantCombo("##b", session, rule.b, edited.b, nullptr, "rules.choose_person");

    ImGui::TableNextColumn();
    if (removeButton("remove", tr("rules.remove"))) context.out.emit(Remove<Rule>{rule.id});
    ImGui::EndDisabled();

    if (changed && edited != rule) {
        if (edited.a == edited.b)
            context.out.notify(NoticeKind::Warning, tr("rules.same_person"));
        else
            context.out.emit(Put<Rule>{edited});
    }
    ImGui::PopID();
}

}  // namespace worldcafe::gui
