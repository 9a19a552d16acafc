// The invite link, and what this device remembers.
//
// A link looks like https://relay/audience/ROOM#TOKEN. The token is in the fragment, which the
// browser never sends to the relay; we take it out of the address bar at once (so it does not
// end up in a screenshot or a shared tab) and keep it in sessionStorage, so a reload still works.

const TOKEN = /^[A-Za-z0-9_-]{22,128}$/;
const ROOM = /^[A-Za-z0-9_-]{4,64}$/;
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

function storage(kind) {
  try {
    const store = window[kind];
    const probe = "kanpe.probe";
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch {
    return null; // storage disabled (some private modes): remember nothing, still work
  }
}

const session = storage("sessionStorage");
const local = storage("localStorage");

/** Read room and token for a page of ``kind`` ("audience" or "view"). */
export function readInvite(kind) {
  const parts = location.pathname.split("/");
  const at = parts.lastIndexOf(kind);
  let room = "";
  try {
    room = at >= 0 ? decodeURIComponent(parts[at + 1] || "") : "";
  } catch {
    room = "";
  }
  // Everything before /<kind>/ is the relay's base path (non-empty behind a reverse proxy).
  const base = at >= 0 ? parts.slice(0, at).join("/") : "";
  const key = `kanpe.token.${kind}.${room}`;
  let token = location.hash.slice(1);
  if (location.hash) {
    history.replaceState(history.state, "", location.pathname + location.search);
    if (token) session?.setItem(key, token);
  } else {
    token = session?.getItem(key) || "";
  }
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  // A corrected link pasted into this tab changes only the fragment, which reloads nothing:
  // reload, so the page reads the new link (replaceState above fires no hashchange).
  window.addEventListener("hashchange", () => {
    if (location.hash.length > 1) location.reload();
  });
  return {
    room,
    token,
    hadToken: Boolean(token),
    // Invite links carry no query string (docs/protocol.md 2.1): a link that has one was
    // mangled, or a token was put where a server could log it.
    valid: ROOM.test(room) && TOKEN.test(token) && !location.search,
    url: `${scheme}//${location.host}${base}/ws`,
  };
}

function randomId(bytes = 16) {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A stable id for this device, so the relay counts its votes and poll answers once. */
export function deviceId() {
  const saved = local?.getItem("kanpe.client");
  if (saved && CLIENT_ID.test(saved)) return saved;
  const fresh = randomId();
  local?.setItem("kanpe.client", fresh);
  return fresh;
}

export { randomId };

/** JSON in localStorage; any failure reads as ``fallback`` and writes are best effort. */
export const remember = {
  get(key, fallback) {
    try {
      const raw = local?.getItem(key);
      return raw === null || raw === undefined ? fallback : JSON.parse(raw);
    } catch {
      return fallback;
    }
  },
  set(key, value) {
    try {
      local?.setItem(key, JSON.stringify(value));
    } catch {
      // full or disabled: the page works, it just forgets
    }
  },
};
