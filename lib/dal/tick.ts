/**
 * The scheduled tick: reminders to services, escalations to coordinators, silence rules, the
 * closing of quiet answers, the sweep of unclaimed uploads, the retention's anonymisation and the
 * stored statistics of months that are over. Called by
 * POST /api/cron/tick (with CRON_SECRET) or `npm run tick`, by the system only. Idempotent: every
 * action leaves an event, and the plan (lib/domain/tick) skips what an event says is done.
 */
import { and, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { categories, reportCategories, reportEvents, reports, services, users } from "@/db/schema";
import { planTick, type TickAction } from "@/lib/domain/tick";
import { sendMail } from "@/lib/mail";
import { renderStaffDigest, type DigestLine } from "@/lib/mail/templates";
import { env } from "@/lib/env";
import { localized } from "@/lib/i18n/config";
import { sweepOrphanFiles, sweepUnclaimedUploads } from "./attachments";
import { notifyCitizens } from "./notifications";
import { anonymiseExpiredReports } from "./privacy";
import { sweepRateLimits } from "./rate-limits";
import { applyPenaltyRules } from "./penalties";
import { getCity } from "./reference";
import { refreshStatsCells } from "./stats-cells";
import { DAY_MS } from "@/lib/domain/time";

const EVENT_OF: Record<TickAction["kind"], (a: TickAction) => string> = {
  remind_service: () => "reminder",
  escalate: (a) => (a.kind === "escalate" && a.deadline === "routing" ? "escalated" : "escalated_response"),
  apply_silence: () => "silence_applied",
};

export type TickResult = {
  reminders: number;
  escalations: number;
  silences: number;
  mails: number;
  sweptUploads: number;
  closed: number;
  anonymised: number;
  statsMonths: number;
};

export async function runTick(now = new Date()): Promise<TickResult> {
  const db = await getDb();
  const city = await getCity();
  const open = await db
    .select({
      id: reports.id,
      trackingNumber: reports.trackingNumber,
      status: reports.status,
      submittedAt: reports.submittedAt,
      routingDueAt: reports.routingDueAt,
      responseDueAt: reports.responseDueAt,
      pausedAt: reports.pausedAt,
      serviceId: reports.serviceId,
      serviceName: services.name,
      serviceEmail: services.email,
      silenceRule: sql<
        "none" | "rejection" | "acceptance"
      >`(select c.silence_rule from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and rc.position = 0)`,
      // Only what happened since the last reopening counts as done.
      done: sql<
        string[]
      >`(select coalesce(array_agg(distinct e.type), '{}') from ${reportEvents} e where e.report_id = "reports"."id" and e.type in ('reminder','escalated','escalated_response','silence_applied') and e.at > coalesce((select max(r.at) from ${reportEvents} r where r.report_id = "reports"."id" and r.type = 'reopened'), '-infinity'::timestamptz))`,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(inArray(reports.status, ["submitted", "routed", "in_progress"]));

  const result: TickResult = { reminders: 0, escalations: 0, silences: 0, mails: 0, sweptUploads: 0, closed: 0, anonymised: 0, statsMonths: 0 };
  const reminders = new Map<number, DigestLine[]>();
  const escalations: DigestLine[] = [];
  const silenced: string[] = [];

  for (const r of open) {
    const actions = planTick({ ...r, silenceRule: r.silenceRule ?? "none", done: new Set(r.done ?? []) }, now);
    for (const action of actions) {
      const type = EVENT_OF[action.kind](action);
      const applied = await db.transaction(async (tx) => {
        // Re-check inside the transaction: two ticks at once still act once.
        const [already] = await tx
          .select({ id: reportEvents.id })
          .from(reportEvents)
          .where(and(eq(reportEvents.reportId, r.id), eq(reportEvents.type, type)))
          .orderBy(desc(reportEvents.id))
          .limit(1);
        if (already && !(await reopenedSince(tx, r.id, already.id))) return false;
        if (action.kind === "apply_silence") {
          const updated = await tx
            .update(reports)
            .set({ status: "answered", outcome: action.outcome, answeredAt: now, updatedAt: now })
            .where(and(eq(reports.id, r.id), eq(reports.status, r.status)))
            .returning({ id: reports.id });
          if (updated.length === 0) return false;
        }
        await tx.insert(reportEvents).values({
          reportId: r.id,
          at: now,
          type,
          actorRole: "system",
          fromStatus: action.kind === "apply_silence" ? r.status : null,
          toStatus: action.kind === "apply_silence" ? "answered" : null,
          data:
            action.kind === "apply_silence"
              ? { outcome: action.outcome, rule: r.silenceRule }
              : action.kind === "escalate"
                ? { deadline: action.deadline }
                : null,
        });
        // Acceptance by silence counts as upheld: a delegated service then owes its penalty.
        if (action.kind === "apply_silence") await applyPenaltyRules(tx, r.id, now);
        return true;
      });
      if (!applied) continue;
      const line: DigestLine = {
        trackingNumber: r.trackingNumber,
        url: `${env().appUrl}/staff/reports/${r.id}`,
        service: localized(r.serviceName, "fr"),
        dueAt: action.kind === "escalate" && action.deadline === "routing" ? r.routingDueAt : r.responseDueAt,
      };
      if (action.kind === "remind_service") {
        result.reminders++;
        reminders.set(r.serviceId, [...(reminders.get(r.serviceId) ?? []), line]);
      } else if (action.kind === "escalate") {
        result.escalations++;
        escalations.push(line);
      } else {
        result.silences++;
        silenced.push(r.id);
      }
    }
  }

  // One digest per recipient, after the changes are committed.
  const staff = await db.select({ email: users.email, role: users.role, serviceId: users.serviceId }).from(users).where(eq(users.active, true));
  for (const [serviceId, lines] of reminders) {
    const service = open.find((r) => r.serviceId === serviceId)!;
    const to = new Set(
      [service.serviceEmail, ...staff.filter((u) => u.role === "agent" && u.serviceId === serviceId).map((u) => u.email)].filter(Boolean) as string[],
    );
    for (const email of to) {
      await sendMail({ to: email, template: "staff.reminder", locale: "fr", ...renderStaffDigest({ kind: "reminder", lines, timeZone: city.timeZone }) });
      result.mails++;
    }
  }
  if (escalations.length > 0) {
    for (const u of staff.filter((s) => s.role === "coordinator")) {
      await sendMail({
        to: u.email,
        template: "staff.escalation",
        locale: "fr",
        ...renderStaffDigest({ kind: "escalation", lines: escalations, timeZone: city.timeZone }),
      });
      result.mails++;
    }
  }
  for (const id of silenced) await notifyCitizens(id, "answered");
  result.closed = await closeQuietAnswers(now, city.autoCloseDays);
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
  result.sweptUploads = (await sweepUnclaimedUploads(dayAgo)) + (await sweepOrphanFiles(dayAgo));
  result.anonymised = await anonymiseExpiredReports(now, env().retentionMonths);
  await sweepRateLimits(now);
  // A year of months at most per tick: a first deployment on a long history catches up over a few ticks.
  result.statsMonths = (await refreshStatsCells(now, { maxMonths: 12 })).computed;
  return result;
}

async function reopenedSince(tx: Awaited<ReturnType<typeof getDb>>, reportId: string, eventId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: reportEvents.id })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.type, "reopened"), gt(reportEvents.id, eventId)))
    .limit(1);
  return Boolean(row);
}

/** Answers the citizen did not react to close themselves after the city's delay. */
async function closeQuietAnswers(now: Date, days: number): Promise<number> {
  const db = await getDb();
  const limit = new Date(now.getTime() - days * DAY_MS);
  return db.transaction(async (tx) => {
    const closed = await tx
      .update(reports)
      .set({ status: "closed", closedAt: now, updatedAt: now })
      .where(and(eq(reports.status, "answered"), lt(reports.answeredAt, limit)))
      .returning({ id: reports.id });
    if (closed.length > 0) {
      await tx.insert(reportEvents).values(
        closed.map((r) => ({
          reportId: r.id,
          at: now,
          type: "closed",
          actorRole: "system",
          fromStatus: "answered" as const,
          toStatus: "closed" as const,
          data: { reason: "no_feedback" },
        })),
      );
    }
    return closed.length;
  });
}
