// Chat: newest at the bottom, kept in view unless the reader scrolled up; own messages show as
// "sending…" until the relay acknowledges them (their event arrives just before the ack).

import { el, note, reorder } from "./dom.js";

const NEAR_BOTTOM = 48;

function colour(name) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return hash % 6;
}

function item(message) {
  const who = message.name || "Anonymous";
  return el(
    "li",
    { class: "message" },
    el("span", { class: `who c${colour(who)}`, text: who }),
    " ",
    el("span", { class: "text", text: message.text }),
  );
}

export function chatView({ app, list, empty, jump, form, text, name, noteNode }) {
  const items = new Map();
  const pending = new Map(); // command id -> its "sending…" item

  const nearBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM;
  const toBottom = () => {
    list.scrollTop = list.scrollHeight;
    jump.hidden = true;
  };

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

  function send(event) {
    event.preventDefault();
    const message = text.value.trim();
    if (!message) return;
    const sender = name.value.trim();
    text.value = "";
    const id = app.link.newId();
    const promise = app.link.command("chat.send", { text: message, name: sender }, { id });
    const node = item({ name: sender, text: message });
    node.classList.add("pending");
    const waiting = app.link.status === "online" ? " sending…" : " waiting for connection…";
    node.append(el("span", { class: "sending", text: waiting }));
    pending.set(id, node);
    app.invalidate("chat");
    requestAnimationFrame(toBottom);
    promise
      .catch((error) => {
        if (!text.value) text.value = message;
        note(noteNode, app.refusalText(error, "Your message was not sent."));
      })
      .finally(() => {
        pending.delete(id);
        app.invalidate("chat");
      });
  }

  form.addEventListener("submit", send);
  list.addEventListener("scroll", () => {
    if (nearBottom()) jump.hidden = true;
  });
  jump.addEventListener("click", toBottom);

  return { render, toBottom };
}
