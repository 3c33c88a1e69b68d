/** The report endpoint a phone's offline queue posts to: same checks as the form, safe to retry. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/reports/route";
import { rowsOf, type DatabaseHandle } from "@/db";
import { categories, mails, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { limits } from "@/lib/dal/rate-limits";
import { connectionFrom } from "@/lib/auth/address-testing";

let handle: DatabaseHandle;
let categoryId: number;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0 });
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
  POST(new Request("http://localhost/api/reports", { method: "POST", body: form, headers: connectionFrom(address) }));

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

    const garbage = await POST(
      new Request("http://localhost/api/reports", { method: "POST", body: "%%%", headers: { "content-type": "multipart/form-data; boundary=x" } }),
    );
    expect(garbage.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it("files exactly the address's quota, refuses the next without filing it, and still answers a retry", async () => {
    const address = "203.0.113.50";
    const quota = limits().reportPerAddress.limit;
    const anonymous = (i: number) => body({ idempotencyKey: `quota-key-${String(i).padStart(16, "0")}`, anonymous: "on", name: "", email: "" });
    const before = await count();
    // Concurrent, as a school's shared address would send them: the limit holds under the race.
    const answers = await Promise.all(Array.from({ length: quota + 3 }, (_, i) => post(anonymous(i), address)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(quota);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(3);
    expect((await refused[0].json()).code).toBe("report.errors.rate_limited");
    expect(await count()).toBe(before + quota);
    const filedEvents = await handle.db.execute(
      sql`select count(*)::int as n from report_events e join reports r on r.id = e.report_id where r.idempotency_key like 'quota-key-%'`,
    );
    expect(rowsOf<{ n: number }>(filedEvents)[0].n).toBe(quota);

    // A form already filed, sent again after the quota is spent, gets its number back.
    const filedIndex = answers.findIndex((a) => a.status === 201);
    const retry = await post(anonymous(filedIndex), address);
    expect(retry.status).toBe(201);
    expect(await count()).toBe(before + quota);
  });

  it("counts an email's reports across addresses", async () => {
    const quota = limits().reportPerEmail.limit;
    const byEmail = (i: number) => body({ idempotencyKey: `email-quota-${String(i).padStart(16, "0")}`, email: "flood@example.org" });
    for (let i = 0; i < quota; i++) expect((await post(byEmail(i), `192.0.2.${i + 1}`)).status).toBe(201);
    const before = await count();
    const over = await post(byEmail(quota), "192.0.2.200");
    expect(over.status).toBe(429);
    expect(await count()).toBe(before);
  });
});
