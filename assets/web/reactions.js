// Reactions: five big buttons (and keys 1-5), a small local burst on each tap, everyone else's
// reactions floating up too, and tallies for the talk on stage. Reactions are the one thing the
// page drops rather than queues: it keeps a reserve of its rate budget for chat and votes.

import { el, note, setText } from "./dom.js";
import { onLanguage, t } from "./i18n.js";
import { remember } from "./invite.js";

const MAX_FLOATS = 24;
const RESERVE = 6;
const calm = window.matchMedia("(prefers-reduced-motion: reduce)");

function compact(n) {
  return n < 1000 ? String(n) : `${(n / 1000).toFixed(n < 10000 ? 1 : 0)}k`;
}

export function reactionsView({ app, bar, sky, noteNode }) {
  const buttons = [...bar.querySelectorAll(".react")];
  const echoes = {}; // own reactions whose event has not come back yet, per emoji

  function render(state) {
    const tally = state.reactions[state.current || ""] || {};
    for (const button of buttons) {
      const count = tally[button.dataset.emoji] || 0;
      setText(button.querySelector(".tally"), count ? compact(count) : "");
    }
  }

  function react(button) {
    const emoji = button.dataset.emoji;
    if (!app.link || app.link.status !== "online") {
      note(noteNode, t("reactOffline"));
      return;
    }
    if (!app.link.canSpend(RESERVE)) {
      note(noteNode, t("reactEasy"));
      return;
    }
    float(button, emoji, true);
    button.classList.remove("pop");
    void button.offsetWidth; // restart the press animation
    button.classList.add("pop");
    echoes[emoji] = (echoes[emoji] || 0) + 1;
    app.link.command("react", { emoji }, { droppable: true }).catch(() => {
      echoes[emoji] = Math.max(0, (echoes[emoji] || 0) - 1);
    });
  }

  function float(button, emoji, own) {
    if (document.visibilityState !== "visible" || sky.childElementCount >= MAX_FLOATS) return;
    const rect = button.getBoundingClientRect();
    const node = el("span", { class: own ? "float own" : "float", text: emoji });
    node.style.setProperty("--x", `${rect.left + rect.width / 2}px`);
    node.style.setProperty("--y", `${rect.top}px`);
    node.style.setProperty("--drift", `${Math.round((Math.random() - 0.5) * 80)}px`);
    node.addEventListener("animationend", () => node.remove());
    sky.append(node);
    if (calm.matches) setTimeout(() => node.remove(), 700);
  }

  /**
   * A ``reactions`` event's ``added`` (emoji -> how many since the last one): everyone else's
   * float up, as many as came in (up to the sky's limit); our own already did when tapped.
   */
  function arrived(added) {
    for (const [emoji, count] of Object.entries(added || {})) {
      const own = Math.min(echoes[emoji] || 0, count);
      echoes[emoji] = (echoes[emoji] || 0) - own;
      const button = buttons.find((b) => b.dataset.emoji === emoji);
      for (let i = 0; button && i < count - own; i += 1) float(button, emoji, false);
    }
  }

  for (const button of buttons) {
    button.addEventListener("click", () => react(button));
    button.addEventListener("animationend", () => button.classList.remove("pop"));
  }
  // Single-key shortcuts can be switched off (WCAG 2.1.4): speech input or a stray key press
  // would otherwise send reactions. Remembered on this device.
  const keysSwitch = bar.querySelector("#react-keys");
  let keysOn = remember.get("kanpe.reactKeys", true) !== false;
  const showKeys = () => {
    if (!keysSwitch) return;
    keysSwitch.setAttribute("aria-pressed", String(keysOn));
    setText(keysSwitch, keysOn ? t("keysOn") : t("keysOff"));
  };
  showKeys();
  onLanguage(showKeys);
  keysSwitch?.addEventListener("click", () => {
    keysOn = !keysOn;
    remember.set("kanpe.reactKeys", keysOn);
    showKeys();
  });
  document.addEventListener("keydown", (event) => {
    if (!keysOn) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || bar.closest("[hidden]")) return;
    if (event.target.closest?.("input, textarea, select, [contenteditable]")) return;
    const button = buttons[Number(event.key) - 1];
    if (button) react(button);
  });

  return { render, arrived };
}
