#pragma once
#include <string>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe {

enum class Severity { Error, Warning };

struct Problem {
    Severity severity = Severity::Error;
    std::string message;  // complete and precise: "table 4 has no menu"
};

// Every problem, not just the first. An empty result means the session can be planned and run.
std::vector<Problem> validate(const Session& session);

}  // namespace worldcafe
