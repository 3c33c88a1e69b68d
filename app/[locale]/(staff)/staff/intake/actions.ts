"use server";

import { getLocale } from "next-intl/server";
import type { ReportFormState } from "@/app/[locale]/(public)/report/form-state";
import { runServerAction } from "@/lib/actions/server-action";
import { mayPerform } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { boundsOf, referenceData, requestTypesOf } from "@/lib/dal/reference";
import { submitReport } from "@/lib/dal/reports";
import { intakeInputSchema } from "@/lib/domain/staff-input";
import { REPORT_ARRAY_FIELDS } from "@/lib/forms/form-data";
import { AppError, isCodeOf, isForbidden } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";

/** A request taken by phone, at the counter, by letter or by email, entered on the caller's behalf. */
export async function intakeReportAction(_previous: ReportFormState, formData: FormData): Promise<ReportFormState> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "fr";
  let viewerId = "";
  const outcome = await runServerAction(formData, {
    // Who may enter requests is checked before the form is read.
    schema: async () => {
      const viewer = await currentViewer();
      if (!viewer || !mayPerform(viewer, "report.intake")) throw new AppError("forbidden:report");
      viewerId = viewer.id;
      const reference = await referenceData();
      return intakeInputSchema(boundsOf(reference.city), requestTypesOf(reference));
    },
    arrayFields: REPORT_ARRAY_FIELDS,
    run: async ({ channel, ...report }) => {
      const submitted = await submitReport(report, { locale, channel, createdByUserId: viewerId });
      return submitted.trackingNumber;
    },
    refusal: (error) => (isForbidden(error.code) ? "staff.errors.forbidden" : isCodeOf(error.code, "report") ? error.code : undefined),
    failure: "report.errors.server",
    what: "intake failed",
  });
  if (!outcome.ok) return outcome.failure;
  redirect({ href: `/staff/intake/done/${outcome.result}`, locale });
  return { status: "idle" };
}
