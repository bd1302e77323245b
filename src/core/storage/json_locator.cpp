// [SECTION] index
// - structural pre-pass: syntax errors with line and column, a depth limit, text that is not UTF-8 or holds a NUL,
//   and where every value starts
// - load paths

#include "rapidjson_config.hpp"  // first: it configures rapidjson for the pre-pass

#include "json_locator.hpp"

#include <optional>
#include <vector>

#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

// [SECTION] structural pre-pass

namespace {

// Sessions nest a handful of levels (session > notes > note > tags); anything far deeper is not a session file.
constexpr int kMaxDepth = 64;

// Records the path of every value, where it starts and what it is, and the top-level "format" and "version".
// With iterative parsing rapidjson calls the handler with the stream still at the start of the token.
class StructureHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, StructureHandler> {
public:
    explicit StructureHandler(const rapidjson::StringStream& stream) : m_stream(stream) {}

    std::map<std::string, ValueInfo> values;
    std::string format;
    std::int64_t version = -1;
    bool tooDeep = false;
    std::size_t tooDeepOffset = 0;
    // The raw file is checked before parsing; escapes can still decode to a NUL (\u0000) or an unpaired surrogate.
    std::optional<TextFault> textFault;
    std::size_t textFaultOffset = 0;

    bool Null() { return value("null"); }
    bool Bool(bool) { return value("true or false"); }
    bool Double(double) { return value("a fractional number"); }
    bool String(const char* text, rapidjson::SizeType length, bool) {
        if (!acceptText(text, length)) return false;
        if (atTopLevelKey("format")) format.assign(text, length);
        return value("a string");
    }
    bool Int(int v) { return integer(v); }
    bool Uint(unsigned v) { return integer(v); }
    bool Int64(std::int64_t v) { return integer(v); }
    bool Uint64(std::uint64_t v) { return integer(static_cast<std::int64_t>(v)); }
    bool StartObject() { return open(false); }
    bool StartArray() { return open(true); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool EndArray(rapidjson::SizeType) { return close(); }
    bool Key(const char* text, rapidjson::SizeType length, bool) {
        if (!acceptText(text, length)) return false;
        m_frames.back().key.assign(text, length);
        m_frames.back().keyOffset = m_stream.Tell();
        return true;
    }

private:
    struct Frame {
        bool array = false;
        int index = -1;
        std::string key;
        std::size_t keyOffset = 0;
    };

    bool acceptText(const char* text, rapidjson::SizeType length) {
        textFault = findTextFault(std::string_view(text, length));
        if (textFault) textFaultOffset = m_stream.Tell();
        return !textFault;
    }
    bool atTopLevelKey(const char* key) const { return m_frames.size() == 1 && m_frames[0].key == key; }
    bool integer(std::int64_t v) {
        if (atTopLevelKey("version")) version = v;
        return value(v < 0 ? "a negative integer" : "an integer");
    }
    std::string currentPath() const {
        std::string path;
        for (const Frame& frame : m_frames) {
            if (frame.array)
                path += "[" + std::to_string(frame.index) + "]";
            else
                path += (path.empty() ? "" : ".") + frame.key;
        }
        return path;
    }
    // A member is located at its key (the line a reader looks for), an array element at the element itself.
    bool value(const char* kind) {
        if (m_frames.empty()) return true;
        Frame& frame = m_frames.back();
        if (frame.array) ++frame.index;
        values.emplace(currentPath(), ValueInfo{frame.array ? m_stream.Tell() : frame.keyOffset, kind});
        return true;
    }
    bool open(bool array) {
        value(array ? "an array" : "an object");
        if (static_cast<int>(m_frames.size()) >= kMaxDepth) {
            tooDeep = true;
            tooDeepOffset = m_stream.Tell();
            return false;
        }
        m_frames.push_back(Frame{array, -1, {}, m_stream.Tell()});
        return true;
    }
    bool close() {
        m_frames.pop_back();
        return true;
    }

    const rapidjson::StringStream& m_stream;
    std::vector<Frame> m_frames;
};

}  // namespace

Location locate(std::string_view text, std::size_t offset) {
    Location location{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++location.line;
            location.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++location.column;
        }
    }
    return location;
}

Structure scanStructure(std::string_view json, const std::filesystem::path& file) {
    // A file cut inside a multi-byte character is truncated rather than in another encoding: say so.
    if (const auto fault = findTextFault(json);
        fault && json.size() - fault->offset < 4 && static_cast<unsigned char>(json[fault->offset]) >= 0xC0) {
        Location at = locate(json, fault->offset);
        throw InputError(file, "not valid JSON: the file ends too early (truncated?)", at.line, at.column);
    }
    requireModelText(json, file);
    std::string text(json);  // rapidjson's StringStream needs a terminated buffer
    rapidjson::StringStream stream(text.c_str());
    StructureHandler handler(stream);
    rapidjson::Reader reader;
    rapidjson::ParseResult result = reader.Parse<rapidjson::kParseIterativeFlag>(stream, handler);
    if (handler.tooDeep) {
        Location at = locate(json, handler.tooDeepOffset);
        throw InputError(file, "nested more than " + std::to_string(kMaxDepth) + " levels deep; not a session file",
                         at.line, at.column);
    }
    if (handler.textFault) {
        Location at = locate(json, handler.textFaultOffset);
        const bool nul = handler.textFault->reason.find("NUL") != std::string::npos;
        // The raw bytes passed requireModelText, so only an escape can have produced the fault.
        throw InputError(file,
                         nul ? "a string holds \\u0000 (NUL), which text cannot hold"
                             : "a string holds an unpaired surrogate escape (\\uD800-\\uDFFF), which is not valid UTF-8",
                         at.line, at.column);
    }
    if (result.IsError()) {
        Location at = locate(json, result.Offset());
        std::string reason = rapidjson::GetParseError_En(result.Code());
        if (!reason.empty() && reason.back() == '.') reason.pop_back();
        if (result.Code() == rapidjson::kParseErrorDocumentEmpty) reason = "the file is empty";
        else if (result.Offset() >= json.size()) reason = "the file ends too early (truncated?)";
        throw InputError(file, "not valid JSON: " + reason, at.line, at.column);
    }
    return Structure{std::move(handler.values), std::move(handler.format), handler.version};
}

// [SECTION] load paths

std::string joinPath(const std::string& head, const std::string& tail) {
    if (tail.empty()) return head;
    if (head.empty()) return tail;
    return tail.front() == '[' ? head + tail : head + "." + tail;
}

}  // namespace worldcafe
