/**
 * What the text written with a timeline event is, for staff reading the report: an event carries
 * one free text (`internalNote`), but who wrote it and why differs by event — the citizen's reply,
 * the citizen's comment on the answer, the delegate's account or contest, the reason of a decision,
 * or a note staff wrote for each other. One rule, used by the report panel.
 */
import type { Command } from "./workflow";

export type EventTextKind = "citizenReply" | "citizenComment" | "delegateAccount" | "delegateContest" | "reason" | "internalNote";

export function eventTextKind(type: Command): EventTextKind {
  switch (type) {
    case "provide_information":
      return "citizenReply";
    case "give_feedback":
      return "citizenComment";
    case "give_account":
      return "delegateAccount";
    case "contest_penalty":
      return "delegateContest";
    case "declare_inadmissible":
    case "reopen":
    case "confirm_penalty":
    case "waive_penalty":
    case "cancel_penalty":
      return "reason";
    default:
      return "internalNote";
  }
}

/** The citizen's verdict on an answer, as the feedback event records it (null when absent or malformed). */
export function feedbackOf(data: unknown): { fixed: boolean; rating: number | null } | null {
  if (!data || typeof data !== "object") return null;
  const { fixed, rating } = data as { fixed?: unknown; rating?: unknown };
  if (typeof fixed !== "boolean") return null;
  return { fixed, rating: typeof rating === "number" && Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null };
}
