/**
 * The city's reference data (city, services, categories, districts): public by nature, read by
 * every page. Personal data never passes through here.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { cache } from "react";
import { getDatabase, getDb } from "@/db";
import { categories, categoryForms, city, districts, holidays, services } from "@/db/schema";
import type { Category, City } from "@/db/schema";
import { makeHolidayChecker, type WorkCalendar } from "@/lib/domain/deadlines";
import type { FormDefinition } from "@/lib/domain/request-fields";
import type { RequestTypes } from "@/lib/domain/report-input";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { defaultLocale, isLocale, localized, localizedWithLang, type Locale, type ShownText } from "@/lib/i18n/config";
import { staffLocale } from "@/lib/i18n/staff-locale";

export type CityBounds = { minLat: number; minLng: number; maxLat: number; maxLng: number };

/** The city row; a database without one has not been seeded. */
export async function loadCity(): Promise<City> {
  const db = await getDb();
  const [row] = await db.select().from(city).limit(1);
  if (!row) throw new AppError("city:not_configured");
  return row;
}

/** Per request: many components need the city. */
export const getCity = cache(loadCity);

/** The city's default language (`city.default_locale`): for what no reader's language decides (Open311, service mailboxes). */
export function cityLocale(c: City): Locale {
  return staffLocale(null, c.defaultLocale);
}

export function boundsOf(c: City): CityBounds {
  return { minLat: c.minLat, minLng: c.minLng, maxLat: c.maxLat, maxLng: c.maxLng };
}

/**
 * What filing a report reads every time — the city, its working calendar, the categories and services,
 * the districts' centres — kept a few seconds in the process: a submission read them in five round
 * trips. An admin change (`forgetReferenceData`, called by lib/dal/admin) is seen at once by the
 * process that made it, and by the others as soon as its NOTIFY reaches them (each process LISTENs
 * on REFERENCE_CHANNEL); REFERENCE_TTL_MS bounds the delay when a notice is lost (a listening
 * connection being opened again).
 */
export const REFERENCE_TTL_MS = 10_000;
export const REFERENCE_CHANNEL = "erec_reference_changed";

export type ReferenceData = {
  city: City;
  calendar: WorkCalendar;
  /** Every category (active or not: the acknowledgement names a report's categories whatever became of them). */
  categories: Map<number, Category>;
  serviceNames: Map<number, Category["name"]>;
  /** The current form of each request type that has fields of its own, by category id. */
  forms: Map<number, FormDefinition>;
  districts: { id: number; lat: number; lng: number }[];
};

let kept: { db: unknown; at: number; data: Promise<ReferenceData> } | null = null;
const listening = new WeakSet<object>();

/** Starts listening for other processes' admin changes on this database, once. */
async function followChanges(): Promise<void> {
  const handle = await getDatabase();
  if (listening.has(handle)) return;
  listening.add(handle);
  try {
    await handle.listen(REFERENCE_CHANNEL, () => {
      kept = null;
    });
  } catch (error) {
    listening.delete(handle);
    log().warn({ err: error }, "could not listen for reference data changes; relying on REFERENCE_TTL_MS");
  }
}

export async function referenceData(): Promise<ReferenceData> {
  await followChanges();
  const db = await getDb();
  const now = Date.now();
  if (!kept || kept.db !== db || now - kept.at > REFERENCE_TTL_MS) {
    const data = (async (): Promise<ReferenceData> => {
      const [c, cats, svc, dists, forms] = await Promise.all([
        loadCity(),
        db.select().from(categories),
        db.select({ id: services.id, name: services.name }).from(services),
        db.select({ id: districts.id, lat: districts.centerLat, lng: districts.centerLng }).from(districts),
        db
          .select({ categoryId: categoryForms.categoryId, version: categoryForms.version, fields: categoryForms.fields })
          .from(categoryForms)
          .innerJoin(categories, and(eq(categories.id, categoryForms.categoryId), eq(categories.formVersion, categoryForms.version))),
      ]);
      return {
        city: c,
        calendar: await loadWorkCalendar(c),
        categories: new Map(cats.map((cat) => [cat.id, cat])),
        serviceNames: new Map(svc.map((s) => [s.id, s.name])),
        districts: dists,
        forms: new Map(forms.map((f) => [f.categoryId, { version: f.version, fields: f.fields }])),
      };
    })();
    kept = { db, at: now, data };
    // A failed read is not kept.
    data.catch(() => {
      if (kept?.data === data) kept = null;
    });
  }
  return kept.data;
}

const typesKept = new WeakMap<ReferenceData, RequestTypes>();

/**
 * The request types' rules (family, place, current form) as the report schema reads them: one map per
 * read of the reference data, so that the schema built from it is built once (lib/domain/report-input).
 */
export function requestTypesOf(reference: ReferenceData): RequestTypes {
  let types = typesKept.get(reference);
  if (!types) {
    types = new Map([...reference.categories.values()].map((c) => [c.id, { kind: c.kind, location: c.location, form: reference.forms.get(c.id) ?? null }]));
    typesKept.set(reference, types);
  }
  return types;
}

/** After an admin change to the city, its categories, services, districts or holidays: forgotten here, and told to every process. */
export async function forgetReferenceData(): Promise<void> {
  kept = null;
  try {
    const db = await getDb();
    await db.execute(sql`select pg_notify(${REFERENCE_CHANNEL}, '')`);
  } catch (error) {
    log().warn({ err: error }, "could not tell the other processes of a reference data change; they see it within REFERENCE_TTL_MS");
  }
}

/** The working-day calendar of the city: weekends, the country's public holidays and admin-added days. */
export async function loadWorkCalendar(c: City): Promise<WorkCalendar> {
  const db = await getDb();
  const extra = await db.select({ day: holidays.day }).from(holidays);
  return {
    timeZone: c.timeZone,
    weekendDays: c.weekendDays,
    isHoliday: makeHolidayChecker({ country: c.holidayCountry, extraDates: extra.map((h) => h.day) }),
  };
}

export type CategoryWithService = Category & { serviceName: { fr: string; ar?: string; en?: string } };

/** One version of a request type's form (an earlier request is read with the version it was filed with). */
export async function loadFormVersion(categoryId: number, version: number): Promise<FormDefinition | null> {
  const db = await getDb();
  const [row] = await db
    .select({ version: categoryForms.version, fields: categoryForms.fields })
    .from(categoryForms)
    .where(and(eq(categoryForms.categoryId, categoryId), eq(categoryForms.version, version)));
  return row ?? null;
}

/** Active categories with their service, ordered for display. */
export const getActiveCategories = cache(async (): Promise<CategoryWithService[]> => {
  const db = await getDb();
  const rows = await db
    .select({ category: categories, serviceName: services.name, serviceOrder: services.sortOrder })
    .from(categories)
    .innerJoin(services, eq(services.id, categories.serviceId))
    .where(eq(categories.active, true))
    .orderBy(asc(services.sortOrder), asc(services.id), asc(categories.sortOrder), asc(categories.id));
  return rows.map((r) => ({ ...r.category, serviceName: r.serviceName }));
});

/** Category names by id in one language (for the map legend, popups and the tracking page). */
export async function getCategoryNames(locale: Locale): Promise<Record<number, string>> {
  const all = await getActiveCategories();
  return Object.fromEntries(all.map((c) => [c.id, localized(c.name, locale)]));
}

/** Everything the citizen's form needs, in the visitor's language. */
export async function getReportFormReference(locale: Locale) {
  const db = await getDb();
  const [c, cats, dists, reference] = await Promise.all([
    getCity(),
    getActiveCategories(),
    db.select().from(districts).orderBy(asc(districts.code)),
    referenceData(),
  ]);
  // A description or notice missing in the visitor's language is shown in the city's default one.
  const fallback = isLocale(c.defaultLocale) ? c.defaultLocale : defaultLocale;
  const byService = new Map<
    number,
    { id: number; name: string; categories: { id: number; name: string; description: ShownText | null; notice: ShownText | null }[] }
  >();
  const requests: { id: number; name: string; service: string; description: ShownText | null; notice: ShownText | null }[] = [];
  // What the form's rules read of each type (the browser checks the report with the server's schema).
  const types: Record<number, { kind: Category["kind"]; location: Category["location"]; form: FormDefinition | null }> = {};
  for (const cat of cats) {
    types[cat.id] = { kind: cat.kind, location: cat.location, form: reference.forms.get(cat.id) ?? null };
    if (cat.kind === "request") {
      requests.push({
        id: cat.id,
        name: localized(cat.name, locale),
        service: localized(cat.serviceName, locale),
        description: localizedWithLang(cat.description, locale, fallback),
        notice: localizedWithLang(cat.notice, locale, fallback),
      });
      continue;
    }
    let group = byService.get(cat.serviceId);
    if (!group) {
      group = { id: cat.serviceId, name: localized(cat.serviceName, locale), categories: [] };
      byService.set(cat.serviceId, group);
    }
    group.categories.push({
      id: cat.id,
      name: localized(cat.name, locale),
      description: localizedWithLang(cat.description, locale, fallback),
      notice: localizedWithLang(cat.notice, locale, fallback),
    });
  }
  return {
    city: {
      name: localized(c.name, locale),
      center: { lat: c.centerLat, lng: c.centerLng },
      zoom: c.defaultZoom,
      bounds: boundsOf(c),
      emergencyPhone: c.emergencyPhone,
    },
    services: [...byService.values()],
    requests,
    types,
    /** The language a label missing in the visitor's falls back to. */
    fallbackLocale: fallback,
    districts: dists
      .map((d) => ({ id: d.id, name: localized(d.name, locale), lat: d.centerLat, lng: d.centerLng }))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
}
