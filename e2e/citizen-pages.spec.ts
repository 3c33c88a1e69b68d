/**
 * A citizen's pages on a phone (390 px), in French and Arabic, without rough edges: a short header,
 * a tracking number on one line, figures that never break, a favicon, a print style.
 */
import { expect, test, type Locator } from "./support/test";
import { fileReportForTracking } from "./support/report-page";

test.use({ viewport: { width: 390, height: 844 } });

/** Whether an element's text sits on one line: all its line boxes share one top. */
async function oneLine(locator: Locator) {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size <= 1;
  });
}

for (const locale of ["fr", "ar"] as const) {
  const prefix = locale === "fr" ? "" : `/${locale}`;

  test(`${locale}: the header takes two short rows on a phone`, async ({ page }) => {
    await page.goto(`${prefix}/`);
    const header = (await page.locator(".site-header").boundingBox())!;
    expect(header.height, "the header's height at 390 px").toBeLessThanOrEqual(130);
    // Every link still reachable.
    for (const link of await page.locator(".main-nav a").all()) await expect(link).toBeAttached();
  });

  test(`${locale}: a tracking number is on one line`, async ({ page, request }) => {
    const number = await fileReportForTracking(request);
    await page.goto(`${prefix}/track/${number}`);
    const shown = page.locator("h1 .tracking-number");
    await expect(shown).toHaveText(number);
    expect(await oneLine(shown)).toBe(true);
  });

  test(`${locale}: no figure of the results breaks across lines`, async ({ page }) => {
    await page.goto(`${prefix}/results`);
    const cells = page.locator('[data-testid="results-summary"] td.num');
    expect(await cells.count()).toBeGreaterThan(0);
    for (const cell of await cells.all()) expect(await oneLine(cell), (await cell.textContent()) ?? "").toBe(true);
    // Header words are whole.
    for (const th of await page.locator('[data-testid="results-summary"] thead th').all()) {
      const words = ((await th.textContent()) ?? "").trim().split(/\s+/).length;
      const lines = await th.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      });
      expect(lines, (await th.textContent()) ?? "").toBeLessThanOrEqual(words);
    }
  });
}

test("a rating from too few reviews is not published as the service's rating", async ({ page }) => {
  await page.goto("/results");
  const table = page.getByTestId("results-summary");
  // Each rating cell says how many reviews it stands on.
  for (const row of await table.locator("tbody tr").all()) await expect(row.locator("td").nth(3)).toContainText(/avis/);
});

test("the favicon is served", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("icon");
});

test("a tracking page prints without its navigation and forms", async ({ page, request }) => {
  const number = await fileReportForTracking(request);
  await page.goto(`/track/${number}`);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".main-nav")).toBeHidden();
  await expect(page.locator(".lang-switcher")).toBeHidden();
  await expect(page.locator("h1 .tracking-number")).toBeVisible();
});
