#pragma once
// The harvest view driven headless over a session: each frame gets the session's revision, and apply() does what the
// shell does with what the view emitted (applyAction, then a new revision) so the next frame re-synthesises.

#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "harvest_view.hpp"
#include "headless.hpp"
#include "i18n.hpp"
#include "session_format.hpp"
#include "test_support.hpp"
#include "worldcafe/harvest.hpp"

namespace worldcafe::test {

inline const std::filesystem::path kHarvestI18nDir = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n";

inline Session loadHarvestSample(const char* name = "green-procurement-2019.wcafe") {
    const std::filesystem::path file = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions" / name;
    return parseSnapshot(readBytes(file), file).session;
}

struct HarvestFixture {
    // Tall, so that opened themes stay on screen: a clipped item cannot be clicked.
    gui::HeadlessUi ui{{1600.0f, 3000.0f}};
    Session session;
    gui::HarvestView view;
    gui::PanelOutput out;
    std::uint64_t revision = 1;
    bool readOnly = false;
    gui::HeadlessUi::Draw draw = [this] { view.draw(gui::PanelContext{session, out, revision, readOnly, {}}); };

    explicit HarvestFixture(Session initial = loadHarvestSample(), const char* language = "en")
        : session(std::move(initial)) {
        gui::setLanguage(kHarvestI18nDir, language);
        ui.frames(2, draw);
    }

    // The report format the view asked the shell for since the last call, if any (the last one).
    std::optional<ExportFormat> takeExportRequest() {
        std::optional<ExportFormat> format;
        for (const gui::ShellRequest& request : out.requests)
            if (const auto* report = std::get_if<gui::ExportReportRequest>(&request)) format = report->format;
        out.requests.clear();
        return format;
    }
    // Applies every emitted action as the shell would, then draws twice (re-synthesis, then settled layout).
    void apply() {
        for (const Action& action : out.actions) applyAction(session, action);
        if (!out.actions.empty()) ++revision;
        out.actions.clear();
        ui.frames(2, draw);
    }

    const ThemeSummary& theme(const std::string& name, std::size_t menu = 0) const {
        for (const ThemeSummary& theme : view.synthesis().menus.at(menu).themes)
            if (theme.name == name) return theme;
        FAIL("no theme named " << name);
        throw std::logic_error("unreachable");
    }

    // Clicks, then draws once more: what a click changes in the list shows in the toolbar drawn above it next frame.
    void click(const std::string& key) {
        REQUIRE_MESSAGE(ui.clickItem(key, draw), "no item " << key);
        ui.frame(draw);
    }

    // Press on `from`, drag in steps to `to`, hold there for a frame, release: what a drag and drop takes.
    void drag(const std::string& from, const std::string& to) {
        const gui::RecordedItem* source = ui.find(from);
        const gui::RecordedItem* target = ui.find(to);
        REQUIRE_MESSAGE(source, "no item " << from);
        REQUIRE_MESSAGE(target, "no item " << to);
        const ImVec2 start{source->min.x + 8.0f, source->min.y + 6.0f};
        const ImVec2 end = target->centre();
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = start;
        ui.frame(draw);
        io.MouseDown[0] = true;
        ui.frame(draw);
        for (int step = 1; step <= 4; ++step) {
            const float t = static_cast<float>(step) / 4.0f;
            io.MousePos = {start.x + (end.x - start.x) * t, start.y + (end.y - start.y) * t};
            ui.frame(draw);
        }
        ui.frame(draw);
        io.MouseDown[0] = false;
        ui.frame(draw);
        ui.frame(draw);
    }
};

}  // namespace worldcafe::test
