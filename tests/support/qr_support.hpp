#pragma once
// Reading QR codes back the way a phone would: zbarimg (zbar-tools) decodes an image file. The tests that need it
// skip with a message where it is missing; CI installs it (.ci/setup).

#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace worldcafe::test {

// Runs `program` (searched in PATH) with `arguments`; stdout and stderr through files.
inline CommandResult runProgram(const std::string& program, const std::vector<std::string>& arguments,
                                const std::filesystem::path& workDir) {
    std::filesystem::path outFile = workDir / ".prog-stdout";
    std::filesystem::path errFile = workDir / ".prog-stderr";
    std::fflush(stdout);
    std::fflush(stderr);
    pid_t pid = ::fork();
    if (pid == 0) {
        FILE* out = std::freopen(outFile.c_str(), "w", stdout);
        FILE* err = std::freopen(errFile.c_str(), "w", stderr);
        if (!out || !err || ::chdir(workDir.c_str()) != 0) ::_exit(127);
        std::vector<std::string> copies = arguments;
        std::string name = program;
        std::vector<char*> argv{name.data()};
        for (std::string& argument : copies) argv.push_back(argument.data());
        argv.push_back(nullptr);
        ::execvp(name.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CommandResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = readBytes(outFile);
    result.err = readBytes(errFile);
    std::filesystem::remove(outFile);
    std::filesystem::remove(errFile);
    return result;
}

inline bool programAvailable(const std::string& program) {
    TempDir dir;
    return runProgram("sh", {"-c", "command -v " + program}, dir.path()).exitCode == 0;
}

inline bool zbarAvailable() {
    static const bool available = programAvailable("zbarimg");
    if (!available) MESSAGE("zbarimg (zbar-tools) is missing: QR codes are not decoded here (CI installs it)");
    return available;
}

// Every code zbarimg finds in `image`, one per line, as raw bytes; nullopt when it finds none.
inline std::optional<std::string> decodeQr(const std::filesystem::path& image) {
    TempDir dir;
    CommandResult result = runProgram("zbarimg", {"--raw", "-q", "-Sdisable", "-Sqrcode.enable", image.string()},
                                      dir.path());
    if (result.exitCode != 0) return std::nullopt;
    std::string text = result.out;
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

// A binary greymap (PGM), which zbarimg reads through ImageMagick.
inline void writePgm(const std::filesystem::path& file, const std::vector<std::uint8_t>& grey, int width,
                     int height) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << "P5\n" << width << " " << height << "\n255\n";
    out.write(reinterpret_cast<const char*>(grey.data()), static_cast<std::streamsize>(grey.size()));
}

// The QR codes' <svg> elements in an HTML page, in document order.
inline std::vector<std::string> qrSvgsIn(const std::string& html) {
    std::vector<std::string> svgs;
    for (std::size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) {
        const std::size_t end = html.find("</svg>", at);
        if (end == std::string::npos) break;
        const std::string svg = html.substr(at, end + 6 - at);
        if (svg.find("class=\"qr\"") != std::string::npos) svgs.push_back(svg);
    }
    return svgs;
}

// Paints the SVG's path the way a renderer would, from its own numbers (the viewBox and the path's rectangles),
// `scale` pixels per module, and writes a PGM; the returned path is what zbarimg reads.
inline std::filesystem::path rasteriseQrSvg(const std::string& svg, const std::filesystem::path& file, int scale = 4) {
    std::smatch box;
    REQUIRE(std::regex_search(svg, box, std::regex("viewBox=\"0 0 (\\d+) (\\d+)\"")));
    const int side = std::stoi(box[1]);
    const int pixels = side * scale;
    std::vector<std::uint8_t> grey(static_cast<std::size_t>(pixels * pixels), 255);
    const std::regex run("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it) {
        const int x = std::stoi((*it)[1]);
        const int y = std::stoi((*it)[2]);
        const int length = std::stoi((*it)[3]);
        for (int py = y * scale; py < (y + 1) * scale; ++py)
            for (int px = x * scale; px < (x + length) * scale; ++px)
                grey[static_cast<std::size_t>(py * pixels + px)] = 0;
    }
    writePgm(file, grey, pixels, pixels);
    return file;
}

}  // namespace worldcafe::test
