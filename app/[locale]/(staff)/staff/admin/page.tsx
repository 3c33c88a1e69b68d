import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview } from "@/lib/dal/admin";
import { listUndeliveredMails } from "@/lib/dal/mails";
import { listApiKeys } from "@/lib/dal/open311";
import { env } from "@/lib/env";
import { localized, type Locale } from "@/lib/i18n/config";
import { Link } from "@/lib/i18n/navigation";
import { adminViewer } from "./admin-page";
import { ADMIN_SECTIONS, type AdminSection } from "./sections";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "admin" });
  return { title: t("title"), robots: { index: false } };
}

/** The city's configuration at a glance: each section (one page each) with what it holds now. */
export default async function AdminPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const [data, keys, undelivered] = await Promise.all([getAdminOverview(viewer), listApiKeys(viewer), listUndeliveredMails(viewer, { limit: 1 })]);
  const c = data.city;
  const summaries: Record<AdminSection, string> = {
    city: t("overview.city", { name: localized(c.name, locale), prefix: c.trackingPrefix, zone: c.timeZone }),
    categories: t("overview.categories", { count: data.categories.length, active: data.categories.filter((x) => x.active).length }),
    services: t("overview.services", { count: data.services.length, delegated: data.services.filter((s) => s.delegateId).length }),
    delegates: t("overview.delegates", { count: data.delegates.length }),
    holidays: t("overview.holidays", { count: data.holidays.length }),
    users: t("overview.users", { count: data.users.length, active: data.users.filter((u) => u.active).length }),
    templates: t("overview.templates", { count: data.templates.length }),
    apiKeys: t("overview.apiKeys", { active: keys.filter((k) => !k.revokedAt).length }),
    privacy: t("overview.privacy", { months: env().retentionMonths }),
    mails: t("overview.mails", { dead: undelivered.counts.dead ?? 0, retrying: undelivered.counts.retrying ?? 0 }),
  };
  return (
    <div className="container container--wide admin">
      <h1>{t("title")}</h1>
      <p>{t("overview.intro")}</p>
      <ul className="admin-overview">
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.slug} className="card">
            <h2>
              <Link href={`/staff/admin/${s.slug}`}>{t(`${s.key}.title`)}</Link>
            </h2>
            <p className="hint">{summaries[s.key]}</p>
          </li>
        ))}
        <li className="card">
          <h2>
            <Link href="/staff/admin/audit">{t("auditLink")}</Link>
          </h2>
          <p className="hint">{t("overview.audit")}</p>
        </li>
      </ul>
    </div>
  );
}
