import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/forms/form-data";
import { reportInputSchema } from "./report-input";

const schema = reportInputSchema({ minLat: 35.53, minLng: -5.43, maxLat: 35.63, maxLng: -5.3 });
const valid = {
  categoryIds: ["3"],
  lat: "35.5785",
  lng: "-5.3684",
  description: "Les poubelles débordent depuis trois jours rue Lucas.",
  name: "Amina",
  email: "Amina@Example.org",
  phone: "",
  idempotencyKey: "a1b2c3d4e5f6g7h8i9",
  attachmentTokens: [],
  website: "",
};
const errorsOf = (input: Record<string, unknown>) => {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
};

describe("reportInputSchema", () => {
  it("accepts a valid report and normalises it", () => {
    const result = schema.parse(valid);
    expect(result).toMatchObject({ categoryIds: [3], lat: 35.5785, lng: -5.3684, email: "amina@example.org", phone: undefined, anonymous: false });
  });

  it("requires 1 or 2 categories", () => {
    expect(errorsOf({ ...valid, categoryIds: [] })).toEqual({ categoryIds: ["report.errors.category_required"] });
    expect(errorsOf({ ...valid, categoryIds: ["1", "2", "3"] })).toEqual({ categoryIds: ["report.errors.category_too_many"] });
    expect(schema.parse({ ...valid, categoryIds: ["2", "5"] }).categoryIds).toEqual([2, 5]);
    expect(schema.parse({ ...valid, categoryIds: ["2", "2"] }).categoryIds).toEqual([2]);
  });

  it("requires a point inside the city", () => {
    expect(errorsOf({ ...valid, lat: "", lng: "" })).toEqual({ location: ["report.errors.location_required"] });
    expect(errorsOf({ ...valid, lat: "34.0209", lng: "-6.8416" })).toEqual({ location: ["report.errors.location_outside"] });
    expect(errorsOf({ ...valid, lat: "abc" })).toEqual({ location: ["report.errors.location_required"] });
  });

  it("bounds the description to 10–4,000 characters, after trimming", () => {
    expect(errorsOf({ ...valid, description: "   " })).toEqual({ description: ["report.errors.description_required"] });
    expect(errorsOf({ ...valid, description: "trop court".slice(0, 9) })).toEqual({ description: ["report.errors.description_too_short"] });
    expect(errorsOf({ ...valid, description: "x".repeat(4000) })).toEqual({});
    expect(errorsOf({ ...valid, description: "x".repeat(5000) })).toEqual({ description: ["report.errors.description_too_long"] });
  });

  it("needs a name and an email or a phone unless anonymous, and then drops them", () => {
    expect(errorsOf({ ...valid, name: "", email: "", phone: "" })).toEqual({
      name: ["report.errors.name_required"],
      email: ["report.errors.contact_required"],
    });
    expect(errorsOf({ ...valid, email: "", phone: "+212 6 61 23 45 67" })).toEqual({});
    expect(errorsOf({ ...valid, email: "not-an-email" })).toEqual({ email: ["report.errors.email_invalid"] });
    expect(errorsOf({ ...valid, email: "", phone: "call me" })).toEqual({ phone: ["report.errors.phone_invalid"] });
    const anonymous = schema.parse({ ...valid, anonymous: "on", name: "Amina" });
    expect(anonymous).toMatchObject({ anonymous: true, name: undefined, email: undefined, phone: undefined });
  });

  it("accepts at most 5 attachments and well-formed tokens", () => {
    const token = (i: number) => `tok_${i}_abcdefghijklmnop`;
    expect(errorsOf({ ...valid, attachmentTokens: [1, 2, 3, 4, 5].map(token) })).toEqual({});
    expect(errorsOf({ ...valid, attachmentTokens: [1, 2, 3, 4, 5, 6].map(token) })).toEqual({ attachmentTokens: ["report.errors.files_too_many"] });
    expect(errorsOf({ ...valid, attachmentTokens: ["../../etc/passwd"] })).toEqual({ attachmentTokens: ["report.errors.file_unknown"] });
  });

  it("refuses a missing idempotency key and a filled honeypot", () => {
    expect(errorsOf({ ...valid, idempotencyKey: undefined })).toEqual({ idempotencyKey: ["report.errors.form_expired"] });
    expect(errorsOf({ ...valid, website: "http://spam.example" })).toEqual({ website: ["report.errors.rejected"] });
  });
});

describe("a request type is made alone", () => {
  const library = { kind: "request" as const, location: "none" as const, form: null };
  const types = new Map([[7, library]]);
  const withTypes = reportInputSchema({ minLat: 35.53, minLng: -5.43, maxLat: 35.63, maxLng: -5.3 }, types);
  const errors = (input: Record<string, unknown>) => {
    const result = withTypes.safeParse(input);
    return result.success ? {} : fieldErrorsOf(result.error);
  };

  it("refuses a request type ticked with another category, whichever comes first", () => {
    expect(errors({ ...valid, categoryIds: ["7", "3"] })).toEqual({ categoryIds: ["report.errors.type_alone"] });
    expect(errors({ ...valid, categoryIds: ["3", "7"] })).toEqual({ categoryIds: ["report.errors.type_alone"] });
  });

  it("accepts it alone (no place asked), and two complaint categories together", () => {
    expect(withTypes.parse({ ...valid, categoryIds: ["7"], lat: "", lng: "", description: "" })).toMatchObject({
      categoryIds: [7],
      lat: undefined,
      lng: undefined,
    });
    expect(withTypes.parse({ ...valid, categoryIds: ["3", "5"] }).categoryIds).toEqual([3, 5]);
    // The same box ticked twice is one category: not "another".
    expect(errors({ ...valid, categoryIds: ["7", "7"], lat: "", lng: "" })).toEqual({});
  });
});
