import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/forms/form-data";
import { categoryInputSchema } from "./admin-input";
import type { FieldDefinition } from "./request-fields";
import { canonicalField, definitionKey, fieldDefinitionsSchema, requestTypeFieldsInputSchema } from "./request-type-input";

const post = (fields: unknown, extra: Record<string, unknown> = {}) =>
  requestTypeFieldsInputSchema.safeParse({ categoryId: "7", basedOn: "", fields: typeof fields === "string" ? fields : JSON.stringify(fields), ...extra });
const errors = (r: ReturnType<typeof post>) => (r.success ? {} : fieldErrorsOf(r.error));

describe("a request type's fields as the editor posts them", () => {
  it("reads the definition canonically: trimmed, empty languages dropped, only what the kind uses", () => {
    const r = post([
      {
        code: " quotient ",
        kind: "number",
        required: true,
        label: { fr: " Quotient familial ", ar: "", en: "Family quotient" },
        help: { fr: "", ar: "", en: "" },
        min: "0",
        max: "1500,5",
        choices: [{ value: "stray", label: { fr: "x" } }],
        fileTypes: ["pdf"],
        maxFiles: "3",
        showWhen: null,
      },
      {
        code: "proof",
        kind: "file",
        label: { fr: "Justificatif" },
        min: "4",
        fileTypes: ["pdf", "image", "pdf"],
        maxFiles: "2",
        showWhen: { field: "quotient", value: "100" },
      },
    ]);
    expect(r.success).toBe(true);
    expect(r.data).toEqual({
      categoryId: 7,
      basedOn: null,
      fields: [
        { code: "quotient", kind: "number", required: true, label: { fr: "Quotient familial", en: "Family quotient" }, min: 0, max: 1500.5 },
        {
          code: "proof",
          kind: "file",
          required: false,
          label: { fr: "Justificatif" },
          fileTypes: ["image", "pdf"],
          maxFiles: 2,
          showWhen: { field: "quotient", value: "100" },
        },
      ],
    });
  });

  it("refuses what cannot be satisfied at the field it concerns", () => {
    const r = post([
      { code: "ok", kind: "short_text", label: { fr: "Nom" } },
      { code: "age", kind: "number", label: { fr: "Âge" }, min: "18", max: "3" },
      { code: "school", kind: "single_choice", label: { fr: "École" }, choices: [] },
      { code: "Bad Code", kind: "short_text", label: { fr: "x" } },
      { code: "n", kind: "number", label: { fr: "n" }, min: "abc" },
      { code: "doc", kind: "file", label: { fr: "Doc" }, fileTypes: [], maxFiles: "9" },
      { code: "later", kind: "yes_no", label: { fr: "Plus tard" }, showWhen: { field: "nowhere", value: "yes" } },
      { code: "mystery", kind: "hologram", label: { fr: "?" } },
      { code: "nolabel", kind: "date", label: { fr: " ", ar: "", en: "" } },
    ]);
    expect(errors(r)).toEqual({
      "fields.1": ["admin.errors.field_bounds_impossible"],
      "fields.2": ["admin.errors.field_choices_empty"],
      "fields.3": ["admin.errors.field_code_invalid"],
      "fields.4": ["admin.errors.field_bounds_invalid"],
      "fields.5": ["admin.errors.field_file_types_empty", "admin.errors.field_files_invalid"],
      "fields.6": ["admin.errors.field_condition_unknown"],
      "fields.7": ["admin.errors.field_kind_invalid"],
      "fields.8": ["admin.errors.field_label_required"],
    });
  });

  it("refuses a text that is not a list of fields as a whole", () => {
    expect(errors(post("{not json"))).toEqual({ fields: ["admin.errors.fields_invalid"] });
    expect(errors(post({ code: "x" }))).toEqual({ fields: ["admin.errors.fields_invalid"] });
    expect(errors(post([{ code: "x", kind: "short_text", label: { fr: 3 } }]))).toEqual({ fields: ["admin.errors.fields_invalid"] });
    expect(errors(post([], { categoryId: "abc" }))).toEqual({ categoryId: ["admin.errors.category_unknown"] });
  });

  it("refuses more than the form's limit of fields, on the whole form", () => {
    const many = Array.from({ length: 31 }, (_, i) => ({ code: `f${i}`, kind: "short_text", label: { fr: `F${i}` } }));
    expect(errors(post(many))).toEqual({ fields: ["admin.errors.fields_too_many"] });
  });

  it("reads an empty definition as no fields", () => {
    expect(fieldDefinitionsSchema.parse("[]")).toEqual([]);
  });

  it("gives the same key to the same meaning, whatever the key order or spacing", () => {
    const a: FieldDefinition = {
      code: "c",
      kind: "single_choice",
      required: false,
      label: { fr: "C", en: "C" },
      choices: [{ value: "v", label: { fr: "V" } }],
    };
    const b = { choices: [{ label: { fr: " V" }, value: "v " }], label: { en: "C", fr: "C" }, kind: "single_choice", code: "c", min: 3 } as FieldDefinition;
    expect(definitionKey([a])).toBe(definitionKey([b]));
    expect(definitionKey([a])).not.toBe(definitionKey([{ ...a, required: true }]));
    expect(canonicalField(b)).toEqual(a);
  });
});

describe("a request type's family and place", () => {
  const type = {
    code: "inscription-bibliotheque",
    serviceId: "3",
    nameFr: "Inscription à la bibliothèque",
    triageHours: "48",
    responseDays: "30",
    responseDayCount: "calendar",
    silenceRule: "acceptance",
  };
  it("takes another request without a place, with its acknowledgement paragraph", () => {
    expect(categoryInputSchema.parse({ ...type, kind: "request", location: "none", acknowledgementAr: " أحضروا صورة " })).toMatchObject({
      kind: "request",
      location: "none",
      acknowledgementAr: "أحضروا صورة",
    });
  });
  it("defaults to a complaint with its place required (forms and callers from before)", () => {
    expect(categoryInputSchema.parse(type)).toMatchObject({ kind: "complaint", location: "required" });
  });
  it("refuses a complaint whose place is not required, at the place's field", () => {
    for (const location of ["none", "optional"]) {
      const r = categoryInputSchema.safeParse({ ...type, kind: "complaint", location });
      expect(r.success ? {} : fieldErrorsOf(r.error)).toEqual({ location: ["admin.errors.complaint_needs_place"] });
    }
    expect(categoryInputSchema.safeParse({ ...type, kind: "petition" }).error?.issues.map((i) => i.message)).toEqual(["admin.errors.kind_invalid"]);
  });
});
