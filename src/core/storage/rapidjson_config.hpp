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

// cereal makes rapidjson's assertions throw (a wrong-typed value is an exception, not an abort); it sets
// RAPIDJSON_ASSERT before including rapidjson, so it comes first.
#include <cereal/archives/json.hpp>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

static_assert((rapidjson::kParseDefaultFlags & rapidjson::kParseFullPrecisionFlag) == 0,
              "RapidJSON 1.1.0's full-precision parsing crashes on crafted numbers");
