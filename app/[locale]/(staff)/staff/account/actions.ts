"use server";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/address";
import { signOut } from "@/lib/auth/config";
import { currentViewer } from "@/lib/auth/session";
import { changePassword } from "@/lib/dal/account";
import { formDataToObject } from "@/lib/domain/report-input";
import { isAppError } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import { currentRequest } from "@/lib/request-log";
import type { AccountFormState } from "@/app/[locale]/login/account-actions";

const schema = z.object({ current: z.string().max(400).default(""), password: z.string().max(400).default(""), confirm: z.string().max(400).default("") });

/** Changes the signed-in member of staff's password, then signs them out to sign in with it. */
export async function changePasswordAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const parsed = schema.safeParse(formDataToObject(formData, []));
  if (!parsed.success || !parsed.data.current) return { status: "error", code: "password.errors.missing", field: "current" };
  if (!parsed.data.password) return { status: "error", code: "password.errors.missing", field: "password" };
  try {
    await changePassword(await currentViewer(), parsed.data, clientAddress(await headers()));
  } catch (error) {
    if (isAppError(error)) {
      if (error.code.startsWith("forbidden")) return { status: "error", code: "staff.errors.forbidden" };
      return { status: "error", code: error.code, ...(typeof error.details?.field === "string" ? { field: error.details.field } : {}) };
    }
    const { requestId, log } = await currentRequest();
    log.error({ err: error }, "password change failed");
    return { status: "error", code: "staff.errors.server", requestId };
  }
  const requested = await getLocale();
  await signOut({ redirect: false });
  redirect({ href: "/login?password=set", locale: isLocale(requested) ? requested : "fr" });
  return { status: "idle" };
}
