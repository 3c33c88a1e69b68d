import ar from "./messages/ar.json";
import en from "./messages/en.json";
import fr from "./messages/fr.json";
import type { Locale } from "./config";

/** All messages, per locale. Keys are namespaced by feature (`report`, `track`, `mail`…). */
export const messages: Record<Locale, Record<string, unknown>> = { fr, ar, en };

/** What public pages' client components translate: only these namespaces are sent to the browser. */
export const PUBLIC_CLIENT_NAMESPACES = ["common", "report", "map", "status", "tracking", "login", "done"] as const;
/** The staff area's client components also need these. */
export const STAFF_CLIENT_NAMESPACES = [...PUBLIC_CLIENT_NAMESPACES, "staff", "admin", "penalties", "delegatePage"] as const;

/** The subset of a locale's messages sent to the browser (the rest stays on the server). */
export function clientMessages(locale: Locale, namespaces: readonly string[]): Record<string, unknown> {
  const all = messages[locale];
  return Object.fromEntries(namespaces.filter((n) => n in all).map((n) => [n, all[n]]));
}
