// Questions: ask, up-vote once (remembered on this device; the relay counts the device once
// anyway), pinned first, then open ones by votes, answered ones last, hidden ones gone.

import { el, note, reorder, setText } from "./dom.js";

function order(a, b) {
  return (
    Number(b.pinned) - Number(a.pinned) ||
    Number(a.answered) - Number(b.answered) ||
    b.votes - a.votes ||
    a.at - b.at
  );
}

export function questionsView({ app, list, empty, count, form, text, name, noteNode }) {
  const items = new Map();
  const asked = new Set(); // ids of questions asked from this page

  function render(state) {
    const shown = Object.values(state.questions).filter((q) => !q.hidden && q.text).sort(order);
    const nodes = shown.map((question) => {
      const item = items.get(question.id) || newItem(question.id);
      items.set(question.id, item);
      fill(item, question, state);
      return item;
    });
    for (const [id, item] of items) if (!nodes.includes(item)) items.delete(id);
    reorder(list, nodes);
    empty.hidden = nodes.length > 0;
    setText(count, shown.length ? `${shown.filter((q) => !q.answered).length} open` : "");
  }

  function known(id) {
    return items.has(id);
  }

  function newItem(id) {
    return el(
      "li",
      { class: "question" },
      el(
        "button",
        // Its label says "Up-vote this question"; the question's own text says which.
        { type: "button", class: "vote", "aria-describedby": `question-text-${id}`, onclick: () => vote(id) },
        el("span", { class: "arrow", "aria-hidden": "true", text: "▲" }),
        el("span", { class: "votes" }),
      ),
      el("div", { class: "question-body" }, el("p", { class: "question-meta" }), el("p", { class: "question-text", id: `question-text-${id}` })),
    );
  }

  function fill(item, question, state) {
    const voted = app.mine.votes.has(question.id);
    const mine = asked.has(question.id);
    item.classList.toggle("pinned", question.pinned);
    item.classList.toggle("answered", question.answered);
    item.classList.toggle("mine", mine);
    const button = item.querySelector(".vote");
    button.setAttribute("aria-pressed", voted ? "true" : "false");
    button.classList.toggle("voted", voted);
    const votes = `${question.votes} ${question.votes === 1 ? "vote" : "votes"}`;
    button.setAttribute("aria-label", voted ? `You up-voted this question (${votes})` : `Up-vote this question (${votes})`);
    setText(item.querySelector(".votes"), question.votes);
    const who = question.name || "Anonymous";
    const forWhom = question.slot && question.slot !== state.current ? speakerOf(state, question.slot) : "";
    const meta = item.querySelector(".question-meta");
    const key = JSON.stringify([question.pinned, question.answered, mine, who, forWhom]);
    if (meta.dataset.key !== key) {
      meta.dataset.key = key;
      meta.replaceChildren(
        question.pinned ? el("span", { class: "tag pinned-tag", text: "📌 On screen" }) : "",
        question.answered ? el("span", { class: "tag answered-tag", text: "✓ Answered" }) : "",
        mine ? el("span", { class: "tag mine-tag", text: "Yours" }) : "",
        el("span", { class: "who", text: who }),
        forWhom ? el("span", { class: "for", text: `for ${forWhom}` }) : "",
      );
    }
    setText(item.querySelector(".question-text"), question.text);
  }

  function speakerOf(state, slotId) {
    const slot = state.rundown.slots.find((s) => s.id === slotId);
    return slot ? slot.speaker || slot.title || "" : "";
  }

  function vote(id) {
    if (app.mine.votes.has(id)) {
      note(noteNode, "You already up-voted that one.");
      return;
    }
    app.mine.votes.add(id);
    app.mine.save();
    app.invalidate("questions");
    app.link.command("question.vote", { question: id }).catch((error) => {
      // Not counted (the question is gone, a watch-only link, ...): undo the mark.
      app.mine.votes.delete(id);
      app.mine.save();
      app.invalidate("questions");
      if (error.code === "forbidden") note(noteNode, "This link can watch, not vote.");
      else if (error.code !== "not_found") note(noteNode, "Your vote was not counted. Try again.");
    });
  }

  function ask(event) {
    event.preventDefault();
    const question = text.value.trim();
    if (!question) return;
    text.value = "";
    note(noteNode, app.link.status === "online" ? "Sending your question…" : "Your question is sent when the connection is back.");
    app.link
      .command("question.ask", { text: question, name: name.value.trim() })
      .then((ack) => {
        asked.add(`q${ack.version}`); // the relay names a question after the version it creates
        note(noteNode, "Thanks! Your question is in the list.");
        app.invalidate("questions");
      })
      .catch((error) => {
        if (!text.value) text.value = question;
        note(noteNode, app.refusalText(error, "Your question was not sent."));
      });
  }

  form.addEventListener("submit", ask);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  return { render, known };
}
