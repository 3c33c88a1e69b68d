/**
 * What a form posted without its scripts carries that the scripted form sends otherwise: the files
 * themselves (the scripted form uploads each as it is chosen and sends only claim tokens), and the
 * place given by its district alone (the scripted form puts the district's centre on the map).
 * And what such a form gets back when refused: the values typed, to fill the page the server renders
 * again (the scripted form keeps them in the browser). Pure: no Next.js, no database.
 */

/** The marker the scripted form adds: its answer needs no typed values (the browser has them). */
export const SCRIPTED_FIELD = "scripted";

/** The files of a multipart field, without the empty part a browser sends for a file input left empty. */
export function filesOf(formData: FormData, field: string): File[] {
  return formData.getAll(field).filter((value): value is File => typeof value !== "string" && value.size > 0);
}

/** True when the form was sent by its script (which adds the marker), false when posted by the browser alone. */
export function sentByScript(formData: FormData): boolean {
  return formData.get(SCRIPTED_FIELD) === "1";
}

const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === "";

/**
 * A report placed by its district alone (no point: no map, no phone position) is placed at the
 * district's centre, as the scripted form does when a district is chosen. A point given is kept;
 * an unknown district is left to the schema to refuse.
 */
export function withDistrictCentre<T extends Record<string, unknown>>(raw: T, districts: readonly { id: number; lat: number; lng: number }[]): T {
  if (!blank(raw.lat) || !blank(raw.lng) || blank(raw.districtId)) return raw;
  const district = districts.find((d) => String(d.id) === String(raw.districtId).trim());
  return district ? { ...raw, lat: String(district.lat), lng: String(district.lng) } : raw;
}

/** The report form's fields as typed (the shape the form and the phone's draft keep). */
export type TypedReportFields = {
  categoryIds: number[];
  point: { lat: number; lng: number } | null;
  districtId: string;
  address: string;
  description: string;
  anonymous: boolean;
  name: string;
  email: string;
  phone: string;
  /**
   * The answers to the request type's own fields as typed, by field code: every answer as a list of
   * strings (one for a text, several for multiple choices, the files' claim tokens for a file field).
   */
  answers: Record<string, string[]>;
};

/** The prefix of the posted names of a request type's own fields (`field.child_name`). */
export const ANSWER_PREFIX = "field.";

/** The answers of a request type's fields, as posted, by field code. */
export function typedAnswers(raw: Record<string, unknown>): Record<string, string[]> {
  const answers: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith(ANSWER_PREFIX)) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    answers[key.slice(ANSWER_PREFIX.length)] = values;
  }
  return answers;
}

/** The answers as posted names and values, for a form body (the phone's queue) or the schema. */
export function answersAsPosted(answers: Record<string, string[]>): [string, string][] {
  return Object.entries(answers).flatMap(([code, values]) => values.map((value): [string, string] => [`${ANSWER_PREFIX}${code}`, value]));
}

/**
 * The files posted in a request type's file fields by a browser without scripts, by posted name:
 * stored by the action, their claim tokens then take their place among the answers.
 */
export function answerFilesOf(formData: FormData): Map<string, File[]> {
  const out = new Map<string, File[]>();
  for (const key of new Set(formData.keys())) {
    if (!key.startsWith(ANSWER_PREFIX)) continue;
    const files = filesOf(formData, key);
    if (files.length > 0) out.set(key, files);
  }
  return out;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The report form's fields as the citizen typed them, from the posted form (as `formDataToObject` reads it). */
export function typedReportFields(raw: Record<string, unknown>): TypedReportFields {
  const ids = Array.isArray(raw.categoryIds) ? raw.categoryIds : [];
  const lat = Number(raw.lat);
  const lng = Number(raw.lng);
  return {
    categoryIds: [...new Set(ids.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0))],
    point: !blank(raw.lat) && !blank(raw.lng) && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null,
    districtId: text(raw.districtId),
    address: text(raw.address),
    description: text(raw.description),
    anonymous: raw.anonymous === "on" || raw.anonymous === "true" || raw.anonymous === "1",
    name: text(raw.name),
    email: text(raw.email),
    phone: text(raw.phone),
    answers: typedAnswers(raw),
  };
}

/** The text fields of a small form (a reply, a feedback) as typed, for the page rendered again. */
export function typedTexts(raw: Record<string, unknown>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, text(raw[field])]));
}
