import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { LetterCodeForm } from "@/components/letters/LetterCodeForm";
import { parseLetterCode } from "@/lib/domain/letters";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "letters.page" });
  return { title: t("title") };
}

/** "Check a letter": a plain GET form (no script needed); a code as typed on paper opens its page. */
export default async function LetterLookupPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ code?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "letters.page" });
  const typed = [(await searchParams).code].flat()[0]?.slice(0, 40) ?? "";
  const parsed = typed.trim() === "" ? null : parseLetterCode(typed);
  if (parsed) redirect({ href: `/letters/${parsed}`, locale });
  return (
    <div className="container">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <LetterCodeForm typed={typed} error={typed.trim() !== "" ? t("invalid") : null} />
    </div>
  );
}
