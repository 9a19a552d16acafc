// Building DOM from data that may come from the network: text goes in as Text nodes or
// textContent, never as markup. There is deliberately no innerHTML anywhere in these pages.

/**
 * el("li", {class: "q", "aria-label": label}, child, "text", ...)
 * Props: class, text (textContent), on<event> handlers, anything else as an attribute.
 * Strings among the children become Text nodes, so they are never parsed as HTML.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** Set textContent only when it changed, so screen readers and layout are not disturbed. */
export function setText(node, text) {
  const value = String(text);
  if (node.textContent !== value) node.textContent = value;
}

/**
 * Put ``nodes`` into ``parent`` in this order, moving as few as possible, and give focus back if
 * a move took it away (moving a focused node blurs it, which strands keyboard users).
 */
export function reorder(parent, nodes) {
  const active = document.activeElement;
  const wanted = new Set(nodes);
  for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
  nodes.forEach((node, index) => {
    if (parent.children[index] !== node) parent.insertBefore(node, parent.children[index] || null);
  });
  if (active && active !== document.activeElement && active.isConnected) {
    active.focus({ preventScroll: true });
  }
}

const noteTimers = new Map();

/** Show a short status note in ``node`` (a role="status" element) and clear it after a while. */
export function note(node, text, ms = 4000) {
  setText(node, text);
  node.classList.add("shown");
  clearTimeout(noteTimers.get(node));
  noteTimers.set(
    node,
    setTimeout(() => {
      node.classList.remove("shown");
      setText(node, "");
    }, ms),
  );
}
