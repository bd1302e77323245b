// What both phone pages share: the language, the API's fetch, the countdown, and building elements as text.
import { STRINGS } from "./strings.js";

// [SECTION] language: the session's language until the person picks the other one on this phone.
const LANG_KEY = "worldcafe.lang";
let language = null;

export function currentLanguage() {
  return language || "en";
}

export function setSessionLanguage(sessionLanguage) {
  const chosen = storageGet(LANG_KEY);
  const next = chosen === "ko" || chosen === "en" ? chosen : sessionLanguage === "ko" ? "ko" : "en";
  if (next === language) return false;
  language = next;
  document.documentElement.lang = next;
  return true;
}

export function toggleLanguage() {
  language = currentLanguage() === "ko" ? "en" : "ko";
  storageSet(LANG_KEY, language);
  document.documentElement.lang = language;
}

export function t(key, ...args) {
  const table = STRINGS[currentLanguage()];
  let text = key in table ? table[key] : key in STRINGS.en ? STRINGS.en[key] : key;
  args.forEach((arg, index) => {
    text = text.split(`{${index}}`).join(String(arg));
  });
  return text;
}

// Fills every element carrying data-i18n (text) or data-i18n-placeholder / data-i18n-label (attributes).
export function translateStatic(root = document) {
  for (const element of root.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll("[data-i18n-placeholder]"))
    element.placeholder = t(element.dataset.i18nPlaceholder);
  for (const element of root.querySelectorAll("[data-i18n-label]"))
    element.setAttribute("aria-label", t(element.dataset.i18nLabel));
}

// [SECTION] storage: private browsing or a full quota must not break the page, only its memory.
export function storageGet(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function storageSet(key, value) {
  try {
    window.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function storageRemove(key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* nothing stored, nothing to remove */
  }
}

// [SECTION] API
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

// Resolves with the parsed body for 2xx; rejects with ApiError (status 0 when the laptop was not reached).
export async function api(method, path, body, timeoutMillis = 8000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMillis);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: "application/json" }
                                  : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
      signal: controller.signal,
    });
  } catch (error) {
    throw new ApiError(0, String(error && error.message ? error.message : error), null);
  } finally {
    clearTimeout(timer);
  }
  let parsed = null;
  const text = await response.text().catch(() => "");
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const message = (parsed && (parsed.error || parsed.message)) || text || `HTTP ${response.status}`;
    const error = new ApiError(response.status, String(message), parsed);
    error.retryAfter = Number(response.headers.get("Retry-After")) || 0;
    throw error;
  }
  return { status: response.status, body: parsed };
}

// [SECTION] countdown: the server says how many seconds are left; the phone counts down from the moment that answer
// arrived on a monotonic clock, so nothing accumulates between polls and each poll corrects the last.
export class Countdown {
  constructor(onTick) {
    this.onTick = onTick;
    this.deadline = null;   // performance.now() when the phase ends, while running
    this.frozen = null;     // seconds shown while paused or not started
    this.interval = setInterval(() => this.tick(), 250);
  }

  sync(secondsLeft, running, requestStartedAt) {
    if (typeof secondsLeft !== "number" || !isFinite(secondsLeft)) {
      this.deadline = null;
      this.frozen = null;
    } else if (running) {
      // The answer describes a moment between sending and receiving; the middle is the best guess.
      const measuredAt = requestStartedAt === undefined ? performance.now()
                                                        : (requestStartedAt + performance.now()) / 2;
      this.deadline = measuredAt + secondsLeft * 1000;
      this.frozen = null;
    } else {
      this.deadline = null;
      this.frozen = Math.max(0, secondsLeft);
    }
    this.tick();
  }

  secondsLeft() {
    if (this.deadline !== null) return Math.max(0, Math.ceil((this.deadline - performance.now()) / 1000 - 1e-6));
    return this.frozen;
  }

  tick() {
    this.onTick(this.secondsLeft());
  }
}

export function formatClock(seconds) {
  if (seconds === null || seconds === undefined) return "--:--";
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${String(rest).padStart(2, "0")}`;
}

export function phaseLabel(state) {
  const phase = state && state.phase;
  if (!phase || phase === "not_started" || (state.started === false && phase !== "done")) return t("phase.not_started");
  return t(`phase.${phase}`);
}

// [SECTION] elements: every piece of user text goes through textContent.
export function el(tag, options = {}, children = []) {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined && options.text !== null) element.textContent = String(options.text);
  if (options.attrs) for (const [name, value] of Object.entries(options.attrs)) element.setAttribute(name, value);
  if (options.data) for (const [name, value] of Object.entries(options.data)) element.dataset[name] = value;
  if (options.onClick) element.addEventListener("click", options.onClick);
  for (const child of children) if (child) element.append(child);
  return element;
}

export function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
}

export function show(element, visible) {
  element.hidden = !visible;
}

// A client id that is unique without asking the server: crypto.randomUUID where the browser has it (secure contexts
// only, and the room's plain-HTTP link is not one), otherwise a version-4 UUID from crypto.getRandomValues.
export function newClientId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") {
    try {
      return window.crypto.randomUUID();
    } catch {
      /* fall through to getRandomValues */
    }
  }
  const bytes = new Uint8Array(16);
  if (window.crypto && typeof window.crypto.getRandomValues === "function") {
    window.crypto.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; ++i) bytes[i] = Math.floor(Math.random() * 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
