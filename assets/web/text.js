// Text from the network, shown safely: links made clickable (http and https only) by building
// nodes, never markup; stacks of combining marks ("Zalgo") cut down so they stay in their bubble;
// long messages clamped behind a "more" button; the badge of a host or a speaker.

import { el } from "./dom.js";
import { t } from "./i18n.js";

// A URL runs to the next space or quote-like character; trailing punctuation is not part of it.
const URL_PATTERN = /https?:\/\/[^\s<>"'「」『』（）、。]+/gi;
const TRAILING = /[.,;:!?)\]}>'"…]+$/;
// More than this many combining marks on one character is decoration, not writing.
const MAX_MARKS = 3;
const MARK_RUN = new RegExp(`(\\p{M}{${MAX_MARKS}})\\p{M}+`, "gu");
/** Text this long (wide characters count twice) is clamped to a few lines behind "more". */
const CLAMP_WEIGHT = 220;

/** ``text`` with runs of combining marks cut to MAX_MARKS per character. */
export function tameMarks(text) {
  return text.replace(MARK_RUN, "$1");
}

function safeUrl(candidate) {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Text nodes and <a> elements for ``text``: each http(s) URL a link whose visible text is the
 * URL as written, opening in a new tab with no opener and no referrer. */
export function linkified(text) {
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const written = match[0].replace(TRAILING, "");
    const href = safeUrl(written);
    if (!href) continue;
    if (match.index > at) nodes.push(text.slice(at, match.index));
    nodes.push(el("a", { href, target: "_blank", rel: "noopener noreferrer", text: written }));
    at = match.index + written.length;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}

function weight(text) {
  let total = 0;
  for (const char of text) total += char.codePointAt(0) > 0x2e80 ? 2 : 1;
  return total;
}

/** A <span class="text"> for a message's text; long ones clamped, with a "more" button after. */
export function messageText(text, tag = "span", props = {}) {
  const shown = tameMarks(text);
  const body = el(tag, { ...props, class: `text ${props.class || ""}`.trim() }, ...linkified(shown));
  if (weight(shown) <= CLAMP_WEIGHT) return [body];
  body.classList.add("clamped");
  const more = el("button", { type: "button", class: "link-button more", "aria-expanded": "false", text: t("more") });
  more.addEventListener("click", () => {
    const open = body.classList.toggle("clamped");
    more.setAttribute("aria-expanded", String(!open));
    more.textContent = open ? t("more") : t("less");
  });
  return [body, more];
}

/** The badge of a message from the host or a speaker (``role`` is set by the relay), or null. */
export function roleBadge(role) {
  if (role === "host") return el("span", { class: "role-badge badge-host", text: t("badgeHost") });
  if (role === "speaker") return el("span", { class: "role-badge badge-speaker", text: t("badgeSpeaker") });
  return null;
}
