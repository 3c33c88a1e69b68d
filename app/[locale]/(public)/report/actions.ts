"use server";

import { getLocale } from "next-intl/server";
import { acknowledgeReport } from "@/lib/dal/notifications";
import { boundsOf, getCity } from "@/lib/dal/reference";
import { submitReport } from "@/lib/dal/reports";
import { fieldErrorsOf, formDataToObject, reportInputSchema } from "@/lib/domain/report-input";
import { AppError } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import type { ReportFormState } from "./form-state";

/** Files the citizen's report, then shows its confirmation page with the tracking number. */
export async function submitReportAction(_previous: ReportFormState, formData: FormData): Promise<ReportFormState> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "fr";
  let trackingNumber: string;
  try {
    const city = await getCity();
    const parsed = reportInputSchema(boundsOf(city)).safeParse(formDataToObject(formData, ["categoryIds", "attachmentTokens"]));
    if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error) };
    const submitted = await submitReport(parsed.data, { locale, channel: "web" });
    trackingNumber = submitted.trackingNumber;
    if (submitted.created) await acknowledgeReport(trackingNumber);
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith("report.errors.")) {
      return { status: "error", fieldErrors: {}, code: error.code };
    }
    console.error("[report] submission failed", error);
    return { status: "error", fieldErrors: {}, code: "report.errors.server" };
  }
  redirect({ href: `/report/done/${trackingNumber}`, locale });
  return { status: "idle" };
}
