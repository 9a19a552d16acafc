// The viewer page: a read-only "now speaking" screen with the current slot's countdown, for a
// venue screen or a stream overlay, in the language of the browser it runs in.
//
// The countdown is computed when painted: remaining = deadline - relay now, where relay now is
// performance.now() plus the offset from the time-sync sample with the lowest round trip. One
// timeout is set for the next change of the shown text; nothing ticks faster than the display.

import { setText } from "./dom.js";
import { clockTime, onLanguage, t } from "./i18n.js";
import { deviceId, readInvite } from "./invite.js";
import { Link } from "./link.js";
import { stageSlot } from "./mirror.js";
import { agendaLine, agendaOf, clockOf } from "./timing.js";

const $ = (id) => document.getElementById(id);
/** Text the script keeps up to date: the string table's static pass no longer touches it. */
const own = (id) => {
  const node = $(id);
  delete node.dataset.i18n;
  delete node.dataset.i18nLabel;
  return node;
};
const invite = readInvite("view");
let link = null;
let repaintTimer = 0;

function paint() {
  clearTimeout(repaintTimer);
  const state = link?.state;
  if (!state) return;
  const name = state.rundown.title || state.name || "Kanpe";
  setText(own("event-name"), name);
  document.title = t("title", { name });

  const { plan, live } = stageSlot(state);
  setText(own("now-label"), live ? t("nowSpeaking") : plan ? t("upNext") : t("onStage"));
  setText($("now-speaker"), plan ? plan.speaker || plan.title || t("speakerFallback") : t("nobody"));
  setText($("now-title"), plan && plan.speaker ? plan.title : "");

  const slot = live ? state.slots[state.current] : null;
  const slideText = slot && slot.pages > 0 ? t("slideOf", { page: slot.page, pages: slot.pages }) : "";
  setText($("now-slide"), slideText);
  $("now-slide").hidden = !slideText;
  const now = link.relayNow();
  paintNext(state, now);

  const clock = clockOf(state, now);
  $("clock").hidden = $("phase").hidden = !clock;
  $("main").dataset.phase = clock ? clock.phase : "idle";
  if (!clock) return;
  setText($("phase-shape"), clock.shape);
  setText($("phase-label"), clock.label);
  setText(own("remaining"), clock.text);
  $("clock").classList.toggle("long", clock.text.length > 6); // h:mm:ss, or minus and mm:ss
  own("remaining").setAttribute("aria-label", clock.aria);
  if (clock.wait !== null) repaintTimer = setTimeout(paint, clock.wait * 1000 + 5);
}

function paintNext(state, now) {
  const next = state.current ? agendaOf(state, now).find((row) => row.kind === "next") : null;
  $("next").hidden = !next;
  if (next) {
    const line = agendaLine(next);
    const who = line.title ? `${line.who} — ${line.title}` : line.who;
    setText($("next"), t("upNextLine", { who, length: line.length }));
  }
}

function onStatus(status, detail) {
  document.body.classList.toggle("joining", status === "connecting");
  $("status").dataset.status = status;
  if (status === "failed") {
    const keys = { outdated: ["fatalOutdated", "fatalOutdatedDetail"], closed: ["fatalClosed", "fatalClosedDetail"] }[detail];
    if (keys) {
      $("fatal-title").dataset.i18n = keys[0];
      $("fatal-detail").dataset.i18n = keys[1];
      setText($("fatal-title"), t(keys[0]));
      setText($("fatal-detail"), t(keys[1]));
    }
    showFatal();
    return;
  }
  const shown = { connecting: "statusConnecting", online: "statusOnline", offline: "statusOffline" }[status];
  setText(own("status-text"), shown ? t(shown) : status);
  $("offline-note").hidden = status !== "offline";
  if (status === "offline" && link?.offlineSince) {
    setText(own("offline-note"), t("viewerOfflineSince", { time: clockTime(new Date(link.offlineSince)) }));
  }
}

function showFatal() {
  $("fatal").hidden = false;
  $("main").hidden = true;
  document.body.classList.add("failed");
  document.title = t("title", { name: $("fatal-title").textContent });
}

function main() {
  onLanguage(() => {
    paint();
    if (link) onStatus(link.status, link.detail);
  });
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
