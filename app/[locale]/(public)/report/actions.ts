"use server";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { clientAddress } from "@/lib/auth/address";
import { submitCitizenReport } from "@/lib/dal/citizen-submission";
import { formDataToObject } from "@/lib/forms/form-data";
import { isLocale } from "@/lib/i18n/config";
import { requestIdOf } from "@/lib/log";
import { redirect } from "@/lib/i18n/navigation";
import type { ReportFormState } from "./form-state";

/**
 * Files the citizen's report, then shows its confirmation page with the tracking number. The data
 * layer reads the fields itself (the offline queue's endpoint sends the same ones) and answers the
 * one action shape's failure (lib/actions/server-action), logged with the request's id.
 */
export async function submitReportAction(_previous: ReportFormState, formData: FormData): Promise<ReportFormState> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "fr";
  const result = await submitCitizenReport(formDataToObject(formData, ["categoryIds", "attachmentTokens"]), {
    locale,
    clientAddress: clientAddress(await headers()),
    requestId: requestIdOf(await headers()),
  });
  if (result.status === "error") return result;
  redirect({ href: `/report/done/${result.trackingNumber}`, locale });
  return { status: "idle" };
}
