#pragma once
// Shared by the libFuzzer targets. A target returns normally for input the loaders refuse with a typed error; any
// other exception, a failed invariant, or a sanitizer report is a finding (libFuzzer saves the input as crash-*).

#include <cstdio>
#include <cstdlib>

#define FUZZ_REQUIRE(condition)                                                                   \
    do {                                                                                          \
        if (!(condition)) {                                                                       \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                         \
        }                                                                                         \
    } while (0)
