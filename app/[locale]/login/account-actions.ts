"use server";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { enrolmentCodeSchema, passwordResetInputSchema, passwordResetRequestSchema } from "@/lib/domain/account-input";
import { after } from "next/server";
import { clientAddress } from "@/lib/auth/address";
import { currentViewer } from "@/lib/auth/session";
import { homeOf } from "@/lib/auth/home";
import { confirmEnrolment, requestPasswordReset, resetPassword } from "@/lib/dal/account";
import { formDataToObject } from "@/lib/forms/form-data";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import { currentRequest } from "@/lib/request-log";
import { type AccountFormState, accountFailure } from "./account-state";

export type { AccountFormState } from "./account-state";

/** Runs a task once the answer has been sent (Next's `after`), logging its failure; inline outside a request. */
function afterTheAnswer(task: () => Promise<void>) {
  const guarded = () =>
    task().catch(async (error: unknown) => {
      const { log } = await currentRequest().catch(() => ({ log: null }));
      log?.error({ err: error }, "password reset mail failed");
    });
  try {
    after(guarded);
  } catch {
    // Outside a request (a direct call in a test): nothing to answer first.
    void guarded();
  }
}

async function locale(): Promise<Locale> {
  const requested = await getLocale();
  return isLocale(requested) ? requested : "fr";
}

const failure = (error: unknown) => accountFailure(error, "account action failed");

/** Mails a reset link when the email is a member of staff's; the answer is the same when it is not. */
export async function requestPasswordResetAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const raw = formDataToObject(formData, []);
  const email = String(raw.email ?? "").slice(0, 254);
  const parsed = passwordResetRequestSchema.safeParse({ email });
  // The form keeps what was typed itself: nothing typed is sent back.
  if (!parsed.success) return { status: "error", code: "passwordReset.errors.email_invalid", field: "email" };
  try {
    await requestPasswordReset({ email: parsed.data.email, locale: await locale() }, clientAddress(await headers()), new Date(), { later: afterTheAnswer });
  } catch (error) {
    return failure(error);
  }
  return { status: "ok", code: "passwordReset.sent" };
}

/** Sets a new password from a reset link, then opens the sign-in page. */
export async function resetPasswordAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const parsed = passwordResetInputSchema.safeParse(formDataToObject(formData, []));
  if (!parsed.success) return { status: "error", code: "password.errors.missing", field: "password" };
  if (!parsed.data.password) return { status: "error", code: "password.errors.missing", field: "password" };
  try {
    await resetPassword(parsed.data, clientAddress(await headers()));
  } catch (error) {
    return failure(error);
  }
  redirect({ href: "/login?password=set", locale: await locale() });
  return { status: "idle" };
}

/** Confirms the second factor being enrolled with a code from the app; returns the recovery codes to show once. */
export async function confirmEnrolmentAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const parsed = enrolmentCodeSchema.safeParse(formDataToObject(formData, []));
  if (!parsed.success || !parsed.data.code) return { status: "error", code: "account.errors.code_invalid", field: "code" };
  const viewer = await currentViewer();
  let codes: string[];
  try {
    codes = await confirmEnrolment(viewer, parsed.data.code, clientAddress(await headers()));
  } catch (error) {
    return failure(error);
  }
  return { status: "ok", code: "account.recoveryTitle", recoveryCodes: codes, next: viewer ? homeOf(viewer.role) : "/staff" };
}
