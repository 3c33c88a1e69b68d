/** What the mayor's office and delegates may submit about penalties. Errors are `penalties.errors.*` codes. */
import { z } from "zod";
import type { ErrorName } from "@/lib/i18n/keys";
import { attachmentTokens, uuidInput } from "./form-values";

const E = (code: ErrorName<"penalties">) => `penalties.errors.${code}` as const;
const penaltyId = uuidInput(E("unknown"));

/** The mayor's office confirms or waives penalties (bulk confirm from the ledger). */
export const penaltyDecisionInputSchema = z.object({
  penaltyIds: z.array(penaltyId).min(1, E("none_selected")).max(500, E("none_selected")),
  decision: z.enum(["confirm", "waive"]),
  reason: z.string().trim().max(2000, E("reason_too_long")).optional().default(""),
});

/** A delegate contests a proposed penalty, with its evidence. */
export const penaltyContestInputSchema = z.object({
  penaltyId,
  text: z.string().trim().min(10, E("contest_too_short")).max(4000, E("contest_too_long")),
  attachmentTokens: attachmentTokens(5),
});
