// The host's phone page: the talk on stage with its countdown, start/pause, one minute more or
// less, the cue cards, the next talk and who is online. For the MC on stage, away from the
// laptop running `kanpe host`; it speaks the same protocol as the console, with the host link's
// token (read from the fragment, sent in the hello).
//
// The countdown is computed when painted (timing.js: a deadline in relay time, remaining =
// deadline - relay now), and repainted when the shown text changes, not on a tick.
// Commands are never queued: a tap while the relay cannot be reached says it was not sent,
// as the console does, so a "+1 min" cannot land minutes later.

import { el, note, setText } from "./dom.js";
import { CUE_PRESETS } from "./hoststrings.js";
import { clockTime, languageSwitch, onLanguage, t } from "./i18n.js";
import { deviceId, readInvite } from "./invite.js";
import { Link } from "./link.js";
import { plannedSlot } from "./mirror.js";
import { clockOf } from "./timing.js";

const $ = (id) => document.getElementById(id);
/** Text the script keeps up to date: the string table's static pass no longer touches it. */
const own = (id) => {
  const node = $(id);
  delete node.dataset.i18n;
  delete node.dataset.i18nLabel;
  return node;
};
const CONFIRM_MS = 4000;
const ERROR_KEYS = {
  offline: "hostOfflineNotSent",
  rate_limited: "hostSlowDown",
  forbidden: "hostForbidden",
  not_found: "hostNotFound",
};

const invite = readInvite("host");
let link = null;
let presence = { peers: [], audience: 0 };
let repaintTimer = 0;
let confirmTimer = 0;
let confirming = false;

// --- painting --------------------------------------------------------------------------------

function paint() {
  clearTimeout(repaintTimer);
  const state = link?.state;
  if (!state) return;
  const name = state.rundown.title || state.name || "Kanpe";
  setText(own("event-name"), name);
  document.title = t("hostTitle", { name });
  const now = link.relayNow();
  const current = state.current;
  const plan = current ? plannedSlot(state, current) : null;
  const slot = current ? state.slots[current] : null;
  const upcoming = nextPlan(state);

  setText(own("now-label"), plan ? t("nowSpeaking") : upcoming ? t("hostUpFirst") : t("hostNoTalk"));
  const shown = plan || (current ? null : upcoming);
  setText($("now-speaker"), shown ? shown.speaker || shown.title || t("speakerFallback") : "—");
  setText($("now-title"), shown && shown.speaker ? shown.title : "");
  setText($("slide"), slot && slot.pages > 0 ? ` · ${t("slideOf", { page: slot.page, pages: slot.pages })}` : "");
  paintClock(state, now);
  paintCue(slot, now);
  paintControls(slot);
  paintNext(state, upcoming);
  paintPeople(state);
}

function paintClock(state, now) {
  const clock = clockOf(state, now);
  $("talk").dataset.phase = clock ? clock.phase : "idle";
  setText(own("phase-shape"), clock ? clock.shape : "○");
  setText(own("phase-label"), clock ? clock.label : t("phaseIdle"));
  setText(own("remaining"), clock ? clock.text : "--:--");
  own("remaining").setAttribute("aria-label", clock ? clock.aria : t("timeLeftLabel"));
  $("remaining").classList.toggle("long", Boolean(clock) && clock.text.length > 6);
  if (clock && clock.wait !== null) repaintTimer = setTimeout(paint, clock.wait * 1000 + 5);
}

/** The card the speaker sees, and whether "Got it" came back (at what time, on this phone). */
function paintCue(slot, now) {
  const cue = slot?.cue;
  $("cue-state").hidden = !cue || cue.kind === "check";
  if (!cue || cue.kind === "check") return;
  const text = cue.text || t("hostCues");
  $("cue-state").classList.toggle("acked", cue.acked_at !== null);
  if (cue.acked_at === null || now === null) {
    setText($("cue-state"), t("hostCueShown", { text }));
  } else {
    const at = new Date(Date.now() + (cue.acked_at - now) * 1000);
    setText($("cue-state"), t("hostCueAcked", { text, time: clockTime(at) }));
  }
}

function paintControls(slot) {
  const online = link.status === "online";
  const status = slot?.timer.status;
  const toggle = own("toggle");
  setText(toggle, t(status === "running" ? "hostPause" : status === "paused" ? "hostResume" : "hostStart"));
  toggle.dataset.action = status === "running" ? "pause" : "start";
  toggle.disabled = !online || !slot;
  for (const id of ["minus", "plus"]) $(id).disabled = !online || !slot;
  $("minus").setAttribute("aria-label", t("hostMinusMinuteLabel"));
  $("plus").setAttribute("aria-label", t("hostPlusMinuteLabel"));
  for (const button of $("cue-buttons").children) button.disabled = !online || !slot;
}

function paintNext(state, upcoming) {
  const next = own("next");
  const who = upcoming ? upcoming.speaker || upcoming.title || upcoming.id : "";
  next.disabled = link.status !== "online" || !upcoming;
  next.classList.toggle("confirm", confirming);
  if (confirming) setText(next, t("hostNextConfirm"));
  else if (!upcoming) setText(next, t("hostNext"));
  else setText(next, t(state.current ? "hostNextNamed" : "hostFirstNamed", { who }));
  const ending = state.rundown.slots.length === 0 ? t("hostNoTalks") : !upcoming ? t("hostLastTalk") : "";
  setText($("next-line"), ending);
}

/** Every talk's speaker with a dot (online or not) and the round trip; hosts and audience. */
function paintPeople(state) {
  const peers = presence.peers || [];
  const rows = state.rundown.slots.map((plan) => {
    const peer = peers.find((p) => p.role === "speaker" && p.slot === plan.id);
    const on = Boolean(peer);
    const latency = on && peer.latency_ms !== null ? t("hostLatency", { ms: Math.round(peer.latency_ms) }) : "";
    return el(
      "li",
      { class: on ? "person on" : "person", "data-slot": plan.id },
      el("span", { class: "dot", "aria-hidden": "true" }),
      el("span", { class: "who", text: plan.speaker || plan.title || plan.id }),
      el("span", { class: "state", text: on ? `${t("hostOnlineNow")} ${latency}`.trim() : t("hostOffline") }),
    );
  });
  $("people").replaceChildren(...rows);
  const hosts = peers.filter((p) => p.role === "host").length;
  const audience = presence.audience || 0;
  setText($("audience-count"), `${t("hostHosts", { n: hosts })} · ${t("hostAudience", { n: audience })}`);
}

/** The talk "Next talk" puts on stage: the one after the current, or the first. */
function nextPlan(state) {
  const slots = state.rundown.slots;
  if (!state.current) return slots[0] || null;
  const index = slots.findIndex((plan) => plan.id === state.current);
  return index >= 0 ? slots[index + 1] || null : null;
}

// --- commands --------------------------------------------------------------------------------

/** Send now or say why not; ``what`` is what the note says was sent. */
function send(type, fields, what) {
  if (!link || link.status !== "online") {
    note($("note"), t("hostOfflineNotSent"));
    return;
  }
  link
    .command(type, fields, { droppable: true })
    .then(() => note($("note"), t("hostSent", { what })))
    .catch((error) => note($("note"), t(ERROR_KEYS[error?.code] || "hostRefused")));
}

function onStage() {
  return link?.state?.current || null;
}

function toggleTimer() {
  const slot = onStage();
  if (!slot) return note($("note"), t("hostNeedsTalk"));
  const pausing = $("toggle").dataset.action === "pause";
  send(pausing ? "timer.pause" : "timer.start", { slot }, $("toggle").textContent);
}

function adjust(event) {
  const slot = onStage();
  if (!slot) return note($("note"), t("hostNeedsTalk"));
  const seconds = Number(event.currentTarget.dataset.seconds);
  send("timer.adjust", { slot, seconds }, event.currentTarget.textContent);
}

function sendCue(key, kind) {
  const slot = onStage();
  if (!slot) return note($("note"), t("hostNeedsTalk"));
  send("cue.send", { slot, kind, text: t(key) }, t(key));
}

/** A talk under way ends with "Next talk": that takes a second tap, so a slip of the thumb does
 * not stop a speaker mid-sentence. */
function nextTalk() {
  const state = link?.state;
  if (!state) return;
  const slot = state.current ? state.slots[state.current] : null;
  const underWay = slot && slot.started !== null && slot.ended === null;
  if (underWay && !confirming) {
    confirming = true;
    clearTimeout(confirmTimer);
    confirmTimer = setTimeout(() => {
      confirming = false;
      paint();
    }, CONFIRM_MS);
    paint();
    return;
  }
  confirming = false;
  clearTimeout(confirmTimer);
  send("slot.next", { start: false }, $("next").textContent);
  paint();
}

function buildCueButtons() {
  const buttons = CUE_PRESETS.map(([key, kind]) =>
    el("button", { type: "button", class: `cue kind-${kind}`, "data-key": key, onclick: () => sendCue(key, kind) }),
  );
  $("cue-buttons").replaceChildren(...buttons);
  labelCueButtons();
}

function labelCueButtons() {
  for (const button of $("cue-buttons").children) setText(button, t(button.dataset.key));
}

// --- the link --------------------------------------------------------------------------------

function onSync(state, welcome) {
  if (welcome.role !== "host") {
    // The token decides the role: a speaker's or the audience's link opened here is refused
    // before it can show anything, and the connection is closed at once.
    link.close();
    showFatal("hostFatalNotHost", "hostFatalNotHostDetail");
    return;
  }
  paint();
}

function onStatus(status, detail) {
  document.body.classList.toggle("joining", status === "connecting");
  $("status").dataset.status = status;
  if (status === "failed") {
    const keys = { outdated: ["fatalOutdated", "fatalOutdatedDetail"], closed: ["fatalClosed", "fatalClosedDetail"] };
    const [title, text] = keys[detail] || ["fatalInvalid", "hostFatalInvalidDetail"];
    showFatal(title, text);
    return;
  }
  const shown = { connecting: "statusConnecting", online: "statusOnline", offline: "statusOffline" }[status];
  setText(own("status-text"), shown ? t(shown) : status);
  paint();
}

function showFatal(title, detail) {
  $("fatal-title").dataset.i18n = title;
  $("fatal-detail").dataset.i18n = detail;
  setText($("fatal-title"), t(title));
  setText($("fatal-detail"), t(detail));
  $("fatal").hidden = false;
  $("main").hidden = true;
  document.body.classList.add("failed");
  document.title = t("title", { name: t(title) });
}

function main() {
  languageSwitch($("language"));
  buildCueButtons();
  $("toggle").addEventListener("click", toggleTimer);
  $("minus").addEventListener("click", adjust);
  $("plus").addEventListener("click", adjust);
  $("next").addEventListener("click", nextTalk);
  onLanguage(() => {
    setText($("note"), ""); // said in the other language
    labelCueButtons();
    paint();
    if (link && link.status !== "closed") onStatus(link.status, link.detail);
  });
  if (!invite.valid) {
    showFatal("fatalInvalid", "hostFatalInvalidDetail");
    return;
  }
  link = new Link({
    url: invite.url,
    room: invite.room,
    token: invite.token,
    clientId: deviceId(),
    client: "kanpe-web-host",
    rate: { perSecond: 10, burst: 30 }, // the relay allows a host 50/s, burst 100
    listener: {
      status: onStatus,
      sync: onSync,
      event: paint,
      time: paint,
      presence: (message) => {
        presence = message;
        paint();
      },
    },
  });
  link.start();
}

main();
