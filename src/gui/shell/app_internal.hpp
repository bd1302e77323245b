#pragma once
// What the App's files share and nothing else needs: the file name a message shows and the zoom's steps.

#include <filesystem>
#include <string>

namespace worldcafe::gui::app_detail {

constexpr float kMinZoom = 0.6f;
constexpr float kMaxZoom = 2.5f;
constexpr float kZoomStep = 0.1f;

inline std::string fileName(const std::filesystem::path& file) { return file.filename().string(); }

}  // namespace worldcafe::gui::app_detail
