import { describe, expect, it } from "vitest";
import type { FieldDefinition, FormDefinition } from "@/lib/domain/request-fields";
import { csvDialect, MACHINE_CSV } from "./csv";
import { answerCell, type TypeRequestRow, typeFieldColumns, typeRequestsCsv, typeRequestsTable } from "./type-csv";

/** A small reader of the CSV written (quoted cells, doubled quotes, CRLF records): enough to read back what toCsv wrote. */
function parse(text: string, { delimiter }: { delimiter: string }): string[][] {
  const records: string[][] = [];
  let cell = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      record.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || record.length > 0) records.push([...record, cell]);
  return records;
}

const field = (code: string, kind: FieldDefinition["kind"], label: FieldDefinition["label"], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  code,
  kind,
  required: false,
  label,
  ...extra,
});

const school = field(
  "school",
  "single_choice",
  { fr: "École", en: "School" },
  {
    choices: [
      { value: "ibn", label: { fr: "École Ibn Khaldoun", ar: "مدرسة ابن خلدون" } },
      { value: "old", label: { fr: "Ancienne école" } },
    ],
  },
);
const meals = field(
  "meals",
  "multiple_choice",
  { fr: "Repas" },
  {
    choices: [
      { value: "mon", label: { fr: "Lundi", en: "Monday" } },
      { value: "tue", label: { fr: "Mardi", en: "Tuesday" } },
    ],
  },
);
const v1: FormDefinition = {
  version: 1,
  fields: [
    field("child", "short_text", { fr: "Nom de l'enfant (v1)" }),
    field("school", "single_choice", { fr: "École (v1)" }, { choices: [{ value: "old", label: { fr: "Ancienne école", en: "Former school" } }] }),
    field("fax", "short_text", { fr: "Télécopie" }),
  ],
};
const v2: FormDefinition = {
  version: 2,
  fields: [
    field("child", "short_text", { fr: "Nom de l'enfant", en: "Child's name" }),
    school,
    meals,
    field("allergy", "yes_no", { fr: "Allergie" }),
    field("age", "number", { fr: "Âge" }),
    field("proof", "file", { fr: "Justificatif" }, { fileTypes: ["pdf"], maxFiles: 2 }),
    field("parent_email", "email", { fr: "Courriel du parent" }),
    field("parent_phone", "phone", { fr: "Téléphone du parent" }),
  ],
};

const row = (over: Partial<TypeRequestRow>): TypeRequestRow => ({
  reference: "TET-7KQ2-M9XD-4",
  submittedOn: "2026-11-02",
  status: "routed",
  channel: "web",
  service: "Affaires scolaires",
  formVersion: 2,
  answers: {},
  fileNames: new Map(),
  seesContact: true,
  ...over,
});

describe("typeFieldColumns", () => {
  it("is the union of the versions' codes: the current version's in its order, then older-only ones", () => {
    const columns = typeFieldColumns([v1, v2], 2, { seesContact: true });
    expect(columns.map((c) => c.code)).toEqual(["child", "school", "meals", "allergy", "age", "proof", "parent_email", "parent_phone", "fax"]);
    // A code of both versions is named as the current version names it.
    expect(columns[0].field.label.fr).toBe("Nom de l'enfant");
  });

  it("puts the current version first even when it is not the newest", () => {
    const v3: FormDefinition = { version: 3, fields: [field("draft", "short_text", { fr: "Brouillon" })] };
    expect(typeFieldColumns([v3, v1, v2], 1, { seesContact: true }).map((c) => c.code)).toEqual([
      "child",
      "school",
      "fax",
      "draft",
      "meals",
      "allergy",
      "age",
      "proof",
      "parent_email",
      "parent_phone",
    ]);
  });

  it("leaves out the e-mail and phone fields for a reader who may not see the citizen's contact, whichever version made them one", () => {
    const v0: FormDefinition = { version: 0, fields: [field("child", "email", { fr: "x" })] };
    expect(typeFieldColumns([v1, v2], 2, { seesContact: false }).map((c) => c.code)).not.toContain("parent_email");
    expect(typeFieldColumns([v0, v1, v2], 2, { seesContact: false }).map((c) => c.code)).toEqual(["school", "meals", "allergy", "age", "proof", "fax"]);
  });
});

describe("answerCell", () => {
  const words = { yes: "Oui", no: "Non", machine: false, locale: "en" as const, fallback: "fr" as const };
  it("writes choices as their labels in the reader's language, else the city's, multiple ones joined with '; '", () => {
    expect(answerCell(school, "ibn", new Map(), words)).toBe("École Ibn Khaldoun");
    expect(answerCell(school, "ibn", new Map(), { ...words, locale: "ar" })).toBe("مدرسة ابن خلدون");
    expect(answerCell(meals, ["mon", "tue"], new Map(), words)).toBe("Monday; Tuesday");
    // A value no choice has any more is written as stored rather than lost.
    expect(answerCell(school, "gone", new Map(), words)).toBe("gone");
  });
  it("writes codes for programs", () => {
    expect(answerCell(meals, ["mon", "tue"], new Map(), { ...words, machine: true })).toBe("mon; tue");
    expect(answerCell(field("a", "yes_no", { fr: "a" }), false, new Map(), { ...words, machine: true })).toBe("no");
  });
  it("translates yes and no, keeps numbers numbers and writes files as their names, never their ids", () => {
    expect(answerCell(field("a", "yes_no", { fr: "a" }), true, new Map(), words)).toBe("Oui");
    expect(answerCell(field("a", "yes_no", { fr: "a" }), false, new Map(), words)).toBe("Non");
    expect(answerCell(field("n", "number", { fr: "n" }), 7.5, new Map(), words)).toBe(7.5);
    const names = new Map([["11111111-1111-4111-8111-111111111111", "avis.pdf"]]);
    expect(answerCell(field("f", "file", { fr: "f" }), ["11111111-1111-4111-8111-111111111111", "tok-unknown-abcdefghijklmnop"], names, words)).toBe(
      "avis.pdf",
    );
    expect(answerCell(field("f", "file", { fr: "f" }), undefined, names, words)).toBeNull();
  });
});

describe("typeRequestsTable and typeRequestsCsv", () => {
  const answers = {
    child: "Amina",
    school: "ibn",
    meals: ["mon", "tue"],
    allergy: true,
    age: 8.5,
    proof: ["22222222-2222-4222-8222-222222222222"],
    parent_email: "parent@example.org",
    parent_phone: "+212 600 000 000",
  };
  const rows = [
    row({ answers, fileNames: new Map([["22222222-2222-4222-8222-222222222222", "certificat.pdf"]]) }),
    // Filed with version 1: its old choice keeps the label version 1 gave it; its older-only field has its column.
    row({ reference: "#12", formVersion: 1, answers: { child: "Karim", school: "old", fax: "=1+2" } }),
  ];

  it("for a French reader: labels as headers, choices' labels, Oui/Non, the decimal comma, formulas neutralised", () => {
    const csv = typeRequestsCsv({ forms: [v1, v2], currentVersion: 2, rows, seesContact: true }, "fr", "fr", csvDialect(null, "fr"));
    const [header, first, second] = parse(csv.replace(/^\uFEFF/, ""), { delimiter: ";" }) as string[][];
    expect(header).toEqual([
      "Référence",
      "Déposée le",
      "État",
      "Canal",
      "Service",
      "Version du formulaire",
      "Nom de l'enfant",
      "École",
      "Repas",
      "Allergie",
      "Âge",
      "Justificatif",
      "Courriel du parent",
      "Téléphone du parent",
      "Télécopie",
    ]);
    expect(first.slice(6)).toEqual([
      "Amina",
      "École Ibn Khaldoun",
      "Lundi; Mardi",
      "Oui",
      "8,5",
      "certificat.pdf",
      "parent@example.org",
      "'+212 600 000 000",
      "",
    ]);
    // (A phone's leading + is escaped as any formula's first sign: lib/export/csv.)
    expect(second.slice(6, 8)).toEqual(["Karim", "Ancienne école"]);
    // A typed answer that a spreadsheet would run is written as text.
    expect(second.at(-1)).toBe("'=1+2");
  });

  it("falls back to the city's language for a label missing in the reader's", () => {
    const { header } = typeRequestsTable({ forms: [v1, v2], currentVersion: 2, rows, seesContact: true }, "ar", "fr", csvDialect(null, "ar"));
    expect(header).toContain("Justificatif");
    expect(header).toContain("المرجع");
  });

  it("for programs: codes as headers and values as stored", () => {
    const { header, rows: cells } = typeRequestsTable({ forms: [v1, v2], currentVersion: 2, rows, seesContact: true }, "fr", "fr", MACHINE_CSV);
    expect(header.slice(0, 8)).toEqual(["reference", "submitted_on", "status", "channel", "service", "form_version", "child", "school"]);
    expect(cells[0].slice(2, 4)).toEqual(["routed", "web"]);
    expect(cells[0].slice(7, 10)).toEqual(["ibn", "mon; tue", "yes"]);
  });

  it("never writes an e-mail or a phone answer for a request whose contact the reader may not see", () => {
    const hidden = [row({ answers, seesContact: false })];
    const { header, rows: cells } = typeRequestsTable({ forms: [v1, v2], currentVersion: 2, rows: hidden, seesContact: true }, "fr", "fr", MACHINE_CSV);
    expect(cells[0][header.indexOf("parent_email")]).toBeNull();
    expect(cells[0][header.indexOf("parent_phone")]).toBeNull();
    const csv = typeRequestsCsv({ forms: [v1, v2], currentVersion: 2, rows: hidden, seesContact: false }, "fr", "fr", MACHINE_CSV);
    expect(csv).not.toContain("parent@example.org");
    expect(csv).not.toContain("parent_email");
    expect(csv).not.toContain("600 000");
  });
});
