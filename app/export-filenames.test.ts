/**
 * The CSV exports' file names come from validated parts only: whatever the query says, the
 * Content-Disposition is an ASCII name of letters, digits and dashes with its RFC 6266 `filename*`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import { harnessMock, principal } from "./testing/harness";

vi.mock("@/lib/auth/session", () => harnessMock("@/lib/auth/session"));
vi.mock("@/lib/auth/config", () => harnessMock("@/lib/auth/config"));
vi.mock("next/headers", () => harnessMock("next/headers"));

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: false, reports: 0, log: () => {} });
  principal.viewer = {
    id: "00000000-0000-4000-8000-0000000000ca",
    email: "cabinet@example.org",
    role: "mayor_office",
    serviceId: null,
    delegateId: null,
    firstName: null,
    lastName: null,
    title: null,
  } as Viewer;
}, 120_000);
afterAll(async () => {
  principal.viewer = null;
  await handle?.close();
});

const HOSTILE = ['2026-01"; filename="evil.exe', "2026-01\u202egpj.exe", "../../etc/passwd", "2026-13", "pénalités", "2026-01-01T00:00:00Z;x=1"];
const SAFE = /^attachment; filename="([A-Za-z0-9_-]+\.csv)"; filename\*=UTF-8''\1$/;

describe("CSV exports' names", () => {
  it("penalties: the month only when it is a month, never the query's text", async () => {
    const { GET } = await import("./api/staff/penalties/export/route");
    const valid = await GET(new Request("http://localhost/api/staff/penalties/export?month=2026-03"));
    expect(valid.status).toBe(200);
    expect(valid.headers.get("content-disposition")).toBe(`attachment; filename="penalites-2026-03.csv"; filename*=UTF-8''penalites-2026-03.csv`);
    for (const month of HOSTILE) {
      const response = await GET(new Request(`http://localhost/api/staff/penalties/export?month=${encodeURIComponent(month)}`));
      expect(response.status, month).toBe(200);
      expect(response.headers.get("content-disposition"), month).toBe(`attachment; filename="penalites.csv"; filename*=UTF-8''penalites.csv`);
    }
  });

  it("statistics: the parsed period's days and dimension, never the query's text", async () => {
    const { GET } = await import("./api/staff/stats/export/route");
    const valid = await GET(new Request("http://localhost/api/staff/stats/export?from=2026-01-01&to=2026-03-31&dim=district"));
    expect(valid.status).toBe(200);
    expect(valid.headers.get("content-disposition")).toBe(
      `attachment; filename="statistiques-2026-01-01-2026-03-31-district.csv"; filename*=UTF-8''statistiques-2026-01-01-2026-03-31-district.csv`,
    );
    for (const value of HOSTILE) {
      // A dimension that is none is the default one.
      const response = await GET(new Request(`http://localhost/api/staff/stats/export?${new URLSearchParams({ from: "2026-01-01", dim: value })}`));
      expect(response.status, value).toBe(200);
      const header = response.headers.get("content-disposition")!;
      expect(header, value).toMatch(SAFE);
      expect(header, value).toMatch(/-service\.csv"/);
      expect(header, value).not.toMatch(/evil|etc|passwd|é|\u202e/);
      // A day that is none is named, as on the page: no file (of zeros), no name made of it.
      const refused = await GET(new Request(`http://localhost/api/staff/stats/export?${new URLSearchParams({ from: value, to: value, dim: value })}`));
      expect(refused.status, value).toBe(400);
      expect(await refused.json(), value).toEqual({ code: "stats.errors.invalid_date" });
      expect(refused.headers.get("content-disposition"), value).toBeNull();
    }
  });
});
