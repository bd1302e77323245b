#pragma once
// A GUI test that switches the language gives it back when it ends, however it ends: a failed REQUIRE throws past
// the line that would have switched back, and every later test would then run in the wrong language.

#include <filesystem>
#include <string>

#include "i18n.hpp"

namespace worldcafe::test {

class LanguageGuard {
public:
    LanguageGuard(std::filesystem::path directory, const std::string& language)
        : m_directory(std::move(directory)), m_previous(gui::currentLanguage()) {
        gui::setLanguage(m_directory, language);
    }
    ~LanguageGuard() { gui::setLanguage(m_directory, m_previous.empty() ? std::string("en") : m_previous); }
    LanguageGuard(const LanguageGuard&) = delete;
    LanguageGuard& operator=(const LanguageGuard&) = delete;

private:
    std::filesystem::path m_directory;
    std::string m_previous;
};

}  // namespace worldcafe::test
