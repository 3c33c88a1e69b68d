/**
 * Staff sign-in: checks a password against its bcrypt hash, with the throttle of repeated failures
 * per account and per address, and loads the signed-in member of staff on each request.
 * Who asks: the sign-in form (anyone) and the session (a signed token naming a user id).
 */
import bcrypt from "bcryptjs";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { loginAttempts, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/permissions";
import { ADDRESS_THROTTLE, THROTTLE, checkAttempt, recordFailure, type AttemptState } from "@/lib/domain/login-throttle";

export type CredentialsCheck =
  | { ok: true; viewer: Viewer }
  | { ok: false; code: "invalid" | "throttled" | "locked"; retryAfterSeconds?: number };

// Compared against when the account does not exist, so that timing does not reveal which emails
// exist. Computed on first use, not when the module loads.
let dummyHash: string | undefined;
const getDummyHash = () => (dummyHash ??= bcrypt.hashSync("not-a-real-password", 10));

const keysOf = (email: string, address: string) => [`account:${email.trim().toLowerCase()}`, `address:${address}`];
const policyOf = (key: string) => (key.startsWith("address:") ? ADDRESS_THROTTLE : THROTTLE);

async function attemptStates(keys: string[]): Promise<Map<string, AttemptState>> {
  const db = await getDb();
  const rows = await db.select().from(loginAttempts).where(inArray(loginAttempts.key, keys));
  return new Map(rows.map((r) => [r.key, r]));
}

/** Whether sign-in is currently refused for this account or address, and for how long. */
export async function signInBlock(email: string, address: string, now = new Date()) {
  const states = await attemptStates(keysOf(email, address));
  let worst: { locked: boolean; retryAfterSeconds: number } | null = null;
  for (const [key, state] of states) {
    const check = checkAttempt(state, now, policyOf(key));
    if (!check.allowed && (!worst || check.retryAfterSeconds > worst.retryAfterSeconds)) worst = check;
  }
  return worst;
}

export async function verifyStaffCredentials(email: string, password: string, address: string, now = new Date()): Promise<CredentialsCheck> {
  const keys = keysOf(email, address);
  const block = await signInBlock(email, address, now);
  if (block) return { ok: false, code: block.locked ? "locked" : "throttled", retryAfterSeconds: block.retryAfterSeconds };

  const db = await getDb();
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  const matches = await bcrypt.compare(password, user?.passwordHash ?? getDummyHash());
  if (!user || !matches || !user.active || !user.role || !user.passwordHash) {
    const states = await attemptStates(keys);
    for (const key of keys) {
      const next = recordFailure(states.get(key) ?? null, now, policyOf(key));
      await db
        .insert(loginAttempts)
        .values({ key, ...next })
        .onConflictDoUpdate({ target: loginAttempts.key, set: next });
    }
    return { ok: false, code: "invalid" };
  }
  // Only the account is cleared: a valid login must not wash an address's failures on others.
  await db.delete(loginAttempts).where(eq(loginAttempts.key, keys[0]));
  return { ok: true, viewer: toViewer(user) };
}

function toViewer(user: typeof users.$inferSelect): Viewer {
  return {
    id: user.id,
    email: user.email,
    role: user.role!,
    serviceId: user.serviceId,
    delegateId: user.delegateId,
    firstName: user.firstName,
    lastName: user.lastName,
    title: user.title,
  };
}

/** The member of staff behind a session, read afresh so that a deactivated account stops at once. */
export async function loadViewer(userId: string): Promise<Viewer | null> {
  if (!/^[0-9a-f-]{36}$/.test(userId)) return null;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !user.active || !user.role) return null;
  return toViewer(user);
}
