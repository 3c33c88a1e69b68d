import { and, count, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DatabaseHandle } from "@/db";
import { attachments, categories, categoryForms, city, delegates, penalties, reportCategories, reportEvents, reports, services, users } from "@/db/schema";
import { openTestDatabase } from "@/db/testing";
import type { FileStorage } from "@/lib/storage";
import { fieldAnswersSchema, fieldInputName } from "@/lib/domain/request-fields";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import { REPORT_STATUSES } from "@/lib/domain/types";
import { seedDatabase } from "./index";

let handle: DatabaseHandle;
const now = new Date("2026-11-20T10:00:00Z");
/** The demo requests' files, kept in memory. */
const stored = new Map<string, { bytes: Buffer; mimeType: string }>();
const storage: FileStorage = {
  kind: "local",
  put: async (key, bytes, mimeType) => void stored.set(key, { bytes, mimeType }),
  get: async (key) => stored.get(key)?.bytes ?? null,
  delete: async (key) => void stored.delete(key),
};

beforeAll(async () => {
  handle = await openTestDatabase();
  const result = await seedDatabase(handle.db, { demo: true, reports: 300, now, storage, log: () => {} });
  expect(result.created).toBe(true);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const total = async (table: PgTable, where?: SQL) => (await handle.db.select({ n: count() }).from(table).where(where))[0].n;

describe("seedDatabase", () => {
  it("creates Tétouan with its services, delegates, categories and one account per role", async () => {
    const [c] = await handle.db.select().from(city);
    expect(c).toMatchObject({ timeZone: "Africa/Casablanca", currency: "MAD", trackingPrefix: "TET", holidayCountry: "MA" });
    expect(await total(services)).toBeGreaterThanOrEqual(8);
    expect(await total(categories)).toBeGreaterThanOrEqual(15);
    expect(await total(delegates)).toBe(3);
    expect(await total(services, isNotNull(services.delegateId))).toBe(3);
    expect(await total(categories, eq(categories.isPrivate, true))).toBeGreaterThanOrEqual(1);
    const rules = await handle.db.selectDistinct({ rule: categories.silenceRule }).from(categories);
    expect(rules.map((r) => r.rule).sort()).toEqual(["acceptance", "none", "rejection"]);
    const roles = await handle.db.selectDistinct({ role: users.role }).from(users);
    expect(roles.map((r) => r.role).sort()).toEqual(["admin", "agent", "coordinator", "delegate", "mayor_office"]);
    const hashes = await handle.db.select({ h: users.passwordHash }).from(users);
    expect(hashes.every((u) => u.h?.startsWith("$2"))).toBe(true);
  });

  it("creates 300 complaints in every state, inside the city, each with categories and a timeline", async () => {
    const everything = await handle.db.select().from(reports);
    // 300 complaints, and the requests of the 4 request types, each in the 8 states.
    expect(everything).toHaveLength(300 + 4 * REPORT_STATUSES.length);
    expect(new Set(everything.map((r) => r.trackingNumber)).size).toBe(everything.length);
    const all = everything.filter((r) => r.formCategoryId === null);
    expect(all).toHaveLength(300);
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(REPORT_STATUSES));
    for (const r of all) {
      expect(parseTrackingNumber(r.trackingNumber, "TET").ok).toBe(true);
      expect(r.lat).toBeGreaterThanOrEqual(35.53);
      expect(r.lat).toBeLessThanOrEqual(35.63);
      expect(r.lng).toBeGreaterThanOrEqual(-5.43);
      expect(r.lng).toBeLessThanOrEqual(-5.3);
      expect(r.submittedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      if (r.status === "answered" || r.status === "closed") expect(r.outcome).not.toBeNull();
      if (r.status === "duplicate") expect(r.duplicateOfId).not.toBeNull();
      if (r.isAnonymous) expect([r.citizenName, r.citizenEmail, r.citizenPhone]).toEqual([null, null, null]);
    }
    const perReport = await handle.db
      .select({
        id: reports.id,
        cats: sql<number>`(select count(*)::int from ${reportCategories} rc where rc.report_id = "reports"."id")`,
        events: sql<number>`(select count(*)::int from ${reportEvents} e where e.report_id = "reports"."id")`,
      })
      .from(reports);
    for (const r of perReport) {
      expect(r.cats).toBeGreaterThanOrEqual(1);
      expect(r.cats).toBeLessThanOrEqual(2);
      expect(r.events).toBeGreaterThanOrEqual(1);
    }
    // The timeline ends in the report's status.
    const mismatched = await handle.db.execute(sql`
      select r.id from ${reports} r
      where r.status <> (select e.to_status from ${reportEvents} e where e.report_id = r.id order by e.at desc, e.id desc limit 1)`);
    expect((mismatched as unknown as { rows: unknown[] }).rows).toHaveLength(0);
  });

  it("creates La Seyne-style request types with their own form, service, deadlines and acknowledgement", async () => {
    const types = await handle.db.select().from(categories).where(eq(categories.kind, "request"));
    expect(types.map((t) => t.code).sort()).toEqual([
      "aide-restauration-scolaire",
      "bibliotheque-inscription",
      "police-municipale-plainte",
      "question-generale",
    ]);
    for (const t of types) {
      expect(t.formVersion).toBe(1);
      for (const l of ["fr", "ar", "en"] as const) {
        expect(t.name[l]).toMatch(/\S/);
        expect(t.description?.[l]).toMatch(/\S/);
        expect(t.acknowledgement?.[l]).toMatch(/\S/);
      }
      const [form] = await handle.db
        .select()
        .from(categoryForms)
        .where(and(eq(categoryForms.categoryId, t.id), eq(categoryForms.version, 1)));
      expect(form.fields.length).toBeGreaterThan(0);
    }
    const byCode = new Map(types.map((t) => [t.code, t]));
    expect(byCode.get("aide-restauration-scolaire")).toMatchObject({ location: "none", silenceRule: "acceptance", responseDays: 60, isPrivate: false });
    expect(byCode.get("bibliotheque-inscription")).toMatchObject({ location: "none", isPrivate: false });
    expect(byCode.get("police-municipale-plainte")).toMatchObject({ location: "optional", isPrivate: true });
    expect(byCode.get("question-generale")).toMatchObject({ location: "none", isPrivate: false });
    const [question] = await handle.db
      .select()
      .from(categoryForms)
      .where(eq(categoryForms.categoryId, byCode.get("question-generale")!.id));
    expect(question.fields.map((f) => [f.code, f.kind])).toEqual([
      ["subject", "short_text"],
      ["question", "long_text"],
    ]);
    const owners = await handle.db
      .select({ code: services.code })
      .from(services)
      .where(
        sql`${services.id} in (${sql.join(
          types.map((t) => sql`${t.serviceId}`),
          sql`, `,
        )})`,
      );
    expect(owners.map((s) => s.code).sort()).toEqual(["accueil", "bibliotheque", "education", "securite"]);
  });

  it("files requests of each type in every state, with answers their form accepts, files where given, and no place where the type has none", async () => {
    const types = await handle.db.select().from(categories).where(eq(categories.kind, "request"));
    const forms = await handle.db.select().from(categoryForms);
    const files = await handle.db.select().from(attachments).where(isNotNull(attachments.fieldCode));
    for (const type of types) {
      const requests = await handle.db.select().from(reports).where(eq(reports.formCategoryId, type.id));
      expect(new Set(requests.map((r) => r.status))).toEqual(new Set(REPORT_STATUSES));
      const form = forms.find((f) => f.categoryId === type.id && f.version === 1)!;
      for (const r of requests) {
        expect(r.formVersion).toBe(1);
        expect(r.serviceId).toBe(type.serviceId);
        // Posted back as the form would, the stored answers are what the form's schema gives.
        const posted = Object.fromEntries(
          Object.entries(r.fields ?? {}).map(([code, v]) => [fieldInputName(code), typeof v === "boolean" ? (v ? "yes" : "no") : v]),
        );
        expect(fieldAnswersSchema(form.fields).parse(posted)).toEqual(r.fields);
        for (const field of form.fields.filter((f) => f.kind === "file")) {
          const ids = (r.fields?.[field.code] as string[] | undefined) ?? [];
          const own = files.filter((f) => f.reportId === r.id && f.fieldCode === field.code);
          expect(own.map((f) => f.id).sort()).toEqual([...ids].sort());
          for (const f of own) expect(stored.get(f.storageKey)?.bytes.subarray(0, 5).toString()).toBe("%PDF-");
        }
        if (type.location === "none") expect([r.lat, r.lng, r.districtId]).toEqual([null, null, null]);
        if (r.status === "duplicate") expect(requests.map((o) => o.id)).toContain(r.duplicateOfId);
        if (r.status === "answered" || r.status === "closed") expect(r.outcome).not.toBeNull();
        const cats = await handle.db.select().from(reportCategories).where(eq(reportCategories.reportId, r.id));
        expect(cats.map((c) => c.categoryId)).toEqual([type.id]);
      }
      if (type.location === "optional") {
        expect(requests.some((r) => r.lat === null)).toBe(true);
        expect(requests.some((r) => r.lat !== null)).toBe(true);
      }
    }
    // Some proofs of income are given (one or two files), some left out.
    const catering = types.find((t) => t.code === "aide-restauration-scolaire")!;
    const counts = (await handle.db.select().from(reports).where(eq(reports.formCategoryId, catering.id))).map(
      (r) => ((r.fields?.income_proof as string[] | undefined) ?? []).length,
    );
    expect(new Set(counts)).toEqual(new Set([0, 1, 2]));
    expect(await total(reports, and(isNull(reports.formCategoryId), isNull(reports.lat)))).toBe(0);
  });

  it("names who decided every decided penalty: the mayor's office", async () => {
    const decided = await handle.db
      .select({ state: penalties.state, role: users.role, firstName: users.firstName })
      .from(penalties)
      .leftJoin(users, eq(users.id, penalties.decidedByUserId))
      .where(isNotNull(penalties.decidedAt));
    expect(decided.length).toBeGreaterThan(0);
    for (const p of decided) expect(p).toMatchObject({ role: "mayor_office", firstName: expect.stringMatching(/\S/) });
    expect(await total(penalties, and(sql`${penalties.decidedAt} is null`, isNotNull(penalties.decidedByUserId)))).toBe(0);
  });

  it("is idempotent", async () => {
    const before = await total(reports);
    expect(await seedDatabase(handle.db, { demo: true, log: () => {} })).toEqual({ created: false, counts: {} });
    expect(await total(reports)).toBe(before);
    expect(await total(users, and(eq(users.role, "coordinator")))).toBe(1);
  });

  it("outside the demo seeds the reference data only: no account, no report", async () => {
    const fresh = await openTestDatabase();
    try {
      const result = await seedDatabase(fresh.db, { demo: false, reports: 50, log: () => {} });
      expect(result.counts).toMatchObject({ users: 0, reports: 0 });
      expect(await fresh.db.select().from(city)).toHaveLength(1);
      expect(await fresh.db.select().from(users)).toHaveLength(0);
      expect(await fresh.db.select().from(reports)).toHaveLength(0);
      expect((await fresh.db.select().from(categories)).length).toBeGreaterThanOrEqual(15);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
