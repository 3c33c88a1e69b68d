/** The penalty ledger as CSV (spreadsheet-safe), with the same filters as the page. */
import { reportReference } from "@/lib/domain/report-reference";
import type { PenaltyState } from "@/db/schema";
import { currentViewer } from "@/lib/auth/session";
import { listPenalties } from "@/lib/dal/penalties";
import { getCity } from "@/lib/dal/reference";
import { localDateOf } from "@/lib/domain/deadlines";
import { formatMinor } from "@/lib/domain/penalties";
import { isForbiddenError } from "@/lib/errors";
import { toCsv } from "@/lib/export/csv";
import { exportDisposition } from "@/lib/export/filename";

export const dynamic = "force-dynamic";

const STATES = ["proposed", "contested", "confirmed", "waived", "cancelled"];

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
    const csv = toCsv(
      [
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
      ],
      rows.map((r) => [
        reportReference(r),
        r.delegate,
        localDateOf(r.proposedAt, timeZone).slice(0, 7),
        localDateOf(r.proposedAt, timeZone),
        r.state,
        formatMinor(r.amountMinor),
        r.currency,
        localDateOf(r.contestDeadline, timeZone),
        r.contestText,
        r.decidedAt ? localDateOf(r.decidedAt, timeZone) : null,
        r.decidedBy,
        r.decisionReason,
      ]),
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
