/**
 * A request type's requests for its CSV export, over two versions of its form: each request read with
 * the version it was filed with, the columns the union of both, a file answer its name (never its
 * storage key nor its claim token), and only for whoever reads the statistics.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { attachments, categories, services, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import type { categoryInputSchema } from "@/lib/domain/admin-input";
import type { ReportInput } from "@/lib/domain/report-input";
import type { FieldDefinition } from "@/lib/domain/request-fields";
import { csvDialect, MACHINE_CSV } from "@/lib/export/csv";
import { typeRequestsCsv, typeRequestsTable } from "@/lib/export/type-csv";
import type { z } from "zod";
import { saveCategory, saveRequestTypeFields } from "./admin";
import { submitReport } from "./reports";
import { loadViewer } from "./staff-auth";
import { getTypeRequestsExport } from "./type-export";

let handle: DatabaseHandle;
const viewers: Record<string, Viewer> = {};
let typeId: number;
const period = { from: new Date("2020-01-01T00:00:00Z"), to: new Date("2100-01-01T00:00:00Z") };
const TOKEN = "type-export-token-abcdefghijklmnop";
const STORAGE_KEY = "2026/12/00000000-0000-4000-8000-0000000000aa-display.pdf";

const v1: FieldDefinition[] = [
  { code: "child_name", kind: "short_text", required: true, label: { fr: "Nom de l'enfant (ancien)" } },
  { code: "class_name", kind: "short_text", required: false, label: { fr: "Classe", en: "Class" } },
  { code: "parent_email", kind: "email", required: false, label: { fr: "Courriel du parent" } },
];
const v2: FieldDefinition[] = [
  { code: "child_name", kind: "short_text", required: true, label: { fr: "Nom de l'enfant", en: "Child's name" } },
  {
    code: "school",
    kind: "single_choice",
    required: true,
    label: { fr: "École", en: "School" },
    choices: [{ value: "ibn-batouta", label: { fr: "École Ibn Batouta", en: "Ibn Batouta school" } }],
  },
  { code: "allergy", kind: "yes_no", required: false, label: { fr: "Allergie" } },
  { code: "proof", kind: "file", required: false, label: { fr: "Justificatif" }, fileTypes: ["pdf"], maxFiles: 1 },
  { code: "parent_email", kind: "email", required: false, label: { fr: "Courriel du parent" } },
];

const filing = (key: string, formVersion: number, fields: Record<string, unknown>) =>
  ({
    categoryIds: [typeId],
    lat: undefined,
    lng: undefined,
    description: "",
    anonymous: false,
    name: "Amina Alaoui",
    email: "amina@example.org",
    attachmentTokens: [],
    idempotencyKey: key,
    website: "",
    formCategoryId: typeId,
    formVersion,
    fields,
  }) as ReportInput;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  const all = await handle.db.select().from(users);
  for (const role of ["admin", "coordinator", "mayor_office", "agent", "delegate"] as const) {
    viewers[role] = (await loadViewer(all.find((u) => u.role === role)!.id))!;
  }
  const [{ id: serviceId }] = await handle.db.select({ id: services.id }).from(services).limit(1);
  const input: z.output<typeof categoryInputSchema> = {
    code: "cantine-export",
    kind: "request",
    location: "none",
    acknowledgementFr: undefined,
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
    silenceRule: "none",
    isPrivate: true,
    active: true,
    penaltyAmount: null,
  };
  await saveCategory(viewers.admin, input);
  [{ id: typeId }] = await handle.db.select({ id: categories.id }).from(categories).where(eq(categories.code, "cantine-export"));
  await saveRequestTypeFields(viewers.admin, typeId, v1);
  await submitReport(filing("type-export-test-00001", 1, { child_name: "Yasmine", class_name: "CE2", parent_email: "parent1@example.org" }), {
    locale: "fr",
  });
  await saveRequestTypeFields(viewers.admin, typeId, v2, { basedOn: 1 });
  await handle.db.insert(attachments).values({
    claimToken: TOKEN,
    kind: "document",
    mimeType: "application/pdf",
    storageKey: STORAGE_KEY,
    originalName: "attestation-caf.pdf",
    sizeBytes: 100,
  });
  await submitReport(
    filing("type-export-test-00002", 2, { child_name: "Karim", school: "ibn-batouta", allergy: true, proof: [TOKEN], parent_email: "parent2@example.org" }),
    { locale: "fr" },
  );
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("a request type's requests for export", () => {
  it("reads each request with its own version, under the union of both versions' fields", async () => {
    const data = (await getTypeRequestsExport(viewers.mayor_office, { categoryId: typeId, ...period }, "fr"))!;
    expect(data.forms.map((f) => f.version)).toEqual([1, 2]);
    expect(data.currentVersion).toBe(2);
    expect(data.rows.map((r) => r.formVersion)).toEqual([1, 2]);
    const { header, rows } = typeRequestsTable(data, "fr", data.fallback, csvDialect(null, "fr"));
    expect(header.slice(6)).toEqual(["Nom de l'enfant", "École", "Allergie", "Justificatif", "Courriel du parent", "Classe"]);
    expect(rows[0].slice(6)).toEqual(["Yasmine", null, null, null, "parent1@example.org", "CE2"]);
    expect(rows[1].slice(6)).toEqual(["Karim", "École Ibn Batouta", "Oui", "attestation-caf.pdf", "parent2@example.org", null]);
    // The city's own staff name requests by their tracking number.
    expect(rows[0][0]).toMatch(/^[A-Z]+-/);
  });

  it("writes a file answer as its name, never its storage key, its id or its claim token", async () => {
    const data = (await getTypeRequestsExport(viewers.coordinator, { categoryId: typeId, ...period }, "en"))!;
    const [file] = await handle.db.select().from(attachments).where(eq(attachments.claimToken, TOKEN));
    expect(file.fieldCode).toBe("proof");
    for (const dialect of [MACHINE_CSV, csvDialect(null, "en")]) {
      const csv = typeRequestsCsv(data, "en", data.fallback, dialect);
      expect(csv).toContain("attestation-caf.pdf");
      expect(csv).not.toContain(TOKEN);
      expect(csv).not.toContain(STORAGE_KEY);
      expect(csv).not.toContain(file.id);
    }
    // In English, a label English lacks is read in the city's language.
    expect(typeRequestsTable(data, "en", data.fallback, csvDialect(null, "en")).header).toContain("Justificatif");
  });

  it("is only for whoever reads the statistics", async () => {
    await expect(getTypeRequestsExport(null, { categoryId: typeId, ...period }, "fr")).rejects.toMatchObject({ code: "forbidden:unauthenticated" });
    for (const role of ["agent", "delegate"] as const) {
      await expect(getTypeRequestsExport(viewers[role], { categoryId: typeId, ...period }, "fr")).rejects.toMatchObject({ code: "forbidden:stats" });
    }
    expect(await getTypeRequestsExport(viewers.admin, { categoryId: 32_000, ...period }, "fr")).toBeNull();
  });

  it("keeps to the period", async () => {
    const data = (await getTypeRequestsExport(viewers.admin, { categoryId: typeId, from: new Date("2020-01-01"), to: new Date("2020-02-01") }, "fr"))!;
    expect(data.rows).toEqual([]);
  });
});
