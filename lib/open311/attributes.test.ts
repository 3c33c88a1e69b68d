import { describe, expect, it } from "vitest";
import type { FieldDefinition } from "@/lib/domain/request-fields";
import { answersInput, attributeNameOf, postedAttributes, serviceAttributes, unsendableFields } from "./attributes";

const t = (key: string, values?: Record<string, string | number>) => `${key}${values ? JSON.stringify(values) : ""}`;

const FIELDS: FieldDefinition[] = [
  { code: "child_name", kind: "short_text", required: true, label: { fr: "Nom de l'enfant", en: "Child's name" }, help: { fr: "Tel qu'à l'école" } },
  { code: "quotient", kind: "number", required: true, label: { fr: "Quotient familial" }, min: 0, max: 5000 },
  { code: "proof", kind: "file", required: false, label: { fr: "Justificatif" }, fileTypes: ["pdf"], maxFiles: 1 },
  { code: "allergy", kind: "yes_no", required: true, label: { fr: "Allergie ?" } },
  { code: "allergy_detail", kind: "long_text", required: true, label: { fr: "Laquelle ?" }, showWhen: { field: "allergy", value: "yes" } },
  {
    code: "days",
    kind: "multiple_choice",
    required: false,
    label: { fr: "Jours" },
    choices: [
      { value: "mon", label: { fr: "Lundi", en: "Monday" } },
      { value: "tue", label: { fr: "Mardi" } },
    ],
  },
  { code: "born", kind: "date", required: false, label: { fr: "Né le" } },
  { code: "mail", kind: "email", required: false, label: { fr: "Courriel" } },
];

describe("Open311 attributes of a form", () => {
  it("maps each field but files to its datatype, order, label, help and values, in the language asked", () => {
    const attributes = serviceAttributes(FIELDS, "en", "fr", t);
    expect(attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ["child_name", "string", true, 1],
      ["quotient", "number", true, 2],
      ["allergy", "singlevaluelist", true, 4],
      ["allergy_detail", "text", false, 5],
      ["days", "multivaluelist", false, 6],
      ["born", "datetime", false, 7],
      ["mail", "string", false, 8],
    ]);
    expect(attributes[0]).toEqual({
      variable: true,
      code: "child_name",
      datatype: "string",
      required: true,
      datatype_description: "Tel qu'à l'école",
      order: 1,
      description: "Child's name",
    });
    // The city's language when the one asked has no label.
    expect(attributes[1].description).toBe("Quotient familial");
    expect(attributes[1].datatype_description).toBe('number_between{"min":"0","max":"5000"}');
    expect(attributes[2].values).toEqual([
      { key: "yes", name: "yes" },
      { key: "no", name: "no" },
    ]);
    // A conditional field: not required for a client that cannot know, its condition said.
    expect(attributes[3].datatype_description).toBe('required_when{"field":"Allergie ?","code":"allergy","value":"yes","name":"yes"}');
    expect(attributes[4].values).toEqual([
      { key: "mon", name: "Monday" },
      { key: "tue", name: "Mardi" },
    ]);
    expect(attributes[5].datatype_description).toBe("date_format");
    expect(attributes[6].values).toBeUndefined();
    expect(attributes[6].datatype_description).toBeNull();
  });

  it("finds the required file fields that stop a type from being filed through Open311", () => {
    expect(unsendableFields(FIELDS)).toEqual([]);
    const proof = { ...FIELDS[2], required: true };
    expect(unsendableFields([proof]).map((f) => f.code)).toEqual(["proof"]);
    expect(unsendableFields([{ ...proof, showWhen: { field: "allergy", value: "yes" } }])).toEqual([]);
  });

  it("reads attribute[code] and attribute[code][] (repeated) into the names the form's schema reads; files and unknown codes never", () => {
    const posted = postedAttributes([
      ["attribute[child_name]", "Sara"],
      ["attribute[days][]", "mon"],
      ["attribute[days][]", "tue"],
      ["attribute[days]", "wed"],
      ["attribute[proof]", "tok_abcdefabcdefabcdef"],
      ["attribute[nope]", "x"],
      ["attribute[born]", "2019-04-02T00:00:00+01:00"],
      ["attribute[mail]", " "],
      ["description", "hello"],
    ]);
    expect(posted.get("days")).toEqual(["mon", "tue", "wed"]);
    expect(posted.has("mail")).toBe(false);
    expect(answersInput(FIELDS, posted)).toEqual({ "field.child_name": "Sara", "field.days": ["mon", "tue", "wed"], "field.born": "2019-04-02" });
    expect(attributeNameOf("field.days")).toBe("attribute[days]");
    expect(attributeNameOf("email")).toBeNull();
  });
});
