// Working through a relay that is down: the service worker that keeps the page (sw.js), and the
// room as it was last seen, kept for this tab so a reload offline shows it rather than nothing.

const SNAPSHOT = "kanpe.snapshot.";

/** Register the offline shell. Its scope is the folder of the page (/audience/). */
export function keepPageOffline() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("./sw.js", { scope: "./" }).catch(() => {
    // not allowed here (a private window, plain http on another host): the page works online
  });
}

/** Keep ``state`` for this tab, for a reload that finds the relay down. Written when the page
 * goes away (a reload, a tab put in the background), not on every change. */
export function keepSnapshot(room, state) {
  if (!state) return;
  try {
    sessionStorage.setItem(SNAPSHOT + room, JSON.stringify(state));
  } catch {
    // full or disabled: a reload offline shows the page without the room
  }
}

/** The room as this tab last saw it, or null. */
export function lastSnapshot(room) {
  try {
    const state = JSON.parse(sessionStorage.getItem(SNAPSHOT + room) || "null");
    return state && typeof state === "object" && state.rundown && Array.isArray(state.chat) ? state : null;
  } catch {
    return null;
  }
}
