#pragma once
// The window, the OpenGL 3.3 core context and the ImGui backends. Everything GLFW and OpenGL lives here, so the
// shell and the panels only speak ImGui.

#include <memory>
#include <string>
#include <vector>

#include "app_platform.hpp"

struct GLFWwindow;
struct ImGuiContext;

namespace worldcafe::gui {

class Canvas;

class Platform final : public AppPlatform {
public:
    struct Options {
        int width = 1600;
        int height = 1000;
        bool visible = true;
        std::string title = "worldcafe";
    };

    // Throws std::runtime_error with a reason a user can act on (no display, no OpenGL 3.3).
    explicit Platform(const Options& options);
    ~Platform() override;
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    float contentScale() const override;
    float framebufferScale() const override;
    int framebufferHeight() const override;
    bool closeRequested() const;
    void clearCloseRequest();
    void setTitle(const std::string& title);

    // Sleeps until input arrives or `timeoutSeconds` pass. Returns whether anything happened that may change
    // what is on screen (input, resize, expose).
    bool waitEvents(double timeoutSeconds);
    void wake() override;
    // The window moved to a screen with another scale factor since the last call.
    bool takeContentScaleChange();

    void newFrame();
    // ImGui::Render() and drawing what changed into the window's picture (see canvas.hpp).
    void render();
    // The picture as RGBA rows, top row first (OpenGL returns bottom first). Call after render().
    std::vector<unsigned char> readPixels(int& width, int& height) const;
    // Shows the picture when it changed since the last swap or the window system lost it; otherwise nothing.
    void swap();
    void reloadFontTexture() override;
    // Counts reloadFontTexture() calls: a window sharing the atlas repaints in full when it changes.
    int fontGeneration() const { return m_fontGeneration; }

    std::vector<MonitorInfo> monitors() const override;
    std::unique_ptr<SecondWindow> openSecondWindow(int monitor, const std::string& title) override;
    GLFWwindow* window() const { return m_window; }

private:
    static void noteEvent(GLFWwindow* window);

    GLFWwindow* m_window = nullptr;
    std::unique_ptr<Canvas> m_canvas;
    bool m_eventSeen = false;
    bool m_scaleChanged = false;
    bool m_pictureChanged = false;
    bool m_exposed = true;
    int m_fontGeneration = 0;
};

// A second window (the projector) that shares the main window's OpenGL objects and font atlas, with an ImGui
// context of its own: ImGui 1.86 backends keep their state per context, so one context per window works. It takes
// no ImGui input (GLFW would deliver it to whichever context is current); its keys are collected for the shell to
// route instead, and Esc asks it to close.
class GlfwSecondWindow final : public SecondWindow {
public:
    // `monitor` indexes Platform::monitors(): full screen there, at the screen's own video mode. -1: a window.
    // Throws std::runtime_error.
    GlfwSecondWindow(Platform& main, int monitor, const std::string& title);
    ~GlfwSecondWindow() override;
    GlfwSecondWindow(const GlfwSecondWindow&) = delete;
    GlfwSecondWindow& operator=(const GlfwSecondWindow&) = delete;

    bool closeRequested() const override;
    bool takeEvents() override;
    std::vector<WindowKey> takeKeys() override;
    int framebufferHeight() const override;
    bool coversMainWindow() const override { return m_coversMain; }

    void beginFrame() override;
    void endFrame() override;

private:
    Platform& m_main;
    GLFWwindow* m_window = nullptr;
    ImGuiContext* m_context = nullptr;
    ImGuiContext* m_previous = nullptr;
    std::unique_ptr<Canvas> m_canvas;
    int m_fontGeneration = 0;
    bool m_exposed = true;
    bool m_eventSeen = true;
    bool m_coversMain = false;
    std::vector<WindowKey> m_keys;
};

}  // namespace worldcafe::gui
