/**
 * Open311 GeoReport v2 and the request types' own fields, through the route itself: discovery of the
 * types with fields (`metadata`), their service definitions (JSON and XML), and POST `attribute[code]`
 * checked by the one schema of the type's form, with the type's place rule.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/open311/v2/[...path]/route";
import type { DatabaseHandle } from "@/db";
import { categories, categoryForms, reports, services, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { issueApiKey } from "@/lib/dal/open311";
import { forgetReferenceData } from "@/lib/dal/reference";
import { loadViewer } from "@/lib/dal/staff-auth";
import type { FieldDefinition } from "@/lib/domain/request-fields";

let handle: DatabaseHandle;
let key: string;

const get = (path: string) => GET(new Request(`http://localhost/open311/v2/${path}`), { params: Promise.resolve({ path: path.split("?")[0].split("/") }) });
const post = (path: string, body: [string, string][]) =>
  POST(
    new Request(`http://localhost/open311/v2/${path}`, {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
    { params: Promise.resolve({ path: path.split("/") }) },
  );

const CANTEEN: FieldDefinition[] = [
  { code: "child_name", kind: "short_text", required: true, label: { fr: "Nom de l'enfant", ar: "اسم الطفل", en: "Child's name" } },
  {
    code: "quotient",
    kind: "number",
    required: true,
    label: { fr: "Quotient familial", ar: "الحاصل العائلي", en: "Family quotient" },
    help: { fr: "Indiqué sur l'attestation de la CAF.", en: "Shown on the family allowance certificate." },
    min: 0,
    max: 5000,
  },
  { code: "proof", kind: "file", required: false, label: { fr: "Justificatif", en: "Proof" }, fileTypes: ["pdf"], maxFiles: 1 },
  {
    code: "school",
    kind: "single_choice",
    required: true,
    label: { fr: "École", en: "School" },
    choices: [
      { value: "ibn-khaldoun", label: { fr: "École Ibn Khaldoun", en: "Ibn Khaldoun school" } },
      { value: "al-massira", label: { fr: "École Al Massira" } },
    ],
  },
  { code: "allergy", kind: "yes_no", required: true, label: { fr: "Allergie alimentaire ?", en: "Food allergy?" } },
  {
    code: "allergy_detail",
    kind: "long_text",
    required: true,
    label: { fr: "Laquelle ?", en: "Which one?" },
    showWhen: { field: "allergy", value: "yes" },
  },
  {
    code: "days",
    kind: "multiple_choice",
    required: false,
    label: { fr: "Jours", en: "Days" },
    choices: [
      { value: "mon", label: { fr: "Lundi", en: "Monday" } },
      { value: "tue", label: { fr: "Mardi", en: "Tuesday" } },
      { value: "thu", label: { fr: "Jeudi", en: "Thursday" } },
    ],
  },
  { code: "start", kind: "date", required: false, label: { fr: "À partir du", en: "From" } },
];

const PROOF_REQUIRED: FieldDefinition[] = [
  { code: "reader", kind: "short_text", required: true, label: { fr: "Nom du lecteur" } },
  { code: "id_card", kind: "file", required: true, label: { fr: "Pièce d'identité" }, fileTypes: ["image", "pdf"], maxFiles: 1 },
];

/** A request type (a category) with, when given, its form as version 1. */
async function addType(values: { code: string; location: "required" | "optional" | "none"; isPrivate?: boolean; fields?: FieldDefinition[] }) {
  const [service] = await handle.db.select({ id: services.id }).from(services).limit(1);
  const [row] = await handle.db
    .insert(categories)
    .values({
      code: values.code,
      serviceId: service.id,
      name: { fr: `Type ${values.code}`, ar: `نوع ${values.code}`, en: `Type ${values.code}` },
      kind: "request",
      location: values.location,
      isPrivate: values.isPrivate ?? false,
      formVersion: values.fields ? 1 : null,
    })
    .returning();
  if (values.fields) await handle.db.insert(categoryForms).values({ categoryId: row.id, version: 1, fields: values.fields });
  return row;
}

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  const [admin] = await handle.db.select().from(users).where(eq(users.role, "admin"));
  key = await issueApiKey(await loadViewer(admin.id), "311 app");
  await addType({ code: "aide-cantine", location: "none", fields: CANTEEN });
  await addType({ code: "inscription-bibliotheque", location: "optional" });
  await addType({ code: "carte-lecteur", location: "none", fields: PROOF_REQUIRED });
  await addType({ code: "plainte-police", location: "optional", isPrivate: true, fields: CANTEEN });
  await forgetReferenceData();
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const CONTACT: [string, string][] = [
  ["api_key", ""],
  ["email", "parent@example.org"],
  ["first_name", "Amina"],
  ["last_name", "Test"],
];
const withKey = (rows: [string, string][]) => rows.map(([k, v]): [string, string] => (k === "api_key" ? [k, key] : [k, v]));
const canteen = (extra: [string, string][] = []) =>
  withKey([
    ...CONTACT,
    ["service_code", "aide-cantine"],
    ["attribute[child_name]", "Sara"],
    ["attribute[quotient]", "1200"],
    ["attribute[school]", "al-massira"],
    ["attribute[allergy]", "no"],
    ...extra,
  ]);
const filed = async (response: Response) => {
  const [{ service_request_id }] = await response.json();
  const [row] = await handle.db
    .select()
    .from(reports)
    .where(eq(reports.publicNumber, Number(service_request_id)));
  return { id: service_request_id as string, row };
};

describe("Open311 request types", () => {
  it("lists a type with a form as metadata: true, the others false, private types not at all", async () => {
    const list: { service_code: string; metadata: boolean; type: string }[] = await (await get("services.json")).json();
    const byCode = new Map(list.map((s) => [s.service_code, s]));
    expect(byCode.get("aide-cantine")).toMatchObject({ metadata: true, type: "realtime" });
    expect(byCode.get("inscription-bibliotheque")).toMatchObject({ metadata: false, type: "realtime" });
    expect(byCode.get("nid-de-poule")?.metadata).toBe(false);
    expect(byCode.has("plainte-police")).toBe(false);
    expect(await (await get("services.xml")).text()).toContain(
      "<service><service_code>aide-cantine</service_code><service_name>Type aide-cantine</service_name><description></description><metadata>true</metadata><type>realtime</type>",
    );
  });

  it("defines a type's current form as attributes (files left out), in the city's language or the one asked", async () => {
    const response = await get("services/aide-cantine.json?locale=en");
    expect(response.status).toBe(200);
    const definition = await response.json();
    expect(definition.service_code).toBe("aide-cantine");
    expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual([
      "child_name",
      "quotient",
      "school",
      "allergy",
      "allergy_detail",
      "days",
      "start",
    ]);
    const [name, quotient, school, allergy, detail, days, start] = definition.attributes;
    expect(name).toEqual({
      variable: true,
      code: "child_name",
      datatype: "string",
      required: true,
      datatype_description: null,
      order: 1,
      description: "Child's name",
    });
    expect(quotient).toMatchObject({
      datatype: "number",
      required: true,
      order: 2,
      description: "Family quotient",
      datatype_description: "Shown on the family allowance certificate. A number between 0 and 5000.",
    });
    expect(school).toMatchObject({
      datatype: "singlevaluelist",
      order: 4,
      values: [
        { key: "ibn-khaldoun", name: "Ibn Khaldoun school" },
        { key: "al-massira", name: "École Al Massira" },
      ],
    });
    expect(allergy).toMatchObject({
      datatype: "singlevaluelist",
      values: [
        { key: "yes", name: "Yes" },
        { key: "no", name: "No" },
      ],
    });
    expect(detail).toMatchObject({ datatype: "text", required: false });
    expect(detail.datatype_description).toContain('Required when "Food allergy?" (attribute[allergy]) is "Yes"');
    expect(days).toMatchObject({ datatype: "multivaluelist", required: false });
    expect(start).toMatchObject({ datatype: "datetime" });
    expect(start.datatype_description).toContain("YYYY-MM-DD");
    // The city's language (French) by default.
    const french = await (await get("services/aide-cantine.json")).json();
    expect(french.attributes[3]).toMatchObject({ description: "Allergie alimentaire ?", values: [{ name: "Oui" }, { name: "Non" }] });
    expect(french.attributes[1].datatype_description).toBe("Indiqué sur l'attestation de la CAF. Un nombre entre 0 et 5000.");

    const xml = await (await get("services/aide-cantine.xml")).text();
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><service_definition><service_code>aide-cantine<\/service_code><attributes><attribute><variable>true<\/variable><code>child_name<\/code><datatype>string<\/datatype><required>true<\/required><datatype_description\/><order>1<\/order><description>Nom de l&apos;enfant<\/description><\/attribute>/,
    );
    expect(xml).toContain("<values><value><key>yes</key><name>Oui</name></value><value><key>no</key><name>Non</name></value></values>");
    expect(xml).not.toContain("proof");
  });

  it("answers 404 in the specification's error format for an unknown or private service code", async () => {
    for (const code of ["nope", "plainte-police"]) {
      const response = await get(`services/${code}.json`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual([{ code: 404, description: expect.stringContaining(code) }]);
    }
    expect(await (await get("services/nope.xml")).text()).toContain("<errors><error><code>404</code>");
    expect((await post("requests.json", withKey([...CONTACT, ["service_code", "nope"]]))).status).toBe(404);
  });

  it("files a request with its attributes (no place: lat/long not needed), stored as the web form stores its answers", async () => {
    const response = await post(
      "requests.json",
      canteen([
        ["attribute[days][]", "mon"],
        ["attribute[days][]", "thu"],
        ["attribute[start]", "2027-01-04T00:00:00+01:00"],
      ]),
    );
    expect(response.status).toBe(201);
    const { id, row } = await filed(response);
    const [type] = await handle.db.select().from(categories).where(eq(categories.code, "aide-cantine"));
    expect(row).toMatchObject({ formCategoryId: type.id, formVersion: 1, lat: null, lng: null, channel: "api" });
    expect(row.fields).toEqual({ child_name: "Sara", quotient: 1200, school: "al-massira", allergy: false, days: ["mon", "thu"], start: "2027-01-04" });

    // Read back: no place, and no "null" written as text.
    const [one] = await (await get(`requests/${id}.json`)).json();
    expect(one).toMatchObject({ service_code: "aide-cantine", lat: null, long: null });
    const xml = await (await get(`requests/${id}.xml`)).text();
    expect(xml).toContain("<lat/><long/>");
    expect(xml).not.toContain(">null<");
  });

  it("keeps no place for a type without one, even if lat/long are sent", async () => {
    const response = await post(
      "requests.json",
      canteen([
        ["lat", "35.5712"],
        ["long", "-5.3755"],
      ]),
    );
    expect(response.status).toBe(201);
    const { row } = await filed(response);
    expect([row.lat, row.lng]).toEqual([null, null]);
  });

  it("takes a type with an optional place with or without lat/long, never half of it", async () => {
    const base = withKey([...CONTACT, ["service_code", "inscription-bibliotheque"]]);
    const without = await post("requests.json", base);
    expect(without.status).toBe(201);
    expect((await filed(without)).row.lat).toBeNull();
    const placed = await post("requests.json", [...base, ["lat", "35.5712"], ["long", "-5.3755"]]);
    expect(placed.status).toBe(201);
    expect((await filed(placed)).row).toMatchObject({ lat: 35.5712, lng: -5.3755 });
    const half = await post("requests.json", [...base, ["lat", "35.5712"]]);
    expect(half.status).toBe(400);
    expect(await half.json()).toEqual([{ code: 400, description: "lat et long doivent être envoyés ensemble." }]);
    // A complaint still needs its point.
    const pothole = await post("requests.json", withKey([...CONTACT, ["service_code", "nid-de-poule"], ["description", "Un trou profond dans la chaussée."]]));
    expect(pothole.status).toBe(400);
  });

  it("refuses bad and missing attributes, each named with its translated message, nothing filed", async () => {
    const before = (await handle.db.select({ id: reports.id }).from(reports)).length;
    const bad = await post(
      "requests.json",
      withKey([
        ...CONTACT,
        ["service_code", "aide-cantine"],
        ["attribute[quotient]", "9000"],
        ["attribute[school]", "unknown-school"],
        ["attribute[allergy]", "yes"],
        ["attribute[days][]", "sun"],
      ]),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual([
      { code: 400, description: "attribute[child_name]: Ce champ est obligatoire." },
      { code: 400, description: "attribute[quotient]: Ce nombre est en dehors des valeurs permises." },
      { code: 400, description: "attribute[school]: Choisissez une des réponses proposées." },
      // Asked because allergy is "yes", and missing.
      { code: 400, description: "attribute[allergy_detail]: Ce champ est obligatoire." },
      { code: 400, description: "attribute[days]: Choisissez une des réponses proposées." },
    ]);
    // In the language asked, and in XML.
    const many = canteen().map(([k, v]): [string, string] => (k === "attribute[quotient]" ? [k, "many"] : [k, v]));
    const english = await post("requests.xml", [...many, ["locale", "en"]]);
    expect(english.status).toBe(400);
    expect(await english.text()).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>attribute[quotient]: Enter a number (example: 12 or 12.5).</description></error></errors>',
    );
    expect((await handle.db.select({ id: reports.id }).from(reports)).length).toBe(before);
  });

  it("refuses a type with a required file field: Open311 cannot send files", async () => {
    const response = await post("requests.json", withKey([...CONTACT, ["service_code", "carte-lecteur"], ["attribute[reader]", "Amina"]]));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([{ code: 400, description: expect.stringContaining("attribute[id_card]") }]);
    // Its definition still says what it asks (without the file).
    const definition = await (await get("services/carte-lecteur.json")).json();
    expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual(["reader"]);
  });
});
