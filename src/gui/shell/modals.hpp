#pragma once
// Questions the user must answer before the app can go on (a revert, a session locked elsewhere). One at
// a time; each choice runs its callback once, after the modal has closed.

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace worldcafe::gui {

struct ModalChoice {
    std::string label;
    std::function<void()> onChoose;  // may be empty (Cancel)
    bool isDefault = false;          // Enter picks it
};

class Modals {
public:
    void ask(std::string title, std::string message, std::vector<ModalChoice> choices);
    void draw();
    bool active() const { return !m_queue.empty(); }
    const std::string& currentTitle() const;

private:
    struct Question {
        std::string title;
        std::string message;
        std::vector<ModalChoice> choices;
        int id;
    };
    std::deque<Question> m_queue;
    int m_nextId = 1;
    int m_openedId = 0;
};

}  // namespace worldcafe::gui
