#pragma once
// Every UI string is a key looked up in assets/i18n/<language>.json (one flat object: key -> text). A key missing
// from the current language falls back to English, then to the key itself, so a gap is visible instead of blank.

#include <filesystem>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace worldcafe::gui {

struct LanguageInfo {
    const char* code;
    const char* nativeName;  // shown as is in every language, so a user can always find their own
};

// The languages the UI ships with, in menu order.
const std::vector<LanguageInfo>& supportedLanguages();
bool isSupportedLanguage(std::string_view code);

using StringTable = std::unordered_map<std::string, std::string>;

// Throws InputError when the file cannot be read or is not a flat JSON object of strings.
StringTable loadStringTable(const std::filesystem::path& file);
// `<language>.json` merged with every `<language>.<part>.json` beside it (one part per view, so that views can be
// worked on side by side). A key defined twice is an error.
StringTable loadLanguageTable(const std::filesystem::path& directory, const std::string& language);

class Translations {
public:
    // Loads English and `language` from `directory`; problems are kept for the shell to show, never thrown.
    void load(const std::filesystem::path& directory, const std::string& language);
    const char* lookup(const std::string& key) const;
    const std::string& language() const { return m_language; }
    std::vector<std::string> takeProblems();
    // Keys looked up since the last call that the current language lacks (they fell back to English or the key).
    std::vector<std::string> takeMissing();
    // Every text of the current language and of English run together: what the heading font must be able to draw.
    std::string allText() const;

private:
    std::string m_language = "en";
    StringTable m_strings;
    StringTable m_english;
    std::vector<std::string> m_problems;
    mutable std::set<std::string> m_missing;
};

// The process-wide translations the panels read. Switching language happens between frames, so the pointers
// returned by tr() stay valid for the whole frame that asked for them.
void setLanguage(const std::string& language);
void setLanguage(const std::filesystem::path& directory, const std::string& language);
const std::string& currentLanguage();
std::vector<std::string> takeTranslationProblems();
std::string allTranslatedText();
std::vector<std::string> takeMissingTranslations();

const char* tr(const char* key);
// tr() with "{0}", "{1}", ... replaced by `args`.
std::string trf(const char* key, std::initializer_list<std::string_view> args);
// ONE when `count` is 1, else OTHER (English needs the singular: "1 table"), with {0} the count and {1}, ... `args`.
std::string trCount(long long count, const char* one, const char* other,
                    std::initializer_list<std::string_view> args = {});
// A label whose ImGui id does not change with the language: "<text>###<key>".
std::string trId(const char* key);

}  // namespace worldcafe::gui
