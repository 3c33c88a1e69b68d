import { describe, expect, it } from "vitest";
import { choiceText, definitionIssues, type FieldDefinition, fieldAnswersSchema, isCalendarDate, missingLabelLanguages, shownAnswers } from "./request-fields";

const f = (field: Partial<FieldDefinition> & Pick<FieldDefinition, "code" | "kind">): FieldDefinition => ({
  required: false,
  label: { fr: field.code },
  ...field,
});

const catering: FieldDefinition[] = [
  f({ code: "child_name", kind: "short_text", required: true, label: { fr: "Nom de l'enfant", ar: "اسم الطفل", en: "Child's name" } }),
  f({ code: "quotient", kind: "number", required: true, min: 0, max: 5000 }),
  f({ code: "birth", kind: "date" }),
  f({
    code: "school",
    kind: "single_choice",
    required: true,
    choices: [
      { value: "jaures", label: { fr: "Jaurès" } },
      { value: "curie", label: { fr: "Curie" } },
    ],
  }),
  f({ code: "meals", kind: "multiple_choice", choices: ["mon", "tue", "thu", "fri"].map((value) => ({ value, label: { fr: value } })) }),
  f({ code: "allergy", kind: "yes_no", required: true }),
  f({ code: "allergy_detail", kind: "long_text", required: true, showWhen: { field: "allergy", value: "yes" } }),
  f({ code: "parent_email", kind: "email" }),
  f({ code: "parent_phone", kind: "phone" }),
  f({ code: "proof", kind: "file", required: true, fileTypes: ["pdf", "image"], maxFiles: 2 }),
];

const TOKEN = "abcdefghijklmnop1234";
const valid = {
  "field.child_name": "Yasmine",
  "field.quotient": "812,5",
  "field.school": "curie",
  "field.meals": ["mon", "thu"],
  "field.allergy": "no",
  "field.proof": [TOKEN],
};

describe("definitionIssues", () => {
  it("accepts a usable form", () => {
    expect(definitionIssues(catering)).toEqual([]);
  });

  it("refuses what cannot be satisfied, at the field that says it", () => {
    const issues = definitionIssues([
      f({ code: "n", kind: "number", min: 10, max: 2 }),
      f({ code: "c", kind: "single_choice", choices: [] }),
      f({
        code: "c2",
        kind: "multiple_choice",
        choices: [
          { value: "a", label: { fr: "A" } },
          { value: "a", label: { fr: "A bis" } },
        ],
      }),
      f({ code: "Bad code", kind: "short_text" }),
      f({ code: "n", kind: "short_text" }),
      f({ code: "x", kind: "short_text", label: { fr: " ", ar: "" } }),
      f({ code: "file", kind: "file", fileTypes: [], maxFiles: 9 }),
      f({ code: "cond", kind: "short_text", showWhen: { field: "later", value: "yes" } }),
      f({ code: "later", kind: "yes_no" }),
      f({ code: "cond2", kind: "short_text", showWhen: { field: "later", value: "maybe" } }),
    ]);
    expect(issues).toEqual([
      { index: 0, code: "admin.errors.field_bounds_impossible" },
      { index: 1, code: "admin.errors.field_choices_empty" },
      { index: 2, code: "admin.errors.field_choice_repeated" },
      { index: 3, code: "admin.errors.field_code_invalid" },
      { index: 4, code: "admin.errors.field_code_repeated" },
      { index: 5, code: "admin.errors.field_label_required" },
      { index: 6, code: "admin.errors.field_file_types_empty" },
      { index: 6, code: "admin.errors.field_files_invalid" },
      { index: 7, code: "admin.errors.field_condition_unknown" },
      { index: 9, code: "admin.errors.field_condition_value" },
    ]);
  });

  it("warns of the languages where a label is missing, without refusing the form", () => {
    expect(missingLabelLanguages(catering.slice(0, 1))).toEqual([]);
    expect(missingLabelLanguages(catering)).toEqual(["ar", "en"]);
  });
});

describe("fieldAnswersSchema", () => {
  const schema = fieldAnswersSchema(catering);

  it("reads and types every kind of answer", () => {
    const parsed = schema.parse({
      ...valid,
      "field.birth": "2018-02-28",
      "field.parent_email": " Parent@Example.org ",
      "field.parent_phone": "+212 6 12 34 56 78",
    });
    expect(parsed).toEqual({
      child_name: "Yasmine",
      quotient: 812.5,
      birth: "2018-02-28",
      school: "curie",
      meals: ["mon", "thu"],
      allergy: false,
      parent_email: "parent@example.org",
      parent_phone: "+212 6 12 34 56 78",
      proof: [TOKEN],
    });
  });

  it("asks a conditional field only when its condition holds", () => {
    expect(schema.parse({ ...valid, "field.allergy_detail": "ignored" })).not.toHaveProperty("allergy_detail");
    const refused = schema.safeParse({ ...valid, "field.allergy": "yes" });
    expect(refused.error?.issues.map((i) => [i.path[0], i.message])).toEqual([["field.allergy_detail", "report.errors.field_required"]]);
  });

  it("refuses each bad answer at its own field, and says a required file is missing", () => {
    const refused = schema.safeParse({
      "field.quotient": "9000",
      "field.birth": "2026-02-30",
      "field.school": "elsewhere",
      "field.meals": ["sun"],
      "field.allergy": "perhaps",
      "field.parent_email": "not-an-email",
      "field.parent_phone": "abc",
      "field.child_name": "x".repeat(201),
    });
    expect(Object.fromEntries(refused.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({
      "field.child_name": "report.errors.field_too_long",
      "field.quotient": "report.errors.field_number_range",
      "field.birth": "report.errors.field_date_invalid",
      "field.school": "report.errors.field_choice_unknown",
      "field.meals": "report.errors.field_choice_unknown",
      "field.allergy": "report.errors.field_choice_unknown",
      "field.parent_email": "report.errors.email_invalid",
      "field.parent_phone": "report.errors.phone_invalid",
      "field.proof": "report.errors.field_file_required",
    });
  });

  it("bounds the files of a file field", () => {
    const refused = schema.safeParse({ ...valid, "field.proof": [TOKEN, `${TOKEN}2`, `${TOKEN}3`] });
    expect(refused.error?.issues[0]?.message).toBe("report.errors.field_files_too_many");
  });

  it("reads Open311's bare attribute codes", () => {
    expect(fieldAnswersSchema(catering.slice(0, 1), { bare: true }).parse({ child_name: "Adam" })).toEqual({ child_name: "Adam" });
  });
});

describe("isCalendarDate", () => {
  it("knows the calendar", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2023-13-01")).toBe(false);
    expect(isCalendarDate("01/02/2023")).toBe(false);
  });
});

describe("choiceText", () => {
  const school: FieldDefinition = {
    code: "school",
    kind: "single_choice",
    required: true,
    label: { fr: "École", en: "School" },
    choices: [
      { value: "al-qods", label: { fr: "École Al Qods", ar: "مدرسة القدس", en: "Al Qods school" } },
      { value: "ibn-khaldoun", label: { fr: "École Ibn Khaldoun" } },
      { value: "blank", label: { fr: "  ", ar: "مدرسة" } },
    ],
  };
  it("gives a choice's label in the language asked, else the fallback, else any, else its value", () => {
    expect(choiceText(school, "al-qods", "en", "fr")).toEqual({ text: "Al Qods school", lang: "en" });
    expect(choiceText(school, "ibn-khaldoun", "ar", "fr")).toEqual({ text: "École Ibn Khaldoun", lang: "fr" });
    expect(choiceText(school, "blank", "en", "fr")).toEqual({ text: "مدرسة", lang: "ar" });
    expect(choiceText(school, "gone", "en", "fr")).toEqual({ text: "gone", lang: undefined });
  });
});

describe("shownAnswers", () => {
  const form = {
    version: 1,
    fields: [
      { code: "name", kind: "short_text", required: true, label: { fr: "Nom" } },
      { code: "mail", kind: "email", required: true, label: { fr: "E-mail" } },
      { code: "tel", kind: "phone", required: false, label: { fr: "Téléphone" } },
    ] satisfies FieldDefinition[],
  };
  const answers = { name: "Amina", mail: "amina@example.org", tel: "+212 600 000 000" };
  it("leaves out the contact answers (email, phone) for whoever may not see the citizen's contact", () => {
    const hidden = shownAnswers(form, answers, { locale: "en", fallback: "fr", seesContact: false });
    expect(hidden.map((a) => a.code)).toEqual(["name"]);
    expect(hidden[0].label).toEqual({ text: "Nom", lang: "fr" });
    expect(shownAnswers(form, answers, { locale: "fr", fallback: "fr", seesContact: true }).map((a) => a.code)).toEqual(["name", "mail", "tel"]);
  });
});
