/**
 * Files attached to reports. A citizen uploads each file while filling the form (with a progress
 * bar) and receives a claim token; submitting the report claims the files with those tokens. The
 * platform checks every file by its bytes, re-encodes images and rewrites PDFs without their
 * metadata, and keeps the untouched original for staff only.
 * Who asks: anyone may upload (size and type bound what they can store; unclaimed uploads are
 * swept); a file is then served only to whoever names its report's tracking number.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb, rowsOf, type Database } from "@/db";
import { attachments, penalties, reports, services } from "@/db/schema";
import { canSeeAttachment, canSeeCitizenContact, mayPerform, type Viewer } from "@/lib/auth/permissions";
import { REPORT_LIMITS, type AllowedMimeType } from "@/lib/domain/report-limits";
import { type FieldAnswers, type FormDefinition, fileTokensOf, fileTypeAccepted } from "@/lib/domain/request-fields";
import { isPublicStatus } from "@/lib/domain/workflow";
import { hitRateLimit, limits } from "@/lib/dal/rate-limits";
import { AppError, isAppError } from "@/lib/errors";
import { requestLog } from "@/lib/log";
import { processUpload } from "@/lib/files/process";
import { extensionOf, safeFileName } from "@/lib/files/sniff";
import { getStorage } from "@/lib/storage";

export type UploadReceipt = {
  /** Secret the form sends back with the report; only its holder can attach this file. */
  token: string;
  name: string;
  kind: "image" | "document";
  sizeBytes: number;
  width: number | null;
  height: number | null;
};

function storageKey(now: Date, id: string, variant: "display" | "original", mime: AllowedMimeType): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${now.getUTCFullYear()}/${month}/${id}-${variant}.${extensionOf(mime)}`;
}

/** Checks, re-encodes and stores one upload, not yet attached to any report. */
export async function createUpload(file: { bytes: Buffer; originalName: string }, now = new Date()): Promise<UploadReceipt> {
  if (file.bytes.length === 0) throw new AppError("report.errors.file_empty");
  if (file.bytes.length > REPORT_LIMITS.maxFileBytes) throw new AppError("report.errors.file_too_large");
  const processed = await processUpload(file.bytes);
  const id = randomUUID();
  const storage = getStorage();
  const displayKey = storageKey(now, id, "display", processed.mimeType);
  // Images and PDFs alike are rewritten for display; the original (with its metadata) is for staff.
  const originalKey = storageKey(now, id, "original", processed.mimeType);
  const token = randomBytes(24).toString("base64url");
  const name = safeFileName(file.originalName, processed.mimeType);
  const db = await getDb();
  // The row first, then the files: a server killed in between leaves an unclaimed row (its token was
  // never handed out) that the tick sweeps with whatever part of its files was written.
  await db.insert(attachments).values({
    id,
    claimToken: token,
    kind: processed.kind,
    mimeType: processed.mimeType,
    storageKey: displayKey,
    originalKey,
    originalName: name,
    sizeBytes: file.bytes.length,
    width: processed.width,
    height: processed.height,
    createdAt: now,
  });
  try {
    await storage.put(displayKey, processed.display, processed.mimeType);
    if (originalKey) await storage.put(originalKey, file.bytes, processed.mimeType);
  } catch (error) {
    // No file, no row: the database never names what storage does not hold.
    await storage.delete(displayKey).catch(() => undefined);
    if (originalKey) await storage.delete(originalKey).catch(() => undefined);
    await db.delete(attachments).where(eq(attachments.id, id));
    throw error;
  }
  return { token, name, kind: processed.kind, sizeBytes: file.bytes.length, width: processed.width, height: processed.height };
}

/** What became of the files posted with a form: the receipts of those stored, the codes of those refused. */
export type PostedUploads = { receipts: UploadReceipt[]; refusals: string[] };

/**
 * The files posted with a form by a browser without scripts (the scripted form sends each to
 * /api/uploads as it is chosen): each checked and stored by `createUpload` and counted by the
 * upload route's own limit per address. More files than a report may carry (with those already
 * uploaded) are refused before any is stored.
 */
export async function createPostedUploads(
  files: readonly File[],
  context: { clientAddress: string; alreadyAttached: number; requestId: string },
): Promise<PostedUploads> {
  const out: PostedUploads = { receipts: [], refusals: [] };
  if (files.length === 0) return out;
  if (files.length + context.alreadyAttached > REPORT_LIMITS.maxFiles) return { ...out, refusals: ["report.errors.files_too_many"] };
  for (const file of files) {
    const rate = await hitRateLimit(`upload:address:${context.clientAddress}`, limits().uploadPerAddress);
    if (!rate.allowed) {
      out.refusals.push("report.errors.rate_limited");
      break;
    }
    try {
      out.receipts.push(await createUpload({ bytes: Buffer.from(await file.arrayBuffer()), originalName: file.name }));
    } catch (error) {
      if (isAppError(error)) out.refusals.push(error.code);
      else {
        requestLog(context.requestId).error({ err: error }, "upload failed");
        out.refusals.push("report.errors.upload_failed");
      }
    }
  }
  return out;
}

/**
 * The names of uploads not yet claimed, by their claim tokens (which only their uploader holds):
 * what a form rendered again after a refusal lists of the files already sent with it.
 */
export async function unclaimedUploads(tokens: readonly string[]): Promise<{ token: string; name: string }[]> {
  if (tokens.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({ token: attachments.claimToken, name: attachments.originalName })
    .from(attachments)
    .where(and(inArray(attachments.claimToken, [...tokens].slice(0, REPORT_LIMITS.maxFiles)), isNull(attachments.reportId), isNull(attachments.penaltyId)));
  return tokens.flatMap((token) => rows.filter((row) => row.token === token));
}

/** Who gave a report's files, and with which timeline event (a reply, a delegate's account). */
export type UploadOwner = { source: "citizen" | "staff" | "delegate"; eventId?: number | null };

/**
 * Attaches uploads to a report inside its transaction (a new report, a citizen's reply, a
 * delegate's account). Every token must name an unclaimed upload, or the whole change is refused
 * (and nothing is written). Only the citizen's own files are ever served on the tracking page.
 */
export async function claimUploads(tx: Database, reportId: string, tokens: readonly string[], owner: UploadOwner = { source: "citizen" }): Promise<void> {
  if (tokens.length === 0) return;
  if (tokens.length > REPORT_LIMITS.maxFiles) throw new AppError("report.errors.files_too_many");
  const claimed = await tx
    .update(attachments)
    .set({ reportId, source: owner.source, eventId: owner.eventId ?? null })
    .where(and(inArray(attachments.claimToken, [...tokens]), isNull(attachments.reportId), isNull(attachments.penaltyId)))
    .returning({ id: attachments.id });
  if (claimed.length !== new Set(tokens).size) throw new AppError("report.errors.file_unknown");
}

/**
 * The files answering a request type's file fields: claimed by the report like its own files, each
 * marked with its field, of a type the field accepts; the answer then names the files (their ids),
 * not the claim tokens, which are secrets of the upload.
 */
export async function claimFieldUploads(tx: Database, reportId: string, form: FormDefinition, answers: FieldAnswers): Promise<void> {
  const files = fileTokensOf(form.fields, answers);
  if (files.size === 0) return;
  const named: FieldAnswers = { ...answers };
  for (const [code, tokens] of files) {
    const field = form.fields.find((f) => f.code === code)!;
    const claimed = await tx
      .update(attachments)
      .set({ reportId, source: "citizen", fieldCode: code })
      .where(and(inArray(attachments.claimToken, tokens), isNull(attachments.reportId), isNull(attachments.penaltyId)))
      .returning({ id: attachments.id, mimeType: attachments.mimeType });
    if (claimed.length !== new Set(tokens).size) throw new AppError("report.errors.file_unknown");
    if (claimed.some((file) => !fileTypeAccepted(field, file.mimeType))) throw new AppError("report.errors.field_file_type");
    named[code] = claimed.map((file) => file.id);
  }
  await tx.update(reports).set({ fields: named }).where(eq(reports.id, reportId));
}

export type ServedFile = { bytes: Buffer; mimeType: string; name: string; kind: "image" | "document" };

/**
 * A report's file for whoever holds its tracking number: the re-encoded display version, never the
 * original. Hidden reports (inadmissible) serve nothing.
 */
export async function readAttachmentForPublic(attachmentId: string, trackingNumber: string): Promise<ServedFile | null> {
  const db = await getDb();
  const [row] = await db
    .select({ key: attachments.storageKey, mimeType: attachments.mimeType, name: attachments.originalName, kind: attachments.kind, status: reports.status })
    .from(attachments)
    .innerJoin(reports, eq(reports.id, attachments.reportId))
    .where(and(eq(attachments.id, attachmentId), eq(reports.trackingNumber, trackingNumber), eq(attachments.source, "citizen")))
    .limit(1);
  if (!row || !isPublicStatus(row.status)) return null;
  const bytes = await getStorage().get(row.key);
  if (!bytes) return null;
  return { bytes, mimeType: row.mimeType, name: row.name, kind: row.kind };
}

/**
 * Files that no row names, written before `olderThan`: what a server killed between writing a file
 * and recording it (or mid-write) left behind. Called by the tick, for stores that can list.
 */
export async function sweepOrphanFiles(olderThan: Date): Promise<number> {
  const storage = getStorage();
  if (!storage.list) return 0;
  const db = await getDb();
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const literal = `{${batch.join(",")}}`;
    const known = rowsOf<{ key: string }>(
      await db.execute(
        sql`select k as key from unnest(${literal}::text[]) k where exists (select 1 from ${attachments} a where a.storage_key = k or a.original_key = k)`,
      ),
    );
    const keep = new Set(known.map((r) => r.key));
    for (const key of batch) {
      if (keep.has(key)) continue;
      await storage.delete(key);
      removed++;
    }
    batch = [];
  };
  for await (const entry of storage.list(olderThan)) {
    if (entry.partial) {
      await storage.deletePartial?.(entry.key);
      removed++;
      continue;
    }
    batch.push(entry.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  return removed;
}

/**
 * Deletes uploads that nothing claims — no report, reply or delegate's account (they carry the
 * report), no penalty contest — with their files: abandoned forms. Called by the tick.
 */
export async function sweepUnclaimedUploads(olderThan: Date): Promise<number> {
  const db = await getDb();
  const stale = await db
    .delete(attachments)
    .where(and(isNull(attachments.reportId), isNull(attachments.penaltyId), lt(attachments.createdAt, olderThan)))
    .returning({ key: attachments.storageKey, originalKey: attachments.originalKey });
  const storage = getStorage();
  for (const file of stale) {
    await storage.delete(file.key).catch(() => undefined);
    if (file.originalKey) await storage.delete(file.originalKey).catch(() => undefined);
  }
  return stale.length;
}

/**
 * A report's file for staff who may read the report: the display version, or the untouched
 * original (with its metadata) when asked. Delegates get the display version only.
 */
export async function readAttachmentForStaff(viewer: Viewer | null, attachmentId: string, variant: "display" | "original"): Promise<ServedFile | null> {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  const db = await getDb();
  const [evidence] = await db
    .select({
      key: attachments.storageKey,
      mimeType: attachments.mimeType,
      name: attachments.originalName,
      kind: attachments.kind,
      delegateId: penalties.delegateId,
    })
    .from(attachments)
    .innerJoin(penalties, eq(penalties.id, attachments.penaltyId))
    .where(eq(attachments.id, attachmentId))
    .limit(1);
  if (evidence) {
    // A delegate's evidence: for the mayor's office (and admins) and the delegate who sent it.
    if (!(mayPerform(viewer, "penalty.read") || mayPerform(viewer, "penalty.read_own", { delegateId: evidence.delegateId })))
      throw new AppError("forbidden:penalty");
    const bytes = await getStorage().get(evidence.key);
    return bytes ? { bytes, mimeType: evidence.mimeType, name: evidence.name, kind: evidence.kind } : null;
  }
  const [row] = await db
    .select({
      key: attachments.storageKey,
      originalKey: attachments.originalKey,
      mimeType: attachments.mimeType,
      name: attachments.originalName,
      kind: attachments.kind,
      source: attachments.source,
      eventId: attachments.eventId,
      serviceId: reports.serviceId,
      serviceDelegateId: services.delegateId,
    })
    .from(attachments)
    .innerJoin(reports, eq(reports.id, attachments.reportId))
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(eq(attachments.id, attachmentId))
    .limit(1);
  if (!row) return null;
  const scope = { serviceId: row.serviceId, serviceDelegateId: row.serviceDelegateId };
  if (!mayPerform(viewer, "report.read", scope) || !canSeeAttachment(viewer, row)) throw new AppError("forbidden:report");
  const key = variant === "original" && row.originalKey && canSeeCitizenContact(viewer, scope) ? row.originalKey : row.key;
  const bytes = await getStorage().get(key);
  return bytes ? { bytes, mimeType: row.mimeType, name: row.name, kind: row.kind } : null;
}

/** Attaches a delegate's evidence to the penalty it contests (never to the report: it is not public). */
export async function claimUploadsForPenalty(tx: Database, penaltyId: string, tokens: readonly string[]): Promise<void> {
  if (tokens.length === 0) return;
  if (tokens.length > REPORT_LIMITS.maxFiles) throw new AppError("report.errors.files_too_many");
  const claimed = await tx
    .update(attachments)
    .set({ penaltyId })
    .where(and(inArray(attachments.claimToken, [...tokens]), isNull(attachments.reportId), isNull(attachments.penaltyId)))
    .returning({ id: attachments.id });
  if (claimed.length !== new Set(tokens).size) throw new AppError("report.errors.file_unknown");
}
