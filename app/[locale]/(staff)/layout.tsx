import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { CLIENT_MESSAGES, clientMessages } from "@/lib/i18n/messages";
import { signOutAction } from "@/app/[locale]/login/actions";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/config";
import { Link, redirect } from "@/lib/i18n/navigation";

/** The staff area: signed-in members of staff only (each page and data function checks again). */
export default async function StaffLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const locale = (await params).locale as Locale;
  const viewer = await currentViewer();
  if (!viewer) redirect({ href: "/login", locale });
  // A role that requires a second factor reaches nothing before enrolling one (the data layer refuses too).
  if (viewer!.mustEnrolSecondFactor) redirect({ href: "/login/second-factor", locale });
  const t = await getTranslations({ locale, namespace: "staff" });
  return (
    <div className="staff">
      <nav className="staff-nav container" aria-label={t("nav.label")}>
        <ul>
          {can(viewer, "triage") ? (
            <li>
              <Link href="/staff/triage">{t("nav.triage")}</Link>
            </li>
          ) : null}
          {can(viewer, "desk") ? (
            <li>
              <Link href="/staff/desk">{t("nav.desk")}</Link>
            </li>
          ) : null}
          {can(viewer, "intake") ? (
            <li>
              <Link href="/staff/intake">{t("nav.intake")}</Link>
            </li>
          ) : null}
          {can(viewer, "stats") ? (
            <li>
              <Link href="/staff/stats">{t("nav.stats")}</Link>
            </li>
          ) : null}
          {can(viewer, "penalties") ? (
            <li>
              <Link href="/staff/penalties">{t("nav.penalties")}</Link>
            </li>
          ) : null}
          {viewer!.role === "delegate" ? (
            <li>
              <Link href="/delegate">{t("nav.delegate")}</Link>
            </li>
          ) : null}
          {can(viewer, "admin") ? (
            <li>
              <Link href="/staff/admin">{t("nav.admin")}</Link>
            </li>
          ) : null}
        </ul>
        <p className="staff-nav__who">
          <Link href="/staff/account" prefetch={false}>
            {t("nav.account")}
          </Link>{" "}
          {t("signedInAs", { name: `${viewer!.firstName ?? ""} ${viewer!.lastName ?? ""}`.trim() || viewer!.email, role: t(`roles.${viewer!.role}`) })}
        </p>
        <form action={signOutAction}>
          <button type="submit" className="button button--secondary">
            {t("nav.signOut")}
          </button>
        </form>
      </nav>
      <NextIntlClientProvider messages={clientMessages(locale, CLIENT_MESSAGES.staff)}>{children}</NextIntlClientProvider>
    </div>
  );
}
