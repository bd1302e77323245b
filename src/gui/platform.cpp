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

namespace worldcafe::gui {

namespace {

std::string g_lastGlfwError;

void onGlfwError(int code, const char* description) {
    g_lastGlfwError = description ? description : ("GLFW error " + std::to_string(code));
}

Platform* platformOf(GLFWwindow* window) { return static_cast<Platform*>(glfwGetWindowUserPointer(window)); }

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
    glfwSetWindowRefreshCallback(m_window, [](GLFWwindow* w) { noteEvent(w); });
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
}

Platform::~Platform() {
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

bool Platform::takeContentScaleChange() { return std::exchange(m_scaleChanged, false); }

void Platform::newFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

void Platform::render() {
    ImGui::Render();
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

std::vector<unsigned char> Platform::readPixels(int& width, int& height) const {
    glfwGetFramebufferSize(m_window, &width, &height);
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    std::vector<unsigned char> pixels(stride * static_cast<std::size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    for (int row = 0; row < height / 2; ++row) {
        unsigned char* top = pixels.data() + stride * static_cast<std::size_t>(row);
        unsigned char* bottom = pixels.data() + stride * static_cast<std::size_t>(height - 1 - row);
        std::swap_ranges(top, top + stride, bottom);
    }
    // Blending leaves partial alpha in the framebuffer; the picture itself is opaque.
    for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;
    return pixels;
}

void Platform::swap() { glfwSwapBuffers(m_window); }

void Platform::reloadFontTexture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace worldcafe::gui
