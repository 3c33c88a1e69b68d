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
};

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
  };
}

/** The text fields of a small form (a reply, a feedback) as typed, for the page rendered again. */
export function typedTexts(raw: Record<string, unknown>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, text(raw[field])]));
}
