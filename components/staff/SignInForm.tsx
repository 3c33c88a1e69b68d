"use client";

import { useState } from "react";
import { useFormAction } from "@/components/ui/useFormAction";
import { useTranslations } from "next-intl";
import type { SignInState } from "@/app/[locale]/login/actions";

/** Email and password. A refused attempt keeps the email typed and empties the password. */
export function SignInForm({ action, next }: { action: (state: SignInState, formData: FormData) => Promise<SignInState>; next: string }) {
  const t = useTranslations("login");
  const tAll = useTranslations();
  const { state, submit, pending } = useFormAction(action, { status: "idle" } as SignInState);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const error = state.status === "error" ? state : null;
  return (
    <form
      className="card"
      noValidate
      onSubmit={(event) => {
        submit(event);
        setPassword("");
      }}
    >
      {error ? (
        <p className="alert alert--error" role="alert" id="login-error">
          {tAll(error.code, { minutes: error.minutes ?? 1 })}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} dir="ltr" aria-describedby={error ? "login-error" : undefined} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} dir="ltr" />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
