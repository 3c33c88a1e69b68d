/** Open311 GeoReport v2, checked against the specification's text, through the route itself. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/open311/v2/[...path]/route";
import type { DatabaseHandle } from "@/db";
import { mails, reports, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { issueApiKey, revokeApiKey, listApiKeys } from "@/lib/dal/open311";
import { loadViewer } from "@/lib/dal/staff-auth";

let handle: DatabaseHandle;
let key: string;

const get = (path: string) => GET(new Request(`http://localhost/open311/v2/${path}`), { params: Promise.resolve({ path: path.split("?")[0].split("/") }) });
const post = (path: string, body: Record<string, string>) =>
  POST(new Request(`http://localhost/open311/v2/${path}`, { method: "POST", body: new URLSearchParams(body) }), {
    params: Promise.resolve({ path: path.split("/") }),
  });

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 120, log: () => {} });
  const [admin] = await handle.db.select().from(users).where(eq(users.role, "admin"));
  key = await issueApiKey(await loadViewer(admin.id), "FixMyCity app");
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("Open311 GeoReport v2", () => {
  it("discovery lists the endpoint and both formats", async () => {
    const body = await (await get("discovery.json")).json();
    expect(body.endpoints[0]).toMatchObject({ specification: "http://wiki.open311.org/GeoReport_v2", formats: ["application/json", "text/xml"] });
    expect(await (await get("discovery.xml")).text()).toContain("<discovery>");
  });

  it("services: one per public category with code, name, description, metadata, type, keywords and group", async () => {
    const list = await (await get("services.json")).json();
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(list[0]).toEqual({
      service_code: expect.any(String),
      service_name: expect.any(String),
      description: expect.any(String),
      metadata: false,
      type: "realtime",
      keywords: "",
      group: expect.any(String),
    });
    expect(list.map((s: { service_code: string }) => s.service_code)).not.toContain("insecurite");
    const xml = await (await get("services.xml")).text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>/);
    expect((await get("services/nid-de-poule.json")).status).toBe(200);
    expect((await get("services/nope.json")).status).toBe(404);
  });

  it("POST requests needs a valid key, a service code and a point, and returns the public number (the tracking number goes to the citizen alone)", async () => {
    const base = {
      service_code: "nid-de-poule",
      lat: "35.5712",
      long: "-5.3755",
      description: "Un nid-de-poule profond devant l'arrêt de bus.",
      email: "open311.citizen@example.org",
      first_name: "Omar",
      last_name: "Test",
    };
    const refused = await post("requests.json", base);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([{ code: 403, description: expect.any(String) }]);
    expect((await post("requests.json", { ...base, api_key: key, service_code: "" })).status).toBe(400);
    expect((await post("requests.json", { ...base, api_key: key, lat: "", long: "", address_string: "Rue Lucas" })).status).toBe(400);
    expect((await post("requests.json", { ...base, api_key: key, lat: "34.02", long: "-6.84" })).status).toBe(400);
    const created = await post("requests.json", { ...base, api_key: key });
    expect(created.status).toBe(201);
    const [ok] = await created.json();
    expect(ok.service_request_id).toMatch(/^[1-9][0-9]*$/);
    // The citizen gets the same acknowledgement as on the web, with the tracking number the app never sees.
    const sent = await handle.db.select().from(mails).where(eq(mails.to, "open311.citizen@example.org"));
    const [filed] = await handle.db
      .select()
      .from(reports)
      .where(eq(reports.publicNumber, Number(ok.service_request_id)));
    expect(sent[0].text).toContain(filed.trackingNumber);
    expect(JSON.stringify(ok)).not.toContain(filed.trackingNumber);

    const one = await (await get(`requests/${ok.service_request_id}.json`)).json();
    expect(one[0]).toMatchObject({
      service_request_id: ok.service_request_id,
      status: "open",
      service_code: "nid-de-poule",
      agency_responsible: "Voirie et trottoirs",
      lat: 35.5712,
      long: -5.3755,
    });
    expect(one[0].requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(JSON.stringify(one)).not.toMatch(/Omar|open311\.citizen/);
    expect((await get("requests/TET-0000-0000-0.json")).status).toBe(404);
    // The tracking number is a secret: Open311 does not know requests by it.
    expect((await get(`requests/${filed.trackingNumber}.json`)).status).toBe(404);
  });

  it("GET requests filters by ids, service, dates and status, and refuses bad parameters", async () => {
    const all = await (await get("requests.json")).json();
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(all)).not.toMatch(/@example\.org|\+212/);
    const open = await (
      await GET(new Request("http://localhost/open311/v2/requests.json?status=open&service_code="), { params: Promise.resolve({ path: ["requests.json"] }) })
    ).json();
    expect(open.every((r: { status: string }) => r.status === "open")).toBe(true);
    const ids = all
      .slice(0, 2)
      .map((r: { service_request_id: string }) => r.service_request_id)
      .join(",");
    const byIds = await (
      await GET(new Request(`http://localhost/open311/v2/requests.json?service_request_id=${ids}&status=closed`), {
        params: Promise.resolve({ path: ["requests.json"] }),
      })
    ).json();
    expect(byIds).toHaveLength(2);
    const bad = await GET(new Request("http://localhost/open311/v2/requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"), {
      params: Promise.resolve({ path: ["requests.xml"] }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("<errors><error><code>400</code>");
    expect(
      (await GET(new Request("http://localhost/open311/v2/requests.json?start_date=yesterday"), { params: Promise.resolve({ path: ["requests.json"] }) }))
        .status,
    ).toBe(400);
    // A date the database could not hold once the 90-day window is added: refused, not a 500.
    expect(
      (await GET(new Request("http://localhost/open311/v2/requests.json?start_date=9999-12-31"), { params: Promise.resolve({ path: ["requests.json"] }) }))
        .status,
    ).toBe(400);
  });

  it("a revoked key is refused", async () => {
    const [admin] = await handle.db.select().from(users).where(eq(users.role, "admin"));
    const viewer = await loadViewer(admin.id);
    const [k] = await listApiKeys(viewer);
    await revokeApiKey(viewer, k.id);
    expect(
      (await post("requests.json", { api_key: key, service_code: "nid-de-poule", lat: "35.5712", long: "-5.3755", description: "Encore un nid-de-poule." }))
        .status,
    ).toBe(403);
  });
});
