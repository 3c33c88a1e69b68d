// Leaflet's styles with the page's own (laid out before its first paint), not with the map's
// script, whose arrival would then restyle the whole page in the same task as the map's creation.
import "leaflet/dist/leaflet.css";
import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PublicMapSection } from "@/components/map/PublicMapSection";
import { ClientMessages } from "@/components/ui/ClientMessages";
import { boundsOf, getCategoryNames, getCity } from "@/lib/dal/reference";
import { PUBLIC_MAP_STATUSES } from "@/lib/dal/public-map";
import { env } from "@/lib/env";
import { isInsideBounds, parsePoint } from "@/lib/domain/geo";
import type { Locale } from "@/lib/i18n/config";
import { CLIENT_MESSAGES } from "@/lib/i18n/messages";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "mapPage" });
  return { title: t("title") };
}

/** The public map: reports without personal data; private categories and hidden reports excluded. */
export default async function PublicMapPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ lat?: string; lng?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const [city, categoryNames] = await Promise.all([getCity(), getCategoryNames(locale)]);
  // `?lat=&lng=` (a tracking page's link to the case it joined): the map opens close in on that point, inside the city.
  const search = await searchParams;
  const focus = parsePoint(search.lat, search.lng);
  const bounds = boundsOf(city);
  const at = focus && isInsideBounds(focus, bounds) ? focus : null;
  const t = await getTranslations({ locale, namespace: "mapPage" });
  const tStatus = await getTranslations({ locale, namespace: "status" });
  const { tileUrl, tileAttribution } = env();
  return (
    <div className="container">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ClientMessages sets={[CLIENT_MESSAGES.publicMap]}>
        <PublicMapSection
          center={at ?? { lat: city.centerLat, lng: city.centerLng }}
          zoom={at ? 18 : city.defaultZoom}
          bounds={bounds}
          tiles={{ url: tileUrl, attribution: tileAttribution }}
          statusLabels={Object.fromEntries(PUBLIC_MAP_STATUSES.map((s) => [s, tStatus(s)]))}
          categoryNames={categoryNames}
        />
      </ClientMessages>
    </div>
  );
}
