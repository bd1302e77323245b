#pragma once
// What the App asks of the window system, and no more: the screen's scales, the font texture, the screens and the
// projector's window. Platform is the GLFW implementation; HeadlessPlatform (headless.hpp) lets tests run the App
// with no window at all.

#include <memory>
#include <string>
#include <vector>

namespace worldcafe::gui {

class SecondWindow;

// A screen the projector window can fill.
struct MonitorInfo {
    std::string name;
    int width = 0;
    int height = 0;
    bool primary = false;
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
