#pragma once
// RapidJSON is configured here, once, for every core file that reads or writes JSON. Include this header instead of
// any rapidjson or cereal JSON header: the macros below are read when rapidjson is first included, and a file that
// included rapidjson first would silently get other flags.

#ifdef RAPIDJSON_RAPIDJSON_H_
#error "include rapidjson_config.hpp before any rapidjson or cereal JSON header"
#endif

// Not kParseFullPrecisionFlag: RapidJSON 1.1.0's full-precision strtod crashes on a number such as `0.` followed by
// ~350 zeros and a digit (Tencent/rapidjson#1251, fixed after 1.1.0). Nothing in a session is fractional, so the
// normal-precision path, which never reaches that code, loses nothing.
// Not kParseNanAndInfFlag: NaN and Infinity are not JSON, and worldcafe never writes them.
// Iterative: deep nesting cannot overflow the stack.
#define RAPIDJSON_PARSE_DEFAULT_FLAGS kParseIterativeFlag

// cereal makes rapidjson's assertions throw (a wrong-typed value is an exception, not an abort). Its json.hpp sets
// these macros only where they are not yet defined; they are set here, with cereal's values, because rapidjson's
// ostream wrapper must be included (and specialised, below) before json.hpp. The exception is a cereal::Exception,
// as cereal's own RapidJSONException is, and is caught as one.
#include <cereal/cereal.hpp>

namespace worldcafe::detail {
struct RapidJsonAssertion : cereal::Exception {
    explicit RapidJsonAssertion(const char* what) : cereal::Exception(what) {}
};
}  // namespace worldcafe::detail

#define RAPIDJSON_ASSERT_THROWS
#define RAPIDJSON_ASSERT(x)                                                                            \
    if (!(x)) {                                                                                        \
        throw ::worldcafe::detail::RapidJsonAssertion("rapidjson internal assertion failure: " #x); \
    }
#define RAPIDJSON_WRITE_DEFAULT_FLAGS kWriteNanAndInfFlag

#include <rapidjson/ostreamwrapper.h>

#include <cstring>

// cereal's JSONOutputArchive writes through rapidjson's OStreamWrapper, which hands the stream one character at a
// time (std::ostream::put, a sentry each): most of the time of journalling a 100,000-person import went there. This
// specialisation, seen by every file that includes cereal's JSON archive (they all come through this header), gathers
// the characters and writes them 16 KiB at a time; the characters, and so the files, are the same.
namespace rapidjson {
template <>
class BasicOStreamWrapper<std::ostream> {
public:
    typedef char Ch;
    explicit BasicOStreamWrapper(std::ostream& stream) : m_stream(stream) {}
    ~BasicOStreamWrapper() { writeBuffer(); }
    BasicOStreamWrapper(const BasicOStreamWrapper&) = delete;
    BasicOStreamWrapper& operator=(const BasicOStreamWrapper&) = delete;

    void Put(Ch c) {
        if (m_used == sizeof m_buffer) writeBuffer();
        m_buffer[m_used++] = c;
    }
    void Flush() {
        writeBuffer();
        m_stream.flush();
    }

    // Not implemented, as in rapidjson's own wrapper.
    char Peek() const { RAPIDJSON_ASSERT(false); return 0; }
    char Take() { RAPIDJSON_ASSERT(false); return 0; }
    size_t Tell() const { RAPIDJSON_ASSERT(false); return 0; }
    char* PutBegin() { RAPIDJSON_ASSERT(false); return 0; }
    size_t PutEnd(char*) { RAPIDJSON_ASSERT(false); return 0; }

private:
    void writeBuffer() {
        if (m_used == 0) return;
        m_stream.write(m_buffer, static_cast<std::streamsize>(m_used));
        m_used = 0;
    }

    std::ostream& m_stream;
    std::size_t m_used = 0;
    char m_buffer[16 * 1024];
};
}  // namespace rapidjson

#include <cereal/archives/json.hpp>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

static_assert((rapidjson::kParseDefaultFlags & rapidjson::kParseFullPrecisionFlag) == 0,
              "RapidJSON 1.1.0's full-precision parsing crashes on crafted numbers");
