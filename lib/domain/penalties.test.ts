import { describe, expect, it } from "vitest";
import { canMovePenalty, formatMinor, penaltyAmount, planPenalties, summarizeLedger, type ExistingPenalty } from "./penalties";

const p = (id: string, delegateId: number, state: ExistingPenalty["state"]): ExistingPenalty => ({ id, delegateId, state });

describe("planPenalties", () => {
  it("proposes one penalty when a delegated complaint is upheld, and none when the service is the city's own", () => {
    expect(planPenalties({ upheld: true, currentDelegateId: 7, penalties: [] })).toEqual([{ kind: "propose", delegateId: 7, reviveId: null }]);
    expect(planPenalties({ upheld: true, currentDelegateId: null, penalties: [] })).toEqual([]);
    expect(planPenalties({ upheld: false, currentDelegateId: 7, penalties: [] })).toEqual([]);
  });

  it("never proposes twice for the same report and delegate (double answer, silence after an answer)", () => {
    for (const state of ["proposed", "contested", "confirmed", "waived"] as const) {
      expect(planPenalties({ upheld: true, currentDelegateId: 7, penalties: [p("a", 7, state)] })).toEqual([]);
    }
  });

  it("cancels what stands when the outcome is reversed, and revives a cancelled one if upheld again", () => {
    expect(planPenalties({ upheld: false, currentDelegateId: 7, penalties: [p("a", 7, "proposed")] })).toEqual([{ kind: "cancel", penaltyId: "a" }]);
    expect(planPenalties({ upheld: false, currentDelegateId: 7, penalties: [p("a", 7, "confirmed")] })).toEqual([{ kind: "cancel", penaltyId: "a" }]);
    expect(planPenalties({ upheld: false, currentDelegateId: 7, penalties: [p("a", 7, "waived")] })).toEqual([]);
    expect(planPenalties({ upheld: true, currentDelegateId: 7, penalties: [p("a", 7, "cancelled")] })).toEqual([
      { kind: "propose", delegateId: 7, reviveId: "a" },
    ]);
  });

  it("moves the penalty to the new delegate when the contract changed hands mid-way", () => {
    expect(planPenalties({ upheld: true, currentDelegateId: 9, penalties: [p("a", 7, "proposed")] })).toEqual([
      { kind: "cancel", penaltyId: "a" },
      { kind: "propose", delegateId: 9, reviveId: null },
    ]);
    // The service taken back by the city: nothing stands against the former delegate.
    expect(planPenalties({ upheld: true, currentDelegateId: null, penalties: [p("a", 7, "contested")] })).toEqual([{ kind: "cancel", penaltyId: "a" }]);
  });
});

describe("amounts and moves", () => {
  it("snapshots the contract amount unless the category overrides it", () => {
    expect(penaltyAmount({ penaltyAmountMinor: 50000, penaltyCurrency: "MAD" }, null)).toEqual({ amountMinor: 50000, currency: "MAD" });
    expect(penaltyAmount({ penaltyAmountMinor: 50000, penaltyCurrency: "MAD" }, 100000)).toEqual({ amountMinor: 100000, currency: "MAD" });
    expect(formatMinor(50000)).toBe("500.00");
  });

  it("lets the delegate contest in time, and only the mayor's office confirm or waive", () => {
    const now = new Date("2026-11-20T10:00:00Z");
    const open = { state: "proposed" as const, contestDeadline: new Date("2026-11-30T00:00:00Z") };
    expect(canMovePenalty("contest", open, "delegate", now)).toBe(true);
    expect(canMovePenalty("contest", open, "delegate", new Date("2026-12-01T00:00:00Z"))).toBe(false);
    expect(canMovePenalty("contest", { ...open, state: "contested" }, "delegate", now)).toBe(false);
    for (const role of ["delegate", "agent", "coordinator", "admin"]) {
      expect(canMovePenalty("confirm", open, role, now)).toBe(false);
      expect(canMovePenalty("waive", open, role, now)).toBe(false);
    }
    expect(canMovePenalty("confirm", { ...open, state: "contested" }, "mayor_office", now)).toBe(true);
    expect(canMovePenalty("waive", open, "mayor_office", now)).toBe(true);
    expect(canMovePenalty("confirm", { ...open, state: "cancelled" }, "mayor_office", now)).toBe(false);
    expect(canMovePenalty("waive", { ...open, state: "confirmed" }, "mayor_office", now)).toBe(false);
  });
});

describe("summarizeLedger", () => {
  it("groups by delegate and month with counts and totals per state; only confirmed is due", () => {
    const line = (delegateId: number, month: string, state: "proposed" | "confirmed" | "waived", amountMinor = 50000) => ({
      delegateId,
      delegate: `D${delegateId}`,
      month,
      state,
      amountMinor,
      currency: "MAD",
    });
    const groups = summarizeLedger([
      line(1, "2026-10", "confirmed"),
      line(1, "2026-10", "confirmed"),
      line(1, "2026-10", "waived"),
      line(1, "2026-11", "proposed"),
      line(2, "2026-10", "confirmed", 100000),
    ]);
    expect(groups.map((g) => [g.delegate, g.month, g.count.confirmed, g.dueMinor])).toEqual([
      ["D1", "2026-11", 0, 0],
      ["D1", "2026-10", 2, 100000],
      ["D2", "2026-10", 1, 100000],
    ]);
    expect(groups[1].totalMinor.waived).toBe(50000);
  });
});
