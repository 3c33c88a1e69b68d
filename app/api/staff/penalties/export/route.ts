/**
 * The penalty ledger as CSV (spreadsheet-safe), with the same filters as the page: for people in the
 * reader's language (headers and states; `;` and a BOM in French and Arabic), or `?format=machine`
 * for programs (codes, `,`, the decimal point).
 */
import { reportReference } from "@/lib/domain/report-reference";
import type { PenaltyState } from "@/db/schema";
import { currentViewer } from "@/lib/auth/session";
import { listPenalties } from "@/lib/dal/penalties";
import { getCity } from "@/lib/dal/reference";
import { localDateOf } from "@/lib/domain/deadlines";
import { isForbiddenError } from "@/lib/errors";
import { staffLocaleOf } from "@/lib/dal/account";
import { csvDialect, csvNumber, csvTranslator, toCsv, type CsvDialect } from "@/lib/export/csv";
import type { Locale } from "@/lib/i18n/config";
import { exportDisposition } from "@/lib/export/filename";

export const dynamic = "force-dynamic";

const STATES = ["proposed", "contested", "confirmed", "waived", "cancelled"];

/** The columns' codes: the header for programs (`format=machine`), translated for people (stats.penaltiesCsv). */
const COLUMNS = [
  "tracking_number",
  "delegate",
  "month",
  "proposed_on",
  "state",
  "amount",
  "currency",
  "contest_deadline",
  "contest_text",
  "decided_on",
  "decided_by",
  "decision_reason",
] as const;
const headerOf = (locale: Locale, dialect: CsvDialect) => (dialect.machine ? (code: string) => code : csvTranslator(locale, "stats.penaltiesCsv"));

export async function GET(request: Request) {
  const viewer = await currentViewer();
  if (!viewer) return new Response("Unauthorized", { status: 401 });
  const search = new URL(request.url).searchParams;
  const delegate = search.get("delegate") ?? "";
  const requestedMonth = search.get("month") ?? "";
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(requestedMonth) ? requestedMonth : undefined;
  const state = search.get("state") ?? "";
  try {
    const rows = await listPenalties(viewer, {
      delegateId: /^\d+$/.test(delegate) ? Number(delegate) : undefined,
      month,
      states: STATES.includes(state) ? [state as PenaltyState] : undefined,
    });
    const { timeZone } = await getCity();
    const locale = await staffLocaleOf(viewer);
    const dialect = csvDialect(search.get("format"), locale);
    const header = headerOf(locale, dialect);
    const stateName = dialect.machine ? (code: string) => code : csvTranslator(locale, "penalties.states");
    const csv = toCsv(
      COLUMNS.map((c) => header(c)),
      rows.map((r) => [
        reportReference(r),
        r.delegate,
        localDateOf(r.proposedAt, timeZone).slice(0, 7),
        localDateOf(r.proposedAt, timeZone),
        stateName(r.state),
        csvNumber(r.amountMinor / 100, dialect, 2),
        r.currency,
        localDateOf(r.contestDeadline, timeZone),
        r.contestText,
        r.decidedAt ? localDateOf(r.decidedAt, timeZone) : null,
        r.decidedBy,
        r.decisionReason,
      ]),
      dialect,
    );
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // Named from the validated month only, never from the query's text.
        "Content-Disposition": exportDisposition(["penalites", month], "csv"),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isForbiddenError(error)) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
