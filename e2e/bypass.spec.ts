/**
 * The requests that bypassed Next.js middleware in 2025–2026 (`x-middleware-subrequest`, RSC and
 * segment-prefetch variants, `.rsc` paths) reach nothing here: authorization does not live in the
 * proxy but in each page's data layer, so an anonymous caller gets no staff data whichever way it
 * asks. Each answer is checked for the seeded citizens' emails and phones; the staff APIs must refuse.
 */
import { expect, test } from "./support/test";

const STAFF_PAGES = [
  "/staff/triage",
  "/staff/desk",
  "/staff/stats",
  "/staff/penalties",
  "/staff/admin",
  "/staff/admin/users",
  "/staff/admin/privacy",
  "/staff/intake",
  "/delegate",
  "/en/staff/triage",
];
const STAFF_APIS = [
  "/api/staff/penalties/export",
  "/api/staff/stats/export?from=2020-01-01&to=2030-01-01&dimension=service",
  "/api/staff/files/00000000-0000-4000-8000-000000000000",
];

const VARIANTS: { name: string; headers?: Record<string, string>; suffix?: string }[] = [
  { name: "plain" },
  { name: "x-middleware-subrequest (middleware)", headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" } },
  { name: "x-middleware-subrequest (proxy)", headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } },
  {
    name: "x-middleware-subrequest (src/)",
    headers: { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
  },
  { name: "RSC request", headers: { RSC: "1" } },
  { name: "segment prefetch", headers: { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" } },
  { name: ".rsc path", suffix: ".rsc" },
  { name: "_rsc query", suffix: "?_rsc=1a2b3" },
];

/** What must never reach an anonymous caller: the seeded citizens' emails and phones. */
function expectNoStaffData(body: string, where: string) {
  expect(/[a-z]+\.[a-z-]+\.\d+@example\.org/.test(body), `${where}: a citizen's email`).toBe(false);
  expect(/\+212 6\d{8}/.test(body), `${where}: a citizen's phone`).toBe(false);
}

for (const variant of VARIANTS) {
  test(`anonymous, ${variant.name}: no staff page or staff API answers with data`, async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: variant.headers ?? {}, maxRedirects: 0 });
    for (const path of STAFF_PAGES) {
      const url = variant.suffix ? `${path}${variant.suffix}` : path;
      const response = await request.get(url);
      expect(response.status(), url).toBeLessThan(500);
      expectNoStaffData(await response.text(), `${variant.name} ${url}`);
    }
    for (const path of STAFF_APIS) {
      // Next answers an RSC request without its cache-busting parameter with a redirect: follow it.
      const response = await request.get(path, { maxRedirects: 5 });
      const body = await response.text();
      expect([401, 403, 404], `${variant.name} ${path} → ${response.status()} ${response.headers().location ?? ""} ${body.slice(0, 200)}`).toContain(
        response.status(),
      );
      expectNoStaffData(body, `${variant.name} ${path}`);
    }
    // The tick needs its secret, the Open311 POST its key, whatever the headers say.
    expect([401, 503]).toContain((await request.post("/api/cron/tick", { maxRedirects: 5 })).status());
    const open311 = await request.post("/open311/v2/requests.json", {
      form: { service_code: "nid-de-poule", lat: "35.5712", long: "-5.3755", description: "Contournement ?" },
      maxRedirects: 5,
    });
    expect(open311.status()).toBe(403);
    await request.dispose();
  });
}
