/**
 * The statistics CSV speaks its reader's language: the headers (and the total's label) in the
 * member of staff's own language, else in the city's default one.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { city, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import { harnessMock, principal } from "./testing/harness";

vi.mock("@/lib/auth/session", () => harnessMock("@/lib/auth/session"));
vi.mock("@/lib/auth/config", () => harnessMock("@/lib/auth/config"));
vi.mock("next/headers", () => harnessMock("next/headers"));

let handle: DatabaseHandle;
let reader: Viewer;
beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: false, reports: 0, log: () => {} });
  const [u] = await handle.db.insert(users).values({ email: "cabinet.csv@example.org", role: "mayor_office", passwordHash: "x" }).returning();
  reader = { id: u.id, email: u.email, role: "mayor_office", serviceId: null, delegateId: null, firstName: null, lastName: null, title: null } as Viewer;
  principal.viewer = reader;
}, 120_000);
afterAll(async () => {
  principal.viewer = null;
  await handle?.close();
});

async function csvLines(query = "from=2026-01-01&to=2026-03-31&dim=service") {
  const { GET } = await import("./api/staff/stats/export/route");
  const response = await GET(new Request(`http://localhost/api/staff/stats/export?${query}`));
  expect(response.status).toBe(200);
  return (await response.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
}

describe("the statistics CSV's language", () => {
  it("is none for programs (format=machine): codes, commas, no BOM", async () => {
    const { GET } = await import("./api/staff/stats/export/route");
    const response = await GET(new Request("http://localhost/api/staff/stats/export?from=2026-01-01&to=2026-03-31&dim=service&format=machine"));
    const text = await response.text();
    expect(text.startsWith("\uFEFF")).toBe(false);
    expect(text.split("\r\n")[0]).toMatch(/^service,name,received,routed,routed_on_time,answered,/);
  });

  it("a reversed period is named, not exported as zeros", async () => {
    const { GET } = await import("./api/staff/stats/export/route");
    const response = await GET(new Request("http://localhost/api/staff/stats/export?from=2026-03-31&to=2026-01-01"));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: "stats.errors.reversed" });
  });

  it("is the reader's own: English headers for a member of staff who chose English", async () => {
    await handle.db.update(users).set({ locale: "en" }).where(eq(users.id, reader.id));
    const lines = await csvLines();
    expect(lines[0]).toMatch(/^Service,Received,Routed,Routed on time,Answered,Answered on time,/);
    expect(lines[0]).toContain(",Cancelled penalties");
    expect(lines.at(-1)).toMatch(/^Total,0,/);
    // Every row has as many cells as the header.
    expect(new Set(lines.map((l) => l.split(",").length)).size).toBe(1);
    expect((await csvLines("from=2026-01-01&to=2026-03-31&dim=district"))[0]).toMatch(/^Neighbourhood,Received,/);
  });

  it("is the city's default when the reader chose none, French by default", async () => {
    await handle.db.update(users).set({ locale: null }).where(eq(users.id, reader.id));
    // French: `;` and the decimal comma, as a French spreadsheet expects.
    expect((await csvLines())[0]).toMatch(/^Service;Reçus;Orientés;Orientés dans le délai;/);
    await handle.db.update(city).set({ defaultLocale: "ar" });
    try {
      const lines = await csvLines();
      expect(lines[0]).toMatch(/^المصلحة;المستلمة;الموجَّهة;/);
      expect(lines.at(-1)).toMatch(/^المجموع;/);
    } finally {
      await handle.db.update(city).set({ defaultLocale: "fr" });
    }
  });
});
