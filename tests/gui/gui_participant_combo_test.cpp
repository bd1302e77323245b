// The participant picker's search, headless: Enter with exactly one match picks it and closes the list; with
// several matches Enter picks nothing.
#include <doctest/doctest.h>

#include <imgui.h>

#include "gui_language_guard.hpp"
#include "headless.hpp"
#include "participant_combo.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

using worldcafe::test::kI18nDir;

Session people() {
    Session session;
    session.participants = {Participant{1, "김민수", "수원시청"}, Participant{2, "김민지", "화성시"},
                            Participant{3, "Alex Kim", "City"}, Participant{4, "박서연", "수원시청"}};
    return session;
}

}  // namespace

TEST_CASE("gui participant combo: Enter in the search with one match picks it; with several it waits") {
    worldcafe::test::LanguageGuard language(kI18nDir, "en");
    HeadlessUi ui({1000.0f, 700.0f});
    const Session session = people();
    ParticipantId current = 0;
    ParticipantId picked = 0;
    int picks = 0;
    auto draw = [&] {
        if (participantCombo("##who", session, current, picked, nullptr, "rules.choose_person")) {
            current = picked;
            ++picks;
        }
    };
    ui.frame(draw);
    REQUIRE(ui.clickItem("##who", draw));
    ui.frames(2, draw);
    REQUIRE(ui.find("##filter") != nullptr);

    ui.type("김민", draw);  // two people
    ui.press(ImGuiKey_Enter, draw);
    CHECK(picks == 0);
    CHECK(ui.find("##filter") != nullptr);

    ui.type("지", draw);  // 김민지 alone
    ui.press(ImGuiKey_Enter, draw);
    ui.frames(2, draw);
    CHECK(picks == 1);
    CHECK(current == 2);
    CHECK(ui.find("##filter") == nullptr);  // the list closed
}
