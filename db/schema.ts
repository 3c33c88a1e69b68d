/**
 * The one schema of e-reclamations. snake_case columns, camelCase properties.
 * Migrations are generated from this file (`npm run db:generate`) and committed in db/migrations.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  customType,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { FieldAnswers, FieldDefinition } from "../lib/domain/request-fields";
import { COMMAND_NAMES } from "../lib/domain/workflow";

/** A text in each of the city's interface languages; `fr` is always present. */
export type LocalizedText = { fr: string; ar?: string; en?: string };

/** Bytes kept in the row (a letter's PDF, the city's logo): written once, read whole. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array | string }>({
  dataType: () => "bytea",
  // node-postgres gives a Buffer, PGlite a Uint8Array, a driver without a bytea parser its hex text.
  fromDriver: (value) =>
    Buffer.isBuffer(value) ? value : typeof value === "string" ? Buffer.from(value.startsWith("\\x") ? value.slice(2) : value, "hex") : Buffer.from(value),
});

export type AnswerSignature = { firstName: string; lastName: string; title: string | null; service: LocalizedText };

export const reportStatus = pgEnum("report_status", ["submitted", "routed", "in_progress", "needs_info", "answered", "closed", "duplicate", "inadmissible"]);
export const reportChannel = pgEnum("report_channel", ["web", "phone", "counter", "email", "letter", "api"]);
export const answerOutcome = pgEnum("answer_outcome", ["upheld", "rejected", "reoriented"]);
export const userRole = pgEnum("user_role", ["coordinator", "agent", "mayor_office", "delegate", "admin"]);
export const dayCount = pgEnum("day_count", ["calendar", "working"]);
export const silenceRule = pgEnum("silence_rule", ["none", "rejection", "acceptance"]);
export const attachmentKind = pgEnum("attachment_kind", ["image", "document"]);
/** Who gave a file: the citizen's files are theirs to see; staff's and a delegate's evidence stay inside the city. */
export const attachmentSource = pgEnum("attachment_source", ["citizen", "staff", "delegate"]);
/** What happened in a report's timeline: the name of the command that did it (lib/domain/workflow). */
export const reportEventType = pgEnum("report_event_type", COMMAND_NAMES);
/**
 * The family of a request type: a `complaint` about a dysfunction (located, one or two categories, as
 * Tétouan and Vienne take them) or another `request` (La Seyne's démarches: one type, its own fields).
 */
export const requestKind = pgEnum("request_kind", ["complaint", "request"]);
/** Whether a request type asks for a place on the map. */
export const locationRule = pgEnum("location_rule", ["required", "optional", "none"]);
export const penaltyState = pgEnum("penalty_state", ["proposed", "contested", "confirmed", "waived", "cancelled"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

/** The one city (jurisdiction) this deployment serves. */
export const city = pgTable("city", {
  id: smallint("id").primaryKey().default(1),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  timeZone: text("time_zone").notNull(),
  currency: text("currency").notNull(),
  defaultLocale: text("default_locale").notNull().default("fr"),
  /** ISO 3166 country (and optional region) whose public holidays the working-day calendar skips. */
  holidayCountry: text("holiday_country").notNull(),
  /** Days of the week that are not worked, 0 = Sunday … 6 = Saturday. */
  weekendDays: integer("weekend_days").array().notNull().default(sql`'{0,6}'::integer[]`),
  centerLat: doublePrecision("center_lat").notNull(),
  centerLng: doublePrecision("center_lng").notNull(),
  defaultZoom: smallint("default_zoom").notNull().default(13),
  minLat: doublePrecision("min_lat").notNull(),
  minLng: doublePrecision("min_lng").notNull(),
  maxLat: doublePrecision("max_lat").notNull(),
  maxLng: doublePrecision("max_lng").notNull(),
  trackingPrefix: text("tracking_prefix").notNull(),
  emergencyPhone: text("emergency_phone"),
  /** Days a delegate has to contest a proposed penalty. */
  penaltyContestDays: smallint("penalty_contest_days").notNull().default(15),
  /** Days after an answer without the citizen's feedback before the report closes itself. */
  autoCloseDays: smallint("auto_close_days").notNull().default(15),
  /** The town hall's postal address, phone and opening hours: the sender of its letters (lib/letters). */
  postalAddress: jsonb("postal_address").$type<LocalizedText>(),
  phone: text("phone"),
  openingHours: jsonb("opening_hours").$type<LocalizedText>(),
  /** The city's logo on its letters, as a PNG re-encoded from what an admin uploaded. */
  logoPng: bytea("logo_png"),
});

export const districts = pgTable("districts", {
  id: smallint("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  centerLat: doublePrecision("center_lat").notNull(),
  centerLng: doublePrecision("center_lng").notNull(),
});

/** A private operator running a service under a concession contract. */
export const delegates = pgTable("delegates", {
  id: smallint("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  contractRef: text("contract_ref"),
  /** Penalty per upheld complaint, in minor units of `penaltyCurrency` (500 DH = 50000). */
  penaltyAmountMinor: integer("penalty_amount_minor").notNull().default(50000),
  penaltyCurrency: text("penalty_currency").notNull().default("MAD"),
  contactEmail: text("contact_email"),
});

export const services = pgTable("services", {
  id: smallint("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  description: jsonb("description").$type<LocalizedText>(),
  email: text("email"),
  delegateId: smallint("delegate_id").references(() => delegates.id),
  sortOrder: smallint("sort_order").notNull().default(0),
});

export const categories = pgTable(
  "categories",
  {
    id: smallint("id").primaryKey().generatedAlwaysAsIdentity(),
    code: text("code").notNull().unique(),
    serviceId: smallint("service_id")
      .notNull()
      .references(() => services.id),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>(),
    /** Shown when the category is picked, e.g. "danger: call 19". */
    notice: jsonb("notice").$type<LocalizedText>(),
    triageHours: smallint("triage_hours").notNull().default(48),
    responseDays: smallint("response_days").notNull().default(30),
    responseDayCount: dayCount("response_day_count").notNull().default("calendar"),
    silenceRule: silenceRule("silence_rule").notNull().default("none"),
    /** Private categories (e.g. security) never appear on the public map. */
    isPrivate: boolean("is_private").notNull().default(false),
    /** Overrides the delegate's contract amount for this category (minor units). */
    penaltyAmountMinor: integer("penalty_amount_minor"),
    active: boolean("active").notNull().default(true),
    sortOrder: smallint("sort_order").notNull().default(0),
    /** A category is a request type: complaint categories are one family of them. */
    kind: requestKind("kind").notNull().default("complaint"),
    location: locationRule("location").notNull().default("required"),
    /** The type's own paragraph in the acknowledgement (what happens next, what to bring…). */
    acknowledgement: jsonb("acknowledgement").$type<LocalizedText>(),
    /** The version of its form (category_forms) new requests are filed with; null: no fields of its own. */
    formVersion: smallint("form_version"),
  },
  (t) => [check("categories_triage_hours_positive", sql`${t.triageHours} > 0`), check("categories_response_days_positive", sql`${t.responseDays} > 0`)],
);

/**
 * The versions of a request type's form: a new version is written each time an administrator changes
 * its fields, and never changed afterwards, so every request is read with the fields it was filed with.
 */
export const categoryForms = pgTable(
  "category_forms",
  {
    categoryId: smallint("category_id")
      .notNull()
      .references(() => categories.id),
    version: smallint("version").notNull(),
    fields: jsonb("fields").$type<FieldDefinition[]>().notNull(),
    createdAt: createdAt(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.version] })],
);

/** Public holidays an admin adds on top of the country's calendar. */
export const holidays = pgTable("holidays", {
  day: date("day").primaryKey(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    /** Every account is staff today; null is kept for the citizen accounts to come (/me). */
    role: userRole("role"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    title: text("title"),
    serviceId: smallint("service_id").references(() => services.id),
    delegateId: smallint("delegate_id").references(() => delegates.id),
    active: boolean("active").notNull().default(true),
    /** When the password was last set: a session or a reset link older than this is void. */
    passwordChangedAt: tstz("password_changed_at"),
    /** The TOTP secret (base32), encrypted with AUTH_SECRET; confirmed once `totpEnabledAt` is set. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: tstz("totp_enabled_at"),
    /** The language of this person's mails, exports and screens' summaries; null: the city's default. */
    locale: text("locale"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

/**
 * What the staff search reads (lib/dal/staff-reports), written once for the index and the query so
 * that PostgreSQL matches them: the fields joined by a unit separator (U+001F), which a search never
 * holds, so that no match spans two fields.
 */
export const reportSearchText = (t: { description: AnyPgColumn; address: AnyPgColumn; trackingNumber: AnyPgColumn }) =>
  sql`(${t.description} || E'\\x1f' || coalesce(${t.address}, '') || E'\\x1f' || ${t.trackingNumber})`;

export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trackingNumber: text("tracking_number").notNull().unique(),
    /**
     * The report's public reference (Open311's service_request_id, the map, open data): a number in
     * order of filing that opens nothing. The tracking number is the citizen's secret.
     */
    publicNumber: bigint("public_number", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    status: reportStatus("status").notNull().default("submitted"),
    channel: reportChannel("channel").notNull().default("web"),
    description: text("description").notNull(),
    /** Null for a request type without a place (a library sign-up, a question). */
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    address: text("address"),
    districtId: smallint("district_id").references(() => districts.id),
    /** The service the report is (or will be) routed to; defaults to its first category's. */
    serviceId: smallint("service_id")
      .notNull()
      .references(() => services.id),
    citizenName: text("citizen_name"),
    citizenEmail: text("citizen_email"),
    citizenPhone: text("citizen_phone"),
    isAnonymous: boolean("is_anonymous").notNull().default(false),
    /** When the citizen's contact data was erased (retention or an administrator's decision). */
    anonymisedAt: tstz("anonymised_at"),
    /** The language the citizen used: their mails go out in it. */
    locale: text("locale").notNull().default("fr"),
    /** Sent by the form so that a double click or a network retry makes one report. */
    idempotencyKey: text("idempotency_key").unique(),
    /** Hash of the submitted content, to refuse the same key with a different body. */
    idempotencyHash: text("idempotency_hash"),
    submittedAt: tstz("submitted_at").notNull().defaultNow(),
    routingDueAt: tstz("routing_due_at").notNull(),
    responseDueAt: tstz("response_due_at").notNull(),
    routedAt: tstz("routed_at"),
    answeredAt: tstz("answered_at"),
    closedAt: tstz("closed_at"),
    /** Set while the report waits for the citizen (`needs_info`): the response clock is paused. */
    pausedAt: tstz("paused_at"),
    outcome: answerOutcome("outcome"),
    answer: text("answer"),
    /** Reoriented answers name the administration the citizen should contact. */
    reorientedTo: text("reoriented_to"),
    answeredByUserId: uuid("answered_by_user_id").references(() => users.id),
    /** Answers are nominative: first name, last name, title and service at the time of answering. */
    answerSignature: jsonb("answer_signature").$type<AnswerSignature>(),
    duplicateOfId: uuid("duplicate_of_id"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    /** The request type whose form was filled and its version (category_forms), with the answers by field code. */
    formCategoryId: smallint("form_category_id"),
    formVersion: smallint("form_version"),
    fields: jsonb("fields").$type<FieldAnswers>(),
  },
  (t) => [
    index("reports_status_idx").on(t.status),
    index("reports_service_status_idx").on(t.serviceId, t.status),
    index("reports_submitted_at_idx").on(t.submittedAt),
    // Where: a viewport's exact count on the staff triage map reads this index alone (migration 0022
    // adds INCLUDE (status, service_id, district_id, channel, submitted_at), which drizzle-kit does not model).
    index("reports_lat_lng_idx").on(t.lat, t.lng),
    // The staff search's words anywhere in the description, the address or the tracking number:
    // trigrams (pg_trgm), so that `ilike '%…%'` over years of history reads the index, not the table.
    index("reports_search_idx").using("gin", sql`${reportSearchText(t)} gin_trgm_ops`),
    // The public map reads its points whole by these two (lib/dal/public-map; migration 0011 adds INCLUDE
    // (id; lat, lng, id), which drizzle-kit does not model), then the reports changed since by updated_at.
    index("reports_map_open_idx").on(t.lat, t.lng).where(sql`${t.status} in ('submitted', 'routed', 'in_progress', 'needs_info', 'answered')`),
    index("reports_map_closed_idx").on(t.closedAt).where(sql`${t.status} = 'closed'`),
    index("reports_updated_at_idx").on(t.updatedAt),
    uniqueIndex("reports_public_number_key").on(t.publicNumber),
    // The tick (lib/dal/tick, privacy): the running reports a page at a time in the order of their ids;
    // the reports merged into one (its citizens' notices); the ended reports not yet anonymised, by when they ended.
    index("reports_running_idx").on(t.id).where(sql`${t.status} in ('submitted', 'routed', 'in_progress')`),
    index("reports_duplicate_of_idx").on(t.duplicateOfId).where(sql`${t.duplicateOfId} is not null`),
    index("reports_retention_idx")
      .on(sql`(case when ${t.status} = 'closed' then coalesce(${t.closedAt}, ${t.updatedAt}) else ${t.updatedAt} end)`)
      .where(sql`${t.anonymisedAt} is null and ${t.status} in ('closed', 'duplicate', 'inadmissible')`),
    // The staff triage map (lib/dal/staff-reports): its order (reports waiting for triage first, then by
    // deadline) over the open reports, with what its filters read (migration 0018 adds INCLUDE, which
    // drizzle-kit does not model), and over every report for the lists of other statuses.
    index("reports_triage_open_idx")
      .on(sql`(${t.status} = 'submitted') desc`, sql`(case when ${t.status} = 'submitted' then ${t.routingDueAt} else ${t.responseDueAt} end)`, t.submittedAt)
      .where(sql`${t.status} in ('submitted', 'routed', 'in_progress', 'needs_info')`),
    index("reports_triage_idx").on(
      sql`(${t.status} = 'submitted') desc`,
      sql`(case when ${t.status} = 'submitted' then ${t.routingDueAt} else ${t.responseDueAt} end)`,
      t.submittedAt,
    ),
    check("reports_lat_range", sql`${t.lat} between -90 and 90`),
    check("reports_lng_range", sql`${t.lng} between -180 and 180`),
    check("reports_location_whole", sql`(${t.lat} is null) = (${t.lng} is null)`),
    foreignKey({ columns: [t.formCategoryId, t.formVersion], foreignColumns: [categoryForms.categoryId, categoryForms.version] }),
  ],
);

/** A report has one or two categories; `position` 0 is the main one. */
export const reportCategories = pgTable(
  "report_categories",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    categoryId: smallint("category_id")
      .notNull()
      .references(() => categories.id),
    position: smallint("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.categoryId] }),
    uniqueIndex("report_categories_position_key").on(t.reportId, t.position),
    index("report_categories_category_idx").on(t.categoryId),
    check("report_categories_position_range", sql`${t.position} in (0, 1)`),
  ],
);

/**
 * A file uploaded by the citizen. Uploaded before the report exists (with a progress bar), it is
 * claimed by the report with its `claimToken`; unclaimed uploads are swept.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id").references(() => reports.id, { onDelete: "cascade" }),
    /** Evidence a delegate attached when contesting a penalty. */
    penaltyId: uuid("penalty_id"),
    /** The timeline event (a delegate's account, a citizen's reply) this file came with. */
    eventId: bigint("event_id", { mode: "number" }),
    /** The field of the request type's form this file answers (null: a file of the report itself). */
    fieldCode: text("field_code"),
    source: attachmentSource("source").notNull().default("citizen"),
    /** Secret handed to the uploader only: whoever holds it may attach the file to a new report. */
    claimToken: text("claim_token").notNull().unique(),
    kind: attachmentKind("kind").notNull(),
    mimeType: text("mime_type").notNull(),
    /** Storage key of what is shown: re-encoded image without metadata, or the checked PDF. */
    storageKey: text("storage_key").notNull(),
    /** Storage key of the untouched original, served to staff only. */
    originalKey: text("original_key"),
    originalName: text("original_name").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_report_idx").on(t.reportId)],
);

/** Append-only timeline of a report: who, when, from → to, a public message and/or an internal note. */
export const reportEvents = pgTable(
  "report_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    at: tstz("at").notNull().defaultNow(),
    /** The command that wrote it (`submit`, `route`, `answer`…), a label the interface translates. */
    type: reportEventType("type").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    /** `citizen`, `system`, or the staff role at the time of the change. */
    actorRole: text("actor_role").notNull(),
    fromStatus: reportStatus("from_status"),
    toStatus: reportStatus("to_status"),
    publicMessage: text("public_message"),
    internalNote: text("internal_note"),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  (t) => [index("report_events_report_idx").on(t.reportId, t.at)],
);

/** Every mail the platform sends; with no RESEND_API_KEY this table is the outbox. */
/**
 * Where a mail stands in the outbox: written `queued` in the transaction of the change that causes it,
 * then delivered by the queue's worker (lib/queue): `sent` (with the provider's id), `retrying` (the
 * last attempt's reason in `error`, another attempt planned), `dead` (refused for good, or out of
 * attempts: an admin may send it again from /staff/admin/mails).
 */
export const mailState = pgEnum("mail_state", ["queued", "sent", "retrying", "dead"]);
export type MailState = (typeof mailState.enumValues)[number];

/** The mail outbox: every mail the platform sends, with its delivery. */
export const mails = pgTable(
  "mails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    template: text("template").notNull(),
    locale: text("locale").notNull(),
    reportId: uuid("report_id").references(() => reports.id, { onDelete: "set null" }),
    /** The letter sent with it as a PDF (an answer's). */
    letterId: uuid("letter_id").references(() => letters.id),
    state: mailState("state").notNull().default("queued"),
    /** Delivery attempts made (the provider was called). */
    attempts: integer("attempts").notNull().default(0),
    /** The transport of the last attempt (`outbox`, `resend`); null before the first. */
    transport: text("transport"),
    providerId: text("provider_id"),
    /** The last attempt's failure, as the provider gave it. */
    error: text("error"),
    createdAt: createdAt(),
    lastAttemptAt: tstz("last_attempt_at"),
    sentAt: tstz("sent_at"),
  },
  (t) => [
    index("mails_created_idx").on(t.createdAt),
    index("mails_report_idx").on(t.reportId),
    index("mails_undelivered_idx").on(t.state, t.createdAt).where(sql`state <> 'sent'`),
  ],
);

/** What a letter answers: a service's answer, or the acknowledgement of a filing (given on the citizen's request). */
export const letterKind = pgEnum("letter_kind", ["answer", "acknowledgement"]);

/**
 * The administration's letters (lib/letters): one per answer (its event) and at most one
 * acknowledgement per report, made once and never changed (trigger in migration 0021): the PDF as
 * it was issued, and what its public verification page (`/letters/{code}`) confirms — its date,
 * service and object, never the tracking number nor anyone's data. Erasing the citizen's data
 * (lib/dal/privacy) erases the PDF, which names them; the record of the issue stays.
 */
export const letters = pgTable(
  "letters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    kind: letterKind("kind").notNull(),
    /** The answer's event; null for an acknowledgement. */
    eventId: bigint("event_id", { mode: "number" }).references(() => reportEvents.id),
    /** The short code printed on the letter and in its QR code (lib/domain/letters). */
    code: text("code").notNull().unique(),
    locale: text("locale").notNull(),
    issuedAt: tstz("issued_at").notNull(),
    serviceName: jsonb("service_name").$type<LocalizedText>().notNull(),
    /** The object line, in the letter's language. */
    object: text("object").notNull(),
    pdf: bytea("pdf"),
    sha256: text("sha256").notNull(),
    erasedAt: tstz("erased_at"),
  },
  (t) => [
    index("letters_report_idx").on(t.reportId),
    uniqueIndex("letters_event_key").on(t.eventId),
    uniqueIndex("letters_acknowledgement_key").on(t.reportId).where(sql`${t.kind} = 'acknowledgement'`),
  ],
);

/** One-time recovery codes of an account's second factor (only a hash is stored). */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: tstz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Single-use, expiring password-reset links mailed to staff (only a hash of the token is stored). */
export const passwordResets = pgTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/**
 * The administration's audit log: every change of accounts, roles, second factors, services,
 * categories, delegates, holidays, templates, API keys and city settings, and every sign-in.
 * Append-only (trigger in migration 0012): who, when, what, before → after.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: tstz("at").notNull().defaultNow(),
    /** Not a foreign key: the log outlives what it names. */
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    actorRole: text("actor_role"),
    /** What was done, as a code (`user.create`, `category.update`, `auth.sign_in_failed`…). */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    /** The client's address (sign-ins and changes alike). */
    address: text("address"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

/** Keys of the apps allowed to file reports through Open311 (only a hash is stored). */
export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  createdAt: createdAt(),
  createdByUserId: uuid("created_by_user_id").references(() => users.id),
  revokedAt: tstz("revoked_at"),
});

/**
 * Fixed-window counters of the rate limits (report submissions, look-ups, uploads, supports).
 * UNLOGGED (migration 0010, which drizzle-kit does not model): counters, not records — a crash resets them.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: tstz("window_start").notNull(),
  count: integer("count").notNull(),
});

/** Editable answer templates per category, offered to agents when they answer. */
export const responseTemplates = pgTable(
  "response_templates",
  {
    id: smallint("id").primaryKey().generatedAlwaysAsIdentity(),
    categoryId: smallint("category_id")
      .notNull()
      .references(() => categories.id),
    outcome: answerOutcome("outcome").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("response_templates_category_idx").on(t.categoryId)],
);

/**
 * A fine proposed against a delegate when a complaint about its service is upheld (Tétouan: 500 DH).
 * Amount and currency are snapshotted from the contract when proposed. One per report and delegate.
 */
export const penalties = pgTable(
  "penalties",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    delegateId: smallint("delegate_id")
      .notNull()
      .references(() => delegates.id),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    state: penaltyState("state").notNull().default("proposed"),
    proposedAt: tstz("proposed_at").notNull(),
    contestDeadline: tstz("contest_deadline").notNull(),
    contestedAt: tstz("contested_at"),
    contestText: text("contest_text"),
    decidedAt: tstz("decided_at"),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    decisionReason: text("decision_reason"),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("penalties_report_delegate_key").on(t.reportId, t.delegateId),
    index("penalties_delegate_idx").on(t.delegateId, t.proposedAt),
    check("penalties_amount_positive", sql`${t.amountMinor} >= 0`),
  ],
);

/** "Is the problem fixed?" — the citizen's feedback on an answer, once per answer. */
export const feedback = pgTable(
  "feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    /** The answer this feedback is about (a reopened report can be rated again after its next answer). */
    answeredAt: tstz("answered_at").notNull(),
    fixed: boolean("fixed").notNull(),
    rating: smallint("rating").notNull(),
    comment: text("comment"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("feedback_report_answer_key").on(t.reportId, t.answeredAt), check("feedback_rating_range", sql`${t.rating} between 1 and 5`)],
);

/** "Me too": a citizen who finds the same problem already reported adds their support instead. */
export const reportSupports = pgTable(
  "report_supports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    /** A one-way hash of the supporter's address and browser: counts each person once, stores no identity. */
    fingerprint: text("fingerprint").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("report_supports_once_key").on(t.reportId, t.fingerprint)],
);

export type Penalty = typeof penalties.$inferSelect;
export type PenaltyState = (typeof penaltyState.enumValues)[number];
export type City = typeof city.$inferSelect;
export type District = typeof districts.$inferSelect;
export type Delegate = typeof delegates.$inferSelect;
export type Service = typeof services.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type CategoryForm = typeof categoryForms.$inferSelect;
export type RequestKind = (typeof requestKind.enumValues)[number];
export type LocationRule = (typeof locationRule.enumValues)[number];
export type User = typeof users.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
export type ReportEvent = typeof reportEvents.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type Mail = typeof mails.$inferSelect;
export type ReportStatus = (typeof reportStatus.enumValues)[number];
export type ReportChannel = (typeof reportChannel.enumValues)[number];
export type AnswerOutcome = (typeof answerOutcome.enumValues)[number];
export type UserRole = (typeof userRole.enumValues)[number];
export type SilenceRule = (typeof silenceRule.enumValues)[number];
export type DayCount = (typeof dayCount.enumValues)[number];

/**
 * Statistics kept per calendar month (city time) for months that are over: each dimension's totals
 * and response bins, computed by the same query as the live figures (lib/dal/stats-cells.ts). A month
 * is read from here only when `stats_months` says it was computed and no day of it is in
 * `stats_dirty`: triggers put there the day of every report whose facts change.
 */
export const statsMonths = pgTable("stats_months", {
  month: text("month").primaryKey(),
  computedAt: tstz("computed_at").notNull(),
});

export const statsCells = pgTable(
  "stats_cells",
  {
    month: text("month").notNull(),
    dimension: text("dimension").notNull(),
    key: text("key").notNull(),
    /** MetricTotals without the quantiles and the lateness (both are computed when read). */
    totals: jsonb("totals").notNull(),
    /** Response bins as [bin, count, bin, count, …]. */
    bins: jsonb("bins").$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.dimension, t.key] })],
);

/** Days (UTC) holding reports whose statistics facts changed since their month was computed. */
export const statsDirty = pgTable("stats_dirty", {
  day: date("day").primaryKey(),
});
