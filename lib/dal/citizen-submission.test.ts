/** The report endpoint a phone's offline queue posts to: same checks as the form, safe to retry. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/reports/route";
import type { DatabaseHandle } from "@/db";
import { categories, mails, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";

let handle: DatabaseHandle;
let categoryId: number;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { reports: 0 });
  categoryId = (await handle.db.select().from(categories)).find((c) => !c.isPrivate)!.id;
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

function body(overrides: Record<string, string> = {}) {
  const form = new FormData();
  const fields: Record<string, string> = {
    idempotencyKey: "offline-queue-key-000001",
    locale: "ar",
    categoryIds: String(categoryId),
    lat: "35.578500",
    lng: "-5.368400",
    description: "Un nid-de-poule profond au milieu de la chaussée.",
    name: "Samira Hors-Ligne",
    email: "samira.queue@example.org",
    ...overrides,
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

const post = (form: FormData, address = "198.51.100.7") =>
  POST(new Request("http://localhost/api/reports", { method: "POST", body: form, headers: { "x-forwarded-for": address } }));

const count = async () => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0].n;

describe("POST /api/reports", () => {
  it("files the report, acknowledges it in the citizen's language, and answers the same number to a retry", async () => {
    const first = await post(body());
    expect(first.status).toBe(201);
    const { trackingNumber } = await first.json();
    expect(trackingNumber).toMatch(/^TET-/);
    const [row] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber));
    expect(row.locale).toBe("ar");
    expect(row.channel).toBe("web");

    // The network dropped the first answer: the phone sends the same body again.
    const again = await post(body());
    expect(again.status).toBe(201);
    expect((await again.json()).trackingNumber).toBe(trackingNumber);
    expect(await handle.db.select().from(mails).where(eq(mails.to, "samira.queue@example.org"))).toHaveLength(1);
  });

  it("refuses the same key with another body, and invalid input, writing nothing", async () => {
    const before = await count();
    const changed = await post(body({ description: "Une autre description, tout à fait différente." }));
    expect(changed.status).toBe(400);
    expect((await changed.json()).code).toBe("report.errors.idempotency_conflict");

    const invalid = await post(body({ idempotencyKey: "offline-queue-key-000002", email: "pas-une-adresse", description: "court" }));
    expect(invalid.status).toBe(400);
    const answer = await invalid.json();
    expect(answer.fieldErrors).toEqual({ description: ["report.errors.description_too_short"], email: ["report.errors.email_invalid"] });
    expect(JSON.stringify(answer)).not.toContain("pas-une-adresse");

    const garbage = await POST(new Request("http://localhost/api/reports", { method: "POST", body: "%%%", headers: { "content-type": "multipart/form-data; boundary=x" } }));
    expect(garbage.status).toBe(400);
    expect(await count()).toBe(before);
  });
});
