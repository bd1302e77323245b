#include "worldcafe/qr.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "qr_support.hpp"

using namespace worldcafe;
using namespace worldcafe::test;

namespace {

std::optional<std::string> decodeMatrix(const QrMatrix& matrix, const TempDir& dir, int scale = 4) {
    const int side = matrix.size() * scale;
    writePgm(dir / "code.pgm", qrBitmap(matrix, scale), side, side);
    return decodeQr(dir / "code.pgm");
}

}  // namespace

TEST_CASE("encodeQr: a matrix with a light quiet zone of four modules around a version-sized symbol") {
    const QrMatrix matrix = encodeQr("http://192.168.0.10:8080/");
    CHECK(matrix.symbolSize() >= 21);
    CHECK((matrix.symbolSize() - 17) % 4 == 0);  // versions 1..40 are 21, 25, ..., 177 modules wide
    CHECK(matrix.size() == matrix.symbolSize() + 2 * QrMatrix::kQuietZone);
    for (int i = 0; i < matrix.size(); ++i) {
        for (int q = 0; q < QrMatrix::kQuietZone; ++q) {
            CHECK_FALSE(matrix.dark(i, q));
            CHECK_FALSE(matrix.dark(q, i));
            CHECK_FALSE(matrix.dark(i, matrix.size() - 1 - q));
            CHECK_FALSE(matrix.dark(matrix.size() - 1 - q, i));
        }
    }
    // The finder pattern's dark corner sits right inside the quiet zone.
    CHECK(matrix.dark(QrMatrix::kQuietZone, QrMatrix::kQuietZone));
    CHECK_FALSE(matrix.dark(-1, 0));
    CHECK_FALSE(matrix.dark(0, matrix.size()));
}

TEST_CASE("qrBitmap: scale pixels per module, dark modules black, the rest white") {
    const QrMatrix matrix = encodeQr("hello");
    const auto pixels = qrBitmap(matrix, 3);
    const std::size_t side = static_cast<std::size_t>(matrix.size()) * 3;
    REQUIRE(pixels.size() == side * side);
    const std::size_t corner = QrMatrix::kQuietZone * 3;
    CHECK(pixels[corner * side + corner] == 0);
    CHECK(pixels[corner * side + corner + 2] == 0);
    CHECK(pixels[0] == 255);
}

TEST_CASE("encodeQr: an over-long text is refused with its length and the limit") {
    const std::string tooLong(QrMatrix::kMaxBytes + 1, 'a');
    try {
        encodeQr(tooLong);
        FAIL("expected QrEncodeError");
    } catch (const QrEncodeError& error) {
        CHECK(error.bytes == tooLong.size());
        CHECK(error.limit == QrMatrix::kMaxBytes);
        CHECK(std::string(error.what()).find("too long") != std::string::npos);
        CHECK(std::string(error.what()).find("2332") != std::string::npos);
    }
    // The limit itself still fits.
    CHECK(encodeQr(std::string(QrMatrix::kMaxBytes, 'a')).symbolSize() == 177);
    CHECK_THROWS_AS(encodeQr(std::string("a\0b", 3)), QrEncodeError);
    CHECK_THROWS_AS(encodeQr(""), QrEncodeError);
}

TEST_CASE("qrSvg: one path in a white square with crisp edges, its rectangles exactly the dark modules") {
    const QrMatrix matrix = encodeQr("http://10.0.0.2:8080/t/abc");
    const std::string svg = qrSvg(matrix, 40.0);
    CHECK(svg.find("width=\"40.0mm\"") != std::string::npos);
    CHECK(svg.find("shape-rendering=\"crispEdges\"") != std::string::npos);
    CHECK(svg.find("fill=\"#fff\"") != std::string::npos);
    const std::string viewBox = "viewBox=\"0 0 " + std::to_string(matrix.size()) + " " + std::to_string(matrix.size());
    CHECK(svg.find(viewBox) != std::string::npos);
    std::size_t paths = 0;
    for (std::size_t at = svg.find("<path"); at != std::string::npos; at = svg.find("<path", at + 1)) ++paths;
    CHECK(paths == 1);

    std::vector<std::uint8_t> painted(static_cast<std::size_t>(matrix.size() * matrix.size()), 0);
    const std::regex run("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it) {
        const int x = std::stoi((*it)[1]);
        const int y = std::stoi((*it)[2]);
        const int length = std::stoi((*it)[3]);
        CHECK(length == std::stoi((*it)[4]));
        for (int i = 0; i < length; ++i) ++painted[static_cast<std::size_t>(y * matrix.size() + x + i)];
    }
    for (int y = 0; y < matrix.size(); ++y)
        for (int x = 0; x < matrix.size(); ++x)
            CHECK(painted[static_cast<std::size_t>(y * matrix.size() + x)] == (matrix.dark(x, y) ? 1 : 0));
}

TEST_CASE("QR codes decode with zbarimg to the very URL, Korean and long ones included") {
    if (!zbarAvailable()) return;
    TempDir dir;
    const std::vector<std::string> urls = {
        "http://192.168.0.10:8080/",
        "http://192.168.0.10:8080/t/Qm9vZ2llLXdvb2dpZS10b2tlbg",
        "http://카페.local:8080/t/한글토큰?이름=김민준",
        "http://10.0.0.2:8080/" + std::string(600, 'x') + "/긴주소/" + std::string(300, '7'),
    };
    for (const std::string& url : urls) {
        CAPTURE(url);
        const QrMatrix matrix = encodeQr(url);
        const auto decoded = decodeMatrix(matrix, dir, url.size() > 200 ? 3 : 6);
        REQUIRE(decoded.has_value());
        CHECK(*decoded == url);
    }
}
