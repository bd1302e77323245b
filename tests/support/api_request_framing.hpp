#pragma once
// The fuzz target fuzz_api_request and the corpus replay in tests/server share this: how an input's bytes become a
// request, the session it runs against, and which statuses the API may answer.
//
// Framing of an input (the format of tests/fuzz/corpus/api_request/*):
//   METHOD ' ' TARGET '\n' BODY
//   TARGET = PATH ['?' QUERY], QUERY = NAME['=' VALUE] ('&' NAME['=' VALUE])*
// The first line ends at the first '\n' (no '\n': the whole input is the first line and the body is empty); without a
// ' ' the whole first line is the method and the path is "/". Nothing is percent-decoded: libmicrohttpd has decoded
// the path and the query before the Api sees them, so any byte may arrive there. The tables' tokens are fixed:
// table 1 is 1111111111111111111111, table 2 is 2222222222222222222222.

#include <string>
#include <string_view>

#include "server/api.hpp"
#include "worldcafe/model.hpp"

namespace worldcafe::test {

inline server::HttpRequest apiRequestFrom(std::string_view bytes) {
    server::HttpRequest request;
    request.client = "fuzz";
    std::size_t newline = bytes.find('\n');
    std::string_view line = bytes.substr(0, newline);
    if (newline != std::string_view::npos) request.body = std::string(bytes.substr(newline + 1));
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos) {
        request.method = std::string(line);
        request.path = "/";
        return request;
    }
    request.method = std::string(line.substr(0, space));
    std::string_view target = line.substr(space + 1);
    std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question == std::string_view::npos) return request;
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos)
            request.query.emplace(std::string(pair), "");
        else
            request.query.emplace(std::string(pair.substr(0, equals)), std::string(pair.substr(equals + 1)));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return request;
}

// What the API documents; 500 (a bug) and 503 (storage failed, which a fuzzer on tmpfs never causes) are not here.
inline bool documentedApiStatus(int status) {
    for (int allowed : {200, 201, 400, 403, 404, 405, 409, 413, 429})
        if (status == allowed) return true;
    return false;
}

// Two tables with fixed tokens and menus, a host at table 1, four guests in a two-round plan, one note to edit.
inline Session apiFuzzSession() {
    Session s;
    s.event.title = "시민 워크숍";
    s.event.language = "ko";
    s.menus = {Menu{1, "주거", "어디에서 살고 싶은가?", 0x0072B2}, Menu{2, "교통", "", 0xE69F00}};
    s.tables = {Table{1, 1, 6, "1111111111111111111111"}, Table{2, 2, 6, "2222222222222222222222"}};
    Participant host;
    host.id = 1;
    host.name = "박서연";
    host.role = Role::Host;
    host.table = 1;
    s.participants.push_back(host);
    const char* names[] = {"김민수", "이지은", "최영호", "Alice Kim"};
    for (int i = 0; i < 4; ++i) {
        Participant guest;
        guest.id = 2 + i;
        guest.name = names[i];
        s.participants.push_back(guest);
    }
    s.rounds.count = 2;
    s.plan = {RoundPlan{1, {{2, 1}, {3, 1}, {4, 2}, {5, 2}}, false}, RoundPlan{2, {{2, 2}, {3, 2}, {4, 1}, {5, 1}}, false}};
    Note note;
    note.id = 1;
    note.table = 1;
    note.round = 1;
    note.menu = 1;
    note.text = "첫 메모";
    note.clientId = "seed-note-0001";
    note.revision = 1;
    s.notes.push_back(note);
    return s;
}

}  // namespace worldcafe::test
