/**
 * The audit log's filters as the page and its CSV export read them from the query: a period of
 * days in the city's time and a kind of entry. Pure; bad input is named, never silently widened.
 */
import { zonedTime } from "./deadlines";

const startOfLocalDay = (day: string, timeZone: string) => zonedTime(day, { hour: 0, minute: 0, second: 0, ms: 0 }, timeZone);

/** Kinds of entries, by the prefix of their action code. */
export const AUDIT_KINDS = ["auth", "user", "account", "category", "service", "delegate", "holiday", "template", "api_key", "city", "citizen"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export type AuditQuery = { from: string; to: string; kind: string };

export function auditFilterOf(search: Record<string, string | undefined>, timeZone: string) {
  const query: AuditQuery = { from: (search.from ?? "").trim(), to: (search.to ?? "").trim(), kind: (search.kind ?? "").trim() };
  let error: "bad_date" | "reversed" | null = null;
  const day = (v: string) => {
    if (v === "") return undefined;
    if (!DAY.test(v) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
      error = "bad_date";
      return undefined;
    }
    return v;
  };
  const from = day(query.from);
  const to = day(query.to);
  if (from && to && to < from) error = "reversed";
  const kind = (AUDIT_KINDS as readonly string[]).includes(query.kind) ? (query.kind as AuditKind) : undefined;
  if (!kind) query.kind = "";
  if (error) return { query, error, kinds: AUDIT_KINDS, filter: { actionPrefix: kind ? `${kind}.` : undefined } };
  return {
    query,
    error,
    kinds: AUDIT_KINDS,
    filter: {
      from: from ? startOfLocalDay(from, timeZone) : undefined,
      // The whole of the last day: up to the next local midnight.
      to: to ? startOfLocalDay(nextDay(to), timeZone) : undefined,
      actionPrefix: kind ? `${kind}.` : undefined,
    },
  };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
