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
import { localized, localizedWithLang } from "@/lib/i18n/config";
import { recordAudit } from "./audit";
import { boundsOf, cityLocale, getCity } from "./reference";
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

export async function listOpen311Services() {
  const db = await getDb();
  const rows = await db
    .select({ code: categories.code, name: categories.name, description: categories.description, serviceName: services.name })
    .from(categories)
    .innerJoin(services, eq(services.id, categories.serviceId))
    .where(and(eq(categories.active, true), eq(categories.isPrivate, false)))
    .orderBy(asc(services.sortOrder), asc(categories.sortOrder));
  const locale = cityLocale(await getCity());
  return rows.map((r) => ({
    service_code: r.code,
    service_name: localized(r.name, locale),
    description: localizedWithLang(r.description, locale)?.text ?? "",
    metadata: false,
    type: "realtime",
    keywords: "",
    group: localized(r.serviceName, locale),
  }));
}

/** A service's definition; none of the city's categories asks extra questions yet. */
export async function getOpen311ServiceDefinition(code: string) {
  const services = await listOpen311Services();
  if (!services.some((s) => s.service_code === code)) return null;
  return { service_code: code, attributes: [] as unknown[] };
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

/**
 * A report filed by a third-party app: `service_code`, `lat` + `long` (this city has no geocoder:
 * an `address_string` alone is refused), `description`, optional contact. The citizen gets the
 * same acknowledgement as on the web.
 */
export async function createOpen311Request(form: Open311Post): Promise<{ service_request_id: string; service_notice: string | null; account_id: null }> {
  const db = await getDb();
  const key = form.api_key ?? "";
  const [client] = key
    ? await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)))
    : [];
  if (!client) throw new AppError("open311.forbidden", { description: "api_key missing, unknown or revoked" });
  const [category] = form.service_code
    ? await db
        .select()
        .from(categories)
        .where(and(eq(categories.code, form.service_code), eq(categories.active, true), eq(categories.isPrivate, false)))
    : [];
  if (!category) throw new AppError("open311.bad_request", { description: "service_code missing or unknown" });
  if (!form.lat || !form.long)
    throw new AppError("open311.bad_request", { description: "lat and long are required (address_string alone cannot be located here)" });
  const city = await getCity();
  const locale = cityLocale(city);
  const lat = Number(form.lat);
  const lng = Number(form.long);
  if (!isInsideBounds({ lat, lng }, boundsOf(city))) throw new AppError("open311.bad_request", { description: "lat/long outside the city" });
  const name = [form.first_name, form.last_name].filter(Boolean).join(" ").trim();
  const anonymous = !form.email && !form.phone;
  const parsed = reportInputSchema(boundsOf(city)).safeParse({
    categoryIds: [String(category.id)],
    lat: form.lat,
    lng: form.long,
    address: form.address_string ?? "",
    description: form.description ?? "",
    anonymous: anonymous ? "on" : "",
    name: name || (anonymous ? "" : "—"),
    email: form.email ?? "",
    phone: form.phone ?? "",
    attachmentTokens: [],
    idempotencyKey: `open311-${randomUUID()}`,
    website: "",
  });
  if (!parsed.success) {
    throw new AppError("open311.bad_request", { description: parsed.error.issues.map((i) => `${String(i.path[0] ?? "")}: ${i.message}`).join("; ") });
  }
  const submitted = await submitReport(parsed.data, { locale, channel: "api" });
  const [filed] = await db.select({ publicNumber: reports.publicNumber }).from(reports).where(eq(reports.trackingNumber, submitted.trackingNumber));
  // The app gets the public reference; the tracking number reaches the citizen alone, by mail.
  return { service_request_id: String(filed!.publicNumber), service_notice: localizedWithLang(category.notice, locale)?.text ?? null, account_id: null };
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
