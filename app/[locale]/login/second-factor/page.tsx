import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { EnrolmentForm } from "@/components/staff/AccountForms";
import { ClientMessages } from "@/components/ui/ClientMessages";
import { homeOf } from "@/lib/auth/home";
import { currentViewer } from "@/lib/auth/session";
import { beginEnrolment, getAccount } from "@/lib/dal/account";
import type { Locale } from "@/lib/i18n/config";
import { CLIENT_MESSAGES } from "@/lib/i18n/messages";
import { redirect } from "@/lib/i18n/navigation";
import { confirmEnrolmentAction } from "../account-actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "account" });
  return { title: t("enrolTitle"), robots: { index: false } };
}

/**
 * Enrolment of a TOTP second factor: outside the staff area, so that an account whose role requires
 * one (admin, mayor's office) comes here straight from sign-in and can reach nothing else.
 */
export default async function SecondFactorPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (!viewer) redirect({ href: "/login", locale });
  const account = await getAccount(viewer);
  if (account.secondFactorSince) redirect({ href: homeOf(viewer!.role), locale });
  const enrolment = await beginEnrolment(viewer);
  const t = await getTranslations({ locale, namespace: "account" });
  const qr = `data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString("base64")}`;
  return (
    <div className="container narrow">
      <h1>{t("enrolTitle")}</h1>
      {account.mustEnrol ? (
        <p className="alert alert--warning" role="status">
          {t("required")}
        </p>
      ) : null}
      <p>{t("enrolScan")}</p>
      <img src={qr} alt={t("qrAlt")} width={200} height={200} />
      <p>
        {t("enrolKey")} :{" "}
        <code dir="ltr" data-testid="totp-secret">
          {enrolment.secret.replace(/(.{4})/g, "$1 ").trim()}
        </code>
      </p>
      <ClientMessages sets={[CLIENT_MESSAGES.signIn]}>
        <EnrolmentForm action={confirmEnrolmentAction} />
      </ClientMessages>
    </div>
  );
}
