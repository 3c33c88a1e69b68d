/**
 * The server's rules for a report as the browser loads them, on the form's first input, to check a
 * report it keeps while offline (zod, ≈ 30 KB: never with the page).
 */
export { reportInputSchema } from "@/lib/domain/report-input";
export { fieldErrorsOf, formDataToObject, REPORT_ARRAY_FIELDS } from "./form-data";
