"use client";

import { useRef, useState } from "react";
import { useFormAction } from "@/components/ui/useFormAction";
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import type { SignInState } from "@/app/[locale]/login/actions";

/**
 * Email and password, then — for an account with a second factor — the authenticator's code (or a
 * recovery code). A refused attempt keeps the email typed and empties the password; the second
 * step sends the password typed in the first again, never showing it.
 */
export function SignInForm({ action, next }: { action: (state: SignInState, formData: FormData) => Promise<SignInState>; next: string }) {
  const t = useTranslations("login");
  const tAll = useTranslations();
  const { state, submit, pending, formAction } = useFormAction(action, { status: "idle" } as SignInState);
  // Without scripts the page comes back from the server with the refusal and the email typed.
  const [email, setEmail] = useState(state.status === "idle" ? "" : state.email);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const sentPassword = useRef("");
  const error = state.status === "error" ? state : null;
  const secondStep = state.status === "second_factor" ? state : null;
  const message = error ? tAll(error.code, { minutes: error.minutes ?? 1 }) : secondStep?.code ? tAll(secondStep.code) : null;
  return (
    <form
      className="card"
      noValidate
      action={formAction}
      onSubmit={(event) => {
        if (!secondStep) sentPassword.current = password;
        submit(event);
        setPassword("");
        setCode("");
      }}
    >
      {message ? (
        <p className="alert alert--error" role="alert" id="login-error">
          {message}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      {secondStep ? (
        <>
          <input type="hidden" name="step" value="second_factor" />
          <input type="hidden" name="email" value={secondStep.email} />
          {sentPassword.current ? (
            <input type="hidden" name="password" value={sentPassword.current} />
          ) : (
            // Without scripts the first step's password is not kept in the browser (nor sent back by
            // the server): it is typed again with the code.
            <div className="field">
              <label htmlFor="password">{t("password")}</label>
              <input id="password" name="password" type="password" autoComplete="current-password" required dir="ltr" />
            </div>
          )}
          <p id="code-hint">{t("codeHint")}</p>
          <div className="field">
            <label htmlFor="code">{t("code")}</label>
            <input
              id="code"
              name="code"
              type="text"
              inputMode="text"
              autoComplete="one-time-code"
              required
              // biome-ignore lint/a11y/noAutofocus: the code step replaces the password step: its one field takes the focus the submit had
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value)}
              dir="ltr"
              aria-describedby={message ? "login-error code-hint" : "code-hint"}
            />
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor="email">{t("email")}</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              dir="ltr"
              aria-describedby={error ? "login-error" : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="password">{t("password")}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              dir="ltr"
            />
          </div>
        </>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("submitting") : secondStep ? t("verify") : t("submit")}
      </button>
      {secondStep ? null : (
        <p>
          <Link href="/login/forgot" prefetch={false}>
            {t("forgotLink")}
          </Link>
        </p>
      )}
    </form>
  );
}
