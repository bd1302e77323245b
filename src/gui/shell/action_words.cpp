#include "action_words.hpp"

#include <vector>

#include "i18n.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe::gui {

std::string actionWords(const ActionLabel& label) {
    std::vector<std::string> args;
    args.reserve(label.parts.size() + label.args.size());
    for (const ActionLabel& part : label.parts) args.push_back(actionWords(part));
    args.insert(args.end(), label.args.begin(), label.args.end());
    return fillPlaceholders(tr(label.key.c_str()), args);
}

}  // namespace worldcafe::gui
