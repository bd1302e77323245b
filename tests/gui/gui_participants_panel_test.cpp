// The participants panel, driven headless: search, add, edit, remove and CSV import, asserted on the actions.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "headless.hpp"
#include "i18n.hpp"
#include "participants_panel.hpp"
#include "test_support.hpp"

using namespace worldcafe;
using namespace worldcafe::gui;

namespace {

Participant panelPerson(ParticipantId id, std::string name, std::string affiliation) {
    Participant p;
    p.id = id;
    p.name = std::move(name);
    p.affiliation = std::move(affiliation);
    return p;
}

struct ParticipantsFixture {
    HeadlessUi ui;
    Session session;
    ParticipantsPanel panel;
    PanelOutput out;
    bool readOnly = false;
    HeadlessUi::Draw draw = [this] { panel.draw(PanelContext{session, out, 0, readOnly, {}}); };

    ParticipantsFixture() {
        setLanguage(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n", "en");
        session.participants = {panelPerson(1, "Kim Minji", "Elm Park School"), panelPerson(2, "박서연", "수원시"),
                                panelPerson(3, "Ana Lima", "ELM PARK library"), panelPerson(4, "Émile Roux", "Café Nord")};
        session.rules.push_back(Rule{1, RuleKind::KeepApart, 2, 3});
        ui.frame(draw);
    }

    void search(const std::string& text) {
        REQUIRE(ui.clickItem("##search", draw));
        ui.press(ImGuiKey_A, draw, true);
        ui.type(text, draw);
        ui.frame(draw);
    }
};

}  // namespace

TEST_CASE("gui participants panel: the search filters rows by name and affiliation, folding case") {
    ParticipantsFixture f;
    CHECK(f.panel.visibleRows() == std::vector<ParticipantId>{1, 2, 3, 4});
    CHECK(f.ui.count("##name") == 4);

    f.search("elm");
    CHECK(f.panel.visibleRows() == std::vector<ParticipantId>{1, 3});
    CHECK(f.ui.count("##name") == 2);

    f.search("수원");
    CHECK(f.panel.visibleRows() == std::vector<ParticipantId>{2});

    f.search("EMILE");  // no accent typed: still no match, the fold keeps accents
    CHECK(f.panel.visibleRows().empty());
    f.search("émile");
    CHECK(f.panel.visibleRows() == std::vector<ParticipantId>{4});
    CHECK(f.out.actions.empty());  // searching changes nothing
}

TEST_CASE("gui participants panel: Add emits one Put<Participant> with the next id") {
    ParticipantsFixture f;
    REQUIRE(f.ui.clickItem("participants.add", f.draw));
    REQUIRE(f.out.actions.size() == 1);
    auto* put = std::get_if<Put<Participant>>(&f.out.actions.front().value);
    REQUIRE(put);
    CHECK(put->item.id == 5);
    CHECK(put->item.name == "Participant 5");
    CHECK(put->item.role == Role::Guest);
    applyAction(f.session, f.out.actions.front());  // it fits the session
    CHECK(f.session.participants.size() == 5);
}

TEST_CASE("gui participants panel: editing a name in place emits Put<Participant> with only the name changed") {
    ParticipantsFixture f;
    REQUIRE(f.ui.clickItem("##name", f.draw, 1));
    f.ui.press(ImGuiKey_A, f.draw, true);
    f.ui.type("박서윤", f.draw);
    CHECK(f.out.actions.empty());
    f.ui.press(ImGuiKey_Enter, f.draw);
    REQUIRE(f.out.actions.size() == 1);
    auto* put = std::get_if<Put<Participant>>(&f.out.actions.front().value);
    REQUIRE(put);
    Participant expected = f.session.participants[1];
    expected.name = "박서윤";
    CHECK(put->item == expected);
}

TEST_CASE("gui participants panel: an emptied name is refused with a notice, not an action") {
    ParticipantsFixture f;
    REQUIRE(f.ui.clickItem("##name", f.draw, 0));
    f.ui.press(ImGuiKey_A, f.draw, true);
    f.ui.press(ImGuiKey_Delete, f.draw);
    f.ui.press(ImGuiKey_Enter, f.draw);
    CHECK(f.out.actions.empty());
    REQUIRE(f.out.notices.size() == 1);
    CHECK(f.out.notices.front().kind == NoticeKind::Warning);
}

TEST_CASE("gui participants panel: removing someone takes their rules along in one Batch") {
    ParticipantsFixture f;
    REQUIRE(f.ui.clickItem("remove", f.draw, 1));  // row of participant 2
    REQUIRE(f.out.actions.size() == 1);
    auto* batch = std::get_if<Batch>(&f.out.actions.front().value);
    REQUIRE(batch);
    REQUIRE(batch->actions.size() == 2);
    CHECK(batch->actions[0] == Action(Remove<Rule>{1}));
    CHECK(batch->actions[1] == Action(Remove<Participant>{2}));
    applyAction(f.session, f.out.actions.front());
    CHECK(f.session.rules.empty());
}

TEST_CASE("gui participants panel: importing a CSV emits ONE Batch of Put<Participant>") {
    worldcafe::test::TempDir dir;
    worldcafe::test::writeBytes(dir / "people.csv",
                                "name,affiliation,role,table\n"
                                "Jo Park,Elm Park School,guest,\n"
                                "\"Lee, Sun\",수원시,host,2\n");
    Session session;
    session.participants = {panelPerson(1, "Kim Minji", "Elm Park School")};
    PanelOutput out;
    CHECK(ParticipantsPanel::importFile(dir / "people.csv", session, out));
    REQUIRE(out.actions.size() == 1);
    auto* batch = std::get_if<Batch>(&out.actions.front().value);
    REQUIRE(batch);
    REQUIRE(batch->actions.size() == 2);
    auto* second = std::get_if<Put<Participant>>(&batch->actions[1].value);
    REQUIRE(second);
    CHECK(second->item.id == 3);  // numbered after the session's participants
    CHECK(second->item.name == "Lee, Sun");
    CHECK(second->item.role == Role::Host);
    CHECK(second->item.table == 2);
    CHECK(out.notices.back().kind == NoticeKind::Success);
}

TEST_CASE("gui participants panel: a broken CSV becomes an error notice and no action") {
    worldcafe::test::TempDir dir;
    worldcafe::test::writeBytes(dir / "broken.csv", "name,table\n\"Unclosed,1\n");
    Session session;
    PanelOutput out;
    CHECK_FALSE(ParticipantsPanel::importFile(dir / "broken.csv", session, out));
    CHECK(out.actions.empty());
    REQUIRE_FALSE(out.notices.empty());
    CHECK(out.notices.front().kind == NoticeKind::Error);
    CHECK_FALSE(ParticipantsPanel::importFile(dir / "missing.csv", session, out));
}

TEST_CASE("gui participants panel: an empty session shows the empty state and still offers Add") {
    ParticipantsFixture f;
    f.session.participants.clear();
    f.session.rules.clear();
    f.ui.frame(f.draw);
    CHECK(f.ui.count("##name") == 0);
    CHECK(f.ui.find("participants.add"));
    CHECK(f.ui.find("participants.import"));
}

TEST_CASE("gui participants panel: read-only sessions keep the search but not the editing") {
    ParticipantsFixture f;
    f.readOnly = true;
    f.ui.frame(f.draw);
    REQUIRE(f.ui.clickItem("participants.add", f.draw));
    REQUIRE(f.ui.clickItem("remove", f.draw));
    CHECK(f.out.actions.empty());
    f.search("kim");
    CHECK(f.panel.visibleRows() == std::vector<ParticipantId>{1});
}

TEST_CASE("gui participants panel: an .xlsx imports like a CSV, in ONE Batch") {
    Session session;
    session.participants = {panelPerson(1, "Kim Minji", "Elm Park School")};
    PanelOutput out;
    CHECK(ParticipantsPanel::importFile(std::filesystem::path(WORLDCAFE_SOURCE_DIR) /
                                            "tests/data/xlsx/openpyxl-codes.xlsx",
                                        session, out));
    REQUIRE(out.actions.size() == 1);
    auto* batch = std::get_if<Batch>(&out.actions.front().value);
    REQUIRE(batch);
    REQUIRE(batch->actions.size() == 2);
    auto* first = std::get_if<Put<Participant>>(&batch->actions[0].value);
    REQUIRE(first);
    CHECK(first->item.id == 2);
    CHECK(first->item.externalId == "S-0001");
    CHECK(first->item.name == "박지훈");
}

TEST_CASE("gui participants panel: a large list is read on a worker thread behind a progress modal, then ONE Batch") {
    ParticipantsFixture f;
    worldcafe::test::TempDir dir;
    std::string csv = "name,affiliation\n";
    for (int i = 1; i <= 30000; ++i) csv += "Person " + std::to_string(i) + ",Org " + std::to_string(i % 50) + "\n";
    worldcafe::test::writeBytes(dir / "big.csv", csv);
    f.panel.startImport(dir / "big.csv", f.session, f.out);  // ~600 KB: over the threshold
    REQUIRE(f.panel.importRunning());
    CHECK(f.out.actions.empty());
    bool modalSeen = false;
    for (int frame = 0; frame < 2000 && f.panel.importRunning(); ++frame) {
        f.ui.frame(f.draw);
        modalSeen = modalSeen || f.ui.find("participants.importing");
        if (f.panel.importRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK_FALSE(f.panel.importRunning());
    CHECK(modalSeen);
    REQUIRE(f.out.actions.size() == 1);
    auto* batch = std::get_if<Batch>(&f.out.actions.front().value);
    REQUIRE(batch);
    CHECK(batch->actions.size() == 30000);
    auto* first = std::get_if<Put<Participant>>(&batch->actions.front().value);
    REQUIRE(first);
    CHECK(first->item.id == 5);  // after the session's four
    CHECK(f.out.notices.back().kind == NoticeKind::Success);

    // A small file is imported at once, in the same call.
    worldcafe::test::writeBytes(dir / "small.csv", "name\nA\n");
    f.out = PanelOutput{};
    f.panel.startImport(dir / "small.csv", f.session, f.out);
    CHECK_FALSE(f.panel.importRunning());
    CHECK(f.out.actions.size() == 1);
}

TEST_CASE("gui participants panel: a broken file read in the background becomes an error notice and no action") {
    ParticipantsFixture f;
    worldcafe::test::TempDir dir;
    worldcafe::test::writeBytes(dir / "broken.xlsx", "name\nnot a zip\n");
    f.panel.startImport(dir / "broken.xlsx", f.session, f.out, 0);
    for (int frame = 0; frame < 2000 && f.panel.importRunning(); ++frame) {
        f.ui.frame(f.draw);
        if (f.panel.importRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK_FALSE(f.panel.importRunning());
    CHECK(f.out.actions.empty());
    REQUIRE_FALSE(f.out.notices.empty());
    CHECK(f.out.notices.back().kind == NoticeKind::Error);
    CHECK(f.out.notices.back().text.find("broken.xlsx") != std::string::npos);
}
