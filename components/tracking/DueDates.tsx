import { getFormatter, getTranslations } from "next-intl/server";
import { lateness } from "@/lib/domain/deadlines";
import type { PublicReportView } from "@/lib/dal/reports";

type Props = { report: PublicReportView; now?: Date };

/** The routing and response due dates, with a countdown and what silence at the due date means. */
export async function DueDates({ report, now = new Date() }: Props) {
  const t = await getTranslations("tracking");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "full", timeStyle: "short", timeZone: report.timeZone });
  const open = !["answered", "closed", "duplicate", "inadmissible"].includes(report.status);
  const routingOpen = open && report.routedAt === null;
  const state = lateness(report.responseDueAt, now);
  return (
    <dl className="facts">
      <dt>{t("submittedAt")}</dt>
      <dd>
        <time dateTime={report.submittedAt.toISOString()}>{when(report.submittedAt)}</time>
      </dd>
      <dt>{t("routingDue")}</dt>
      <dd>
        {report.routedAt ? (
          t("routedOn", { date: when(report.routedAt) })
        ) : (
          <>
            <time dateTime={report.routingDueAt.toISOString()}>{when(report.routingDueAt)}</time>
            {routingOpen ? ` (${format.relativeTime(report.routingDueAt, now)})` : null}
          </>
        )}
      </dd>
      <dt>{t("responseDue")}</dt>
      <dd>
        <time dateTime={report.responseDueAt.toISOString()}>{when(report.responseDueAt)}</time>
        {open ? (
          <>
            {" "}
            <strong className={state === "late" ? "field-error" : undefined}>
              ({state === "late" ? t("late", { since: format.relativeTime(report.responseDueAt, now) }) : format.relativeTime(report.responseDueAt, now)})
            </strong>
          </>
        ) : null}
        {report.paused ? <p className="hint">{t("paused")}</p> : null}
      </dd>
      <dt>{t("silenceTitle")}</dt>
      <dd>{t(`silence.${report.silenceRule}`)}</dd>
    </dl>
  );
}
