#include "worldcafe/settings.hpp"

#include "rapidjson_config.hpp"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sstream>

#include "json_locator.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"

namespace worldcafe {

namespace {

constexpr int kFormatVersion = 1;
constexpr const char* kFileName = "settings.json";

std::string shortNumber(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// Reads one value after another; a wrong one is reported where it stands and left at its default.
class Reader {
public:
    Reader(const rapidjson::Value& root, const Structure& structure, std::string_view text, std::string name,
           std::vector<std::string>& notices)
        : m_root(root), m_structure(structure), m_text(text), m_name(std::move(name)), m_notices(notices) {}

    const rapidjson::Value* find(const std::string& path) const {
        const rapidjson::Value* value = &m_root;
        std::size_t start = 0;
        while (start <= path.size()) {
            std::size_t dot = path.find('.', start);
            std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
            if (!value->IsObject()) return nullptr;
            auto member = value->FindMember(key.c_str());
            if (member == value->MemberEnd()) return nullptr;
            value = &member->value;
            if (dot == std::string::npos) break;
            start = dot + 1;
        }
        return value;
    }

    void problem(const std::string& path, const std::string& what, const std::string& fallback) {
        std::string where = m_name;
        if (auto found = m_structure.values.find(path); found != m_structure.values.end()) {
            Location location = locate(m_text, found->second.offset);
            where += ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
        }
        m_notices.push_back(where + ": " + path + " " + what + "; using " + fallback);
    }

    void text(const std::string& path, std::string& out, const std::vector<std::string>& allowed) {
        const rapidjson::Value* value = find(path);
        if (!value) return;
        const std::string fallback = out.empty() ? "none" : "\"" + out + "\"";
        if (!value->IsString()) return problem(path, "is not text", fallback);
        std::string got(value->GetString(), value->GetStringLength());
        if (std::find(allowed.begin(), allowed.end(), got) == allowed.end()) {
            std::string list;
            for (const std::string& option : allowed) list += (list.empty() ? "" : ", ") + option;
            return problem(path, "\"" + got + "\" is not one of " + list, fallback);
        }
        out = got;
    }

    void number(const std::string& path, float& out, float min, float max) {
        const rapidjson::Value* value = find(path);
        if (!value) return;
        if (!value->IsNumber()) return problem(path, "is not a number", shortNumber(out));
        double got = value->GetDouble();
        if (!std::isfinite(got) || got < min - 1e-6 || got > max + 1e-6)
            return problem(path, shortNumber(got) + " is out of range (" + shortNumber(min) + " to " +
                                     shortNumber(max) + ")",
                           shortNumber(out));
        out = static_cast<float>(got);
    }

    void integer(const std::string& path, int& out, int min, int max) {
        const rapidjson::Value* value = find(path);
        if (!value) return;
        if (!value->IsInt64()) return problem(path, "is not a whole number", std::to_string(out));
        std::int64_t got = value->GetInt64();
        if (got < min || got > max)
            return problem(path,
                           std::to_string(got) + " is out of range (" + std::to_string(min) + " to " +
                               std::to_string(max) + ")",
                           std::to_string(out));
        out = static_cast<int>(got);
    }

    void boolean(const std::string& path, bool& out) {
        const rapidjson::Value* value = find(path);
        if (!value) return;
        if (!value->IsBool()) return problem(path, "is not true or false", out ? "true" : "false");
        out = value->GetBool();
    }

    void file(const std::string& path, std::filesystem::path& out) {
        const rapidjson::Value* value = find(path);
        if (!value) return;
        if (!value->IsString() || value->GetStringLength() == 0 ||
            std::string_view(value->GetString(), value->GetStringLength()).find('\0') != std::string_view::npos)
            return problem(path, "is not a file name", "none");
        out = std::string(value->GetString(), value->GetStringLength());
    }

    void files(const std::string& path, std::vector<std::filesystem::path>& out, std::size_t max) {
        const rapidjson::Value* value = find(path);
        if (!value) return;
        if (!value->IsArray()) return problem(path, "is not a list", "none");
        std::vector<std::filesystem::path> got;
        for (rapidjson::SizeType i = 0; i < value->Size(); ++i) {
            const std::string item = path + "[" + std::to_string(i) + "]";
            const rapidjson::Value& entry = (*value)[i];
            if (!entry.IsString() || entry.GetStringLength() == 0 ||
                std::string_view(entry.GetString(), entry.GetStringLength()).find('\0') != std::string_view::npos) {
                problem(item, "is not a file name", "nothing for it");
                continue;
            }
            std::filesystem::path file(std::string(entry.GetString(), entry.GetStringLength()));
            if (std::find(got.begin(), got.end(), file) != got.end()) continue;
            if (got.size() == max) {
                problem(item, "is past the " + std::to_string(max) + " remembered files", "the first " +
                                                                                                std::to_string(max));
                break;
            }
            got.push_back(std::move(file));
        }
        out = std::move(got);
    }

private:
    const rapidjson::Value& m_root;
    const Structure& m_structure;
    std::string_view m_text;
    std::string m_name;
    std::vector<std::string>& m_notices;
};

const std::vector<std::string>& languages() {
    static const std::vector<std::string> list{"", "en", "ko"};
    return list;
}

}  // namespace

void Settings::addRecentFile(const std::filesystem::path& file) {
    if (file.empty()) return;
    std::erase(recentFiles, file);
    recentFiles.insert(recentFiles.begin(), file);
    if (recentFiles.size() > kMaxRecentFiles) recentFiles.resize(kMaxRecentFiles);
}

const std::vector<std::string>& settingsThemes() {
    static const std::vector<std::string> list{"dark", "light", "high-contrast"};
    return list;
}

const std::vector<std::string>& settingsWorkspaces() {
    static const std::vector<std::string> list{"", "setup", "plan", "console", "host", "harvest"};
    return list;
}

std::filesystem::path settingsDirectory() {
    // The XDG spec: a relative path in XDG_CONFIG_HOME is invalid and must be ignored.
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && config[0] == '/')
        return std::filesystem::path(config) / "worldcafe";
    if (const char* home = std::getenv("HOME"); home && home[0] != '\0')
        return std::filesystem::path(home) / ".config" / "worldcafe";
    return {};
}

std::string formatSettings(const Settings& settings) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    writer.SetIndent(' ', 2);
    auto string = [&writer](const std::string& text) {
        writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    };
    writer.StartObject();
    writer.Key("format");
    string("worldcafe-settings");
    writer.Key("version");
    writer.Int(kFormatVersion);
    writer.Key("language");
    string(settings.language);
    writer.Key("zoom");
    // Rounded so that 1.1f is written as 1.1, not 1.100000023841858.
    writer.Double(std::round(static_cast<double>(settings.zoom) * 100.0) / 100.0);
    writer.Key("theme");
    string(settings.theme);
    writer.Key("recentFiles");
    writer.StartArray();
    for (const std::filesystem::path& file : settings.recentFiles) string(file.string());
    writer.EndArray();
    writer.Key("projector");
    writer.StartObject();
    writer.Key("monitor");
    writer.Int(settings.projectorMonitor);
    writer.Key("open");
    writer.Bool(settings.projectorOpen);
    writer.EndObject();
    writer.Key("harvest");
    writer.StartObject();
    writer.Key("themesByVotes");
    writer.Bool(settings.themesByVotes);
    writer.EndObject();
    writer.Key("lastSession");
    writer.StartObject();
    writer.Key("file");
    string(settings.openSession.string());
    writer.Key("workspace");
    string(settings.workspace);
    writer.Key("running");
    writer.Bool(settings.running);
    writer.EndObject();
    writer.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

SettingsLoad parseSettings(const std::string& bytes, const std::filesystem::path& file) {
    SettingsLoad result;
    const std::string name = file.filename().string();
    Structure structure;
    try {
        structure = scanStructure(bytes, file);
    } catch (const InputError& error) {
        result.notices.push_back(name + ":" + std::to_string(error.line) + ":" + std::to_string(error.column) + ": " +
                                 error.detail);
        result.malformed = true;
        return result;
    }
    rapidjson::Document document;
    document.Parse(bytes.data(), bytes.size());
    if (document.HasParseError()) {
        Location location = locate(bytes, document.GetErrorOffset());
        result.notices.push_back(name + ":" + std::to_string(location.line) + ":" + std::to_string(location.column) +
                                 ": " + rapidjson::GetParseError_En(document.GetParseError()));
        result.malformed = true;
        return result;
    }
    if (!document.IsObject()) {
        result.notices.push_back(name + ":1:1: expected one JSON object of settings");
        result.malformed = true;
        return result;
    }
    Settings& settings = result.settings;
    Reader reader(document, structure, bytes, name, result.notices);
    reader.text("language", settings.language, languages());
    reader.number("zoom", settings.zoom, Settings::kMinZoom, Settings::kMaxZoom);
    reader.text("theme", settings.theme, settingsThemes());
    reader.files("recentFiles", settings.recentFiles, Settings::kMaxRecentFiles);
    reader.integer("projector.monitor", settings.projectorMonitor, -1, Settings::kMaxMonitor);
    reader.boolean("projector.open", settings.projectorOpen);
    reader.boolean("harvest.themesByVotes", settings.themesByVotes);
    const rapidjson::Value* last = reader.find("lastSession.file");
    if (last && last->IsString() && last->GetStringLength() == 0) {
        // Written so when no session was open.
    } else {
        reader.file("lastSession.file", settings.openSession);
    }
    reader.text("lastSession.workspace", settings.workspace, settingsWorkspaces());
    reader.boolean("lastSession.running", settings.running);
    return result;
}

SettingsLoad loadSettings(const std::filesystem::path& directory) {
    const std::filesystem::path file = directory / kFileName;
    std::error_code error;
    if (!std::filesystem::exists(file, error)) return {};
    std::string bytes;
    try {
        bytes = readWholeFile(file);
    } catch (const InputError& problem) {
        SettingsLoad result;
        result.notices.push_back(file.filename().string() + ": " + problem.detail);
        // Unreadable is not malformed: it may be fine once permissions are, so it is neither moved nor replaced.
        result.canSave = false;
        return result;
    }
    SettingsLoad result = parseSettings(bytes, file);
    if (!result.malformed) return result;
    // Kept for whoever wants to see what went wrong; the next save writes a fresh file in its place.
    std::filesystem::path aside = directory / (std::string(kFileName) + ".bad-" + timestampForFileName());
    for (int n = 2; std::filesystem::exists(aside, error); ++n)
        aside = directory / (std::string(kFileName) + ".bad-" + timestampForFileName() + "-" + std::to_string(n));
    std::filesystem::rename(file, aside, error);
    if (error) {
        result.canSave = false;
        result.notices.push_back(file.filename().string() + " could not be kept aside (" + error.message() +
                                 "); settings will not be saved");
    } else {
        result.keptAside = aside;
        result.notices.push_back(file.filename().string() + " was kept as " + aside.filename().string() +
                                 "; using the default settings");
    }
    return result;
}

void saveSettings(const std::filesystem::path& directory, const Settings& settings) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) throw StorageError(directory, "cannot create the settings folder: " + error.message());
    writeFileAtomically(directory / kFileName, formatSettings(settings));
}

}  // namespace worldcafe
