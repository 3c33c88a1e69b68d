/**
 * Penalties against delegates (Tétouan: "if a complaint about a delegated service proves justified,
 * the delegate pays a 500 DH fine"). Pure rules:
 * - which penalties to propose or cancel when a report's outcome is set or reversed;
 * - the amount, snapshotted from the delegate's contract or the category's override;
 * - who may move a penalty: the delegate contests within its window, only the mayor's office
 *   confirms or waives (with a reason), and only the system cancels (outcome reversed).
 */
export type PenaltyStateName = "proposed" | "contested" | "confirmed" | "waived" | "cancelled";

/** States in which a penalty still stands (it counts against the delegate). */
export const STANDING_STATES: readonly PenaltyStateName[] = ["proposed", "contested", "confirmed"];

export type ExistingPenalty = { id: string; delegateId: number; state: PenaltyStateName };

export type PenaltyAction = { kind: "propose"; delegateId: number; reviveId: string | null } | { kind: "cancel"; penaltyId: string };

/**
 * What a report's outcome means for its penalties. `upheld` covers both a written upheld answer and
 * acceptance by silence. The penalty goes to the delegate running the report's service when the
 * outcome is set; a penalty standing against another delegate (the contract changed hands) or an
 * outcome no longer upheld (reopened, re-answered `rejected`) cancels what stands. A waived
 * penalty stays waived: the office decided.
 */
export function planPenalties(input: { upheld: boolean; currentDelegateId: number | null; penalties: readonly ExistingPenalty[] }): PenaltyAction[] {
  const actions: PenaltyAction[] = [];
  const standing = (p: ExistingPenalty) => STANDING_STATES.includes(p.state);
  for (const p of input.penalties) {
    const stillDue = input.upheld && input.currentDelegateId !== null && p.delegateId === input.currentDelegateId;
    if (standing(p) && !stillDue) actions.push({ kind: "cancel", penaltyId: p.id });
  }
  if (input.upheld && input.currentDelegateId !== null) {
    const own = input.penalties.find((p) => p.delegateId === input.currentDelegateId);
    if (!own) actions.push({ kind: "propose", delegateId: input.currentDelegateId, reviveId: null });
    else if (own.state === "cancelled") actions.push({ kind: "propose", delegateId: input.currentDelegateId, reviveId: own.id });
  }
  return actions;
}

/** The amount owed: the category's override when it has one, else the delegate's contract. */
export function penaltyAmount(
  delegate: { penaltyAmountMinor: number; penaltyCurrency: string },
  categoryOverrideMinor: number | null,
): { amountMinor: number; currency: string } {
  return { amountMinor: categoryOverrideMinor ?? delegate.penaltyAmountMinor, currency: delegate.penaltyCurrency };
}

export type PenaltyMove = "contest" | "confirm" | "waive";

const MOVES: Record<PenaltyMove, { from: readonly PenaltyStateName[]; to: PenaltyStateName; by: readonly string[] }> = {
  contest: { from: ["proposed"], to: "contested", by: ["delegate"] },
  confirm: { from: ["proposed", "contested"], to: "confirmed", by: ["mayor_office"] },
  waive: { from: ["proposed", "contested"], to: "waived", by: ["mayor_office"] },
};

/** Whether `role` may make `move` on a penalty now; a contest must come before the deadline. */
export function canMovePenalty(move: PenaltyMove, penalty: { state: PenaltyStateName; contestDeadline: Date }, role: string, now: Date): boolean {
  const rule = MOVES[move];
  if (!rule.by.includes(role) || !rule.from.includes(penalty.state)) return false;
  if (move === "contest" && now > penalty.contestDeadline) return false;
  return true;
}

export function targetOf(move: PenaltyMove): PenaltyStateName {
  return MOVES[move].to;
}

/** Formats minor units for display and CSV (500.00). */
export function formatMinor(amountMinor: number): string {
  return (amountMinor / 100).toFixed(2);
}

export type LedgerLine = { delegateId: number; delegate: string; month: string; state: PenaltyStateName; amountMinor: number; currency: string };

export type LedgerGroup = {
  delegateId: number;
  delegate: string;
  month: string;
  currency: string;
  count: Record<PenaltyStateName, number>;
  totalMinor: Record<PenaltyStateName, number>;
  /** What the delegate owes: confirmed penalties. */
  dueMinor: number;
};

const EMPTY = (): Record<PenaltyStateName, number> => ({ proposed: 0, contested: 0, confirmed: 0, waived: 0, cancelled: 0 });

/** The ledger per delegate and month: counts and totals per state; what is due is what is confirmed. */
export function summarizeLedger(lines: readonly LedgerLine[]): LedgerGroup[] {
  const groups = new Map<string, LedgerGroup>();
  for (const line of lines) {
    const key = `${line.delegateId}|${line.month}|${line.currency}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        delegateId: line.delegateId,
        delegate: line.delegate,
        month: line.month,
        currency: line.currency,
        count: EMPTY(),
        totalMinor: EMPTY(),
        dueMinor: 0,
      };
      groups.set(key, g);
    }
    g.count[line.state] += 1;
    g.totalMinor[line.state] += line.amountMinor;
    if (line.state === "confirmed") g.dueMinor += line.amountMinor;
  }
  return [...groups.values()].sort((a, b) => a.delegate.localeCompare(b.delegate) || b.month.localeCompare(a.month));
}
