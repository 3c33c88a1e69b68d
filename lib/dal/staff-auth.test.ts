/**
 * Staff sign-in against the database: equal cost for unknown and known emails, the lock-out counted
 * atomically under a burst, per account-and-address so that nobody locks a member of staff out
 * from elsewhere, the demo's passwords refused in production, the second factor, sessions voided by
 * a password change, and every attempt in the audit log.
 */
import { and, eq, like } from "drizzle-orm";
import { generateSync } from "otplib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { auditLog, rateLimits, recoveryCodes, users } from "@/db/schema";
import { DEMO_PASSWORDS, seedDatabase } from "@/db/seed";
import { DEMO_TOTP_SECRETS } from "@/db/seed/data";
import { installTestDatabase } from "@/db/testing";
import { hashPassword } from "@/lib/auth/passwords";
import { mayPerform } from "@/lib/auth/permissions";
import { encryptSecret, hashRecoveryCode, normalizeRecoveryCode } from "@/lib/auth/second-factor";
import { SIGN_IN_LIMITS } from "@/lib/domain/login-throttle";
import { sweepRateLimits } from "./rate-limits";
import { loadViewer, verifyStaffCredentials } from "./staff-auth";

const production = vi.hoisted(() => ({ on: false }));
vi.mock("@/lib/env", async (original) => {
  const real = await original<typeof import("@/lib/env")>();
  return { ...real, env: () => ({ ...real.env(), isProduction: production.on }) };
});

let handle: DatabaseHandle;
const PASSWORD = "cheval agrafe batterie";
let serial = 0;
const address = () => `10.9.${Math.floor(++serial / 250)}.${serial % 250}`;

async function newStaff(email: string, extra: Partial<typeof users.$inferInsert> = {}) {
  const [u] = await handle.db
    .insert(users)
    .values({ email, role: "coordinator", firstName: "T", lastName: "T", passwordHash: await hashPassword(PASSWORD), ...extra })
    .returning();
  return u;
}

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("sign-in timing", () => {
  it("costs the same for an unknown email as for a staff email (ratio of mean times)", async () => {
    await newStaff("timing@city.example");
    const mean = async (email: string) => {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const start = performance.now();
        expect(await verifyStaffCredentials(email, "wrong password here", address())).toMatchObject({ ok: false, code: "invalid" });
        times.push(performance.now() - start);
      }
      return times.reduce((a, b) => a + b, 0) / times.length;
    };
    await mean("warm-up@city.example");
    const known = await mean("timing@city.example");
    const unknown = await mean("nobody-here@city.example");
    const ratio = unknown / known;
    expect(ratio, `unknown ${unknown.toFixed(1)} ms / known ${known.toFixed(1)} ms`).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  }, 60_000);
});

describe("lock-out", () => {
  it("locks an account from an address after 10 attempts, even when 100 arrive at once", async () => {
    await newStaff("burst@city.example");
    const results = await Promise.all(Array.from({ length: 100 }, () => verifyStaffCredentials("burst@city.example", "guess", "10.66.0.1")));
    const checked = results.filter((r) => !r.ok && r.code === "invalid").length;
    const refused = results.filter((r) => !r.ok && r.code === "locked").length;
    expect(checked).toBe(SIGN_IN_LIMITS.pair.limit);
    expect(refused).toBe(100 - SIGN_IN_LIMITS.pair.limit);
    // Locked from there, even with the right password…
    expect(await verifyStaffCredentials("burst@city.example", PASSWORD, "10.66.0.1")).toMatchObject({ ok: false, code: "locked" });
    // …but the attacker did not lock its owner out from the owner's own address.
    expect(await verifyStaffCredentials("BURST@city.example", PASSWORD, "10.1.2.3")).toMatchObject({ ok: true });
  }, 60_000);

  it("has a softer ceiling per account across addresses", async () => {
    await newStaff("spray@city.example");
    const saved = SIGN_IN_LIMITS.account.limit;
    SIGN_IN_LIMITS.account.limit = 12;
    try {
      const results = [];
      for (let i = 0; i < 14; i++) results.push(await verifyStaffCredentials("spray@city.example", "guess", address()));
      expect(results.filter((r) => !r.ok && r.code === "invalid")).toHaveLength(12);
      expect(results.slice(12)).toEqual([expect.objectContaining({ code: "throttled" }), expect.objectContaining({ code: "throttled" })]);
    } finally {
      SIGN_IN_LIMITS.account.limit = saved;
    }
  }, 60_000);

  it("gives a success's attempt back, and the tick sweeps old counters", async () => {
    await newStaff("counted@city.example");
    const from = "10.77.0.1";
    for (let i = 0; i < 9; i++) await verifyStaffCredentials("counted@city.example", "guess", from);
    expect(await verifyStaffCredentials("counted@city.example", PASSWORD, from)).toMatchObject({ ok: true });
    const [pair] = await handle.db.select().from(rateLimits).where(eq(rateLimits.key, "signin:pair:counted@city.example|10.77.0.1"));
    expect(pair).toBeUndefined();
    const [account] = await handle.db.select().from(rateLimits).where(eq(rateLimits.key, "signin:account:counted@city.example"));
    expect(account.count).toBe(9);
    await sweepRateLimits(new Date(Date.now() + 3 * 24 * 3_600_000));
    expect(await handle.db.select().from(rateLimits).where(like(rateLimits.key, "signin:%"))).toEqual([]);
  }, 60_000);
});

describe("demo passwords", () => {
  it("are refused at sign-in in production, accepted in the demo", async () => {
    const email = "coordinateur@demo.tetouan.ma";
    expect(await verifyStaffCredentials(email, DEMO_PASSWORDS[email], address())).toMatchObject({ ok: true });
    production.on = true;
    try {
      expect(await verifyStaffCredentials(email, DEMO_PASSWORDS[email], address())).toMatchObject({ ok: false, code: "demo_password" });
      // Whatever account it is set on.
      await newStaff("reused@city.example", { passwordHash: await hashPassword(DEMO_PASSWORDS["admin@demo.tetouan.ma"]) });
      expect(await verifyStaffCredentials("reused@city.example", DEMO_PASSWORDS["admin@demo.tetouan.ma"], address())).toMatchObject({
        ok: false,
        code: "demo_password",
      });
    } finally {
      production.on = false;
    }
  }, 60_000);
});

describe("second factor", () => {
  it("asks for the code after the right password, accepts a current code or a recovery code once", async () => {
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    const user = await newStaff("totp@city.example", { totpSecret: encryptSecret(secret), totpEnabledAt: new Date() });
    await handle.db.insert(recoveryCodes).values({ userId: user.id, codeHash: hashRecoveryCode(normalizeRecoveryCode("ABCDE-12345")!) });
    const from = address();
    expect(await verifyStaffCredentials("totp@city.example", "guess", from, { code: "123456" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await verifyStaffCredentials("totp@city.example", PASSWORD, from)).toMatchObject({ ok: false, code: "second_factor_required" });
    expect(await verifyStaffCredentials("totp@city.example", PASSWORD, from, { code: "000000" })).toMatchObject({ ok: false, code: "second_factor_invalid" });
    const code = generateSync({ secret });
    expect(await verifyStaffCredentials("totp@city.example", PASSWORD, from, { code })).toMatchObject({ ok: true, secondFactor: "totp" });
    // A code works once.
    expect(await verifyStaffCredentials("totp@city.example", PASSWORD, address(), { code })).toMatchObject({ ok: false, code: "second_factor_invalid" });
    expect(await verifyStaffCredentials("totp@city.example", PASSWORD, from, { code: "abcde 12345" })).toMatchObject({
      ok: true,
      secondFactor: "recovery_code",
    });
    expect(await verifyStaffCredentials("totp@city.example", PASSWORD, from, { code: "ABCDE-12345" })).toMatchObject({
      ok: false,
      code: "second_factor_invalid",
    });
  }, 60_000);

  it("lets an admin or mayor's office account without a factor sign in, but refuses it every command until it enrols", async () => {
    const user = await newStaff("new-admin@city.example", { role: "admin" });
    const check = await verifyStaffCredentials("new-admin@city.example", PASSWORD, address());
    expect(check).toMatchObject({ ok: true, viewer: { mustEnrolSecondFactor: true } });
    const viewer = (await loadViewer(user.id))!;
    expect(viewer.mustEnrolSecondFactor).toBe(true);
    expect(mayPerform(viewer, "city.configure")).toBe(false);
    expect(mayPerform(viewer, "report.read", { serviceId: 1, serviceDelegateId: null })).toBe(false);
    // The demo's are seeded enrolled, with the published secrets.
    const [demoAdmin] = await handle.db.select().from(users).where(eq(users.email, "admin@demo.tetouan.ma"));
    expect(mayPerform((await loadViewer(demoAdmin.id))!, "city.configure")).toBe(true);
    const code = generateSync({ secret: DEMO_TOTP_SECRETS["admin@demo.tetouan.ma"] });
    expect(await verifyStaffCredentials("admin@demo.tetouan.ma", DEMO_PASSWORDS["admin@demo.tetouan.ma"], address(), { code })).toMatchObject({ ok: true });
  }, 60_000);
});

describe("sessions", () => {
  it("are void when signed in before the last password change", async () => {
    const user = await newStaff("session@city.example");
    const signedInAt = Math.floor(Date.now() / 1000) - 60;
    expect(await loadViewer(user.id, { signedInAt })).not.toBeNull();
    await handle.db.update(users).set({ passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    expect(await loadViewer(user.id, { signedInAt })).toBeNull();
    expect(await loadViewer(user.id, { signedInAt: null })).toBeNull();
    expect(await loadViewer(user.id, { signedInAt: Math.floor(Date.now() / 1000) })).not.toBeNull();
  });
});

describe("audit", () => {
  it("records each sign-in and each failure with the email typed and the address", async () => {
    await newStaff("audited@city.example");
    await verifyStaffCredentials("Audited@city.example", "guess", "10.88.0.1");
    await verifyStaffCredentials("audited@city.example", PASSWORD, "10.88.0.2");
    await verifyStaffCredentials("ghost@city.example", "guess", "10.88.0.3");
    const rows = await handle.db.select().from(auditLog).where(like(auditLog.address, "10.88.%"));
    expect(rows.map((r) => [r.action, r.actorEmail, r.address, (r.after as { reason?: string } | null)?.reason ?? null])).toEqual([
      ["auth.sign_in_failed", "audited@city.example", "10.88.0.1", "invalid"],
      ["auth.sign_in", "audited@city.example", "10.88.0.2", null],
      ["auth.sign_in_failed", "ghost@city.example", "10.88.0.3", "invalid"],
    ]);
    const [ok] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_in"), eq(auditLog.address, "10.88.0.2")));
    expect(ok.actorUserId).not.toBeNull();
  });
});
