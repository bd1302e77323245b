#pragma once
// A clock the tests set by hand: wall and monotonic time move together unless a test jumps the wall clock.

#include "worldcafe/timer.hpp"

namespace worldcafe::test {

inline constexpr WallMillis kTestStart = 1'700'000'000'000;

class ManualClock final : public Clock {
public:
    WallMillis wallMillis() const override { return wall; }
    std::int64_t monotonicMillis() const override { return monotonic; }
    void set(WallMillis now) {
        monotonic += now - wall;
        wall = now;
    }
    void advance(std::int64_t millis) {
        wall += millis;
        monotonic += millis;
    }

    WallMillis wall = kTestStart;
    std::int64_t monotonic = 5000;
};

}  // namespace worldcafe::test
