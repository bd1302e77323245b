#pragma once
// QR codes for the links to the room's server (issue 11): the guests' page on the projector and the itinerary cards,
// each table's host page on its tent card and in the console. libqrencode makes the symbol; everything that draws
// one (SVG for the printables, ImGui rectangles on the projector, a bitmap for the tests) reads the same matrix.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "worldcafe/errors.hpp"

namespace worldcafe {

// A text that no QR code can hold at the error correction we use (M), or one with a NUL byte.
struct QrEncodeError : Error {
    QrEncodeError(const std::string& message, std::size_t bytes, std::size_t limit);
    std::size_t bytes;  // the text's length in UTF-8 bytes
    std::size_t limit;  // the most bytes a code holds (0 when the length is not what is wrong)
};

class QrMatrix {
public:
    // Scanners need a light margin of four modules around the symbol; the matrix includes it.
    static constexpr int kQuietZone = 4;
    // Version 40 at level M holds 2331 bytes in 8-bit mode; digits pack tighter, so some longer texts still fit.
    static constexpr std::size_t kMaxBytes = 2331;

    QrMatrix() = default;
    QrMatrix(int symbolSize, std::vector<std::uint8_t> darkModules);

    // Modules per side, quiet zone included.
    int size() const { return m_size; }
    int symbolSize() const { return m_size - 2 * kQuietZone; }
    // (x, y) from the top left corner of the quiet zone; outside the matrix is light.
    bool dark(int x, int y) const;
    bool empty() const { return m_size == 0; }

    // A horizontal run of dark modules. Drawing one rectangle per run, not per module, takes about a third of the
    // rectangles: every rendering (SVG, the GUI) draws these.
    struct Run {
        int x = 0;
        int y = 0;
        int length = 0;
    };
    std::vector<Run> darkRuns() const;

private:
    int m_size = 0;
    std::vector<std::uint8_t> m_dark;  // m_size * m_size, row-major
};

// The smallest code for `text` (UTF-8, stored as bytes) at error correction level M. Throws QrEncodeError.
QrMatrix encodeQr(std::string_view text);

// A square SVG image of the code, `sizeMm` wide, the quiet zone included and painted white: one <path> for the dark
// modules, crisp edges so no renderer blurs module borders. Drops into HTML as an element.
std::string qrSvg(const QrMatrix& matrix, double sizeMm);

// Grey levels, `scale` pixels per module, row-major: 0 for dark, 255 for light. Width and height are
// matrix.size() * scale.
std::vector<std::uint8_t> qrBitmap(const QrMatrix& matrix, int scale);

}  // namespace worldcafe
