import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { auditLog, categories, mails, passwordResets, reports, services, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import { localDateOf } from "@/lib/domain/deadlines";
import type { ReportInput } from "@/lib/domain/report-input";
import { cityInputSchema, userActiveSchema } from "@/lib/domain/admin-input";
import { resetLinkIsValid, resetPassword } from "./account";
import { addHoliday, createStaffUser, getAdminOverview, getHolidayCalendar, saveCategory, setUserActive, updateCity, updateStaffUser } from "./admin";
import { getReportFormReference } from "./reference";
import { submitReport } from "./reports";
import { loadViewer, verifyStaffCredentials } from "./staff-auth";

/** `failNext`: the next mail queued throws, as an outbox that cannot be written would. */
const outbox = vi.hoisted(() => ({ failNext: false }));
vi.mock("./mails", async (original) => {
  const actual = await original<typeof import("./mails")>();
  return {
    ...actual,
    queueMail: async (...args: Parameters<typeof actual.queueMail>) => {
      if (outbox.failNext) {
        outbox.failNext = false;
        throw new Error("outbox unavailable");
      }
      return actual.queueMail(...args);
    },
  };
});

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

describe("administration", () => {
  it("is refused to everyone but administrators", async () => {
    for (const who of [null, coordinator]) {
      await expect(getAdminOverview(who)).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
      await expect(addHoliday(who, { day: "2026-12-24", nameFr: "Veille" })).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    }
  });

  it("changes a category's deadline and a holiday, which the next report's due date follows", async () => {
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
      responseDays: 2,
      responseDayCount: "working",
      silenceRule: "none",
      isPrivate: false,
      active: true,
      penaltyAmount: null,
    });
    await addHoliday(admin, { day: "2026-12-01", nameFr: "Fête locale" });
    // Monday 30 Nov + 2 working days, Tuesday 1 Dec being a local holiday: Wednesday 2, Thursday 3 Dec.
    const { trackingNumber } = await submitReport(
      {
        categoryIds: [cat.id],
        lat: 35.5712,
        lng: -5.3755,
        address: undefined,
        description: "Le feu du carrefour est éteint depuis ce matin.",
        anonymous: true,
        name: undefined,
        attachmentTokens: [],
        idempotencyKey: "admin-test-key-000001",
        website: "",
      } as ReportInput,
      { locale: "fr", now: new Date("2026-11-30T09:00:00Z") },
    );
    const [r] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber));
    expect(localDateOf(r.responseDueAt, "Africa/Casablanca")).toBe("2026-12-03");
    expect(r.routingDueAt.toISOString()).toBe("2026-12-01T09:00:00.000Z"); // triage now 24 h
  });

  it("keeps a category's description and notice in each language; a missing one falls back to the city's default", async () => {
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
      descriptionFr: "Feu éteint ou bloqué.",
      descriptionAr: "إشارة ضوئية معطلة.",
      descriptionEn: undefined,
      noticeFr: undefined,
      noticeAr: "في حالة الخطر اتصلوا بالرقم 19.",
      noticeEn: undefined,
      triageHours: cat.triageHours,
      responseDays: cat.responseDays,
      responseDayCount: cat.responseDayCount,
      silenceRule: cat.silenceRule,
      isPrivate: cat.isPrivate,
      active: true,
      penaltyAmount: null,
    });
    const shown = async (locale: "fr" | "ar" | "en") =>
      (await getReportFormReference(locale)).services.flatMap((s) => s.categories).find((c) => c.id === cat.id)!;
    expect(await shown("ar")).toMatchObject({
      description: { text: "إشارة ضوئية معطلة.", lang: "ar" },
      notice: { text: "في حالة الخطر اتصلوا بالرقم 19.", lang: "ar" },
    });
    // English missing: the city's default language (French), marked as French; the Arabic-only notice is still shown.
    expect(await shown("en")).toMatchObject({ description: { text: "Feu éteint ou bloqué.", lang: "fr" }, notice: { lang: "ar" } });
    const [after] = await handle.db.select().from(categories).where(eq(categories.id, cat.id));
    expect(after.description).toEqual({ fr: "Feu éteint ou bloqué.", ar: "إشارة ضوئية معطلة." });
  });

  it("creates staff accounts that can sign in, and deactivates them", async () => {
    const [voirie] = await handle.db.select().from(services).where(eq(services.code, "voirie"));
    await createStaffUser(admin, {
      email: "sara.alami@demo.tetouan.ma",
      firstName: "Sara",
      lastName: "Alami",
      title: "Technicienne",
      role: "agent",
      serviceId: voirie.id,
      delegateId: undefined,
      password: "un mot de passe assez long",
    });
    await expect(
      createStaffUser(admin, {
        email: "SARA.alami@demo.tetouan.ma",
        firstName: "S",
        lastName: "A",
        title: undefined,
        role: "agent",
        serviceId: voirie.id,
        delegateId: undefined,
        password: "un mot de passe assez long",
      }),
    ).rejects.toMatchObject({ code: "admin.errors.email_taken" });
    const ok = await verifyStaffCredentials("sara.alami@demo.tetouan.ma", "un mot de passe assez long", "10.1.1.1");
    expect(ok).toMatchObject({ ok: true, viewer: { role: "agent", serviceId: voirie.id } });
    const id = ok.ok ? ok.viewer.id : "";
    await setUserActive(admin, { userId: id, active: false });
    expect(await loadViewer(id)).toBeNull();
    await expect(setUserActive(admin, { userId: admin.id, active: false })).rejects.toMatchObject({ code: "admin.errors.cannot_deactivate_self" });
  });

  it("edits an account's role, service, name and title, audited; refused to anyone but an administrator", async () => {
    const [voirie] = await handle.db.select().from(services).where(eq(services.code, "voirie"));
    const [proprete] = await handle.db.select().from(services).where(eq(services.code, "proprete"));
    const [u] = await handle.db
      .insert(users)
      .values({ email: "edit.me@demo.tetouan.ma", role: "agent", serviceId: voirie.id, firstName: "Nadia", lastName: "B", passwordHash: "x" })
      .returning();
    const edit = {
      userId: u.id,
      firstName: "Nadia",
      lastName: "Bennani",
      title: "Cheffe du service propreté",
      role: "coordinator" as const,
      serviceId: proprete.id,
      delegateId: undefined,
    };
    for (const who of [null, coordinator]) {
      await expect(updateStaffUser(who, edit)).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    }
    expect((await handle.db.select().from(users).where(eq(users.id, u.id)))[0]).toMatchObject({ role: "agent", lastName: "B" });
    await updateStaffUser(admin, edit);
    // A coordinator has no service: the one chosen for an agent is not kept.
    expect((await handle.db.select().from(users).where(eq(users.id, u.id)))[0]).toMatchObject({
      role: "coordinator",
      serviceId: null,
      lastName: "Bennani",
      title: "Cheffe du service propreté",
    });
    expect(await loadViewer(u.id)).toMatchObject({ role: "coordinator" });
    const [entry] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, u.id), eq(auditLog.action, "user.update")));
    expect(entry).toMatchObject({ actorUserId: admin.id, before: { role: "agent", lastName: "B" }, after: { role: "coordinator", lastName: "Bennani" } });
    await updateStaffUser(admin, { ...edit, role: "agent", serviceId: proprete.id });
    expect(await loadViewer(u.id)).toMatchObject({ role: "agent", serviceId: proprete.id });
    await expect(updateStaffUser(admin, { ...edit, userId: admin.id, role: "coordinator" })).rejects.toMatchObject({ code: "admin.errors.cannot_demote_self" });
    await expect(updateStaffUser(admin, { ...edit, userId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "admin.errors.user_unknown",
    });
  });

  it("asks to confirm a deactivation, not a reactivation", () => {
    const userId = "00000000-0000-4000-8000-000000000000";
    expect(userActiveSchema.safeParse({ userId }).error?.issues[0]?.message).toBe("admin.errors.confirm_deactivation");
    expect(userActiveSchema.parse({ userId, confirm: "on" })).toMatchObject({ active: false, confirm: true });
    expect(userActiveSchema.parse({ userId, active: "on" })).toMatchObject({ active: true });
  });

  it("invites a new account by mail, in its language, with a link to choose its password, in the creation's transaction", async () => {
    const [voirie] = await handle.db.select().from(services).where(eq(services.code, "voirie"));
    const account = {
      email: "invite.ar@demo.tetouan.ma",
      firstName: "Yassine",
      lastName: "Amrani",
      title: undefined,
      role: "agent" as const,
      serviceId: voirie.id,
      delegateId: undefined,
      locale: "ar" as const,
      password: undefined,
    };
    // The mail cannot be queued: the account is not created either (one transaction).
    outbox.failNext = true;
    await expect(createStaffUser(admin, account)).rejects.toThrow("outbox unavailable");
    expect(await handle.db.select().from(users).where(eq(users.email, account.email))).toEqual([]);
    expect(await handle.db.select().from(mails).where(eq(mails.to, account.email))).toEqual([]);

    await expect(createStaffUser(coordinator, account)).rejects.toMatchObject({ code: "forbidden:admin" });
    const created = await createStaffUser(admin, account);
    const [mail] = await handle.db.select().from(mails).where(eq(mails.to, account.email));
    expect(mail).toMatchObject({ template: "invitation", locale: "ar", state: "queued" });
    expect(mail.subject).toContain("حسابك");
    expect(mail.html).toContain('dir="rtl"');
    const token = /\/ar\/login\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const [link] = await handle.db.select().from(passwordResets).where(eq(passwordResets.userId, created!.id));
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBe(7 * 86_400_000);
    // No password yet: nobody can sign in until the link is used.
    expect(await verifyStaffCredentials(account.email, "un mot de passe assez long", "10.1.1.2")).toMatchObject({ ok: false });
    expect(await resetLinkIsValid(token)).toBe(true);
    await resetPassword({ token, password: "un mot de passe assez long", confirm: "un mot de passe assez long" }, null);
    expect(await verifyStaffCredentials(account.email, "un mot de passe assez long", "10.1.1.2")).toMatchObject({ ok: true });

    // Without a language of its own, the account is mailed in the city's default (French).
    await createStaffUser(admin, { ...account, email: "invite.fr@demo.tetouan.ma", locale: undefined });
    const [fr] = await handle.db.select().from(mails).where(eq(mails.to, "invite.fr@demo.tetouan.ma"));
    expect(fr).toMatchObject({ locale: "fr", subject: expect.stringContaining("Votre compte") });
    expect(fr.text).toMatch(/ \/login\/reset\/|\/login\/reset\//);
    expect(fr.text).not.toContain("/ar/login");
  });

  it("lists the official holidays of this year and the next beside the added ones, in the reader's language", async () => {
    await expect(getHolidayCalendar(coordinator, "fr")).rejects.toMatchObject({ code: "forbidden:admin" });
    await addHoliday(admin, { day: "2027-01-11", nameFr: "Fermeture", nameAr: "إغلاق" });
    // 31 Dec 2026 23:30 UTC is already 1 Jan 2027 in Casablanca (UTC+1): the city's year.
    const calendar = await getHolidayCalendar(admin, "ar", new Date("2026-12-31T23:30:00Z"));
    expect(calendar.official.map((o) => o.year)).toEqual([2027, 2028]);
    expect(calendar.official[0].holidays.find((h) => h.day === "2027-11-18")).toMatchObject({ name: "عيد الاستقلال", days: 1 });
    expect(calendar.official[0].holidays.find((h) => h.day === "2027-01-11")).toMatchObject({ alsoAdded: true });
    expect(calendar.added.find((h) => h.day === "2027-01-11")).toMatchObject({ name: { text: "إغلاق", lang: "ar" }, alsoOfficial: true });
    // A day named only in French is shown in French on an Arabic page (the city's default), marked so.
    expect(calendar.added.find((h) => h.day === "2026-12-01")).toMatchObject({ name: { lang: "fr" }, alsoOfficial: false });
    expect(calendar.timeZone).toBe("Africa/Casablanca");
  });

  it("updates the city's name and map", async () => {
    await updateCity(
      admin,
      cityInputSchema.parse({
        nameFr: "Tétouan",
        nameAr: "تطوان",
        nameEn: "Tetouan",
        emergencyPhone: "19",
        centerLat: 35.58,
        centerLng: -5.37,
        minLat: 35.52,
        minLng: -5.44,
        maxLat: 35.64,
        maxLng: -5.29,
      }),
    );
    const overview = await getAdminOverview(admin);
    expect(overview.city).toMatchObject({ minLat: 35.52, trackingPrefix: "TET" });
  });
});
