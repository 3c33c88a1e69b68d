"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { type ActionState, runServerAction } from "@/lib/actions/server-action";
import { clientAddress } from "@/lib/auth/address";
import { createPostedUploads } from "@/lib/dal/attachments";
import { formDataToObject } from "@/lib/forms/form-data";
import { filesOf, sentByScript, typedTexts } from "@/lib/forms/posted-form";
import { requestIdOf } from "@/lib/log";
import { submitFeedback } from "@/lib/dal/feedback";
import { acknowledgementLetterFor } from "@/lib/dal/letters";
import { getCity } from "@/lib/dal/reference";
import { provideInformation } from "@/lib/dal/report-workflow";
import { admitTrackingLookup } from "@/lib/dal/tracking-access";
import { acknowledgementLetterInputSchema, feedbackInputSchema, infoReplyInputSchema } from "@/lib/domain/tracking-input";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import { AppError, isCodeOf } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";

/**
 * A reply or a feedback names a tracking number: each is a guess, counted with the look-ups; then
 * the number is read with the city's prefix. An unknown number and a report that waits for nothing
 * get the same answer (`unknown`: no probing).
 */
async function trackedNumber(
  typed: string,
  unknown: "tracking.reply.errors.not_waiting" | "tracking.feedback.errors.not_answered" | "tracking.letters.errors.unknown",
): Promise<string> {
  if (!(await admitTrackingLookup(clientAddress(await headers()))).allowed) throw new AppError("tracking.errors.rate_limited");
  const number = parseTrackingNumber(typed, (await getCity()).trackingPrefix);
  if (!number.ok) throw new AppError(unknown);
  return number.trackingNumber;
}

export type InfoReplyState = ActionState;

/** Without scripts the page is rendered again by the server: a refusal gives back what was typed. */
function withTyped(failure: InfoReplyState, formData: FormData, fields: readonly string[]): InfoReplyState {
  return sentByScript(formData) ? failure : { ...failure, typed: typedTexts(formDataToObject(formData, []), fields) };
}

/**
 * The citizen answers the service's question from the tracking page; the response clock restarts.
 * A browser without scripts posts the files themselves with the reply: stored as the upload route
 * stores them, then attached by their tokens like the scripted form's.
 */
export async function provideInformationAction(_: InfoReplyState, formData: FormData): Promise<InfoReplyState> {
  const requestHeaders = await headers();
  const posted = await createPostedUploads(filesOf(formData, "files"), {
    clientAddress: clientAddress(requestHeaders),
    requestId: requestIdOf(requestHeaders),
    alreadyAttached: formData.getAll("attachmentTokens").length,
  });
  if (posted.refusals.length > 0) return withTyped({ status: "error", fieldErrors: { attachmentTokens: [...new Set(posted.refusals)] } }, formData, ["reply"]);
  for (const receipt of posted.receipts) formData.append("attachmentTokens", receipt.token);
  const outcome = await runServerAction(formData, {
    schema: infoReplyInputSchema,
    arrayFields: ["attachmentTokens"],
    run: async ({ trackingNumber, reply, attachmentTokens }) => {
      const number = await trackedNumber(trackingNumber, "tracking.reply.errors.not_waiting");
      await provideInformation({ trackingNumber: number, reply, attachmentTokens });
      return number;
    },
    refusal: (error) => (isCodeOf(error.code, "report", "tracking") ? error.code : "tracking.reply.errors.server"),
    failure: "tracking.reply.errors.server",
    what: "reply failed",
  });
  if (!outcome.ok) return withTyped(outcome.failure, formData, ["reply"]);
  revalidatePath(`/[locale]/track/${outcome.result}`, "page");
  const locale = await getLocale();
  // The reply form disappears once the report is no longer waiting: say thanks on the page itself.
  redirect({ href: `/track/${outcome.result}?replied=1`, locale: isLocale(locale) ? locale : "fr" });
  return { status: "ok", code: "tracking.reply.sent" };
}

/** "Is the problem fixed?" with a 1–5 rating; a "no" sends the report back to its service. */
export async function submitFeedbackAction(_: InfoReplyState, formData: FormData): Promise<InfoReplyState> {
  const outcome = await runServerAction(formData, {
    schema: feedbackInputSchema,
    run: async ({ trackingNumber, fixed, rating, comment }) => {
      const number = await trackedNumber(trackingNumber, "tracking.feedback.errors.not_answered");
      await submitFeedback({ trackingNumber: number, fixed: fixed === "yes", rating, comment });
      return number;
    },
    refusal: (error) => (isCodeOf(error.code, "tracking") ? error.code : undefined),
    failure: "tracking.reply.errors.server",
    what: "feedback failed",
  });
  if (!outcome.ok) return withTyped(outcome.failure, formData, ["fixed", "rating", "comment"]);
  revalidatePath(`/[locale]/track/${outcome.result}`, "page");
  const locale = await getLocale();
  redirect({ href: `/track/${outcome.result}?feedback=1`, locale: isLocale(locale) ? locale : "fr" });
  return { status: "ok" };
}

/**
 * "The acknowledgement as a letter": made the first time it is asked for (lib/dal/letters), then the
 * page lists it with the answers' letters. An unknown number gets `unknown`, like any other guess.
 */
export async function acknowledgementLetterAction(_: InfoReplyState, formData: FormData): Promise<InfoReplyState> {
  const outcome = await runServerAction(formData, {
    schema: acknowledgementLetterInputSchema,
    run: async ({ trackingNumber }) => {
      const number = await trackedNumber(trackingNumber, "tracking.letters.errors.unknown");
      if (!(await acknowledgementLetterFor(number))) throw new AppError("tracking.letters.errors.unknown");
      return number;
    },
    refusal: (error) => (isCodeOf(error.code, "tracking") ? error.code : undefined),
    failure: "tracking.letters.errors.server",
    what: "acknowledgement letter failed",
  });
  if (!outcome.ok) return outcome.failure;
  revalidatePath(`/[locale]/track/${outcome.result}`, "page");
  const locale = await getLocale();
  redirect({ href: `/track/${outcome.result}?letter=1#letters-title`, locale: isLocale(locale) ? locale : "fr" });
  return { status: "ok" };
}
