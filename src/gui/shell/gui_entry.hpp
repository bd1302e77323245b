#pragma once
// What the command line calls to start the GUI. Everything else under src/gui is private to the GUI.

#include <filesystem>
#include <string>

namespace worldcafe::gui {

struct LaunchOptions {
    std::filesystem::path session;   // opened for writing; empty: none was given
    std::filesystem::path fallback;  // opened when none was given and no session is reopened after a crash
    std::string language;           // "ko", "en" or empty for the session's language
};

// Runs the window until the user quits. Returns the process exit status.
int runApp(const LaunchOptions& options);

struct ScreenshotOptions {
    std::filesystem::path session;  // opened read-only
    std::string view = "setup";     // setup, console, projector, host; NAME/PART picks a part or a phase
    std::filesystem::path out;      // PNG
    int width = 1600;
    int height = 1000;
    std::string language;
    std::string theme = "dark";  // dark, light, high-contrast
    std::string roomBase;  // shows the room as open to phones at this address (links, QR codes, the console's table)
};

// Renders one view in an invisible window and writes a PNG. Returns 0, or 2 with a message on stderr.
int renderScreenshot(const ScreenshotOptions& options);

// `worldcafe bench projector`: CPU time to build one projector frame (ImGui's draw lists, no GPU) for a café of
// 50 tables and 400 people, in each phase; prints the median of `frames` frames. Returns 0.
int runProjectorBenchmark(int frames);

}  // namespace worldcafe::gui
