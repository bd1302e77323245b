#pragma once
// Where in a JSON document something is wrong, for messages a user can act on: the line and column of a syntax
// error, and the path ("session.notes[3].table") and place of a value that does not load. Private to the core.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace worldcafe {

struct Location {
    int line = 0;
    int column = 0;
};

// Line and column (in characters, not bytes) of `offset` in `text`, both from 1.
Location locate(std::string_view text, std::size_t offset);

struct ValueInfo {
    std::size_t offset = 0;
    const char* kind = "";  // "an object", "a string", ...: for "expected X, found Y"
};

struct Structure {
    std::map<std::string, ValueInfo> values;
    std::string format;
    std::int64_t version = -1;
};

// One pass over the document before it is loaded. Throws InputError with line and column for a syntax error, text
// that is not UTF-8 or holds a NUL, or nesting too deep for a session.
Structure scanStructure(std::string_view json, const std::filesystem::path& file);

// Thrown while loading: where in the document, and what was wrong there.
struct LoadPathError {
    std::string path;
    std::string message;
};

// `head` followed by `tail`: "notes" and "[3].table" give "notes[3].table".
std::string joinPath(const std::string& head, const std::string& tail);

}  // namespace worldcafe
