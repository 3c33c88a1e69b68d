/**
 * The lifecycle of a report and who may move it: one table, read by the data layer before any
 * change and by the interface to offer only the actions that will be accepted.
 *
 *   submitted → routed → in_progress → answered → closed
 *   + needs_info (waiting for the citizen, response clock paused), duplicate, inadmissible (both final).
 */
import type { ReportStatusName } from "./types";

export type Actor = "citizen" | "system" | "coordinator" | "agent" | "delegate" | "mayor_office" | "admin";

export type Transition = { from: ReportStatusName; to: ReportStatusName; by: readonly Actor[]; action: string };

// Delegates are not here: the outcome of a complaint about a delegated service is the city's to decide.
const STAFF_DESK: readonly Actor[] = ["agent", "coordinator", "admin"];
const TRIAGE: readonly Actor[] = ["coordinator", "admin"];

/** Every allowed move. Anything not listed is refused. */
export const TRANSITIONS: readonly Transition[] = [
  { from: "submitted", to: "routed", by: TRIAGE, action: "route" },
  { from: "submitted", to: "duplicate", by: TRIAGE, action: "merge" },
  { from: "submitted", to: "inadmissible", by: TRIAGE, action: "reject_inadmissible" },
  { from: "routed", to: "routed", by: TRIAGE, action: "reroute" },
  { from: "routed", to: "in_progress", by: STAFF_DESK, action: "start" },
  { from: "routed", to: "needs_info", by: STAFF_DESK, action: "ask_info" },
  { from: "routed", to: "answered", by: STAFF_DESK, action: "answer" },
  { from: "routed", to: "duplicate", by: TRIAGE, action: "merge" },
  { from: "routed", to: "inadmissible", by: TRIAGE, action: "reject_inadmissible" },
  { from: "in_progress", to: "routed", by: TRIAGE, action: "reroute" },
  { from: "in_progress", to: "needs_info", by: STAFF_DESK, action: "ask_info" },
  { from: "in_progress", to: "answered", by: STAFF_DESK, action: "answer" },
  { from: "in_progress", to: "duplicate", by: TRIAGE, action: "merge" },
  { from: "needs_info", to: "in_progress", by: ["citizen", ...STAFF_DESK], action: "resume" },
  { from: "needs_info", to: "answered", by: STAFF_DESK, action: "answer" },
  // The silence rule is applied by the scheduled tick when the deadline passes unanswered.
  { from: "routed", to: "answered", by: ["system"], action: "apply_silence" },
  { from: "in_progress", to: "answered", by: ["system"], action: "apply_silence" },
  { from: "answered", to: "closed", by: ["citizen", "system", ...TRIAGE], action: "close" },
  // "Is the problem fixed?" — a no reopens the report with its service.
  { from: "answered", to: "in_progress", by: ["citizen", ...TRIAGE], action: "reopen" },
  { from: "closed", to: "routed", by: TRIAGE, action: "reopen" },
];

export function canTransition(from: ReportStatusName, to: ReportStatusName, actor: Actor): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(actor));
}

/** The moves an actor may make from a status (for the buttons a desk shows). */
export function transitionsFor(from: ReportStatusName, actor: Actor): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && t.by.includes(actor));
}

/** Statuses the public may see; spam and abuse (`inadmissible`) are hidden everywhere public. */
export function isPublicStatus(status: string): boolean {
  return status !== "inadmissible";
}

/** Statuses in which the city still owes an answer (the response clock runs or is paused). */
export const OPEN_STATUSES: readonly ReportStatusName[] = ["submitted", "routed", "in_progress", "needs_info"];

export function isOpen(status: ReportStatusName): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Timeline events the citizen and the public see; internal notes, reminders, escalations,
 * penalties and feedback stay in the back office.
 */
export const PUBLIC_EVENT_TYPES: readonly string[] = [
  "submitted",
  "routed",
  "rerouted",
  "taken",
  "info_requested",
  "info_provided",
  "answered",
  "closed",
  "reopened",
  "merged",
  "silence_applied",
];
