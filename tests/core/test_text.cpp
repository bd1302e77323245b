#include <doctest/doctest.h>

#include "worldcafe/errors.hpp"
#include "worldcafe/text.hpp"

using namespace worldcafe;

namespace {

// 김민수 as a Mac writes it: NFD, conjoining jamo.
using worldcafe::test::kKimMinsuNfd;
const std::string kKimMinsu = "김민수";

}  // namespace

TEST_CASE("text: isValidUtf8 accepts UTF-8 and rejects malformed bytes") {
    CHECK(isValidUtf8(""));
    CHECK(isValidUtf8("plain ascii"));
    CHECK(isValidUtf8("김민수, 수원시 🙂"));
    CHECK(isValidUtf8(kKimMinsuNfd));
    CHECK(isValidUtf8(std::string("a\0b", 3)));
    CHECK_FALSE(isValidUtf8("\xFF"));
    CHECK_FALSE(isValidUtf8("abc\x80"));              // lone continuation byte
    CHECK_FALSE(isValidUtf8("\xEA\xB9"));             // truncated 김
    CHECK_FALSE(isValidUtf8("\xC0\x80"));             // overlong NUL
    CHECK_FALSE(isValidUtf8("\xE0\x80\xAF"));         // overlong '/'
    CHECK_FALSE(isValidUtf8("\xED\xA0\x80"));         // UTF-16 surrogate
    CHECK_FALSE(isValidUtf8("\xF4\x90\x80\x80"));     // above U+10FFFF
    CHECK_FALSE(isValidUtf8("\xB1\xE8\xB9\xCE\xBC\xF6"));  // 김민수 in CP949
}

TEST_CASE("text: normalizeNfc composes decomposed text") {
    CHECK(normalizeNfc(kKimMinsuNfd) == kKimMinsu);
    CHECK(normalizeNfc(kKimMinsu) == kKimMinsu);
    CHECK(normalizeNfc("\u110B\u1175\u110B\u1167\u11BC\u1112\u1174") == "이영희");
    CHECK(normalizeNfc("Cafe\u0301") == "Caf\u00E9");
    CHECK(normalizeNfc("") == "");
    CHECK(normalizeNfc("plain") == "plain");
    CHECK(normalizeNfc(std::string("a\0\u1100\u1161", 8)) == std::string("a\0\uAC00", 5));
    // Invalid input comes back untouched.
    CHECK(normalizeNfc("\xFF\u1100\u1161") == "\xFF\u1100\u1161");
}

TEST_CASE("text: foldForSearch folds case and keeps Hangul composed") {
    CHECK(foldForSearch("NAME") == "name");
    CHECK(foldForSearch("From Round") == "from round");
    CHECK(foldForSearch("Stra\u00DFe") == "strasse");
    CHECK(foldForSearch("\u00C9COLE") == foldForSearch("e\u0301cole"));
    CHECK(foldForSearch(kKimMinsu) == kKimMinsu);
    CHECK(foldForSearch(kKimMinsuNfd) == kKimMinsu);
    CHECK(foldForSearch("수원시 SUWON") == "수원시 suwon");
    CHECK(foldForSearch("\xFF" "ABC") == "\xFF" "abc");
}

TEST_CASE("text: trim strips ASCII, no-break and ideographic spaces at both ends") {
    CHECK(trim("") == "");
    CHECK(trim("   ") == "");
    CHECK(trim(" \t\r\n name \v\f") == "name");
    CHECK(trim("\u00A0김민수\u00A0") == "김민수");
    CHECK(trim("\u3000 이영희\u3000\u3000") == "이영희");
    CHECK(trim("\u3000\u00A0 \u3000") == "");
    CHECK(trim("  서귀포시 대정읍  ") == "서귀포시 대정읍");
    CHECK(trim("a\u3000b") == "a\u3000b");
    // Hangul whose UTF-8 ends in the bytes 0x80 0x80 is not a space: only the whole U+3000 sequence is.
    CHECK(trim("\uC000") == "\uC000");
}

TEST_CASE("text: codePointCount counts characters, not bytes") {
    CHECK(codePointCount("") == 0);
    CHECK(codePointCount("abc") == 3);
    CHECK(codePointCount(kKimMinsu) == 3);
    CHECK(codePointCount(kKimMinsuNfd) == 8);
    CHECK(codePointCount("\U0001F642") == 1);
}

TEST_CASE("text: findTextFault and requireModelText refuse invalid UTF-8 and NUL, with line and column") {
    CHECK_FALSE(findTextFault("김민수, 수원시 🙂\n"));
    CHECK(findTextFault(std::string("a\0b", 3))->offset == 1);
    CHECK(findTextFault(std::string("a\0b", 3))->reason.find("NUL") != std::string::npos);
    CHECK(findTextFault("김\xFF")->offset == 3);
    CHECK(findTextFault("김\xFF")->reason == "not valid UTF-8 (byte 0xFF)");
    CHECK(findTextFault("\xC0\x80"));  // the overlong NUL is refused too
    try {
        requireModelText("line one\r\nline two\r김민\xEA\xB9 x", "notes.txt", "; save it as UTF-8");
        FAIL("accepted");
    } catch (const worldcafe::InputError& error) {
        CHECK(error.file == "notes.txt");
        CHECK(error.line == 3);
        CHECK(error.column == 3);
        CHECK(error.detail == "not valid UTF-8 (byte 0xEA); save it as UTF-8");
    }
    CHECK_NOTHROW(requireModelText("", "empty.txt"));
}
