#include "canvas.hpp"

#include <glad/gl.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace worldcafe::gui {

namespace {

// The backend's own rounding of a clip rectangle to a scissor box, so that clearing a damaged rectangle touches
// exactly the pixels that drawing it again covers.
void scissorLikeBackend(const ImDrawData& frame, const DamageRect& rect, int framebufferHeight) {
    const ImVec2 min((rect.min.x - frame.DisplayPos.x) * frame.FramebufferScale.x,
                     (rect.min.y - frame.DisplayPos.y) * frame.FramebufferScale.y);
    const ImVec2 max((rect.max.x - frame.DisplayPos.x) * frame.FramebufferScale.x,
                     (rect.max.y - frame.DisplayPos.y) * frame.FramebufferScale.y);
    glScissor(static_cast<int>(min.x), static_cast<int>(static_cast<float>(framebufferHeight) - max.y),
              static_cast<int>(max.x - min.x), static_cast<int>(max.y - min.y));
}

bool coversDisplay(const ImDrawData& frame, const DamageRect& rect) {
    return rect.min.x <= frame.DisplayPos.x && rect.min.y <= frame.DisplayPos.y &&
           rect.max.x >= frame.DisplayPos.x + frame.DisplaySize.x &&
           rect.max.y >= frame.DisplayPos.y + frame.DisplaySize.y;
}

}  // namespace

Canvas::~Canvas() { release(); }

void Canvas::release() {
    if (m_framebuffer) glDeleteFramebuffers(1, &m_framebuffer);
    if (m_colour) glDeleteRenderbuffers(1, &m_colour);
    m_framebuffer = 0;
    m_colour = 0;
    m_width = 0;
    m_height = 0;
}

bool Canvas::ensureFramebuffer(int width, int height) {
    if (m_framebuffer && width == m_width && height == m_height) return true;
    release();
    glGenRenderbuffers(1, &m_colour);
    glBindRenderbuffer(GL_RENDERBUFFER, m_colour);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glGenFramebuffers(1, &m_framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, m_framebuffer);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, m_colour);
    const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (!complete) {
        release();
        return false;
    }
    m_width = width;
    m_height = height;
    m_damage.invalidate();
    return true;
}

bool Canvas::draw(ImDrawData& frame, const ImVec4& background) {
    if (!m_checkedEnvironment) {
        const char* full = std::getenv("WORLDCAFE_FULL_REDRAW");
        m_alwaysFull = full && std::strcmp(full, "0") != 0;
        m_checkedEnvironment = true;
    }
    const int width = static_cast<int>(frame.DisplaySize.x * frame.FramebufferScale.x);
    const int height = static_cast<int>(frame.DisplaySize.y * frame.FramebufferScale.y);
    if (width <= 0 || height <= 0) return false;
    if (!m_direct && !ensureFramebuffer(width, height)) m_direct = true;

    if (m_alwaysFull || m_direct) m_damage.invalidate();
    const std::vector<DamageRect> damage = m_damage.update(frame);
    if (damage.empty()) return false;

    glBindFramebuffer(GL_FRAMEBUFFER, m_direct ? 0 : m_framebuffer);
    glViewport(0, 0, width, height);
    glClearColor(background.x, background.y, background.z, 1.0f);
    for (const DamageRect& rect : damage) {
        if (coversDisplay(frame, rect)) {
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(&frame);
            continue;
        }
        glEnable(GL_SCISSOR_TEST);
        scissorLikeBackend(frame, rect, height);
        glClear(GL_COLOR_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
        ClipToRect clip(frame, rect);
        ImGui_ImplOpenGL3_RenderDrawData(&frame);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return true;
}

void Canvas::present() const {
    if (m_direct || !m_framebuffer) return;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_framebuffer);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glDisable(GL_SCISSOR_TEST);  // a blit obeys the scissor box
    glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

std::vector<unsigned char> Canvas::readPixels(int& width, int& height) const {
    GLint viewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_VIEWPORT, viewport);
    width = m_direct ? viewport[2] : m_width;
    height = m_direct ? viewport[3] : m_height;
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    std::vector<unsigned char> pixels(stride * static_cast<std::size_t>(height));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_direct ? 0 : m_framebuffer);
    if (m_direct) glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    for (int row = 0; row < height / 2; ++row) {
        unsigned char* top = pixels.data() + stride * static_cast<std::size_t>(row);
        unsigned char* bottom = pixels.data() + stride * static_cast<std::size_t>(height - 1 - row);
        std::swap_ranges(top, top + stride, bottom);
    }
    // Blending leaves partial alpha in the framebuffer; the picture itself is opaque.
    for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;
    return pixels;
}

}  // namespace worldcafe::gui
