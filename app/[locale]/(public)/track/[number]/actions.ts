"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { isLocale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import { provideInformation } from "@/lib/dal/report-workflow";
import { getCity } from "@/lib/dal/reference";
import { infoReplySchema } from "@/lib/domain/staff-input";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import { isAppError } from "@/lib/errors";

export type InfoReplyState = { status: "idle" | "ok" | "error"; code?: string };

/** The citizen answers the service's question from the tracking page; the response clock restarts. */
export async function provideInformationAction(_: InfoReplyState, formData: FormData): Promise<InfoReplyState> {
  const parsed = infoReplySchema.safeParse({ trackingNumber: formData.get("trackingNumber"), reply: formData.get("reply") });
  if (!parsed.success) return { status: "error", code: parsed.error.issues[0].message };
  const number = parseTrackingNumber(parsed.data.trackingNumber, (await getCity()).trackingPrefix);
  if (!number.ok) return { status: "error", code: "tracking.reply.errors.not_found" };
  const tokens = formData.getAll("attachmentTokens").filter((v): v is string => typeof v === "string" && /^[A-Za-z0-9_-]{16,100}$/.test(v)).slice(0, 5);
  try {
    await provideInformation({ trackingNumber: number.trackingNumber, reply: parsed.data.reply, attachmentTokens: tokens });
  } catch (error) {
    if (isAppError(error)) return { status: "error", code: error.code.startsWith("report.errors.") || error.code.startsWith("tracking.") ? error.code : "tracking.reply.errors.server" };
    console.error("[track] reply failed", error);
    return { status: "error", code: "tracking.reply.errors.server" };
  }
  revalidatePath(`/[locale]/track/${number.trackingNumber}`, "page");
  const locale = await getLocale();
  // The reply form disappears once the report is no longer waiting: say thanks on the page itself.
  redirect({ href: `/track/${number.trackingNumber}?replied=1`, locale: isLocale(locale) ? locale : "fr" });
  return { status: "ok", code: "tracking.reply.sent" };
}
