// The guests' page (/): find your name, see where to sit each round. It shows only what the projector shows, names
// and seats; the server's answers carry nothing more, and this page would not draw it if they did.
import {
  api, clear, Countdown, el, formatClock, phaseLabel, setSessionLanguage, show, storageGet, storageRemove, storageSet,
  t, toggleLanguage, translateStatic,
} from "./common.js";
import { render as renderVotes, startVoting } from "./vote.js";

const POLL_MILLIS = 2000;
const SEARCH_DELAY_MILLIS = 150;
const PERSON_KEY = "worldcafe.person";
const ITINERARY_MILLIS = 20000;

const $ = (id) => document.getElementById(id);

let state = null;
let personId = storageGet(PERSON_KEY);
let itinerary = null;
let reachable = null;

const countdown = new Countdown((seconds) => {
  $("countdown").textContent = formatClock(seconds);
});

// [SECTION] the laptop's answers
function normaliseState(raw) {
  const phase = typeof raw.phase === "object" && raw.phase !== null ? raw.phase : { kind: raw.phase };
  return {
    title: (raw.event && raw.event.title) || raw.title || "",
    language: raw.language || (raw.event && raw.event.language) || "en",
    round: Number(raw.round ?? phase.round ?? 0) || 0,
    rounds: Number(raw.rounds ?? raw.round_count ?? 0) || 0,
    phase: phase.kind || phase.name || null,
    started: raw.started ?? phase.started ?? (phase.kind && phase.kind !== "not_started"),
    running: !!(raw.running ?? phase.running),
    secondsLeft: raw.seconds_left ?? phase.seconds_left ?? null,
  };
}

function normalisePeople(raw) {
  const list = Array.isArray(raw) ? raw : raw && (raw.people || raw.results || raw.participants) || [];
  return list.map((person) => ({
    id: String(person.id),
    name: String(person.name ?? ""),
    table: Number(person.table) || 0,
  }));
}

function normaliseItinerary(raw) {
  const list = [raw.itinerary, raw.rounds, raw.seats].find(Array.isArray) || [];
  const rounds = list.map((entry) => {
    const menu = entry.menu && typeof entry.menu === "object" ? entry.menu
                                                              : { title: entry.menu, question: entry.question };
    return {
      round: Number(entry.round),
      table: Number(entry.table) || 0,
      menuTitle: menu && menu.title ? String(menu.title) : "",
      question: menu && menu.question ? String(menu.question) : "",
      updated: entry.updated === true,
    };
  });
  const person = raw.person || raw;
  return { name: String(person.name ?? ""), rounds };
}

let pollTimer = null;

async function pollState() {
  clearTimeout(pollTimer);
  const startedAt = performance.now();
  try {
    const response = await api("GET", "/api/v1/state", undefined, 5000);
    state = normaliseState(response.body || {});
    reachable = true;
    if (setSessionLanguage(state.language)) translateStatic();
    countdown.sync(state.started ? state.secondsLeft : null, state.running && state.phase !== "done", startedAt);
    // The seating can change during the café (late arrivals re-planned): read it again each round and now and then.
    const moment = `${state.round}/${state.phase}`;
    if (personId && (!itinerary || moment !== itineraryMoment || Date.now() - itineraryAt > ITINERARY_MILLIS)) {
      itineraryMoment = moment;
      await loadItinerary();
    }
  } catch {
    reachable = false;
  }
  render();
  pollTimer = setTimeout(pollState, POLL_MILLIS);
}

let itineraryMoment = "";
let itineraryAt = 0;

async function loadItinerary() {
  itineraryAt = Date.now();
  try {
    const response = await api("GET", `/api/v1/people/${encodeURIComponent(personId)}/itinerary`);
    itinerary = normaliseItinerary(response.body || {});
  } catch (error) {
    if (error.status === 404) forget();
  }
}

let searchSerial = 0;
let searchTimer = null;

function scheduleSearch() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, SEARCH_DELAY_MILLIS);
}

// Answers can come back out of order on a busy network; only the newest query's answer is drawn.
async function search() {
  const query = $("search").value.normalize("NFC").trim();
  const serial = ++searchSerial;
  if (!query) {
    drawResults([], "");
    return;
  }
  try {
    const response = await api("GET", `/api/v1/people?q=${encodeURIComponent(query)}`);
    if (serial === searchSerial) drawResults(normalisePeople(response.body), query);
  } catch {
    if (serial === searchSerial) reachable = false;
    render();
  }
}

// [SECTION] drawing
function drawResults(people, query) {
  const list = $("results");
  clear(list);
  show($("no-match"), !!query && people.length === 0);
  for (const person of people) {
    const button = el("button", { className: "person", attrs: { type: "button" }, data: { personId: person.id },
                                  onClick: () => choose(person) }, [el("span", { text: person.name })]);
    if (person.table) button.append(el("span", { className: "seat", text: t("table.n", person.table) }));
    list.append(el("li", {}, [button]));
  }
}

async function choose(person) {
  personId = person.id;
  storageSet(PERSON_KEY, personId);
  itinerary = { name: person.name, rounds: [] };
  render();
  await loadItinerary();
  render();
  window.scrollTo(0, 0);
}

function forget() {
  personId = null;
  itinerary = null;
  storageRemove(PERSON_KEY);
}

function render() {
  const banner = $("connection");
  banner.textContent = t("guest.offline");
  show(banner, reachable === false);
  if (state) {
    const title = state.title || "World Café";
    $("event-title").textContent = title;
    document.title = title;
    $("round").textContent = state.round
      ? state.rounds ? t("round.of", state.round, state.rounds) : t("round.n", state.round) : "";
    let phase = phaseLabel(state);
    if (state.started && !state.running && state.phase !== "done") phase += ` (${t("phase.paused")})`;
    $("phase").textContent = phase;
  }
  show($("search-card"), !personId);
  show($("itinerary-card"), !!personId);
  if (personId && itinerary) drawItinerary();
}

// The round people should be in now and the one they go to next, as the projector counts them: during a move the
// next round is the one about to start.
function currentAndNext() {
  if (!state || !state.round || !state.started) return { current: 0, next: 1 };
  // A harvest before the last round is the one after a round: people still sit at that round's tables.
  if (state.phase === "harvest" && state.rounds && state.round < state.rounds)
    return { current: state.round, next: state.round + 1 };
  if (state.phase === "done" || state.phase === "harvest") return { current: 0, next: 0 };
  if (state.phase === "move") return { current: state.round, next: state.round + 1 };
  if (state.phase === "welcome") return { current: 0, next: 1 };
  return { current: state.round, next: state.round + 1 };
}

function drawItinerary() {
  $("person-name").textContent = itinerary.name;
  const list = $("itinerary");
  clear(list);
  show($("no-plan"), itinerary.rounds.length === 0);
  const { current, next } = currentAndNext();
  for (const entry of itinerary.rounds) {
    const item = el("li", { className: "stop", data: { round: String(entry.round) } });
    const heading = el("div", { className: "stop-head" }, [el("span", { className: "stop-round",
                                                                        text: t("round.n", entry.round) })]);
    if (entry.round === current) {
      item.classList.add("current");
      heading.append(el("span", { className: "badge now", text: t("guest.now") }));
    } else if (entry.round === next) {
      item.classList.add("next");
      heading.append(el("span", { className: "badge", text: t("guest.next") }));
    } else if (current && entry.round < current) {
      item.classList.add("past");
    }
    // A re-plan during the café moved this seat a few minutes ago: say so, not just show another number.
    if (entry.updated && entry.table) {
      item.classList.add("updated");
      heading.append(el("span", { className: "badge updated", text: t("guest.updated") }));
    }
    item.append(heading);
    if (entry.table) {
      item.append(el("p", { className: "stop-table", text: t("table.n", entry.table) }));
      if (entry.menuTitle) item.append(el("p", { className: "stop-menu", text: entry.menuTitle }));
      if (entry.question) item.append(el("p", { className: "stop-question", text: entry.question }));
    } else {
      item.append(el("p", { className: "stop-menu", text: t("guest.no_seat") }));
    }
    list.append(item);
  }
}

// [SECTION] start
function start() {
  setSessionLanguage(null);
  translateStatic();
  $("search").addEventListener("input", scheduleSearch);
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  $("not-me").addEventListener("click", () => {
    forget();
    render();
    $("search").focus();
  });
  $("lang-switch").addEventListener("click", () => {
    toggleLanguage();
    translateStatic();
    render();
    renderVotes();
  });
  render();
  pollState();
  startVoting();
}

start();
