"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { isLocale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import { z } from "zod";
import { submitFeedback } from "@/lib/dal/feedback";
import { provideInformation } from "@/lib/dal/report-workflow";
import { getCity } from "@/lib/dal/reference";
import { infoReplySchema } from "@/lib/domain/staff-input";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import { formDataToObject } from "@/lib/domain/report-input";
import { isAppError } from "@/lib/errors";
import { currentRequest } from "@/lib/request-log";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/address";
import { admitTrackingLookup } from "@/lib/dal/tracking-access";

/** A reply or a feedback names a tracking number: each is a guess, counted with the look-ups. */
async function lookupAllowed(): Promise<boolean> {
  return (await admitTrackingLookup(clientAddress(await headers()))).allowed;
}

export type InfoReplyState = { status: "idle" | "ok" | "error"; code?: string; requestId?: string };

/** The citizen answers the service's question from the tracking page; the response clock restarts. */
export async function provideInformationAction(_: InfoReplyState, formData: FormData): Promise<InfoReplyState> {
  const raw = formDataToObject(formData, ["attachmentTokens"]);
  const parsed = infoReplySchema.safeParse({ trackingNumber: raw.trackingNumber, reply: raw.reply });
  if (!parsed.success) return { status: "error", code: parsed.error.issues[0].message };
  if (!(await lookupAllowed())) return { status: "error", code: "tracking.errors.rate_limited" };
  const number = parseTrackingNumber(parsed.data.trackingNumber, (await getCity()).trackingPrefix);
  // An unknown number and a report that waits for nothing get the same answer (no probing).
  if (!number.ok) return { status: "error", code: "tracking.reply.errors.not_waiting" };
  const tokens = (raw.attachmentTokens as string[]).filter((v) => /^[A-Za-z0-9_-]{16,100}$/.test(v)).slice(0, 5);
  try {
    await provideInformation({ trackingNumber: number.trackingNumber, reply: parsed.data.reply, attachmentTokens: tokens });
  } catch (error) {
    if (isAppError(error))
      return {
        status: "error",
        code: error.code.startsWith("report.errors.") || error.code.startsWith("tracking.") ? error.code : "tracking.reply.errors.server",
      };
    const { requestId, log } = await currentRequest();
    log.error({ err: error }, "reply failed");
    return { status: "error", code: "tracking.reply.errors.server", requestId };
  }
  revalidatePath(`/[locale]/track/${number.trackingNumber}`, "page");
  const locale = await getLocale();
  // The reply form disappears once the report is no longer waiting: say thanks on the page itself.
  redirect({ href: `/track/${number.trackingNumber}?replied=1`, locale: isLocale(locale) ? locale : "fr" });
  return { status: "ok", code: "tracking.reply.sent" };
}

const feedbackSchema = z.object({
  trackingNumber: z.string().max(40),
  fixed: z.enum(["yes", "no"], { error: "tracking.feedback.errors.fixed_required" }),
  rating: z.coerce
    .number({ error: "tracking.feedback.errors.rating_required" })
    .int()
    .min(1, "tracking.feedback.errors.rating_required")
    .max(5, "tracking.feedback.errors.rating_required"),
  comment: z.string().trim().max(2000, "tracking.feedback.errors.comment_too_long").optional().default(""),
});

/** "Is the problem fixed?" with a 1–5 rating; a "no" sends the report back to its service. */
export async function submitFeedbackAction(_: InfoReplyState, formData: FormData): Promise<InfoReplyState> {
  const raw = formDataToObject(formData, []);
  const parsed = feedbackSchema.safeParse({ trackingNumber: raw.trackingNumber, fixed: raw.fixed, rating: raw.rating, comment: raw.comment ?? "" });
  if (!parsed.success) return { status: "error", code: parsed.error.issues[0].message };
  if (!(await lookupAllowed())) return { status: "error", code: "tracking.errors.rate_limited" };
  const number = parseTrackingNumber(parsed.data.trackingNumber, (await getCity()).trackingPrefix);
  if (!number.ok) return { status: "error", code: "tracking.feedback.errors.not_answered" };
  try {
    await submitFeedback({
      trackingNumber: number.trackingNumber,
      fixed: parsed.data.fixed === "yes",
      rating: parsed.data.rating,
      comment: parsed.data.comment,
    });
  } catch (error) {
    if (isAppError(error) && error.code.startsWith("tracking.")) return { status: "error", code: error.code };
    const { requestId, log } = await currentRequest();
    log.error({ err: error }, "feedback failed");
    return { status: "error", code: "tracking.reply.errors.server", requestId };
  }
  revalidatePath(`/[locale]/track/${number.trackingNumber}`, "page");
  const locale = await getLocale();
  redirect({ href: `/track/${number.trackingNumber}?feedback=1`, locale: isLocale(locale) ? locale : "fr" });
  return { status: "ok" };
}
