#include "headless.hpp"

#include <stdexcept>

#include "fonts.hpp"
#include "platform.hpp"

namespace worldcafe::gui {

HeadlessUi::HeadlessUi(ImVec2 displaySize, bool realFonts) {
    m_context = ImGui::CreateContext();
    ImGui::SetCurrentContext(m_context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = displaySize;
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigInputTextCursorBlink = false;
    for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = key;
    if (realFonts) {
        buildFonts(*io.Fonts, kBaseFontPixels, "");
    } else {
        io.Fonts->AddFontDefault();
        io.Fonts->Build();
    }
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
}

HeadlessUi::~HeadlessUi() {
    setItemRecorder(nullptr);
    ImGui::DestroyContext(m_context);
}

void HeadlessUi::frame(const Draw& draw) {
    ImGui::SetCurrentContext(m_context);
    m_items.clear();
    setItemRecorder(&m_items);
    ImGui::NewFrame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("##headless", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    draw();
    ImGui::End();
    ImGui::Render();
    setItemRecorder(nullptr);
}

void HeadlessUi::bareFrame(const Draw& draw) {
    ImGui::SetCurrentContext(m_context);
    m_items.clear();
    setItemRecorder(&m_items);
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    setItemRecorder(nullptr);
}

void HeadlessUi::frames(int count, const Draw& draw) {
    for (int i = 0; i < count; ++i) frame(draw);
}

void HeadlessUi::click(ImVec2 position, const Draw& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = position;
    frame(draw);
    io.MouseDown[0] = true;
    frame(draw);
    io.MouseDown[0] = false;
    frame(draw);
}

bool HeadlessUi::clickItem(const std::string& key, const Draw& draw, int index) {
    const RecordedItem* item = find(key, index);
    if (!item) return false;
    click(item->centre(), draw);
    return true;
}

bool HeadlessUi::clickItemStepping(const std::string& key, const std::function<void()>& step, int settleFrames) {
    const RecordedItem* item = find(key);
    if (!item) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = item->centre();
    step();
    io.MouseDown[0] = true;
    step();
    io.MouseDown[0] = false;
    for (int i = 0; i < settleFrames; ++i) step();
    return true;
}

void HeadlessUi::type(const std::string& utf8, const Draw& draw) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
    frame(draw);
}

void HeadlessUi::press(ImGuiKey key, const Draw& draw, bool ctrl, bool shift) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    io.KeysDown[key] = true;
    frame(draw);
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    io.KeyShift = false;
    frame(draw);
}

const RecordedItem* HeadlessUi::find(const std::string& key, int index) const {
    for (const RecordedItem& item : m_items)
        if (item.key == key && index-- == 0) return &item;
    return nullptr;
}

int HeadlessUi::count(const std::string& key) const {
    int found = 0;
    for (const RecordedItem& item : m_items) found += item.key == key ? 1 : 0;
    return found;
}

int HeadlessPlatform::framebufferHeight() const { return static_cast<int>(ImGui::GetIO().DisplaySize.y); }

void HeadlessPlatform::reloadFontTexture() {
    // No texture to upload, but a frame needs the atlas's pixels built.
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    ++m_fontReloads;
}

std::unique_ptr<SecondWindow> HeadlessPlatform::openSecondWindow(int, const std::string&) {
    if (!m_projectorAllowed) throw std::runtime_error("no window system: running headless");
    return std::make_unique<HeadlessSecondWindow>(&m_projector);
}

}  // namespace worldcafe::gui
