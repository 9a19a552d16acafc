// The audience page: who is speaking and for how long still, the agenda, reactions, chat,
// questions with up-votes, one-tap polls; in English or Japanese.
//
// This module wires the parts together: the invite and the link, connection status, the phone
// tabs, and rendering from the room mirror once per animation frame, whatever arrived meanwhile.
// Everything from the network is shown as text (textContent, Text nodes), never as markup.

import { chatView } from "./chat.js";
import { note, setText } from "./dom.js";
import { clockTime, languageSwitch, onLanguage, t } from "./i18n.js";
import { deviceId, readInvite, remember } from "./invite.js";
import { Link } from "./link.js";
import { keepPageOffline, keepSnapshot, lastSnapshot } from "./offline.js";
import { pollsView } from "./polls.js";
import { questionsView } from "./questions.js";
import { reactionsView } from "./reactions.js";
import { stageView } from "./stage.js";

const $ = (id) => document.getElementById(id);
/** Text the script keeps up to date: the string table's static pass no longer touches it. */
const own = (id) => {
  const node = $(id);
  delete node.dataset.i18n;
  delete node.dataset.i18nLabel;
  return node;
};
const narrow = window.matchMedia("(max-width: 899px)");
const invite = readInvite("audience");
const NAME_KEY = "kanpe.name";

// What this device remembers about this room: its up-votes, poll answers and reports.
const mine = {
  votesKey: `kanpe.votes.${invite.room}`,
  answersKey: `kanpe.answers.${invite.room}`,
  reportsKey: `kanpe.reports.${invite.room}`,
  votes: new Set(),
  answers: {},
  reports: new Set(),
  load() {
    this.votes = new Set(remember.get(this.votesKey, []));
    this.answers = remember.get(this.answersKey, {});
    this.reports = new Set(remember.get(this.reportsKey, []));
  },
  save() {
    remember.set(this.votesKey, [...this.votes]);
    remember.set(this.answersKey, this.answers);
    remember.set(this.reportsKey, [...this.reports]);
  },
};
mine.load();

const app = { link: null, mine, invalidate, refusalText, restored: false };

const views = {
  reactions: reactionsView({ app, bar: $("reactions"), sky: $("sky"), noteNode: $("react-note") }),
  polls: pollsView({ app, list: $("polls"), noteNode: $("react-note") }),
  questions: questionsView({
    app,
    list: $("questions"),
    empty: $("questions-empty"),
    count: $("questions-count"),
    form: $("ask-form"),
    text: $("ask-text"),
    name: $("ask-name"),
    noteNode: $("ask-note"),
  }),
  chat: chatView({
    app,
    list: $("chat"),
    empty: $("chat-empty"),
    jump: $("chat-jump"),
    form: $("chat-form"),
    text: $("chat-text"),
    name: $("chat-name"),
    noteNode: $("chat-note"),
    aloud: $("chat-aloud"),
  }),
};

const stage = stageView({ app, $, own });

/** A refusal in the reader's language; the relay's own message is English, for developers. */
function refusalText(error, fallback) {
  const known = { rate_limited: "rateLimited", failed: "linkFailed", name_reserved: "nameReserved" };
  return known[error.code] ? t(known[error.code]) : fallback;
}

// --- rendering, batched per frame ------------------------------------------------------------

const dirty = new Set();
let frame = 0;

function invalidate(...parts) {
  for (const part of parts) dirty.add(part);
  if (!frame) frame = requestAnimationFrame(render);
}

function render() {
  frame = 0;
  const state = app.link?.state;
  const parts = new Set(dirty);
  dirty.clear();
  if (parts.has("tabs")) renderTabs();
  if (!state) return;
  if (parts.has("header")) renderHeader(state);
  if (parts.has("stage")) stage.render(state);
  if (parts.has("stage") || parts.has("clock")) stage.renderClock(state);
  for (const name of ["reactions", "polls", "questions", "chat"]) {
    if (parts.has(name)) views[name].render(state);
  }
}

function renderHeader(state) {
  const name = state.rundown.title || state.name || "Kanpe";
  setText(own("event-name"), name);
  document.title = t("title", { name });
}

// --- status and the "link not valid" screen ---------------------------------------------------

const FATAL = {
  invalid: ["fatalInvalid", "fatalInvalidDetail"],
  outdated: ["fatalOutdated", "fatalOutdatedDetail"],
  closed: ["fatalClosed", "fatalClosedDetail"],
};
let fatalReason = null;

function showFatal(reason) {
  fatalReason = reason;
  const [title, detail] = FATAL[reason] || FATAL.invalid;
  $("fatal-title").dataset.i18n = title;
  $("fatal-detail").dataset.i18n = detail;
  setText($("fatal-title"), t(title));
  setText($("fatal-detail"), t(detail));
  document.title = t("title", { name: t(title) });
  for (const id of ["main", "offline", "status"]) $(id).hidden = true;
  $("fatal").hidden = false;
  document.body.classList.add("failed");
}

function onStatus(status, detail) {
  document.body.classList.toggle("joining", status === "connecting" && !app.restored);
  $("status").dataset.status = status;
  if (status === "failed") {
    showFatal(detail);
    return;
  }
  // A reload that found the relay down shows the room it last saw: that is offline too.
  const offline = status === "offline" || (status === "connecting" && app.restored);
  $("status").dataset.status = offline ? "offline" : status;
  const shown = { connecting: "statusConnecting", online: "statusOnline", offline: "statusOffline" }[offline ? "offline" : status];
  setText(own("status-text"), shown ? t(shown) : status);
  const unreachable = status === "connecting" && detail === "unreachable";
  const full = detail === "full"; // turned away with HTTP 429: this address is at the relay's cap
  $("offline").hidden = !offline && !unreachable && !full;
  if (full) {
    setText(own("offline-title"), t("turnedAway"));
    setText(own("offline-detail"), t("turnedAwayDetail"));
  } else if (unreachable) {
    setText(own("offline-title"), t("unreachable"));
    setText(own("offline-detail"), t("unreachableDetail"));
  } else if (offline) {
    const since = app.link.offlineSince;
    setText(own("offline-title"), t("reconnecting"));
    const keepTyping = t("keepTyping");
    setText(own("offline-detail"), since ? `${t("offlineSince", { time: clockTime(new Date(since)) })} ${keepTyping}` : keepTyping);
  }
  onOutbox(app.link.queued());
}

function onOutbox(count) {
  setText($("outbox-note"), count ? t("outbox", { n: count }) : "");
}

// --- tabs (phones only; wide screens show everything) -----------------------------------------

const TABS = ["chat", "questions"];
const unread = { chat: 0, questions: 0 };
let tab = "chat";

function selectTab(name, focus = false) {
  tab = name;
  unread[name] = 0;
  invalidate("tabs");
  if (focus) $(`tab-${name}`).focus();
  if (name === "chat") requestAnimationFrame(views.chat.toBottom);
}

function renderTabs() {
  document.body.dataset.tab = tab;
  for (const name of TABS) {
    const button = $(`tab-${name}`);
    const selected = name === tab;
    button.setAttribute("aria-selected", String(selected));
    button.tabIndex = selected ? 0 : -1;
    const badge = button.querySelector(".badge");
    badge.hidden = selected || !unread[name];
    setText(badge.querySelector(".n"), unread[name] > 99 ? "99+" : unread[name]);
  }
}

function countUnread(kind) {
  if (narrow.matches && tab !== kind) {
    unread[kind] += 1;
    invalidate("tabs");
  }
}

// --- "New poll ↑": a poll opened out of sight --------------------------------------------------

new IntersectionObserver(([entry]) => {
  if (entry.isIntersecting) $("new-poll").hidden = true; // seen: the pill has done its job
}).observe($("polls"));
$("new-poll").addEventListener("click", () => {
  $("new-poll").hidden = true;
  $("polls").scrollIntoView({ block: "start" });
  $("polls").querySelector(".poll-option")?.focus({ preventScroll: true });
});

// --- from the link --------------------------------------------------------------------------

function onEvent(event) {
  switch (event.type) {
    case "rundown":
      invalidate("header", "stage", "reactions");
      break;
    case "slot":
    case "current":
      invalidate("stage", "reactions");
      break;
    case "chat":
      if (!event.message.hidden) countUnread("chat");
      invalidate("chat");
      break;
    case "question":
      if (!event.question.hidden && !views.questions.known(event.question.id)) countUnread("questions");
      invalidate("questions");
      break;
    case "poll":
      if (event.poll.open && !views.polls.known(event.poll.id)) {
        // The cards are not a live region (counts change all the time); say it once.
        setText($("announce"), t("newPollSaid", { question: event.poll.question }));
        // On a phone the poll may open above whatever the person is reading: point at it,
        // once the card is laid out (an empty poll area has no size to be seen by).
        requestAnimationFrame(() => {
          const box = $("polls").getBoundingClientRect();
          if (box.bottom <= 0 || box.top >= window.innerHeight) $("new-poll").hidden = false;
        });
      }
      invalidate("polls");
      break;
    case "reactions":
      views.reactions.arrived(event.added);
      invalidate("reactions");
      break;
    default:
      break;
  }
}

function onSync(state, welcome) {
  // A viewer link opened here: show the room, offer nothing the relay would refuse.
  const readOnly = welcome.role === "viewer";
  for (const id of ["ask-form", "chat-form", "reactions"]) $(id).hidden = readOnly;
  app.restored = false;
  mine.load(); // another tab of this device may have voted meanwhile
  invalidate("header", "stage", "reactions", "polls", "questions", "chat", "tabs");
}

function onPresence(message) {
  $("people").hidden = !message.audience;
  $("people").dataset.n = message.audience;
  setText($("people"), t("people", { n: message.audience }));
}

// --- wiring ---------------------------------------------------------------------------------

function relabel() {
  views.chat.relabel();
  if (fatalReason) showFatal(fatalReason);
  if (app.link) onStatus(app.link.status, app.link.detail);
  if (!$("people").hidden) setText($("people"), t("people", { n: Number($("people").dataset.n) }));
  invalidate("header", "stage", "reactions", "polls", "questions", "chat", "tabs");
}

function wire() {
  const names = [$("chat-name"), $("ask-name")];
  const saved = remember.get(NAME_KEY, "");
  for (const input of names) {
    input.value = saved;
    input.addEventListener("input", () => {
      for (const other of names) if (other !== input) other.value = input.value;
      remember.set(NAME_KEY, input.value.trim());
    });
  }
  $("retry").addEventListener("click", () => app.link?.retryNow());
  for (const name of TABS) {
    const button = $(`tab-${name}`);
    button.addEventListener("click", () => selectTab(name));
    button.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        event.preventDefault();
        selectTab(TABS[(TABS.indexOf(name) + step + TABS.length) % TABS.length], true);
      }
    });
  }
  narrow.addEventListener("change", () => invalidate("tabs"));
  languageSwitch($("language"));
  onLanguage(relabel);
  // The docked chat box sits just above the reaction bar, whatever height the bar has.
  new ResizeObserver(([entry]) => {
    document.documentElement.style.setProperty("--bar-height", `${Math.ceil(entry.borderBoxSize[0].blockSize)}px`);
  }).observe($("reactions"));
}

function main() {
  wire();
  invalidate("tabs");
  if (!invite.valid) {
    showFatal("invalid");
    return;
  }
  keepPageOffline();
  app.link = new Link({
    url: invite.url,
    room: invite.room,
    token: invite.token,
    clientId: deviceId(),
    rate: { perSecond: 4, burst: 16 },
    listener: {
      status: onStatus,
      sync: onSync,
      event: onEvent,
      presence: onPresence,
      outbox: onOutbox,
      time: () => invalidate("clock"),
      rateLimited: () => note($("react-note"), t("roomBusy")),
    },
  });
  // A reload while the relay is down: the room as this tab last saw it, until the welcome.
  const snapshot = lastSnapshot(invite.room);
  if (snapshot) {
    app.link.state = snapshot;
    app.restored = true;
    invalidate("header", "stage", "reactions", "polls", "questions", "chat");
  }
  const keep = () => keepSnapshot(invite.room, app.link.state);
  window.addEventListener("pagehide", keep);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && keep());
  app.link.start();
  for (const { message, promise } of app.link.restored) {
    if (message.type !== "chat.send") continue;
    views.chat.showPending(message.id, message, promise).catch((error) => {
      note($("chat-note"), refusalText(error, t("messageNotSent")));
    });
  }
  onStatus(app.link.status, app.link.detail);
}

main();
