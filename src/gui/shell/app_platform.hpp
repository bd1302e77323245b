#pragma once
// What the App asks of the window system, and no more: the screen's scales, the font texture, the screens and the
// projector's window. Platform is the GLFW implementation; HeadlessPlatform (headless.hpp) lets tests run the App
// with no window at all.

#include <memory>
#include <string>
#include <vector>

namespace worldcafe::gui {

// A screen the projector window can fill.
struct MonitorInfo {
    std::string name;
    int width = 0;
    int height = 0;
    bool primary = false;
};

// A key pressed in the projector's window, with the modifiers GLFW reported (GLFW_MOD_*) at that moment.
struct WindowKey {
    int key = 0;
    int mods = 0;
};

// The projector's window: Platform opens a GLFW one; HeadlessPlatform a stand-in whose keys a test presses.
class SecondWindow {
public:
    virtual ~SecondWindow() = default;
    virtual bool closeRequested() const = 0;
    // Something happened to it (resize, expose, a key) since the last call: draw it again.
    virtual bool takeEvents() = 0;
    // Keys pressed in it since the last call (Esc excluded: it closes the window).
    virtual std::vector<WindowKey> takeKeys() = 0;
    virtual int framebufferHeight() const = 0;
    // Full screen on the screen the main window is on: the main window cannot be seen while it shows.
    virtual bool coversMainWindow() const = 0;
    // Makes its OpenGL and ImGui contexts current and starts an ImGui frame.
    virtual void beginFrame() = 0;
    // Draws what changed, swaps when anything did, and makes the main window's contexts current again.
    virtual void endFrame() = 0;
};

class AppPlatform {
public:
    virtual ~AppPlatform() = default;

    virtual float contentScale() const = 0;
    // Framebuffer pixels per window coordinate: 2 on macOS Retina or scaled Wayland, 1 on X11.
    virtual float framebufferScale() const = 0;
    virtual int framebufferHeight() const = 0;
    // Uploads the font atlas again after it was rebuilt.
    virtual void reloadFontTexture() = 0;
    // The screens connected now, in the window system's order.
    virtual std::vector<MonitorInfo> monitors() const = 0;
    // `monitor` indexes monitors(): full screen there; -1: a window. Throws std::runtime_error with a reason.
    virtual std::unique_ptr<SecondWindow> openSecondWindow(int monitor, const std::string& title) = 0;
    // Ends the loop's wait for events so it draws what changed: a phone's note landed. Any thread may call it.
    virtual void wake() = 0;
};

}  // namespace worldcafe::gui
