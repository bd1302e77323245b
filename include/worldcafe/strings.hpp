#pragma once
// The labels exports write (reports, printables), in the session's language, from assets/i18n/<language>.report.json.
// There is no fallback to another language: an export whose labels cannot be read fails and says which file, rather
// than silently coming out in a language the organiser did not choose.

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace worldcafe {

class Strings {
public:
    // Reads DIRECTORY/LANGUAGE.report.json. Throws InputError (file, line, column) when it is missing or malformed.
    static Strings load(const std::filesystem::path& directory, const std::string& language);
    // The table of assetsDirectory()/i18n, read once per process and file; a failed read is retried next time.
    static const Strings& forLanguage(const std::string& language);
    // The export language of a session's language code: Korean for "ko", English otherwise.
    static const Strings& forSession(const std::string& sessionLanguage);

    const std::string& language() const { return m_language; }
    const std::filesystem::path& file() const { return m_file; }
    // Throws Error naming the key and the file when the key is missing.
    const std::string& text(std::string_view key) const;
    // The text with {0}, {1}, ... filled in.
    std::string format(std::string_view key, std::initializer_list<std::string_view> args) const;
    // ONE when count is 1, else OTHER, with {0} the count.
    std::string counted(int count, std::string_view one, std::string_view other) const;
    std::vector<std::string> keys() const;

private:
    std::string m_language;
    std::filesystem::path m_file;
    std::map<std::string, std::string, std::less<>> m_texts;
};

}  // namespace worldcafe
