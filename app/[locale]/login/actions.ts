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

export type SignInState = { status: "idle" } | { status: "error"; code: string; minutes?: number; email: string };

const schema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  next: z.string().optional(),
});

/** Signs a member of staff in, then opens the page they asked for or their role's home. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "fr";
  const raw = formDataToObject(formData, []);
  const parsed = schema.safeParse({ email: raw.email, password: raw.password, next: raw.next });
  const email = String(raw.email ?? "").slice(0, 254);
  if (!parsed.success) return { status: "error", code: "login.errors.missing", email };
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin && (error.code === "throttled" || error.code === "locked")) {
      const block = await signInBlock(parsed.data.email, clientAddress(await headers()));
      return { status: "error", code: `login.errors.${error.code}`, minutes: Math.max(1, Math.ceil((block?.retryAfterSeconds ?? 60) / 60)), email };
    }
    if (error instanceof AuthError) return { status: "error", code: "login.errors.invalid", email };
    throw error;
  }
  const session = await auth();
  const viewer = session?.user?.id ? await loadViewer(session.user.id) : null;
  redirect({ href: safeNext(parsed.data.next) ?? (viewer ? homeOf(viewer.role) : "/staff"), locale });
  return { status: "idle" };
}

export async function signOutAction(): Promise<void> {
  const requested = await getLocale();
  await signOut({ redirect: false });
  redirect({ href: "/login", locale: isLocale(requested) ? requested : "fr" });
}
