import type { MetadataRoute } from "next";
import { getTranslations } from "next-intl/server";
import { getCity } from "@/lib/dal/reference";
import { localized } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

/** Makes the site installable on a phone; the name carries the city's. */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const t = await getTranslations({ locale: "fr", namespace: "common" });
  const city = await getCity().catch(() => null);
  return {
    name: city ? `${t("appName")} · ${localized(city.name, "fr")}` : t("appName"),
    short_name: t("appName"),
    description: t("tagline"),
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0b4f6c",
    lang: "fr",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [
      { name: t("nav.report"), url: "/report" },
      { name: t("nav.track"), url: "/track" },
    ],
  };
}
