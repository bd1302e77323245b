#include "gui_entry.hpp"

#include <stb/stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "app.hpp"
#include "live_preview.hpp"
#include "platform.hpp"
#include "setup_view.hpp"
#include "worldcafe/errors.hpp"
#include "worldcafe/files.hpp"
#include "worldcafe/settings.hpp"

namespace worldcafe::gui {

namespace {

// Frames drawn after any input: ImGui settles hover and layout over a couple of frames.
constexpr int kFramesAfterInput = 3;
constexpr double kIdleWakeSeconds = 0.5;  // autosave checks while nothing happens
constexpr double kAnimationSeconds = 1.0 / 30.0;
constexpr int kScreenshotFrames = 6;

void appendBytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

int runApp(const LaunchOptions& options) {
    std::unique_ptr<Platform> platform;
    try {
        platform = std::make_unique<Platform>(Platform::Options{});
    } catch (const std::exception& error) {
        std::fprintf(stderr, "worldcafe: %s\n", error.what());
        return 1;
    }
    App::Options appOptions{options.language, false};
    appOptions.settingsDirectory = settingsDirectory();
    App app(*platform, appOptions);
    app.openAtLaunch(options.session, options.fallback);

    int framesToDraw = kFramesAfterInput;
    std::string title;
    SecondWindow* projectorDrawn = nullptr;  // the projector window last drawn: a new one is drawn at once
    while (!app.shouldQuit()) {
        // The room's server shares the engine: the loop holds the gate whenever it is not asleep.
        std::optional<PhonesRoom::FrameLock> frame(app.phones().lockForFrame());
        double timeout = framesToDraw > 0 || app.busy() ? 0.0 : app.animating() ? kAnimationSeconds : kIdleWakeSeconds;
        // A countdown asks to be drawn when its next second is due, and not more often.
        if (auto due = app.redrawAfter()) timeout = std::clamp(*due, 0.0, timeout);
        if (auto due = app.projectorRedrawAfter()) timeout = std::clamp(*due, 0.0, timeout);
        frame.reset();
        if (platform->waitEvents(timeout)) framesToDraw = std::max(framesToDraw, kFramesAfterInput);
        frame.emplace(app.phones().lockForFrame());
        // A phone's note landed (its hook woke the loop): draw it now.
        if (app.phones().takeChange()) framesToDraw = std::max(framesToDraw, 1);
        if (auto due = app.redrawAfter(); due && *due <= 0.005) framesToDraw = std::max(framesToDraw, 1);
        bool drawProjector = false;
        if (SecondWindow* projector = app.projectorWindow()) drawProjector = projector->takeEvents();
        if (platform->closeRequested()) {
            platform->clearCloseRequest();
            app.requestQuit();
            framesToDraw = std::max(framesToDraw, kFramesAfterInput);
        }
        if (platform->takeContentScaleChange()) app.contentScaleChanged();
        app.tick(std::chrono::steady_clock::now());
        if (app.busy()) framesToDraw = std::max(framesToDraw, kFramesAfterInput);
        app.betweenFrames();
        if (app.shouldQuit()) break;

        // The projector draws on its own schedule: the console may sit still while the wall counts down.
        SecondWindow* projector = app.projectorWindow();
        if (projector && (drawProjector || projector != projectorDrawn)) drawProjector = true;
        if (auto due = app.projectorRedrawAfter(); due && *due <= 0.005) drawProjector = true;
        if (projector && drawProjector) {
            projector->beginFrame();
            app.buildProjectorFrame();
            projector->endFrame();
            projectorDrawn = projector;
        }

        // Idle: nothing changed, nothing fading. Sleep again without drawing.
        if (framesToDraw == 0 && !app.animating()) continue;

        platform->newFrame();
        app.buildFrame();
        frame.reset();
        platform->render();
        platform->swap();
        if (framesToDraw > 0) --framesToDraw;
        if (std::string next = app.windowTitle(); next != title) {
            title = next;
            platform->setTitle(title);
        }
    }
    return 0;
}

int renderScreenshot(const ScreenshotOptions& options) {
    if (options.out.empty()) {
        std::fprintf(stderr, "worldcafe: no output file given for the screenshot\n");
        return 2;
    }
    if (options.width < 200 || options.height < 150 || options.width > 8192 || options.height > 8192) {
        std::fprintf(stderr, "worldcafe: screenshot size %dx%d is out of range (200x150 to 8192x8192)\n", options.width,
                     options.height);
        return 2;
    }

    std::unique_ptr<Engine> engine;
    try {
        OpenOptions open;
        open.readOnly = true;
        open.acceptNewerFormat = true;
        engine = Engine::open(options.session, open);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "worldcafe: %s\n", error.what());
        return 2;
    }

    std::unique_ptr<Platform> platform;
    try {
        platform =
            std::make_unique<Platform>(Platform::Options{options.width, options.height, false, "worldcafe screenshot"});
    } catch (const std::exception& error) {
        std::fprintf(stderr, "worldcafe: %s\n", error.what());
        return 2;
    }

    // The live views show a café in progress: a run simulated in memory, at a fixed moment of the asked phase.
    std::optional<LivePreview> preview;
    if (auto phase = livePhaseForView(options.view)) preview = simulateRun(engine->session(), *phase);
    FixedClock clock(preview ? preview->now : 0);

    std::string png;
    {
        App::Options appOptions{options.language, true, preview ? &clock : nullptr};
        // No settings folder: a screenshot neither reads nor writes the user's settings.
        appOptions.theme = options.theme;
        App app(*platform, appOptions);
        app.adopt(std::move(engine), ReadOnlyReason::Requested);
        if (preview) app.presentSession(std::move(preview->session));
        if (!options.roomBase.empty()) app.previewRoom(options.roomBase);
        if (!app.selectView(options.view)) {
            std::fprintf(stderr, "worldcafe: unknown view '%s'; valid views: %s\n", options.view.c_str(),
                         app.viewNames().c_str());
            return 2;
        }
        int width = 0;
        int height = 0;
        std::vector<unsigned char> pixels;
        for (int frame = 0; frame < kScreenshotFrames; ++frame) {
            // The countdown ticks into the moment shown, so the last frames draw only what changed, as a live
            // window does (WORLDCAFE_FULL_REDRAW=1 draws them in full, to compare).
            if (preview) clock.set(preview->now - (kScreenshotFrames - 1 - frame) * std::int64_t{1000});
            app.betweenFrames();
            platform->newFrame();
            app.buildFrame();
            platform->render();
            // A view staged to run something in the background (console/replan, plan/another) started it in the
            // first frame; the frames after draw what came back, as a live window would a moment later.
            if (frame == 0) app.finishBackgroundWork();
            if (frame + 1 == kScreenshotFrames) pixels = platform->readPixels(width, height);
            platform->swap();
        }
        if (!stbi_write_png_to_func(appendBytes, &png, width, height, 4, pixels.data(), width * 4)) {
            std::fprintf(stderr, "worldcafe: cannot encode the screenshot as PNG\n");
            return 2;
        }
    }
    try {
        writeFileAtomically(options.out, png);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "worldcafe: %s\n", error.what());
        return 2;
    }
    return 0;
}

}  // namespace worldcafe::gui
