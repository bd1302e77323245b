#pragma once
// Messages that need no answer: bottom-right, newest at the bottom, fading after a few seconds. Each is also
// written to stderr so nothing the core reports is ever silenced.

#include <chrono>
#include <deque>
#include <string>
#include <string_view>

#include "panel.hpp"

namespace worldcafe::gui {

class Toasts {
public:
    using Clock = std::chrono::steady_clock;

    void push(NoticeKind kind, std::string text, Clock::time_point now = Clock::now());
    void push(const Notice& notice) { push(notice.kind, notice.text); }
    void draw(Clock::time_point now = Clock::now());
    // True while a toast is visible: the shell then redraws often enough for the fade to look smooth.
    bool animating() const { return !m_toasts.empty(); }
    bool empty() const { return m_toasts.empty(); }
    std::size_t size() const { return m_toasts.size(); }
    const std::string& latestText() const;
    // Whether a toast still shown says `text` (a part of it).
    bool showing(std::string_view text) const;

private:
    struct Toast {
        NoticeKind kind;
        std::string text;
        Clock::time_point shown;
        std::chrono::milliseconds lifetime;
        int id;
    };
    std::deque<Toast> m_toasts;
    int m_nextId = 1;
};

}  // namespace worldcafe::gui
