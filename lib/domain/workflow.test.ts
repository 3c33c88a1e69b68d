import { describe, expect, it } from "vitest";
import { reportEventType, reportStatus, silenceRule } from "@/db/schema";
import { ACTIONS } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/messages";
import { REPORT_STATUSES, SILENCE_RULES, type ReportStatusName } from "./types";
import {
  COMMAND_NAMES,
  COMMANDS,
  PUBLIC_EVENT_TYPES,
  TRANSITIONS,
  canTransition,
  commandsFor,
  isOpen,
  isPublicStatus,
  moveOf,
  permissionOf,
  transitionsFor,
  type Actor,
} from "./workflow";

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

  it("names every event after its command, in the database too", () => {
    expect([...COMMAND_NAMES]).toEqual(reportEventType.enumValues);
  });

  it("labels every command's event in the staff timeline and every public one in the citizen's, in each language", () => {
    for (const [locale, all] of Object.entries(messages)) {
      const staff = (all.staff as { events: Record<string, string> }).events;
      const tracking = (all.tracking as { events: Record<string, string> }).events;
      for (const command of COMMAND_NAMES) expect(staff[command], `${locale} staff.events.${command}`).toBeTruthy();
      for (const command of PUBLIC_EVENT_TYPES) expect(tracking[command], `${locale} tracking.events.${command}`).toBeTruthy();
    }
  });

  it("gives every command a member of staff may give a permission of the table", () => {
    for (const command of COMMAND_NAMES) {
      const staffActors = COMMANDS[command].by.filter((a) => a !== "citizen" && a !== "system");
      if (staffActors.length > 0) expect(ACTIONS, command).toHaveProperty([permissionOf(command)]);
    }
  });

  it("lets only coordinators reopen a closed report; the citizen reopens an answer they say is not fixed", () => {
    expect(moveOf("reopen", "answered", "citizen")).toBe("in_progress");
    expect(moveOf("reopen", "closed", "citizen")).toBeNull();
    expect(moveOf("reopen", "closed", "coordinator")).toBe("routed");
  });

  it("offers a desk the commands of its status, those that change nothing included", () => {
    expect(commandsFor("routed", "agent")).toEqual(["take", "ask_information", "add_note", "answer"]);
    expect(commandsFor("needs_info", "citizen")).toEqual(["provide_information"]);
    expect(commandsFor("inadmissible", "coordinator")).toEqual(["add_note"]);
  });
});
