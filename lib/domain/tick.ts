/**
 * What the scheduled tick must do for one report at a given instant. Pure: the report's due dates,
 * what was already done (events), and the clock come in; a list of actions comes out. Running it
 * twice gives nothing the second time, because each action leaves its event.
 *
 * - remind the service once 75 % of the response time is spent;
 * - escalate to the coordinators once a deadline (routing or response) has passed;
 * - apply the category's silence rule once the response deadline has passed unanswered:
 *   `rejection` → answered, rejected by silence; `acceptance` → answered, upheld by silence.
 */
import type { SilenceRuleName } from "./types";
import type { Command } from "./workflow";

export const REMINDER_FRACTION = 0.75;

export type TickReport = {
  status: string;
  submittedAt: Date;
  routingDueAt: Date;
  responseDueAt: Date;
  pausedAt: Date | null;
  silenceRule: SilenceRuleName;
  /** Commands the tick already gave on the report since it was last (re)opened. */
  done: ReadonlySet<TickCommand>;
};

/** The commands of lib/domain/workflow the tick gives. */
export type TickCommand = Extract<Command, "remind" | "escalate_routing" | "escalate_response" | "apply_silence">;

/** The command an action gives. */
export function commandOf(action: TickAction): TickCommand {
  if (action.kind === "remind_service") return "remind";
  if (action.kind === "apply_silence") return "apply_silence";
  return action.deadline === "routing" ? "escalate_routing" : "escalate_response";
}

export type TickAction =
  | { kind: "remind_service" }
  | { kind: "escalate"; deadline: "routing" | "response" }
  | { kind: "apply_silence"; outcome: "upheld" | "rejected" };

export function planTick(report: TickReport, now: Date): TickAction[] {
  const actions: TickAction[] = [];
  const t = now.getTime();
  if (report.status === "submitted") {
    if (t > report.routingDueAt.getTime() && !report.done.has("escalate_routing")) actions.push({ kind: "escalate", deadline: "routing" });
    return actions;
  }
  if (report.status !== "routed" && report.status !== "in_progress" && report.status !== "needs_info") return actions;
  // The clock is stopped while the citizen is asked for details: nothing falls due meanwhile (the
  // deadline moves on when the report resumes, lib/dal/report-workflow).
  if (report.status === "needs_info") return actions;
  const responseDue = report.responseDueAt.getTime();
  const reminderAt = report.submittedAt.getTime() + REMINDER_FRACTION * (responseDue - report.submittedAt.getTime());
  if (t >= reminderAt && t <= responseDue && !report.done.has("remind")) actions.push({ kind: "remind_service" });
  if (t > responseDue) {
    if (report.silenceRule !== "none" && !report.done.has("apply_silence")) {
      actions.push({ kind: "apply_silence", outcome: report.silenceRule === "acceptance" ? "upheld" : "rejected" });
    } else if (!report.done.has("escalate_response")) {
      actions.push({ kind: "escalate", deadline: "response" });
    }
  }
  return actions;
}
