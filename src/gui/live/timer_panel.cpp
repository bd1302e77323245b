#include "timer_panel.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <ctime>
#include <string>

#include "i18n.hpp"
#include "live_fonts.hpp"
#include "live_state.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

namespace {

constexpr int kMinute = 60;
constexpr std::uint32_t kWarningRgb = 0xE69F00;
constexpr std::uint32_t kTimeUpRgb = 0xD55E00;

// Buttons name their key in a tooltip, also while disabled: that is when someone wonders why.
void shortcutTooltip(const char* text) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", text);
}

}  // namespace

std::optional<Action> timerShortcut(const Timer& timer, const Session& session, int glfwKey) {
    switch (glfwKey) {
        case GLFW_KEY_SPACE: return timer.togglePause(session);
        case GLFW_KEY_N: {
            TimerState state = timer.state(session);
            if (!state.started || state.finished) return std::nullopt;
            return timer.skip();
        }
        case GLFW_KEY_EQUAL:
        case GLFW_KEY_KP_ADD:
        case GLFW_KEY_MINUS:
        case GLFW_KEY_KP_SUBTRACT: {
            TimerState state = timer.state(session);
            if (!state.started || state.finished) return std::nullopt;
            const bool more = glfwKey == GLFW_KEY_EQUAL || glfwKey == GLFW_KEY_KP_ADD;
            return timer.extend(more ? kMinute : -kMinute);
        }
        default: return std::nullopt;
    }
}

bool textFieldActive() {
    const ImGuiID active = ImGui::GetActiveID();
    return ImGui::GetIO().WantTextInput || (active != 0 && ImGui::GetInputTextState(active) != nullptr);
}

void TimerPanel::handleShortcuts(const PanelContext& context) {
    if (!context.timer || context.readOnly) return;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeyAlt || io.KeySuper || textFieldActive()) return;
    if (ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId)) return;
    // Keys typed while another window has the focus (a toast, the picker) are that window's.
    const ImGuiWindow* focused = ImGui::GetCurrentContext()->NavWindow;
    if (focused && focused->RootWindow != ImGui::GetCurrentWindow()->RootWindow) return;
    for (int key :
         {GLFW_KEY_SPACE, GLFW_KEY_N, GLFW_KEY_EQUAL, GLFW_KEY_KP_ADD, GLFW_KEY_MINUS, GLFW_KEY_KP_SUBTRACT}) {
        if (!ImGui::IsKeyPressed(key, false)) continue;
        if (auto action = timerShortcut(*context.timer, context.session, key)) context.out.emit(std::move(*action));
        if (key == GLFW_KEY_SPACE) {
            // Keyboard navigation also reads Space, as "press the focused button": the button last clicked
            // (Pause) would toggle the timer a second time in this frame.
            ImGuiContext& g = *ImGui::GetCurrentContext();
            g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavActivateInputId = 0;
        }
    }
}

void TimerPanel::draw(const PanelContext& context) {
    if (!context.timer) return;
    const TimerState state = context.timer->state(context.session);
    drawClock(context, state);
    drawControls(context, state);
    drawNext(context, state);
}

void TimerPanel::drawClock(const PanelContext& context, const TimerState& state) {
    ImGui::PushFont(headingFont());
    ImGui::TextUnformatted(phaseTitle(context.session, state.phase).c_str());
    ImGui::PopFont();

    // The time left, large; orange when the warning is reached, vermillion when time is up, grey while paused.
    ImVec4 colour = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    if (state.started && !state.running && !state.finished) colour = kMutedColour;
    if (state.warning) colour = colourVecFromRgb(*state.warning > 0 ? kWarningRgb : kTimeUpRgb);
    const std::string clock = formatClock(state.displaySeconds());
    ImFont* font = liveFont(LiveFont::ConsoleClock);
    const float size = em(kConsoleClockEm);
    ImFont* drawn = font ? font : headingFont();
    const ImVec2 textSize = drawn->CalcTextSizeA(size, FLT_MAX, 0.0f, clock.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    // Only the digits' height is reserved, not the font's full line: the block stays compact.
    const DigitInk ink = digitInk(drawn, size);
    ImGui::GetWindowDrawList()->AddText(drawn, size, {pos.x, pos.y - ink.top}, ImGui::ColorConvertFloat4ToU32(colour),
                                        clock.c_str());
    ImGui::Dummy({textSize.x, ink.height});
    recordItem("##console_clock");

    ImGui::SameLine(0.0f, em(1.2f));
    ImGui::BeginGroup();
    ImGui::TextUnformatted(runLabel(state));
    recordItem(runLabel(state));
    if (state.started && !state.finished && !state.running) {
        // A paused phase has no end time: the one it had would be wrong a minute later.
        ImGui::TextDisabled("%s", tr("console.ends_paused"));
        recordItem("console.ends_paused");
    } else if (state.started && !state.finished) {
        const WallMillis end = context.timer->now() + state.remainingMillis();
        ImGui::TextDisabled("%s", trf("console.ends_at", {formatTimeOfDay(end)}).c_str());
        recordItem("console.ends_at");
    } else if (!state.started) {
        ImGui::TextDisabled("%s", trf("console.phase_length", {std::to_string(minutesRoundedUp(state.durationMillis))}).c_str());
    }
    if (state.warning && state.running) {
        ImGui::TextColored(colour, "%s", warningText(state));
        recordItem(warningText(state));
    }
    ImGui::EndGroup();

    ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                          state.warning ? colour : colourVecFromRgb(0x56B4E9));
    ImGui::ProgressBar(static_cast<float>(state.progress()), {-FLT_MIN, em(0.5f)}, "");
    ImGui::PopStyleColor();
}

void TimerPanel::drawControls(const PanelContext& context, const TimerState& state) {
    const Timer& timer = *context.timer;
    const Session& session = context.session;
    const bool live = state.started && !state.finished;
    ImGui::BeginDisabled(context.readOnly);

    const char* toggleKey = !state.started || state.finished ? "console.start"
                            : state.running                  ? "console.pause"
                                                             : "console.resume";
    if (!state.finished || !state.started) {
        ImGui::PushStyleColor(ImGuiCol_Button, colourVecFromRgb(0x0072B2));
        if (actionButton(toggleKey)) context.out.emit(timer.togglePause(session));
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("console.shortcut.space"));
        ImGui::SameLine();
    }
    ImGui::BeginDisabled(!live);
    if (actionButton("console.minus_minute")) context.out.emit(timer.extend(-kMinute));
    shortcutTooltip(tr("console.shortcut.minus"));
    ImGui::SameLine();
    if (actionButton("console.plus_minute")) context.out.emit(timer.extend(kMinute));
    shortcutTooltip(tr("console.shortcut.plus"));
    ImGui::SameLine(0.0f, em(1.2f));
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!state.started);
    if (actionButton("console.back")) context.out.emit(timer.back());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!live);
    if (actionButton("console.skip")) context.out.emit(timer.skip());
    shortcutTooltip(tr("console.shortcut.next"));
    ImGui::SameLine(0.0f, em(1.2f));
    if (actionButton("console.finish")) ImGui::OpenPopup("##confirm_finish");
    ImGui::EndDisabled();
    ImGui::EndDisabled();

    if (ImGui::BeginPopup("##confirm_finish")) {
        ImGui::TextUnformatted(tr("console.finish_confirm"));
        if (actionButton("console.finish_now")) {
            context.out.emit(timer.finish());
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (actionButton("common.cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::TextDisabled("%s", tr("console.shortcuts"));
}

void TimerPanel::drawNext(const PanelContext& context, const TimerState& state) {
    if (state.finished) return;
    const std::vector<Phase> agenda = agendaOf(context.session);
    std::string text;
    for (std::size_t i = state.phaseIndex + 1, shown = 0; i < agenda.size() && shown < 2; ++i, ++shown) {
        const Phase& phase = agenda[i];
        std::string part = phase.kind == PhaseKind::Done
                               ? std::string(phaseLabel(phase.kind))
                               : trf("console.phase_minutes", {phaseTitle(context.session, phase),
                                                               std::to_string(minutesRoundedUp(phase.plannedMillis))});
        text += text.empty() ? part : "  →  " + part;
        if (phase.kind == PhaseKind::Done) break;
    }
    if (!text.empty()) ImGui::TextUnformatted(trf("console.next", {text}).c_str());
}

}  // namespace worldcafe::gui
