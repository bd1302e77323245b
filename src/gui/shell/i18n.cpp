#include "i18n.hpp"

#include "rapidjson_config.hpp"  // first: RapidJSON is configured once, for every file that parses JSON
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <utility>

#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::gui {

namespace {

Translations& instance() {
    static Translations translations;
    return translations;
}

}  // namespace

const std::vector<LanguageInfo>& supportedLanguages() {
    static const std::vector<LanguageInfo> languages = {{"en", "English"}, {"ko", "한국어"}};
    return languages;
}

bool isSupportedLanguage(std::string_view code) {
    for (const LanguageInfo& language : supportedLanguages())
        if (code == language.code) return true;
    return false;
}

StringTable loadStringTable(const std::filesystem::path& file) {
    std::string bytes = readWholeFile(file);
    rapidjson::Document document;
    document.Parse(bytes.data(), bytes.size());
    if (document.HasParseError()) throw InputError(file, rapidjson::GetParseError_En(document.GetParseError()), 0, 0);
    if (!document.IsObject()) throw InputError(file, "expected one JSON object of key -> text");
    StringTable table;
    for (const auto& member : document.GetObject()) {
        std::string key(member.name.GetString(), member.name.GetStringLength());
        if (!member.value.IsString()) throw InputError(file, "the value of '" + key + "' is not a string");
        table[key] = std::string(member.value.GetString(), member.value.GetStringLength());
    }
    return table;
}

StringTable loadLanguageTable(const std::filesystem::path& directory, const std::string& language) {
    StringTable table = loadStringTable(directory / (language + ".json"));
    std::vector<std::filesystem::path> parts;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(language + ".", 0) == 0 && name.size() > language.size() + 6 &&
            name.compare(name.size() - 5, 5, ".json") == 0 && name != language + ".json")
            parts.push_back(entry.path());
    }
    std::sort(parts.begin(), parts.end());
    for (const auto& part : parts) {
        for (auto& [key, text] : loadStringTable(part)) {
            if (table.count(key)) throw InputError(part, "the key '" + key + "' is already defined for " + language);
            table.emplace(key, std::move(text));
        }
    }
    return table;
}

void Translations::load(const std::filesystem::path& directory, const std::string& language) {
    m_language = isSupportedLanguage(language) ? language : "en";
    if (m_language != language) m_problems.push_back("unknown language '" + language + "', using English");
    try {
        m_english = loadLanguageTable(directory, "en");
    } catch (const Error& error) {
        m_english.clear();
        m_problems.push_back(error.what());
    }
    m_strings.clear();
    m_missing.clear();
    if (m_language == "en") return;
    try {
        m_strings = loadLanguageTable(directory, m_language);
    } catch (const Error& error) {
        m_problems.push_back(error.what());
    }
}

const char* Translations::lookup(const std::string& key) const {
    if (auto it = m_strings.find(key); it != m_strings.end()) return it->second.c_str();
    auto english = m_english.find(key);
    if (m_language != "en" || english == m_english.end()) m_missing.insert(key);
    return english != m_english.end() ? english->second.c_str() : nullptr;
}

std::vector<std::string> Translations::takeMissing() {
    std::vector<std::string> missing(m_missing.begin(), m_missing.end());
    m_missing.clear();
    return missing;
}

std::vector<std::string> Translations::takeProblems() { return std::exchange(m_problems, {}); }

std::string Translations::allText() const {
    std::string text;
    for (const StringTable* table : {&m_english, &m_strings})
        for (const auto& [key, value] : *table) text += value;
    return text;
}

void setLanguage(const std::filesystem::path& directory, const std::string& language) {
    instance().load(directory, language);
}

void setLanguage(const std::string& language) { setLanguage(assetsDirectory() / "i18n", language); }

const std::string& currentLanguage() { return instance().language(); }

std::vector<std::string> takeTranslationProblems() { return instance().takeProblems(); }

std::string allTranslatedText() { return instance().allText(); }

std::vector<std::string> takeMissingTranslations() { return instance().takeMissing(); }

const char* tr(const char* key) {
    const char* text = instance().lookup(key);
    return text ? text : key;
}

std::string trf(const char* key, std::initializer_list<std::string_view> args) {
    return fillPlaceholders(tr(key), std::vector<std::string>(args.begin(), args.end()));
}

std::string trCount(long long count, const char* one, const char* other,
                    std::initializer_list<std::string_view> args) {
    std::vector<std::string> filled{std::to_string(count)};
    filled.insert(filled.end(), args.begin(), args.end());
    return fillPlaceholders(tr(count == 1 ? one : other), filled);
}

std::string trId(const char* key) { return std::string(tr(key)) + "###" + key; }

}  // namespace worldcafe::gui
