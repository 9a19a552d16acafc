// Polls: one tap to answer; results (bars) once answered or closed; the answer can be changed
// while the poll is open. Shown: every open poll, newest first, then the latest closed one.
// On a phone an answered poll folds to one line (its results a tap away), so the chat below it
// stays within reach.

import { el, note, reorder } from "./dom.js";
import { t } from "./i18n.js";

const narrow = window.matchMedia("(max-width: 899px)");

export function pollsView({ app, list, noteNode }) {
  const cards = new Map();
  const changing = new Set(); // polls whose answer is being changed
  const unfolded = new Set(); // answered polls whose results were opened on a phone

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
    const folded = poll.open && !voting && narrow.matches && !unfolded.has(poll.id);
    // While the options are up, new counts must not rebuild them: that would swallow a tap.
    const signature = JSON.stringify([
      document.documentElement.lang,
      folded,
      ...(voting ? [poll.question, poll.options, chosen] : [poll.question, poll.counts, poll.open, chosen]),
    ]);
    if (card.dataset.signature === signature) return;
    const hadFocus = card.contains(document.activeElement);
    card.dataset.signature = signature;
    card.classList.toggle("closed", !poll.open);
    card.classList.toggle("folded", folded);
    const headingId = `poll-${poll.id}`;
    card.setAttribute("aria-labelledby", headingId);
    const total = poll.counts.reduce((a, b) => a + b, 0);
    let body;
    if (voting) body = options(poll, chosen, headingId);
    else if (folded) body = el("p", { class: "poll-answer", text: t("youAnswered", { option: poll.options[chosen] }) });
    else body = results(poll, chosen, total);
    card.replaceChildren(
      el("p", { class: "eyebrow", text: poll.open ? t("poll") : t("pollClosed") }),
      el("h2", { class: "poll-question", id: headingId, text: poll.question }),
      body,
      foot(poll, chosen, voting, total, folded),
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
    const list = el("ul", { class: "poll-results", "aria-label": t("results") });
    poll.options.forEach((option, index) => {
      const count = poll.counts[index] || 0;
      const share = total ? Math.round((count * 100) / total) : 0;
      const mine = index === chosen;
      const bar = el("span", { class: "bar", "aria-hidden": "true" });
      bar.style.setProperty("--share", `${share}%`); // CSSOM, which the page's CSP allows
      const votes = t("votes", { n: count });
      list.append(
        el(
          "li",
          {
            class: mine ? "result chosen" : "result",
            "aria-label": t("resultLabel", { option, mine: mine ? t("yourAnswerMark") : "", share, votes }),
          },
          el("span", { class: "result-label", "aria-hidden": "true" }, option, mine ? el("span", { class: "tick", text: " ✓" }) : null),
          el("span", { class: "result-share", "aria-hidden": "true", text: `${share}%` }),
          bar,
        ),
      );
    });
    return list;
  }

  function foot(poll, chosen, voting, total, folded) {
    const node = el("p", { class: "poll-foot" }, t("answers", { n: total }));
    const action = (key, onclick) => node.append(" · ", el("button", { type: "button", class: "link-button", text: t(key), onclick }));
    if (poll.open && !voting) {
      if (narrow.matches) action(folded ? "showResults" : "hideResults", () => unfold(poll, folded));
      action("changeAnswer", () => change(poll, true));
    } else if (poll.open && chosen !== undefined) {
      action("keepAnswer", () => change(poll, false));
    }
    return node;
  }

  function unfold(poll, open) {
    if (open) unfolded.add(poll.id);
    else unfolded.delete(poll.id);
    app.invalidate("polls");
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
      if (error.code === "refused" || error.code === "not_found") note(noteNode, t("pollHasClosed"));
      else if (error.code === "forbidden") note(noteNode, t("watchNotAnswer"));
      else note(noteNode, t("answerNotCounted"));
    });
  }

  function change(poll, on) {
    if (on) changing.add(poll.id);
    else changing.delete(poll.id);
    app.invalidate("polls");
    if (on) requestAnimationFrame(() => cards.get(poll.id)?.querySelector(".poll-option")?.focus());
  }

  narrow.addEventListener("change", () => app.invalidate("polls"));

  return { render, known: (id) => cards.has(id) };
}
