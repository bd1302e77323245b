// Partial redraw, headless: the damage tracker finds what a frame changed from ImGui's draw data alone. A frame
// like the last is not drawn; a ticking clock damages the clock and not the text beside it; a resize, an
// invalidation or an inexact scale repaints everything. (The pixels themselves are compared under Xvfb in the
// smoke test, with and without WORLDCAFE_FULL_REDRAW.)
#include <doctest/doctest.h>

#include <imgui.h>

#include <string>

#include "damage.hpp"
#include "headless.hpp"

using namespace worldcafe::gui;

namespace {

const ImVec2 kDisplay{1280.0f, 800.0f};

bool contains(const DamageRect& rect, ImVec2 point) {
    return point.x >= rect.min.x && point.x < rect.max.x && point.y >= rect.min.y && point.y < rect.max.y;
}

bool anyContains(const std::vector<DamageRect>& damage, ImVec2 point) {
    for (const DamageRect& rect : damage)
        if (contains(rect, point)) return true;
    return false;
}

float area(const std::vector<DamageRect>& damage) {
    float total = 0.0f;
    for (const DamageRect& rect : damage) total += (rect.max.x - rect.min.x) * (rect.max.y - rect.min.y);
    return total;
}

bool isWhole(const std::vector<DamageRect>& damage, ImVec2 size = kDisplay) {
    return damage.size() == 1 && damage[0].min.x == 0.0f && damage[0].min.y == 0.0f && damage[0].max.x == size.x &&
           damage[0].max.y == size.y;
}

// A console-like frame: a clock at the top left, a label far from it, a row of buttons.
HeadlessUi::Draw clockFrame(const std::string& clock) {
    return [clock] {
        ImGui::SetCursorPos({40.0f, 40.0f});
        ImGui::TextUnformatted(clock.c_str());
        ImGui::SetCursorPos({700.0f, 600.0f});
        ImGui::TextUnformatted("Table 4 - the seating does not change");
        ImGui::SetCursorPos({40.0f, 300.0f});
        ImGui::Button("Pause");
        ImGui::SameLine();
        ImGui::Button("Next phase");
    };
}

std::vector<DamageRect> settle(HeadlessUi& ui, DamageTracker& tracker, const HeadlessUi::Draw& draw) {
    std::vector<DamageRect> damage;
    for (int i = 0; i < 4; ++i) {
        ui.frame(draw);
        damage = tracker.update(*ImGui::GetDrawData());
    }
    return damage;
}

}  // namespace

TEST_CASE("damage: the first frame is drawn whole, an identical frame not at all") {
    HeadlessUi ui(kDisplay);
    DamageTracker tracker;
    ui.frame(clockFrame("18:20"));
    CHECK(isWhole(tracker.update(*ImGui::GetDrawData())));
    CHECK(settle(ui, tracker, clockFrame("18:20")).empty());
}

TEST_CASE("damage: a ticking clock damages the clock, not the rest of the window") {
    HeadlessUi ui(kDisplay);
    DamageTracker tracker;
    REQUIRE(settle(ui, tracker, clockFrame("18:20")).empty());

    ui.frame(clockFrame("18:19"));
    const std::vector<DamageRect> damage = tracker.update(*ImGui::GetDrawData());
    REQUIRE_FALSE(damage.empty());
    CHECK(anyContains(damage, {45.0f, 45.0f}));            // inside the first digit
    CHECK_FALSE(anyContains(damage, {720.0f, 605.0f}));    // the label
    CHECK_FALSE(anyContains(damage, {50.0f, 305.0f}));     // the buttons
    CHECK(area(damage) < 0.02f * kDisplay.x * kDisplay.y);

    // The frame after the tick is like it: nothing to draw.
    ui.frame(clockFrame("18:19"));
    CHECK(tracker.update(*ImGui::GetDrawData()).empty());
}

TEST_CASE("damage: hovering a button damages that button only") {
    HeadlessUi ui(kDisplay);
    DamageTracker tracker;
    settle(ui, tracker, clockFrame("18:20"));
    ImGui::GetIO().MousePos = {50.0f, 305.0f};
    ui.frame(clockFrame("18:20"));
    const std::vector<DamageRect> damage = tracker.update(*ImGui::GetDrawData());
    CHECK(anyContains(damage, {50.0f, 305.0f}));
    CHECK_FALSE(anyContains(damage, {45.0f, 45.0f}));
    CHECK_FALSE(anyContains(damage, {720.0f, 605.0f}));
}

TEST_CASE("damage: invalidation, a resize and an inexact scale repaint everything") {
    HeadlessUi ui(kDisplay);
    DamageTracker tracker;
    settle(ui, tracker, clockFrame("18:20"));

    tracker.invalidate();
    ui.frame(clockFrame("18:20"));
    CHECK(isWhole(tracker.update(*ImGui::GetDrawData())));

    const ImVec2 smaller{1000.0f, 700.0f};
    ImGui::GetIO().DisplaySize = smaller;
    ui.frame(clockFrame("18:20"));
    CHECK(isWhole(tracker.update(*ImGui::GetDrawData()), smaller));
    ui.frame(clockFrame("18:20"));
    CHECK(tracker.update(*ImGui::GetDrawData()).empty());

    // At a scale of 1.5 the backend's rounding of clip rectangles would not meet the cells: a change repaints
    // the whole display, and no change still draws nothing.
    ImGui::GetIO().DisplayFramebufferScale = {1.5f, 1.5f};
    ui.frame(clockFrame("18:20"));
    CHECK(isWhole(tracker.update(*ImGui::GetDrawData()), smaller));
    ui.frame(clockFrame("18:19"));
    CHECK_FALSE(partialDrawingExact(*ImGui::GetDrawData()));
    CHECK(isWhole(tracker.update(*ImGui::GetDrawData()), smaller));
    ui.frame(clockFrame("18:19"));
    CHECK(tracker.update(*ImGui::GetDrawData()).empty());
}

TEST_CASE("damage: changes scattered everywhere become one rectangle around them") {
    HeadlessUi ui(kDisplay);
    DamageTracker tracker;
    auto scattered = [](int tick) {
        return [tick] {
            for (int i = 0; i < 30; ++i) {
                ImGui::SetCursorPos({static_cast<float>(40 + (i % 6) * 200), static_cast<float>(40 + (i / 6) * 150)});
                ImGui::Text("%d", tick + i);
            }
        };
    };
    settle(ui, tracker, scattered(0));
    ui.frame(scattered(1));
    const std::vector<DamageRect> damage = tracker.update(*ImGui::GetDrawData());
    REQUIRE(damage.size() == 1);
    CHECK(contains(damage[0], {45.0f, 45.0f}));
    CHECK(contains(damage[0], {1045.0f, 645.0f}));
}

TEST_CASE("damage: clipping a frame to a rectangle narrows every command and puts it back") {
    HeadlessUi ui(kDisplay);
    ui.frame(clockFrame("18:20"));
    ImDrawData& frame = *ImGui::GetDrawData();
    std::vector<ImVec4> before;
    for (int list = 0; list < frame.CmdListsCount; ++list)
        for (const ImDrawCmd& command : frame.CmdLists[list]->CmdBuffer) before.push_back(command.ClipRect);
    REQUIRE_FALSE(before.empty());
    {
        ClipToRect clip(frame, DamageRect{{32.0f, 32.0f}, {160.0f, 96.0f}});
        for (int list = 0; list < frame.CmdListsCount; ++list)
            for (const ImDrawCmd& command : frame.CmdLists[list]->CmdBuffer) {
                const ImVec4& rect = command.ClipRect;
                const bool empty = rect.z <= rect.x || rect.w <= rect.y;
                CHECK((empty || (rect.x >= 32.0f && rect.y >= 32.0f && rect.z <= 160.0f && rect.w <= 96.0f)));
            }
    }
    std::size_t next = 0;
    for (int list = 0; list < frame.CmdListsCount; ++list)
        for (const ImDrawCmd& command : frame.CmdLists[list]->CmdBuffer) {
            CHECK(command.ClipRect.x == before[next].x);
            CHECK(command.ClipRect.w == before[next].w);
            ++next;
        }
}
