/* Geste service worker: precache every built file (app, models, wasm) so the app works offline.
   Cache-first for our own files; nothing is fetched from other origins. Written at build time. */
const VERSION = __GESTE_VERSION__;
const FILES = __GESTE_FILES__;
const CACHE = 'geste-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('geste-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // ignoreVary: the server sends Vary: Origin, and module scripts are requested with an Origin header
      // that the precache requests did not have.
      const hit = await cache.match(req, { ignoreSearch: req.mode === 'navigate', ignoreVary: true });
      if (hit) return hit;
      try {
        return await fetch(req);
      } catch (err) {
        if (req.mode === 'navigate') {
          const shell = await cache.match('./', { ignoreVary: true });
          if (shell) return shell;
        }
        throw err;
      }
    }),
  );
});

// A reminder notification (src/reminders/store.ts) opens Geste: an open tab is focused, else a new one on Home.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((tabs) => {
      const tab = tabs.find((c) => c.url.startsWith(self.registration.scope));
      if (tab) return tab.focus();
      return self.clients.openWindow(new URL('./#/home', self.registration.scope).href);
    }),
  );
});
