/**
 * What staff read about reports: the triage map and list, a service's desk, one report in full.
 * Who asks: a signed-in member of staff. Coordinators, admins and the mayor's office read every
 * report; an agent only its service's; a delegate only the reports about the service it runs, and
 * never the citizen's contact.
 */
import { lettersForStaff } from "./letters";
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import {
  attachments,
  categories,
  districts,
  reportCategories,
  reportEvents,
  reportSupports,
  reports,
  reportSearchText,
  responseTemplates,
  services,
  users,
  type ReportChannel,
  type ReportStatus,
} from "@/db/schema";
import { actorOf, can, canActOnReport, canSeeAttachment, canSeeCitizenContact, canSeeTrackingNumber, mayPerform, type Viewer } from "@/lib/auth/permissions";
import { deadlineBasis, extendForPause, pausedMilliseconds, reportLateness, type Lateness } from "@/lib/domain/deadlines";
import { distanceMeters, hasPoint, type Bounds } from "@/lib/domain/geo";
import { OPEN_STATUSES, permissionOf, staffCommandsFor } from "@/lib/domain/workflow";
import { feedbackOf } from "@/lib/domain/timeline";
import { AppError } from "@/lib/errors";
import { mailsOfReport } from "./mails";
import { getCity, loadFormVersion } from "./reference";
import { shownAnswers } from "@/lib/domain/request-fields";
import { isLocale, localized, type Locale } from "@/lib/i18n/config";

export type StaffFilters = {
  statuses?: ReportStatus[];
  serviceId?: number;
  categoryId?: number;
  districtId?: number;
  channel?: ReportChannel;
  lateOnly?: boolean;
  from?: Date;
  to?: Date;
  q?: string;
  bbox?: Bounds;
  /** `triage`: reports waiting to be routed first (soonest triage deadline first), then by deadline. */
  sort?: "due" | "newest" | "triage";
  limit?: number;
};

export type StaffReportRow = {
  id: string;
  /** The citizen's secret key: null for a delegate, who sees the public number only. */
  trackingNumber: string | null;
  publicNumber: number;
  status: ReportStatus;
  channel: ReportChannel;
  submittedAt: Date;
  dueAt: Date;
  lateness: Lateness | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  district: string | null;
  serviceId: number;
  service: string;
  categories: string[];
  excerpt: string;
};

/** The SQL condition limiting rows to what this viewer may read. */
function scopeOf(viewer: Viewer): SQL | undefined {
  switch (viewer.role) {
    case "coordinator":
    case "admin":
    case "mayor_office":
      return undefined;
    case "agent":
      return viewer.serviceId === null ? sql`false` : eq(reports.serviceId, viewer.serviceId);
    case "delegate":
      return viewer.delegateId === null ? sql`false` : eq(services.delegateId, viewer.delegateId);
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The words searched, without the control characters (the search text's separator among them) that no field holds. */
function searchWords(q: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  return (q ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").trim();
}

const inBox = (b: Bounds) => and(sql`${reports.lat} between ${b.minLat} and ${b.maxLat}`, sql`${reports.lng} between ${b.minLng} and ${b.maxLng}`);

/** The conditions of the staff lists' filters, limited to the viewer's scope (shared by the list and its exact count). */
function staffConditions(viewer: Viewer, filters: StaffFilters, now: Date): SQL | undefined {
  const seesNumbers = canSeeTrackingNumber(viewer);
  const conditions: (SQL | undefined)[] = [scopeOf(viewer)];
  if (filters.statuses?.length) conditions.push(inArray(reports.status, filters.statuses));
  if (filters.serviceId) conditions.push(eq(reports.serviceId, filters.serviceId));
  if (filters.districtId) conditions.push(eq(reports.districtId, filters.districtId));
  if (filters.channel) conditions.push(eq(reports.channel, filters.channel));
  if (filters.from) conditions.push(gte(reports.submittedAt, filters.from));
  if (filters.to) conditions.push(lte(reports.submittedAt, filters.to));
  if (filters.categoryId) {
    conditions.push(sql`exists (select 1 from ${reportCategories} rc where rc.report_id = "reports"."id" and rc.category_id = ${filters.categoryId})`);
  }
  const q = searchWords(filters.q);
  if (q) {
    const like = `%${escapeLike(q)}%`;
    // The three fields as one text, read from its trigram index (migration 0022). A delegate never
    // sees tracking numbers, nor may it test a guess of one by searching: its matches are then
    // checked again on the description and the address alone.
    const words = seesNumbers
      ? sql`${reportSearchText(reports)} ilike ${like}`
      : and(sql`${reportSearchText(reports)} ilike ${like}`, or(sql`${reports.description} ilike ${like}`, sql`${reports.address} ilike ${like}`));
    const number = /^[0-9]{1,15}$/.test(q) ? sql`${reports.publicNumber} = ${Number(q)}` : undefined;
    conditions.push(number ? or(words, number) : words);
  }
  // A request without a place is in every viewport's list (it is on no map).
  if (filters.bbox) conditions.push(or(isNull(reports.lat), inBox(filters.bbox)));
  if (filters.lateOnly) {
    // Late now: triage overdue, or response overdue while the service holds it (paused time excluded).
    conditions.push(
      or(
        and(eq(reports.status, "submitted"), lte(reports.routingDueAt, now)),
        and(inArray(reports.status, ["routed", "in_progress"]), lte(reports.responseDueAt, now)),
      ),
    );
  }
  return and(...conditions);
}

/** Reports for the triage map and list, or a desk, filtered and limited to the viewer's scope. */
export async function listReportsForStaff(viewer: Viewer | null, filters: StaffFilters, locale: Locale, now = new Date()): Promise<StaffReportRow[]> {
  if (!viewer || !(can(viewer, "triage") || can(viewer, "desk") || can(viewer, "account") || can(viewer, "stats"))) throw new AppError("forbidden:reports");
  const seesNumbers = canSeeTrackingNumber(viewer);
  const db = await getDb();
  const due = sql<Date>`case when ${reports.status} = 'submitted' then ${reports.routingDueAt} else ${reports.responseDueAt} end`;
  const order = [
    ...(filters.sort === "newest"
      ? [desc(reports.submittedAt)]
      : filters.sort === "triage"
        ? [desc(sql`${reports.status} = 'submitted'`), asc(due)]
        : [asc(due)]),
    asc(reports.submittedAt),
  ];
  // Which reports first, from the narrow columns the filters and the order read (the triage
  // indexes, migration 0018); then their details, for those rows only: sorting 25,000 open reports
  // with their descriptions, or a million, is what made a city-wide viewport slow.
  const where = staffConditions(viewer, filters, now);
  const limit = Math.min(filters.limit ?? 500, 2000);
  // Only a delegate's scope reads the service (its delegate).
  const chosen =
    viewer.role === "delegate"
      ? db
          .select({ id: reports.id })
          .from(reports)
          .innerJoin(services, eq(services.id, reports.serviceId))
          .where(where)
          .orderBy(...order)
          .limit(limit)
      : db
          .select({ id: reports.id })
          .from(reports)
          .where(where)
          .orderBy(...order)
          .limit(limit);
  const rows = await db
    .select({
      id: reports.id,
      trackingNumber: reports.trackingNumber,
      publicNumber: reports.publicNumber,
      status: reports.status,
      channel: reports.channel,
      submittedAt: reports.submittedAt,
      routingDueAt: reports.routingDueAt,
      responseDueAt: reports.responseDueAt,
      pausedAt: reports.pausedAt,
      lat: reports.lat,
      lng: reports.lng,
      address: reports.address,
      districtName: districts.name,
      serviceId: reports.serviceId,
      serviceName: services.name,
      description: reports.description,
      categoryNames: sql<
        { fr: string; ar?: string; en?: string }[]
      >`(select coalesce(json_agg(c.name order by rc.position), '[]'::json) from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id")`,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .leftJoin(districts, eq(districts.id, reports.districtId))
    .where(inArray(reports.id, chosen))
    .orderBy(...order);
  const { timeZone } = await getCity();
  return rows.map((r) => {
    const paused = r.status === "needs_info" ? pausedMilliseconds(r.pausedAt, now) : 0;
    return {
      id: r.id,
      trackingNumber: seesNumbers ? r.trackingNumber : null,
      publicNumber: r.publicNumber,
      status: r.status,
      channel: r.channel,
      submittedAt: r.submittedAt,
      dueAt: r.status === "submitted" ? r.routingDueAt : extendForPause(r.responseDueAt, paused, timeZone),
      lateness: reportLateness(r, now),
      lat: r.lat,
      lng: r.lng,
      address: r.address,
      district: r.districtName ? localized(r.districtName, locale) : null,
      serviceId: r.serviceId,
      service: localized(r.serviceName, locale),
      categories: (r.categoryNames ?? []).map((n) => localized(n, locale)),
      excerpt: r.description.length > 160 ? `${r.description.slice(0, 157)}…` : r.description,
    };
  });
}

/**
 * How many reports the filters select in the viewer's scope — exact, whatever the list's limit (the
 * triage map's count of its viewport: the list stops at 2,000, the count does not).
 */
export async function countReportsForStaff(viewer: Viewer | null, filters: StaffFilters, now = new Date()): Promise<number> {
  if (!viewer || !(can(viewer, "triage") || can(viewer, "desk") || can(viewer, "account") || can(viewer, "stats"))) throw new AppError("forbidden:reports");
  const db = await getDb();
  const count = async (where: SQL | undefined) => {
    // Only a delegate's scope reads the service (its delegate); everyone else's count reads the reports alone.
    const [row] =
      viewer.role === "delegate"
        ? await db.select({ n: sql<number>`count(*)::int` }).from(reports).innerJoin(services, eq(services.id, reports.serviceId)).where(where)
        : await db.select({ n: sql<number>`count(*)::int` }).from(reports).where(where);
    return Number(row?.n ?? 0);
  };
  if (!filters.bbox) return count(staffConditions(viewer, filters, now));
  // A viewport's count as two: the requests without a place, and the reports in the box — a range of
  // the place index read alone (migration 0022), where "no place or in the box" reads every entry.
  const rest = staffConditions(viewer, { ...filters, bbox: undefined }, now);
  const [placeless, placed] = await Promise.all([count(and(rest, isNull(reports.lat))), count(and(rest, inBox(filters.bbox)))]);
  return placeless + placed;
}

export type StaffReportDetail = Awaited<ReturnType<typeof getStaffReport>>;

/**
 * How many reports the viewer may read were filed after `since` (the triage screen asks every few
 * seconds, to tell the coordinator that new reports arrived without moving what they read).
 */
export async function countReportsFiledSince(viewer: Viewer | null, since: Date): Promise<number> {
  if (!mayPerform(viewer, "report.watch_new")) throw new AppError("forbidden:reports");
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(and(scopeOf(viewer!), gt(reports.submittedAt, since)));
  return row?.n ?? 0;
}

/** One report in full for staff: contact (when allowed), photos, whole timeline, the actions allowed. */
export async function getStaffReport(viewer: Viewer | null, reportId: string, locale: Locale, now = new Date()) {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!/^[0-9a-f-]{36}$/.test(reportId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ report: reports, serviceName: services.name, serviceDelegateId: services.delegateId, districtName: districts.name })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .leftJoin(districts, eq(districts.id, reports.districtId))
    .where(eq(reports.id, reportId))
    .limit(1);
  if (!row) return null;
  const scope = { serviceId: row.report.serviceId, serviceDelegateId: row.serviceDelegateId };
  if (!mayPerform(viewer, "report.read", scope)) throw new AppError("forbidden:report");
  const r = row.report;
  // A delegate reads the report without the citizen's key, words addressed to the city alone, or the city's mails to the citizen.
  const seesNumbers = canSeeTrackingNumber(viewer);
  const [cats, events, files, master, merged, supportRows, delivery, form] = await Promise.all([
    db
      .select({
        id: categories.id,
        name: categories.name,
        silenceRule: categories.silenceRule,
        isPrivate: categories.isPrivate,
        responseDays: categories.responseDays,
        dayCount: categories.responseDayCount,
      })
      .from(reportCategories)
      .innerJoin(categories, eq(categories.id, reportCategories.categoryId))
      .where(eq(reportCategories.reportId, r.id))
      .orderBy(asc(reportCategories.position)),
    db
      .select({
        id: reportEvents.id,
        at: reportEvents.at,
        type: reportEvents.type,
        actorRole: reportEvents.actorRole,
        actorFirst: users.firstName,
        actorLast: users.lastName,
        fromStatus: reportEvents.fromStatus,
        toStatus: reportEvents.toStatus,
        publicMessage: reportEvents.publicMessage,
        internalNote: reportEvents.internalNote,
        data: reportEvents.data,
      })
      .from(reportEvents)
      .leftJoin(users, eq(users.id, reportEvents.actorUserId))
      .where(eq(reportEvents.reportId, r.id))
      .orderBy(asc(reportEvents.at), asc(reportEvents.id)),
    db
      .select({
        id: attachments.id,
        kind: attachments.kind,
        name: attachments.originalName,
        width: attachments.width,
        height: attachments.height,
        source: attachments.source,
        eventId: attachments.eventId,
      })
      .from(attachments)
      .where(eq(attachments.reportId, r.id))
      .orderBy(asc(attachments.createdAt)),
    r.duplicateOfId
      ? db
          .select({ id: reports.id, trackingNumber: reports.trackingNumber, publicNumber: reports.publicNumber })
          .from(reports)
          .where(eq(reports.id, r.duplicateOfId))
      : Promise.resolve([]),
    db
      .select({ id: reports.id, trackingNumber: reports.trackingNumber, publicNumber: reports.publicNumber })
      .from(reports)
      .where(eq(reports.duplicateOfId, r.id)),
    db.select({ n: sql<number>`count(*)::int` }).from(reportSupports).where(eq(reportSupports.reportId, r.id)),
    seesNumbers ? mailsOfReport(viewer, { id: r.id, ...scope }) : Promise.resolve([]),
    // The version of its type's form the request was filed with, whatever the form has become since.
    r.formCategoryId !== null && r.formVersion !== null ? loadFormVersion(r.formCategoryId, r.formVersion) : Promise.resolve(null),
  ]);
  const mayAct = canActOnReport(viewer, scope);
  const paused = r.status === "needs_info" ? pausedMilliseconds(r.pausedAt, now) : 0;
  const { timeZone, defaultLocale: cityDefault } = await getCity();
  const numbered = (x: { id: string; trackingNumber: string; publicNumber: number }) => ({ ...x, trackingNumber: seesNumbers ? x.trackingNumber : null });
  return {
    id: r.id,
    trackingNumber: seesNumbers ? r.trackingNumber : null,
    publicNumber: r.publicNumber,
    status: r.status,
    channel: r.channel,
    description: r.description,
    /** The answers to its type's own fields (none once the report is anonymised), and the form's version. */
    answers:
      form && r.fields
        ? shownAnswers(form, r.fields, { locale, fallback: isLocale(cityDefault) ? cityDefault : "fr", seesContact: canSeeCitizenContact(viewer, scope) })
        : [],
    formVersion: r.formVersion,
    lat: r.lat,
    lng: r.lng,
    address: r.address,
    district: row.districtName ? localized(row.districtName, locale) : null,
    serviceId: r.serviceId,
    service: localized(row.serviceName, locale),
    categories: cats.map((c) => ({ id: c.id, name: localized(c.name, locale), isPrivate: c.isPrivate })),
    silenceRule: cats[0]?.silenceRule ?? "none",
    contact: canSeeCitizenContact(viewer, scope)
      ? { name: r.citizenName, email: r.citizenEmail, phone: r.citizenPhone, anonymous: r.isAnonymous, erasedAt: r.anonymisedAt }
      : null,
    submittedAt: r.submittedAt,
    routingDueAt: r.routingDueAt,
    responseDueAt: extendForPause(r.responseDueAt, paused, timeZone),
    /** Why the response deadline is that date: the main category's rule, from when, and the days paused. */
    responseRule: cats[0] ? { days: cats[0].responseDays, dayCount: cats[0].dayCount, ...deadlineBasis(events, now) } : null,
    routedAt: r.routedAt,
    answeredAt: r.answeredAt,
    closedAt: r.closedAt,
    lateness: reportLateness(r, now),
    outcome: r.outcome,
    answer: r.answer,
    reorientedTo: r.reorientedTo,
    signature: r.answerSignature ? { ...r.answerSignature, service: localized(r.answerSignature.service, locale) } : null,
    master: master[0] ? numbered(master[0]) : null,
    merged: merged.map(numbered),
    /** Citizens who said "me too" instead of filing the same report. */
    supports: supportRows[0]?.n ?? 0,
    attachments: files.filter((f) => canSeeAttachment(viewer, f)).map(({ eventId: _, ...f }) => f),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      type: e.type,
      actorRole: e.actorRole,
      actorName: e.actorFirst ? `${e.actorFirst} ${e.actorLast ?? ""}`.trim() : null,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      publicMessage: e.publicMessage,
      // The citizen's reply and feedback comment may carry their details: not for a delegate.
      internalNote: seesNumbers || e.actorRole !== "citizen" ? e.internalNote : null,
      /** A delegate's account: the day it says the work was done. */
      doneOn: e.type === "give_account" && typeof e.data?.doneOn === "string" ? e.data.doneOn : null,
      /** The citizen's verdict on the answer (fixed or not, and the rating). */
      feedback: e.type === "give_feedback" ? feedbackOf(e.data) : null,
    })),
    /** The mails sent about this report (acknowledgement, answers…) and where each stands. */
    mails: delivery,
    /** Its letters (answers, acknowledgement), for those who may see its citizen's contact. */
    letters: await lettersForStaff(viewer, r.id),
    /** Commands the interface offers; the data layer checks again. */
    actions: mayAct ? staffCommandsFor(r.status, actorOf(viewer)).filter((c) => mayPerform(viewer, permissionOf(c), scope)) : [],
    canNote: mayPerform(viewer, "report.add_note", scope),
    /** A delegate's account of the facts, with its evidence. */
    canGiveAccount: mayPerform(viewer, "report.give_account", scope),
    canTriage: mayAct && can(viewer, "triage"),
  };
}

/** Open reports of the same category within 150 m: the likely duplicates a coordinator may merge. */
export async function suggestDuplicates(viewer: Viewer | null, reportId: string, radiusMeters = 150) {
  if (!viewer || !can(viewer, "triage")) throw new AppError("forbidden:triage");
  const db = await getDb();
  const [r] = await db
    .select({ id: reports.id, lat: reports.lat, lng: reports.lng, submittedAt: reports.submittedAt })
    .from(reports)
    .where(eq(reports.id, reportId));
  if (!r || !hasPoint(r)) return [];
  const [main] = await db
    .select({ categoryId: reportCategories.categoryId })
    .from(reportCategories)
    .where(and(eq(reportCategories.reportId, r.id), eq(reportCategories.position, 0)));
  // A box around the point first (index-friendly), then the exact distance.
  const dLat = radiusMeters / 111_000;
  const dLng = radiusMeters / (111_000 * Math.cos((r.lat * Math.PI) / 180));
  const near = await db
    .select({
      id: reports.id,
      trackingNumber: reports.trackingNumber,
      lat: reports.lat,
      lng: reports.lng,
      status: reports.status,
      submittedAt: reports.submittedAt,
      description: reports.description,
    })
    .from(reports)
    .innerJoin(reportCategories, and(eq(reportCategories.reportId, reports.id), eq(reportCategories.categoryId, main.categoryId)))
    .where(
      and(
        ne(reports.id, r.id),
        inArray(reports.status, [...OPEN_STATUSES]),
        sql`${reports.lat} between ${r.lat - dLat} and ${r.lat + dLat}`,
        sql`${reports.lng} between ${r.lng - dLng} and ${r.lng + dLng}`,
      ),
    )
    .orderBy(desc(reports.submittedAt))
    .limit(100);
  return (
    near
      .filter(hasPoint)
      .map((n) => ({ ...n, distance: Math.round(distanceMeters(r, n)), excerpt: n.description.slice(0, 120) }))
      .filter((n) => n.distance <= radiusMeters)
      // Nearest first; at the same distance, the most recent (the one the citizen most likely repeats).
      .sort((a, b) => a.distance - b.distance || b.submittedAt.getTime() - a.submittedAt.getTime())
      .slice(0, 15)
      .map(({ description: _d, ...rest }) => rest)
  );
}

/** Services, categories and districts for filters and routing, in the viewer's language. */
export async function getStaffReference(viewer: Viewer | null, locale: Locale) {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  const db = await getDb();
  const [svc, cats, dists] = await Promise.all([
    db.select().from(services).orderBy(asc(services.sortOrder), asc(services.id)),
    db.select().from(categories).where(eq(categories.active, true)).orderBy(asc(categories.sortOrder), asc(categories.id)),
    db.select().from(districts).orderBy(asc(districts.code)),
  ]);
  return {
    services: svc.map((s) => ({ id: s.id, name: localized(s.name, locale), delegated: s.delegateId !== null })),
    categories: cats.map((c) => ({ id: c.id, name: localized(c.name, locale), serviceId: c.serviceId })),
    districts: dists.map((d) => ({ id: d.id, name: localized(d.name, locale) })),
  };
}

/** Answer templates for a report's categories (agents adapt them before signing). */
export async function getResponseTemplates(viewer: Viewer | null, categoryIds: number[], locale: Locale) {
  if (!viewer || !can(viewer, "desk")) throw new AppError("forbidden:desk");
  if (categoryIds.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({
      id: responseTemplates.id,
      outcome: responseTemplates.outcome,
      title: responseTemplates.title,
      body: responseTemplates.body,
      categoryId: responseTemplates.categoryId,
      categoryName: categories.name,
    })
    .from(responseTemplates)
    .innerJoin(categories, eq(categories.id, responseTemplates.categoryId))
    .where(and(inArray(responseTemplates.categoryId, categoryIds), isNotNull(responseTemplates.body)))
    .orderBy(asc(responseTemplates.id));
  // A report with two categories finds templates under each: grouped by category, the same text offered once.
  const seen = new Set<string>();
  return rows
    .filter((r) => {
      const key = `${r.outcome}\u0000${r.title}\u0000${r.body}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => categoryIds.indexOf(a.categoryId) - categoryIds.indexOf(b.categoryId) || a.id - b.id)
    .map(({ categoryName, categoryId: _, ...r }) => ({ ...r, category: localized(categoryName, locale) }));
}
