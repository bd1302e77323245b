#pragma once
// The window, the OpenGL 3.3 core context and the ImGui backends. Everything GLFW and OpenGL lives here, so the
// shell and the panels only speak ImGui.

#include <string>
#include <vector>

struct GLFWwindow;

namespace worldcafe::gui {

class Platform {
public:
    struct Options {
        int width = 1600;
        int height = 1000;
        bool visible = true;
        std::string title = "worldcafe";
    };

    // Throws std::runtime_error with a reason a user can act on (no display, no OpenGL 3.3).
    explicit Platform(const Options& options);
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    float contentScale() const;
    // Framebuffer pixels per window coordinate: 2 on macOS Retina or scaled Wayland, 1 on X11.
    float framebufferScale() const;
    bool closeRequested() const;
    void clearCloseRequest();
    void setTitle(const std::string& title);

    // Sleeps until input arrives or `timeoutSeconds` pass. Returns whether anything happened that may change
    // what is on screen (input, resize, expose).
    bool waitEvents(double timeoutSeconds);
    // The window moved to a screen with another scale factor since the last call.
    bool takeContentScaleChange();

    void newFrame();
    // ImGui::Render() and drawing into the back buffer; the caller may read it before swap().
    void render();
    // The back buffer as RGBA rows, top row first (OpenGL returns bottom first). Call after render().
    std::vector<unsigned char> readPixels(int& width, int& height) const;
    void swap();
    // Uploads the font atlas again after it was rebuilt.
    void reloadFontTexture();

private:
    static void noteEvent(GLFWwindow* window);

    GLFWwindow* m_window = nullptr;
    bool m_eventSeen = false;
    bool m_scaleChanged = false;
};

}  // namespace worldcafe::gui
