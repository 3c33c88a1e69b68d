/**
 * Playwright's `test`, with one check after every journey: the browser never missed a message.
 * Pages send the browser only the messages their client components use (CLIENT_MESSAGES); a
 * component that translates a key its page did not send logs next-intl's MISSING_MESSAGE and shows
 * the key's path instead of a sentence. Every spec imports `test` and `expect` from here.
 */
import { test as base, expect } from "@playwright/test";

export * from "@playwright/test";

export const test = base.extend({
  page: async ({ page }, use) => {
    const missing: string[] = [];
    page.on("console", (message) => {
      if (/MISSING_MESSAGE|INSUFFICIENT_PATH|INVALID_KEY/.test(message.text())) missing.push(message.text());
    });
    await use(page);
    expect(missing, "messages the browser needed and the page did not send").toEqual([]);
  },
});
