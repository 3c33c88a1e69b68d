/** WCAG 2.1 A/AA checks (axe-core) on the public pages, in French, Arabic and English. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { ACCOUNTS, signIn, signOut } from "./support/staff";

const PAGES = ["/", "/report", "/track", "/letters", "/letters/ZZZZ-ZZZZ-ZZZZ", "/map", "/results", "/login", "/login/forgot"];

for (const prefix of ["", "/ar", "/en"]) {
  for (const path of PAGES) {
    const url = `${prefix}${path === "/" && prefix ? "" : path}` || "/";
    test(`no WCAG 2.1 A/AA violation on ${url}`, async ({ page }) => {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const summary = results.violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(" | ")}`,
      );
      expect(summary).toEqual([]);
    });
  }
}

test("no WCAG 2.1 A/AA violation on the staff screens", async ({ page }) => {
  const check = async (url: string) => {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(
      results.violations.map(
        (v) =>
          `${url} ${v.id}: ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(" | ")}`,
      ),
    ).toEqual([]);
  };
  await signIn(page, ACCOUNTS.coordinator);
  await check("/staff/triage");
  await check("/staff/desk");
  await check("/staff/stats");
  await check("/staff/account");
  await check("/login/second-factor");
  await page.goto("/staff/triage");
  await signOut(page);
  await signIn(page, ACCOUNTS.mayorOffice);
  await check("/staff/penalties");
});
