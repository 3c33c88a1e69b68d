/**
 * CSV for spreadsheets: csv-stringify with formula escaping, so that a cell starting with =, +, -
 * or @ (a citizen's text, a reason) is never run by Excel or LibreOffice. A BOM makes Excel read UTF-8.
 */
import { stringify } from "csv-stringify/sync";

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${stringify([header, ...rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : v)))], { escape_formulas: true, record_delimiter: "windows" })}`;
}
