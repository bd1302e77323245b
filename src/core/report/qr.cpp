#include "worldcafe/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstdio>
#include <memory>

namespace worldcafe {

QrEncodeError::QrEncodeError(const std::string& message, std::size_t bytes, std::size_t limit)
    : Error(message), bytes(bytes), limit(limit) {}

QrMatrix::QrMatrix(int symbolSize, std::vector<std::uint8_t> darkModules) : m_size(symbolSize + 2 * kQuietZone) {
    m_dark.assign(static_cast<std::size_t>(m_size) * static_cast<std::size_t>(m_size), 0);
    for (int y = 0; y < symbolSize; ++y)
        for (int x = 0; x < symbolSize; ++x)
            m_dark[static_cast<std::size_t>(y + kQuietZone) * static_cast<std::size_t>(m_size) +
                   static_cast<std::size_t>(x + kQuietZone)] =
                darkModules[static_cast<std::size_t>(y) * static_cast<std::size_t>(symbolSize) +
                            static_cast<std::size_t>(x)];
}

bool QrMatrix::dark(int x, int y) const {
    if (x < 0 || y < 0 || x >= m_size || y >= m_size) return false;
    return m_dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(m_size) + static_cast<std::size_t>(x)] != 0;
}

std::vector<QrMatrix::Run> QrMatrix::darkRuns() const {
    std::vector<Run> runs;
    for (int y = 0; y < m_size; ++y) {
        for (int x = 0; x < m_size;) {
            if (!dark(x, y)) {
                ++x;
                continue;
            }
            int length = 1;
            while (dark(x + length, y)) ++length;
            runs.push_back({x, y, length});
            x += length;
        }
    }
    return runs;
}

QrMatrix encodeQr(std::string_view text) {
    if (text.find('\0') != std::string_view::npos)
        throw QrEncodeError("a QR code cannot hold this text: it contains a NUL byte", text.size(), 0);
    if (text.empty()) throw QrEncodeError("a QR code needs some text to hold", 0, 0);
    const std::string copy(text);
    // QR_MODE_8: bytes that are not digits or capitals are kept as they are (UTF-8), never read as Shift-JIS kanji.
    errno = 0;
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(copy.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) {
        if (errno == ERANGE)
            throw QrEncodeError("this text is too long for a QR code: " + std::to_string(text.size()) +
                                    " bytes, and a code holds at most " + std::to_string(QrMatrix::kMaxBytes),
                                text.size(), QrMatrix::kMaxBytes);
        throw QrEncodeError("libqrencode could not encode the text (errno " + std::to_string(errno) + ")",
                            text.size(), 0);
    }
    const int width = code->width;
    std::vector<std::uint8_t> modules(static_cast<std::size_t>(width) * static_cast<std::size_t>(width));
    // libqrencode's bit 0 is the module's colour; the other bits say what the module belongs to.
    for (std::size_t i = 0; i < modules.size(); ++i) modules[i] = code->data[i] & 1;
    return QrMatrix(width, std::move(modules));
}

std::string qrSvg(const QrMatrix& matrix, double sizeMm) {
    const int n = matrix.size();
    char head[256];
    std::snprintf(head, sizeof head,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" width=\"%.1fmm\" height=\"%.1fmm\" "
                  "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">",
                  sizeMm, sizeMm, n, n);
    std::string svg = head;
    svg += "<rect width=\"" + std::to_string(n) + "\" height=\"" + std::to_string(n) + "\" fill=\"#fff\"/>";
    svg += "<path fill=\"#000\" d=\"";
    for (const QrMatrix::Run& run : matrix.darkRuns())
        svg += "M" + std::to_string(run.x) + " " + std::to_string(run.y) + "h" + std::to_string(run.length) + "v1h-" +
               std::to_string(run.length) + "z";
    svg += "\"/></svg>";
    return svg;
}

std::vector<std::uint8_t> qrBitmap(const QrMatrix& matrix, int scale) {
    const int n = matrix.size();
    const std::size_t side = static_cast<std::size_t>(n) * static_cast<std::size_t>(scale);
    std::vector<std::uint8_t> pixels(side * side, 255);
    for (std::size_t py = 0; py < side; ++py)
        for (std::size_t px = 0; px < side; ++px)
            if (matrix.dark(static_cast<int>(px) / scale, static_cast<int>(py) / scale)) pixels[py * side + px] = 0;
    return pixels;
}

}  // namespace worldcafe
