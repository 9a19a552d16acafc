// Polls: one tap to answer; results (bars) once answered or closed; the answer can be changed
// while the poll is open. Shown: every open poll, newest first, then the latest closed one.

import { el, note, reorder } from "./dom.js";

export function pollsView({ app, list, noteNode }) {
  const cards = new Map();
  const changing = new Set(); // polls whose answer is being changed

  function visible(state) {
    const polls = Object.values(state.polls).sort((a, b) => b.at - a.at);
    const lastClosed = polls.find((p) => !p.open);
    return [...polls.filter((p) => p.open), ...(lastClosed ? [lastClosed] : [])];
  }

  function render(state) {
    const shown = visible(state).map((poll) => {
      const card = cards.get(poll.id) || el("article", { class: "poll card" });
      cards.set(poll.id, card);
      fill(card, poll);
      return card;
    });
    for (const [id, card] of cards) if (!shown.includes(card)) cards.delete(id);
    reorder(list, shown);
  }

  function fill(card, poll) {
    const chosen = app.mine.answers[poll.id];
    const voting = poll.open && (chosen === undefined || changing.has(poll.id));
    // While the options are up, new counts must not rebuild them: that would swallow a tap.
    const signature = JSON.stringify(
      voting ? [poll.question, poll.options, chosen] : [poll.question, poll.counts, poll.open, chosen],
    );
    if (card.dataset.signature === signature) return;
    const hadFocus = card.contains(document.activeElement);
    card.dataset.signature = signature;
    card.classList.toggle("closed", !poll.open);
    const headingId = `poll-${poll.id}`;
    card.setAttribute("aria-labelledby", headingId);
    const total = poll.counts.reduce((a, b) => a + b, 0);
    card.replaceChildren(
      el("p", { class: "eyebrow", text: poll.open ? "Poll" : "Poll closed · results" }),
      el("h2", { class: "poll-question", id: headingId, text: poll.question }),
      voting ? options(poll, chosen, headingId) : results(poll, chosen, total),
      foot(poll, chosen, voting, total),
    );
    if (hadFocus) card.querySelector("button")?.focus({ preventScroll: true });
  }

  function options(poll, chosen, headingId) {
    const group = el("div", { class: "poll-options", role: "group", "aria-labelledby": headingId });
    poll.options.forEach((option, index) => {
      group.append(
        el("button", {
          type: "button",
          class: index === chosen ? "poll-option chosen" : "poll-option",
          "aria-pressed": index === chosen ? "true" : "false",
          text: option,
          onclick: () => answer(poll, index),
        }),
      );
    });
    return group;
  }

  function results(poll, chosen, total) {
    const list = el("ul", { class: "poll-results", "aria-label": "Results" });
    poll.options.forEach((option, index) => {
      const count = poll.counts[index] || 0;
      const share = total ? Math.round((count * 100) / total) : 0;
      const mine = index === chosen;
      const bar = el("span", { class: "bar", "aria-hidden": "true" });
      bar.style.setProperty("--share", `${share}%`); // CSSOM, which the page's CSP allows
      const votes = `${count} ${count === 1 ? "vote" : "votes"}`;
      list.append(
        el(
          "li",
          {
            class: mine ? "result chosen" : "result",
            "aria-label": `${option}${mine ? " (your answer)" : ""}: ${share} percent, ${votes}`,
          },
          el("span", { class: "result-label", "aria-hidden": "true" }, option, mine ? el("span", { class: "tick", text: " ✓" }) : null),
          el("span", { class: "result-share", "aria-hidden": "true", text: `${share}%` }),
          bar,
        ),
      );
    });
    return list;
  }

  function foot(poll, chosen, voting, total) {
    const node = el("p", { class: "poll-foot" }, `${total} ${total === 1 ? "answer" : "answers"}`);
    if (poll.open && !voting) {
      node.append(" · ", el("button", { type: "button", class: "link-button", text: "Change answer", onclick: () => change(poll, true) }));
    } else if (poll.open && chosen !== undefined) {
      node.append(" · ", el("button", { type: "button", class: "link-button", text: "Keep my answer", onclick: () => change(poll, false) }));
    }
    return node;
  }

  function answer(poll, option) {
    const before = app.mine.answers[poll.id];
    app.mine.answers[poll.id] = option;
    app.mine.save();
    changing.delete(poll.id);
    app.invalidate("polls");
    app.link.command("poll.answer", { poll: poll.id, option }).catch((error) => {
      // Not counted (closed meanwhile, a watch-only link, ...): never show it as this device's.
      if (app.mine.answers[poll.id] === option) {
        if (before === undefined) delete app.mine.answers[poll.id];
        else app.mine.answers[poll.id] = before;
        app.mine.save();
        app.invalidate("polls");
      }
      if (error.code === "refused" || error.code === "not_found") note(noteNode, "That poll has closed.");
      else if (error.code === "forbidden") note(noteNode, "This link can watch, not answer.");
      else note(noteNode, "Your answer was not counted. Try again.");
    });
  }

  function change(poll, on) {
    if (on) changing.add(poll.id);
    else changing.delete(poll.id);
    app.invalidate("polls");
    if (on) requestAnimationFrame(() => cards.get(poll.id)?.querySelector(".poll-option")?.focus());
  }

  return { render, known: (id) => cards.has(id) };
}
