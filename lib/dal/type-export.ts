/**
 * One request type's requests with their answers, for its CSV export (lib/export/type-csv). Who asks:
 * whoever reads the statistics (`stats.read`: the mayor's office, coordinators, admins); each request
 * is still checked against the reader's reach, its tracking number shown only to whoever may see it,
 * and its e-mail and phone answers removed here for a reader who may not see the citizen's contact.
 */
import { and, asc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { attachments, categories, categoryForms, reportCategories, reports, services } from "@/db/schema";
import { canReadReport, canSeeCitizenContact, canSeeTrackingNumber, mayPerform, type Viewer } from "@/lib/auth/permissions";
import { localDateOf } from "@/lib/domain/deadlines";
import { reportReference } from "@/lib/domain/report-reference";
import type { FieldAnswers, FieldKind, FormDefinition } from "@/lib/domain/request-fields";
import { AppError } from "@/lib/errors";
import { defaultLocale, isLocale, localized, type Locale } from "@/lib/i18n/config";
import type { TypeRequestRow } from "@/lib/export/type-csv";
import { getCity } from "./reference";

/** At most this many requests in one export (as the audit log's): a longer period is asked in parts. */
export const TYPE_EXPORT_MAX_ROWS = 50_000;

const CONTACT_KINDS: ReadonlySet<FieldKind> = new Set(["email", "phone"]);

export type TypeRequestsExport = {
  type: { id: number; code: string; name: string };
  forms: FormDefinition[];
  currentVersion: number | null;
  rows: TypeRequestRow[];
  /** Whether the reader may see contacts at all (the contact columns are left out otherwise). */
  seesContact: boolean;
  /** The city's default language: a label missing in the reader's language is read in it. */
  fallback: Locale;
  /** More requests than `TYPE_EXPORT_MAX_ROWS` in the period: the export holds the first ones. */
  truncated: boolean;
};

/**
 * The requests of a type submitted in [from, to), oldest first: those whose main category is the type
 * and those filed with its form (answers are read only from the latter: a request moved here from
 * another type answered another form). Null when there is no such type.
 */
export async function getTypeRequestsExport(
  viewer: Viewer | null,
  options: { categoryId: number; from: Date; to: Date },
  locale: Locale,
): Promise<TypeRequestsExport | null> {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!mayPerform(viewer, "stats.read")) throw new AppError("forbidden:stats");
  const db = await getDb();
  const [type] = await db
    .select({ id: categories.id, code: categories.code, name: categories.name, formVersion: categories.formVersion })
    .from(categories)
    .where(eq(categories.id, options.categoryId));
  if (!type) return null;
  const { timeZone, defaultLocale: cityDefault } = await getCity();
  const [forms, found] = await Promise.all([
    db
      .select({ version: categoryForms.version, fields: categoryForms.fields })
      .from(categoryForms)
      .where(eq(categoryForms.categoryId, type.id))
      .orderBy(asc(categoryForms.version)),
    db
      .select({
        id: reports.id,
        trackingNumber: reports.trackingNumber,
        publicNumber: reports.publicNumber,
        submittedAt: reports.submittedAt,
        status: reports.status,
        channel: reports.channel,
        serviceId: reports.serviceId,
        serviceDelegateId: services.delegateId,
        serviceName: services.name,
        formCategoryId: reports.formCategoryId,
        formVersion: reports.formVersion,
        fields: reports.fields,
      })
      .from(reports)
      .innerJoin(services, eq(services.id, reports.serviceId))
      .where(
        and(
          gte(reports.submittedAt, options.from),
          lt(reports.submittedAt, options.to),
          or(
            eq(reports.formCategoryId, type.id),
            sql`exists (select 1 from ${reportCategories} rc where rc.report_id = ${reports.id} and rc.position = 0 and rc.category_id = ${type.id})`,
          ),
        ),
      )
      .orderBy(asc(reports.submittedAt), asc(reports.id))
      .limit(TYPE_EXPORT_MAX_ROWS + 1),
  ]);
  const truncated = found.length > TYPE_EXPORT_MAX_ROWS;
  const readable = found
    .slice(0, TYPE_EXPORT_MAX_ROWS)
    .filter((r) => canReadReport(viewer, { serviceId: r.serviceId, serviceDelegateId: r.serviceDelegateId }));
  const byVersion = new Map(forms.map((f) => [f.version, f]));
  // The names of the files that answer a field (never their storage keys nor claim tokens).
  const withFiles = readable.filter((r) => r.formCategoryId === type.id && r.fields).map((r) => r.id);
  const files = withFiles.length
    ? await db
        .select({ id: attachments.id, reportId: attachments.reportId, name: attachments.originalName })
        .from(attachments)
        .where(and(inArray(attachments.reportId, withFiles), sql`${attachments.fieldCode} is not null`))
    : [];
  const namesOf = new Map<string, Map<string, string>>();
  for (const f of files) {
    if (!f.reportId) continue;
    const names = namesOf.get(f.reportId) ?? new Map<string, string>();
    names.set(f.id, f.name);
    namesOf.set(f.reportId, names);
  }
  const seesNumbers = canSeeTrackingNumber(viewer);
  const rows = readable.map((r): TypeRequestRow => {
    const seesContact = canSeeCitizenContact(viewer, { serviceId: r.serviceId, serviceDelegateId: r.serviceDelegateId });
    const own = r.formCategoryId === type.id && r.formVersion !== null ? byVersion.get(r.formVersion) : undefined;
    const answers: FieldAnswers = {};
    if (own && r.fields) {
      for (const field of own.fields) {
        const value = r.fields[field.code];
        if (value === undefined || (!seesContact && CONTACT_KINDS.has(field.kind))) continue;
        answers[field.code] = value;
      }
    }
    return {
      reference: reportReference({ trackingNumber: seesNumbers ? r.trackingNumber : null, publicNumber: r.publicNumber }),
      submittedOn: localDateOf(r.submittedAt, timeZone),
      status: r.status,
      channel: r.channel,
      service: localized(r.serviceName, locale),
      formVersion: own ? own.version : null,
      answers,
      fileNames: namesOf.get(r.id) ?? new Map(),
      seesContact,
    };
  });
  return {
    type: { id: type.id, code: type.code, name: localized(type.name, locale) },
    forms,
    currentVersion: type.formVersion,
    rows,
    seesContact: viewer.role !== "delegate",
    fallback: isLocale(cityDefault) ? cityDefault : defaultLocale,
    truncated,
  };
}
