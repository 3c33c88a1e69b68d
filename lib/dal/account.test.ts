/**
 * A member of staff's own account: password change (current one required, policy, sessions voided),
 * reset by a single-use expiring link that answers the same for unknown emails, TOTP enrolment with
 * recovery codes, an administrator's reset of a factor; each change in the audit log.
 */
import { and, desc, eq } from "drizzle-orm";
import { generateSync } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { auditLog, city, mails, passwordResets, recoveryCodes, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { hashPassword } from "@/lib/auth/passwords";
import {
  beginEnrolment,
  changePassword,
  confirmEnrolment,
  getAccount,
  requestPasswordReset,
  resetLinkIsValid,
  resetPassword,
  resetSecondFactor,
  setStaffLocale,
  staffLocaleOf,
} from "./account";
import { loadViewer, verifyStaffCredentials } from "./staff-auth";

let handle: DatabaseHandle;
const PASSWORD = "cheval agrafe batterie";
const NEW_PASSWORD = "lanterne violette au port";

async function newStaff(email: string, role: "coordinator" | "admin" = "coordinator") {
  const [u] = await handle.db
    .insert(users)
    .values({ email, role, firstName: "Nadia", lastName: "Berrada", passwordHash: await hashPassword(PASSWORD) })
    .returning();
  return (await loadViewer(u.id))!;
}
const lastAudit = async (userId: string) =>
  (await handle.db.select().from(auditLog).where(eq(auditLog.targetId, userId)).orderBy(desc(auditLog.id)).limit(1))[0];
const linkIn = async (to: string) => {
  const [mail] = await handle.db.select().from(mails).where(eq(mails.to, to)).orderBy(desc(mails.createdAt)).limit(1);
  return mail ? /\/login\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text)![1] : null;
};

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("password change", () => {
  it("needs the current password and a password the policy accepts, then voids older sessions", async () => {
    const me = await newStaff("change@city.example");
    await expect(changePassword(me, { current: "wrong", password: NEW_PASSWORD, confirm: NEW_PASSWORD }, "10.0.0.1")).rejects.toMatchObject({
      code: "password.errors.current_wrong",
    });
    await expect(changePassword(me, { current: PASSWORD, password: "Password2026!", confirm: "Password2026!" }, "10.0.0.1")).rejects.toMatchObject({
      code: "password.errors.common",
    });
    await expect(changePassword(me, { current: PASSWORD, password: "nadia berrada 2026", confirm: "nadia berrada 2026" }, "10.0.0.1")).rejects.toMatchObject({
      code: "password.errors.personal",
    });
    await expect(changePassword(me, { current: PASSWORD, password: NEW_PASSWORD, confirm: "autre chose encore" }, "10.0.0.1")).rejects.toMatchObject({
      code: "password.errors.mismatch",
    });
    await expect(changePassword(null, { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, "10.0.0.1")).rejects.toMatchObject({
      code: "forbidden:unauthenticated",
    });
    const before = Math.floor(Date.now() / 1000) - 5;
    await changePassword(me, { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, "10.0.0.1", new Date(Date.now() + 1000));
    expect(await loadViewer(me.id, { signedInAt: before })).toBeNull();
    expect(await verifyStaffCredentials(me.email, NEW_PASSWORD, "10.0.0.2")).toMatchObject({ ok: true });
    expect(await lastAudit(me.id)).toMatchObject({ action: "auth.sign_in" });
    const [changed] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, me.id), eq(auditLog.action, "auth.password_changed")));
    expect(changed).toMatchObject({ actorUserId: me.id, address: "10.0.0.1" });
  }, 60_000);

  it("is refused to an account that must enrol a second factor first", async () => {
    const admin = await newStaff("must-enrol@city.example", "admin");
    await expect(changePassword(admin, { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, null)).rejects.toMatchObject({
      code: "forbidden:second_factor_required",
    });
  });
});

describe("password reset", () => {
  it("answers before it looks the email up: the look-up and the mail run after the answer", async () => {
    await newStaff("later@city.example");
    const tasks: (() => Promise<void>)[] = [];
    await requestPasswordReset({ email: "later@city.example", locale: "fr" }, "10.1.3.1", new Date(), { later: (task) => tasks.push(task) });
    await requestPasswordReset({ email: "nobody-later@city.example", locale: "fr" }, "10.1.3.1", new Date(), { later: (task) => tasks.push(task) });
    // Both answered the same way, with nothing written yet for either.
    expect(tasks).toHaveLength(2);
    expect(await linkIn("later@city.example")).toBeNull();
    for (const task of tasks) await task();
    expect(await linkIn("later@city.example")).not.toBeNull();
    expect(await linkIn("nobody-later@city.example")).toBeNull();
  });

  it("mails a single-use link to a staff email and answers the same for an unknown one", async () => {
    const me = await newStaff("forgot@city.example");
    await requestPasswordReset({ email: "Forgot@City.example", locale: "fr" }, "10.1.0.1");
    await expect(requestPasswordReset({ email: "nobody@city.example", locale: "fr" }, "10.1.0.1")).resolves.toBeUndefined();
    expect(await linkIn("nobody@city.example")).toBeNull();
    const token = (await linkIn("forgot@city.example"))!;
    expect(await resetLinkIsValid(token)).toBe(true);
    await expect(resetPassword({ token, password: "password1234", confirm: "password1234" }, null)).rejects.toMatchObject({ code: "password.errors.common" });
    await resetPassword({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, "10.1.0.2");
    expect(await resetLinkIsValid(token)).toBe(false);
    await expect(resetPassword({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, null)).rejects.toMatchObject({ code: "passwordReset.invalidLink" });
    expect(await verifyStaffCredentials(me.email, NEW_PASSWORD, "10.1.0.3")).toMatchObject({ ok: true });
    const [reset] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, me.id), eq(auditLog.action, "auth.password_reset")));
    expect(reset).toMatchObject({ address: "10.1.0.2" });
    // Only a hash is stored.
    expect(await handle.db.select().from(passwordResets).where(eq(passwordResets.tokenHash, token))).toEqual([]);
  }, 60_000);

  it("is spent once even when two resets race with the same link", async () => {
    await newStaff("race@city.example");
    await requestPasswordReset({ email: "race@city.example", locale: "fr" }, "10.1.2.1");
    const token = (await linkIn("race@city.example"))!;
    const results = await Promise.allSettled([
      resetPassword({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, null),
      resetPassword({ token, password: "une autre phrase secrete", confirm: "une autre phrase secrete" }, null),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "passwordReset.invalidLink" } });
  }, 60_000);

  it("expires after an hour and dies with a later password change", async () => {
    await newStaff("expire@city.example");
    const t0 = new Date();
    await requestPasswordReset({ email: "expire@city.example", locale: "en" }, "10.1.1.1", t0);
    const token = (await linkIn("expire@city.example"))!;
    expect(await resetLinkIsValid(token, new Date(t0.getTime() + 61 * 60_000))).toBe(false);
    await handle.db
      .update(users)
      .set({ passwordChangedAt: new Date(t0.getTime() + 1000) })
      .where(eq(users.email, "expire@city.example"));
    expect(await resetLinkIsValid(token, new Date(t0.getTime() + 2000))).toBe(false);
  });

  it("is rate limited per email and per address", async () => {
    await newStaff("spam@city.example");
    for (let i = 0; i < 3; i++) await requestPasswordReset({ email: "spam@city.example", locale: "fr" }, `10.2.0.${i}`);
    await expect(requestPasswordReset({ email: "spam@city.example", locale: "fr" }, "10.2.0.9")).rejects.toMatchObject({
      code: "passwordReset.errors.throttled",
    });
    for (let i = 0; i < 10; i++) await requestPasswordReset({ email: `probe${i}@city.example`, locale: "fr" }, "10.2.1.1");
    await expect(requestPasswordReset({ email: "probe-last@city.example", locale: "fr" }, "10.2.1.1")).rejects.toMatchObject({
      code: "passwordReset.errors.throttled",
    });
  });
});

describe("second factor enrolment", () => {
  it("confirms a factor with a code, gives 10 recovery codes once, and lets the account act", async () => {
    const admin = await newStaff("enrol@city.example", "admin");
    expect(admin.mustEnrolSecondFactor).toBe(true);
    const first = await beginEnrolment(admin);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(first.qrSvg).toMatch(/^<svg/);
    expect((await beginEnrolment(admin)).secret).toBe(first.secret);
    const [stored] = await handle.db.select().from(users).where(eq(users.id, admin.id));
    expect(stored.totpSecret).not.toContain(first.secret);
    await expect(confirmEnrolment(admin, "000000", null)).rejects.toMatchObject({ code: "account.errors.code_invalid" });
    const codes = await confirmEnrolment(admin, generateSync({ secret: first.secret }), "10.3.0.1");
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    await expect(beginEnrolment(admin)).rejects.toMatchObject({ code: "account.errors.already_enabled" });
    const enrolled = (await loadViewer(admin.id))!;
    expect(enrolled.mustEnrolSecondFactor).toBeUndefined();
    expect(await verifyStaffCredentials(admin.email, PASSWORD, "10.3.0.2", { code: codes[3] })).toMatchObject({ ok: true, secondFactor: "recovery_code" });
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, admin.id), eq(auditLog.action, "auth.totp_enabled")));
    expect(audit).toMatchObject({ address: "10.3.0.1" });
  });

  it("is reset by an administrator only, audited", async () => {
    const someone = await newStaff("lost-phone@city.example", "admin");
    const { secret } = await beginEnrolment(someone);
    await confirmEnrolment(someone, generateSync({ secret }), null);
    const coordinator = await newStaff("coord-reset@city.example");
    await expect(resetSecondFactor(coordinator, { userId: someone.id })).rejects.toMatchObject({ code: "forbidden:admin" });
    const [demoAdmin] = await handle.db.select().from(users).where(eq(users.email, "admin@demo.tetouan.ma"));
    const admin = (await loadViewer(demoAdmin.id))!;
    await resetSecondFactor(admin, { userId: someone.id });
    expect((await loadViewer(someone.id))!.mustEnrolSecondFactor).toBe(true);
    expect(await handle.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, someone.id))).toEqual([]);
    expect(await lastAudit(someone.id)).toMatchObject({ action: "auth.totp_reset", actorUserId: admin.id });
  });
});

describe("the language of a member of staff", () => {
  const lastMailTo = async (to: string) => (await handle.db.select().from(mails).where(eq(mails.to, to)).orderBy(desc(mails.createdAt)).limit(1))[0];

  it("is chosen on the account, refused when it is not one of the interface's languages, and audited", async () => {
    const me = await newStaff("langue@city.example");
    expect(await getAccount(me)).toMatchObject({ locale: null, cityLocale: "fr" });
    expect(await staffLocaleOf(me)).toBe("fr");
    await expect(setStaffLocale(null, { locale: "ar" })).rejects.toMatchObject({ code: "forbidden:unauthenticated" });
    await expect(setStaffLocale(me, { locale: "de" }, "10.4.0.1")).rejects.toMatchObject({ code: "account.errors.locale_invalid" });
    expect(await getAccount(me)).toMatchObject({ locale: null });
    await setStaffLocale(me, { locale: "ar" }, "10.4.0.1");
    expect(await getAccount(me)).toMatchObject({ locale: "ar" });
    expect(await staffLocaleOf(me)).toBe("ar");
    expect(await lastAudit(me.id)).toMatchObject({
      action: "user.set_locale",
      actorUserId: me.id,
      before: { locale: null },
      after: { locale: "ar" },
      address: "10.4.0.1",
    });
    // "" is the city's default again.
    await setStaffLocale(me, { locale: "" }, null);
    expect(await getAccount(me)).toMatchObject({ locale: null });
  });

  it("is refused to an account that must enrol its second factor first", async () => {
    const admin = await newStaff("langue-admin@city.example", "admin");
    await expect(setStaffLocale(admin, { locale: "en" }, null)).rejects.toMatchObject({ code: "forbidden:second_factor_required" });
    expect(await getAccount(admin)).toMatchObject({ locale: null });
  });

  it("is the language of the reset mail, whatever the language of the page that asked", async () => {
    const me = await newStaff("reset-ar@city.example");
    await setStaffLocale(me, { locale: "ar" }, null);
    await requestPasswordReset({ email: me.email, locale: "fr" }, "10.4.1.1");
    const mail = await lastMailTo(me.email);
    expect(mail).toMatchObject({ locale: "ar", subject: "إعادة تعيين كلمة المرور" });
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toMatch(/\/ar\/login\/reset\/[A-Za-z0-9_-]+/);
  });

  it("is the city's default language for a person who chose none", async () => {
    const me = await newStaff("reset-default@city.example");
    await handle.db.update(city).set({ defaultLocale: "en" });
    try {
      expect(await staffLocaleOf(me)).toBe("en");
      await requestPasswordReset({ email: me.email, locale: "ar" }, "10.4.2.1");
      expect(await lastMailTo(me.email)).toMatchObject({ locale: "en", subject: "Resetting your password" });
    } finally {
      await handle.db.update(city).set({ defaultLocale: "fr" });
    }
  });
});
