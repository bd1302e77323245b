#pragma once
#include <string>

namespace worldcafe::cli {

// `worldcafe print SESSION --what cards|tents --out FILE.html [--base URL]`; with a base, the cards carry the guests'
// link and the tents each table's host link as QR codes.
int runPrint(const std::string& session, const std::string& what, const std::string& out,
             const std::string& base = "");

}  // namespace worldcafe::cli
