#pragma once
#include <string>

namespace worldcafe::cli {

// `worldcafe print SESSION --what cards|tents --out FILE.html`
int runPrint(const std::string& session, const std::string& what, const std::string& out);

}  // namespace worldcafe::cli
