import { getLocale, getTranslations } from "next-intl/server";
import { getPathname } from "@/lib/i18n/navigation";

/** The verification code's field: a GET form to /letters, the typed code kept when it is refused. */
export async function LetterCodeForm({ typed, error }: { typed: string; error: string | null }) {
  const t = await getTranslations("letters.page");
  const action = getPathname({ href: "/letters", locale: await getLocale() });
  return (
    <form method="get" action={action} className="card" noValidate>
      <div className="field">
        <label htmlFor="letter-code">{t("codeLabel")}</label>
        <p className="hint" id="letter-code-hint">
          {t("codeHint")}
        </p>
        <input
          id="letter-code"
          name="code"
          defaultValue={typed}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          dir="ltr"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "letter-code-hint letter-code-error" : "letter-code-hint"}
        />
        {error ? (
          <p className="field-error" id="letter-code-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button">
        {t("submit")}
      </button>
    </form>
  );
}
