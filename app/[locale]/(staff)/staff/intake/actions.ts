"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import type { ReportFormState } from "@/app/[locale]/(public)/report/form-state";
import { mayPerform } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { acknowledgeReport } from "@/lib/dal/notifications";
import { boundsOf, getCity } from "@/lib/dal/reference";
import { submitReport } from "@/lib/dal/reports";
import { fieldErrorsOf, formDataToObject, reportInputSchema } from "@/lib/domain/report-input";
import { isAppError } from "@/lib/errors";
import { currentRequest } from "@/lib/request-log";
import { isLocale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";

const channelSchema = z.enum(["phone", "counter", "letter", "email"], { error: "staff.errors.channel_required" });

/** A request taken by phone, at the counter, by letter or by email, entered on the caller's behalf. */
export async function intakeReportAction(_previous: ReportFormState, formData: FormData): Promise<ReportFormState> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "fr";
  let trackingNumber: string;
  try {
    const viewer = await currentViewer();
    if (!mayPerform(viewer, "report.intake")) return { status: "error", fieldErrors: {}, code: "staff.errors.forbidden" };
    const city = await getCity();
    const raw = formDataToObject(formData, ["categoryIds", "attachmentTokens"]);
    const parsed = reportInputSchema(boundsOf(city)).safeParse(raw);
    const channel = channelSchema.safeParse(raw.channel);
    if (!parsed.success || !channel.success) {
      return {
        status: "error",
        fieldErrors: { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...(channel.success ? {} : { channel: ["staff.errors.channel_required"] }) },
      };
    }
    const submitted = await submitReport(parsed.data, { locale, channel: channel.data, createdByUserId: viewer!.id });
    trackingNumber = submitted.trackingNumber;
    await acknowledgeReport(submitted);
  } catch (error) {
    if (isAppError(error) && error.code.startsWith("report.errors.")) return { status: "error", fieldErrors: {}, code: error.code };
    const { requestId, log } = await currentRequest();
    log.error({ err: error }, "intake failed");
    return { status: "error", fieldErrors: {}, code: "report.errors.server", requestId };
  }
  redirect({ href: `/staff/intake/done/${trackingNumber}`, locale });
  return { status: "idle" };
}
