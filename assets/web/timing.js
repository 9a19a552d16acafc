// The time on the audience and viewer pages: the live talk's countdown (a deadline in relay time,
// remaining computed when painted, repainted when the shown text changes) and the evening's
// agenda from the rundown: what is on now, what is next, and about when, on this device's clock.

import { displaySeconds, formatClock, phaseFor, remainingAt, untilNextChange } from "./countdown.js";
import { clockTime, t } from "./i18n.js";
import { stageSlot } from "./mirror.js";

/** Each phase differs in shape and words, not only in colour. */
export const PHASE_LOOK = {
  normal: { shape: "●", key: "phaseNormal" },
  warning: { shape: "▲", key: "phaseWarning" },
  final: { shape: "■", key: "phaseFinal" },
  overtime: { shape: "◆", key: "phaseOvertime" },
  paused: { shape: "❚❚", key: "phasePaused" },
  idle: { shape: "○", key: "phaseIdle" },
};

/** "25 min", "40 s". */
export function length(seconds) {
  const minutes = Math.round(seconds / 60);
  return minutes >= 1 ? t("minutes", { n: minutes }) : t("seconds", { n: Math.round(seconds) });
}

/**
 * The clock of the talk on stage at relay time ``now`` (null before the first time sample):
 * {phase, shape, label, text, aria, wait}, where ``wait`` is the seconds until the shown text
 * changes (null if it will not). Null when no talk is on stage, or a running one cannot be
 * painted yet.
 */
export function clockOf(state, now) {
  const { plan, live } = stageSlot(state);
  const slot = live ? state.slots[state.current] : null;
  if (!slot) return null;
  const timer = slot.timer;
  if (timer.status === "running" && now === null) return null;
  const remaining = remainingAt(timer, now ?? 0);
  const phase =
    timer.status === "running" ? phaseFor(remaining, plan?.warning ?? 300, plan?.final ?? 60) : timer.status;
  const look = PHASE_LOOK[phase];
  const label = phase === "final" && plan && plan.final !== 60 ? t("phaseFinalStretch") : t(look.key);
  const shown = displaySeconds(remaining);
  const text = formatClock(shown);
  const aria = t(shown < 0 ? "timeOver" : "timeLeft", { label, time: text });
  return { phase, shape: look.shape, label, text, aria, wait: untilNextChange(timer, now ?? 0) };
}

/**
 * The rundown as an agenda at relay time ``now``: [{plan, kind, at}], kind one of "done", "now",
 * "next", "later"; ``at`` the expected start on this device's clock (a Date) for the talks after
 * a running one, else null. Expected starts assume each talk takes its planned time.
 */
export function agendaOf(state, now) {
  const slots = state.rundown.slots;
  const currentIndex = slots.findIndex((plan) => plan.id === state.current);
  const running = state.current ? state.slots[state.current]?.timer : null;
  // Relay time the next talk would start; known only while the one on stage runs.
  let cursor = running?.status === "running" && now !== null ? Math.max(now, running.deadline) : null;
  let nextGiven = false;
  return slots.map((plan, index) => {
    const timer = state.slots[plan.id]?.timer;
    if (plan.id === state.current) return { plan, kind: "now", at: null };
    if (timer && timer.status !== "idle") return { plan, kind: "done", at: null };
    const ahead = index > currentIndex;
    let at = null;
    if (ahead && cursor !== null) {
      at = new Date(Date.now() + (cursor - now) * 1000);
      cursor += plan.duration;
    }
    const kind = ahead && !nextGiven ? "next" : "later";
    if (kind === "next") nextGiven = true;
    return { plan, kind, at };
  });
}

const KIND_KEY = { done: "agendaDone", now: "agendaNow", next: "agendaNext", later: "agendaLater" };

/** One line of the agenda, as text parts: [tag, when, who, title, length]. */
export function agendaLine({ plan, kind, at }) {
  return {
    kind,
    tag: t(KIND_KEY[kind]),
    when: at ? t("around", { time: clockTime(at) }) : "",
    who: plan.speaker || plan.title || plan.id,
    title: plan.speaker ? plan.title : "",
    length: length(plan.duration),
  };
}
