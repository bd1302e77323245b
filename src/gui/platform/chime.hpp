#pragma once
// The chime at the end of a phase: a short two-note sine tone. It plays through ALSA, loaded at run time with
// dlopen, so the app builds and runs on machines without it (CI, a laptop with no sound card): there the chime is
// silent and the projector's flash still marks the end.

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace worldcafe::gui {

inline constexpr int kChimeSampleRate = 44100;

// Mono 16-bit samples: two bell-like notes (E6 then C6) with a soft attack and an exponential decay.
std::vector<std::int16_t> chimeSamples(int sampleRate = kChimeSampleRate);

class Chime {
public:
    Chime() = default;
    ~Chime();
    Chime(const Chime&) = delete;
    Chime& operator=(const Chime&) = delete;

    // Starts playing on a worker thread and returns at once; a chime still playing is not interrupted.
    void play();
    // Whether the sound library could be loaded (tried on the first play()).
    bool available() const { return m_available.load(); }

private:
    std::thread m_worker;
    std::atomic<bool> m_playing{false};
    std::atomic<bool> m_available{true};
};

}  // namespace worldcafe::gui
