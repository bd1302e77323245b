// The table host's page (/t/{token}): the table's question, the clock, who sits here, and the notes, typed on the
// host's own phone. Notes go through the outbox (outbox.js) and count as saved only once the laptop says so.
import {
  api, clear, Countdown, currentLanguage, el, formatClock, newClientId, phaseLabel, setSessionLanguage, show,
  storageGet, storageRemove, storageSet, t, toggleLanguage, translateStatic,
} from "./common.js";
import { Outbox } from "./outbox.js";

const POLL_MILLIS = 2000;
const MAX_NOTE_CHARS = 4000;

const token = decodeURIComponent(location.pathname.replace(/^\/t\//, "").replace(/\/.*$/, ""));
const base = `/api/v1/tables/${encodeURIComponent(token)}`;
const draftKey = `worldcafe.draft.${token}`;

const $ = (id) => document.getElementById(id);

let state = null;            // the last table state from the laptop, normalised
let reachable = null;        // null until the first answer
let linkRefused = false;
let editing = null;          // { kind: "saved", id, version } or { kind: "queued", clientId }
let problems = [];           // conflicts and refusals waiting for the host to read them
let confirmingDelete = null; // the note key whose delete button asks "really?"
const acked = new Map();     // notes acknowledged but not yet in a poll's answer, by id

const countdown = new Countdown((seconds) => {
  $("countdown").textContent = formatClock(seconds);
});

const outbox = new Outbox(token, sendItem, {
  onAck(item, response) {
    if (item.op === "create" && response.body && response.body.id !== undefined) {
      acked.set(Number(response.body.id), { ...item, id: Number(response.body.id), saved: true,
                                             version: response.body.version ?? 0 });
    }
    // A second edit right after the first must start from the version the first one made, not the last poll's.
    const known = state && item.id !== undefined ? state.notes.find((note) => note.id === item.id) : null;
    if (known && item.op === "edit" && response.body && response.body.version !== undefined) {
      Object.assign(known, { text: item.text, tags: item.tags, starred: item.starred, version: response.body.version });
    }
    if (known && item.op === "delete") state.notes = state.notes.filter((note) => note !== known);
    poll();
  },
  onConflict(item, error) {
    problems.push({ kind: "conflict", item, theirs: error.body && (error.body.note || error.body.current || null),
                    status: error.status });
    render();
    poll();
  },
  onRefused(item, error) {
    problems.push({ kind: "refused", item, message: error.message });
    render();
  },
  onChange() {
    renderStatus();
    renderNotes();
  },
});

// [SECTION] the laptop's answers
function sendItem(item) {
  const fields = { text: item.text, tags: item.tags || [], starred: !!item.starred };
  if (item.op === "create") {
    const body = { client_id: item.client_id, ...fields };
    if (item.round) body.round = item.round;
    return api("POST", `${base}/notes`, body);
  }
  if (item.op === "edit") return api("PUT", `${base}/notes/${item.id}`, { ...fields, version: item.version });
  return api("DELETE", `${base}/notes/${item.id}?version=${encodeURIComponent(item.version ?? "")}`);
}

function normaliseNote(raw) {
  return {
    id: Number(raw.id),
    client_id: raw.client_id || raw.clientId || "",
    round: Number(raw.round) || 0,
    text: String(raw.text ?? ""),
    tags: Array.isArray(raw.tags) ? raw.tags.map(String) : [],
    starred: !!raw.starred,
    version: raw.version ?? raw.edited ?? 0,
  };
}

function normaliseState(raw) {
  const table = typeof raw.table === "object" && raw.table !== null ? raw.table : { number: raw.table };
  const menu = raw.menu || table.menu || null;
  const phase = typeof raw.phase === "object" && raw.phase !== null ? raw.phase : { kind: raw.phase };
  const seated = raw.seated || raw.people || raw.participants || [];
  return {
    language: raw.language || (raw.event && raw.event.language) || "en",
    table: Number(table.number ?? raw.table_number ?? 0),
    menu: menu && typeof menu === "object" ? menu : null,
    round: Number(raw.round ?? phase.round ?? 0) || 0,
    rounds: Number(raw.rounds ?? raw.round_count ?? 0) || 0,
    phase: phase.kind || phase.name || null,
    started: raw.started ?? phase.started ?? (phase.kind && phase.kind !== "not_started"),
    running: !!(raw.running ?? phase.running),
    secondsLeft: raw.seconds_left ?? phase.seconds_left ?? null,
    // The host comes as its own field (a name or null); the seated list is the guests.
    seated: [
      ...(typeof raw.host === "string" && raw.host ? [{ name: raw.host, host: true }] : []),
      ...seated.map((person) => ({
        name: String(person.name ?? ""),
        host: person.host === true || person.role === "host",
      })),
    ],
    notes: (raw.notes || []).map(normaliseNote),
    notesOpen: raw.notes_open !== false && raw.accepting_notes !== false,
  };
}

let pollTimer = null;
let polling = false;

async function poll() {
  if (polling) return;
  polling = true;
  clearTimeout(pollTimer);
  const startedAt = performance.now();
  try {
    const response = await api("GET", base, undefined, 5000);
    state = normaliseState(response.body || {});
    for (const note of state.notes) acked.delete(note.id);
    // The laptop is back after being out of reach: what waits goes now, not when its backoff would end.
    const cameBack = reachable !== true;
    reachable = true;
    linkRefused = false;
    if (setSessionLanguage(state.language)) translateStatic();
    countdown.sync(state.started ? state.secondsLeft : null, state.running && state.phase !== "done", startedAt);
    outbox.kick(cameBack);
    render();
  } catch (error) {
    reachable = false;
    linkRefused = error.status === 403 || error.status === 404;
    renderConnection();
    renderStatus();
  } finally {
    polling = false;
    pollTimer = setTimeout(poll, POLL_MILLIS);
  }
}

// [SECTION] drawing
function render() {
  renderHeader();
  renderConnection();
  renderSeated();
  renderForm();
  renderStatus();
  renderProblems();
  renderNotes();
}

function renderHeader() {
  if (!state) return;
  const title = t("host.title", state.table);
  $("table-title").textContent = title;
  document.title = `${title} · World Café`;
  const menu = state.menu;
  $("menu-title").textContent = menu ? menu.title || "" : t("host.no_menu");
  $("menu-question").textContent = menu ? menu.question || t("host.no_question") : "";
  if (menu && typeof menu.colour === "string" && /^#[0-9a-fA-F]{6}$/.test(menu.colour)) {
    $("menu-card").style.setProperty("--menu-colour", menu.colour);
  }
  $("round").textContent = state.round
    ? state.rounds ? t("round.of", state.round, state.rounds) : t("round.n", state.round)
    : "";
  let phase = phaseLabel(state);
  if (state.started && !state.running && state.phase !== "done") phase += ` (${t("phase.paused")})`;
  $("phase").textContent = phase;
}

function renderConnection() {
  const banner = $("connection");
  if (reachable === false) {
    banner.textContent = linkRefused ? t("conn.link_invalid") : t("conn.offline");
    show(banner, true);
  } else {
    show(banner, false);
  }
}

function renderSeated() {
  if (!state) return;
  const list = $("seated");
  clear(list);
  if (!state.seated.length) {
    list.append(el("li", { className: "empty", text: t("host.nobody") }));
    return;
  }
  for (const person of state.seated) {
    const item = el("li", { text: person.name });
    if (person.host) item.append(el("span", { className: "badge", text: t("host.host_mark") }));
    list.append(item);
  }
}

function renderForm() {
  $("form-title").textContent = editing ? t("host.editing") : t("host.new_note");
  $("note-submit").textContent = editing ? t("host.save_edit") : t("host.save");
  show($("note-cancel"), !!editing);
}

function renderStatus() {
  const waiting = outbox.pendingNotes().length;
  const changes = outbox.pendingChanges().length;
  const parts = [];
  if ((waiting || changes) && outbox.closedMessage) parts.push(t("host.closed"));
  if (waiting === 0 && changes === 0) parts.push(t("host.status_all_saved"));
  if (waiting === 1) parts.push(t("host.status_waiting_one"));
  if (waiting > 1) parts.push(t("host.status_waiting", waiting));
  if (changes > 0) parts.push(t("host.status_changes", changes));
  if ((waiting || changes) && outbox.nextTryAt) {
    parts.push(t("host.retry_in", Math.max(1, Math.ceil((outbox.nextTryAt - Date.now()) / 1000))));
  }
  const line = $("outbox-status");
  line.textContent = parts.join(" ");
  line.dataset.waiting = String(waiting);
  line.dataset.changes = String(changes);
  line.classList.toggle("pending", waiting + changes > 0);
  show($("retry-now"), waiting + changes > 0 && outbox.nextTryAt !== null);
}

// Earlier rounds first (the host briefs newcomers from them), then this round, then any later one.
function noteGroups() {
  const current = state ? state.round : 0;
  const notes = new Map();
  for (const note of state ? state.notes : []) notes.set(note.id, { ...note, saved: true });
  for (const [id, note] of acked) if (!notes.has(id)) notes.set(id, note);
  const shown = [...notes.values()];
  for (const item of outbox.pendingNotes()) shown.push({ ...item, id: null, saved: false, queued: item });
  for (const note of shown) {
    if (note.id === null) continue;
    const changes = outbox.pendingFor(note.id);
    const last = changes[changes.length - 1];
    if (!last) continue;
    note.change = last;
    if (last.op === "edit") Object.assign(note, { text: last.text, tags: last.tags, starred: last.starred });
  }
  const rounds = new Map();
  for (const note of shown) {
    const round = note.round || current || 0;
    if (!rounds.has(round)) rounds.set(round, []);
    rounds.get(round).push(note);
  }
  const order = [...rounds.keys()].sort((a, b) => rank(a) - rank(b) || a - b);
  function rank(round) {
    if (!current) return 0;
    return round < current ? 0 : round === current ? 1 : 2;
  }
  return order.map((round) => ({
    round,
    title: !current || !round ? t("round.n", round || "–")
         : round < current ? t("host.earlier", round)
         : round === current ? t("host.this_round", round) : t("host.later", round),
    notes: rounds.get(round).sort((a, b) => (a.id ?? Infinity) - (b.id ?? Infinity) || a.queuedAt - b.queuedAt),
  }));
}

// Redrawn only when something shown changed: a poll every two seconds must not swap the buttons under a finger.
let drawnNotes = "";

function renderNotes() {
  const container = $("notes");
  const groups = noteGroups();
  const signature = JSON.stringify([currentLanguage(), confirmingDelete, groups.map((group) => [
    group.title, group.notes.map((note) => [note.id, note.client_id, note.text, note.tags, note.starred, note.saved,
                                            note.change && note.change.op, note.queued && outbox.isInFlight(note.queued),
                                            note.change && outbox.isInFlight(note.change)])])]);
  if (signature === drawnNotes) return;
  drawnNotes = signature;
  clear(container);
  if (!groups.length) {
    container.append(el("p", { className: "empty", text: t("host.notes_empty") }));
    return;
  }
  for (const group of groups) {
    const section = el("section", { className: "round-group", data: { round: String(group.round) } },
                       [el("h3", { text: group.title })]);
    const list = el("ul", { className: "notes" });
    for (const note of group.notes) list.append(noteItem(note));
    section.append(list);
    container.append(section);
  }
}

function noteItem(note) {
  const key = note.id !== null ? `id:${note.id}` : `client:${note.client_id}`;
  const sending = note.queued ? outbox.isInFlight(note.queued) : note.change ? outbox.isInFlight(note.change) : false;
  const saved = note.saved && !note.change;
  const item = el("li", {
    className: `note${note.starred ? " starred" : ""}${saved ? " saved" : " pending"}`,
    data: { state: saved ? "saved" : sending ? "sending" : "waiting", clientId: note.client_id || "",
            noteId: note.id !== null ? String(note.id) : "" },
  });
  if (note.change && note.change.op === "delete") item.classList.add("deleting");
  item.append(el("p", { className: "note-text", text: note.text }));
  if (note.tags && note.tags.length) {
    const tags = el("p", { className: "tags" });
    for (const tag of note.tags) tags.append(el("span", { className: "tag", text: `#${tag}` }));
    item.append(tags);
  }
  const footer = el("div", { className: "note-footer" });
  const status = saved ? `✓ ${t("host.saved")}` : sending ? t("host.sending") : `○ ${t("host.waiting")}`;
  footer.append(el("span", { className: `note-state${saved ? " ok" : ""}`, text: (note.starred ? "★ " : "") + status }));
  if (!sending && !(note.change && note.change.op === "delete")) {
    const actions = el("div", { className: "note-actions" });
    footer.append(actions);
    actions.append(el("button", { className: "small secondary", text: t("host.edit"), attrs: { type: "button" },
                                 onClick: () => startEdit(note) }));
    const confirming = confirmingDelete === key;
    actions.append(el("button", {
      className: `small ${confirming ? "danger" : "secondary"}`, attrs: { type: "button" },
      text: confirming ? t("host.delete_confirm") : t("host.delete"),
      onClick: () => {
        if (confirmingDelete !== key) {
          confirmingDelete = key;
          renderNotes();
          return;
        }
        confirmingDelete = null;
        deleteNote(note);
      },
    }));
  }
  item.append(footer);
  return item;
}

let drawnProblems = "";

function renderProblems() {
  const container = $("problems");
  const signature = JSON.stringify([currentLanguage(), problems]);
  if (signature === drawnProblems) return;
  drawnProblems = signature;
  clear(container);
  problems.forEach((problem, index) => {
    const box = el("div", { className: "card problem", attrs: { role: "alert" } });
    const dismiss = () => {
      problems.splice(index, 1);
      renderProblems();
    };
    if (problem.kind === "conflict") {
      const mine = problem.item;
      const theirs = problem.theirs ? normaliseNote(problem.theirs) : null;
      if (!theirs || problem.status === 404) {
        box.append(el("p", { text: t("host.deleted_elsewhere") }));
        box.append(el("blockquote", { className: "note-text", text: mine.text || "" }));
        box.append(el("button", { className: "secondary", text: t("host.dismiss"), attrs: { type: "button" },
                                  onClick: dismiss }));
      } else {
        box.append(el("p", { text: t("host.conflict") }));
        box.append(el("h3", { text: t("host.conflict_theirs") }));
        box.append(el("blockquote", { className: "note-text theirs", text: theirs.text }));
        box.append(el("h3", { text: t("host.conflict_mine") }));
        box.append(el("blockquote", { className: "note-text mine",
                                      text: mine.op === "delete" ? `(${t("host.delete")})` : mine.text }));
        const actions = el("div", { className: "actions" });
        actions.append(el("button", {
          className: "primary", text: t("host.keep_mine"), attrs: { type: "button" },
          onClick: () => {
            if (mine.op === "delete") outbox.addDelete(theirs.id, theirs.version);
            else outbox.addEdit(theirs.id, theirs.version, { text: mine.text, tags: mine.tags, starred: mine.starred });
            dismiss();
          },
        }));
        actions.append(el("button", { className: "secondary", text: t("host.keep_theirs"), attrs: { type: "button" },
                                      onClick: dismiss }));
        box.append(actions);
      }
    } else {
      box.append(el("p", { text: t("host.refused", problem.message) }));
      if (problem.item.text) box.append(el("blockquote", { className: "note-text", text: problem.item.text }));
      box.append(el("button", { className: "secondary", text: t("host.dismiss"), attrs: { type: "button" },
                                onClick: dismiss }));
    }
    container.append(box);
  });
}

// [SECTION] the form
function parseTags(text) {
  const seen = new Set();
  return text.split(/[,，、]/).map((tag) => tag.trim().replace(/^#/, "")).filter((tag) => {
    if (!tag || seen.has(tag)) return false;
    seen.add(tag);
    return true;
  });
}

function readDraft() {
  try {
    return JSON.parse(storageGet(draftKey) || "null");
  } catch {
    return null;
  }
}

// The round a note belongs to is the round its typing began in: a note started just before the bell keeps the
// conversation it came from.
function saveDraft() {
  if (editing) return;
  const text = $("note-text").value;
  const draft = readDraft() || {};
  if (!text && !$("note-tags").value) {
    storageRemove(draftKey);
    return;
  }
  if (!draft.round && state && state.round) draft.round = state.round;
  storageSet(draftKey, JSON.stringify({
    round: draft.round || 0, text, tags: $("note-tags").value, starred: $("note-star").checked,
  }));
}

function restoreDraft() {
  const draft = readDraft();
  if (!draft) return;
  $("note-text").value = draft.text || "";
  $("note-tags").value = draft.tags || "";
  $("note-star").checked = !!draft.starred;
}

function formError(message) {
  const error = $("form-error");
  error.textContent = message || "";
  show(error, !!message);
}

function resetForm(keepDraft) {
  if (editing && editing.kind === "queued") outbox.release(editing.clientId);
  editing = null;
  $("note-form").reset();
  if (!keepDraft) storageRemove(draftKey);
  formError("");
  renderForm();
}

function startEdit(note) {
  if (editing && editing.kind === "queued") outbox.release(editing.clientId);
  if (note.id === null && !outbox.hold(note.client_id)) return;
  saveDraft();
  editing = note.id !== null ? { kind: "saved", id: note.id, version: note.change ? note.change.version : note.version }
                             : { kind: "queued", clientId: note.client_id };
  $("note-text").value = note.text;
  $("note-tags").value = (note.tags || []).join(", ");
  $("note-star").checked = !!note.starred;
  formError("");
  renderForm();
  $("compose").scrollIntoView({ block: "start" });
  $("note-text").focus();
}

function deleteNote(note) {
  if (note.id === null) {
    if (!outbox.dropQueued(note.client_id)) renderNotes();
    return;
  }
  outbox.addDelete(note.id, note.change ? note.change.version : note.version);
}

function submit(event) {
  event.preventDefault();
  const text = $("note-text").value.normalize("NFC").trim();
  if (!text) {
    formError(t("host.empty_note"));
    return;
  }
  if ([...text].length > MAX_NOTE_CHARS) {
    formError(t("host.too_long", [...text].length, MAX_NOTE_CHARS));
    return;
  }
  const fields = { text, tags: parseTags($("note-tags").value.normalize("NFC")), starred: $("note-star").checked };
  const wasEditing = !!editing;
  if (editing && editing.kind === "saved") {
    outbox.addEdit(editing.id, editing.version, fields);
  } else if (editing && editing.kind === "queued") {
    outbox.editQueued(editing.clientId, fields);
    outbox.release(editing.clientId);
  } else {
    const draft = readDraft();
    const round = (draft && draft.round) || (state && state.round) || 0;
    outbox.addNote({ client_id: newClientId(), round, ...fields });
  }
  resetForm(wasEditing);
  if (wasEditing) restoreDraft();
  render();
}

// [SECTION] start
function start() {
  setSessionLanguage(null);
  translateStatic();
  restoreDraft();
  $("note-form").addEventListener("submit", submit);
  $("note-text").addEventListener("input", saveDraft);
  $("note-tags").addEventListener("input", saveDraft);
  $("note-star").addEventListener("change", saveDraft);
  $("note-cancel").addEventListener("click", () => {
    resetForm(true);
    restoreDraft();
  });
  $("retry-now").addEventListener("click", () => outbox.kick(true));
  $("lang-switch").addEventListener("click", () => {
    toggleLanguage();
    translateStatic();
    render();
  });
  window.addEventListener("online", () => {
    outbox.kick(true);
    poll();
  });
  setInterval(renderStatus, 1000);
  render();
  outbox.kick(true);
  poll();
}

start();
// The language the page was drawn in, for tests and for the curious.
document.documentElement.dataset.language = currentLanguage();
