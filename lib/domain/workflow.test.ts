import { describe, expect, it } from "vitest";
import { reportStatus, silenceRule } from "@/db/schema";
import { REPORT_STATUSES, SILENCE_RULES, type ReportStatusName } from "./types";
import { TRANSITIONS, canTransition, isOpen, isPublicStatus, transitionsFor, type Actor } from "./workflow";

const ACTORS: Actor[] = ["citizen", "system", "coordinator", "agent", "delegate", "mayor_office", "admin"];

describe("workflow", () => {
  it("uses the same statuses and silence rules as the database", () => {
    expect([...REPORT_STATUSES]).toEqual(reportStatus.enumValues);
    expect([...SILENCE_RULES]).toEqual(silenceRule.enumValues);
  });

  it("follows the main path submitted → routed → in_progress → answered → closed", () => {
    expect(canTransition("submitted", "routed", "coordinator")).toBe(true);
    expect(canTransition("routed", "in_progress", "agent")).toBe(true);
    expect(canTransition("in_progress", "answered", "agent")).toBe(true);
    expect(canTransition("answered", "closed", "citizen")).toBe(true);
  });

  it("refuses every move not in the table, for every actor", () => {
    const allowed = new Set(TRANSITIONS.flatMap((t) => t.by.map((a) => `${t.from}>${t.to}>${a}`)));
    let refused = 0;
    for (const from of REPORT_STATUSES)
      for (const to of REPORT_STATUSES)
        for (const actor of ACTORS) {
          const expected = allowed.has(`${from}>${to}>${actor}`);
          expect(canTransition(from, to, actor), `${from} → ${to} by ${actor}`).toBe(expected);
          if (!expected) refused++;
        }
    // No rule is listed twice, and most combinations are refused.
    expect(allowed.size).toBe(TRANSITIONS.reduce((n, t) => n + t.by.length, 0));
    expect(refused).toBe(REPORT_STATUSES.length ** 2 * ACTORS.length - allowed.size);
  });

  it("keeps the citizen, the public and the mayor's office out of triage", () => {
    for (const actor of ["citizen", "mayor_office"] as Actor[]) {
      expect(canTransition("submitted", "routed", actor)).toBe(false);
      expect(canTransition("routed", "answered", actor)).toBe(false);
    }
    expect(canTransition("submitted", "routed", "agent")).toBe(false);
    expect(canTransition("submitted", "answered", "agent")).toBe(false);
  });

  it("lets only the system apply silence and the citizen answer a request for information", () => {
    expect(transitionsFor("in_progress", "system").map((t) => t.action)).toEqual(["apply_silence"]);
    expect(canTransition("needs_info", "in_progress", "citizen")).toBe(true);
    expect(canTransition("closed", "routed", "coordinator")).toBe(true);
    expect(canTransition("closed", "routed", "agent")).toBe(false);
  });

  it("hides only inadmissible reports from the public and knows which are still owed an answer", () => {
    const statuses: ReportStatusName[] = [...REPORT_STATUSES];
    expect(statuses.filter((s) => !isPublicStatus(s))).toEqual(["inadmissible"]);
    expect(statuses.filter(isOpen)).toEqual(["submitted", "routed", "in_progress", "needs_info"]);
  });
});
