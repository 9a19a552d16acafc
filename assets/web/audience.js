// The audience page: who is speaking, reactions, chat, questions with up-votes, one-tap polls.
//
// This module wires the parts together: the invite and the link, connection status, the phone
// tabs, and rendering from the room mirror once per animation frame, whatever arrived meanwhile.
// Everything from the network is shown as text (textContent, Text nodes), never as markup.

import { chatView } from "./chat.js";
import { note, setText } from "./dom.js";
import { deviceId, readInvite, remember } from "./invite.js";
import { Link } from "./link.js";
import { stageSlot } from "./mirror.js";
import { pollsView } from "./polls.js";
import { questionsView } from "./questions.js";
import { reactionsView } from "./reactions.js";

const $ = (id) => document.getElementById(id);
const narrow = window.matchMedia("(max-width: 899px)");
const invite = readInvite("audience");
const NAME_KEY = "kanpe.name";

// What this device remembers about this room: its up-votes and poll answers.
const mine = {
  votesKey: `kanpe.votes.${invite.room}`,
  answersKey: `kanpe.answers.${invite.room}`,
  votes: new Set(),
  answers: {},
  load() {
    this.votes = new Set(remember.get(this.votesKey, []));
    this.answers = remember.get(this.answersKey, {});
  },
  save() {
    remember.set(this.votesKey, [...this.votes]);
    remember.set(this.answersKey, this.answers);
  },
};
mine.load();

const app = { link: null, mine, invalidate, refusalText };

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
  }),
};

function refusalText(error, fallback) {
  if (error.code === "rate_limited") return "Slow down a little, then try again.";
  if (error.code === "failed") return "This link no longer works.";
  return error.message ? `${fallback} (${error.message})` : fallback;
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
  if (parts.has("stage")) renderStage(state);
  for (const name of ["reactions", "polls", "questions", "chat"]) {
    if (parts.has(name)) views[name].render(state);
  }
}

function renderHeader(state) {
  const name = state.rundown.title || state.name || "Kanpe";
  setText($("event-name"), name);
  document.title = `${name} · Kanpe`;
}

function renderStage(state) {
  const { plan, live } = stageSlot(state);
  setText($("now-label"), live ? "Now speaking" : plan ? "Up next" : "On stage");
  setText($("now-speaker"), plan ? plan.speaker || plan.title || "Speaker" : "Nobody right now");
  setText($("now-title"), plan && plan.speaker ? plan.title : "");
  $("now").classList.toggle("live", live);
  const slot = live ? state.slots[state.current] : null;
  const slide = slot && slot.pages > 0 ? `Slide ${slot.page} of ${slot.pages}` : "";
  setText($("now-slide"), slide);
  $("now-slide").hidden = !slide;
}

// --- status and the "link not valid" screen ---------------------------------------------------

const FATAL_TEXT = {
  invalid: [
    "This link is not valid",
    "Ask the host for the audience link again, and open the whole link, including the part after “#”.",
  ],
  outdated: ["This page is out of date", "Reload the page to get the current version."],
  closed: ["This event has ended", "The host has closed this room. Thanks for joining!"],
};

function showFatal(reason) {
  const [title, detail] = FATAL_TEXT[reason] || FATAL_TEXT.invalid;
  setText($("fatal-title"), title);
  setText($("fatal-detail"), detail);
  document.title = `${title} · Kanpe`;
  for (const id of ["main", "offline", "status"]) $(id).hidden = true;
  $("fatal").hidden = false;
  document.body.classList.add("failed");
}

function onStatus(status, detail) {
  document.body.classList.toggle("joining", status === "connecting");
  $("status").dataset.status = status;
  if (status === "failed") {
    showFatal(detail);
    return;
  }
  setText($("status-text"), { connecting: "Connecting…", online: "Live", offline: "Offline" }[status] || status);
  const unreachable = status === "connecting" && detail === "unreachable";
  $("offline").hidden = status !== "offline" && !unreachable;
  if (unreachable) {
    setText($("offline-title"), "Can’t reach the event.");
    setText($("offline-detail"), "This network may block it, or the event has not started yet. Still trying…");
  } else if (status === "offline") {
    const since = app.link.offlineSince;
    const at = since ? new Date(since).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "";
    setText($("offline-title"), "Reconnecting…");
    const keepTyping = "You can keep typing: messages are sent when the connection is back.";
    setText($("offline-detail"), at ? `Offline since ${at}. ${keepTyping}` : keepTyping);
  }
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
        setText($("announce"), `New poll: ${event.poll.question}`);
        // On a phone the poll may open above whatever the person is reading: point at it,
        // once the card is laid out (an empty poll area has no size to be seen by).
        requestAnimationFrame(() => {
          const box = $("polls").getBoundingClientRect();
          if (box.bottom <= 0 || box.top >= window.innerHeight) $("new-poll").hidden = false;
        });
      }
      invalidate("polls");
      break;
    case "reaction":
      views.reactions.arrived(event.emoji);
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
  mine.load(); // another tab of this device may have voted meanwhile
  invalidate("header", "stage", "reactions", "polls", "questions", "chat", "tabs");
}

function onPresence(message) {
  $("people").hidden = !message.audience;
  setText($("people-count"), message.audience);
}

// --- wiring ---------------------------------------------------------------------------------

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
}

function main() {
  wire();
  invalidate("tabs");
  if (!invite.valid) {
    showFatal("invalid");
    return;
  }
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
      rateLimited: () => note($("react-note"), "Slow down a little: the room is busy."),
    },
  });
  app.link.start();
}

main();
