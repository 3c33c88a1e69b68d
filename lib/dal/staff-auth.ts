/**
 * Staff sign-in: checks a password against its bcrypt hash (and the second factor when the account
 * has one), with the throttle of repeated attempts per account-and-address, per account and per
 * address (lib/domain/login-throttle, counted atomically in the rate limits' table before the
 * password is hashed), records every attempt in the audit log, and loads the signed-in member of
 * staff on each request. Who asks: the sign-in form (anyone) and the session (a signed token naming
 * a user id and when it was issued).
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rateLimits, recoveryCodes, users } from "@/db/schema";
import { DEMO_PASSWORDS } from "@/db/seed/data";
import { hashPassword, needsRehash, passwordMatches } from "@/lib/auth/passwords";
import type { Viewer } from "@/lib/auth/permissions";
import { decryptSecret, hashRecoveryCode, normalizeRecoveryCode, totpStepOf } from "@/lib/auth/second-factor";
import { nextAttemptRefusal, SIGN_IN_LIMITS, signInKeys, signInRefusal, type SignInCounter } from "@/lib/domain/login-throttle";
import { env } from "@/lib/env";
import { recordAudit } from "./audit";
import { admit } from "./rate-limits";

export type SignInFailure = "invalid" | "throttled" | "locked" | "demo_password" | "second_factor_required" | "second_factor_invalid";

export type CredentialsCheck =
  | { ok: true; viewer: Viewer; secondFactor: "totp" | "recovery_code" | null }
  | { ok: false; code: SignInFailure; retryAfterSeconds?: number };

/** Roles whose accounts must have a second factor before they may do anything but enrol one. */
export const SECOND_FACTOR_REQUIRED_ROLES: readonly Viewer["role"][] = ["admin", "mayor_office"];

const COUNTERS = ["pair", "account", "address"] as const;
/** lib/auth/address's bucket of clients whose address is not known. */
const UNTRUSTED_ADDRESS = "unknown";

/** Whether sign-in is currently refused for this account from this address, and for how long (counts nothing). */
export async function signInBlock(email: string, address: string, now = new Date()) {
  const keys = signInKeys(email, address);
  const db = await getDb();
  const rows = await db
    .select()
    .from(rateLimits)
    .where(inArray(rateLimits.key, Object.values(keys)));
  const counters: Partial<Record<SignInCounter, { windowStart: Date; count: number }>> = {};
  for (const name of COUNTERS) {
    const row = rows.find((r) => r.key === keys[name]);
    if (row) counters[name] = { windowStart: row.windowStart, count: row.count };
  }
  return nextAttemptRefusal(counters, now);
}

/** A success gives its own attempt back: its account-and-address counter is cleared, the others lose one. */
async function giveBack(keys: Record<SignInCounter, string>) {
  const db = await getDb();
  await db.delete(rateLimits).where(eq(rateLimits.key, keys.pair));
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(inArray(rateLimits.key, [keys.account, keys.address]));
}

/** Whether this is a password published for the demo (refused when the platform runs for real). */
export function isDemoPassword(password: string): boolean {
  return Object.values(DEMO_PASSWORDS).includes(password);
}

type SignInOptions = { code?: string; now?: Date };

export async function verifyStaffCredentials(email: string, password: string, address: string, options: SignInOptions = {}): Promise<CredentialsCheck> {
  const now = options.now ?? new Date();
  const typed = email.trim().toLowerCase().slice(0, 320);
  const keys = signInKeys(typed, address);
  const failed = async (code: SignInFailure, user: { id: string } | undefined, retryAfterSeconds?: number): Promise<CredentialsCheck> => {
    await recordAudit(null, {
      actor: null,
      actorEmail: typed,
      action: "auth.sign_in_failed",
      targetType: "user",
      targetId: user?.id ?? null,
      after: { reason: code },
      address,
      at: now,
    });
    return { ok: false, code, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
  };

  // Counted before the password is hashed: a burst of parallel attempts is refused past the limit.
  // The account-and-address counter first: attempts it refuses count nowhere else, so that one
  // address hammering an account locks only itself and does not use up the account's ceiling.
  // An address the app cannot trust (lib/auth/address: "unknown", every such client together) has
  // no per-address ceiling: 50 failures anywhere would otherwise close sign-in to everyone.
  const pair = await admit([{ key: keys.pair, policy: SIGN_IN_LIMITS.pair }], { now });
  const wider = pair.verdict.allowed
    ? await admit(
        (["account", "address"] as const)
          .filter((name) => name !== "address" || address !== UNTRUSTED_ADDRESS)
          .map((name) => ({ key: keys[name], policy: SIGN_IN_LIMITS[name] })),
        { now },
      )
    : null;
  if (!pair.verdict.allowed || !wider?.verdict.allowed) {
    const verdict = pair.verdict.allowed ? wider!.verdict : pair.verdict;
    const refusal = (await signInRefusalNow(keys, now)) ?? { code: "throttled" as const, retryAfterSeconds: verdict.allowed ? 60 : verdict.retryAfterSeconds };
    return failed(refusal.code, undefined, refusal.retryAfterSeconds);
  }

  const db = await getDb();
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${typed}`).limit(1);
  const matches = await passwordMatches(password, user?.passwordHash);
  if (!user || !matches || !user.active || !user.role || !user.passwordHash) return failed("invalid", user);
  // The demo's passwords are published in the README: never a way in on a real deployment.
  if (env().isProduction && isDemoPassword(password)) return failed("demo_password", user);

  let secondFactor: "totp" | "recovery_code" | null = null;
  if (user.totpEnabledAt && user.totpSecret) {
    const code = options.code?.trim() ?? "";
    if (!code) {
      // Not a failure: the form asks for the code next. The attempt is given back.
      await giveBack(keys);
      return { ok: false, code: "second_factor_required" };
    }
    secondFactor = await checkSecondFactor(user.id, user.totpSecret, code, now);
    if (!secondFactor) return failed("second_factor_invalid", user);
  }

  await giveBack(keys);
  if (needsRehash(user.passwordHash)) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, user.id));
  }
  const viewer = toViewer(user);
  await recordAudit(null, { actor: viewer, action: "auth.sign_in", targetType: "user", targetId: user.id, after: { secondFactor }, address, at: now });
  return { ok: true, viewer, secondFactor };
}

async function signInRefusalNow(keys: Record<SignInCounter, string>, now: Date) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(rateLimits)
    .where(inArray(rateLimits.key, Object.values(keys)));
  const counters: Partial<Record<SignInCounter, { windowStart: Date; count: number }>> = {};
  for (const name of COUNTERS) {
    const row = rows.find((r) => r.key === keys[name]);
    if (row) counters[name] = { windowStart: row.windowStart, count: row.count };
  }
  return signInRefusal(counters, now);
}

/** A TOTP code of the account's secret, or one of its unused recovery codes (then spent). */
async function checkSecondFactor(userId: string, sealedSecret: string, code: string, now: Date): Promise<"totp" | "recovery_code" | null> {
  const secret = decryptSecret(sealedSecret);
  const step = secret ? totpStepOf(secret, code, now) : null;
  if (step !== null) {
    // A code works once (RFC 6238 §5.2): its step is spent, so a code seen over a shoulder or
    // replayed within its 90 seconds of validity is refused.
    const { firstSight } = await admit([], { now, once: { key: `totp:${userId}:${step}`, windowMs: 3 * 30_000 } });
    return firstSight ? "totp" : null;
  }
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) return null;
  const db = await getDb();
  // Spent in the statement that finds it: two sign-ins racing with one code cannot both pass.
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(normalized)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent.length > 0 ? "recovery_code" : null;
}

export function toViewer(user: typeof users.$inferSelect): Viewer {
  const viewer: Viewer = {
    id: user.id,
    email: user.email,
    role: user.role!,
    serviceId: user.serviceId,
    delegateId: user.delegateId,
    firstName: user.firstName,
    lastName: user.lastName,
    title: user.title,
  };
  if (!user.totpEnabledAt && SECOND_FACTOR_REQUIRED_ROLES.includes(user.role!)) viewer.mustEnrolSecondFactor = true;
  return viewer;
}

/**
 * The member of staff behind a session, read afresh so that a deactivated account stops at once.
 * `signedInAt` (seconds, from the session) older than the account's last password change voids it.
 */
export async function loadViewer(userId: string, session?: { signedInAt?: number | null }): Promise<Viewer | null> {
  if (!/^[0-9a-f-]{36}$/.test(userId)) return null;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user?.active || !user.role) return null;
  if (
    session &&
    user.passwordChangedAt &&
    !(typeof session.signedInAt === "number" && session.signedInAt >= Math.floor(user.passwordChangedAt.getTime() / 1000))
  ) {
    return null;
  }
  return toViewer(user);
}
