"use server";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { passwordChangeInputSchema } from "@/lib/domain/account-input";
import { clientAddress } from "@/lib/auth/address";
import { signOut } from "@/lib/auth/config";
import { currentViewer } from "@/lib/auth/session";
import { changePassword } from "@/lib/dal/account";
import { formDataToObject } from "@/lib/forms/form-data";
import { isLocale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import { type AccountFormState, accountFailure } from "@/app/[locale]/login/account-state";

/** Changes the signed-in member of staff's password, then signs them out to sign in with it. */
export async function changePasswordAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const parsed = passwordChangeInputSchema.safeParse(formDataToObject(formData, []));
  if (!parsed.success || !parsed.data.current) return { status: "error", code: "password.errors.missing", field: "current" };
  if (!parsed.data.password) return { status: "error", code: "password.errors.missing", field: "password" };
  try {
    await changePassword(await currentViewer(), parsed.data, clientAddress(await headers()));
  } catch (error) {
    return accountFailure(error, "password change failed");
  }
  const requested = await getLocale();
  await signOut({ redirect: false });
  redirect({ href: "/login?password=set", locale: isLocale(requested) ? requested : "fr" });
  return { status: "idle" };
}
