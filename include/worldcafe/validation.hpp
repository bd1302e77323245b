#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "worldcafe/model.hpp"

namespace worldcafe {

enum class Severity { Error, Warning };

struct Problem {
    Severity severity = Severity::Error;
    std::string message;  // complete and precise, in English: "table 4 has no menu"
    // The same sentence as a template code and its arguments, for a user interface in another language:
    // problemTemplates() gives the English pattern of every code ("tables.no_menu" -> "table {0} has no menu").
    std::string code;
    std::vector<std::string> args;
    // A clause some sentences end with ("but there are 8 tables"), filled in as the sentence's last argument.
    std::string detailCode;
    std::vector<std::string> detailArgs;
};

struct ProblemTemplate {
    const char* code;
    const char* english;
};

// Every code validate() can report, with its English pattern ("{0}".."{9}" stand for the arguments).
const std::vector<ProblemTemplate>& problemTemplates();

// The sentence of `problem` with each code's pattern taken from `patternOf` (the English one, or a translation):
// the detail clause first, then the sentence with the clause as its last argument.
std::string problemSentence(const Problem& problem,
                            const std::function<std::string(const std::string& code)>& patternOf);

// A calendar date written YYYY-MM-DD ("2025-05-17"; not "2025-02-30", not "17.5.2025").
bool isIsoDate(std::string_view text);

// Every problem, not just the first. An empty result means the session can be planned and run.
std::vector<Problem> validate(const Session& session);

}  // namespace worldcafe
