/**
 * Erasing citizens' contact data: by the tick once a report ended longer ago than the retention
 * (`RETENTION_MONTHS`, default 24, rule in lib/domain/retention), and by an administrator when a
 * citizen asks. The report keeps its content, timeline and statistics; it loses the name, email and
 * phone, the mails sent to that person (address and body), and the untouched originals of the photos
 * (their metadata may hold a home's coordinates). Each erasure leaves an `anonymised` event.
 * Who asks: the system (tick) or an administrator (`citizen.anonymise`).
 */
import { and, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { attachments, letters, mails, reports } from "@/db/schema";
import { mayPerform, type Viewer } from "@/lib/auth/permissions";
import { contactKey, retentionCutoff } from "@/lib/domain/retention";
import { recordAudit } from "./audit";
import { applyCommandWhere, inTransaction, type Work } from "./commands";
import { ERASED_ADDRESS } from "./mails";
import { AppError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import { log } from "@/lib/log";

/** What an erased name or address becomes; a queued mail to it is never sent (lib/dal/mails). */
const REDACTED = ERASED_ADDRESS;

/** Erases the reports' contact data in one transaction (the `anonymise` command); returns the storage keys to delete after it. */
async function eraseContacts(work: Work, reportIds: string[], actor: "system" | Viewer, reason: "retention" | "request"): Promise<string[]> {
  if (reportIds.length === 0) return [];
  const { tx, now } = work;
  // The ids as one array parameter: a batch of thousands is one statement, not one parameter per report.
  const ids = `{${reportIds.join(",")}}`;
  const originals = await tx
    .select({ id: attachments.id, key: attachments.originalKey })
    .from(attachments)
    .where(and(sql`${attachments.reportId} = any(${ids}::uuid[])`, isNotNull(attachments.originalKey)));
  await applyCommandWhere(work, "anonymise", actor, {
    where: sql`${reports.id} = any(${ids}::uuid[])`,
    // The answers to a request type's fields (a child's name, a family's income…) are erased with the contact.
    set: { citizenName: null, citizenEmail: null, citizenPhone: null, fields: null, anonymisedAt: now },
    data: { reason },
  });
  await tx.update(mails).set({ to: REDACTED, text: "", html: "" }).where(sql`${mails.reportId} = any(${ids}::uuid[])`);
  // A letter names its recipient: its PDF goes; the record that it was issued (date, service, object) stays.
  await tx
    .update(letters)
    .set({ pdf: null, erasedAt: now })
    .where(and(sql`${letters.reportId} = any(${ids}::uuid[])`, isNull(letters.erasedAt)));
  if (originals.length > 0)
    await tx
      .update(attachments)
      .set({ originalKey: null })
      .where(
        inArray(
          attachments.id,
          originals.map((o) => o.id),
        ),
      );
  return originals.map((o) => o.key!);
}

async function deleteFiles(keys: string[]) {
  const storage = getStorage();
  for (const key of keys) {
    try {
      await storage.delete(key);
    } catch (error) {
      // The row no longer names the file: a later sweep of the store may remove it; never fail the erasure.
      log().error({ err: error, storageKey: key }, "could not delete an original");
    }
  }
}

/** Reports anonymised per transaction by the tick: a first run on years of history erases in bounded steps. */
const RETENTION_BATCH = 5000;

/**
 * The tick: anonymises every report that ended before the retention cutoff — or, given `budgetMs`,
 * begins no new batch once that time is spent (a first deployment on years of history erases its
 * backlog over a few ticks, each of them bounded). Returns how many.
 */
export async function anonymiseExpiredReports(now: Date, months: number, options: { budgetMs?: number } = {}): Promise<number> {
  const started = performance.now();
  const db = await getDb();
  const cutoff = retentionCutoff(now, months);
  // When it ended (lib/domain/retention ENDED_STATUSES): its closing, else its last change — the
  // expression and the condition of reports_retention_idx, which holds only the reports still to erase.
  const endedAt = sql`(case when ${reports.status} = 'closed' then coalesce(${reports.closedAt}, ${reports.updatedAt}) else ${reports.updatedAt} end)`;
  const ended = and(isNull(reports.anonymisedAt), sql`${reports.status} in ('closed', 'duplicate', 'inadmissible')`, lt(endedAt, cutoff));
  let total = 0;
  for (;;) {
    if (options.budgetMs !== undefined && total > 0 && performance.now() - started > options.budgetMs) return total;
    const batch = await db.select({ id: reports.id }).from(reports).where(ended).limit(RETENTION_BATCH);
    if (batch.length === 0) return total;
    const keys = await inTransaction(now, (work) =>
      eraseContacts(
        work,
        batch.map((r) => r.id),
        "system",
        "retention",
      ),
    );
    await deleteFiles(keys);
    total += batch.length;
    if (batch.length < RETENTION_BATCH) return total;
  }
}

/**
 * An administrator erases a citizen, found by the email or the phone they gave, from every report
 * (open or ended) — the right to erasure. Returns how many reports were changed.
 */
export async function anonymiseCitizen(viewer: Viewer | null, contact: string, now = new Date()): Promise<number> {
  if (!viewer || !mayPerform(viewer, "citizen.anonymise")) throw new AppError("forbidden:admin");
  const key = contactKey(contact);
  if (!key) throw new AppError("admin.errors.contact_invalid");
  const db = await getDb();
  const match =
    "email" in key
      ? sql`lower(${reports.citizenEmail}) = ${key.email}`
      : sql`regexp_replace(${reports.citizenPhone}, '[[:space:].()-]', '', 'g') = ${key.phone}`;
  const found = await db.select({ id: reports.id }).from(reports).where(match);
  if (found.length === 0) return 0;
  const ids = found.map((r) => r.id);
  const keys = await inTransaction(now, async (work) => {
    const { tx } = work;
    const erased = await eraseContacts(work, ids, viewer, "request");
    // Mails sent to that address that no report names (none today) go too.
    if ("email" in key) await tx.update(mails).set({ to: REDACTED, text: "", html: "" }).where(sql`lower(${mails.to}) = ${key.email}`);
    // Logged without the contact itself: the point of the erasure is that it is gone.
    await recordAudit(tx, {
      actor: viewer,
      action: "citizen.anonymise",
      targetType: "reports",
      targetId: null,
      after: { reports: ids.length, by: "email" in key ? "email" : "phone" },
    });
    return erased;
  });
  await deleteFiles(keys);
  return ids.length;
}
