#include "worldcafe/printables.hpp"

#include <algorithm>
#include <cstdio>

#include "worldcafe/errors.hpp"
#include "worldcafe/qr.hpp"
#include "worldcafe/strings.hpp"
#include "worldcafe/text.hpp"

namespace worldcafe {

std::string escapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::vector<const Participant*> participantsInNameOrder(const Session& session) {
    std::vector<std::pair<std::string, const Participant*>> keyed;
    keyed.reserve(session.participants.size());
    for (const Participant& p : session.participants) keyed.emplace_back(foldForSearch(p.name), &p);
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const Participant*> ordered;
    for (const auto& entry : keyed) ordered.push_back(entry.second);
    return ordered;
}

TableNumber seatOf(const Session& session, ParticipantId participant, RoundNumber round) {
    for (const RoundPlan& plan : session.plan) {
        if (plan.round != round) continue;
        for (const Seat& seat : plan.seats)
            if (seat.participant == participant) return seat.table;
    }
    return kNoTable;
}

namespace {

std::string_view trimmedBase(std::string_view base) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    return base;
}

}  // namespace

std::string guestsLinkUrl(std::string_view base) { return std::string(trimmedBase(base)) + "/"; }

std::string hostLinkUrl(std::string_view base, const Table& table) {
    if (table.token.empty()) return {};
    return std::string(trimmedBase(base)) + "/t/" + table.token;
}

PrintLinks printLinks(std::string_view base) {
    const std::string_view trimmed = trimmedBase(base);
    const bool http = trimmed.starts_with("http://") || trimmed.starts_with("https://");
    const std::size_t hostStart = trimmed.find("://") + 3;
    if (!http || trimmed.size() <= hostStart || trimmed.find_first_of(" \t\r\n\"<>") != std::string_view::npos)
        throw Error("--base must be the room server's address, like http://192.168.0.10:8080 (got '" +
                    std::string(base) + "')");
    PrintLinks links;
    links.guests = guestsLinkUrl(trimmed);
    links.host = [base = std::string(trimmed)](const Table& table) {
        if (table.token.empty())
            throw Error("table " + std::to_string(table.number) +
                        " has no host link yet: `worldcafe links SESSION` gives every table one, then print again");
        return hostLinkUrl(base, table);
    };
    return links;
}

namespace {

// The printables' labels (Strings) are the session language's export strings (assets/i18n/LANGUAGE.report.json).

std::string colourHex(std::uint32_t colour) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%06X", static_cast<unsigned>(colour & 0xFFFFFF));
    return buffer;
}

// Cards are cut from A4; sizes are in millimetres so that the printout matches the cutting guide. Korean wraps at
// word boundaries (keep-all), and long words shrink rather than overflow the card.
// Two tents make one A4 page, the first page too: 277 mm inside the margins holds the one-line title (6 + 4 mm)
// and two 128 mm tents with their 5 mm gap, so the title never wraps and the QR code's face has 4 mm padding.
constexpr const char* kStyle = R"(
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "NanumGothic", "Nanum Gothic", "Noto Sans CJK KR", "Malgun Gothic", "DejaVu Sans", sans-serif;
       margin: 0; color: #111; word-break: keep-all; overflow-wrap: anywhere; }
h1 { font-size: 14pt; line-height: 6mm; margin: 0 0 4mm; white-space: nowrap; overflow: hidden;
     text-overflow: ellipsis; }
.sheet { display: grid; grid-template-columns: repeat(2, 90mm); grid-auto-rows: 62mm; gap: 4mm; }
.card { border: 0.3mm dashed #888; padding: 4mm 5mm; overflow: hidden; break-inside: avoid; }
.card .name { font-size: 18pt; font-weight: bold; margin-bottom: 1mm; }
.card .affiliation { font-size: 10pt; color: #444; margin-bottom: 2mm; }
.card table { width: 100%; border-collapse: collapse; font-size: 10.5pt; }
.card td { padding: 0.8mm 0; border-top: 0.2mm solid #ddd; vertical-align: top; }
.card td.round { width: 18mm; color: #444; }
.card td.table { width: 16mm; font-weight: bold; font-size: 13pt; }
.swatch { display: inline-block; width: 3mm; height: 3mm; margin-right: 1.5mm; border: 0.2mm solid #555; }
.tents { display: grid; grid-template-columns: 190mm; grid-auto-rows: 128mm; gap: 5mm; }
.tent { border: 0.3mm dashed #888; display: grid; grid-template-rows: 1fr 1fr; break-inside: avoid; }
.tent .face { padding: 4mm 10mm; display: flex; flex-direction: column; justify-content: center; overflow: hidden; }
.tent .face.upside-down { transform: rotate(180deg); border-bottom: 0.3mm dotted #bbb; }
.tent .number { font-size: 54pt; font-weight: bold; line-height: 1; }
.tent .menu { font-size: 22pt; font-weight: bold; margin: 2mm 0; padding-left: 3mm; border-left: 4mm solid; }
.tent .question { font-size: 14pt; }
.tent .host { font-size: 12pt; color: #333; margin-top: 3mm; }
.card .link { float: right; width: 21mm; margin: 0 0 1mm 2mm; text-align: center; font-size: 6.5pt; color: #444;
              line-height: 1.15; }
.card .link svg { display: block; width: 21mm; height: 21mm; }
.link .url { font-family: "DejaVu Sans Mono", monospace; font-size: 5.5pt; overflow-wrap: anywhere; color: #666; }
.tent .face.with-link { display: grid; grid-template-columns: 1fr 44mm; column-gap: 6mm; align-items: center; }
.tent .face .text { display: flex; flex-direction: column; justify-content: center; overflow: hidden; min-width: 0; }
.tent .link { text-align: center; font-size: 9pt; color: #444; }
.tent .link svg { display: block; width: 44mm; height: 44mm; }
@media screen { body { padding: 10mm; background: #eee; } .card, .tent { background: white; } }
)";

// The code with its caption; the URL itself is printed too, small, for a phone whose camera will not read codes.
std::string linkBlock(const std::string& url, double sizeMm, const std::string& caption) {
    return "<div class=\"link\">" + qrSvg(encodeQr(url), sizeMm) + "<div>" + escapeHtml(caption) +
           "</div><div class=\"url\">" + escapeHtml(url) + "</div></div>";
}

void appendItineraryCards(std::string& html, const Session& session, const Strings& labels, const PrintLinks& links) {
    html += "<h1>" + escapeHtml(session.event.title) + " — " + labels.text("printables.itinerary_title") +
            "</h1>\n<div class=\"sheet\">\n";
    // Every card carries the same code: encoded once.
    const std::string guestsLink =
        links.guests.empty() ? "" : linkBlock(links.guests, 21.0, labels.text("printables.guests_scan"));
    for (const Participant* person : participantsInNameOrder(session)) {
        html += "<section class=\"card\">" + guestsLink + "<div class=\"name\">" + escapeHtml(person->name) + "</div>";
        html += "<div class=\"affiliation\">" + escapeHtml(person->affiliation) + "</div>";
        if (person->role == Role::Host)
            html += "<div class=\"affiliation\">" + labels.text("printables.host_stays") + "</div>";
        html += "<table>";
        for (RoundNumber round = 1; round <= session.rounds.count; ++round) {
            html +=
                "<tr><td class=\"round\">" + labels.format("printables.round_n", {std::to_string(round)}) + "</td>";
            TableNumber table = seatOf(session, person->id, round);
            if (!person->presentIn(round)) {
                html += "<td class=\"table\">–</td><td>" + labels.text("printables.absent") + "</td></tr>";
                continue;
            }
            if (table == kNoTable && person->role == Role::Host) table = person->table;
            if (table == kNoTable) {
                html += "<td class=\"table\">?</td><td>" + labels.text("printables.not_planned") + "</td></tr>";
                continue;
            }
            const Table* t = session.findTable(table);
            const Menu* menu = t ? session.findMenu(t->menu) : nullptr;
            html += "<td class=\"table\">" + std::to_string(table) + "</td><td>";
            if (menu)
                html += "<span class=\"swatch\" style=\"background:" + colourHex(menu->colour) + "\"></span>" +
                        escapeHtml(menu->title);
            html += "</td></tr>";
        }
        html += "</table></section>\n";
    }
    html += "</div>\n";
}

void appendTentFace(std::string& html, const Session& session, const Table& table, const Strings& labels,
                    bool upsideDown, const std::string& link) {
    const Menu* menu = session.findMenu(table.menu);
    const Participant* host = session.hostOf(table.number);
    html += std::string("<div class=\"face") + (upsideDown ? " upside-down" : "") + (link.empty() ? "" : " with-link") +
            "\">";
    if (!link.empty()) html += "<div class=\"text\">";
    html +=
        "<div class=\"number\">" + labels.format("printables.table_n", {std::to_string(table.number)}) + "</div>";
    if (menu) {
        html += "<div class=\"menu\" style=\"border-color:" + colourHex(menu->colour) + "\">" +
                escapeHtml(menu->title) + "</div>";
        html += "<div class=\"question\">" + escapeHtml(menu->question) + "</div>";
    }
    if (host)
        html += "<div class=\"host\">" + labels.format("printables.host_n", {escapeHtml(host->name)}) + "</div>";
    if (!link.empty()) html += "</div>" + link;
    html += "</div>";
}

void appendTableTents(std::string& html, const Session& session, const Strings& labels, const PrintLinks& links) {
    html += "<h1>" + escapeHtml(session.event.title) + " — " + labels.text("printables.tent_title") +
            "</h1>\n<div class=\"tents\">\n";
    for (const Table& table : session.tables) {
        const std::string url = links.host ? links.host(table) : std::string();
        const std::string link = url.empty() ? "" : linkBlock(url, 44.0, labels.text("printables.host_scan"));
        html += "<section class=\"tent\">";
        // Both faces carry the code: the host may sit on either side of the table.
        appendTentFace(html, session, table, labels, true, link);
        appendTentFace(html, session, table, labels, false, link);
        html += "</section>\n";
    }
    html += "</div>\n";
}

}  // namespace

std::string formatPrintableHtml(const Session& session, Printable what, const PrintLinks& links) {
    // Throws when the language's label file cannot be read: a printout never silently changes language.
    const Strings& labels = Strings::forSession(session.event.language);
    std::string html = "<!DOCTYPE html>\n<html lang=\"" + labels.language() + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<title>" + escapeHtml(session.event.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    if (what == Printable::ItineraryCards)
        appendItineraryCards(html, session, labels, links);
    else
        appendTableTents(html, session, labels, links);
    html += "</body>\n</html>\n";
    return html;
}

}  // namespace worldcafe
