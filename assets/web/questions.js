// Questions: ask, up-vote (remembered on this device; the relay counts the device once anyway)
// and take the up-vote back, report one to the hosts; pinned first, then open ones by votes,
// answered ones last, hidden ones gone.

import { el, note, reorder, setText } from "./dom.js";
import { t } from "./i18n.js";
import { messageText, roleBadge } from "./text.js";

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
    setText(count, shown.length ? t("openQuestions", { n: shown.filter((q) => !q.answered).length }) : "");
  }

  function known(id) {
    return items.has(id);
  }

  function newItem(id) {
    // The vote button's name is "Up-vote (3 votes): <the question's text>": it names its question.
    return el(
      "li",
      { class: "question" },
      el(
        "button",
        { type: "button", class: "vote", "aria-labelledby": `vote-label-${id} question-text-${id}`, onclick: () => vote(id) },
        el("span", { class: "visually-hidden", id: `vote-label-${id}` }),
        el("span", { class: "arrow", "aria-hidden": "true", text: "▲" }),
        el("span", { class: "votes", "aria-hidden": "true" }),
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
    const votes = t("votes", { n: question.votes });
    setText(button.querySelector(".visually-hidden"), voted ? t("takeBackVote", { votes }) : t("upVote", { votes }));
    setText(item.querySelector(".votes"), question.votes);
    const role = question.role || "audience";
    const who = question.name || (role === "audience" ? t("anonymous") : "");
    const forWhom = question.slot && question.slot !== state.current ? speakerOf(state, question.slot) : "";
    const reported = app.mine.reports.has(question.id);
    const meta = item.querySelector(".question-meta");
    const key = JSON.stringify([question.pinned, question.answered, mine, who, forWhom, role, reported, document.documentElement.lang]);
    if (meta.dataset.key !== key) {
      meta.dataset.key = key;
      meta.replaceChildren(
        question.pinned ? el("span", { class: "tag pinned-tag", text: t("tagPinned") }) : "",
        question.answered ? el("span", { class: "tag answered-tag", text: t("tagAnswered") }) : "",
        mine ? el("span", { class: "tag mine-tag", text: t("tagYours") }) : "",
        roleBadge(role) || "",
        who ? el("span", { class: "who", text: who }) : "",
        forWhom ? el("span", { class: "for", text: t("forWhom", { name: forWhom }) }) : "",
        !mine && role === "audience" ? reportButton(question, reported) : "",
      );
    }
    const body = item.querySelector(".question-text");
    if (body.dataset.text !== question.text) {
      body.dataset.text = question.text;
      const [textNode, more] = messageText(question.text, "span");
      body.replaceChildren(textNode);
      if (body.nextElementSibling?.classList.contains("more")) body.nextElementSibling.remove();
      if (more) body.after(more);
    }
  }

  function reportButton(question, reported) {
    const summary = `${question.name || t("anonymous")}: ${question.text}`.slice(0, 120);
    const button = el("button", {
      type: "button",
      class: "report",
      "aria-label": reported ? t("reported") : t("reportLabel", { text: summary }),
      title: reported ? t("reported") : t("report"),
      disabled: reported,
      text: "⚑",
    });
    button.addEventListener("click", () => {
      button.disabled = true;
      app.link
        .command("question.report", { question: question.id })
        .then(() => {
          app.mine.reports.add(question.id);
          app.mine.save();
          note(noteNode, t("reportThanks"));
          app.invalidate("questions");
        })
        .catch((error) => {
          button.disabled = false;
          note(noteNode, app.refusalText(error, t("reportNotSent")));
        });
    });
    return button;
  }

  function speakerOf(state, slotId) {
    const slot = state.rundown.slots.find((s) => s.id === slotId);
    return slot ? slot.speaker || slot.title || "" : "";
  }

  /** Up-vote, or take the up-vote back if this device gave it. */
  function vote(id) {
    const taking = app.mine.votes.has(id);
    if (taking) app.mine.votes.delete(id);
    else app.mine.votes.add(id);
    app.mine.save();
    app.invalidate("questions");
    app.link.command(taking ? "question.unvote" : "question.vote", { question: id }).catch((error) => {
      // Not counted (the question is gone, a watch-only link, ...): undo the mark.
      if (taking) app.mine.votes.add(id);
      else app.mine.votes.delete(id);
      app.mine.save();
      app.invalidate("questions");
      if (error.code === "forbidden") note(noteNode, t("watchNotVote"));
      else if (error.code !== "not_found") note(noteNode, t("voteNotCounted"));
    });
  }

  function ask(event) {
    event.preventDefault();
    const question = text.value.trim();
    if (!question) return;
    text.value = "";
    note(noteNode, app.link.status === "online" ? t("sendingQuestion") : t("questionQueued"));
    app.link
      .command("question.ask", { text: question, name: name.value.trim() })
      .then((ack) => {
        asked.add(`q${ack.version}`); // the relay names a question after the version it creates
        note(noteNode, t("questionThanks"));
        app.invalidate("questions");
      })
      .catch((error) => {
        if (!text.value) text.value = question;
        if (error.code === "name_reserved") name.focus();
        note(noteNode, app.refusalText(error, t("questionNotSent")));
      });
  }

  form.addEventListener("submit", ask);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  return { render, known, relabel: () => app.invalidate("questions") };
}
