/**
 * The administration's audit log: who changed what in the city's configuration and accounts, when,
 * from what to what; and every sign-in, successful or not. Append-only (the database refuses to
 * change or delete an entry). Who asks: the data layer writes (inside the transaction of the change
 * it records, so a change that rolls back leaves no entry); administrators read and export.
 */
import { and, desc, gte, like, lt, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { auditLog } from "@/db/schema";
import { clientAddress } from "@/lib/auth/address";
import { mayPerform, type Viewer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

/** What an entry says. `action` is a code: `<target>.<verb>` (`user.create`, `auth.sign_in_failed`…). */
export type AuditEntry = {
  /** Who did it: the signed-in member of staff, or null for an anonymous attempt (a failed sign-in). */
  actor: Pick<Viewer, "id" | "email" | "role"> | null;
  /** The email typed at a sign-in when no account was found (kept to see a spray). */
  actorEmail?: string;
  action: string;
  targetType?: string;
  targetId?: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  address?: string | null;
  at?: Date;
};

/** Fields never written into the log, whatever a caller passes in `before`/`after`. */
const SECRET_FIELDS = new Set(["passwordHash", "password", "totpSecret", "keyHash", "key", "codeHash", "tokenHash", "token"]);

function withoutSecrets(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_FIELDS.has(key) ? "[redacted]" : v;
  return out;
}

/** The address of the request being served, or null outside one (a script, a test). */
async function requestAddress(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return clientAddress(await headers());
  } catch {
    return null;
  }
}

/**
 * Records one entry, on the given transaction (or the database), with the client's address when
 * the caller does not give one. Secrets are never written.
 */
export async function recordAudit(executor: Database | null, entry: AuditEntry): Promise<void> {
  const db = executor ?? (await getDb());
  const address = entry.address === undefined ? await requestAddress() : entry.address;
  await db.insert(auditLog).values({
    at: entry.at ?? new Date(),
    actorUserId: entry.actor?.id ?? null,
    actorEmail: (entry.actor?.email ?? entry.actorEmail ?? null)?.slice(0, 320) ?? null,
    actorRole: entry.actor?.role ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
    before: withoutSecrets(entry.before),
    after: withoutSecrets(entry.after),
    address: address?.slice(0, 64) ?? null,
  });
}

export type AuditFilter = { from?: Date; to?: Date; actionPrefix?: string; limit?: number };

export type AuditRow = typeof auditLog.$inferSelect;

/** The log, newest first; administrators only. */
export async function listAudit(viewer: Viewer | null, filter: AuditFilter = {}): Promise<AuditRow[]> {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!mayPerform(viewer, "audit.read")) throw new AppError("forbidden:admin");
  const db = await getDb();
  const conditions: (SQL | undefined)[] = [
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lt(auditLog.at, filter.to) : undefined,
    filter.actionPrefix ? like(auditLog.action, `${filter.actionPrefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined,
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(Math.min(Math.max(filter.limit ?? 200, 1), 50_000));
}
