#pragma once
// Numbers in the messages of the edit rules and the validation: ids, tables and rounds as text.

#include <string>

namespace worldcafe {

inline std::string str(long long value) { return std::to_string(value); }

}  // namespace worldcafe
