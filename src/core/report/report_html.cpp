// The HTML report: one self-contained page (no scripts, no external files) that reads well on screen and prints on
// A4. Every piece of user text goes through escapeHtml() (printables.hpp); nothing else in the page comes from the
// session except numbers and the menu colours, which are formatted from integers.

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report_common.hpp"
#include "worldcafe/printables.hpp"
#include "worldcafe/report.hpp"
#include "worldcafe/text.hpp"
#include "worldcafe/version.hpp"

namespace worldcafe {

using namespace report;

namespace {

constexpr const char* kStyle = R"css(
:root { --ink: #1d232a; --muted: #5b6570; --line: #d9dee3; --menu: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef0f3; color: var(--ink);
  font: 15px/1.6 "Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", system-ui, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 36px 40px 48px; background: #fff; }
h1 { font-size: 26px; line-height: 1.3; margin: 0 0 6px; }
.meta { color: var(--muted); margin: 0; }
.stats { display: flex; flex-wrap: wrap; gap: 8px; margin: 14px 0 0; padding: 0; list-style: none; }
.stats li { background: #eef1f4; border-radius: 999px; padding: 2px 12px; font-size: 13px; }
figure.chart { margin: 28px 0 8px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
figure.chart svg { width: 100%; height: auto; display: block; }
.contents { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 6px 24px;
  margin: 8px 0 0; padding: 0; list-style: none; font-size: 14px; }
.contents li { padding: 2px 0 2px 10px; border-left: 4px solid var(--menu); }
.contents a { color: inherit; text-decoration: none; }
section.menu { border-left: 6px solid var(--menu); padding: 2px 0 2px 20px; margin: 36px 0 0; }
section.menu h2 { font-size: 21px; line-height: 1.35; margin: 0 0 4px; }
.question { color: var(--muted); margin: 0 0 10px; }
.keywords { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 12px; padding: 0; list-style: none; }
.keywords li { border: 1px solid var(--line); border-radius: 4px; padding: 0 8px; font-size: 12.5px;
  color: var(--muted); }
article.theme { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px 10px; margin: 10px 0;
  break-inside: avoid; }
article.theme.highlighted { background: #fffbe6; border-color: #d4b106; }
article.theme.other { background: #fafbfc; }
article.theme h3 { display: inline; font-size: 16.5px; margin: 0 8px 0 0; }
.counts { color: var(--muted); font-size: 13px; }
blockquote { margin: 8px 0 4px; padding: 2px 0 2px 12px; border-left: 3px solid var(--menu); font-size: 15.5px; }
ul.notes { margin: 6px 0 0; padding-left: 18px; font-size: 13.5px; color: #333; }
ul.notes li { margin: 2px 0; }
.where { color: var(--muted); font-size: 12px; white-space: nowrap; margin-left: 6px; }
.star { color: #b07d00; }
.mark { background: #fff1b8; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; margin-top: 36px; border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .contents a { text-decoration: none; }
  section.menu { break-before: page; }
  h2, h3 { break-after: avoid; }
}
)css";

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

std::string menuShortName(const Labels& labels, const MenuHarvest& harvest, std::size_t index) {
    if (harvest.menu == kNoMenu) return labels.noMenu();
    return labels.strings->format("report.menu_short", {std::to_string(index + 1)});
}

// Grouped bars: a group per menu, a bar per round in the menu's colour, later rounds lighter.
std::string chartSvg(const Session& session, const Synthesis& synthesis, const Labels& labels) {
    const int menus = static_cast<int>(synthesis.menus.size());
    const int rounds = std::max(1, synthesis.roundCount);
    const auto [step, top] = notesChartScale(synthesis);

    const double width = 900, height = 260, left = 44, right = 12, upper = 18, lower = 58;
    const double plotWidth = width - left - right, plotHeight = height - upper - lower;
    const double groupWidth = plotWidth / std::max(1, menus);
    const double barWidth = std::min(42.0, groupWidth * 0.78 / rounds);
    auto y = [&](double value) { return upper + plotHeight * (1.0 - value / top); };

    std::string svg = "<svg viewBox=\"0 0 " + number(width) + " " + number(height) +
                      "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" +
                      escapeHtml(labels.chartTitle()) + "\" font-size=\"12\" font-family=\"inherit\">\n";
    for (int tick = 0; tick <= top; tick += step) {
        svg += "<line x1=\"" + number(left) + "\" x2=\"" + number(width - right) + "\" y1=\"" + number(y(tick)) +
               "\" y2=\"" + number(y(tick)) + "\" stroke=\"" + (tick ? "#e3e7eb" : "#8a949e") + "\"/>";
        svg += "<text x=\"" + number(left - 6) + "\" y=\"" + number(y(tick) + 4) +
               "\" text-anchor=\"end\" fill=\"#5b6570\">" + std::to_string(tick) + "</text>\n";
    }
    for (int m = 0; m < menus; ++m) {
        const MenuHarvest& harvest = synthesis.menus[static_cast<std::size_t>(m)];
        const Menu* menu = menuOf(session, harvest);
        const std::string colour = colourHex(menu ? menu->colour : 0x999999);
        const double groupLeft = left + groupWidth * m + (groupWidth - barWidth * rounds) / 2;
        svg += "<g><title>" + escapeHtml(menuTitle(session, synthesis, static_cast<std::size_t>(m))) + "</title>\n";
        for (int r = 0; r < rounds; ++r) {
            const int count = r < static_cast<int>(harvest.notesPerRound.size())
                                  ? harvest.notesPerRound[static_cast<std::size_t>(r)]
                                  : 0;
            const double x = groupLeft + barWidth * r;
            const double opacity = rounds == 1 ? 1.0 : 1.0 - 0.55 * r / (rounds - 1);
            svg += "<rect x=\"" + number(x + 1) + "\" y=\"" + number(y(count)) + "\" width=\"" +
                   number(barWidth - 2) + "\" height=\"" + number(y(0) - y(count)) + "\" fill=\"" + colour +
                   "\" fill-opacity=\"" + number(opacity) + "\" stroke=\"" + colour + "\"><title>" +
                   escapeHtml(labels.round(r + 1)) + ": " + escapeHtml(labels.notes(count)) + "</title></rect>";
            if (barWidth >= 14 && count > 0)
                svg += "<text x=\"" + number(x + barWidth / 2) + "\" y=\"" + number(y(count) - 4) +
                       "\" text-anchor=\"middle\" fill=\"#1d232a\">" + std::to_string(count) + "</text>";
            if (barWidth >= 12)
                svg += "<text x=\"" + number(x + barWidth / 2) + "\" y=\"" + number(y(0) + 14) +
                       "\" text-anchor=\"middle\" fill=\"#8a949e\" font-size=\"10\">" + std::to_string(r + 1) +
                       "</text>";
            svg += "\n";
        }
        svg += "<text x=\"" + number(left + groupWidth * m + groupWidth / 2) + "\" y=\"" + number(y(0) + 32) +
               "\" text-anchor=\"middle\" font-weight=\"600\">" +
               escapeHtml(menuShortName(labels, harvest, static_cast<std::size_t>(m))) + "</text></g>\n";
    }
    const std::string legend = labels.text("report.chart_legend");
    svg += "<text x=\"" + number(width - right) + "\" y=\"" + number(height - 6) +
           "\" text-anchor=\"end\" fill=\"#5b6570\" font-size=\"11\">" + escapeHtml(legend) + "</text>\n";
    svg += "</svg>";
    return svg;
}

std::string where(const Labels& labels, const Note& note) {
    std::string out =
        labels.strings->format("report.note_place", {std::to_string(note.table), std::to_string(note.round)});
    if (note.votes > 0) out += " · " + labels.votes(note.votes);
    return out;
}

std::string noteItem(const NoteIndex& notes, const Labels& labels, const NoteEntry& entry) {
    const Note* note = notes.find(entry.note);
    if (!note) return {};
    std::string item = "<li>";
    if (note->starred) item += "<span class=\"star\" title=\"★\">★</span> ";
    item += note->highlighted ? "<span class=\"mark\">" + escapeHtml(trim(note->text)) + "</span>"
                              : escapeHtml(trim(note->text));
    item += "<span class=\"where\">" + escapeHtml(where(labels, *note));
    if (!entry.duplicates.empty())
        item += " · " + escapeHtml(labels.similar(static_cast<int>(entry.duplicates.size())));
    item += "</span></li>\n";
    return item;
}

std::string themeArticle(const NoteIndex& notes, const Labels& labels, const ThemeSummary& theme) {
    std::string out = std::string("<article class=\"theme") + (theme.highlighted ? " highlighted" : "") + "\">\n";
    out += "<h3>(" + escapeHtml(theme.name) + ")</h3>";
    std::string counts = labels.notes(theme.noteCount()) + " · " + labels.tables(theme.tables);
    if (theme.stars > 0) counts += " · " + labels.stars(theme.stars);
    if (theme.votes > 0) counts += " · " + labels.votes(theme.votes, theme.voters);
    if (theme.highlighted) counts += " · " + std::string(labels.highlighted());
    out += "<span class=\"counts\">" + escapeHtml(counts) + "</span>\n";
    out += "<blockquote>" + escapeHtml(themeLine(notes, theme)) + "</blockquote>\n";
    std::string items;
    const bool quotedNote = trim(theme.summary).empty();
    for (const NoteEntry& entry : theme.entries) {
        if (quotedNote && entry.note == theme.headline && entry.duplicates.empty()) continue;
        items += noteItem(notes, labels, entry);
    }
    if (!items.empty()) out += "<ul class=\"notes\">\n" + items + "</ul>\n";
    out += "</article>\n";
    return out;
}

}  // namespace

std::string exportHtml(const Session& session, const Synthesis& synthesis) {
    const Labels labels = labelsFor(session);
    const NoteIndex notes(session);
    const std::string title = session.event.title.empty() ? std::string("World Café") : session.event.title;
    std::string out;
    out.reserve(4096 + static_cast<std::size_t>(synthesis.noteCount) * 200);
    out += "<!DOCTYPE html>\n<html lang=\"" + labels.language() + "\">\n<head>\n";
    out += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + escapeHtml(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";

    out += "<header>\n<h1>" + escapeHtml(title) + "</h1>\n";
    std::string meta;
    for (const std::string& part : {session.event.date, session.event.venue, session.event.organiser})
        if (!trim(part).empty()) meta += (meta.empty() ? "" : " · ") + escapeHtml(trim(part));
    if (!meta.empty()) out += "<p class=\"meta\">" + meta + "</p>\n";
    out += "<ul class=\"stats\"><li>" + escapeHtml(labels.notes(synthesis.noteCount)) + "</li><li>" +
           escapeHtml(labels.menus(static_cast<int>(session.menus.size()))) + "</li><li>" +
           escapeHtml(labels.tableCount(static_cast<int>(session.tables.size()))) + "</li><li>" +
           escapeHtml(labels.rounds(synthesis.roundCount)) + "</li></ul>\n</header>\n";

    out += "<figure class=\"chart\">\n<figcaption>" + escapeHtml(labels.chartTitle()) + "</figcaption>\n" +
           chartSvg(session, synthesis, labels) + "\n</figure>\n";

    out += "<ul class=\"contents\">\n";
    for (std::size_t m = 0; m < synthesis.menus.size(); ++m) {
        const Menu* menu = menuOf(session, synthesis.menus[m]);
        out += "<li style=\"--menu: " + colourHex(menu ? menu->colour : 0x999999) + "\"><a href=\"#menu-" +
               std::to_string(m + 1) + "\">" + escapeHtml(menuTitle(session, synthesis, m)) + "</a> ";
        out += "<span class=\"counts\">" + escapeHtml(labels.notes(synthesis.menus[m].noteCount)) + "</span></li>\n";
    }
    out += "</ul>\n";

    for (std::size_t m = 0; m < synthesis.menus.size(); ++m) {
        const MenuHarvest& harvest = synthesis.menus[m];
        const Menu* menu = menuOf(session, harvest);
        out += "<section class=\"menu\" id=\"menu-" + std::to_string(m + 1) + "\" style=\"--menu: " +
               colourHex(menu ? menu->colour : 0x999999) + "\">\n";
        out += "<h2>" + escapeHtml(menuTitle(session, synthesis, m)) + "</h2>\n";
        if (menu && !trim(menu->question).empty())
            out += "<p class=\"question\">" + escapeHtml(trim(menu->question)) + "</p>\n";
        if (harvest.noteCount == 0) {
            out += "<p class=\"empty\">" + escapeHtml(labels.noNotes()) + "</p>\n</section>\n";
            continue;
        }
        if (!harvest.keywords.empty()) {
            out += "<ul class=\"keywords\" aria-label=\"" + escapeHtml(labels.keywords()) + "\">";
            for (const Keyword& keyword : harvest.keywords) out += "<li>" + escapeHtml(keyword.term) + "</li>";
            out += "</ul>\n";
        }
        std::string otherItems;
        int others = 0;
        for (const ThemeSummary& theme : harvest.themes) {
            if (isReportTheme(theme)) {
                out += themeArticle(notes, labels, theme);
                continue;
            }
            others += theme.noteCount();
            for (const NoteEntry& entry : theme.entries) otherItems += noteItem(notes, labels, entry);
        }
        if (others > 0)
            out += "<article class=\"theme other\">\n<h3>" + escapeHtml(labels.otherNotes(others)) +
                   "</h3>\n<ul class=\"notes\">\n" + otherItems + "</ul>\n</article>\n";
        out += "</section>\n";
    }
    out += "<footer>" + escapeHtml(labels.generated()) + " " + escapeHtml(kVersion) + "</footer>\n";
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace worldcafe
