/**
 * Penalties against delegates. Proposed and cancelled by the system when a report's outcome is set
 * or reversed (inside the same transaction); contested by the delegate concerned; confirmed or
 * waived by the mayor's office. Every change is also an event in the report's timeline.
 */
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { attachments, categories, city, delegates, penalties, reportCategories, reports, services, users, type PenaltyState } from "@/db/schema";
import { canSeeTrackingNumber, mayPerform, type Viewer } from "@/lib/auth/permissions";
import { canMovePenalty, penaltyAmount, planPenalties, targetOf, type PenaltyMove } from "@/lib/domain/penalties";
import { AppError } from "@/lib/errors";
import { claimUploadsForPenalty } from "./attachments";
import { applyCommand, inTransaction, loadForChange, type Work } from "./commands";
import { DAY_MS } from "@/lib/domain/time";
import { eventData } from "@/lib/domain/workflow";

/**
 * Brings a report's penalties in line with its outcome. Called inside the work that sets or
 * reverses the outcome (answer, silence, reopening); each proposal and cancellation is a command.
 */
export async function applyPenaltyRules(work: Work, reportId: string): Promise<void> {
  const { tx, now } = work;
  const [r] = await tx
    .select({ status: reports.status, outcome: reports.outcome, delegateId: services.delegateId })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(eq(reports.id, reportId));
  if (!r) return;
  const existing = await tx
    .select({ id: penalties.id, delegateId: penalties.delegateId, state: penalties.state })
    .from(penalties)
    .where(eq(penalties.reportId, reportId));
  const upheld = r.outcome === "upheld" && (r.status === "answered" || r.status === "closed");
  const actions = planPenalties({ upheld, currentDelegateId: r.delegateId, penalties: existing });
  for (const action of actions) {
    if (action.kind === "cancel") {
      await tx.update(penalties).set({ state: "cancelled", updatedAt: now }).where(eq(penalties.id, action.penaltyId));
      await applyCommand(work, await loadForChange(tx, reportId), "cancel_penalty", "system", { data: { penaltyId: action.penaltyId } });
      continue;
    }
    const [delegate] = await tx.select().from(delegates).where(eq(delegates.id, action.delegateId));
    const [main] = await tx
      .select({ override: categories.penaltyAmountMinor })
      .from(reportCategories)
      .innerJoin(categories, eq(categories.id, reportCategories.categoryId))
      .where(and(eq(reportCategories.reportId, reportId), eq(reportCategories.position, 0)));
    const [settings] = await tx.select({ days: city.penaltyContestDays }).from(city).limit(1);
    const amount = penaltyAmount(delegate, main?.override ?? null);
    const values = {
      ...amount,
      state: "proposed" as const,
      proposedAt: now,
      contestDeadline: new Date(now.getTime() + (settings?.days ?? 15) * DAY_MS),
      contestedAt: null,
      contestText: null,
      decidedAt: null,
      decidedByUserId: null,
      decisionReason: null,
      updatedAt: now,
    };
    let penaltyId: string;
    if (action.reviveId) {
      await tx.update(penalties).set(values).where(eq(penalties.id, action.reviveId));
      penaltyId = action.reviveId;
    } else {
      // The unique (report, delegate) index makes a concurrent second proposal impossible.
      const [row] = await tx
        .insert(penalties)
        .values({ reportId, delegateId: action.delegateId, ...values })
        .onConflictDoNothing()
        .returning({ id: penalties.id });
      if (!row) continue;
      penaltyId = row.id;
    }
    await applyCommand(work, await loadForChange(tx, reportId), "propose_penalty", "system", {
      data: { penaltyId, delegateId: action.delegateId, amountMinor: amount.amountMinor, currency: amount.currency },
    });
  }
}

/**
 * `applyPenaltyRules` for many reports at once (the tick's silences): the proposals of reports that
 * have no penalty yet — nearly all of them — are written with their events in three statements
 * whatever their number; a report that already has one (a cancellation, a revival) goes the
 * one-report way. The reports are locked by the caller's command.
 */
export async function applyPenaltyRulesTo(work: Work, reportIds: readonly string[]): Promise<void> {
  if (reportIds.length === 0) return;
  const { tx, now } = work;
  const rows = rowsOf<{ id: string; status: string; outcome: string | null; delegateId: number | null; hasPenalties: boolean; override: number | null }>(
    await tx.execute(sql`
      select r.id, r.status, r.outcome, s.delegate_id as "delegateId",
        exists (select 1 from ${penalties} p where p.report_id = r.id) as "hasPenalties",
        (select c.penalty_amount_minor from ${reportCategories} rc join ${categories} c on c.id = rc.category_id
          where rc.report_id = r.id and rc.position = 0) as override
      from ${reports} r join ${services} s on s.id = r.service_id
      where r.id = any(${`{${reportIds.join(",")}}`}::uuid[])
      order by r.id`),
  );
  for (const r of rows) if (r.hasPenalties) await applyPenaltyRules(work, r.id);
  const fresh = rows.filter(
    (r) =>
      !r.hasPenalties &&
      planPenalties({ upheld: r.outcome === "upheld" && (r.status === "answered" || r.status === "closed"), currentDelegateId: r.delegateId, penalties: [] })
        .length > 0,
  );
  if (fresh.length === 0) return;
  const known = new Map((await tx.select().from(delegates)).map((d) => [d.id, d]));
  const [settings] = await tx.select({ days: city.penaltyContestDays }).from(city).limit(1);
  const contestDeadline = new Date(now.getTime() + (settings?.days ?? 15) * DAY_MS);
  const proposals = fresh.flatMap((r) => {
    const delegate = r.delegateId === null ? undefined : known.get(r.delegateId);
    if (!delegate) return [];
    const override = r.override === null ? null : Number(r.override);
    return [{ report_id: r.id, delegate_id: delegate.id, ...penaltyAmount(delegate, override) }];
  });
  // The unique (report, delegate) index makes a concurrent second proposal impossible.
  const inserted = rowsOf<{ id: string; reportId: string; delegateId: number; amountMinor: number; currency: string }>(
    await tx.execute(sql`
      insert into ${penalties} (report_id, delegate_id, amount_minor, currency, state, proposed_at, contest_deadline, updated_at)
      select v.report_id, v.delegate_id, v."amountMinor", v.currency, 'proposed', ${now.toISOString()}::timestamptz, ${contestDeadline.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(proposals)}::jsonb) as v(report_id uuid, delegate_id smallint, "amountMinor" integer, currency text)
      on conflict do nothing
      returning id, report_id as "reportId", delegate_id as "delegateId", amount_minor as "amountMinor", currency`),
  );
  const events = inserted.map((p) => ({
    report_id: p.reportId,
    data: eventData("propose_penalty", { penaltyId: p.id, delegateId: Number(p.delegateId), amountMinor: Number(p.amountMinor), currency: p.currency }),
  }));
  if (events.length === 0) return;
  await tx.execute(sql`
    insert into report_events (report_id, at, type, actor_role, data)
    select v.report_id, ${now.toISOString()}::timestamptz, 'propose_penalty', 'system', v.data
    from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as v(report_id uuid, data jsonb)`);
}

export type PenaltyFilters = { delegateId?: number; month?: string; states?: PenaltyState[] };

export type PenaltyRow = {
  id: string;
  reportId: string;
  /** The citizen's secret key: null for a delegate, who sees the public number only. */
  trackingNumber: string | null;
  publicNumber: number;
  delegateId: number;
  delegate: string;
  amountMinor: number;
  currency: string;
  state: PenaltyState;
  proposedAt: Date;
  contestDeadline: Date;
  contestText: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionReason: string | null;
  /** Files the delegate sent with its contest. */
  evidence: { id: string; name: string }[];
};

/** The ledger: the mayor's office and admins see every delegate; a delegate sees its own. */
export async function listPenalties(viewer: Viewer | null, filters: PenaltyFilters = {}): Promise<PenaltyRow[]> {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  const conditions: (SQL | undefined)[] = [];
  if (!mayPerform(viewer, "penalty.read")) {
    if (viewer.delegateId === null || !mayPerform(viewer, "penalty.read_own")) throw new AppError("forbidden:penalties");
    conditions.push(eq(penalties.delegateId, viewer.delegateId));
  }
  if (filters.delegateId) conditions.push(eq(penalties.delegateId, filters.delegateId));
  if (filters.states?.length) conditions.push(inArray(penalties.state, filters.states));
  if (filters.month && /^\d{4}-\d{2}$/.test(filters.month)) {
    const [y, m] = filters.month.split("-").map(Number);
    conditions.push(gte(penalties.proposedAt, new Date(Date.UTC(y, m - 1, 1))), lt(penalties.proposedAt, new Date(Date.UTC(y, m, 1))));
  }
  const db = await getDb();
  const rows = await db
    .select({
      id: penalties.id,
      reportId: penalties.reportId,
      trackingNumber: reports.trackingNumber,
      publicNumber: reports.publicNumber,
      delegateId: penalties.delegateId,
      delegate: delegates.name,
      amountMinor: penalties.amountMinor,
      currency: penalties.currency,
      state: penalties.state,
      proposedAt: penalties.proposedAt,
      contestDeadline: penalties.contestDeadline,
      contestText: penalties.contestText,
      decidedAt: penalties.decidedAt,
      decidedFirst: users.firstName,
      decidedLast: users.lastName,
      decisionReason: penalties.decisionReason,
    })
    .from(penalties)
    .innerJoin(reports, eq(reports.id, penalties.reportId))
    .innerJoin(delegates, eq(delegates.id, penalties.delegateId))
    .leftJoin(users, eq(users.id, penalties.decidedByUserId))
    .where(and(...conditions))
    .orderBy(asc(delegates.name), desc(penalties.proposedAt));
  const files = rows.length
    ? await db
        .select({ id: attachments.id, name: attachments.originalName, penaltyId: attachments.penaltyId })
        .from(attachments)
        .where(
          inArray(
            attachments.penaltyId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const seesNumbers = canSeeTrackingNumber(viewer);
  return rows.map(({ decidedFirst, decidedLast, ...r }) => ({
    ...r,
    trackingNumber: seesNumbers ? r.trackingNumber : null,
    decidedBy: decidedFirst ? `${decidedFirst} ${decidedLast ?? ""}`.trim() : null,
    evidence: files.filter((f) => f.penaltyId === r.id).map((f) => ({ id: f.id, name: f.name })),
  }));
}

async function movePenalties(
  viewer: Viewer | null,
  penaltyIds: string[],
  move: PenaltyMove,
  details: { reason?: string; text?: string; evidenceTokens?: string[] },
  now: Date,
) {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  await inTransaction(now, async (work) => {
    const { tx } = work;
    for (const id of penaltyIds) {
      const [p] = await tx.select().from(penalties).where(eq(penalties.id, id));
      if (!p) throw new AppError("penalties.errors.unknown");
      if (!mayPerform(viewer, move === "contest" ? "penalty.contest" : "penalty.decide", { delegateId: p.delegateId })) throw new AppError("forbidden:penalty");
      if (!canMovePenalty(move, p, viewer.role, now)) {
        if (move === "contest" && viewer.role === "delegate" && p.state === "proposed") throw new AppError("penalties.errors.contest_too_late");
        if (viewer.role !== "mayor_office" && viewer.role !== "delegate") throw new AppError("forbidden:penalty");
        throw new AppError("penalties.errors.transition_refused");
      }
      const to = targetOf(move);
      const set =
        move === "contest"
          ? { state: to, contestedAt: now, contestText: details.text ?? null, updatedAt: now }
          : { state: to, decidedAt: now, decidedByUserId: viewer.id, decisionReason: details.reason ?? null, updatedAt: now };
      const updated = await tx
        .update(penalties)
        .set(set)
        .where(and(eq(penalties.id, id), eq(penalties.state, p.state)))
        .returning({ id: penalties.id });
      if (updated.length === 0) throw new AppError("penalties.errors.changed");
      if (move === "contest" && details.evidenceTokens?.length) await claimUploadsForPenalty(tx, id, details.evidenceTokens);
      await applyCommand(work, await loadForChange(tx, p.reportId), `${move}_penalty`, viewer, {
        internalNote: details.text ?? details.reason ?? null,
        data: { penaltyId: id },
        target: { delegateId: p.delegateId },
      });
    }
  });
}

/** The delegate contests a proposed penalty, with its arguments, before the deadline. */
export async function contestPenalty(viewer: Viewer | null, input: { penaltyId: string; text: string; attachmentTokens?: string[] }, now = new Date()) {
  if (!mayPerform(viewer, "penalty.contest")) throw new AppError("forbidden:penalty");
  await movePenalties(viewer, [input.penaltyId], "contest", { text: input.text, evidenceTokens: input.attachmentTokens ?? [] }, now);
}

/** The mayor's office confirms penalties (several at once) or waives them with a reason. */
export async function decidePenalties(viewer: Viewer | null, input: { penaltyIds: string[]; decision: "confirm" | "waive"; reason: string }, now = new Date()) {
  if (!mayPerform(viewer, "penalty.decide")) throw new AppError("forbidden:penalty");
  if (input.decision === "waive" && input.reason.trim().length < 3) throw new AppError("penalties.errors.reason_required");
  await movePenalties(viewer, input.penaltyIds, input.decision, { reason: input.reason.trim() || undefined }, now);
}

/** Delegates known to the platform, for the ledger's filter. */
export async function listDelegates(viewer: Viewer | null) {
  if (!viewer || !(mayPerform(viewer, "penalty.read") || mayPerform(viewer, "penalty.read_own"))) throw new AppError("forbidden:penalties");
  const db = await getDb();
  const rows = await db.select({ id: delegates.id, name: delegates.name }).from(delegates).orderBy(asc(delegates.name));
  return viewer.role === "delegate" ? rows.filter((d) => d.id === viewer.delegateId) : rows;
}
