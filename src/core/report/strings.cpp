#include "worldcafe/strings.hpp"

#include "rapidjson_config.hpp"

#include <rapidjson/document.h>

#include <mutex>
#include <utility>

#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

namespace {

// 1-based line and column of a byte offset, for the parse error message.
std::pair<int, int> lineAndColumn(const std::string& bytes, std::size_t offset) {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

}  // namespace

Strings Strings::load(const std::filesystem::path& directory, const std::string& language) {
    Strings strings;
    strings.m_language = language;
    strings.m_file = directory / (language + ".report.json");
    std::string bytes;
    try {
        bytes = readWholeFile(strings.m_file);
    } catch (const InputError& error) {
        throw InputError(strings.m_file, error.detail + " (the " + language + " labels of reports and printables)");
    }
    rapidjson::Document document;
    document.Parse(bytes.data(), bytes.size());
    if (document.HasParseError()) {
        auto [line, column] = lineAndColumn(bytes, document.GetErrorOffset());
        throw InputError(strings.m_file, rapidjson::GetParseError_En(document.GetParseError()), line, column);
    }
    if (!document.IsObject()) throw InputError(strings.m_file, "expected one JSON object of key -> text", 1, 1);
    for (const auto& member : document.GetObject()) {
        std::string key(member.name.GetString(), member.name.GetStringLength());
        if (!member.value.IsString()) throw InputError(strings.m_file, "the value of '" + key + "' is not a string");
        strings.m_texts[key] = std::string(member.value.GetString(), member.value.GetStringLength());
    }
    return strings;
}

const Strings& Strings::forLanguage(const std::string& language) {
    // Exports may run on a worker thread while the GUI exports or prints on another.
    static std::mutex mutex;
    static std::map<std::filesystem::path, Strings> loaded;
    const std::filesystem::path directory = assetsDirectory() / "i18n";
    const std::filesystem::path file = directory / (language + ".report.json");
    std::lock_guard lock(mutex);
    if (auto it = loaded.find(file); it != loaded.end()) return it->second;
    return loaded.emplace(file, load(directory, language)).first->second;
}

const Strings& Strings::forSession(const std::string& sessionLanguage) {
    return forLanguage(sessionLanguage == "ko" ? "ko" : "en");
}

const std::string& Strings::text(std::string_view key) const {
    auto it = m_texts.find(key);
    if (it == m_texts.end())
        throw Error(m_file.string() + ": no text for '" + std::string(key) + "' (language " + m_language + ")");
    return it->second;
}

std::string Strings::format(std::string_view key, std::initializer_list<std::string_view> args) const {
    return fillPlaceholders(text(key), std::vector<std::string>(args.begin(), args.end()));
}

std::string Strings::counted(int count, std::string_view one, std::string_view other) const {
    return format(count == 1 ? one : other, {std::to_string(count)});
}

std::vector<std::string> Strings::keys() const {
    std::vector<std::string> keys;
    for (const auto& [key, text] : m_texts) keys.push_back(key);
    return keys;
}

}  // namespace worldcafe
