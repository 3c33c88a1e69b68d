/**
 * Open311 GeoReport v2: the city's categories as services, its public reports as service requests,
 * and filing by third-party apps holding an API key. Who asks: anyone for reads (public data only:
 * no identity, no private category, no spam); a valid, unrevoked key for POST.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { apiKeys, categories, reportCategories, reports, services } from "@/db/schema";
import { mayPerform, type Viewer } from "@/lib/auth/permissions";
import { w3cDateTime } from "@/lib/domain/deadlines";
import { isInsideBounds } from "@/lib/domain/geo";
import { reportInputSchema } from "@/lib/domain/report-input";
import { AppError } from "@/lib/errors";
import { isLocale, type Locale, localized, localizedWithLang } from "@/lib/i18n/config";
import { messages } from "@/lib/i18n/messages";
import { answersInput, type AttributeWords, attributeNameOf, serviceAttributes, unsendableFields } from "@/lib/open311/attributes";
import { createTranslator } from "next-intl";
import { recordAudit } from "./audit";
import { boundsOf, cityLocale, getCity, referenceData, requestTypesOf } from "./reference";
import { submitReport } from "./reports";
import { DAY_MS } from "@/lib/domain/time";
import { OPEN_STATUSES } from "@/lib/domain/workflow";

const CLOSED = ["answered", "closed"] as const;
const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** A public number as Open311 clients send it ("1042"); anything else names no request. */
function publicNumberOf(id: string): number[] {
  const trimmed = id.trim();
  if (!/^[1-9][0-9]{0,15}$/.test(trimmed)) return [];
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? [n] : [];
}

const w3c = (date: Date | null, timeZone: string) => (date ? w3cDateTime(date, timeZone) : null);

/** The language of Open311's texts: the one asked (`locale=ar`), else the city's default. */
export async function open311Locale(asked: string | null | undefined): Promise<Locale> {
  return isLocale(asked) ? asked : cityLocale(await getCity());
}

/** The translator of the `open311` messages in one language. */
const open311Words = new Map<string, AttributeWords>();
function wordsOf(locale: Locale, namespace: "open311.attributes" | "open311.refusals"): AttributeWords {
  const key = `${locale}:${namespace}`;
  let t = open311Words.get(key);
  if (!t) open311Words.set(key, (t = createTranslator({ locale, messages: messages[locale], namespace } as never) as unknown as AttributeWords));
  return t;
}
const reportWords = (locale: Locale) => createTranslator({ locale, messages: messages[locale] } as never) as unknown as (key: string) => string;

/**
 * The request types filed through Open311: active, public categories (a private type's requests
 * are personal: it is neither listed, nor defined, nor filed here, and its requests are never read).
 * `metadata` says the type has fields of its own (a current form), to read in its definition.
 */
export async function listOpen311Services(locale?: Locale) {
  const db = await getDb();
  const rows = await db
    .select({
      code: categories.code,
      name: categories.name,
      description: categories.description,
      formVersion: categories.formVersion,
      serviceName: services.name,
    })
    .from(categories)
    .innerJoin(services, eq(services.id, categories.serviceId))
    .where(and(eq(categories.active, true), eq(categories.isPrivate, false)))
    .orderBy(asc(services.sortOrder), asc(categories.sortOrder));
  const city = await getCity();
  const lang = locale ?? cityLocale(city);
  const fallback = cityLocale(city);
  return rows.map((r) => ({
    service_code: r.code,
    service_name: localized(r.name, lang),
    description: localizedWithLang(r.description, lang, fallback)?.text ?? "",
    metadata: r.formVersion !== null,
    type: "realtime",
    keywords: "",
    group: localized(r.serviceName, lang),
  }));
}

/** A public request type by its code (active, not private), with its current form; null: Open311 knows no such service. */
async function open311Type(code: string) {
  if (!code) return null;
  const reference = await referenceData();
  const category = [...reference.categories.values()].find((c) => c.code === code && c.active && !c.isPrivate);
  if (!category) return null;
  return { category, reference, types: requestTypesOf(reference), form: reference.forms.get(category.id) ?? null };
}

/**
 * A service's definition: the attributes of its type's current form (lib/open311/attributes), in
 * `locale` (else the city's language). File fields are left out (Open311 cannot send them).
 */
export async function getOpen311ServiceDefinition(code: string, locale?: Locale) {
  const type = await open311Type(code);
  if (!type) return null;
  const fallback = cityLocale(type.reference.city);
  const lang = locale ?? fallback;
  return { service_code: code, attributes: serviceAttributes(type.form?.fields ?? [], lang, fallback, wordsOf(lang, "open311.attributes")) };
}

export type Open311Query = { ids?: string[]; serviceCode?: string; start?: Date; end?: Date; status?: "open" | "closed" };

export async function listOpen311Requests(query: Open311Query, now = new Date()) {
  const db = await getDb();
  const city = await getCity();
  const locale = cityLocale(city);
  const conditions: (SQL | undefined)[] = [
    inArray(reports.status, [...OPEN_STATUSES, ...CLOSED]),
    sql`not exists (select 1 from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and c.is_private)`,
  ];
  if (query.ids?.length) {
    // Requests are named by their public number, never by the citizen's tracking number (a secret
    // that opens the report's page): a tracking number given here finds nothing.
    const numbers = query.ids.flatMap((id) => publicNumberOf(id));
    if (numbers.length === 0) return [];
    conditions.push(inArray(reports.publicNumber, numbers));
  } else {
    const end = query.end ?? now;
    const start = query.start ?? new Date(end.getTime() - 90 * DAY_MS);
    conditions.push(gte(reports.submittedAt, start), lt(reports.submittedAt, end));
    if (query.status) conditions.push(inArray(reports.status, query.status === "open" ? [...OPEN_STATUSES] : [...CLOSED]));
    if (query.serviceCode) {
      conditions.push(
        sql`exists (select 1 from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and rc.position = 0 and c.code = ${query.serviceCode})`,
      );
    }
  }
  const rows = await db
    .select({
      publicNumber: reports.publicNumber,
      status: reports.status,
      description: reports.description,
      answer: reports.answer,
      address: reports.address,
      lat: reports.lat,
      lng: reports.lng,
      submittedAt: reports.submittedAt,
      updatedAt: reports.updatedAt,
      responseDueAt: reports.responseDueAt,
      serviceName: services.name,
      categoryCode: sql<string>`(select c.code from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and rc.position = 0)`,
      categoryName: sql<{
        fr: string;
      }>`(select c.name from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and rc.position = 0)`,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(and(...conditions))
    .orderBy(desc(reports.submittedAt))
    .limit(1000);
  return rows.map((r) => ({
    service_request_id: String(r.publicNumber),
    status: (CLOSED as readonly string[]).includes(r.status) ? "closed" : "open",
    status_notes: r.answer,
    service_name: localized(r.categoryName, locale),
    service_code: r.categoryCode,
    description: r.description,
    agency_responsible: localized(r.serviceName, locale),
    service_notice: null,
    requested_datetime: w3c(r.submittedAt, city.timeZone),
    updated_datetime: w3c(r.updatedAt, city.timeZone),
    expected_datetime: w3c(r.responseDueAt, city.timeZone),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: null,
  }));
}

export type Open311Post = Record<string, string>;

/** Where in the POST a refusal of the report's schema is: its attribute, its point, or its own parameter. */
function postedNameOf(path: PropertyKey | undefined): string {
  const name = String(path ?? "");
  if (name === "location" || name === "lat" || name === "lng") return "lat/long";
  if (name === "name") return "first_name/last_name";
  if (name === "categoryIds") return "service_code";
  return attributeNameOf(name) ?? name;
}

/**
 * A report filed by a third-party app: `service_code`, its place as the type asks (`lat` + `long`
 * for a complaint; optional or none for other types — a point sent for a type without a place is
 * not kept; this city has no geocoder: an `address_string` alone is refused), `description`,
 * optional contact, and the type's own fields as `attribute[code]` (lib/open311/attributes), checked
 * by the one schema of the form. The citizen gets the same acknowledgement as on the web.
 * Refusals: `open311.forbidden` (the key), `open311.not_found` (the service code), `open311.bad_request`
 * with `errors`, one description per refusal, naming its attribute, in `locale` (else the city's language).
 */
export async function createOpen311Request(
  form: Open311Post,
  attributes: ReadonlyMap<string, readonly string[]> = new Map(),
  locale?: Locale,
): Promise<{ service_request_id: string; service_notice: string | null; account_id: null }> {
  const db = await getDb();
  const key = form.api_key ?? "";
  const [client] = key
    ? await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)))
    : [];
  if (!client) throw new AppError("open311.forbidden", { description: "api_key missing, unknown or revoked" });
  if (!form.service_code) throw new AppError("open311.bad_request", { description: "service_code missing" });
  const type = await open311Type(form.service_code);
  if (!type) throw new AppError("open311.not_found", { description: "service_code unknown" });
  const { category, reference, types, form: definition } = type;
  const city = reference.city;
  const lang = locale ?? cityLocale(city);
  const refusals = wordsOf(lang, "open311.refusals");
  const unsendable = unsendableFields(definition?.fields ?? []);
  if (unsendable.length) {
    const names = unsendable.map((f) => `attribute[${f.code}]`).join(", ");
    throw new AppError("open311.bad_request", { description: refusals("file_required", { fields: names }) });
  }
  const rules = types.get(category.id);
  const place = rules?.location ?? "required";
  if (place !== "none") {
    if (!form.lat !== !form.long) throw new AppError("open311.bad_request", { description: refusals("location_both") });
    if (place === "required" && !form.lat)
      throw new AppError("open311.bad_request", { description: "lat and long are required (address_string alone cannot be located here)" });
    if (form.lat && !isInsideBounds({ lat: Number(form.lat), lng: Number(form.long) }, boundsOf(city)))
      throw new AppError("open311.bad_request", { description: "lat/long outside the city" });
  }
  const name = [form.first_name, form.last_name].filter(Boolean).join(" ").trim();
  const anonymous = !form.email && !form.phone;
  const parsed = reportInputSchema(boundsOf(city), types).safeParse({
    categoryIds: [String(category.id)],
    // A type without a place keeps none (whatever was sent: its schema would drop it anyway).
    lat: place === "none" ? "" : (form.lat ?? ""),
    lng: place === "none" ? "" : (form.long ?? ""),
    address: form.address_string ?? "",
    description: form.description ?? "",
    anonymous: anonymous ? "on" : "",
    name: name || (anonymous ? "" : "—"),
    email: form.email ?? "",
    phone: form.phone ?? "",
    attachmentTokens: [],
    idempotencyKey: `open311-${randomUUID()}`,
    website: "",
    // The answers under the names the form's one schema reads (`field.<code>`); files never.
    ...answersInput(definition?.fields ?? [], attributes),
  });
  if (!parsed.success) {
    const t = reportWords(lang);
    throw new AppError("open311.bad_request", {
      errors: parsed.error.issues.map((i) => `${postedNameOf(i.path[0])}: ${i.message.startsWith("report.errors.") ? t(i.message) : i.message}`),
    });
  }
  const submitted = await submitReport(parsed.data, { locale: lang, channel: "api" });
  const [filed] = await db.select({ publicNumber: reports.publicNumber }).from(reports).where(eq(reports.trackingNumber, submitted.trackingNumber));
  // The app gets the public reference; the tracking number reaches the citizen alone, by mail.
  return {
    service_request_id: String(filed!.publicNumber),
    service_notice: localizedWithLang(category.notice, lang, cityLocale(city))?.text ?? null,
    account_id: null,
  };
}

/** Issues an API key to a client app (admins). The key is shown once; only its hash is kept. */
export async function issueApiKey(viewer: Viewer | null, name: string): Promise<string> {
  if (!viewer || !mayPerform(viewer, "api_key.manage")) throw new AppError("forbidden:admin");
  const key = randomBytes(24).toString("base64url");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [after] = await tx
      .insert(apiKeys)
      .values({ name: name.trim().slice(0, 120) || "client", keyHash: hashKey(key), createdByUserId: viewer.id })
      .returning({ id: apiKeys.id, name: apiKeys.name });
    await recordAudit(tx, { actor: viewer, action: "api_key.issue", targetType: "api_key", targetId: after.id, after });
  });
  return key;
}

export async function revokeApiKey(viewer: Viewer | null, id: string) {
  if (!viewer || !mayPerform(viewer, "api_key.manage")) throw new AppError("forbidden:admin");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(eq(apiKeys.id, id))
      .returning({ id: apiKeys.id, name: apiKeys.name, revokedAt: apiKeys.revokedAt });
    if (after) await recordAudit(tx, { actor: viewer, action: "api_key.revoke", targetType: "api_key", targetId: id, after });
  });
}

export async function listApiKeys(viewer: Viewer | null) {
  if (!viewer || !mayPerform(viewer, "api_key.manage")) throw new AppError("forbidden:admin");
  const db = await getDb();
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}
