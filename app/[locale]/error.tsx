"use client";

/**
 * A page that failed on the server: a plain sentence in the reader's language, a way to try again,
 * and the reference (Next's error digest, written in the server's log with the error) — never a stack.
 */
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <div className="container">
      <h1>{t("error.title")}</h1>
      <p>{t("error.text")}</p>
      {error.digest ? <p className="hint">{t("reference", { id: error.digest })}</p> : null}
      <p>
        <button type="button" className="button" onClick={reset}>
          {t("error.retry")}
        </button>{" "}
        <Link href="/">{t("error.home")}</Link>
      </p>
    </div>
  );
}
