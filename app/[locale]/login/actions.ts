"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { signInInputSchema } from "@/lib/domain/account-input";
import { clientAddress } from "@/lib/auth/address";
import { signIn, signOut } from "@/lib/auth/config";
import { homeOf, safeNext } from "@/lib/auth/home";
import { loadViewer, signInBlock } from "@/lib/dal/staff-auth";
import { auth } from "@/lib/auth/config";
import { formDataToObject } from "@/lib/forms/form-data";
import { isLocale } from "@/lib/i18n/config";
import type { ErrorName, MessageKey } from "@/lib/i18n/keys";
import { redirect } from "@/lib/i18n/navigation";

/**
 * `second_factor`: the password was right and the account has a second factor: the form asks for
 * the code (or a recovery code) and sends the email and password again with it.
 */
export type SignInState =
  | { status: "idle" }
  | { status: "second_factor"; email: string; code?: MessageKey }
  | { status: "error"; code: MessageKey; minutes?: number; email: string };

/** The sign-in's refusals (Auth.js `CredentialsSignin` codes), each with its message `login.errors.<code>`. */
const REFUSALS = ["invalid", "throttled", "locked", "demo_password", "second_factor_invalid"] as const satisfies readonly ErrorName<"login">[];
const isRefusal = (code: string): code is (typeof REFUSALS)[number] => (REFUSALS as readonly string[]).includes(code);

/** Signs a member of staff in, then opens the page they asked for, their role's home, or the enrolment of a second factor. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "fr";
  const raw = formDataToObject(formData, []);
  const parsed = signInInputSchema.safeParse({ email: raw.email, password: raw.password, code: raw.code || undefined, next: raw.next });
  const email = String(raw.email ?? "").slice(0, 254);
  if (!parsed.success) return { status: "error", code: "login.errors.missing", email };
  const askedForCode = raw.step === "second_factor";
  if (askedForCode && !parsed.data.code) return { status: "second_factor", email, code: "login.errors.code_missing" };
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, code: parsed.data.code ?? "", redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "second_factor_required") return { status: "second_factor", email };
    if (error instanceof CredentialsSignin && error.code === "second_factor_invalid")
      return { status: "second_factor", email, code: "login.errors.second_factor_invalid" };
    if (error instanceof CredentialsSignin && (error.code === "throttled" || error.code === "locked")) {
      const block = await signInBlock(parsed.data.email, clientAddress(await headers()));
      return { status: "error", code: `login.errors.${error.code}`, minutes: Math.max(1, Math.ceil((block?.retryAfterSeconds ?? 60) / 60)), email };
    }
    if (error instanceof CredentialsSignin && isRefusal(error.code)) return { status: "error", code: `login.errors.${error.code}`, email };
    if (error instanceof AuthError) return { status: "error", code: "login.errors.invalid", email };
    throw error;
  }
  const session = await auth();
  const viewer = session?.user?.id ? await loadViewer(session.user.id) : null;
  if (viewer?.mustEnrolSecondFactor) redirect({ href: "/login/second-factor", locale });
  redirect({ href: safeNext(parsed.data.next) ?? (viewer ? homeOf(viewer.role) : "/staff"), locale });
  return { status: "idle" };
}

export async function signOutAction(): Promise<void> {
  const requested = await getLocale();
  await signOut({ redirect: false });
  redirect({ href: "/login", locale: isLocale(requested) ? requested : "fr" });
}
