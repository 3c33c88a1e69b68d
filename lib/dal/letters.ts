/**
 * The administration's letters (the `letters` table): issued once — an answer's in the answer's own
 * transaction (`issueAnswerLetter`), an acknowledgement when its citizen asks for it — stored as the
 * PDF sent, and never changed afterwards (trigger in migration 0021). Read by the citizen holding the
 * tracking number, by staff who may see the citizen's contact (a letter names its recipient), and,
 * as its date, service and object only, by anyone holding its verification code.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { categories, letters, reportCategories, reports, services, type City, type LocalizedText } from "@/db/schema";
import { mayPerform, type Viewer } from "@/lib/auth/permissions";
import { letterBlocks, letterFileName, letterObject, newLetterCode, parseLetterCode, type LetterFacts, type LetterKind } from "@/lib/domain/letters";
import { isPublicStatus } from "@/lib/domain/workflow";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isLocale, localized, type Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { renderLetterPdf } from "@/lib/letters/pdf";
import { cityLocale, referenceData } from "./reference";

/** The public page that confirms a letter, in the letter's language. */
export function letterUrl(locale: Locale, code: string): string {
  return `${env().appUrl}${locale === "fr" ? "" : `/${locale}`}/letters/${code}`;
}

/** A report as its letters need it. */
async function readLetterSubject(tx: Database, reportId: string) {
  const [row] = await tx
    .select({
      id: reports.id,
      status: reports.status,
      locale: reports.locale,
      publicNumber: reports.publicNumber,
      submittedAt: reports.submittedAt,
      responseDueAt: reports.responseDueAt,
      citizenName: reports.citizenName,
      citizenEmail: reports.citizenEmail,
      citizenPhone: reports.citizenPhone,
      isAnonymous: reports.isAnonymous,
      outcome: reports.outcome,
      answer: reports.answer,
      reorientedTo: reports.reorientedTo,
      signature: reports.answerSignature,
      serviceName: services.name,
      typeName: categories.name,
      typeKind: categories.kind,
      silenceRule: categories.silenceRule,
      acknowledgement: categories.acknowledgement,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .innerJoin(reportCategories, and(eq(reportCategories.reportId, reports.id), eq(reportCategories.position, 0)))
    .innerJoin(categories, eq(categories.id, reportCategories.categoryId))
    .where(eq(reports.id, reportId))
    .limit(1);
  return row ?? null;
}

type Subject = NonNullable<Awaited<ReturnType<typeof readLetterSubject>>>;

/** Makes, renders and stores one letter, in `tx`. Returns its id. */
async function issue(tx: Database, city: City, subject: Subject, kind: LetterKind, issuedAt: Date, eventId: number | null): Promise<string> {
  const locale: Locale = isLocale(subject.locale) ? subject.locale : cityLocale(city);
  const t = translatorFor(locale);
  const code = newLetterCode();
  const serviceName: LocalizedText = kind === "answer" && subject.signature ? subject.signature.service : subject.serviceName;
  const anonymous = subject.isAnonymous;
  const facts: LetterFacts = {
    kind,
    locale,
    issuedAt,
    timeZone: city.timeZone,
    city: {
      name: localized(city.name, locale),
      postalAddress: city.postalAddress ? localized(city.postalAddress, locale) : null,
      phone: city.phone,
      openingHours: city.openingHours ? localized(city.openingHours, locale) : null,
    },
    serviceName: localized(serviceName, locale),
    recipient: {
      name: anonymous ? null : subject.citizenName,
      email: anonymous ? null : subject.citizenEmail,
      phone: anonymous ? null : subject.citizenPhone,
    },
    requestKind: subject.typeKind,
    typeName: localized(subject.typeName, locale),
    publicNumber: subject.publicNumber,
    submittedAt: subject.submittedAt,
    answer:
      kind === "answer" && subject.outcome && subject.answer
        ? {
            outcome: subject.outcome,
            text: subject.answer,
            reorientedTo: subject.reorientedTo,
            signature: subject.signature && { firstName: subject.signature.firstName, lastName: subject.signature.lastName, title: subject.signature.title },
          }
        : undefined,
    acknowledgement:
      kind === "acknowledgement"
        ? {
            responseDueAt: subject.responseDueAt,
            silenceRule: subject.silenceRule,
            paragraph: subject.acknowledgement ? localized(subject.acknowledgement, locale) || null : null,
          }
        : undefined,
    verification: { code, url: letterUrl(locale, code) },
  };
  const blocks = letterBlocks(facts, t);
  const object = letterObject(facts, t);
  const pdf = await renderLetterPdf({
    blocks,
    locale,
    title: `${t(`letters.title.${kind}`)} — ${object}`,
    author: facts.city.name,
    issuedAt,
    logoPng: city.logoPng ?? null,
    verificationUrl: facts.verification.url,
  });
  const [row] = await tx
    .insert(letters)
    .values({
      reportId: subject.id,
      kind,
      eventId,
      code,
      locale,
      issuedAt,
      serviceName,
      object,
      pdf,
      sha256: createHash("sha256").update(pdf).digest("hex"),
    })
    .returning({ id: letters.id });
  return row.id;
}

/**
 * The letter of an answer, issued in the answer's transaction (lib/dal/report-workflow answerReport):
 * the answer and its letter are made together or not at all, and the answer mail carries it.
 */
export async function issueAnswerLetter(tx: Database, city: City, reportId: string, eventId: number, issuedAt: Date): Promise<string> {
  const subject = await readLetterSubject(tx, reportId);
  if (!subject) throw new AppError("staff.errors.report_unknown");
  return issue(tx, city, subject, "answer", issuedAt, eventId);
}

/**
 * The acknowledgement letter of a filing, asked for by its citizen (the tracking page): made the
 * first time, the same one afterwards. Null when the number opens nothing.
 */
export async function acknowledgementLetterFor(trackingNumber: string, now = new Date()): Promise<string | null> {
  const db = await getDb();
  const [report] = await db.select({ id: reports.id, status: reports.status }).from(reports).where(eq(reports.trackingNumber, trackingNumber)).limit(1);
  if (!report || !isPublicStatus(report.status)) return null;
  const existing = await acknowledgementOf(report.id);
  if (existing) return existing;
  const { city } = await referenceData();
  try {
    return await db.transaction(async (tx) => {
      const subject = await readLetterSubject(tx as unknown as Database, report.id);
      return subject ? issue(tx as unknown as Database, city, subject, "acknowledgement", now, null) : null;
    });
  } catch (error) {
    // Two clicks at once: the second insert meets the unique index; the first one's letter is the one.
    const first = await acknowledgementOf(report.id);
    if (first) return first;
    throw error;
  }
}

/** A report's acknowledgement letter, if it was made. */
async function acknowledgementOf(reportId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: letters.id })
    .from(letters)
    .where(and(eq(letters.reportId, reportId), eq(letters.kind, "acknowledgement")))
    .limit(1);
  return row?.id ?? null;
}

export type LetterSummary = { id: string; kind: LetterKind; issuedAt: Date; code: string; available: boolean };

const summaryColumns = {
  id: letters.id,
  kind: letters.kind,
  issuedAt: letters.issuedAt,
  code: letters.code,
  available: sql<boolean>`${letters.pdf} is not null`,
};

/** The letters of a tracked report, for its citizen (the tracking page), oldest first. */
export async function lettersForTracking(trackingNumber: string): Promise<LetterSummary[]> {
  const db = await getDb();
  return db
    .select(summaryColumns)
    .from(letters)
    .innerJoin(reports, eq(reports.id, letters.reportId))
    .where(eq(reports.trackingNumber, trackingNumber))
    .orderBy(asc(letters.issuedAt));
}

/** The letters of a report, for staff who may see its citizen's contact (the letters name them). */
export async function lettersForStaff(viewer: Viewer | null, reportId: string): Promise<LetterSummary[]> {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  const db = await getDb();
  const [scope] = await db
    .select({ serviceId: reports.serviceId, serviceDelegateId: services.delegateId })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(eq(reports.id, reportId))
    .limit(1);
  if (!scope || !mayPerform(viewer, "report.read", scope)) throw new AppError("forbidden:report");
  if (!mayPerform(viewer, "letter.read", scope)) return [];
  return db.select(summaryColumns).from(letters).where(eq(letters.reportId, reportId)).orderBy(asc(letters.issuedAt));
}

export type ServedLetter = { bytes: Buffer; name: string };

const letterFile = (row: { pdf: Buffer | null; kind: LetterKind; publicNumber: number; code: string }): ServedLetter | null =>
  row.pdf ? { bytes: row.pdf, name: letterFileName(row.kind, row.publicNumber, row.code) } : null;

/** The PDF (and its file name) of the letter `where` selects with its report; null when none or erased. */
async function servedLetter(where: SQL): Promise<ServedLetter | null> {
  const db = await getDb();
  const [row] = await db
    .select({ pdf: letters.pdf, kind: letters.kind, code: letters.code, publicNumber: reports.publicNumber })
    .from(letters)
    .innerJoin(reports, eq(reports.id, letters.reportId))
    .where(where)
    .limit(1);
  return row ? letterFile(row) : null;
}

/** A letter's PDF for the holder of its report's tracking number; null when the pair does not match. */
export function readLetterForCitizen(letterId: string, trackingNumber: string): Promise<ServedLetter | null> {
  return servedLetter(and(eq(letters.id, letterId), eq(reports.trackingNumber, trackingNumber))!);
}

/** A letter's PDF for staff who may read its report and see its citizen's contact. */
export async function readLetterForStaff(viewer: Viewer | null, letterId: string): Promise<ServedLetter | null> {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  const db = await getDb();
  const [row] = await db
    .select({
      pdf: letters.pdf,
      kind: letters.kind,
      code: letters.code,
      publicNumber: reports.publicNumber,
      serviceId: reports.serviceId,
      serviceDelegateId: services.delegateId,
    })
    .from(letters)
    .innerJoin(reports, eq(reports.id, letters.reportId))
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(eq(letters.id, letterId))
    .limit(1);
  if (!row) return null;
  const scope = { serviceId: row.serviceId, serviceDelegateId: row.serviceDelegateId };
  if (!mayPerform(viewer, "letter.read", scope)) throw new AppError("forbidden:report");
  return letterFile(row);
}

/** What the public verification page confirms of a letter: its kind, date, service and object — nothing that names anyone or opens the report. */
export type LetterVerification = { kind: LetterKind; issuedAt: Date; service: string; object: string; locale: string; timeZone: string; cityName: string };

/** The letter a code names, as the verification page shows it; null for a code no letter carries. */
export async function verifyLetter(code: string, locale: Locale): Promise<LetterVerification | null> {
  const parsed = parseLetterCode(code);
  if (!parsed) return null;
  const db = await getDb();
  const [row] = await db
    .select({ kind: letters.kind, issuedAt: letters.issuedAt, serviceName: letters.serviceName, object: letters.object, locale: letters.locale })
    .from(letters)
    .where(eq(letters.code, parsed))
    .limit(1);
  if (!row) return null;
  const { city } = await referenceData();
  return {
    kind: row.kind,
    issuedAt: row.issuedAt,
    service: localized(row.serviceName, locale),
    object: row.object,
    locale: row.locale,
    timeZone: city.timeZone,
    cityName: localized(city.name, locale),
  };
}

/** The latest answer letter of each report, for the answer mails (lib/dal/notifications). */
export async function answerLettersOf(tx: Database, reportIds: readonly string[]): Promise<Map<string, string>> {
  if (reportIds.length === 0) return new Map();
  const rows = await tx
    .selectDistinctOn([letters.reportId], { reportId: letters.reportId, id: letters.id })
    .from(letters)
    .where(and(sql`${letters.reportId} = any(${`{${reportIds.join(",")}}`}::uuid[])`, eq(letters.kind, "answer")))
    .orderBy(letters.reportId, desc(letters.issuedAt));
  return new Map(rows.map((r) => [r.reportId, r.id]));
}

/** The PDF a mail carries, for its delivery by the system's worker (lib/dal/mails); null once erased. */
export function letterAttachment(letterId: string): Promise<ServedLetter | null> {
  return servedLetter(eq(letters.id, letterId));
}
