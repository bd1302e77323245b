// Export labels come from assets/i18n/<language>.report.json: these fail when a key is in one language and not the
// other, when the core uses a key no table defines, and when an export cannot read its labels and says nothing.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "test_support.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/strings.hpp"

using namespace worldcafe;

namespace {

using worldcafe::test::kSourceDir;
using worldcafe::test::kI18nDir;
const char* const kLanguages[] = {"en", "ko"};

std::set<std::string> keysOf(const Strings& strings) {
    auto keys = strings.keys();
    return {keys.begin(), keys.end()};
}

std::set<std::string> placeholdersOf(const std::string& text) {
    std::set<std::string> found;
    static const std::regex placeholder(R"(\{[0-9]\})");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder); it != std::sregex_iterator(); ++it)
        found.insert(it->str());
    return found;
}

// Every "report.…" or "printables.…" literal in the core's sources and headers, wherever the files live.
std::map<std::string, std::string> keysUsedInCore() {
    static const std::regex literal(R"re("((?:report|printables)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)")re");
    static const std::regex fileName(R"(.*\.(json|wcafe|csv|md|html|xlsx|png)$)");
    std::map<std::string, std::string> used;  // key -> file that uses it
    for (const auto& root : {kSourceDir / "src" / "core", kSourceDir / "include" / "worldcafe"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
            const auto extension = entry.path().extension();
            if (extension != ".cpp" && extension != ".hpp") continue;
            std::ifstream in(entry.path());
            std::ostringstream bytes;
            bytes << in.rdbuf();
            const std::string text = bytes.str();
            for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator();
                 ++it)
                if (!std::regex_match((*it)[1].str(), fileName))
                    used.emplace((*it)[1], entry.path().lexically_relative(kSourceDir).string());
        }
    }
    return used;
}

// Points assetsDirectory() elsewhere for this process and any child it starts, and back when the test ends.
class AssetsOverride {
public:
    explicit AssetsOverride(const std::filesystem::path& directory) {
        if (const char* previous = std::getenv("WORLDCAFE_ASSETS")) m_previous = previous;
        ::setenv("WORLDCAFE_ASSETS", directory.c_str(), 1);
    }
    ~AssetsOverride() {
        if (m_previous) ::setenv("WORLDCAFE_ASSETS", m_previous->c_str(), 1);
        else ::unsetenv("WORLDCAFE_ASSETS");
    }
    AssetsOverride(const AssetsOverride&) = delete;
    AssetsOverride& operator=(const AssetsOverride&) = delete;

private:
    std::optional<std::string> m_previous;
};

}  // namespace

TEST_CASE("strings: English and Korean export labels define the same keys, placeholders and no empty text") {
    const Strings english = Strings::load(kI18nDir, "en");
    const Strings korean = Strings::load(kI18nDir, "ko");
    REQUIRE(english.keys().size() > 40);
    for (const std::string& key : keysOf(english)) CHECK_MESSAGE(keysOf(korean).count(key), "ko lacks " << key);
    for (const std::string& key : keysOf(korean)) CHECK_MESSAGE(keysOf(english).count(key), "en lacks " << key);
    for (const std::string& key : keysOf(english)) {
        if (!keysOf(korean).count(key)) continue;
        CHECK_MESSAGE(!english.text(key).empty(), "en: " << key << " is empty");
        CHECK_MESSAGE(!korean.text(key).empty(), "ko: " << key << " is empty");
        CHECK_MESSAGE(placeholdersOf(english.text(key)) == placeholdersOf(korean.text(key)),
                      "placeholders differ in " << key);
    }
}

TEST_CASE("strings: every export label the core uses exists in every language, and every label is used") {
    const auto used = keysUsedInCore();
    REQUIRE(used.size() > 40);  // the scan itself works
    for (const char* language : kLanguages) {
        const Strings strings = Strings::load(kI18nDir, language);
        for (const auto& [key, file] : used)
            CHECK_MESSAGE(keysOf(strings).count(key),
                          std::string(language) << ".report.json lacks '" << key << "' used in " << file);
        for (const std::string& key : keysOf(strings))
            CHECK_MESSAGE(used.count(key),
                          std::string(language) << ".report.json defines '" << key << "', which no code uses");
    }
}

TEST_CASE("strings: lookups fill placeholders, pick one or other, and a missing key is an error naming it") {
    const Strings korean = Strings::load(kI18nDir, "ko");
    const Strings english = Strings::load(kI18nDir, "en");
    CHECK(korean.format("report.note_place", {"3", "2"}) == "테이블 3 · 라운드 2");
    CHECK(english.counted(1, "report.notes.one", "report.notes.other") == "1 note");
    CHECK(english.counted(4, "report.notes.one", "report.notes.other") == "4 notes");
    CHECK(korean.counted(4, "report.notes.one", "report.notes.other") == "메모 4개");
    CHECK_THROWS_WITH_AS(korean.text("report.no_such_key"), doctest::Contains("report.no_such_key"), Error);
    CHECK(Strings::forSession("ko").language() == "ko");
    CHECK(Strings::forSession("fr").language() == "en");  // as before: any other session language exports English
}

TEST_CASE("strings: a missing or malformed label file is an error naming the file, not another language") {
    test::TempDir dir;
    CHECK_THROWS_WITH_AS(Strings::load(dir.path(), "ko"), doctest::Contains("ko.report.json"), InputError);
    {
        std::ofstream(dir / "en.report.json") << "{\n  \"report.themes\": \"Themes\",\n  oops\n}\n";
    }
    try {
        Strings::load(dir.path(), "en");
        FAIL("a malformed file loaded");
    } catch (const InputError& error) {
        CHECK(error.line == 3);
        CHECK(error.column == 3);
    }
}

TEST_CASE("strings: worldcafe export and print fail with exit 2 and write nothing when the labels are missing") {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "assets" / "i18n");
    const std::string sample = (kSourceDir / "sessions" / "green-procurement-2019.wcafe").string();
    AssetsOverride assets(dir / "assets");
    auto report = test::runWorldcafe({"export", sample, "--format", "md", "--out", "report.md"}, dir.path());
    CHECK(report.exitCode == 2);
    CHECK_MESSAGE(report.err.find(".report.json") != std::string::npos, report.err);
    CHECK_FALSE(std::filesystem::exists(dir / "report.md"));
    auto cards = test::runWorldcafe({"print", sample, "--what", "cards", "--out", "cards.html"}, dir.path());
    CHECK(cards.exitCode == 2);
    CHECK_MESSAGE(cards.err.find(".report.json") != std::string::npos, cards.err);
    CHECK_FALSE(std::filesystem::exists(dir / "cards.html"));
}
