import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { LetterCodeForm } from "@/components/letters/LetterCodeForm";
import { verifyLetter } from "@/lib/dal/letters";
import { parseLetterCode } from "@/lib/domain/letters";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "letters.page" });
  return { title: t("title"), robots: { index: false } };
}

/**
 * What the QR code of a letter opens: whether the city issued it, its date, service and object —
 * never its recipient, its text, nor the tracking number of the request (lib/dal/letters).
 */
export default async function LetterVerificationPage({ params }: { params: Promise<{ locale: Locale; code: string }> }) {
  const { locale, code } = await params;
  setRequestLocale(locale);
  const raw = decodeURIComponent(code).slice(0, 40);
  const parsed = parseLetterCode(raw);
  if (parsed && parsed !== raw) redirect({ href: `/letters/${parsed}`, locale });
  const t = await getTranslations({ locale, namespace: "letters.page" });
  const tKind = await getTranslations({ locale, namespace: "letters.title" });
  const format = await getFormatter();
  const letter = parsed ? await verifyLetter(parsed, locale) : null;
  return (
    <div className="container">
      <h1>{t("title")}</h1>
      {letter ? (
        <section className="card" aria-labelledby="letter-found" data-testid="letter-verified">
          <p className="alert alert--success" id="letter-found" role="status">
            {t("found", { city: letter.cityName })}
          </p>
          <dl className="facts">
            <dt>{t("kind")}</dt>
            <dd>{tKind(letter.kind)}</dd>
            <dt>{t("date")}</dt>
            <dd>{format.dateTime(letter.issuedAt, { dateStyle: "long", timeZone: letter.timeZone })}</dd>
            <dt>{t("service")}</dt>
            <dd>{letter.service}</dd>
            <dt>{t("object")}</dt>
            <dd lang={letter.locale} dir="auto">
              {letter.object}
            </dd>
          </dl>
          <p className="hint">{t("privacy")}</p>
        </section>
      ) : (
        <>
          <p className="alert alert--error" role="alert" data-testid="letter-unknown">
            {parsed ? t("notFound") : t("invalid")}
          </p>
          <LetterCodeForm typed={raw} error={null} />
        </>
      )}
    </div>
  );
}
