/**
 * Playwright's `test`, with two checks after every journey:
 * - the browser never missed a message. Pages send the browser only the messages their client
 *   components use (CLIENT_MESSAGES); a component that translates a key its page did not send logs
 *   next-intl's MISSING_MESSAGE and shows the key's path instead of a sentence;
 * - no page threw: an uncaught error (`pageerror`, such as React's #418 when the server's HTML and
 *   the browser's first render differ) fails the journey that saw it.
 * Every spec imports `test` and `expect` from here.
 */
import { test as base, expect } from "@playwright/test";

export * from "@playwright/test";

export const test = base.extend({
  page: async ({ page }, use) => {
    const missing: string[] = [];
    const thrown: string[] = [];
    page.on("console", (message) => {
      if (/MISSING_MESSAGE|INSUFFICIENT_PATH|INVALID_KEY/.test(message.text())) missing.push(message.text());
    });
    page.on("pageerror", (error) => thrown.push(`${page.url()}: ${error.message}`));
    await use(page);
    expect(missing, "messages the browser needed and the page did not send").toEqual([]);
    expect(thrown, "errors a page threw").toEqual([]);
  },
});
