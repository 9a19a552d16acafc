// The viewer page: a read-only "now speaking" screen with the current slot's countdown, for a
// venue screen or a stream overlay.
//
// The countdown is computed when painted: remaining = deadline - relay now, where relay now is
// performance.now() plus the offset from the time-sync sample with the lowest round trip. One
// timeout is set for the next change of the shown text; nothing ticks faster than the display.

import { displaySeconds, formatClock, phaseFor, remainingAt, untilNextChange } from "./countdown.js";
import { setText } from "./dom.js";
import { deviceId, readInvite } from "./invite.js";
import { Link } from "./link.js";
import { stageSlot } from "./mirror.js";

const $ = (id) => document.getElementById(id);
const invite = readInvite("view");
let link = null;
let repaintTimer = 0;

const PHASES = {
  normal: { shape: "●", label: "On time" },
  warning: { shape: "▲", label: "Wrapping up soon" },
  final: { shape: "■", label: "Final minute" },
  overtime: { shape: "◆", label: "Over time" },
  paused: { shape: "❚❚", label: "Paused" },
  idle: { shape: "○", label: "Not started" },
};

function minutes(seconds) {
  const m = Math.round(seconds / 60);
  return m >= 1 ? `${m} min` : `${Math.round(seconds)} s`;
}

function paint() {
  clearTimeout(repaintTimer);
  const state = link?.state;
  if (!state) return;
  const name = state.rundown.title || state.name || "Kanpe";
  setText($("event-name"), name);
  document.title = `${name} · Kanpe`;

  const { plan, live } = stageSlot(state);
  setText($("now-label"), live ? "Now speaking" : plan ? "Up next" : "On stage");
  setText($("now-speaker"), plan ? plan.speaker || plan.title || "Speaker" : "Nobody right now");
  setText($("now-title"), plan && plan.speaker ? plan.title : "");

  const slot = live ? state.slots[state.current] : null;
  const slideText = slot && slot.pages > 0 ? `Slide ${slot.page} of ${slot.pages}` : "";
  setText($("now-slide"), slideText);
  $("now-slide").hidden = !slideText;
  paintNext(state, plan);

  $("clock").hidden = $("phase").hidden = !slot;
  if (!slot) {
    $("main").dataset.phase = "idle";
    return;
  }
  const now = link.relayNow();
  const timer = slot.timer;
  if (timer.status === "running" && now === null) return; // no time sample yet: paint on the first
  const remaining = remainingAt(timer, now ?? 0);
  const phase =
    timer.status === "running"
      ? phaseFor(remaining, plan?.warning ?? 300, plan?.final ?? 60)
      : timer.status; // "paused" or "idle"
  const look = PHASES[phase];
  $("main").dataset.phase = phase;
  setText($("phase-shape"), look.shape);
  const label = phase === "final" && plan && plan.final !== 60 ? "Final stretch" : look.label;
  setText($("phase-label"), label);
  const shown = displaySeconds(remaining);
  const text = formatClock(shown);
  setText($("remaining"), text);
  $("clock").classList.toggle("long", text.length > 6); // h:mm:ss, or minus and mm:ss
  $("remaining").setAttribute("aria-label", `${label}: ${text} ${shown < 0 ? "over" : "left"}`);

  const wait = untilNextChange(timer, now ?? 0);
  if (wait !== null) repaintTimer = setTimeout(paint, wait * 1000 + 5);
}

function paintNext(state, plan) {
  const slots = state.rundown.slots;
  const index = plan ? slots.findIndex((s) => s.id === plan.id) : -1;
  const following = state.current ? slots.slice(index + 1).find((s) => state.slots[s.id]?.timer.status === "idle") : null;
  $("next").hidden = !following;
  if (following) {
    const who = following.speaker || following.title || following.id;
    setText($("next"), `Up next: ${who}${following.speaker && following.title ? ` — ${following.title}` : ""} (${minutes(following.duration)})`);
  }
}

function onStatus(status, detail) {
  document.body.classList.toggle("joining", status === "connecting");
  $("status").dataset.status = status;
  if (status === "failed") {
    const text = {
      outdated: ["This page is out of date", "Reload the page to get the current version."],
      closed: ["This event has ended", "The host has closed this room."],
    }[detail];
    if (text) {
      setText($("fatal-title"), text[0]);
      setText($("fatal-detail"), text[1]);
    }
    showFatal();
    return;
  }
  setText($("status-text"), { connecting: "Connecting…", online: "Live", offline: "Offline" }[status] || status);
  $("offline-note").hidden = status !== "offline";
  if (status === "offline" && link?.offlineSince) {
    const since = new Date(link.offlineSince).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    setText($("offline-note"), `Offline since ${since}: the countdown keeps running from the last known time while we reconnect.`);
  }
}

function showFatal() {
  $("fatal").hidden = false;
  $("main").hidden = true;
  document.body.classList.add("failed");
  document.title = `${$("fatal-title").textContent} · Kanpe`;
}

function main() {
  if (!invite.valid) {
    showFatal();
    return;
  }
  link = new Link({
    url: invite.url,
    room: invite.room,
    token: invite.token,
    clientId: deviceId(),
    rate: { perSecond: 1.5, burst: 8 }, // the relay allows a viewer 2/s, burst 10
    listener: { status: onStatus, sync: paint, event: paint, time: paint },
  });
  link.start();
}

main();
