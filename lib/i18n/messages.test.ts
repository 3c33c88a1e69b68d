import { describe, expect, it } from "vitest";
import { locales } from "./config";
import { CLIENT_MESSAGES, clientMessages, messagePaths, messages } from "./messages";

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

describe("messages", () => {
  const flat = Object.fromEntries(locales.map((l) => [l, messagePaths(messages[l])]));

  it("has the same keys in French, Arabic and English", () => {
    const keys = Object.keys(flat.fr).sort();
    for (const locale of locales) expect(Object.keys(flat[locale]).sort(), locale).toEqual(keys);
  });

  it("uses the same placeholders in every language and leaves no text empty", () => {
    for (const [key, text] of Object.entries(flat.fr)) {
      for (const locale of locales) {
        expect(flat[locale][key].trim(), `${locale}:${key}`).not.toBe("");
        expect(placeholders(flat[locale][key]), `${locale}:${key}`).toEqual(placeholders(text));
      }
    }
  });

  // Every code the server can send is translated: that is the compiler's check, not a scan of
  // files. AppError's codes (lib/errors.ts), the schemas' codes (lib/domain/*-input.ts) and every
  // t() key are typed by the French messages (lib/i18n/keys.ts, next-intl's AppConfig in
  // lib/i18n/next-intl.d.ts); the test above keeps the other two languages' keys the same.

  it("sends the browser only the sets asked for, parts of namespaces nested as in the file", () => {
    const picked = clientMessages("fr", CLIENT_MESSAGES.trackingForms);
    expect(Object.keys(picked).sort()).toEqual(["common", "report", "tracking"]);
    expect(Object.keys(picked.tracking as object).sort()).toEqual(["errors", "feedback", "letters", "reply"]);
    expect(Object.keys((picked.tracking as { letters: object }).letters).sort()).toEqual(["acknowledgementAsk", "errors"]);
    expect(Object.keys((picked.tracking as { errors: object }).errors)).toEqual(["rate_limited"]);
    expect((picked.tracking as Record<string, unknown>).reply).toEqual((messages.fr.tracking as Record<string, unknown>).reply);
    expect(Object.keys(picked.report as object).sort()).toEqual(["errors", "files"]);
    // The chrome's messages come with every set; the home page needs nothing else.
    expect(Object.keys(clientMessages("ar", []))).toEqual(["common"]);
    // Sets that overlap (a namespace and a part of it) send the namespace once, unchanged.
    const before = JSON.stringify(messages.fr);
    expect(clientMessages("fr", ["report.files", ...CLIENT_MESSAGES.reportForm, ...CLIENT_MESSAGES.trackingForms]).report).toEqual(messages.fr.report);
    expect(JSON.stringify(messages.fr)).toBe(before);
    expect(JSON.stringify(clientMessages("fr", [])).length).toBeLessThan(JSON.stringify(clientMessages("fr", CLIENT_MESSAGES.reportForm)).length / 5);
  });

  it("names only paths that exist, in every language", () => {
    for (const locale of locales)
      for (const set of Object.values(CLIENT_MESSAGES)) expect(() => clientMessages(locale, set), `${locale}: ${set.join(", ")}`).not.toThrow();
    expect(() => clientMessages("fr", ["tracking.nope"])).toThrow(/tracking\.nope/);
  });
});
