/**
 * Request types as administrators define them: family and place rule, and the versions of a type's
 * own fields (category_forms, append-only). A changed form is a new version; requests filed before
 * keep theirs, with their answers; an unchanged one writes nothing; an unusable one nothing at all.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { auditLog, categories, categoryForms, reports, services, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import type { categoryInputSchema } from "@/lib/domain/admin-input";
import type { ReportInput } from "@/lib/domain/report-input";
import type { FieldDefinition } from "@/lib/domain/request-fields";
import { requestTypeFieldsInputSchema } from "@/lib/domain/request-type-input";
import { fieldErrorsOf } from "@/lib/forms/form-data";
import type { z } from "zod";
import { saveCategory, saveRequestTypeFields } from "./admin";
import { submitReport } from "./reports";
import { loadViewer } from "./staff-auth";

let handle: DatabaseHandle;
let admin: Viewer;
let coordinator: Viewer;
let serviceId: number;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  const all = await handle.db.select().from(users);
  admin = (await loadViewer(all.find((u) => u.role === "admin")!.id))!;
  coordinator = (await loadViewer(all.find((u) => u.role === "coordinator")!.id))!;
  [{ id: serviceId }] = await handle.db.select({ id: services.id }).from(services).limit(1);
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

type CategoryInput = z.output<typeof categoryInputSchema>;
const typeInput = (code: string, change: Partial<CategoryInput> = {}): CategoryInput => ({
  code,
  kind: "request",
  location: "none",
  acknowledgementFr: "Apportez le livret de famille au guichet.",
  acknowledgementAr: undefined,
  acknowledgementEn: undefined,
  serviceId,
  nameFr: "Aide à la restauration scolaire",
  nameAr: undefined,
  nameEn: undefined,
  descriptionFr: undefined,
  descriptionAr: undefined,
  descriptionEn: undefined,
  noticeFr: undefined,
  noticeAr: undefined,
  noticeEn: undefined,
  triageHours: 48,
  responseDays: 60,
  responseDayCount: "calendar",
  silenceRule: "acceptance",
  isPrivate: true,
  active: true,
  penaltyAmount: null,
  ...change,
});

async function newType(code: string): Promise<number> {
  await saveCategory(admin, typeInput(code));
  const [row] = await handle.db.select().from(categories).where(eq(categories.code, code));
  return row.id;
}

const versions = (categoryId: number) =>
  handle.db.select().from(categoryForms).where(eq(categoryForms.categoryId, categoryId)).orderBy(asc(categoryForms.version));
const formVersionOf = async (categoryId: number) =>
  (await handle.db.select({ v: categories.formVersion }).from(categories).where(eq(categories.id, categoryId)))[0].v;
const formAudits = (categoryId: number) =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "category.form"), eq(auditLog.targetId, String(categoryId))));

const catering: FieldDefinition[] = [
  { code: "child_name", kind: "short_text", required: true, label: { fr: "Nom de l'enfant", ar: "اسم الطفل", en: "Child's name" } },
  { code: "quotient", kind: "number", required: true, label: { fr: "Quotient familial", ar: "الحاصل العائلي", en: "Family quotient" }, min: 0, max: 5000 },
];

describe("request types in administration", () => {
  it("keeps a type's family, place rule, privacy and acknowledgement", async () => {
    const id = await newType("restauration-scolaire");
    const [row] = await handle.db.select().from(categories).where(eq(categories.id, id));
    expect(row).toMatchObject({ kind: "request", location: "none", isPrivate: true, formVersion: null });
    expect(row.acknowledgement).toEqual({ fr: "Apportez le livret de famille au guichet." });
    const [entry] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "category.create"), eq(auditLog.targetId, String(id))));
    expect(entry.after).toMatchObject({ kind: "request", location: "none" });
  });

  it("refuses a complaint whose place is not required, and saves nothing", async () => {
    const before = await handle.db.select().from(categories);
    for (const location of ["none", "optional"] as const) {
      await expect(saveCategory(admin, typeInput("plainte-sans-lieu", { kind: "complaint", location }))).rejects.toMatchObject({
        code: "admin.errors.complaint_needs_place",
      });
    }
    expect(await handle.db.select().from(categories)).toHaveLength(before.length);
  });

  it("writes version 2 on a change; a request filed with version 1 keeps it, with its answers", async () => {
    const id = await newType("restauration-v2");
    expect(await saveRequestTypeFields(admin, id, catering)).toEqual({ version: 1, changed: true, missingLanguages: [] });
    expect(await formVersionOf(id)).toBe(1);

    const { trackingNumber } = await submitReport(
      {
        categoryIds: [id],
        lat: undefined,
        lng: undefined,
        description: "",
        anonymous: false,
        name: "Amina Alaoui",
        email: "amina@example.org",
        attachmentTokens: [],
        idempotencyKey: "request-type-test-00001",
        website: "",
        formCategoryId: id,
        formVersion: 1,
        fields: { child_name: "Yasmine", quotient: 420 },
      } as ReportInput,
      { locale: "fr" },
    );

    const changed: FieldDefinition[] = [
      ...catering,
      { code: "school", kind: "single_choice", required: true, label: { fr: "École" }, choices: [{ value: "ibn-batouta", label: { fr: "Ibn Batouta" } }] },
    ];
    expect(await saveRequestTypeFields(admin, id, changed, { basedOn: 1 })).toEqual({ version: 2, changed: true, missingLanguages: ["ar", "en"] });
    expect(await formVersionOf(id)).toBe(2);

    const [filed] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber));
    expect(filed).toMatchObject({ formCategoryId: id, formVersion: 1, fields: { child_name: "Yasmine", quotient: 420 } });
    const stored = await versions(id);
    expect(stored.map((v) => v.version)).toEqual([1, 2]);
    expect(stored[0].fields).toEqual(catering);
    expect(stored[1].fields).toHaveLength(3);
    expect(stored[1].createdByUserId).toBe(admin.id);

    const audits = await formAudits(id);
    expect(audits).toHaveLength(2);
    expect(audits.find((a) => (a.after as { formVersion: number }).formVersion === 2)?.before).toMatchObject({ formVersion: 1, fields: catering });
  });

  it("writes nothing when the form is unchanged (same meaning, other spacing and key order)", async () => {
    const id = await newType("restauration-inchangee");
    await saveRequestTypeFields(admin, id, catering);
    const same = catering.map((f) => ({ ...f, label: { en: `${f.label.en} `, ar: f.label.ar, fr: ` ${f.label.fr}` }, help: { fr: "  " } }));
    expect(await saveRequestTypeFields(admin, id, same, { basedOn: 1 })).toEqual({ version: 1, changed: false, missingLanguages: [] });
    expect(await versions(id)).toHaveLength(1);
    expect(await formAudits(id)).toHaveLength(1);
  });

  it("refuses an impossible definition at its field's index, and saves nothing", async () => {
    const id = await newType("restauration-impossible");
    await saveRequestTypeFields(admin, id, catering);
    const impossible = [
      catering[0],
      { ...catering[1], min: 10, max: 1 },
      { code: "school", kind: "single_choice", required: true, label: { fr: "École" }, choices: [] },
    ];
    // As the editor posts it: each refusal at its field.
    const posted = requestTypeFieldsInputSchema.safeParse({ categoryId: String(id), basedOn: "1", fields: JSON.stringify(impossible) });
    expect(posted.success).toBe(false);
    expect(fieldErrorsOf(posted.error!)).toEqual({
      "fields.1": ["admin.errors.field_bounds_impossible"],
      "fields.2": ["admin.errors.field_choices_empty"],
    });
    // And the data layer checks again, whoever calls it.
    await expect(saveRequestTypeFields(admin, id, impossible as FieldDefinition[])).rejects.toMatchObject({
      code: "admin.errors.field_bounds_impossible",
      details: { field: "fields.1" },
    });
    await expect(saveRequestTypeFields(admin, id, [catering[0], impossible[2] as FieldDefinition])).rejects.toMatchObject({
      code: "admin.errors.field_choices_empty",
      details: { field: "fields.1" },
    });
    expect(await versions(id)).toHaveLength(1);
    expect(await formVersionOf(id)).toBe(1);
    expect(await formAudits(id)).toHaveLength(1);
  });

  it("is refused to anyone but an administrator, and saves nothing", async () => {
    const id = await newType("restauration-refusee");
    for (const who of [null, coordinator]) {
      await expect(saveRequestTypeFields(who, id, catering)).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden:/) });
    }
    expect(await versions(id)).toHaveLength(0);
    expect(await formVersionOf(id)).toBeNull();
  });

  it("clears a form without a version, and numbers the next one after every earlier one", async () => {
    const id = await newType("restauration-videe");
    await saveRequestTypeFields(admin, id, catering);
    await saveRequestTypeFields(admin, id, [catering[0]]);
    expect(await saveRequestTypeFields(admin, id, [], { basedOn: 2 })).toEqual({ version: null, changed: true, missingLanguages: [] });
    expect(await formVersionOf(id)).toBeNull();
    expect(await versions(id)).toHaveLength(2);
    expect(await saveRequestTypeFields(admin, id, [])).toMatchObject({ version: null, changed: false });
    expect(await saveRequestTypeFields(admin, id, catering, { basedOn: null })).toMatchObject({ version: 3, changed: true });
  });

  it("refuses to overwrite a version saved meanwhile by someone else", async () => {
    const id = await newType("restauration-concurrente");
    await saveRequestTypeFields(admin, id, catering);
    await saveRequestTypeFields(admin, id, [catering[0]], { basedOn: 1 });
    await expect(saveRequestTypeFields(admin, id, catering, { basedOn: 1 })).rejects.toMatchObject({ code: "admin.errors.form_changed" });
    expect(await formVersionOf(id)).toBe(2);
  });
});
