// Every UI string is an i18n key: these fail the build when a key is in one language and not the other, when the
// source uses a key no language defines, or when a translation drops a placeholder.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "gui_language_guard.hpp"
#include "i18n.hpp"

using namespace worldcafe::gui;

namespace {

using worldcafe::test::kSourceDir;
using worldcafe::test::kI18nDir;

std::set<std::string> keysOf(const StringTable& table) {
    std::set<std::string> keys;
    for (const auto& [key, value] : table) keys.insert(key);
    return keys;
}

std::set<std::string> placeholdersIn(const std::string& text) {
    std::set<std::string> found;
    static const std::regex placeholder(R"(\{[0-9]\})");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder); it != std::sregex_iterator(); ++it)
        found.insert(it->str());
    return found;
}

std::string readSource(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Keys the GUI sources use: the literal first argument of every lookup helper, plus dotted literals in the
// namespaces those calls establish (keys handed over in variables, e.g. a picker's title key).
std::map<std::string, std::string> keysUsedInSources() {
    static const std::regex call(R"(\b(?:tr|trf|trId|actionButton|smallActionButton|formRow|sectionHeading|subHeading)"
                                 R"(|emptyState)\(\s*"([a-z0-9_.]+)\")");
    static const std::regex literal(R"("([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\")");
    static const std::regex fileName(R"(.*\.(hpp|cpp|h|json|wcafe|csv|png|ttf)$)");
    std::map<std::string, std::string> used;  // key -> file that uses it
    std::set<std::string> namespaces;
    std::vector<std::pair<std::string, std::string>> literals;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir / "src" / "gui")) {
        if (entry.path().extension() != ".cpp") continue;
        std::string text = readSource(entry.path());
        std::string name = entry.path().filename().string();
        for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it) {
            std::string key = (*it)[1];
            used.emplace(key, name);
            namespaces.insert(key.substr(0, key.find('.')));
        }
        for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator(); ++it)
            literals.emplace_back((*it)[1], name);
    }
    for (const auto& [key, file] : literals)
        if (!std::regex_match(key, fileName) && namespaces.count(key.substr(0, key.find('.')))) used.emplace(key, file);
    return used;
}

}  // namespace

TEST_CASE("gui i18n: English and Korean define the same keys") {
    StringTable english = loadLanguageTable(kI18nDir, "en");
    StringTable korean = loadLanguageTable(kI18nDir, "ko");
    for (const std::string& key : keysOf(english)) CHECK_MESSAGE(korean.count(key), "ko.json lacks " << key);
    for (const std::string& key : keysOf(korean)) CHECK_MESSAGE(english.count(key), "en.json lacks " << key);
}

TEST_CASE("gui i18n: every key the GUI sources use exists in every language") {
    auto used = keysUsedInSources();
    REQUIRE(used.size() > 50);  // the scan itself works
    for (const char* language : {"en", "ko"}) {
        StringTable table = loadLanguageTable(kI18nDir, language);
        for (const auto& [key, file] : used)
            CHECK_MESSAGE(table.count(key), std::string(language)
                                                << ".json lacks '" << key << "' used in src/gui/" << file);
    }
}

TEST_CASE("gui i18n: translations keep every placeholder and no text is empty") {
    StringTable english = loadLanguageTable(kI18nDir, "en");
    StringTable korean = loadLanguageTable(kI18nDir, "ko");
    for (const auto& [key, text] : english) {
        CHECK_MESSAGE(!text.empty(), "en: " << key << " is empty");
        auto it = korean.find(key);
        if (it == korean.end()) continue;
        CHECK_MESSAGE(!it->second.empty(), "ko: " << key << " is empty");
        CHECK_MESSAGE(placeholdersIn(text) == placeholdersIn(it->second), "placeholders differ in " << key);
    }
}

TEST_CASE("gui i18n: lookups fall back to English, then to the key, and fill placeholders") {
    worldcafe::test::LanguageGuard language(kI18nDir, "ko");
    CHECK(std::string(tr("menu.file")) == "파일");
    CHECK(std::string(tr("no.such.key")) == "no.such.key");
    CHECK(trf("common.table_n", {"3"}) == "3번 테이블");
    CHECK(trId("menu.file") == "파일###menu.file");
    auto missing = takeMissingTranslations();
    CHECK(missing == std::vector<std::string>{"no.such.key"});

    setLanguage(kI18nDir, "xx");
    CHECK(currentLanguage() == "en");
    CHECK(std::string(tr("menu.file")) == "File");
    CHECK_FALSE(takeTranslationProblems().empty());
}
