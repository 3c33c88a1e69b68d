"use server";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { clientAddress } from "@/lib/auth/address";
import { createPostedUploads, unclaimedUploads } from "@/lib/dal/attachments";
import { submitCitizenReport } from "@/lib/dal/citizen-submission";
import { formDataToObject, REPORT_ARRAY_FIELDS } from "@/lib/forms/form-data";
import { answerFilesOf, filesOf, sentByScript, typedReportFields } from "@/lib/forms/posted-form";
import { isLocale } from "@/lib/i18n/config";
import { requestIdOf } from "@/lib/log";
import { redirect } from "@/lib/i18n/navigation";
import type { ReportFormState } from "./form-state";

/**
 * Files the citizen's report, then shows its confirmation page with the tracking number. The data
 * layer reads the fields itself (the offline queue's endpoint sends the same ones) and answers the
 * one action shape's failure (lib/actions/server-action), logged with the request's id.
 *
 * A form posted by a browser without scripts carries its files themselves (stored here as the
 * upload route would store them) and gets back, when refused, what was typed: the page is rendered
 * again by the server with it.
 */
export async function submitReportAction(_previous: ReportFormState, formData: FormData): Promise<ReportFormState> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "fr";
  const requestHeaders = await headers();
  const context = { locale, clientAddress: clientAddress(requestHeaders), requestId: requestIdOf(requestHeaders) };
  const raw = formDataToObject(formData, REPORT_ARRAY_FIELDS);
  const tokens = raw.attachmentTokens as string[];
  const posted = await createPostedUploads(filesOf(formData, "files"), { ...context, alreadyAttached: tokens.length });
  raw.attachmentTokens = [...tokens, ...posted.receipts.map((receipt) => receipt.token)];
  // The files of the request type's file fields, posted with the form too: stored, their tokens are the answers.
  const answerFileRefusals: Record<string, string[]> = {};
  for (const [name, files] of answerFilesOf(formData)) {
    const answer = await createPostedUploads(files, { ...context, alreadyAttached: 0 });
    raw[name] = [...((raw[name] as string[] | undefined) ?? []), ...answer.receipts.map((receipt) => receipt.token)];
    if (answer.refusals.length > 0) answerFileRefusals[name] = answer.refusals;
  }
  const result = await submitCitizenReport(raw, { ...context, fileRefusals: posted.refusals, answerFileRefusals });
  if (result.status === "error") {
    if (sentByScript(formData)) return result;
    return { ...result, typed: { fields: typedReportFields(raw), files: await unclaimedUploads(raw.attachmentTokens as string[]) } };
  }
  redirect({ href: `/report/done/${result.trackingNumber}`, locale });
  return { status: "idle" };
}
