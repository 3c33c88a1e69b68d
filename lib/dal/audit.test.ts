import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { auditLog, categories, delegates, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import { auditFilterOf } from "@/lib/domain/audit-filter";
import { addHoliday, createStaffUser, removeHoliday, saveCategory, saveDelegate, setUserActive, updateCity } from "./admin";
import { listAudit, recordAudit } from "./audit";
import { issueApiKey, listApiKeys, revokeApiKey } from "./open311";
import { loadViewer } from "./staff-auth";

let handle: DatabaseHandle;
let admin: Viewer;
let coordinator: Viewer;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  const all = await handle.db.select().from(users);
  admin = (await loadViewer(all.find((u) => u.role === "admin")!.id))!;
  coordinator = (await loadViewer(all.find((u) => u.role === "coordinator")!.id))!;
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

const entries = async (action: string) => (await listAudit(admin, { actionPrefix: action })).filter((e) => e.action === action);

describe("the administration's audit log", () => {
  it("records every change with who, when, before and after, in the change's own transaction", async () => {
    const [cat] = await handle.db.select().from(categories).where(eq(categories.code, "feu-tricolore"));
    await saveCategory(admin, {
      id: cat.id,
      code: cat.code,
      serviceId: cat.serviceId,
      kind: cat.kind,
      location: cat.location,
      acknowledgementFr: undefined,
      acknowledgementAr: undefined,
      acknowledgementEn: undefined,
      nameFr: cat.name.fr,
      nameAr: cat.name.ar,
      nameEn: cat.name.en,
      descriptionFr: undefined,
      descriptionAr: undefined,
      descriptionEn: undefined,
      noticeFr: undefined,
      noticeAr: undefined,
      noticeEn: undefined,
      triageHours: 24,
      responseDays: 3,
      responseDayCount: "working",
      silenceRule: cat.silenceRule,
      isPrivate: cat.isPrivate,
      active: true,
      penaltyAmount: null,
    });
    const [changed] = await entries("category.update");
    expect(changed).toMatchObject({ actorUserId: admin.id, actorEmail: admin.email, actorRole: "admin", targetType: "category", targetId: String(cat.id) });
    expect(changed.before).toMatchObject({ responseDays: cat.responseDays });
    expect(changed.after).toMatchObject({ responseDays: 3, responseDayCount: "working" });

    await createStaffUser(admin, {
      email: "audit.agent@example.org",
      firstName: "Nora",
      lastName: "Audit",
      title: undefined,
      role: "agent",
      serviceId: cat.serviceId,
      delegateId: undefined,
      password: "Rz7!q pluie verte sur Tétouan",
    } as never);
    const [created] = await entries("user.create");
    expect(created.after).toMatchObject({ email: "audit.agent@example.org", role: "agent" });
    expect(JSON.stringify(created)).not.toMatch(/\$2[aby]\$|pluie verte/);
    await setUserActive(admin, { userId: created.targetId!, active: false });
    expect((await entries("user.deactivate"))[0]).toMatchObject({ before: { active: true }, after: { active: false } });

    await addHoliday(admin, { day: "2026-12-24", nameFr: "Veille de fête" });
    await removeHoliday(admin, "2026-12-24");
    expect((await entries("holiday.remove"))[0].before).toMatchObject({ day: "2026-12-24" });

    const [d] = await handle.db.select().from(delegates).limit(1);
    await saveDelegate(admin, {
      id: d.id,
      code: d.code,
      name: d.name,
      contractRef: d.contractRef ?? undefined,
      penaltyAmount: 60000,
      penaltyCurrency: d.penaltyCurrency,
      contactEmail: d.contactEmail ?? undefined,
    } as never);
    expect((await entries("delegate.update"))[0]).toMatchObject({ before: { penaltyAmountMinor: d.penaltyAmountMinor }, after: { penaltyAmountMinor: 60000 } });

    const key = await issueApiKey(admin, "Appli du journal");
    const [k] = (await listApiKeys(admin)).filter((x) => x.name === "Appli du journal");
    await revokeApiKey(admin, k.id);
    expect((await entries("api_key.issue"))[0].after).toMatchObject({ name: "Appli du journal" });
    expect((await entries("api_key.revoke"))[0].targetId).toBe(k.id);
    expect(JSON.stringify(await listAudit(admin))).not.toContain(key);
  });

  it("a change refused or rolled back leaves no entry", async () => {
    const before = (await listAudit(admin)).length;
    await expect(setUserActive(admin, { userId: "00000000-0000-4000-8000-000000000000", active: false })).rejects.toMatchObject({
      code: "admin.errors.user_unknown",
    });
    await expect(updateCity(coordinator, {} as never)).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    expect((await listAudit(admin)).length).toBe(before);
  });

  it("is append-only in the database itself, redacts secrets, and is read by administrators only", async () => {
    await recordAudit(null, {
      actor: admin,
      action: "user.update",
      targetType: "user",
      targetId: admin.id,
      before: { passwordHash: "$2b$12$abc" },
      after: { totpSecret: "JBSWY3DP" },
      address: "203.0.113.9",
    });
    const [entry] = await entries("user.update");
    expect(entry).toMatchObject({ before: { passwordHash: "[redacted]" }, after: { totpSecret: "[redacted]" }, address: "203.0.113.9" });
    const refusal = (q: Promise<unknown>) =>
      q.then(
        () => "accepted",
        (e: { message?: string; cause?: { message?: string } }) => `${e.message} ${e.cause?.message ?? ""}`,
      );
    expect(await refusal(handle.db.execute(sql`update audit_log set action = 'x' where id = ${entry.id}`))).toMatch(/append-only/);
    expect(await refusal(handle.db.execute(sql`delete from audit_log where id = ${entry.id}`))).toMatch(/append-only/);
    expect((await handle.db.select().from(auditLog).where(eq(auditLog.id, entry.id)))[0].action).toBe("user.update");
    for (const who of [null, coordinator]) await expect(listAudit(who)).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
  });
});

describe("the audit log's filters", () => {
  it("reads days in the city's time, names bad and reversed dates, and ignores unknown kinds", () => {
    const ok = auditFilterOf({ from: "2026-11-01", to: "2026-11-30", kind: "user" }, "Africa/Casablanca");
    expect(ok.error).toBeNull();
    expect(ok.filter).toMatchObject({ actionPrefix: "user." });
    expect(ok.filter.from!.toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(ok.filter.to!.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(auditFilterOf({ from: "2026-02-30" }, "UTC").error).toBe("bad_date");
    expect(auditFilterOf({ from: "2026-12-01", to: "2026-11-01" }, "UTC").error).toBe("reversed");
    expect(auditFilterOf({ kind: "'; drop" }, "UTC").filter.actionPrefix).toBeUndefined();
  });
});
