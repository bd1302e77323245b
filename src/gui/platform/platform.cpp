#include "platform.hpp"

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "canvas.hpp"
#include "palette.hpp"
#include "window_placement.hpp"

namespace worldcafe::gui {

namespace {

std::string g_lastGlfwError;

void onGlfwError(int code, const char* description) {
    g_lastGlfwError = description ? description : ("GLFW error " + std::to_string(code));
}

Platform* platformOf(GLFWwindow* window) { return static_cast<Platform*>(glfwGetWindowUserPointer(window)); }

ScreenRect workAreaOf(GLFWmonitor* monitor) {
    ScreenRect area;
    glfwGetMonitorWorkarea(monitor, &area.x, &area.y, &area.width, &area.height);
    return area;
}

// The screen a window is on (the one holding its centre), else the primary one.
GLFWmonitor* monitorOf(GLFWwindow* window) {
    int x = 0, y = 0, width = 0, height = 0;
    glfwGetWindowPos(window, &x, &y);
    glfwGetWindowSize(window, &width, &height);
    const int centreX = x + width / 2;
    const int centreY = y + height / 2;
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    for (int i = 0; i < count; ++i) {
        int left = 0, top = 0;
        glfwGetMonitorPos(monitors[i], &left, &top);
        const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
        if (mode && centreX >= left && centreX < left + mode->width && centreY >= top && centreY < top + mode->height)
            return monitors[i];
    }
    return glfwGetPrimaryMonitor();
}

}  // namespace

void Platform::noteEvent(GLFWwindow* window) {
    if (Platform* platform = platformOf(window)) platform->m_eventSeen = true;
}

Platform::Platform(const Options& options) {
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit())
        throw std::runtime_error("cannot start the window system (" + g_lastGlfwError +
                                 "); is a display available (DISPLAY / WAYLAND_DISPLAY, or run under xvfb-run)?");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
    // A screenshot asks for exact pixels; an interactive window grows with the screen's scale factor.
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, options.visible ? GLFW_TRUE : GLFW_FALSE);
    m_window = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
    if (!m_window) {
        std::string reason = g_lastGlfwError;
        glfwTerminate();
        throw std::runtime_error("cannot open an OpenGL 3.3 window (" + reason + ")");
    }
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    if (!gladLoadGL(glfwGetProcAddress)) {
        glfwDestroyWindow(m_window);
        glfwTerminate();
        throw std::runtime_error("cannot load the OpenGL 3.3 functions");
    }

    glfwSetWindowUserPointer(m_window, this);
    // Installed before ImGui's backend, which chains to them: every input also wakes the redraw loop.
    glfwSetCursorPosCallback(m_window, [](GLFWwindow* w, double, double) { noteEvent(w); });
    glfwSetMouseButtonCallback(m_window, [](GLFWwindow* w, int, int, int) { noteEvent(w); });
    glfwSetScrollCallback(m_window, [](GLFWwindow* w, double, double) { noteEvent(w); });
    glfwSetKeyCallback(m_window, [](GLFWwindow* w, int, int, int, int) { noteEvent(w); });
    glfwSetCharCallback(m_window, [](GLFWwindow* w, unsigned int) { noteEvent(w); });
    glfwSetWindowFocusCallback(m_window, [](GLFWwindow* w, int) { noteEvent(w); });
    glfwSetCursorEnterCallback(m_window, [](GLFWwindow* w, int) { noteEvent(w); });
    glfwSetWindowSizeCallback(m_window, [](GLFWwindow* w, int, int) { noteEvent(w); });
    glfwSetFramebufferSizeCallback(m_window, [](GLFWwindow* w, int, int) { noteEvent(w); });
    glfwSetWindowRefreshCallback(m_window, [](GLFWwindow* w) {
        noteEvent(w);
        if (Platform* platform = platformOf(w)) platform->m_exposed = true;
    });
    glfwSetWindowCloseCallback(m_window, [](GLFWwindow* w) { noteEvent(w); });
    glfwSetWindowContentScaleCallback(m_window, [](GLFWwindow* w, float, float) {
        noteEvent(w);
        if (Platform* platform = platformOf(w)) platform->m_scaleChanged = true;
    });

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini beside whatever the working directory is
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // The loop sleeps when idle; a caret that blinks only on input would look frozen, so it does not blink.
    io.ConfigInputTextCursorBlink = false;
    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    ImGui_ImplOpenGL3_Init("#version 330");
    // Now rather than in the first NewFrame, which would upload a second font texture over the shell's own.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    m_canvas = std::make_unique<Canvas>();
}

Platform::~Platform() {
    m_canvas.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(m_window);
    glfwTerminate();
}

float Platform::contentScale() const {
    float x = 1.0f;
    float y = 1.0f;
    glfwGetWindowContentScale(m_window, &x, &y);
    return x > 0.0f ? x : 1.0f;
}

float Platform::framebufferScale() const {
    int windowWidth = 0;
    int windowHeight = 0;
    int framebufferWidth = 0;
    int framebufferHeight = 0;
    glfwGetWindowSize(m_window, &windowWidth, &windowHeight);
    glfwGetFramebufferSize(m_window, &framebufferWidth, &framebufferHeight);
    return windowWidth > 0 && framebufferWidth > 0 ? static_cast<float>(framebufferWidth) / windowWidth : 1.0f;
}

int Platform::framebufferHeight() const {
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    return height;
}

bool Platform::closeRequested() const { return glfwWindowShouldClose(m_window); }

void Platform::clearCloseRequest() { glfwSetWindowShouldClose(m_window, GLFW_FALSE); }

void Platform::setTitle(const std::string& title) { glfwSetWindowTitle(m_window, title.c_str()); }

bool Platform::waitEvents(double timeoutSeconds) {
    m_eventSeen = false;
    if (timeoutSeconds <= 0.0)
        glfwPollEvents();
    else
        glfwWaitEventsTimeout(timeoutSeconds);
    return m_eventSeen;
}

// glfwPostEmptyEvent is one of the few GLFW calls allowed from any thread (a server thread calls it).
void Platform::wake() { glfwPostEmptyEvent(); }

bool Platform::takeContentScaleChange() { return std::exchange(m_scaleChanged, false); }

void Platform::newFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

void Platform::render() {
    ImGui::Render();
    if (m_canvas->draw(*ImGui::GetDrawData(), ImGui::GetStyle().Colors[ImGuiCol_WindowBg])) m_pictureChanged = true;
}

std::vector<unsigned char> Platform::readPixels(int& width, int& height) const {
    return m_canvas->readPixels(width, height);
}

void Platform::swap() {
    if (!m_pictureChanged && !m_exposed) return;
    m_canvas->present();
    glfwSwapBuffers(m_window);
    m_pictureChanged = false;
    m_exposed = false;
}

void Platform::reloadFontTexture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    // The new texture may get the old one's name: the tracker could not tell the glyphs moved.
    m_canvas->invalidate();
    ++m_fontGeneration;
}

}  // namespace worldcafe::gui

namespace worldcafe::gui {

// [SECTION] monitors and the second window

std::vector<MonitorInfo> Platform::monitors() const {
    std::vector<MonitorInfo> found;
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    GLFWmonitor* primary = glfwGetPrimaryMonitor();
    for (int i = 0; i < count; ++i) {
        MonitorInfo info;
        const char* name = glfwGetMonitorName(monitors[i]);
        info.name = name ? name : "";
        if (const GLFWvidmode* mode = glfwGetVideoMode(monitors[i])) {
            info.width = mode->width;
            info.height = mode->height;
        }
        info.primary = monitors[i] == primary;
        found.push_back(std::move(info));
    }
    return found;
}

std::unique_ptr<SecondWindow> Platform::openSecondWindow(int monitor, const std::string& title) {
    return std::make_unique<GlfwSecondWindow>(*this, monitor, title);
}

namespace {

GlfwSecondWindow* secondWindowOf(GLFWwindow* window) {
    return static_cast<GlfwSecondWindow*>(glfwGetWindowUserPointer(window));
}

}  // namespace

GlfwSecondWindow::GlfwSecondWindow(Platform& main, int monitor, const std::string& title) : m_main(main) {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    GLFWmonitor* target = monitor >= 0 && monitor < count ? monitors[monitor] : nullptr;
    const GLFWvidmode* mode = target ? glfwGetVideoMode(target) : nullptr;

    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    // The facilitator keeps working on the laptop: a click there must not minimise the projector or move focus.
    glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
    glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_FALSE);
    // A window is placed before it shows, so that it never appears partly off its screen.
    if (!target) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    int width = 1280;
    int height = 720;
    if (mode) {
        // The screen's current mode: no mode switch, so the projector does not blank for seconds.
        glfwWindowHint(GLFW_RED_BITS, mode->redBits);
        glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
        glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
        glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
        width = mode->width;
        height = mode->height;
    }
    m_window = glfwCreateWindow(width, height, title.c_str(), target, main.window());
    if (!m_window) throw std::runtime_error("cannot open the projector window (" + g_lastGlfwError + ")");
    glfwSetWindowUserPointer(m_window, this);
    if (!target) {
        if (GLFWmonitor* screen = monitorOf(main.window())) {
            FrameExtents frame;
            glfwGetWindowFrameSize(m_window, &frame.left, &frame.top, &frame.right, &frame.bottom);
            const ScreenRect placed = placeWithin(workAreaOf(screen), width, height, frame);
            glfwSetWindowSize(m_window, placed.width, placed.height);
            glfwSetWindowPos(m_window, placed.x, placed.y);
        }
        glfwShowWindow(m_window);
    }
    glfwSetInputMode(m_window, GLFW_CURSOR, target ? GLFW_CURSOR_HIDDEN : GLFW_CURSOR_NORMAL);
    glfwSetKeyCallback(m_window, [](GLFWwindow* w, int key, int, int action, int mods) {
        GlfwSecondWindow* self = secondWindowOf(w);
        self->m_eventSeen = true;
        if (action != GLFW_PRESS) return;
        if (key == GLFW_KEY_ESCAPE)
            glfwSetWindowShouldClose(w, GLFW_TRUE);
        else
            self->m_keys.push_back({key, mods});
    });
    auto wake = [](GLFWwindow* w) { secondWindowOf(w)->m_eventSeen = true; };
    glfwSetWindowRefreshCallback(m_window, [](GLFWwindow* w) {
        secondWindowOf(w)->m_eventSeen = true;
        secondWindowOf(w)->m_exposed = true;
    });
    glfwSetWindowCloseCallback(m_window, wake);
    glfwSetFramebufferSizeCallback(m_window, [](GLFWwindow* w, int, int) { secondWindowOf(w)->m_eventSeen = true; });

    if (target) {
        // Full screen over the laptop's own screen hides the console: the projector takes the keyboard, so that
        // Esc reaches it. On another screen the console keeps it.
        int x = 0, y = 0, width = 0, height = 0;
        glfwGetWindowPos(main.window(), &x, &y);
        glfwGetWindowSize(main.window(), &width, &height);
        int left = 0, top = 0;
        glfwGetMonitorPos(target, &left, &top);
        const int centreX = x + width / 2;
        const int centreY = y + height / 2;
        m_coversMain = count == 1 || (centreX >= left && centreX < left + mode->width && centreY >= top &&
                                      centreY < top + mode->height);
        if (m_coversMain) glfwFocusWindow(m_window);
    }

    m_previous = ImGui::GetCurrentContext();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const ImGuiStyle style = ImGui::GetStyle();
    const ImTextureID mainTexture = atlas->TexID;
    const float scale = ImGui::GetIO().FontGlobalScale;
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(0);  // it draws once a second: waiting for its vertical blank would only slow the console
    m_context = ImGui::CreateContext(atlas);
    ImGui::SetCurrentContext(m_context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.FontGlobalScale = scale;
    ImGui::GetStyle() = style;
    ImGui_ImplGlfw_InitForOpenGL(m_window, false);
    ImGui_ImplOpenGL3_Init("#version 330");
    // The backend uploads its own copy of the atlas and points the shared atlas at it. The main window's texture
    // is visible here (shared contexts share textures), so the copy goes and the atlas points back.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    atlas->SetTexID(mainTexture);
    m_canvas = std::make_unique<Canvas>();
    m_fontGeneration = main.fontGeneration();
    ImGui::SetCurrentContext(m_previous);
    glfwMakeContextCurrent(m_main.window());
}

GlfwSecondWindow::~GlfwSecondWindow() {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const ImTextureID mainTexture = atlas->TexID;
    glfwMakeContextCurrent(m_window);
    ImGui::SetCurrentContext(m_context);
    m_canvas.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(m_context);
    atlas->SetTexID(mainTexture);
    ImGui::SetCurrentContext(previous);
    glfwMakeContextCurrent(m_main.window());
    glfwDestroyWindow(m_window);
}

bool GlfwSecondWindow::closeRequested() const { return glfwWindowShouldClose(m_window); }

bool GlfwSecondWindow::takeEvents() { return std::exchange(m_eventSeen, false); }

std::vector<WindowKey> GlfwSecondWindow::takeKeys() { return std::exchange(m_keys, {}); }

int GlfwSecondWindow::framebufferHeight() const {
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    return height;
}

void GlfwSecondWindow::beginFrame() {
    m_previous = ImGui::GetCurrentContext();
    // The shell may have rebuilt the shared atlas (and with it the global scale) since the last frame.
    const float scale = ImGui::GetIO().FontGlobalScale;
    glfwMakeContextCurrent(m_window);
    ImGui::SetCurrentContext(m_context);
    ImGui::GetIO().FontGlobalScale = scale;
    if (m_fontGeneration != m_main.fontGeneration()) {
        m_fontGeneration = m_main.fontGeneration();
        m_canvas->invalidate();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

void GlfwSecondWindow::endFrame() {
    ImGui::Render();
    // Cleared to the wall's background, which the projector view then leaves unpainted.
    const bool changed =
        m_canvas->draw(*ImGui::GetDrawData(), ImGui::ColorConvertU32ToFloat4(currentPalette().projector.background));
    if (changed || m_exposed) {
        m_canvas->present();
        glfwSwapBuffers(m_window);
        m_exposed = false;
    }
    ImGui::SetCurrentContext(m_previous);
    glfwMakeContextCurrent(m_main.window());
}

}  // namespace worldcafe::gui
