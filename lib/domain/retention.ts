/**
 * How long a citizen's contact data is kept. A report that ended (closed, merged as a duplicate,
 * declared inadmissible) more than the retention ago keeps its content, its timeline and its place
 * in the statistics, but loses the name, email and phone of whoever sent it, the mails sent to
 * them and the untouched originals of their photos (the re-encoded copies carry no metadata).
 */
import type { ReportStatusName } from "./types";

/**
 * The statuses in which a report has ended. It ended when it was closed (its closing date), or for a
 * duplicate or an inadmissible report at its last change; the data layer selects on that.
 */
export const ENDED_STATUSES = ["closed", "duplicate", "inadmissible"] as const satisfies readonly ReportStatusName[];

/** The instant before which a report must have ended to be anonymised: `months` calendar months before `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`retention must be a whole number of months ≥ 1 (got ${months})`);
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  // 31 March minus one month is the last day of February, not 3 March.
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/** An email or a phone as a citizen may have typed it, normalised for comparison. */
export function contactKey(value: string): { email: string } | { phone: string } | null {
  const v = value.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return { email: v.toLowerCase() };
  const digits = v.replace(/[\s.\-()]/g, "");
  if (/^\+?\d{6,15}$/.test(digits)) return { phone: digits };
  return null;
}
