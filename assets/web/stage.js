// The talk on stage: who, what, which slide, the countdown (repainted when its text changes) and
// the evening's agenda. Painted from the room mirror by the audience page's frame loop.

import { el, reorder, setText } from "./dom.js";
import { t } from "./i18n.js";
import { stageSlot } from "./mirror.js";
import { agendaLine, agendaOf, clockOf } from "./timing.js";

/** ``$`` finds a node by id; ``own`` finds one whose text the page keeps up to date. */
export function stageView({ app, $, own }) {
  let clockTimer = 0;

  function render(state) {
    const { plan, live } = stageSlot(state);
    setText(own("now-label"), live ? t("nowSpeaking") : plan ? t("upNext") : t("onStage"));
    setText($("now-speaker"), plan ? plan.speaker || plan.title || t("speakerFallback") : t("nobody"));
    setText($("now-title"), plan && plan.speaker ? plan.title : "");
    $("now").classList.toggle("live", live);
    const slot = live ? state.slots[state.current] : null;
    const slide = slot && slot.pages > 0 ? t("slideOf", { page: slot.page, pages: slot.pages }) : "";
    setText($("now-slide"), slide);
    $("now-slide").hidden = !slide;
  }

  /** The countdown and the agenda's times: painted now, and again when the shown text changes. */
  function renderClock(state) {
    clearTimeout(clockTimer);
    const now = app.link.relayNow();
    const clock = clockOf(state, now);
    $("clock").hidden = !clock;
    if (clock) {
      $("clock").dataset.phase = clock.phase;
      setText($("phase-shape"), clock.shape);
      setText($("phase-label"), clock.label);
      setText(own("remaining"), clock.text);
      own("remaining").setAttribute("aria-label", clock.aria);
      if (clock.wait !== null) clockTimer = setTimeout(() => app.invalidate("clock"), clock.wait * 1000 + 5);
    }
    renderAgenda(state, now);
  }

  function renderAgenda(state, now) {
    const lines = agendaOf(state, now).map(agendaLine);
    $("agenda").hidden = lines.length < 2;
    const next = lines.find((line) => line.kind === "next");
    setText($("agenda-next"), next ? `${t("agendaNext")}: ${next.who}${next.when ? ` · ${next.when}` : ""}` : "");
    const list = $("agenda-list");
    const key = JSON.stringify(lines);
    if (list.dataset.key === key) return;
    list.dataset.key = key;
    reorder(
      list,
      lines.map((line) =>
        el(
          "li",
          { class: `agenda-item is-${line.kind}` },
          el("span", { class: "agenda-tag", text: line.tag }),
          el("span", { class: "agenda-who", text: line.who }),
          line.title ? el("span", { class: "agenda-title", text: line.title }) : null,
          el("span", { class: "agenda-when", text: [line.when, line.length].filter(Boolean).join(" · ") }),
        ),
      ),
    );
  }

  return { render, renderClock };
}
