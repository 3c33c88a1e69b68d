"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { SignInState } from "@/app/[locale]/login/actions";

export function SignInForm({ action, next }: { action: (state: SignInState, formData: FormData) => Promise<SignInState>; next: string }) {
  const t = useTranslations("login");
  const tAll = useTranslations();
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as SignInState);
  const error = state.status === "error" ? state : null;
  return (
    <form action={formAction} className="card" noValidate>
      {error ? (
        <p className="alert alert--error" role="alert" id="login-error">
          {tAll(error.code, { minutes: error.minutes ?? 1 })}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={error?.email ?? ""} dir="ltr" aria-describedby={error ? "login-error" : undefined} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required dir="ltr" />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
