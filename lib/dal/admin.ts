/**
 * The city's configuration: categories and their deadlines, services, holidays, staff accounts,
 * answer templates, the city itself. Who asks: administrators only (`admin` capability); every
 * function checks it. Changes to deadlines apply to reports filed afterwards.
 */
import { hashPassword } from "@/lib/auth/passwords";
import { and, asc, eq, isNotNull, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Database, getDb } from "@/db";
import { categories, categoryForms, city, delegates, holidays, passwordResets, responseTemplates, services, users, type LocalizedText } from "@/db/schema";
import { mayPerform, type Viewer } from "@/lib/auth/permissions";
import { newResetToken } from "@/lib/auth/second-factor";
import type {
  categoryInputSchema,
  delegateInputSchema,
  cityInputSchema,
  serviceInputSchema,
  templateInputSchema,
  userInputSchema,
  userUpdateSchema,
} from "@/lib/domain/admin-input";
import { CITY_LETTERHEAD_LIMITS } from "@/lib/domain/letterhead-limits";
import { env } from "@/lib/env";
import { logoDigest, logoPng } from "@/lib/files/logo";
import { AppError } from "@/lib/errors";
import { type Locale, localized, localizedWithLang, type ShownText } from "@/lib/i18n/config";
import { localDateOf, type OfficialHoliday, officialHolidays } from "@/lib/domain/deadlines";
import { definitionIssues, type FieldDefinition, type FormDefinition, missingLabelLanguages } from "@/lib/domain/request-fields";
import { canonicalField, definitionKey } from "@/lib/domain/request-type-input";
import { staffLocale } from "@/lib/i18n/staff-locale";
import { renderInvitation } from "@/lib/mail/templates";
import { queueReady } from "@/lib/queue";
import { recordAudit } from "./audit";
import { queueMail } from "./mails";
import { forgetReferenceData, getCity } from "./reference";

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof getDb>>["transaction"]>[0]>[0];

/** Runs an administration change and records it in the audit log in the same transaction. */
async function audited<T>(
  viewer: Viewer,
  entry: { action: string; targetType: string },
  change: (
    tx: Tx,
  ) => Promise<{ result?: T; targetId?: string | number | null; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }>,
): Promise<T | undefined> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const done = await change(tx);
    await recordAudit(tx, {
      actor: viewer,
      action: entry.action,
      targetType: entry.targetType,
      targetId: done.targetId,
      before: done.before ?? null,
      after: done.after ?? null,
    });
    return done.result;
  });
}

function requireAdmin(viewer: Viewer | null): asserts viewer is Viewer {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!mayPerform(viewer, "city.configure")) throw new AppError("forbidden:admin");
}

const text = (fr: string, ar?: string, en?: string): LocalizedText => ({ fr, ...(ar ? { ar } : {}), ...(en ? { en } : {}) });

/**
 * A text that may be written in any of the languages, or in none (null). Shown in the reader's
 * language, else the city's default (lib/i18n/config localizedWithLang); French, the stored type's
 * required key, is "" when only another language was written.
 */
const optionalText = (fr?: string, ar?: string, en?: string): LocalizedText | null => (fr || ar || en ? text(fr ?? "", ar, en) : null);

/** Postgres unique violations become a translated "already used" error. */
function uniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

export async function getAdminOverview(viewer: Viewer | null) {
  requireAdmin(viewer);
  const db = await getDb();
  const [cityRow] = await db.select().from(city).limit(1);
  const [cats, svc, dels, days, staff, templates, forms] = await Promise.all([
    db.select().from(categories).orderBy(asc(categories.sortOrder), asc(categories.id)),
    db.select().from(services).orderBy(asc(services.sortOrder), asc(services.id)),
    db.select().from(delegates).orderBy(asc(delegates.id)),
    db.select().from(holidays).orderBy(asc(holidays.day)),
    db
      .select({
        id: users.id,
        email: users.email,
        firstName: users.firstName,
        lastName: users.lastName,
        title: users.title,
        role: users.role,
        serviceId: users.serviceId,
        delegateId: users.delegateId,
        active: users.active,
        createdAt: users.createdAt,
        hasSecondFactor: sql<boolean>`${users.totpEnabledAt} is not null`,
      })
      .from(users)
      .where(sql`${users.role} is not null`)
      .orderBy(asc(users.role), asc(users.email)),
    db.select().from(responseTemplates).orderBy(asc(responseTemplates.categoryId), asc(responseTemplates.id)),
    db
      .select({ categoryId: categoryForms.categoryId, version: categoryForms.version, fields: categoryForms.fields })
      .from(categoryForms)
      .innerJoin(categories, and(eq(categories.id, categoryForms.categoryId), eq(categories.formVersion, categoryForms.version))),
  ]);
  /** Each request type's current form (its own fields), by category id; a type without fields has none. */
  const typeForms = new Map<number, FormDefinition>(forms.map((f) => [f.categoryId, { version: f.version, fields: f.fields }]));
  // The logo's bytes stay out of the pages' props: the city page asks getCityLogo for them.
  const { logoPng, ...cityFields } = cityRow;
  return {
    city: { ...cityFields, hasLogo: logoPng !== null },
    categories: cats,
    services: svc,
    delegates: dels,
    holidays: days,
    users: staff,
    templates,
    forms: typeForms,
  };
}

export async function saveCategory(viewer: Viewer | null, input: z.output<typeof categoryInputSchema>) {
  requireAdmin(viewer);
  const db = await getDb();
  const [service] = await db.select({ id: services.id }).from(services).where(eq(services.id, input.serviceId));
  if (!service) throw new AppError("admin.errors.service_unknown");
  // Also here, not only in the form's schema: a complaint without a place could not be routed nor shown on the map.
  if (input.kind === "complaint" && input.location !== "required") throw new AppError("admin.errors.complaint_needs_place", { field: "location" });
  const values = {
    code: input.code,
    kind: input.kind,
    location: input.location,
    acknowledgement: optionalText(input.acknowledgementFr, input.acknowledgementAr, input.acknowledgementEn),
    serviceId: input.serviceId,
    name: text(input.nameFr, input.nameAr, input.nameEn),
    description: optionalText(input.descriptionFr, input.descriptionAr, input.descriptionEn),
    notice: optionalText(input.noticeFr, input.noticeAr, input.noticeEn),
    triageHours: input.triageHours,
    responseDays: input.responseDays,
    responseDayCount: input.responseDayCount,
    silenceRule: input.silenceRule,
    isPrivate: input.isPrivate,
    active: input.active,
    penaltyAmountMinor: input.penaltyAmount,
  };
  try {
    await audited(viewer, { action: input.id ? "category.update" : "category.create", targetType: "category" }, async (tx) => {
      if (input.id) {
        const [existing] = await tx.select().from(categories).where(eq(categories.id, input.id));
        if (!existing) throw new AppError("admin.errors.category_unknown");
        const [after] = await tx.update(categories).set(values).where(eq(categories.id, input.id)).returning();
        return { targetId: input.id, before: existing, after };
      }
      const [after] = await tx.insert(categories).values(values).returning();
      return { targetId: after.id, after };
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError("admin.errors.code_taken");
    throw error;
  } finally {
    await forgetReferenceData();
  }
}

/** What saving a type's fields did: the version new requests are filed with (null: no fields), whether one was written, the languages that fall back. */
export type SavedRequestTypeFields = { version: number | null; changed: boolean; missingLanguages: Locale[] };

/**
 * Replaces a request type's own fields. Versions are append-only (category_forms, a trigger refuses
 * any update or delete): a changed definition is written as version max + 1 and the type points at
 * it, in one transaction with its audit entry, so that requests filed before keep the version they
 * were filed with. An unchanged definition writes nothing. Clearing every field writes no version
 * either: the type's `formVersion` becomes null ("no fields of its own", as for a type that never
 * had any), and the earlier versions stay for the requests that used them; fields added later get
 * the next number, never one already given.
 *
 * `basedOn`: the version the administrator's editor started from (undefined: not checked). If
 * someone saved another version meanwhile, refused (`admin.errors.form_changed`) rather than
 * silently overwriting their change. The definition is checked again here (`definitionIssues`),
 * whoever calls: an unusable form is never stored.
 */
export async function saveRequestTypeFields(
  viewer: Viewer | null,
  categoryId: number,
  fields: readonly FieldDefinition[],
  options: { basedOn?: number | null } = {},
): Promise<SavedRequestTypeFields> {
  requireAdmin(viewer);
  const next = fields.map(canonicalField);
  const [issue] = definitionIssues(next);
  if (issue) throw new AppError(issue.code, { field: `fields.${issue.index}` });
  const db = await getDb();
  let saved: SavedRequestTypeFields = { version: null, changed: false, missingLanguages: missingLabelLanguages(next) };
  try {
    await db.transaction(async (tx) => {
      // The type's row locked: two administrators saving at once get versions one after the other.
      const [type] = await tx
        .select({ id: categories.id, formVersion: categories.formVersion })
        .from(categories)
        .where(eq(categories.id, categoryId))
        .for("update");
      if (!type) throw new AppError("admin.errors.category_unknown");
      if (options.basedOn !== undefined && options.basedOn !== type.formVersion) throw new AppError("admin.errors.form_changed");
      const [current] =
        type.formVersion === null
          ? []
          : await tx
              .select({ fields: categoryForms.fields })
              .from(categoryForms)
              .where(and(eq(categoryForms.categoryId, categoryId), eq(categoryForms.version, type.formVersion)));
      const before = current?.fields ?? [];
      saved = { ...saved, version: type.formVersion };
      if (definitionKey(before) === definitionKey(next)) return;
      let version: number | null = null;
      if (next.length > 0) {
        const [{ last }] = await tx
          .select({ last: max(categoryForms.version) })
          .from(categoryForms)
          .where(eq(categoryForms.categoryId, categoryId));
        version = (last ?? 0) + 1;
        await tx.insert(categoryForms).values({ categoryId, version, fields: next, createdByUserId: viewer.id });
      }
      await tx.update(categories).set({ formVersion: version }).where(eq(categories.id, categoryId));
      await recordAudit(tx, {
        actor: viewer,
        action: "category.form",
        targetType: "category",
        targetId: categoryId,
        before: { formVersion: type.formVersion, fields: before },
        after: { formVersion: version, fields: next },
      });
      saved = { ...saved, version, changed: true };
    });
  } finally {
    await forgetReferenceData();
  }
  return saved;
}

export async function saveService(viewer: Viewer | null, input: z.output<typeof serviceInputSchema>) {
  requireAdmin(viewer);
  const db = await getDb();
  if (input.delegateId) {
    const [d] = await db.select({ id: delegates.id }).from(delegates).where(eq(delegates.id, input.delegateId));
    if (!d) throw new AppError("admin.errors.delegate_unknown");
  }
  const values = { code: input.code, name: text(input.nameFr, input.nameAr, input.nameEn), email: input.email ?? null, delegateId: input.delegateId ?? null };
  try {
    await audited(viewer, { action: input.id ? "service.update" : "service.create", targetType: "service" }, async (tx) => {
      if (input.id) {
        const [before] = await tx.select().from(services).where(eq(services.id, input.id));
        if (!before) throw new AppError("admin.errors.service_unknown");
        const [after] = await tx.update(services).set(values).where(eq(services.id, input.id)).returning();
        return { targetId: input.id, before, after };
      }
      const [after] = await tx.insert(services).values(values).returning();
      return { targetId: after.id, after };
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError("admin.errors.code_taken");
    throw error;
  } finally {
    await forgetReferenceData();
  }
}

export async function addHoliday(viewer: Viewer | null, input: { day: string; nameFr: string; nameAr?: string; nameEn?: string }) {
  requireAdmin(viewer);
  const name = text(input.nameFr, input.nameAr, input.nameEn);
  await audited(viewer, { action: "holiday.add", targetType: "holiday" }, async (tx) => {
    const [before] = await tx.select().from(holidays).where(eq(holidays.day, input.day));
    const [after] = await tx.insert(holidays).values({ day: input.day, name }).onConflictDoUpdate({ target: holidays.day, set: { name } }).returning();
    return { targetId: input.day, before: before ?? null, after };
  });
  await forgetReferenceData();
}

export type HolidayCalendar = {
  timeZone: string;
  country: string;
  /** The days an administrator added, in date order, named in the reader's language (else the city's). */
  added: { day: string; name: ShownText | null; alsoOfficial: boolean }[];
  /** The country's public holidays of this year and the next (in the city's zone), which deadlines already skip. */
  official: { year: number; holidays: (OfficialHoliday & { alsoAdded: boolean })[] }[];
};

/** What the holidays page shows: both calendars the working-day count skips, side by side. */
export async function getHolidayCalendar(viewer: Viewer | null, locale: Locale, now = new Date()): Promise<HolidayCalendar> {
  requireAdmin(viewer);
  const db = await getDb();
  const cityRow = await getCity();
  const rows = await db.select().from(holidays).orderBy(asc(holidays.day));
  const fallback = staffLocale(null, cityRow.defaultLocale);
  const year = Number(localDateOf(now, cityRow.timeZone).slice(0, 4));
  const official = [year, year + 1].map((y) => ({ year: y, holidays: officialHolidays(cityRow.holidayCountry, y, locale) }));
  const officialDays = new Set(official.flatMap((o) => o.holidays.map((h) => h.day)));
  const addedDays = new Set(rows.map((h) => h.day));
  return {
    timeZone: cityRow.timeZone,
    country: cityRow.holidayCountry,
    added: rows.map((h) => ({ day: h.day, name: localizedWithLang(h.name, locale, fallback), alsoOfficial: officialDays.has(h.day) })),
    official: official.map((o) => ({ year: o.year, holidays: o.holidays.map((h) => ({ ...h, alsoAdded: addedDays.has(h.day) })) })),
  };
}

export async function removeHoliday(viewer: Viewer | null, day: string) {
  requireAdmin(viewer);
  await audited(viewer, { action: "holiday.remove", targetType: "holiday" }, async (tx) => {
    const [before] = await tx.delete(holidays).where(eq(holidays.day, day)).returning();
    return { targetId: day, before: before ?? null };
  });
  await forgetReferenceData();
}

/** How long an invitation's set-password link stays valid: a new colleague may not read their mail the same day. */
export const INVITATION_LINK_DAYS = 7;

const ACCOUNT_COLUMNS = {
  id: users.id,
  email: users.email,
  role: users.role,
  firstName: users.firstName,
  lastName: users.lastName,
  title: users.title,
  serviceId: users.serviceId,
  delegateId: users.delegateId,
  active: users.active,
  locale: users.locale,
};

/** The database's refusals of an account write as translated errors. */
function accountError(error: unknown): unknown {
  if (uniqueViolation(error)) return new AppError("admin.errors.email_taken");
  const e = error as { code?: string; cause?: { code?: string } };
  if (e?.code === "23503" || e?.cause?.code === "23503") return new AppError("admin.errors.scope_unknown");
  return error;
}

/**
 * Creates a member of staff's account and, in the same transaction, queues their invitation: a mail
 * in the account's language (its `locale`, else the city's default) with a single-use link to choose
 * their password (the reset links of /login/reset, valid INVITATION_LINK_DAYS). The password typed
 * by the administrator, if any, works until then.
 */
export async function createStaffUser(viewer: Viewer | null, input: z.output<typeof userInputSchema>, now = new Date()) {
  requireAdmin(viewer);
  const cityRow = await getCity();
  const locale = staffLocale(input.locale ?? null, cityRow.defaultLocale);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const { token, tokenHash } = newResetToken();
  const prefix = locale === "fr" ? "" : `/${locale}`;
  const mail = renderInvitation({
    cityName: localized(cityRow.name, locale),
    url: `${env().appUrl}${prefix}/login/reset/${token}`,
    firstName: input.firstName,
    role: input.role,
    days: INVITATION_LINK_DAYS,
    locale,
  });
  await queueReady();
  try {
    return await audited(viewer, { action: "user.create", targetType: "user" }, async (tx) => {
      const [after] = await tx
        .insert(users)
        .values({
          email: input.email,
          firstName: input.firstName,
          lastName: input.lastName,
          title: input.title ?? null,
          role: input.role,
          serviceId: input.role === "agent" ? input.serviceId! : null,
          delegateId: input.role === "delegate" ? input.delegateId! : null,
          locale: input.locale ?? null,
          passwordHash,
        })
        .returning(ACCOUNT_COLUMNS);
      await tx.insert(passwordResets).values({
        tokenHash,
        userId: after.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_LINK_DAYS * 86_400_000),
      });
      await queueMail(tx as unknown as Database, { to: after.email, template: "invitation", locale, ...mail });
      return { result: { id: after.id }, targetId: after.id, after: { ...after, invited: true } };
    });
  } catch (error) {
    throw accountError(error);
  }
}

/**
 * Changes an account's role, service or delegate, name and signatory title (which signs its answers
 * from now on; answers already sent keep their snapshot). An administrator may not take away their
 * own administration (`admin.errors.cannot_demote_self`): someone must be left to give it back.
 * The session reads the account on each request: the new role applies at once.
 */
export async function updateStaffUser(viewer: Viewer | null, input: z.output<typeof userUpdateSchema>) {
  requireAdmin(viewer);
  if (input.userId === viewer.id && input.role !== "admin") throw new AppError("admin.errors.cannot_demote_self", { field: "role" });
  try {
    await audited(viewer, { action: "user.update", targetType: "user" }, async (tx) => {
      const [before] = await tx
        .select(ACCOUNT_COLUMNS)
        .from(users)
        .where(and(eq(users.id, input.userId), isNotNull(users.role)));
      if (!before) throw new AppError("admin.errors.user_unknown");
      const [after] = await tx
        .update(users)
        .set({
          firstName: input.firstName,
          lastName: input.lastName,
          title: input.title ?? null,
          role: input.role,
          serviceId: input.role === "agent" ? input.serviceId! : null,
          delegateId: input.role === "delegate" ? input.delegateId! : null,
        })
        .where(eq(users.id, input.userId))
        .returning(ACCOUNT_COLUMNS);
      return { targetId: input.userId, before, after };
    });
  } catch (error) {
    throw accountError(error);
  }
}

/** Deactivating an account ends its sessions at once (the session reads the account each request). */
export async function setUserActive(viewer: Viewer | null, input: { userId: string; active: boolean }) {
  requireAdmin(viewer);
  if (input.userId === viewer.id && !input.active) throw new AppError("admin.errors.cannot_deactivate_self");
  await audited(viewer, { action: input.active ? "user.activate" : "user.deactivate", targetType: "user" }, async (tx) => {
    const [before] = await tx.select({ active: users.active, email: users.email }).from(users).where(eq(users.id, input.userId));
    if (!before) throw new AppError("admin.errors.user_unknown");
    await tx.update(users).set({ active: input.active }).where(eq(users.id, input.userId));
    return { targetId: input.userId, before, after: { ...before, active: input.active } };
  });
}

export async function saveTemplate(viewer: Viewer | null, input: z.output<typeof templateInputSchema>) {
  requireAdmin(viewer);
  await audited(viewer, { action: "template.create", targetType: "template" }, async (tx) => {
    const [cat] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId));
    if (!cat) throw new AppError("admin.errors.category_unknown");
    const [after] = await tx.insert(responseTemplates).values(input).returning();
    return { targetId: after.id, after };
  });
}

export async function deleteTemplate(viewer: Viewer | null, templateId: number) {
  requireAdmin(viewer);
  await audited(viewer, { action: "template.delete", targetType: "template" }, async (tx) => {
    const [before] = await tx.delete(responseTemplates).where(eq(responseTemplates.id, templateId)).returning();
    return { targetId: templateId, before: before ?? null };
  });
}

/** The city's row as the audit log records it: the logo by its digest, never its bytes. */
function auditedCity(row: typeof city.$inferSelect | undefined): Record<string, unknown> | null {
  if (!row) return null;
  const { logoPng, ...fields } = row;
  return { ...fields, logo: logoDigest(logoPng) };
}

/**
 * The city's name, emergency number, map and letterhead (postal address, phone, opening hours). The
 * tracking prefix is fixed: numbers already given out must stay valid. The logo has its own form (setCityLogo).
 */
export async function updateCity(viewer: Viewer | null, input: z.output<typeof cityInputSchema>) {
  requireAdmin(viewer);
  await audited(viewer, { action: "city.update", targetType: "city" }, async (tx) => {
    const [before] = await tx.select().from(city).where(eq(city.id, 1));
    const [after] = await tx
      .update(city)
      .set({
        name: text(input.nameFr, input.nameAr, input.nameEn),
        emergencyPhone: input.emergencyPhone ?? null,
        centerLat: input.centerLat,
        centerLng: input.centerLng,
        minLat: input.minLat,
        minLng: input.minLng,
        maxLat: input.maxLat,
        maxLng: input.maxLng,
        postalAddress: optionalText(input.postalAddressFr, input.postalAddressAr, input.postalAddressEn),
        phone: input.phone ?? null,
        openingHours: optionalText(input.openingHoursFr, input.openingHoursAr, input.openingHoursEn),
      })
      .where(eq(city.id, 1))
      .returning();
    return { targetId: 1, before: auditedCity(before), after: auditedCity(after) };
  });
  await forgetReferenceData();
}

/** The city's logo as stored (a PNG), or null; for its preview on the admin city page. */
export async function getCityLogo(viewer: Viewer | null): Promise<Buffer | null> {
  requireAdmin(viewer);
  const db = await getDb();
  const [row] = await db.select({ logoPng: city.logoPng }).from(city).where(eq(city.id, 1));
  return row?.logoPng ?? null;
}

/**
 * Sets the logo of the city's letters from an upload (`null`: removes it). The upload must be a PNG
 * or JPEG of at most 2 MB, read by its bytes; it is stored re-encoded (lib/files/logo). The audit log
 * records the digests before and after.
 */
export async function setCityLogo(viewer: Viewer | null, upload: Blob | null) {
  requireAdmin(viewer);
  let png: Buffer | null = null;
  if (upload !== null) {
    // Refused by its declared size before its bytes are read.
    if (upload.size > CITY_LETTERHEAD_LIMITS.logoMaxBytes) throw new AppError("admin.errors.logo_too_large");
    png = await logoPng(new Uint8Array(await upload.arrayBuffer()));
  }
  await audited(viewer, { action: "city.logo", targetType: "city" }, async (tx) => {
    const [before] = await tx.select({ logoPng: city.logoPng }).from(city).where(eq(city.id, 1));
    if (!before) throw new AppError("city:not_configured");
    await tx.update(city).set({ logoPng: png }).where(eq(city.id, 1));
    return { targetId: 1, before: { logo: logoDigest(before.logoPng) }, after: { logo: logoDigest(png) } };
  });
  await forgetReferenceData();
}

/** A delegate's contract: its penalty per upheld complaint applies to penalties proposed afterwards. */
export async function saveDelegate(viewer: Viewer | null, input: z.output<typeof delegateInputSchema>) {
  requireAdmin(viewer);
  const values = {
    code: input.code,
    name: input.name,
    contractRef: input.contractRef ?? null,
    penaltyAmountMinor: input.penaltyAmount,
    penaltyCurrency: input.penaltyCurrency,
    contactEmail: input.contactEmail ?? null,
  };
  try {
    await audited(viewer, { action: input.id ? "delegate.update" : "delegate.create", targetType: "delegate" }, async (tx) => {
      if (input.id) {
        const [before] = await tx.select().from(delegates).where(eq(delegates.id, input.id));
        if (!before) throw new AppError("admin.errors.delegate_unknown");
        const [after] = await tx.update(delegates).set(values).where(eq(delegates.id, input.id)).returning();
        return { targetId: input.id, before, after };
      }
      const [after] = await tx.insert(delegates).values(values).returning();
      return { targetId: after.id, after };
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError("admin.errors.code_taken");
    throw error;
  }
}
