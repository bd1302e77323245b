// The host's unsent work. Every note, edit and deletion waits here, in localStorage, until the laptop acknowledges
// it; a reload, a dead battery's restart or an hour without Wi-Fi loses nothing. Operations go out one at a time in
// the order they were made, and a failed try is retried with growing pauses (1 s doubling to 30 s, with jitter so
// twenty phones coming back together do not knock at once). The server stores a client id once, so sending a note
// again after a lost acknowledgement never makes a second note.
import { storageGet, storageSet } from "./common.js";

const MAX_BACKOFF_MILLIS = 30000;

export class Outbox {
  // send(item) performs the request and resolves with { status, body }, or rejects with an ApiError.
  // listener.onAck(item, response), onConflict(item, error), onRefused(item, error), onChange()
  constructor(token, send, listener) {
    this.key = `worldcafe.outbox.${token}`;
    this.send = send;
    this.listener = listener;
    this.items = this.load();
    this.inFlight = null;
    this.attempts = 0;
    this.retryTimer = null;
    this.nextTryAt = null;
    this.pumping = false;
    this.held = new Set();  // notes the host is editing before they were sent: they wait for the edit
    this.blocked = false;  // the link was refused (403): keep everything, wait for a poll to succeed
    this.closedMessage = null;  // note-taking is closed (423): the laptop's words, shown while notes wait
    this.persistFailed = false;
  }

  load() {
    const raw = storageGet(this.key);
    if (!raw) return [];
    try {
      const parsed = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter((item) => item && typeof item.op === "string") : [];
    } catch {
      return [];
    }
  }

  persist() {
    this.persistFailed = !storageSet(this.key, JSON.stringify(this.items));
  }

  changed() {
    this.persist();
    this.listener.onChange();
  }

  pendingNotes() {
    return this.items.filter((item) => item.op === "create");
  }

  pendingChanges() {
    return this.items.filter((item) => item.op !== "create");
  }

  isInFlight(item) {
    return this.inFlight === item;
  }

  addNote(note) {
    this.items.push({ op: "create", ...note, queuedAt: Date.now() });
    this.changed();
    this.kick(true);
  }

  hold(clientId) {
    const item = this.items.find((entry) => entry.op === "create" && entry.client_id === clientId);
    if (!item || this.isInFlight(item)) return false;
    this.held.add(clientId);
    return true;
  }

  release(clientId) {
    if (this.held.delete(clientId)) this.kick(true);
  }

  // Changes a note that has not reached the laptop yet; false when it is being sent right now.
  editQueued(clientId, fields) {
    const item = this.items.find((entry) => entry.op === "create" && entry.client_id === clientId);
    if (!item || this.isInFlight(item)) return false;
    Object.assign(item, fields);
    this.changed();
    return true;
  }

  dropQueued(clientId) {
    const index = this.items.findIndex((entry) => entry.op === "create" && entry.client_id === clientId);
    if (index < 0 || this.isInFlight(this.items[index])) return false;
    this.items.splice(index, 1);
    this.changed();
    return true;
  }

  // Edits to a saved note: a second edit before the first went out replaces it but keeps the version it began from.
  addEdit(id, version, fields) {
    const waiting = this.items.find((entry) => entry.op === "edit" && entry.id === id && !this.isInFlight(entry));
    if (waiting) Object.assign(waiting, fields);
    else this.items.push({ op: "edit", id, version, ...fields, queuedAt: Date.now() });
    this.changed();
    this.kick(true);
  }

  addDelete(id, version) {
    this.items = this.items.filter((entry) => !(entry.op === "edit" && entry.id === id && !this.isInFlight(entry)));
    this.items.push({ op: "delete", id, version, queuedAt: Date.now() });
    this.changed();
    this.kick(true);
  }

  pendingFor(id) {
    return this.items.filter((entry) => entry.op !== "create" && entry.id === id);
  }

  // Called when the laptop answered anything: it is reachable, so waiting out a long pause helps nobody.
  kick(resetBackoff = false) {
    if (resetBackoff) {
      this.attempts = 0;
      this.blocked = false;
      if (this.retryTimer !== null && this.inFlight === null) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.nextTryAt = null;
      }
    }
    if (this.pumping || this.retryTimer !== null || this.blocked) return;
    this.pump();
  }

  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      await this.drain();
    } finally {
      this.pumping = false;
    }
  }

  async drain() {
    for (;;) {
      const item = this.items.find((entry) => !(entry.op === "create" && this.held.has(entry.client_id)));
      if (!item) return;
      this.inFlight = item;
      this.listener.onChange();
      let response = null;
      let failure = null;
      try {
        response = await this.send(item);
      } catch (error) {
        failure = error;
      }
      this.inFlight = null;
      if (!failure) {
        this.closedMessage = null;
        this.remove(item);
        this.attempts = 0;
        this.listener.onAck(item, response);
        this.changed();
        continue;
      }
      const status = failure.status || 0;
      if (status === 0 || status === 408 || status === 429 || status >= 500) {
        this.scheduleRetry(failure.retryAfter ? failure.retryAfter * 1000 : 0);
        this.listener.onChange();
        return;
      }
      if (status === 423) {
        // The facilitator closed note-taking: the note stays here and goes if it reopens (each poll retries).
        this.closedMessage = failure.message;
        this.scheduleRetry(15000);
        this.listener.onChange();
        return;
      }
      if (status === 403) {
        this.blocked = true;
        this.listener.onChange();
        return;
      }
      this.remove(item);
      if (status === 404 && item.op === "delete") {
        // Already gone: what the host asked for.
        this.listener.onAck(item, { status, body: null });
      } else if ((status === 409 || status === 404) && item.op === "edit" || status === 409 && item.op === "delete") {
        this.listener.onConflict(item, failure);
      } else {
        this.listener.onRefused(item, failure);
      }
      this.changed();
    }
  }

  remove(item) {
    const index = this.items.indexOf(item);
    if (index >= 0) this.items.splice(index, 1);
  }

  scheduleRetry(atLeastMillis) {
    const base = Math.min(MAX_BACKOFF_MILLIS, 1000 * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 10);
    const delay = Math.max(atLeastMillis, base * (0.75 + Math.random() * 0.5));
    this.nextTryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.nextTryAt = null;
      this.pump();
    }, delay);
  }
}
