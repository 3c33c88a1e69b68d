/**
 * What a citizen may send from the tracking page. Errors are `tracking.*` codes. The tracking
 * number is taken as typed; its prefix and check letters are verified once the city is known
 * (tracking-number.ts), after the look-up is counted, so that every guess costs one.
 */
import { z } from "zod";
import type { ErrorName, KeyIn } from "@/lib/i18n/keys";
import { ATTACHMENT_TOKEN } from "./form-values";

const REPLY = (code: ErrorName<"tracking.reply">) => `tracking.reply.errors.${code}` as const;
const FEEDBACK = (code: ErrorName<"tracking.feedback">) => `tracking.feedback.errors.${code}` as const;

/** A tracking number as the citizen typed or the page sent it: bounded here, read by `parseTrackingNumber`. */
export const trackingNumberInput = z.string().max(40);

/** The files of a reply: tokens that are not an upload's are dropped, and at most 5 are kept. */
const replyAttachmentTokens = z
  .array(z.string())
  .default([])
  .transform((tokens) => tokens.filter((token) => ATTACHMENT_TOKEN.test(token)).slice(0, 5));

/** What a citizen sends back when the service asked for details. */
export const infoReplyInputSchema = z.object({
  trackingNumber: trackingNumberInput,
  // One message at a time: an empty reply is "required", not also "too short".
  reply: z
    .string({ error: REPLY("required") })
    .trim()
    .min(1, { error: REPLY("required"), abort: true })
    .min(5, REPLY("too_short"))
    .max(4000, REPLY("too_long")),
  attachmentTokens: replyAttachmentTokens,
});

/** "Is the problem fixed?", a 1–5 rating and a comment, once the report was answered. */
export const feedbackInputSchema = z.object({
  trackingNumber: trackingNumberInput,
  fixed: z.enum(["yes", "no"], { error: FEEDBACK("fixed_required") }),
  rating: z.coerce
    .number({ error: FEEDBACK("rating_required") })
    .int()
    .min(1, FEEDBACK("rating_required"))
    .max(5, FEEDBACK("rating_required")),
  comment: z.string().trim().max(2000, FEEDBACK("comment_too_long")).optional().default(""),
});

/** A code of the tracking page's own (`tracking.errors.*`, `tracking.reply.*`…). */
export type TrackingCode = `tracking.${KeyIn<"tracking">}`;

/** "Give me the acknowledgement as a letter": the tracking number alone. */
export const acknowledgementLetterInputSchema = z.object({ trackingNumber: trackingNumberInput });
