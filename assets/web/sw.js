// The audience page's offline shell. A reload while the relay is down (or the phone between
// networks) shows the page from here, with the room as it was last seen and the messages that
// wait to be sent, instead of the browser's "can't be reached" page.
//
// Network first, always: online, every file comes fresh from the relay (pages and scripts never
// mix versions after an upgrade); only when the relay cannot be reached does the copy kept here
// answer. Nothing with a token is ever requested or kept: tokens live in the URL fragment.

const CACHE = "kanpe-audience-1";
const SCOPE = new URL(self.registration.scope);
// Every page of the scope is the same file (the room comes from the path), kept under one key.
const SHELL = new URL("shell", SCOPE).href;
const STATIC = new URL("../static/", SCOPE).href;
const NETWORK_TIMEOUT = 4000;

/** The page and every static file it names (read from the page itself, not listed twice). */
async function keep() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: "no-cache" });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  const names = new Set([...html.matchAll(/(?:href|src)="\.\.\/static\/([A-Za-z0-9_.-]+)"/g)].map((m) => m[1]));
  await cache.addAll([...names].map((name) => STATIC + name));
}

self.addEventListener("install", (event) => {
  event.waitUntil(keep().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), NETWORK_TIMEOUT);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request));
    if (response.ok && response.type === "basic") await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || url.search) return;
  if (request.mode === "navigate" && url.href.startsWith(SCOPE.href)) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (url.href.startsWith(STATIC)) {
    event.respondWith(networkFirst(request, url.href));
  }
});
