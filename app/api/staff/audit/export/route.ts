/**
 * The audit log as CSV (spreadsheet-safe), with the page's filters: administrators only. For people
 * in the reader's language (headers and roles; `;` and a BOM in French and Arabic); `?format=machine`
 * for programs (codes, `,`). Actions stay codes in both: they are what the log's filter names.
 */
import { currentViewer } from "@/lib/auth/session";
import { listAudit } from "@/lib/dal/audit";
import { getCity } from "@/lib/dal/reference";
import { auditFilterOf } from "@/lib/domain/audit-filter";
import { isForbiddenError } from "@/lib/errors";
import { staffLocaleOf } from "@/lib/dal/account";
import { csvDialect, csvTranslator, toCsv } from "@/lib/export/csv";
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
    const locale = await staffLocaleOf(viewer);
    const dialect = csvDialect(search.format, locale);
    const header = dialect.machine ? (code: string) => code : csvTranslator(locale, "stats.auditCsv");
    const role = dialect.machine ? (code: string) => code : csvTranslator(locale, "staff.roles");
    const csv = toCsv(
      ["at", "actor_email", "actor_role", "action", "target_type", "target_id", "before", "after", "address"].map((c) => header(c)),
      rows.map((r) => [
        r.at.toISOString(),
        r.actorEmail,
        r.actorRole ? role(r.actorRole) : null,
        r.action,
        r.targetType,
        r.targetId,
        r.before ? JSON.stringify(r.before) : null,
        r.after ? JSON.stringify(r.after) : null,
        r.address,
      ]),
      dialect,
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
