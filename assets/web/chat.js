// Chat: newest at the bottom, kept in view unless the reader scrolled up; own messages show as
// "sending…" until the relay acknowledges them (their event arrives just before the ack). Each
// message from someone else can be reported to the hosts; reading new messages aloud (the list
// is a live region) can be switched off, and that choice is remembered.

import { el, note, reorder, setText } from "./dom.js";
import { t } from "./i18n.js";
import { remember } from "./invite.js";
import { messageText, roleBadge } from "./text.js";

const NEAR_BOTTOM = 48;
const ALOUD_KEY = "kanpe.chatAloud";

function colour(name) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return hash % 6;
}

/** What a reader hears for a message: its author and its text. */
function summary(message) {
  return `${message.name || t("anonymous")}: ${message.text}`.slice(0, 120);
}

export function chatView({ app, list, empty, jump, form, text, name, noteNode, aloud }) {
  const items = new Map();
  const pending = new Map(); // command id -> its "sending…" item
  const own = new Set(); // ids of messages sent from this page: nothing to report

  const nearBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM;
  const toBottom = () => {
    list.scrollTop = list.scrollHeight;
    jump.hidden = true;
  };

  function item(message, { mine = false } = {}) {
    const role = message.role || "audience";
    const who = message.name || (role === "audience" ? t("anonymous") : "");
    const node = el(
      "li",
      { class: `message role-${role}` },
      roleBadge(role),
      who ? el("span", { class: `who c${colour(who)}`, text: who }) : null,
      who ? " " : null,
      ...messageText(message.text),
    );
    if (!mine && role === "audience" && message.id && !own.has(message.id)) node.append(reportButton(message));
    return node;
  }

  function reportButton(message) {
    const done = app.mine.reports.has(message.id);
    const button = el("button", {
      type: "button",
      class: "report",
      "aria-label": done ? t("reported") : t("reportLabel", { text: summary(message) }),
      title: done ? t("reported") : t("report"),
      disabled: done,
      text: "⚑",
    });
    button.addEventListener("click", () => report(message, button));
    return button;
  }

  function report(message, button) {
    button.disabled = true;
    app.link
      .command("chat.report", { message: message.id })
      .then(() => {
        app.mine.reports.add(message.id);
        app.mine.save();
        button.setAttribute("aria-label", t("reported"));
        button.title = t("reported");
        note(noteNode, t("reportThanks"));
      })
      .catch((error) => {
        button.disabled = false;
        note(noteNode, app.refusalText(error, t("reportNotSent")));
      });
  }

  function render(state) {
    const stick = nearBottom();
    const before = list.children.length;
    const shown = state.chat.filter((m) => !m.hidden && m.text).map((message) => {
      if (!items.has(message.id)) items.set(message.id, item(message));
      return items.get(message.id);
    });
    const keep = new Set(shown);
    for (const [id, node] of items) if (!keep.has(node)) items.delete(id);
    reorder(list, [...shown, ...pending.values()]);
    empty.hidden = list.children.length > 0;
    if (stick) toBottom();
    else if (list.children.length > before) jump.hidden = false;
  }

  /** Show a command still to be sent (typed here, or kept from before a reload) as pending. */
  function showPending(id, fields, promise) {
    const node = item({ name: fields.name, text: fields.text }, { mine: true });
    node.classList.add("pending");
    const waiting = app.link.status === "online" ? t("sending") : t("waitingForConnection");
    node.append(el("span", { class: "sending", text: waiting }));
    pending.set(id, node);
    app.invalidate("chat");
    requestAnimationFrame(toBottom);
    return promise.finally(() => {
      pending.delete(id);
      app.invalidate("chat");
    });
  }

  function send(event) {
    event.preventDefault();
    const message = text.value.trim();
    if (!message) return;
    const sender = name.value.trim();
    text.value = "";
    const id = app.link.newId();
    const promise = app.link.command("chat.send", { text: message, name: sender }, { id });
    promise.then((ack) => {
      // The relay names a message after the version it creates; its event came just before.
      own.add(`m${ack.version}`);
      items.get(`m${ack.version}`)?.querySelector(".report")?.remove();
    }, () => {});
    showPending(id, { text: message, name: sender }, promise).catch((error) => {
      if (!text.value) text.value = message;
      if (error.code === "name_reserved") name.focus();
      note(noteNode, app.refusalText(error, t("messageNotSent")));
    });
  }

  // Reading new messages aloud: the list is a live region; "off" silences it, remembered.
  let speaking = remember.get(ALOUD_KEY, true) !== false;
  function paintAloud() {
    list.setAttribute("aria-live", speaking ? "polite" : "off");
    aloud.setAttribute("aria-pressed", String(speaking));
    setText(aloud, speaking ? t("readAloudOn") : t("readAloudOff"));
  }
  aloud.addEventListener("click", () => {
    speaking = !speaking;
    remember.set(ALOUD_KEY, speaking);
    paintAloud();
  });
  paintAloud();

  /** The language changed: rebuild every message (badges, labels) and the switch. */
  function relabel() {
    items.clear();
    paintAloud();
  }

  form.addEventListener("submit", send);
  list.addEventListener("scroll", () => {
    if (nearBottom()) jump.hidden = true;
  });
  jump.addEventListener("click", toBottom);

  return { render, toBottom, showPending, relabel };
}
