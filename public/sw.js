/*
 * e-reclamations service worker: lets a phone open the public pages, above all the report form,
 * without network. Kept by hand (a few rules, no build step):
 * - Next's hashed assets (/_next/static) never change: cache first;
 * - public pages: network first, the last good copy when there is no network;
 * - staff pages, sign-in, APIs, server actions and RSC requests are never cached (personal data,
 *   and answers that must be fresh). The report queue itself lives in the page (IndexedDB).
 */
const VERSION = "v1";
const PAGES = `pages-${VERSION}`;
const ASSETS = `assets-${VERSION}`;
/** Opened once at install so that the form works offline even if the citizen never saw it online. */
const PRECACHE = ["/report", "/"];
const PUBLIC_PAGE = /^\/(?:(?:ar|en)(?:\/|$))?(?:report|track|map|results)?\/?$/;

/** Keeps a page and the scripts and styles it names, so that it also works (hydrates) offline. */
async function keepPage(path, response) {
  const html = await response.clone().text();
  await (await caches.open(PAGES)).put(path, response);
  const assets = new Set(html.match(/\/_next\/static\/[^"'\s\\)]+/g) ?? []);
  const cache = await caches.open(ASSETS);
  await Promise.all(
    [...assets].map(async (asset) => {
      if (await cache.match(asset)) return;
      const fetched = await fetch(asset).catch(() => null);
      if (fetched?.ok) await cache.put(asset, fetched);
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all(
      PRECACHE.map((path) =>
        fetch(path, { credentials: "same-origin" })
          .then((response) => (response.ok ? keepPage(path, response) : undefined))
          .catch(() => undefined),
      ),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== PAGES && key !== ASSETS).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(
      caches.open(ASSETS).then(async (cache) => {
        const cached = await cache.match(request);
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok) cache.put(request, response.clone());
        return response;
      }),
    );
    return;
  }

  const isPage = request.mode === "navigate" && !request.headers.has("RSC") && PUBLIC_PAGE.test(url.pathname) && url.search === "";
  if (!isPage) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === "basic") event.waitUntil(keepPage(url.pathname, response.clone()).catch(() => undefined));
        return response;
      })
      .catch(async () => (await caches.match(url.pathname, { cacheName: PAGES })) ?? (await caches.match("/report", { cacheName: PAGES })) ?? Response.error()),
  );
});
