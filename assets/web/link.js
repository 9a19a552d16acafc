// The page's link to the relay: one websocket, the hello, a mirror of the room, commands with
// client-chosen ids (so a retry after a reconnect is applied once), a client-side token bucket
// that keeps us under the relay's rate limit, reconnection with jittered backoff, and an estimate
// of relay time from NTP-style samples that also serves as a heartbeat.
//
// docs/protocol.md is the normative description of the messages used here.

import { applyEvent } from "./mirror.js";
import { randomId } from "./invite.js";

export const PROTOCOL = 1;

/** Close codes after which reconnecting cannot help, and what the page should say. */
const FATAL_CLOSES = new Map([
  [4001, "invalid"], // unknown token, or a token for another room
  [4003, "invalid"], // the hello was refused: a malformed room or token
  [4002, "outdated"], // the relay speaks another protocol version
  [4010, "closed"], // the room was deleted
]);

const TIME_WINDOW = 16; // time samples kept; the one with the lowest round trip wins
const HEARTBEAT = 10; // seconds between time requests once synced
const HEARTBEAT_GRACE = 8; // a time request unanswered this long means the connection is dead
const WELCOME_TIMEOUT = 15;

const monotonic = () => performance.now() / 1000;

class Bucket {
  constructor(perSecond, burst) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.reset();
  }

  reset() {
    this.tokens = this.burst;
    this.last = monotonic();
  }

  refill() {
    const now = monotonic();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.perSecond);
    this.last = now;
  }

  /** Take a token if at least ``reserve`` would be left after it. */
  take(reserve = 0) {
    this.refill();
    if (this.tokens >= 1 + reserve) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Seconds until a token is free. */
  wait() {
    this.refill();
    return Math.max(0, (1 - this.tokens) / this.perSecond);
  }

  drain() {
    this.tokens = 0;
    this.last = monotonic();
  }
}

/** Full jitter: uniform between half the base and the capped exponential. */
/** Failed tries to join after which the page says it cannot reach the relay. */
const UNREACHABLE_AFTER = 3;

export function backoff(attempt, base = 0.25, cap = 10) {
  const top = Math.min(cap, base * 2 ** attempt);
  return base / 2 + Math.random() * Math.max(0, top - base / 2);
}

export class Link {
  /**
   * ``listener`` gets: status(status, detail), sync(state, welcome), event(event, version, state),
   * presence(message), rateLimited(), time(estimate), outbox(count). Any may be missing.
   */
  constructor({ url, room, token, clientId, client = "kanpe-web", rate, listener }) {
    this.url = url;
    this.room = room;
    this.token = token;
    this.clientId = clientId;
    this.client = client;
    this.listener = listener || {};
    // Below the relay's own limit (audience 5/s, burst 20; viewer 2/s, burst 10): time requests
    // count too, and the relay's clock for the bucket is not ours.
    this.bucket = new Bucket(rate?.perSecond ?? 4, rate?.burst ?? 16);
    this.state = null;
    this.role = null;
    this.status = "connecting";
    this.detail = "";
    this.ws = null;
    this.attempt = 0;
    this.welcomed = false;
    this.pending = new Map(); // id -> {message, sent, droppable, resolve, reject}
    this.prefix = randomId(6);
    this.counter = 0;
    this.samples = [];
    this.timers = {};
    this.restored = []; // [{message, promise}]: the outbox kept from before a reload
  }

  start() {
    this.restoreOutbox();
    window.addEventListener("online", () => this.retryNow());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.retryNow();
    });
    this.connect();
  }

  /** Reconnect now instead of waiting out the backoff ("Try now", network back, tab shown). */
  retryNow() {
    if ((this.status !== "offline" && this.status !== "connecting") || this.ws) return;
    this.attempt = 0;
    this.connect();
  }

  /** Stop for good, with no reconnect: for a page that cannot use what this link is. */
  close() {
    const ws = this.ws;
    this.ws = null;
    this.clearTimers();
    this.status = "closed";
    if (ws) {
      ws.onclose = ws.onmessage = ws.onopen = null;
      ws.close();
    }
  }

  newId() {
    this.counter += 1;
    return `${this.prefix}-${this.counter}`;
  }

  /**
   * Send a command; resolves with the relay's ack, rejects with {code, message}.
   * ``droppable`` commands (reactions) are not queued while offline and not resent: a reaction
   * to a moment that has passed is noise.
   */
  command(type, fields, { droppable = false, id = this.newId() } = {}) {
    const message = { type, id, ...fields };
    if (droppable && this.status !== "online") {
      return Promise.reject({ code: "offline", message: "not connected" });
    }
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { message, sent: false, droppable, resolve, reject });
      if (!droppable) this.saveOutbox(); // reactions are never kept: no write for each tap
      this.pump();
    });
  }

  // --- the outbox: what is typed offline survives a reload of the tab -----------------------

  outboxKey() {
    return `kanpe.outbox.${this.room}.${this.clientId}`;
  }

  /** Keep the commands not yet acknowledged (not reactions) for this tab, with their ids. */
  saveOutbox() {
    const queued = [...this.pending.values()].filter((e) => !e.droppable).map((e) => e.message);
    try {
      if (queued.length) sessionStorage.setItem(this.outboxKey(), JSON.stringify(queued));
      else sessionStorage.removeItem(this.outboxKey());
    } catch {
      // storage disabled or full: the queue lives in memory only, as before
    }
    this.listener.outbox?.(queued.length);
  }

  /** After a reload: queue again what the last page had not got acknowledged. Same ids, so the
   * relay applies each once even if it had arrived before the reload. */
  restoreOutbox() {
    let saved = [];
    try {
      saved = JSON.parse(sessionStorage.getItem(this.outboxKey()) || "[]");
    } catch {
      saved = [];
    }
    if (!Array.isArray(saved)) return;
    for (const message of saved) {
      if (!message || typeof message.id !== "string" || typeof message.type !== "string") continue;
      const promise = new Promise((resolve, reject) => {
        this.pending.set(message.id, { message, sent: false, droppable: false, resolve, reject });
      });
      promise.catch(() => {}); // a page that shows it handles the refusal; nobody else must
      this.restored.push({ message, promise });
    }
  }

  /** Commands kept for sending (not reactions) that have no answer yet. */
  queued() {
    return [...this.pending.values()].filter((entry) => !entry.droppable).length;
  }

  /** True if a command can go out now while leaving ``reserve`` tokens for others. */
  canSpend(reserve) {
    this.bucket.refill();
    return this.status === "online" && this.bucket.tokens >= 1 + reserve;
  }

  /** Relay time now (seconds), or null before the first sample. */
  relayNow() {
    const best = this.bestSample();
    return best ? monotonic() + best.offset : null;
  }

  bestSample() {
    let best = null;
    for (const sample of this.samples) if (!best || sample.roundTrip < best.roundTrip) best = sample;
    return best;
  }

  // --- connection --------------------------------------------------------------------------

  connect() {
    this.clearTimers();
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.lost(null, 0);
      return;
    }
    this.ws = ws;
    // Once unreachable or turned away, it stays so while it tries again (no flicker of the
    // page's notice) until the relay lets it in.
    const kept = this.detail === "unreachable" || this.detail === "full" ? this.detail : "";
    this.setStatus(this.welcomed ? "offline" : "connecting", this.welcomed && !kept ? "reconnecting" : kept);
    ws.onopen = () => {
      ws.opened = true;
      this.helloAt = monotonic();
      ws.send(
        JSON.stringify({
          type: "hello",
          protocol: PROTOCOL,
          room: this.room,
          token: this.token,
          client: this.client,
          client_id: this.clientId,
        }),
      );
    };
    ws.onmessage = (event) => this.onFrame(ws, event.data);
    ws.onclose = (event) => this.lost(ws, event.code);
    ws.onerror = () => {}; // a close event follows; the browser already logs the cause
    this.timers.welcome = setTimeout(() => this.drop(ws), WELCOME_TIMEOUT * 1000);
  }

  /** Abandon ``ws`` without waiting for a closing handshake a dead path will never finish. */
  drop(ws) {
    if (ws !== this.ws) return;
    ws.onclose = ws.onmessage = ws.onopen = null;
    try {
      ws.close();
    } catch {
      // already closed
    }
    this.lost(ws, 0);
  }

  lost(ws, code) {
    if (ws !== this.ws) return;
    this.ws = null;
    this.clearTimers();
    for (const entry of this.pending.values()) entry.sent = false;
    const fatal = FATAL_CLOSES.get(code) || this.refusedAs;
    if (fatal) {
      this.setStatus("failed", fatal);
      for (const entry of this.pending.values()) entry.reject({ code: "failed", message: fatal });
      this.pending.clear();
      this.saveOutbox();
      return;
    }
    if (this.welcomed && this.offlineSince === undefined) this.offlineSince = Date.now();
    // Never joined after a few tries: say so (the relay may refuse this network, or be down),
    // rather than spin on "Connecting…" for ever.
    const unreachable = !this.welcomed && this.attempt >= UNREACHABLE_AFTER;
    const detail = unreachable ? "unreachable" : "reconnecting";
    const refused = ws && !ws.opened;
    this.setStatus(this.welcomed ? "offline" : "connecting", refused && this.detail === "full" ? "full" : detail);
    if (refused) this.askWhyRefused(detail);
    const delay = backoff(this.attempt);
    this.attempt += 1;
    this.retryAt = monotonic() + delay;
    this.timers.retry = setTimeout(() => this.connect(), delay * 1000);
  }

  /**
   * A browser cannot read the HTTP status of a refused websocket upgrade. The relay answers the
   * same question at ``…/ws/admission``: 429 when this address already has as many connections
   * as the relay allows (many phones behind one venue address). The page then says so, and
   * keeps retrying: a place frees up when someone leaves.
   */
  askWhyRefused(otherwise) {
    const probe = `${this.url.replace(/^ws/, "http")}/admission`;
    const say = (detail) => {
      if (this.status === "online" || this.status === "failed") return;
      this.setStatus(this.welcomed ? "offline" : "connecting", detail);
    };
    fetch(probe, { cache: "no-store" })
      .then((response) => say(response.status === 429 ? "full" : otherwise))
      .catch(() => say(otherwise));
  }

  clearTimers() {
    for (const timer of Object.values(this.timers)) clearTimeout(timer);
    this.timers = {};
  }

  setStatus(status, detail = "") {
    if (status === this.status && detail === this.detail) return;
    this.status = status;
    this.detail = detail;
    this.listener.status?.(status, detail);
  }

  // --- incoming ----------------------------------------------------------------------------

  onFrame(ws, data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    switch (message.type) {
      case "welcome":
        this.onWelcome(ws, message);
        break;
      case "event":
        if (!this.state) break;
        // Versions only grow; a reader is not sent events that change nothing it can see,
        // so a jump is normal. Events at or below the mirror's version are skipped.
        if (applyEvent(this.state, message.event, message.version)) {
          this.listener.event?.(message.event, message.version, this.state);
        }
        break;
      case "ack":
        this.settle(message.id, (entry) => entry.resolve(message));
        break;
      case "error":
        this.onError(message);
        break;
      case "time":
        this.onTime(message);
        break;
      case "presence":
        this.listener.presence?.(message);
        break;
      default:
        break;
    }
  }

  onWelcome(ws, welcome) {
    clearTimeout(this.timers.welcome);
    this.samples = [];
    this.awaiting = undefined;
    this.addSample(this.helloAt, welcome.time, welcome.time, monotonic());
    this.role = welcome.role;
    this.state = welcome.state;
    this.welcomed = true;
    this.offlineSince = undefined;
    this.attempt = 0;
    this.bucket.reset();
    this.setStatus("online");
    this.listener.sync?.(this.state, welcome);
    // Resend, in order, what was never acknowledged; ids make a repeat harmless.
    for (const [id, entry] of this.pending) {
      if (entry.droppable) this.settle(id, (e) => e.reject({ code: "offline", message: "dropped" }));
    }
    this.pump();
    this.syncClock(ws, 3);
  }

  onError(error) {
    if (error.id && this.pending.has(error.id) && error.code !== "rate_limited") {
      this.settle(error.id, (entry) => entry.reject(error));
      return;
    }
    if (error.code === "rate_limited") {
      // Dropped unread, not refused (named by id or not): pause, then resend what is unacked;
      // a reaction is not worth repeating.
      this.bucket.drain();
      for (const [id, entry] of this.pending) {
        if (entry.droppable) this.settle(id, (e) => e.reject(error));
        else entry.sent = false;
      }
      this.listener.rateLimited?.();
      this.pump();
    } else if (error.code === "unauthorized" || error.code === "hello_required") {
      this.refusedAs = "invalid";
    } else if (error.code === "unsupported_version") {
      this.refusedAs = "outdated";
    }
  }

  settle(id, how) {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (!entry.droppable) this.saveOutbox();
    how(entry);
  }

  // --- outgoing ----------------------------------------------------------------------------

  /** Whether ``ws`` can take a frame: a closing socket has not told us yet (onclose comes later). */
  static open(ws) {
    return Boolean(ws) && ws.readyState === WebSocket.OPEN;
  }

  pump() {
    clearTimeout(this.timers.pump);
    if (this.status !== "online" || !Link.open(this.ws)) return; // lost() resends after a welcome
    for (const entry of this.pending.values()) {
      if (entry.sent) continue;
      if (!this.bucket.take()) {
        this.timers.pump = setTimeout(() => this.pump(), this.bucket.wait() * 1000 + 20);
        return;
      }
      entry.sent = true;
      this.ws.send(JSON.stringify(entry.message));
    }
  }

  // --- relay time --------------------------------------------------------------------------

  /** A quick burst of ``count`` samples, then one every HEARTBEAT seconds. */
  syncClock(ws, count) {
    if (ws !== this.ws || !Link.open(ws)) return;
    if (this.awaiting !== undefined && monotonic() - this.awaiting > HEARTBEAT_GRACE) {
      this.drop(ws); // no answer to the last request: the path is dead even if TCP has not noticed
      return;
    }
    if (this.awaiting === undefined && this.bucket.take(4)) {
      this.awaiting = monotonic();
      ws.send(JSON.stringify({ type: "time", t0: this.awaiting }));
    }
    const next = count > 1 ? 0.15 : HEARTBEAT;
    this.timers.clock = setTimeout(() => this.syncClock(ws, count - 1), next * 1000);
  }

  onTime(reply) {
    if (reply.t0 === this.awaiting) this.awaiting = undefined;
    this.addSample(reply.t0, reply.t1, reply.t2, monotonic());
  }

  addSample(t0, t1, t2, t3) {
    const roundTrip = t3 - t0 - (t2 - t1);
    if (!(roundTrip >= 0) || t3 < t0 || t2 < t1) return;
    this.samples.push({ offset: (t1 - t0 + (t2 - t3)) / 2, roundTrip });
    if (this.samples.length > TIME_WINDOW) this.samples.shift();
    this.listener.time?.(this.bestSample());
  }
}
