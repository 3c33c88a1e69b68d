/** The public side: the map without personal data, the health check, the languages. */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";

/** The report marker drawn under the map's centre (where `/map?lat=&lng=` opens), once drawn. */
async function ownMarker(page: Page) {
  const markers = page.locator(".map-report");
  const atCentre = () =>
    markers.evaluateAll((paths) => {
      const frame = document.querySelector(".leaflet-container")?.getBoundingClientRect();
      if (!frame) return -1;
      const x = frame.left + frame.width / 2;
      const y = frame.top + frame.height / 2;
      return paths.findIndex((path) => {
        const box = path.getBoundingClientRect();
        return box.width > 0 && box.left <= x && x <= box.right && box.top <= y && y <= box.bottom;
      });
    });
  await expect.poll(atCentre, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
  return markers.nth(await atCentre());
}

test("the public map shows reports with status colours and no personal data", async ({ page, request }) => {
  const answered = page.waitForResponse((r) => r.url().includes("/api/map?"));
  await page.goto("/map");
  await expect(page.getByRole("heading", { level: 1, name: "Carte des signalements" })).toBeVisible();
  await expect(page.getByTestId("map-count")).toContainText(/\d+ signalements? dans cette zone/);
  await expect(page.locator(".map-report, .map-cluster").first()).toBeVisible();
  // The markers are drawn a batch per task (components/map/PublicMap.tsx): in the end, every item
  // the map was answered has its marker — more than one batch's worth on the city's first view.
  const first = ((await (await answered).json()) as { items: unknown[] }).items;
  expect(first.length).toBeGreaterThan(20);
  await expect(page.locator(".map-report, .map-cluster")).toHaveCount(first.length);
  // The legend's six statuses are the filter's checkboxes; clusters have their own look.
  const legend = page.getByRole("group", { name: "Légende des couleurs" });
  await expect(legend.getByRole("checkbox")).toHaveCount(6);
  await expect(legend).toContainText("Groupe de signalements");
  // The attribution's links are told apart from its text by more than colour (axe: link-in-text-block).
  await expect(page.locator(".leaflet-control-attribution a").first()).toHaveCSS("text-decoration-line", "underline");

  const response = await request.get("/api/map?bbox=-5.43,35.53,-5.30,35.63&zoom=18");
  expect(response.status()).toBe(200);
  const body = await response.text();
  type Item = { type: "report" | "cluster"; count?: number; status?: string };
  const items = JSON.parse(body).items as Item[];
  // The whole city at street zoom: at most ~200 cells whatever the zoom claimed (a small response),
  // and every seeded report on the map counted in a marker or a cluster.
  expect(items.length).toBeLessThanOrEqual(260);
  expect(body.length).toBeLessThan(30 * 1024);
  expect(items.reduce((sum, i) => sum + (i.type === "cluster" ? i.count! : 1), 0)).toBeGreaterThan(50);
  expect(body).not.toMatch(/@|TET-|\+212|citizen/i);
  // A street-sized viewport gets single reports with their status.
  const street = (await (await request.get("/api/map?bbox=-5.375,35.565,-5.355,35.58&zoom=18")).json()).items as Item[];
  expect(street.some((i) => i.type === "report" && i.status)).toBe(true);
  expect((await request.get("/api/map?bbox=nonsense&zoom=3")).status()).toBe(400);
  // Cacheable by browsers and CDNs, and an unchanged answer is a 304 without a body.
  expect(response.headers()["cache-control"]).toBe("public, max-age=10, stale-while-revalidate=20");
  expect(response.headers()["set-cookie"]).toBeUndefined();
  const etag = response.headers().etag;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const again = await request.get("/api/map?bbox=-5.43,35.53,-5.30,35.63&zoom=18", { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
  expect(await again.text()).toBe("");
});

test("the public map filters by status and category, and a marker's popup tells what it is and takes a +1", async ({ page, request }) => {
  // A report of its own, at a point of its own (reports filed by district share its centre: a cluster).
  const lat = (35.561 + Math.random() * 0.004).toFixed(5);
  const lng = (-5.352 - Math.random() * 0.004).toFixed(5);
  const filed = await request.post("/api/reports", {
    multipart: {
      idempotencyKey: `e2e-popup-${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`,
      categoryIds: "1",
      lat,
      lng,
      description: "Des sacs d'ordures éventrés devant l'arrêt de bus, depuis trois jours.",
      anonymous: "on",
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  await page.goto(`/map?lat=${lat}&lng=${lng}`);
  // The map opens centred on the report; the server answers for whole cells around the view, so
  // other markers may be drawn (clipped, without size) outside it: the test takes its own.
  await expect(await ownMarker(page)).toBeVisible();
  // Ticking a status asks the server for that status only.
  const filtered = page.waitForRequest((r) => /\/api\/map\?.*status=submitted/.test(r.url()));
  await page.getByRole("checkbox", { name: "Déposé" }).check();
  await filtered;
  const byCategory = page.waitForRequest((r) => /\/api\/map\?.*category=\d+/.test(r.url()));
  await page.getByLabel("Catégorie").selectOption({ label: "Ordures non collectées" });
  await byCategory;
  await (await ownMarker(page)).click();
  const popup = page.getByTestId("map-popup");
  await expect(popup.locator("q").first()).toHaveText("Des sacs d'ordures éventrés devant l'arrêt de bus, depuis trois jours.");
  await expect(popup).toContainText(/Soutiens \(« moi aussi »\) : \d+/);
  await popup.getByRole("button", { name: "+1 Moi aussi" }).click();
  await expect(popup.getByRole("status")).toHaveText("Merci, votre soutien est compté.");
  expect((await request.get("/api/map/reports/0")).status()).toBe(404);
});

test("a cluster on the public map zooms in on its reports when tapped or activated with Enter", async ({ page }) => {
  const zoomOf = (url: string) => Number(new URL(url).searchParams.get("zoom"));
  const first = page.waitForRequest(/\/api\/map\?/);
  await page.goto("/map");
  const before = zoomOf((await first).url());
  // A cluster cut by the map's edge or under a control is not a button (see components/map/tappable.ts).
  const cluster = page.locator('.map-cluster[role="button"]').first();
  await expect(cluster).toBeVisible();
  // Every cluster offered as a button can be tapped whole: inside the map, clear of its controls.
  const frame = (await page.locator(".leaflet-container").boundingBox())!;
  const controls = await Promise.all((await page.locator(".leaflet-control").all()).map((c) => c.boundingBox()));
  for (const button of await page.locator('.map-cluster[role="button"]').all()) {
    const box = (await button.boundingBox())!;
    expect(box.x >= frame.x && box.y >= frame.y && box.x + box.width <= frame.x + frame.width && box.y + box.height <= frame.y + frame.height).toBe(true);
    for (const c of controls) expect(c && box.x < c.x + c.width && c.x < box.x + box.width && box.y < c.y + c.height && c.y < box.y + box.height).toBeFalsy();
  }
  const next = page.waitForRequest((request) => /\/api\/map\?/.test(request.url()) && zoomOf(request.url()) > before);
  await cluster.focus();
  await page.keyboard.press("Enter");
  expect(zoomOf((await next).url())).toBe(before + 2);
});

test("at the closest zoom, a cluster that cannot split lists its reports under the map, each with its summary", async ({ page, request }) => {
  // Two reports at one point of their own (as reports filed at one address, or by district at its centre).
  const lat = (35.5645 + Math.random() * 0.003).toFixed(5);
  const lng = (-5.3565 - Math.random() * 0.003).toFixed(5);
  const texts = ["Lampadaire éteint devant le numéro 12, toute la rue est noire.", "Toujours éteint ce soir devant le 12, et le suivant clignote."];
  for (const description of texts) {
    const filed = await request.post("/api/reports", {
      multipart: {
        idempotencyKey: `e2e-cell-${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`,
        categoryIds: "1",
        lat,
        lng,
        description,
        anonymous: "on",
      },
    });
    expect(filed.status(), await filed.text()).toBe(201);
  }
  // `?lat=&lng=` opens the map at its closest zoom, centred on the point: the cluster is there.
  await page.goto(`/map?lat=${lat}&lng=${lng}`);
  const clusters = page.locator('.map-cluster[role="button"]');
  // A cluster sits at its cell's centre (64 px at this zoom), not at its reports' point: the one
  // nearest the map's centre, less than a cell away, is theirs.
  const atCentre = () =>
    clusters.evaluateAll((icons) => {
      const frame = document.querySelector(".leaflet-container")?.getBoundingClientRect();
      if (!frame) return -1;
      const [x, y] = [frame.left + frame.width / 2, frame.top + frame.height / 2];
      const away = icons.map((icon) => {
        const box = icon.getBoundingClientRect();
        return Math.hypot(box.left + box.width / 2 - x, box.top + box.height / 2 - y);
      });
      const nearest = away.indexOf(Math.min(...away));
      return nearest >= 0 && away[nearest] < 64 ? nearest : -1;
    });
  await expect.poll(atCentre, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
  const cluster = clusters.nth(await atCentre());
  await expect(cluster).toHaveAttribute("title", /signalements à cet endroit : touchez pour les lister/);
  await cluster.focus();
  await page.keyboard.press("Enter");
  const list = page.getByRole("region", { name: /Signalements à cet endroit : \d+/ });
  await expect(list.getByRole("heading", { level: 2 })).toBeFocused();
  // The latest first: the second report filed, then the first.
  const items = list.getByRole("listitem");
  await expect(items.first()).toContainText("Déposé");
  await items.nth(0).getByRole("button", { name: "Voir le détail" }).click();
  await expect(items.nth(0).getByTestId("map-popup").locator("q").first()).toHaveText(texts[1]);
  await items.nth(1).getByRole("button", { name: "Voir le détail" }).click();
  await expect(items.nth(1).getByTestId("map-popup").locator("q").first()).toHaveText(texts[0]);
  await list.getByRole("button", { name: "Fermer la liste" }).click();
  await expect(list).toHaveCount(0);
  // The list's answer: the cell's latest reports and how many, nothing personal.
  const bbox = `${Number(lng) - 0.002},${Number(lat) - 0.002},${Number(lng) + 0.002},${Number(lat) + 0.002}`;
  const cell = await (await request.get(`/api/map?bbox=${bbox}&zoom=18&cell=${lat},${lng}`)).json();
  expect(cell.total).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(cell)).not.toMatch(/@|TET-|\+212|citizen|Lampadaire/);
  expect((await request.get(`/api/map?bbox=${bbox}&zoom=18&cell=nonsense`)).status()).toBe(400);
});

test("a page view downloads no other page: the site's navigation is not prefetched", async ({ page }) => {
  const pagesFetched: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.searchParams.has("_rsc") || request.headers().rsc === "1") pagesFetched.push(url.pathname);
  });
  await page.goto("/track");
  // The service worker is installed once the page is loaded and idle, so the page is hydrated and
  // its links are live by then; what they would prefetch has had time to be asked for.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link")).toHaveCount(4);
  expect(pagesFetched).toEqual([]);
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/report");
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["permissions-policy"]).toContain("geolocation=(self)");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("scripts run only with the page's nonce, a fresh one on every response", async ({ page, request }) => {
  const nonceOf = (policy: string) => /script-src [^;]*'nonce-([^']+)'/.exec(policy)?.[1];
  const first = await request.get("/report");
  const policy = first.headers()["content-security-policy"];
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).not.toContain("unsafe-eval");
  const nonce = nonceOf(policy)!;
  expect(nonce).toBeTruthy();
  expect(nonceOf((await request.get("/report")).headers()["content-security-policy"])).not.toBe(nonce);
  // Every script of the page carries this response's nonce.
  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // The pages work under the policy: nothing is refused, and the form reacts (hydrated).
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  for (const path of ["/", "/map", "/track", "/ar/report"]) await page.goto(path);
  await page.goto("/report");
  await page.getByRole("checkbox", { name: "Ordures non collectées" }).check();
  await expect(page.getByRole("checkbox", { name: "Ordures non collectées" })).toBeChecked();
  await page.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Le signalement n'a pas pu être envoyé" })).toBeVisible();
  expect(refused).toEqual([]);
});

test("the health check answers with the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok", driver: "pglite" });
});

test("Arabic pages are right-to-left and the form is translated", async ({ page }) => {
  await page.goto("/ar/report");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { level: 1, name: "التبليغ عن مشكل" })).toBeVisible();
  await page.getByRole("button", { name: "إرسال الشكاية" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "اختاروا فئة واحدة على الأقل." })).toBeVisible();
});
