#pragma once
// ImGui frames with no window and no GPU: an ImGui context, a built font atlas and a display size are all a frame
// needs. The GUI tests drive panels through it with synthetic mouse and keyboard input (ImGui 1.86: io.MousePos,
// io.MouseDown, io.KeysDown through an identity io.KeyMap, io.AddInputCharactersUTF8).

#include <imgui.h>

#include <atomic>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "app_platform.hpp"
#include "widgets.hpp"

namespace worldcafe::gui {

class HeadlessUi {
public:
    // `realFonts`: the app's fonts (DejaVu + NanumGothic through FreeType) instead of ImGui's built-in one.
    explicit HeadlessUi(ImVec2 displaySize = {1280.0f, 800.0f}, bool realFonts = false);
    ~HeadlessUi();
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    using Draw = std::function<void()>;

    // One frame; `draw` runs inside a full-screen window, as the shell runs the views.
    void frame(const Draw& draw);
    void frames(int count, const Draw& draw);
    // One frame in which `draw` places its own windows, as the App does.
    void bareFrame(const Draw& draw);

    // Each runs the frames the input needs and returns with the button released / the key up.
    void click(ImVec2 position, const Draw& draw);
    bool clickItem(const std::string& key, const Draw& draw, int index = 0);
    // The same click, each frame being the caller's own `step` (an App's frame also runs its between-frames work);
    // `settleFrames` after the release let what the click queued run and show its outcome.
    bool clickItemStepping(const std::string& key, const std::function<void()>& step, int settleFrames = 1);
    void type(const std::string& utf8, const Draw& draw);
    void press(ImGuiKey key, const Draw& draw, bool ctrl = false, bool shift = false);

    // Items recorded by the widgets during the last frame.
    const std::vector<RecordedItem>& items() const { return m_items; }
    const RecordedItem* find(const std::string& key, int index = 0) const;
    int count(const std::string& key) const;

private:
    ImGuiContext* m_context = nullptr;
    std::vector<RecordedItem> m_items;
};

// The projector's window with no window: a test presses keys in it or asks it to close, as a person at the wall would.
class HeadlessSecondWindow final : public SecondWindow {
public:
    explicit HeadlessSecondWindow(HeadlessSecondWindow** registry) : m_registry(registry) { *m_registry = this; }
    ~HeadlessSecondWindow() override { *m_registry = nullptr; }
    HeadlessSecondWindow(const HeadlessSecondWindow&) = delete;
    HeadlessSecondWindow& operator=(const HeadlessSecondWindow&) = delete;

    bool closeRequested() const override { return m_closeRequested; }
    bool takeEvents() override { return true; }
    std::vector<WindowKey> takeKeys() override { return std::exchange(m_keys, {}); }
    int framebufferHeight() const override { return 720; }
    bool coversMainWindow() const override { return false; }
    void beginFrame() override {}
    void endFrame() override {}

    void press(int key, int mods = 0) { m_keys.push_back({key, mods}); }
    void requestClose() { m_closeRequested = true; }

private:
    HeadlessSecondWindow** m_registry;
    std::vector<WindowKey> m_keys;
    bool m_closeRequested = false;
};

// The App's platform with no window: scale 1, the current ImGui display's height, the screens a test gives it, and
// a projector window that cannot open (the App says so in a toast, as when a real one fails).
class HeadlessPlatform final : public AppPlatform {
public:
    float contentScale() const override { return 1.0f; }
    float framebufferScale() const override { return 1.0f; }
    int framebufferHeight() const override;
    void reloadFontTexture() override;
    std::vector<MonitorInfo> monitors() const override { return m_monitors; }
    std::unique_ptr<SecondWindow> openSecondWindow(int monitor, const std::string& title) override;
    void wake() override { m_wakes.fetch_add(1, std::memory_order_relaxed); }

    void setMonitors(std::vector<MonitorInfo> monitors) { m_monitors = std::move(monitors); }
    // Off by default: the projector cannot open, as where a real one fails.
    void allowProjector(bool allow) { m_projectorAllowed = allow; }
    // The projector's window the App holds open, if any.
    HeadlessSecondWindow* projector() const { return m_projector; }
    int fontReloads() const { return m_fontReloads; }
    int wakes() const { return m_wakes.load(std::memory_order_relaxed); }

private:
    std::vector<MonitorInfo> m_monitors;
    int m_fontReloads = 0;
    bool m_projectorAllowed = false;
    HeadlessSecondWindow* m_projector = nullptr;
    std::atomic<int> m_wakes{0};
};

}  // namespace worldcafe::gui
