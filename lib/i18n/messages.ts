import ar from "./messages/ar.json";
import en from "./messages/en.json";
import fr from "./messages/fr.json";
import type { Locale } from "./config";

/** All messages, per locale. Keys are namespaced by feature (`report`, `track`, `mail`…). */
export const messages: Record<Locale, Record<string, unknown>> = { fr, ar, en };

/**
 * What the browser translates, by client feature: a page sends only the sets its client components
 * use (`<ClientMessages>`), the rest stays on the server. Every message sent travels twice in the
 * page (in the HTML's flight data, then parsed by the framework): the home page carried 13 KB of
 * messages it never used. A path is a namespace or a part of one ("tracking.reply").
 */
export const CLIENT_MESSAGES = {
  /** Header, footer, language switcher, error boundary: on every page, from the root layout. */
  chrome: ["common"],
  /** The report form, with the nearby reports it shows (their status). */
  reportForm: ["report", "status"],
  /** The citizen's reply and feedback on the tracking page, with their files. */
  trackingForms: [
    "tracking.reply",
    "tracking.feedback",
    "tracking.letters.acknowledgementAsk",
    "tracking.letters.errors",
    "tracking.errors.rate_limited",
    "report.files",
    "report.errors",
  ],
  publicMap: ["map"],
  /** Sign-in and the account forms (forgotten password, reset, change, second factor). */
  signIn: ["login", "password", "passwordReset", "account"],
  /** The language of a member of staff's mails and exports, on their account page (a staff action's answer). */
  accountLanguage: ["account.done", "account.errors", "staff.errors"],
  /** The staff area's client components (the intake form among them). */
  staff: ["report", "status", "map", "login", "tracking.outcome", "staff", "admin", "penalties", "delegatePage"],
} as const satisfies Record<string, readonly string[]>;

/** The subset of a locale's messages at these paths (the chrome's always included), nested as in the file. */
export function clientMessages(locale: Locale, paths: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  const wanted = [...new Set([...CLIENT_MESSAGES.chrome, ...paths])];
  for (const path of wanted) {
    // A part of a namespace already sent whole is skipped (and the shared messages never written into).
    if (wanted.some((other) => path.startsWith(`${other}.`))) continue;
    const keys = path.split(".");
    let from: unknown = messages[locale];
    for (const key of keys) from = (from as Record<string, unknown> | undefined)?.[key];
    if (from === undefined) throw new Error(`no messages at "${path}"`);
    let into = picked;
    for (const key of keys.slice(0, -1)) into = (into[key] ??= {}) as Record<string, unknown>;
    into[keys.at(-1)!] = from;
  }
  return picked;
}

/** A tree of messages as its dotted paths (`"report.errors.too_long"`) and texts: what tests read message by message. */
export function messagePaths(tree: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[path] = value;
    else Object.assign(out, messagePaths(value as Record<string, unknown>, path));
  }
  return out;
}
