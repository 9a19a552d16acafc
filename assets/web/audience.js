// The audience page: who is speaking, reactions, chat, questions with up-votes, one-tap polls.
//
// Everything from the network is shown as text (textContent, Text nodes), never as markup.
// The page renders from the room mirror once per animation frame, whatever arrived meanwhile.

import { el, reorder, setText } from "./dom.js";
import { deviceId, readInvite, remember } from "./invite.js";
import { Link } from "./link.js";
import { stageSlot } from "./mirror.js";

const $ = (id) => document.getElementById(id);
const MAX_FLOATS = 24;
const REACTION_RESERVE = 6; // tokens kept back from reactions so chat and votes always go out
const NOTE_MS = 4000;
const narrow = window.matchMedia("(max-width: 899px)");
const calm = window.matchMedia("(prefers-reduced-motion: reduce)");

const invite = readInvite("audience");
const keys = {
  name: "kanpe.name",
  votes: `kanpe.votes.${invite.room}`,
  answers: `kanpe.answers.${invite.room}`,
};
const mine = {
  votes: new Set(remember.get(keys.votes, [])),
  answers: remember.get(keys.answers, {}),
  questions: new Set(), // question ids this page asked (from the ack's version)
  changing: new Set(), // polls whose answer is being changed
  echoes: {}, // own reactions whose event has not come back yet, per emoji
};
const unread = { chat: 0, questions: 0 };
let tab = "chat";
let link = null;

// --- rendering, batched per frame ------------------------------------------------------------

const dirty = new Set();
let frame = 0;

function invalidate(...parts) {
  for (const part of parts) dirty.add(part);
  if (!frame) frame = requestAnimationFrame(render);
}

function render() {
  frame = 0;
  const state = link?.state;
  if (!state) return;
  const parts = new Set(dirty);
  dirty.clear();
  if (parts.has("header")) renderHeader(state);
  if (parts.has("stage")) renderStage(state);
  if (parts.has("reactions")) renderTallies(state);
  if (parts.has("polls")) renderPolls(state);
  if (parts.has("questions")) renderQuestions(state);
  if (parts.has("chat")) renderChat(state);
  if (parts.has("tabs")) renderTabs();
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
  const slide = live ? state.slots[state.current] : null;
  const slideText = slide && slide.pages > 0 ? `Slide ${slide.page} of ${slide.pages}` : "";
  setText($("now-slide"), slideText);
  $("now-slide").hidden = !slideText;
}

function renderTallies(state) {
  const tally = state.reactions[state.current || ""] || {};
  for (const button of document.querySelectorAll(".react")) {
    const count = tally[button.dataset.emoji] || 0;
    setText(button.querySelector(".tally"), count ? compact(count) : "");
  }
}

function compact(n) {
  return n < 1000 ? String(n) : `${(n / 1000).toFixed(n < 10000 ? 1 : 0)}k`;
}

// --- polls -------------------------------------------------------------------------------------

const pollCards = new Map();

function visiblePolls(state) {
  const polls = Object.values(state.polls).sort((a, b) => b.at - a.at);
  const open = polls.filter((p) => p.open);
  const lastClosed = polls.find((p) => !p.open);
  return lastClosed ? [...open, lastClosed] : open;
}

function renderPolls(state) {
  const polls = visiblePolls(state);
  const cards = polls.map((poll) => {
    const card = pollCards.get(poll.id) || el("article", { class: "poll card" });
    pollCards.set(poll.id, card);
    fillPoll(card, poll);
    return card;
  });
  for (const [id, card] of pollCards) if (!cards.includes(card)) pollCards.delete(id);
  reorder($("polls"), cards);
}

function fillPoll(card, poll) {
  const chosen = mine.answers[poll.id];
  const voting = poll.open && (chosen === undefined || mine.changing.has(poll.id));
  const signature = JSON.stringify([poll.counts, poll.open, chosen, voting, poll.question]);
  if (card.dataset.signature === signature) return;
  const hadFocus = card.contains(document.activeElement);
  card.dataset.signature = signature;
  card.classList.toggle("closed", !poll.open);
  const total = poll.counts.reduce((a, b) => a + b, 0);
  const headingId = `poll-${poll.id}`;
  card.setAttribute("aria-labelledby", headingId);
  const children = [
    el("p", { class: "eyebrow", text: poll.open ? "Poll" : "Poll closed · results" }),
    el("h2", { class: "poll-question", id: headingId, text: poll.question }),
  ];
  if (voting) {
    const options = el("div", { class: "poll-options", role: "group", "aria-labelledby": headingId });
    poll.options.forEach((option, index) => {
      options.append(
        el("button", {
          type: "button",
          class: `poll-option${index === chosen ? " chosen" : ""}`,
          "aria-pressed": index === chosen ? "true" : "false",
          text: option,
          onclick: () => answerPoll(poll, index),
        }),
      );
    });
    children.push(options);
  } else {
    const results = el("ul", { class: "poll-results", "aria-label": "Results" });
    poll.options.forEach((option, index) => {
      const count = poll.counts[index] || 0;
      const share = total ? Math.round((count * 100) / total) : 0;
      const bar = el("span", { class: "bar", "aria-hidden": "true" });
      bar.style.setProperty("--share", `${share}%`); // CSSOM, allowed by the page's CSP
      const label = index === chosen ? `${option} (your answer)` : option;
      results.append(
        el(
          "li",
          {
            class: index === chosen ? "result chosen" : "result",
            "aria-label": `${label}: ${share} percent, ${count} ${count === 1 ? "vote" : "votes"}`,
          },
          el("span", { class: "result-label", "aria-hidden": "true" }, option, index === chosen ? el("span", { class: "tick", text: " ✓" }) : null),
          el("span", { class: "result-share", "aria-hidden": "true", text: `${share}%` }),
          bar,
        ),
      );
    });
    children.push(results);
  }
  const foot = el("p", { class: "poll-foot" }, `${total} ${total === 1 ? "answer" : "answers"}`);
  if (poll.open && !voting) {
    foot.append(" · ", el("button", { type: "button", class: "link-button", text: "Change answer", onclick: () => changeAnswer(poll) }));
  } else if (poll.open && chosen !== undefined) {
    foot.append(" · ", el("button", { type: "button", class: "link-button", text: "Keep my answer", onclick: () => keepAnswer(poll) }));
  }
  children.push(foot);
  card.replaceChildren(...children);
  if (hadFocus) card.querySelector("button")?.focus({ preventScroll: true });
}

function answerPoll(poll, option) {
  mine.answers[poll.id] = option;
  mine.changing.delete(poll.id);
  remember.set(keys.answers, mine.answers);
  invalidate("polls");
  link.command("poll.answer", { poll: poll.id, option }).catch((error) => {
    if (error.code === "refused" || error.code === "not_found") {
      notify("react-note", "That poll has closed.");
    }
  });
}

function changeAnswer(poll) {
  mine.changing.add(poll.id);
  invalidate("polls");
  requestAnimationFrame(() => pollCards.get(poll.id)?.querySelector(".poll-option")?.focus());
}

function keepAnswer(poll) {
  mine.changing.delete(poll.id);
  invalidate("polls");
}

// --- questions ---------------------------------------------------------------------------------

const questionItems = new Map();

function questionOrder(a, b) {
  return (
    Number(b.pinned) - Number(a.pinned) ||
    Number(a.answered) - Number(b.answered) ||
    b.votes - a.votes ||
    a.at - b.at
  );
}

function renderQuestions(state) {
  const shown = Object.values(state.questions).filter((q) => !q.hidden && q.text).sort(questionOrder);
  const items = shown.map((question) => {
    const item = questionItems.get(question.id) || newQuestionItem(question.id);
    questionItems.set(question.id, item);
    fillQuestion(item, question, state);
    return item;
  });
  for (const [id, item] of questionItems) if (!items.includes(item)) questionItems.delete(id);
  reorder($("questions"), items);
  $("questions-empty").hidden = items.length > 0;
  const open = shown.filter((q) => !q.answered).length;
  setText($("questions-count"), shown.length ? `${open} open` : "");
}

function newQuestionItem(id) {
  const vote = el(
    "button",
    { type: "button", class: "vote", onclick: () => vote_(id) },
    el("span", { class: "arrow", "aria-hidden": "true", text: "▲" }),
    el("span", { class: "votes" }),
  );
  return el(
    "li",
    { class: "question" },
    vote,
    el("div", { class: "question-body" }, el("p", { class: "question-meta" }), el("p", { class: "question-text" })),
  );
}

function fillQuestion(item, question, state) {
  const voted = mine.votes.has(question.id);
  item.classList.toggle("pinned", question.pinned);
  item.classList.toggle("answered", question.answered);
  item.classList.toggle("mine", mine.questions.has(question.id));
  const button = item.querySelector(".vote");
  button.setAttribute("aria-pressed", voted ? "true" : "false");
  button.classList.toggle("voted", voted);
  const count = `${question.votes} ${question.votes === 1 ? "vote" : "votes"}`;
  button.setAttribute("aria-label", voted ? `You up-voted this question (${count})` : `Up-vote this question (${count})`);
  setText(item.querySelector(".votes"), question.votes);
  const meta = item.querySelector(".question-meta");
  const tags = [];
  if (question.pinned) tags.push(el("span", { class: "tag pinned-tag", text: "📌 On screen" }));
  if (question.answered) tags.push(el("span", { class: "tag answered-tag", text: "✓ Answered" }));
  if (mine.questions.has(question.id)) tags.push(el("span", { class: "tag mine-tag", text: "Yours" }));
  const who = question.name || "Anonymous";
  const forWhom = question.slot && question.slot !== state.current ? speakerOf(state, question.slot) : "";
  const metaKey = JSON.stringify([question.pinned, question.answered, mine.questions.has(question.id), who, forWhom]);
  if (meta.dataset.key !== metaKey) {
    meta.dataset.key = metaKey;
    meta.replaceChildren(...tags, el("span", { class: "who", text: who }), forWhom ? el("span", { class: "for", text: `for ${forWhom}` }) : "");
  }
  setText(item.querySelector(".question-text"), question.text);
}

function speakerOf(state, slotId) {
  const slot = state.rundown.slots.find((s) => s.id === slotId);
  return slot ? slot.speaker || slot.title || "" : "";
}

function vote_(id) {
  if (mine.votes.has(id)) {
    notify("ask-note", "You already up-voted that one.");
    return;
  }
  mine.votes.add(id);
  remember.set(keys.votes, [...mine.votes]);
  invalidate("questions");
  link.command("question.vote", { question: id }).catch((error) => {
    if (error.code === "not_found") {
      mine.votes.delete(id);
      remember.set(keys.votes, [...mine.votes]);
      invalidate("questions");
    }
  });
}

// --- chat --------------------------------------------------------------------------------------

const chatItems = new Map();
const pendingChat = new Map(); // command id -> <li> shown as "sending…"

function nameColour(name) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return hash % 6;
}

function chatItem(message) {
  const who = message.name || "Anonymous";
  return el(
    "li",
    { class: "message" },
    el("span", { class: `who c${nameColour(who)}`, text: who }),
    " ",
    el("span", { class: "text", text: message.text }),
  );
}

function renderChat(state) {
  const list = $("chat");
  const stick = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  const visible = state.chat.filter((m) => !m.hidden && m.text);
  const items = visible.map((message) => {
    let item = chatItems.get(message.id);
    if (!item) {
      item = chatItem(message);
      chatItems.set(message.id, item);
    }
    return item;
  });
  const keep = new Set(items);
  for (const [id, item] of chatItems) if (!keep.has(item)) chatItems.delete(id);
  reorder(list, [...items, ...pendingChat.values()]);
  $("chat-empty").hidden = list.children.length > 0;
  if (stick) list.scrollTop = list.scrollHeight;
  else $("chat-jump").hidden = false;
}

function sendChat(event) {
  event.preventDefault();
  const input = $("chat-text");
  const text = input.value.trim();
  if (!text) return;
  const name = $("chat-name").value.trim();
  input.value = "";
  const id = link.newId();
  const promise = link.command("chat.send", { text, name }, { id });
  const item = chatItem({ name, text });
  item.classList.add("pending");
  item.append(el("span", { class: "sending", text: link.status === "online" ? " sending…" : " waiting for connection…" }));
  pendingChat.set(id, item);
  invalidate("chat");
  requestAnimationFrame(() => ($("chat").scrollTop = $("chat").scrollHeight));
  promise
    .catch((error) => {
      if (!input.value) input.value = text;
      notify("chat-note", refusalText(error, "Your message was not sent."));
    })
    .finally(() => {
      pendingChat.delete(id);
      invalidate("chat");
    });
}

// --- asking ------------------------------------------------------------------------------------

function ask(event) {
  event.preventDefault();
  const input = $("ask-text");
  const text = input.value.trim();
  if (!text) return;
  const name = $("ask-name").value.trim();
  input.value = "";
  notify("ask-note", link.status === "online" ? "Sending your question…" : "Your question is sent when the connection is back.");
  link
    .command("question.ask", { text, name })
    .then((ack) => {
      // The relay names a new question after the version that created it.
      mine.questions.add(`q${ack.version}`);
      notify("ask-note", "Thanks! Your question is in the list.");
      invalidate("questions");
    })
    .catch((error) => {
      if (!input.value) input.value = text;
      notify("ask-note", refusalText(error, "Your question was not sent."));
    });
}

function refusalText(error, fallback) {
  if (error.code === "rate_limited") return "Slow down a little, then try again.";
  if (error.code === "failed") return "This link no longer works.";
  return error.message ? `${fallback} (${error.message})` : fallback;
}

// --- reactions ---------------------------------------------------------------------------------

function react(button) {
  const emoji = button.dataset.emoji;
  if (!link || link.status !== "online") {
    notify("react-note", "Reconnecting… reactions are back in a moment.");
    return;
  }
  if (!link.canSpend(REACTION_RESERVE)) {
    notify("react-note", "Easy there! Reactions are limited to a few a second.");
    return;
  }
  burst(button, emoji, true);
  button.classList.remove("pop");
  void button.offsetWidth; // restart the press animation
  button.classList.add("pop");
  mine.echoes[emoji] = (mine.echoes[emoji] || 0) + 1;
  link.command("react", { emoji }, { droppable: true }).catch(() => {
    mine.echoes[emoji] = Math.max(0, (mine.echoes[emoji] || 0) - 1);
  });
}

function burst(button, emoji, own) {
  const sky = $("sky");
  if (document.visibilityState !== "visible" || sky.childElementCount >= MAX_FLOATS) return;
  const rect = button.getBoundingClientRect();
  const float = el("span", { class: own ? "float own" : "float", text: emoji });
  float.style.setProperty("--x", `${rect.left + rect.width / 2}px`);
  float.style.setProperty("--y", `${rect.top}px`);
  float.style.setProperty("--drift", `${Math.round((Math.random() - 0.5) * 80)}px`);
  float.addEventListener("animationend", () => float.remove());
  sky.append(float);
  if (calm.matches) setTimeout(() => float.remove(), 600);
}

function otherReaction(emoji) {
  if (mine.echoes[emoji] > 0) {
    mine.echoes[emoji] -= 1; // our own tap coming back: it already floated
    return;
  }
  const button = document.querySelector(`.react[data-emoji="${CSS.escape(emoji)}"]`);
  if (button) burst(button, emoji, false);
}

// --- notes, status, tabs -------------------------------------------------------------------

const noteTimers = {};

function notify(id, text) {
  const node = $(id);
  setText(node, text);
  node.classList.add("shown");
  clearTimeout(noteTimers[id]);
  noteTimers[id] = setTimeout(() => {
    node.classList.remove("shown");
    setText(node, "");
  }, NOTE_MS);
}

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
  $("fatal").hidden = false;
  $("main").hidden = true;
  $("offline").hidden = true;
  document.body.classList.add("failed");
  $("status").hidden = true;
}

function onStatus(status, detail) {
  document.body.classList.toggle("joining", status === "connecting");
  $("status").dataset.status = status;
  if (status === "failed") {
    showFatal(detail);
    return;
  }
  const text = { connecting: "Connecting…", online: "Live", offline: "Reconnecting…" }[status];
  setText($("status-text"), text || status);
  $("offline").hidden = status !== "offline";
  document.body.classList.toggle("is-offline", status === "offline");
}

function selectTab(name, focus = false) {
  tab = name;
  unread[name] = 0;
  invalidate("tabs");
  if (focus) $(`tab-${name}`).focus();
  if (name === "chat") requestAnimationFrame(() => ($("chat").scrollTop = $("chat").scrollHeight));
}

function renderTabs() {
  document.body.dataset.tab = tab;
  for (const name of ["chat", "questions"]) {
    const button = $(`tab-${name}`);
    const selected = name === tab;
    button.setAttribute("aria-selected", String(selected));
    button.tabIndex = selected ? 0 : -1;
    const badge = button.querySelector(".badge");
    badge.hidden = selected || !unread[name];
    setText(badge, unread[name] > 99 ? "99+" : unread[name]);
    badge.setAttribute("aria-label", `${unread[name]} new`);
  }
}

function countUnread(kind) {
  if (narrow.matches && tab !== kind) {
    unread[kind] += 1;
    invalidate("tabs");
  }
}

// --- wiring --------------------------------------------------------------------------------

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
      if (!questionItems.has(event.question.id) && !event.question.hidden) countUnread("questions");
      invalidate("questions");
      break;
    case "poll":
      invalidate("polls");
      break;
    case "reaction":
      otherReaction(event.emoji);
      invalidate("reactions");
      break;
    default:
      break;
  }
}

function onSync(state, welcome) {
  const readOnly = welcome.role === "viewer";
  document.body.classList.toggle("read-only", readOnly);
  for (const id of ["ask-form", "chat-form", "reactions"]) $(id).hidden = readOnly;
  // A reconnect may have missed answers made on another tab; the relay's counts are the truth.
  invalidate("header", "stage", "reactions", "polls", "questions", "chat", "tabs");
}

function onPresence(message) {
  const people = $("people");
  people.hidden = !message.audience;
  setText(people, `${message.audience} here`);
  people.setAttribute("aria-label", `${message.audience} ${message.audience === 1 ? "person" : "people"} in the audience`);
}

function wire() {
  for (const button of document.querySelectorAll(".react")) {
    button.addEventListener("click", () => react(button));
    button.addEventListener("animationend", () => button.classList.remove("pop"));
  }
  $("chat-form").addEventListener("submit", sendChat);
  $("ask-form").addEventListener("submit", ask);
  $("ask-text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("ask-form").requestSubmit();
    }
  });
  const savedName = remember.get(keys.name, "");
  for (const id of ["chat-name", "ask-name"]) {
    const input = $(id);
    input.value = savedName;
    input.addEventListener("input", () => {
      for (const other of ["chat-name", "ask-name"]) if (other !== id) $(other).value = input.value;
      remember.set(keys.name, input.value.trim());
    });
  }
  $("retry").addEventListener("click", () => link?.retryNow());
  $("chat").addEventListener("scroll", () => {
    const list = $("chat");
    if (list.scrollHeight - list.scrollTop - list.clientHeight < 48) $("chat-jump").hidden = true;
  });
  $("chat-jump").addEventListener("click", () => {
    $("chat").scrollTop = $("chat").scrollHeight;
    $("chat-jump").hidden = true;
  });
  const tabs = ["chat", "questions"];
  for (const name of tabs) {
    const button = $(`tab-${name}`);
    button.addEventListener("click", () => selectTab(name));
    button.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        event.preventDefault();
        selectTab(tabs[(tabs.indexOf(name) + step + tabs.length) % tabs.length], true);
      }
    });
  }
  // 1-5 react, when not typing: handy on a laptop during a talk.
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (event.target.closest?.("input, textarea, select, [contenteditable]")) return;
    const buttons = document.querySelectorAll(".react");
    const index = Number(event.key) - 1;
    if (index >= 0 && index < buttons.length && !$("reactions").hidden) react(buttons[index]);
  });
  narrow.addEventListener("change", () => invalidate("tabs"));
}

function main() {
  wire();
  renderTabs();
  if (!invite.valid) {
    showFatal("invalid");
    return;
  }
  link = new Link({
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
      rateLimited: () => notify("react-note", "Slow down a little: the room is busy."),
    },
  });
  link.start();
}

main();
