// Dot voting at the harvest, on the guests' page. The phone has an anonymous voter id (random, kept here) and N
// dots numbered 0..N-1; a dot is placed with PUT /api/v1/votes/{voter}/{dot} and taken back with DELETE. Both are
// idempotent on the laptop, so a change that did not get its answer waits in localStorage and is sent again.
import { api, clear, el, newClientId, show, storageGet, storageSet, t } from "./common.js";

const VOTER_KEY = "worldcafe.voter";
const PENDING_KEY = "worldcafe.votes.pending";
const POLL_MILLIS = 3000;
const IDLE_POLL_MILLIS = 10000;  // voting closed: only to notice it opening

const $ = (id) => document.getElementById(id);

function voterId() {
  let id = storageGet(VOTER_KEY);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = newClientId();
    storageSet(VOTER_KEY, id);
  }
  return id;
}

function loadPending() {
  try {
    const parsed = JSON.parse(storageGet(PENDING_KEY) || "{}");
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

const voter = voterId();
let harvest = null;   // the laptop's last answer
let pending = loadPending();  // dot -> {menu, theme} to place, or null to take back
let problem = "";
let timer = null;

function savePending() {
  storageSet(PENDING_KEY, JSON.stringify(pending));
}

// Where each dot is, as the laptop said and as this phone changed it since.
function myDots() {
  const dots = new Map();
  if (harvest) for (const mine of harvest.mine || []) if (mine.theme) dots.set(mine.dot, { menu: mine.menu, theme: mine.theme });
  for (const [dot, target] of Object.entries(pending)) {
    if (target) dots.set(Number(dot), target);
    else dots.delete(Number(dot));
  }
  return dots;
}

function lostDots() {
  return harvest ? (harvest.mine || []).filter((mine) => !mine.theme && !(mine.dot in pending)).length : 0;
}

async function flush() {
  for (const [dot, target] of Object.entries(pending)) {
    const path = `/api/v1/votes/${encodeURIComponent(voter)}/${dot}`;
    try {
      if (target) await api("PUT", path, { menu: target.menu, theme: target.theme });
      else await api("DELETE", path);
      delete pending[dot];
      problem = "";
    } catch (error) {
      if (error.status === 0 || error.status === 429 || error.status >= 500) return;  // try again later
      // Refused for good (voting closed, theme gone): forget the change and say why.
      delete pending[dot];
      problem = error.message;
    } finally {
      savePending();
    }
  }
}

async function poll() {
  clearTimeout(timer);
  await flush();
  try {
    const response = await api("GET", `/api/v1/harvest?voter=${encodeURIComponent(voter)}`, undefined, 5000);
    harvest = response.body;
  } catch {
    /* the clock's banner says the laptop is unreachable */
  }
  render();
  timer = setTimeout(poll, harvest && harvest.open ? POLL_MILLIS : IDLE_POLL_MILLIS);
}

function place(menu, theme) {
  const dots = myDots();
  for (let dot = 0; dot < harvest.dots; ++dot) {
    if (dots.has(dot)) continue;
    pending[dot] = { menu, theme };
    savePending();
    render();
    poll();
    return;
  }
}

function takeBack(menu, theme) {
  let last = -1;
  for (const [dot, target] of myDots()) if (target.menu === menu && target.theme === theme) last = Math.max(last, dot);
  if (last < 0) return;
  pending[last] = null;
  savePending();
  render();
  poll();
}

export function render() {
  const card = $("vote-card");
  const open = !!(harvest && harvest.open);
  const dots = myDots();
  // Once the room has voted, a closed vote stays on the page with its tally: a guest who looks again is told that
  // voting has closed, rather than finding the card gone.
  const voted = !!harvest && (harvest.menus || []).some((menu) => menu.themes.some((theme) => theme.votes > 0));
  show(card, open || Object.keys(pending).length > 0 || dots.size > 0 || voted);
  if (!harvest) return;
  const left = Math.max(0, harvest.dots - dots.size - lostDots());
  $("vote-left").textContent = !open ? t("vote.closed")
                                     : left > 0 ? t("vote.left", left, harvest.dots) : t("vote.none_left", harvest.dots);
  const waiting = Object.keys(pending).length > 0;
  let status = problem || (waiting ? t("vote.sending") : dots.size ? t("vote.saved") : "");
  if (lostDots()) status += ` ${t("vote.gone")}`;
  $("vote-status").textContent = status.trim();
  const menus = $("vote-menus");
  clear(menus);
  let any = false;
  for (const menu of harvest.menus || []) {
    if (!menu.themes.length) continue;
    any = true;
    const list = el("ul", { className: "themes" });
    for (const theme of menu.themes) {
      let mine = 0;
      for (const target of dots.values()) if (target.menu === menu.id && target.theme === theme.key) ++mine;
      const item = el("li", { className: mine ? "theme mine" : "theme", data: { theme: theme.key } });
      const text = el("div", { className: "theme-text" }, [
        el("p", { className: "theme-name", text: theme.name }),
        el("p", { className: "theme-counts",
                  text: `${t("vote.notes", theme.notes)} · ${t("vote.tally", theme.votes)}` }),
      ]);
      item.append(text);
      if (mine) item.append(el("span", { className: "my-dots", text: "●".repeat(mine), attrs: { "aria-hidden": "true" } }));
      const remove = el("button", { className: "secondary", text: "−",
                                    attrs: { type: "button", "aria-label": t("vote.remove", theme.name) },
                                    onClick: () => takeBack(menu.id, theme.key) });
      remove.disabled = !open || mine === 0;
      const add = el("button", { className: "primary", text: "+",
                                 attrs: { type: "button", "aria-label": t("vote.add", theme.name) },
                                 onClick: () => place(menu.id, theme.key) });
      add.disabled = !open || left === 0;
      item.append(remove, add);
      list.append(item);
    }
    const heading = el("h3", { text: menu.title });
    menus.append(el("section", { className: "vote-menu" }, [heading, list]));
  }
  if (!any) menus.append(el("p", { className: "empty", text: t("vote.empty") }));
}

export function startVoting() {
  poll();
}
