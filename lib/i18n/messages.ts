import ar from "./messages/ar.json";
import en from "./messages/en.json";
import fr from "./messages/fr.json";
import type { Locale } from "./config";

/** All messages, per locale. Keys are namespaced by feature (`report`, `track`, `mail`…). */
export const messages: Record<Locale, Record<string, unknown>> = { fr, ar, en };
