#include "chime.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace worldcafe::gui {

namespace {

// The few ALSA entry points the chime needs, declared here so that no ALSA header or library is needed to build.
struct Alsa {
    using Pcm = void;
    int (*open)(Pcm** pcm, const char* name, int stream, int mode) = nullptr;
    int (*setParams)(Pcm* pcm, int format, int access, unsigned channels, unsigned rate, int softResample,
                     unsigned latencyMicros) = nullptr;
    long (*writei)(Pcm* pcm, const void* buffer, unsigned long frames) = nullptr;
    int (*recover)(Pcm* pcm, int error, int silent) = nullptr;
    int (*drain)(Pcm* pcm) = nullptr;
    int (*close)(Pcm* pcm) = nullptr;
    int (*setErrorHandler)(void (*)(const char*, int, const char*, int, const char*, ...)) = nullptr;

    static constexpr int kPlayback = 0;
    static constexpr int kFormatS16Le = 2;
    static constexpr int kAccessRwInterleaved = 3;
};

void quietAlsa(const char*, int, const char*, int, const char*, ...) {}

// Loaded once and kept: unloading ALSA while its configuration cache lives is asking for trouble at exit.
const Alsa* loadAlsa() {
    static const Alsa* loaded = [] () -> const Alsa* {
        void* library = dlopen("libasound.so.2", RTLD_NOW | RTLD_LOCAL);
        if (!library) return nullptr;
        static Alsa alsa;
        auto bind = [&](auto& function, const char* name) {
            function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(library, name));
            return function != nullptr;
        };
        bool ok = bind(alsa.open, "snd_pcm_open") && bind(alsa.setParams, "snd_pcm_set_params") &&
                  bind(alsa.writei, "snd_pcm_writei") && bind(alsa.recover, "snd_pcm_recover") &&
                  bind(alsa.drain, "snd_pcm_drain") && bind(alsa.close, "snd_pcm_close");
        if (!ok) return nullptr;
        // Without a sound card ALSA prints its configuration errors to stderr on every attempt.
        if (bind(alsa.setErrorHandler, "snd_lib_error_set_handler")) alsa.setErrorHandler(quietAlsa);
        return &alsa;
    }();
    return loaded;
}

bool playSamples(const std::vector<std::int16_t>& samples) {
    const Alsa* alsa = loadAlsa();
    if (!alsa) return false;
    Alsa::Pcm* pcm = nullptr;
    if (alsa->open(&pcm, "default", Alsa::kPlayback, 0) < 0) return false;
    if (alsa->setParams(pcm, Alsa::kFormatS16Le, Alsa::kAccessRwInterleaved, 1, kChimeSampleRate, 1, 100000) < 0) {
        alsa->close(pcm);
        return false;
    }
    std::size_t offset = 0;
    while (offset < samples.size()) {
        long written = alsa->writei(pcm, samples.data() + offset, samples.size() - offset);
        if (written < 0 && alsa->recover(pcm, static_cast<int>(written), 1) < 0) break;
        if (written > 0) offset += static_cast<std::size_t>(written);
    }
    alsa->drain(pcm);
    alsa->close(pcm);
    return true;
}

}  // namespace

std::vector<std::int16_t> chimeSamples(int sampleRate) {
    struct Note {
        double frequency;
        double start;  // seconds
        double length;
    };
    // A falling major third, like a venue's announcement bell: noticed, not alarming.
    constexpr Note kNotes[] = {{1318.51, 0.0, 0.45}, {1046.50, 0.38, 1.0}};
    constexpr double kTotal = 1.4;
    constexpr double kVolume = 0.32;
    constexpr double kPi = 3.14159265358979323846;
    std::vector<std::int16_t> samples(static_cast<std::size_t>(kTotal * sampleRate));
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const double t = static_cast<double>(i) / sampleRate;
        double value = 0.0;
        for (const Note& note : kNotes) {
            const double local = t - note.start;
            if (local < 0.0 || local > note.length) continue;
            const double attack = std::min(local / 0.006, 1.0);
            const double release = std::min((note.length - local) / 0.05, 1.0);
            const double envelope = attack * release * std::exp(-local * 4.5);
            // A little of the octave above gives the sine a bell's brightness.
            value += envelope * (std::sin(2.0 * kPi * note.frequency * local) +
                                 0.25 * std::sin(4.0 * kPi * note.frequency * local));
        }
        samples[i] = static_cast<std::int16_t>(std::lround(std::clamp(value * kVolume, -1.0, 1.0) * 32767.0));
    }
    return samples;
}

Chime::~Chime() {
    if (m_worker.joinable()) m_worker.join();
}

void Chime::play() {
    if (m_playing.exchange(true)) return;
    if (m_worker.joinable()) m_worker.join();
    m_worker = std::thread([this] {
        static const std::vector<std::int16_t> samples = chimeSamples();
        if (!playSamples(samples)) m_available = false;
        m_playing = false;
    });
}

}  // namespace worldcafe::gui
