// Renders every view of every bundled session in both languages through `worldcafe screenshot` and checks that
// each PNG has the asked size and real content. Runs under xvfb-run (see CMakeLists.txt).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>

#include "../support/qr_support.hpp"
#include "../support/test_support.hpp"

using worldcafe::test::runWorldcafe;
using worldcafe::test::TempDir;

namespace {

// Every workspace, the console and projector in each phase of the run, and the staged views that wait for a plan
// computed in the background (the console's re-plan preview, the Plan view's other plan).
const char* const kViews[] = {"setup",          "plan",              "plan/itineraries", "harvest",
                              "console",        "console/move",      "console/harvest",  "projector",
                              "projector/move", "projector/harvest", "host",             "console/replan",
                              "plan/another"};
const char* const kSessions[] = {"green-procurement-2019.wcafe", "community-climate-cafe.wcafe"};

struct ImageStats {
    int width = 0;
    int height = 0;
    std::size_t distinctColours = 0;
    double shareOfMostCommonColour = 1.0;
};

ImageStats measure(const std::filesystem::path& png) {
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 3);
    REQUIRE_MESSAGE(pixels, "cannot decode " << png);
    std::map<std::uint32_t, std::size_t> histogram;
    for (int i = 0; i < width * height; ++i) {
        const unsigned char* p = pixels + 3 * i;
        ++histogram[(std::uint32_t(p[0]) << 16) | (std::uint32_t(p[1]) << 8) | p[2]];
    }
    stbi_image_free(pixels);
    std::size_t most = 0;
    for (const auto& [colour, count] : histogram) most = std::max(most, count);
    return ImageStats{width, height, histogram.size(), double(most) / double(width * height)};
}

}  // namespace

TEST_CASE("screenshot: every view renders with content, in Korean and English") {
    TempDir dir;
    const std::filesystem::path sessions = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions";
    // Every view in both languages and of both sessions, but not every combination: each frame costs a font atlas of
    // all Hangul syllables (about a second, several under the sanitizers). Alternate views pair the Korean and the
    // English session with the other language, so Korean text is drawn under English labels too.
    for (std::size_t viewIndex = 0; viewIndex < std::size(kViews); ++viewIndex) {
        const char* view = kViews[viewIndex];
        for (const char* language : {"ko", "en"}) {
            const bool crossed = viewIndex % 2 == 1;
            const char* session = (language == std::string("ko")) != crossed ? kSessions[0] : kSessions[1];
            CAPTURE(session);
            CAPTURE(view);
            CAPTURE(language);
            std::string fileStem = view;
            std::replace(fileStem.begin(), fileStem.end(), '/', '-');
            auto png = dir / (fileStem + "-" + language + ".png");
            auto result = runWorldcafe({"screenshot", (sessions / session).string(), "--view", view, "--out",
                                        png.string(), "--size", "1280x800", "--lang", language},
                                       dir.path());
            INFO(result.err);
            REQUIRE(result.exitCode == 0);
            ImageStats stats = measure(png);
            CHECK(stats.width == 1280);
            CHECK(stats.height == 800);
            // Text and widgets give hundreds of colours (antialiasing); a blank or clear-only frame gives one.
            CHECK(stats.distinctColours > 50);
            CHECK(stats.shareOfMostCommonColour < 0.97);
        }
    }
}

TEST_CASE("screenshot: drawing only what changed gives the same pixels as drawing everything") {
    // The live views tick the countdown through the last seconds before the moment shown, so the last frames are
    // drawn in part; WORLDCAFE_FULL_REDRAW=1 draws every frame in full.
    TempDir dir;
    const auto sessions = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions";
    auto read = [](const std::filesystem::path& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    for (const char* view : {"console", "console/move", "projector", "projector/move", "projector/harvest", "plan"}) {
        CAPTURE(view);
        std::string pictures[2];
        for (int full = 0; full < 2; ++full) {
            if (full)
                ::setenv("WORLDCAFE_FULL_REDRAW", "1", 1);
            else
                ::unsetenv("WORLDCAFE_FULL_REDRAW");
            const auto png = dir / ("partial-" + std::to_string(full) + ".png");
            auto result = runWorldcafe({"screenshot", (sessions / kSessions[0]).string(), "--view", view, "--out",
                                        png.string(), "--size", "1280x800", "--lang", "ko"},
                                       dir.path());
            INFO(result.err);
            REQUIRE(result.exitCode == 0);
            pictures[full] = read(png);
        }
        ::unsetenv("WORLDCAFE_FULL_REDRAW");
        REQUIRE_FALSE(pictures[0].empty());
        CHECK(pictures[0] == pictures[1]);
    }
}

TEST_CASE("screenshot: an unknown view is refused with the list of views") {
    TempDir dir;
    const auto session = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions" / kSessions[0];
    auto result = runWorldcafe({"screenshot", session.string(), "--view", "nonsense", "--out", "x.png"}, dir.path());
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("setup") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "x.png"));
}

namespace {

// The binary at `binary` renders the setup view from `workDir`; returns what it wrote on stderr.
std::string screenshotStderr(const std::filesystem::path& binary, const std::filesystem::path& workDir) {
    const auto session = std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions" / kSessions[0];
    const std::string command = "cd '" + workDir.string() + "' && env -u WORLDCAFE_ASSETS -u WORLDCAFE_SESSIONS '" +
                                binary.string() + "' screenshot '" + session.string() +
                                "' --view setup --size 640x400 --out x.png 2>stderr.txt";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream in(workDir / "stderr.txt");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("screenshot: the program finds its strings relative to itself, never through a path compiled in") {
    TempDir dir;
    const auto elsewhere = dir / "elsewhere";
    std::filesystem::create_directories(elsewhere);

    // An installed tree, PREFIX/bin/worldcafe and PREFIX/share/worldcafe/assets, run from an unrelated folder.
    const auto prefix = dir / "prefix";
    std::filesystem::create_directories(prefix / "bin");
    std::filesystem::create_directories(prefix / "share" / "worldcafe" / "assets");
    std::filesystem::copy_file(WORLDCAFE_BINARY, prefix / "bin" / "worldcafe");
    std::filesystem::copy(std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "assets" / "i18n",
                          prefix / "share" / "worldcafe" / "assets" / "i18n", std::filesystem::copy_options::recursive);
    CHECK(screenshotStderr(prefix / "bin" / "worldcafe", elsewhere) == "");

    // The same binary with nothing beside it finds no strings: it did not look in the source tree it was built from.
    const auto bare = dir / "bare";
    std::filesystem::create_directories(bare);
    std::filesystem::copy_file(WORLDCAFE_BINARY, bare / "worldcafe");
    CHECK(screenshotStderr(bare / "worldcafe", elsewhere).find("i18n/en.json: cannot read") != std::string::npos);
}

TEST_CASE("screenshot: while the room is open to phones, the projector's move list shows a QR code of the guests' page") {
    if (!worldcafe::test::zbarAvailable()) return;
    TempDir dir;
    const std::filesystem::path session =
        std::filesystem::path(WORLDCAFE_SOURCE_DIR) / "sessions" / "green-procurement-2019.wcafe";
    for (const char* size : {"1920x1080", "1280x720", "1024x768"}) {
        for (const char* language : {"ko", "en"}) {
            CAPTURE(size);
            CAPTURE(language);
            auto result = runWorldcafe({"screenshot", session.string(), "--view", "projector/move", "--out", "qr.png",
                                        "--size", size, "--lang", language, "--base", "http://192.168.0.10:8080"},
                                       dir.path());
            INFO(result.err);
            REQUIRE(result.exitCode == 0);
            CHECK(worldcafe::test::decodeQr(dir / "qr.png") == "http://192.168.0.10:8080/");
        }
    }
    // Without the room's address (the server is off) there is no code.
    auto result = runWorldcafe({"screenshot", session.string(), "--view", "projector/move", "--out", "plain.png"},
                               dir.path());
    REQUIRE(result.exitCode == 0);
    CHECK_FALSE(worldcafe::test::decodeQr(dir / "plain.png").has_value());
}
