/**
 * Citizens' reports: filing one, and what the public may read of one.
 * Who asks: the citizen filing (anyone, within the per-address limits of lib/dal/rate-limits), and whoever holds a
 * tracking number (they see that report's public page and nothing else). Staff access lives in
 * the staff DAL with its own checks.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf, type Database } from "@/db";
import { executePrepared, insertRowWhere } from "@/db/sql";
import { attachments, categories, districts, feedback, reportCategories, reportEvents, reports, services, type ReportChannel } from "@/db/schema";
import { computeDeadlines, extendForPause, pausedMilliseconds } from "@/lib/domain/deadlines";
import { distanceMeters } from "@/lib/domain/geo";
import type { ReportInput } from "@/lib/domain/report-input";
import { type FormDefinition, fileTokensOf, type ShownAnswer, shownAnswers } from "@/lib/domain/request-fields";
import { generateTrackingNumber } from "@/lib/domain/tracking-number";
import { eventData, PUBLIC_EVENT_TYPES, isPublicStatus, type Command, type PublicCommand } from "@/lib/domain/workflow";
import { claimFieldUploads, claimUploads } from "@/lib/dal/attachments";
import type { Admission, CounterRow } from "@/lib/dal/rate-limits";
import { AppError } from "@/lib/errors";
import { localized, type Locale } from "@/lib/i18n/config";
import { queueReady } from "@/lib/queue";
import { queueAcknowledgement } from "./notifications";
import { notePublicMapChange } from "./public-map";
import { cityLocale, getCity, loadFormVersion, referenceData } from "./reference";

/** A new report's first event: the `submit` command, written by the filing statement itself. */
const SUBMIT = "submit" satisfies Command;

/**
 * What filing a report decided, as its acknowledgement needs it: made only by `submitReport`, so the
 * acknowledgement mails the address the report was filed with, never one a caller picks.
 */
export type FiledReport = {
  readonly id: string;
  readonly trackingNumber: string;
  /** Null for an anonymous report (it gets no mail). */
  readonly email: string | null;
  readonly locale: Locale;
  readonly submittedAt: Date;
  readonly routingDueAt: Date;
  readonly responseDueAt: Date;
  readonly serviceId: number;
  readonly categoryIds: readonly number[];
};

export type SubmittedReport =
  | { trackingNumber: string; created: true; filed: FiledReport }
  /** The idempotency key matched a report filed before (double click, retry): nothing new. */
  | { trackingNumber: string; created: false };

/** Identity of a submission: the same key with a different body is refused. */
function submissionHash(input: ReportInput): string {
  const { idempotencyKey: _key, website: _honeypot, ...content } = input;
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/**
 * Files a report: checks its categories, routes it to the first category's service, computes its
 * due dates, attaches the uploads, writes the first timeline event and queues the citizen's
 * acknowledgement in the outbox — all in one transaction — and returns its tracking number.
 */
export async function submitReport(input: ReportInput, context: FilingContext): Promise<SubmittedReport> {
  const submitted = await fileReport(input, context);
  // The citizen who opens the map next sees their report there (other processes within seconds).
  if (submitted.created) notePublicMapChange();
  return submitted;
}

type FilingContext = {
  locale: Locale;
  channel?: ReportChannel;
  createdByUserId?: string;
  now?: Date;
  /** Rate limits counted in the filing's own statement: refused (`report.errors.rate_limited`) files nothing. */
  admission?: Admission | null;
  /** Random source of tracking numbers; tests pass a colliding one to prove the retry. */
  randomBytes?: (n: number) => Uint8Array;
};

async function fileReport(input: ReportInput, context: FilingContext): Promise<SubmittedReport> {
  const db = await getDb();
  const now = context.now ?? new Date();
  const reference = await referenceData();
  const { city: c, calendar, categories: known, districts: centres } = reference;
  await queueReady();
  const hash = submissionHash(input);

  const chosen = input.categoryIds.map((id) => known.get(id)).filter((cat) => cat?.active);
  if (chosen.length !== input.categoryIds.length) throw new AppError("report.errors.category_unknown");
  // The first category ticked is the main one: it decides the service and the deadlines.
  const main = chosen[0]!;

  const due = computeDeadlines({
    submittedAt: now,
    triageHours: main.triageHours,
    responseDays: main.responseDays,
    dayCount: main.responseDayCount,
    calendar,
  });
  const point = input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : null;
  const districtId = input.districtId ?? (point ? nearestDistrictId(centres, point) : null);
  const form = input.formCategoryId !== undefined ? reference.forms.get(input.formCategoryId) : undefined;
  if (input.formCategoryId !== undefined && form?.version !== input.formVersion) throw new AppError("report.errors.field_unknown");
  const email = input.anonymous ? null : input.email || null;

  // A retry of a filed form (same idempotency key) meets the key's unique index below and gets the
  // report its first attempt made: no look-up before, one round trip fewer for every new report.
  // The admission (rate limits) is counted by the first attempt's statement, which files the report
  // only if it is allowed: one round trip, not two. Later attempts (a taken number) count nothing.
  /** One statement, all or nothing: the admission, the report, its categories and its first event. */
  const fileOnce = async (q: Database, trackingNumber: string, admission: Admission | null) => {
    const row = {
      trackingNumber,
      channel: context.channel ?? "web",
      description: input.description,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      address: input.address || null,
      districtId,
      serviceId: main.serviceId,
      citizenName: input.anonymous ? null : input.name || null,
      citizenEmail: email,
      citizenPhone: input.anonymous ? null : input.phone || null,
      isAnonymous: input.anonymous,
      locale: context.locale,
      idempotencyKey: input.idempotencyKey,
      idempotencyHash: hash,
      submittedAt: now,
      routingDueAt: due.routingDueAt,
      responseDueAt: due.responseDueAt,
      createdByUserId: context.createdByUserId ?? null,
      updatedAt: now,
      formCategoryId: form ? input.formCategoryId : null,
      formVersion: form ? form.version : null,
      fields: input.fields ?? null,
    } satisfies typeof reports.$inferInsert;
    const chosenCategories = sql.join(
      input.categoryIds.map((id, position) => sql`(${id}::smallint, ${position}::smallint)`),
      sql`, `,
    );
    const [result] = rowsOf<{ id: string | null; tracking_number: string | null; counters: CounterRow[] }>(
      await executePrepared(
        q,
        sql`
        with ${admission ? sql`${sql.join(admission.ctes, sql`, `)},` : sql``}
        r as (${insertRowWhere(reports, row, admission?.allowed ?? sql`true`)} on conflict do nothing returning id, tracking_number),
        c as (
          insert into report_categories (report_id, category_id, position)
          select r.id, x.category_id, x.position from r, (values ${chosenCategories}) as x(category_id, position)
        ),
        e as (
          insert into report_events (report_id, at, type, actor_role, actor_user_id, to_status, data)
          select r.id, ${now.toISOString()}::timestamptz, ${SUBMIT}::report_event_type, ${context.createdByUserId ? "coordinator" : "citizen"}::text,
            ${context.createdByUserId ?? null}::uuid, 'submitted'::report_status, ${JSON.stringify(eventData(SUBMIT, { channel: context.channel ?? "web" }))}::jsonb
          from r
        )
        select (select id from r) as id, (select tracking_number from r) as tracking_number,
          ${admission ? sql`(select coalesce(json_agg(x), '[]') from (${admission.counters}) x)` : sql`'[]'::json`} as counters`,
      ),
    );
    if (admission && !admission.read(result!.counters).verdict.allowed) throw new AppError("report.errors.rate_limited");
    return result?.id ? { id: result.id, trackingNumber: result.tracking_number! } : undefined;
  };
  const file = async (q: Database) => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const row = await fileOnce(
        q,
        generateTrackingNumber(c.trackingPrefix, context.randomBytes ?? ((n) => randomBytes(n))),
        attempt === 0 ? (context.admission ?? null) : null,
      );
      if (!row) {
        // Either the idempotency key arrived meanwhile (a concurrent double click) or, once in a
        // trillion, the random number was taken: the first is answered, the second retried.
        const concurrent = await findByIdempotencyKey(q, input.idempotencyKey);
        if (concurrent) return { reuse: concurrent };
        continue;
      }
      await claimUploads(q, row.id, input.attachmentTokens);
      if (form && input.fields) await claimFieldUploads(q, row.id, form, input.fields);
      return { created: row };
    }
    throw new AppError("report.errors.tracking_exhausted");
  };
  const filedOf = (created: { id: string; trackingNumber: string }): FiledReport => ({
    id: created.id,
    trackingNumber: created.trackingNumber,
    email,
    locale: context.locale,
    submittedAt: now,
    routingDueAt: due.routingDueAt,
    responseDueAt: due.responseDueAt,
    serviceId: main.serviceId,
    categoryIds: input.categoryIds,
  });
  const fileAll = async (q: Database) => {
    try {
      const outcome = await file(q);
      if (outcome.created) await queueAcknowledgement(q, reference, filedOf(outcome.created));
      return outcome;
    } catch (error) {
      // A refused admission still counts the attempt (a flood keeps being refused): commit the count.
      if (error instanceof AppError && error.code === "report.errors.rate_limited") return { refused: true as const };
      throw error;
    }
  };
  // The report, its files and its acknowledgement commit together, or none of them. A report with
  // neither files nor a mail is filed by one statement, all or nothing by itself: it needs no
  // transaction around it (BEGIN and COMMIT were two of its three round trips).
  const result = filedInOneStatement(input, email, form) ? await fileAll(db) : await db.transaction((tx) => fileAll(tx as unknown as Database));
  if ("refused" in result) throw new AppError("report.errors.rate_limited");
  if ("reuse" in result && result.reuse) return reuseSubmission(result.reuse, hash);
  const filed = filedOf(result.created!);
  return { trackingNumber: filed.trackingNumber, created: true, filed };
}

/** Whether filing is `fileOnce`'s statement alone: no upload to claim, no acknowledgement to queue. */
function filedInOneStatement(input: Pick<ReportInput, "attachmentTokens" | "fields">, email: string | null, form: FormDefinition | undefined): boolean {
  return !email && input.attachmentTokens.length === 0 && !(form && input.fields && fileTokensOf(form.fields, input.fields).size > 0);
}

async function findByIdempotencyKey(db: Database, key: string) {
  const [row] = await db
    .select({ trackingNumber: reports.trackingNumber, idempotencyHash: reports.idempotencyHash })
    .from(reports)
    .where(eq(reports.idempotencyKey, key))
    .limit(1);
  return row;
}

function reuseSubmission(existing: { trackingNumber: string; idempotencyHash: string | null }, hash: string): SubmittedReport {
  if (existing.idempotencyHash !== hash) throw new AppError("report.errors.idempotency_conflict");
  return { trackingNumber: existing.trackingNumber, created: false };
}

function nearestDistrictId(centres: readonly { id: number; lat: number; lng: number }[], point: { lat: number; lng: number }): number | null {
  let best: { id: number; d: number } | null = null;
  for (const d of centres) {
    const distance = distanceMeters(point, { lat: d.lat, lng: d.lng });
    if (!best || distance < best.d) best = { id: d.id, d: distance };
  }
  return best?.id ?? null;
}

export type PublicReportView = {
  trackingNumber: string;
  status: string;
  isPublicStatus: boolean;
  channel: ReportChannel;
  description: string;
  address: string | null;
  district: string | null;
  /** Null for a request type without a place. */
  lat: number | null;
  lng: number | null;
  categories: { id: number; name: string }[];
  service: string;
  silenceRule: "none" | "rejection" | "acceptance";
  submittedAt: Date;
  routingDueAt: Date;
  responseDueAt: Date;
  routedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  paused: boolean;
  outcome: "upheld" | "rejected" | "reoriented" | null;
  answer: string | null;
  /** Who signed the answer (answers are nominative), and where a reoriented citizen should turn. */
  signature: { name: string; title: string | null; service: string } | null;
  reorientedTo: string | null;
  /** The service's last question while it waits for the citizen. */
  question: string | null;
  isAnonymous: boolean;
  /** Whether the citizen left an email (the page says the acknowledgement was mailed); never the address. */
  notifiedByMail: boolean;
  /** `ownWords`: what this citizen wrote with the event (their reply to a question), shown back to them alone. */
  timeline: { at: Date; type: PublicCommand; toStatus: string | null; message: string | null; ownWords: string | null }[];
  /** The verdicts this citizen gave on the answers (fixed or not, rating, comment), oldest first. */
  feedbackGiven: { at: Date; fixed: boolean; rating: number; comment: string | null }[];
  /** The citizen's files given with the report itself (those answering a field are in `answers`). */
  attachments: { id: string; kind: "image" | "document"; name: string }[];
  /**
   * The answers to its request type's own fields, in the order of the form version it was filed
   * with — never those that are a way to reach someone (email, phone), as the page shows no contact.
   */
  answers: ShownAnswer[];
  timeZone: string;
  /**
   * The report was merged into another one about the same problem: its progress (status, dates,
   * answer, timeline after the merge) is that case's, read through this citizen's own number.
   */
  merged: boolean;
  /** The case it was merged into: its public reference ("#1042", never its tracking number) and where it is. */
  mergedInto: { publicNumber: number; lat: number | null; lng: number | null } | null;
};

/**
 * What the holder of a tracking number may see: status, categories, service, dates, the public
 * timeline and the answer — never the citizen's name, email or phone, nor internal notes.
 */
export async function getReportByTrackingNumber(trackingNumber: string, locale: Locale, now = new Date()): Promise<PublicReportView | null> {
  const own = await readPublicView(eq(reports.trackingNumber, trackingNumber), locale, now);
  if (own?.status !== "duplicate" || !own.duplicateOfId) return own && withoutMaster(own);
  // A merged citizen keeps their own number, which shows the case's progress — never the other
  // citizen's number, description or files. Merges chain at most a few times; 5 is a safe bound.
  let master = own;
  for (let depth = 0; depth < 5 && master.status === "duplicate" && master.duplicateOfId; depth++) {
    const next = await readPublicView(eq(reports.id, master.duplicateOfId), locale, now);
    if (!next) break;
    master = next;
  }
  if (master === own) return withoutMaster(own);
  const mergedAt = own.timeline.findLast((e) => e.type === "merge")?.at ?? own.submittedAt;
  return {
    ...withoutMaster(own),
    merged: true,
    mergedInto: { publicNumber: master.publicNumber, lat: master.lat, lng: master.lng },
    status: master.status,
    isPublicStatus: master.isPublicStatus,
    service: master.service,
    routingDueAt: master.routingDueAt,
    responseDueAt: master.responseDueAt,
    routedAt: master.routedAt,
    answeredAt: master.answeredAt,
    closedAt: master.closedAt,
    paused: master.paused,
    outcome: master.outcome,
    answer: master.answer,
    signature: master.signature,
    reorientedTo: master.reorientedTo,
    // The case's question is for its own citizen: this one is not asked to reply.
    question: null,
    // The case's citizen's words stay theirs.
    timeline: [...own.timeline, ...master.timeline.filter((e) => e.at > mergedAt && !CASE_ONLY_EVENTS.has(e.type)).map((e) => ({ ...e, ownWords: null }))],
  };
}

/**
 * The case's own filing and its exchanges with its citizen: not shown to the citizens merged into
 * it (their timeline has their own filing; the case's is another citizen's).
 */
const CASE_ONLY_EVENTS = new Set<Command>(["submit", "ask_information", "provide_information", "resume"]);

const withoutMaster = ({
  duplicateOfId: _,
  publicNumber: __,
  ...view
}: PublicReportView & { duplicateOfId: string | null; publicNumber: number }): PublicReportView => view;

async function readPublicView(
  where: SQL,
  locale: Locale,
  now: Date,
): Promise<(PublicReportView & { duplicateOfId: string | null; publicNumber: number }) | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: reports.id,
      trackingNumber: reports.trackingNumber,
      publicNumber: reports.publicNumber,
      status: reports.status,
      channel: reports.channel,
      description: reports.description,
      address: reports.address,
      lat: reports.lat,
      lng: reports.lng,
      submittedAt: reports.submittedAt,
      routingDueAt: reports.routingDueAt,
      responseDueAt: reports.responseDueAt,
      routedAt: reports.routedAt,
      answeredAt: reports.answeredAt,
      closedAt: reports.closedAt,
      pausedAt: reports.pausedAt,
      outcome: reports.outcome,
      answer: reports.answer,
      answerSignature: reports.answerSignature,
      reorientedTo: reports.reorientedTo,
      duplicateOfId: reports.duplicateOfId,
      isAnonymous: reports.isAnonymous,
      hasEmail: sql<boolean>`${reports.citizenEmail} is not null`,
      formCategoryId: reports.formCategoryId,
      formVersion: reports.formVersion,
      fields: reports.fields,
      serviceName: services.name,
      districtName: districts.name,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .leftJoin(districts, eq(districts.id, reports.districtId))
    .where(where)
    .limit(1);
  if (!row) return null;
  const [cats, events, files, c, given, form] = await Promise.all([
    db
      .select({ id: categories.id, name: categories.name, silenceRule: categories.silenceRule })
      .from(reportCategories)
      .innerJoin(categories, eq(categories.id, reportCategories.categoryId))
      .where(eq(reportCategories.reportId, row.id))
      .orderBy(asc(reportCategories.position)),
    db
      // Only the public commands' events, hence the narrower type.
      .select({
        at: reportEvents.at,
        type: sql<PublicCommand>`${reportEvents.type}`,
        toStatus: reportEvents.toStatus,
        message: reportEvents.publicMessage,
        // The citizen's own reply, shown back to whoever holds their number (never in a public listing).
        ownWords: sql<string | null>`case when ${reportEvents.type} = 'provide_information' then ${reportEvents.internalNote} end`,
      })
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, row.id), inArray(reportEvents.type, [...PUBLIC_EVENT_TYPES])))
      .orderBy(asc(reportEvents.at), asc(reportEvents.id)),
    db
      .select({ id: attachments.id, kind: attachments.kind, name: attachments.originalName, fieldCode: attachments.fieldCode })
      .from(attachments)
      // The citizen's own files: evidence a delegate or the staff attached stays inside the city.
      .where(and(eq(attachments.reportId, row.id), eq(attachments.source, "citizen")))
      .orderBy(asc(attachments.createdAt)),
    getCity(),
    db
      .select({ at: feedback.createdAt, fixed: feedback.fixed, rating: feedback.rating, comment: feedback.comment })
      .from(feedback)
      .where(eq(feedback.reportId, row.id))
      .orderBy(asc(feedback.createdAt)),
    // The version of its type's form the request was filed with, whatever the form has become since.
    row.formCategoryId !== null && row.formVersion !== null && row.fields ? loadFormVersion(row.formCategoryId, row.formVersion) : Promise.resolve(null),
  ]);
  const paused = row.status === "needs_info" && row.pausedAt !== null;
  return {
    trackingNumber: row.trackingNumber,
    status: row.status,
    isPublicStatus: isPublicStatus(row.status),
    channel: row.channel,
    description: row.description,
    address: row.address,
    district: row.districtName ? localized(row.districtName, locale) : null,
    lat: row.lat,
    lng: row.lng,
    categories: cats.map((cat) => ({ id: cat.id, name: localized(cat.name, locale) })),
    service: localized(row.serviceName, locale),
    silenceRule: cats[0]?.silenceRule ?? "none",
    submittedAt: row.submittedAt,
    routingDueAt: row.routingDueAt,
    // While the report waits for the citizen the response clock is paused: the due date moves on.
    responseDueAt: paused ? extendForPause(row.responseDueAt, pausedMilliseconds(row.pausedAt, now), c.timeZone) : row.responseDueAt,
    routedAt: row.routedAt,
    answeredAt: row.answeredAt,
    closedAt: row.closedAt,
    paused,
    outcome: row.outcome,
    answer: row.answer,
    signature: row.answerSignature
      ? {
          name: `${row.answerSignature.firstName} ${row.answerSignature.lastName}`.trim(),
          title: row.answerSignature.title,
          service: localized(row.answerSignature.service, locale),
        }
      : null,
    reorientedTo: row.reorientedTo,
    question: paused ? ([...events].reverse().find((e) => e.type === "ask_information")?.message ?? null) : null,
    isAnonymous: row.isAnonymous,
    notifiedByMail: row.hasEmail && !row.isAnonymous,
    timeline: events,
    feedbackGiven: given,
    attachments: files.filter((f) => f.fieldCode === null).map(({ fieldCode: _, ...f }) => f),
    answers: form && row.fields ? shownAnswers(form, row.fields, { locale, fallback: cityLocale(c), seesContact: false }) : [],
    timeZone: c.timeZone,
    merged: false,
    mergedInto: null,
    duplicateOfId: row.duplicateOfId,
    publicNumber: row.publicNumber,
  };
}

/** Whether a report has this tracking number (the look-up form answers "not found" otherwise). */
export async function trackingNumberExists(trackingNumber: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: reports.id }).from(reports).where(eq(reports.trackingNumber, trackingNumber)).limit(1);
  return Boolean(row);
}
