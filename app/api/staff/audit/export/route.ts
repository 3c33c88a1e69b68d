/** The audit log as CSV (spreadsheet-safe), with the page's filters: administrators only. */
import { currentViewer } from "@/lib/auth/session";
import { listAudit } from "@/lib/dal/audit";
import { getCity } from "@/lib/dal/reference";
import { auditFilterOf } from "@/lib/domain/audit-filter";
import { isForbiddenError } from "@/lib/errors";
import { toCsv } from "@/lib/export/csv";
import { exportDisposition } from "@/lib/export/filename";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const viewer = await currentViewer();
  if (!viewer) return new Response("Unauthorized", { status: 401 });
  const search = Object.fromEntries(new URL(request.url).searchParams);
  try {
    const { timeZone } = await getCity();
    const filter = auditFilterOf(search, timeZone);
    if (filter.error) return Response.json({ code: `audit.errors.${filter.error}` }, { status: 400 });
    const rows = await listAudit(viewer, { ...filter.filter, limit: 50_000 });
    const csv = toCsv(
      ["at", "actor_email", "actor_role", "action", "target_type", "target_id", "before", "after", "address"],
      rows.map((r) => [
        r.at.toISOString(),
        r.actorEmail,
        r.actorRole,
        r.action,
        r.targetType,
        r.targetId,
        r.before ? JSON.stringify(r.before) : null,
        r.after ? JSON.stringify(r.after) : null,
        r.address,
      ]),
    );
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // Named from the validated days only.
        "Content-Disposition": exportDisposition(["journal", filter.query.from || null, filter.query.to || null], "csv"),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isForbiddenError(error)) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
