"use server";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { clientAddress } from "@/lib/auth/address";
import { hitAll, limits } from "@/lib/dal/rate-limits";
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
    // Floods are stopped per address and per email (a double click reuses its report, see below).
    const address = clientAddress(await headers());
    const rate = await hitAll([
      { key: `report:address:${address}`, policy: limits().reportPerAddress },
      ...(parsed.data.email ? [{ key: `report:email:${parsed.data.email}`, policy: limits().reportPerEmail }] : []),
    ]);
    if (!rate.allowed) return { status: "error", fieldErrors: {}, code: "report.errors.rate_limited" };
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
