"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/address";
import { signIn, signOut } from "@/lib/auth/config";
import { homeOf, safeNext } from "@/lib/auth/home";
import { loadViewer, signInBlock } from "@/lib/dal/staff-auth";
import { auth } from "@/lib/auth/config";
import { formDataToObject } from "@/lib/domain/report-input";
import { isLocale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";

/**
 * `second_factor`: the password was right and the account has a second factor: the form asks for
 * the code (or a recovery code) and sends the email and password again with it.
 */
export type SignInState =
  | { status: "idle" }
  | { status: "second_factor"; email: string; code?: string }
  | { status: "error"; code: string; minutes?: number; email: string };

const schema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  code: z.string().trim().max(40).optional(),
  next: z.string().optional(),
});

const REFUSALS = new Set(["invalid", "throttled", "locked", "demo_password", "second_factor_invalid"]);

/** Signs a member of staff in, then opens the page they asked for, their role's home, or the enrolment of a second factor. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "fr";
  const raw = formDataToObject(formData, []);
  const parsed = schema.safeParse({ email: raw.email, password: raw.password, code: raw.code || undefined, next: raw.next });
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
    if (error instanceof CredentialsSignin && REFUSALS.has(error.code)) return { status: "error", code: `login.errors.${error.code}`, email };
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
