/**
 * A submitted form as the schemas read it, and their refusals as the form shows them. Pure and
 * free of zod's runtime: the server actions use it, and the browser's offline check of a report.
 */
import type { z } from "zod";
import { storableText } from "@/lib/domain/form-values";

/** Field name → message codes, for the form (`report.errors.*`, `staff.errors.*`…). */
export type FieldErrors = Record<string, string[]>;

/** Field name → error codes, for the form. Latitude and longitude errors are one "location" error. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    let field = String(issue.path[0] ?? "form");
    if (field === "lat" || field === "lng") field = "location";
    const list = (out[field] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

/** The report form's fields that carry several values: categories, files, and every answer of a request type's own fields (`field.*`). */
export const REPORT_ARRAY_FIELDS = ["categoryIds", "attachmentTokens", "field.*"] as const;

/**
 * A FormData as a plain object; the listed fields are always arrays (checkbox groups, files). A
 * listed name ending in `*` stands for every field starting with what is before it.
 */
export function formDataToObject(formData: FormData, arrayFields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefixes = arrayFields.filter((f) => f.endsWith("*")).map((f) => f.slice(0, -1));
  const isArray = (key: string) => arrayFields.includes(key) || prefixes.some((prefix) => key.startsWith(prefix));
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData
      .getAll(key)
      .filter((v): v is string => typeof v === "string")
      .map(storableText);
    out[key] = isArray(key) ? values : values[0];
  }
  for (const key of arrayFields) if (!key.endsWith("*")) out[key] ??= [];
  return out;
}
