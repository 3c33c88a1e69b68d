/** The mayor's office reads statistics (headline figures, monthly trend, chart, table, CSV); the public reads each service's results. */
import { mkdirSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { ACCOUNTS, signIn } from "./support/staff";

/** A figure as shown (narrow spaces or dots between thousands, in French or Arabic) as a number. */
const figure = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

/** The first cell (received) of each body row, and of the total. */
async function receivedOf(table: Locator) {
  const rows = table.locator("tbody tr");
  const values: number[] = [];
  for (let i = 0; i < (await rows.count()); i++) values.push(figure(await rows.nth(i).getByRole("cell").first().textContent()));
  return { rows: values.slice(0, -1), total: values.at(-1)! };
}

/**
 * Every numeric cell's content is one line high: its height (a Range over it — the cell's own box is
 * as tall as its row, whose name may wrap) against the cell's line height, and all its pieces on one line.
 */
async function numericCellsOnOneLine(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".stats-table td.num, .stats-table thead th")]
      .filter((cell) => cell.tagName === "TD" || !/\s/.test(cell.textContent!.trim()))
      .map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const lineHeight = Number.parseFloat(getComputedStyle(cell).lineHeight);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top / 4)));
        return { text: cell.textContent, height: range.getBoundingClientRect().height, lineHeight, lines: tops.size };
      })
      .filter((c) => c.height >= 1.5 * c.lineHeight || c.lines > 1),
  );
}

test("the mayor's office reads headline figures, the monthly trend and statistics per service, and exports them", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ACCOUNTS.mayorOffice);
  await page.getByRole("link", { name: "Statistiques" }).click();
  await page.getByLabel("Du", { exact: true }).fill("2026-01-01");
  await page.getByRole("button", { name: "Afficher" }).click();

  // Headline figures, each with its change against the previous period of the same length.
  const headline = page.getByTestId("stats-headline");
  await expect(headline.getByRole("heading", { name: "En un coup d'œil" })).toBeVisible();
  for (const name of ["Réclamations reçues", "Répondues dans le délai", "En retard aujourd'hui", "Délai médian de réponse", /^Pénalités de /]) {
    await expect(headline.getByRole("term").filter({ hasText: name })).toBeVisible();
  }
  await expect(page.getByTestId("kpi-received")).toContainText(/par rapport à la période précédente|pas de comparaison/);
  await expect(page.getByTestId("kpi-penalties")).toContainText(/confirmée|aucune confirmée/);
  await expect(page.getByTestId("kpi-penalties")).toContainText(/par rapport à/);

  // The monthly trend: a chart and the same figures as a table, one row a month.
  const trend = page.getByTestId("trend-table");
  await expect(trend.getByRole("columnheader", { name: "Mois" })).toBeVisible();
  await expect(trend.locator("tbody tr")).toHaveCount(12);
  const trendReceived = await trend
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => Number(r.querySelector("td")!.textContent!.replace(/[^\d]/g, ""))));
  expect(trendReceived.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

  const table = page.getByTestId("stats-table");
  await expect(table.getByRole("rowheader", { name: "Propreté et collecte des déchets" })).toBeVisible();
  const { total: received } = await receivedOf(table);
  expect(received).toBeGreaterThan(200);
  expect(figure(await page.getByTestId("kpi-received").getByRole("definition").first().textContent())).toBe(received);
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  // Confirmed and proposed penalties are separate figures, never "2 (1000 MAD) dont 3 proposées".
  await expect(table.locator(".stats-total .stats-penalties")).toContainText(/confirmées? \(.*MAD\) · \d+ proposées?/);

  // The CSV for a French reader: BOM, `;`, French headers; the total as on the page.
  const csv = await (await page.context().request.get("/api/staff/stats/export?from=2026-01-01&dim=service")).text();
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const lines = csv.slice(1).trim().split("\r\n");
  expect(lines[0]).toMatch(/^Service;Reçus;Orientés;Orientés dans le délai;Répondus;/);
  expect(lines[0]).not.toMatch(/_|,/);
  expect(Number(lines.at(-1)!.split(";")[1])).toBe(received);
  // For programs: codes and commas.
  const machine = await (await page.context().request.get("/api/staff/stats/export?from=2026-01-01&dim=service&format=machine")).text();
  expect(machine.split("\r\n")[0]).toMatch(/^service,name,received,/);

  // Per delegate, the rows add up to the total: the city's own services are a row, explained.
  await page.getByLabel("Par", { exact: true }).selectOption({ label: "délégataire" });
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(table.getByRole("rowheader", { name: /Tétouan Propreté SA/ })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Sans délégataire (services gérés par la commune)" })).toBeVisible();
  await expect(table.locator("caption")).toContainText("si bien que les lignes font le total");
  const delegates = await receivedOf(table);
  expect(delegates.total).toBe(received);
  expect(delegates.rows.reduce((a, b) => a + b, 0)).toBe(delegates.total);

  // One sign-in for the whole journey (the office's second factor takes each code once).
  await test.step("a wrong period is named, not shown as zeros", () => wrongPeriods(page));
  await test.step("at 390 px in French and Arabic, figures never break", () => narrowScreens(page));
  await test.step("screenshots at 1440 px", () => screenshots(page));
});

/** A reversed or impossible period is named in French and Arabic, what was typed kept, no zeros shown. */
async function wrongPeriods(page: Page) {
  await page.goto("/staff/stats");
  await page.getByLabel("Du", { exact: true }).fill("2026-06-01");
  await page.getByLabel("Au", { exact: true }).fill("2026-01-01");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "La date de fin précède la date de début" })).toBeVisible();
  await expect(page.getByLabel("Du", { exact: true })).toHaveValue("2026-06-01");
  await expect(page.getByLabel("Au", { exact: true })).toHaveValue("2026-01-01");
  await expect(page.getByTestId("stats-table")).toHaveCount(0);
  await expect(page.getByTestId("stats-headline")).toHaveCount(0);

  await page.goto("/staff/stats?from=2026-02-30&to=2026-03-31");
  await expect(page.getByRole("alert").filter({ hasText: "Cette date n'existe pas" })).toBeVisible();

  await page.goto("/ar/staff/stats?from=2026-06-01&to=2026-01-01");
  await expect(page.getByRole("alert").filter({ hasText: "تاريخ النهاية يسبق تاريخ البداية" })).toBeVisible();
  await expect(page.locator("#s-from")).toHaveValue("2026-06-01");
  expect((await page.context().request.get("/api/staff/stats/export?from=2026-06-01&to=2026-01-01")).status()).toBe(400);
}

/** At 390 px in French and Arabic, no figure and no header word breaks: the tables scroll sideways instead. */
async function narrowScreens(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const locale of ["fr", "ar"] as const) {
    for (const dim of ["service", "delegate"]) {
      await page.goto(`${locale === "ar" ? "/ar" : ""}/staff/stats?from=2026-01-01&dim=${dim}`);
      await expect(page.getByTestId("stats-table")).toBeVisible();
      await expect(page.getByTestId("trend-table")).toBeVisible();
      expect(await page.locator(".stats-table td.num").count()).toBeGreaterThan(50);
      expect(await numericCellsOnOneLine(page), `${locale} ${dim}`).toEqual([]);
      // The wide table scrolls in its own container.
      const scroll = await page
        .getByTestId("stats-table")
        .locator("xpath=..")
        .evaluate((el) => ({ overflow: getComputedStyle(el).overflowX, wider: el.scrollWidth > el.clientWidth }));
      expect(scroll).toEqual({ overflow: "auto", wider: true });
    }
    if (locale === "ar") {
      // Mirrored chart: the names are on the right of the bars, never over them.
      const overlaps = await page.evaluate(() => {
        const chart = document.querySelectorAll(".chart")[1];
        const bars = [...chart.querySelectorAll(".recharts-bar-rectangle path, .recharts-rectangle")].map((b) => b.getBoundingClientRect());
        const names = [...chart.querySelectorAll(".recharts-yAxis text")].map((n) => n.getBoundingClientRect());
        return names.filter((n) => bars.some((b) => b.width > 0 && n.left < b.right - 1 && n.right > b.left + 1 && n.top < b.bottom && n.bottom > b.top))
          .length;
      });
      expect(overlaps).toBe(0);
    }
  }
}

test("the mayor's office filters the statistics by request type and exports that type's requests", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.mayorOffice);
  await page.goto("/staff/stats?from=2026-01-01&dim=service");
  const { total: all } = await receivedOf(page.getByTestId("stats-table"));
  const type = page.getByLabel("Type de demande", { exact: true });
  const first = (await type.locator("option").nth(1).textContent())!;
  await type.selectOption({ label: first });
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByTestId("stats-filter")).toContainText(first);
  const { total: ofType } = await receivedOf(page.getByTestId("stats-table"));
  expect(ofType).toBeLessThan(all);
  // The same filter in the statistics' CSV; the type's own export has its requests, one a line.
  const link = page.getByRole("link", { name: "Exporter les demandes de ce type (CSV, avec leurs réponses)" });
  const href = (await link.getAttribute("href"))!;
  const response = await page.context().request.get(href);
  expect(response.status()).toBe(200);
  const csv = await response.text();
  const lines = csv.slice(1).trim().split("\r\n");
  expect(lines[0]).toMatch(/^Référence;Déposée le;État;Canal;Service;Version du formulaire/);
  const perFamily = await (await page.context().request.get("/api/staff/stats/export?from=2026-01-01&dim=kind&format=machine")).text();
  expect(perFamily.split("\r\n")[0]).toMatch(/^kind,name,received/);
});

/** Screenshots of /staff/stats at 1440 px, looked at before closing. */
async function screenshots(page: Page) {
  mkdirSync("/tmp/shots", { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const [path, name] of [
    ["/staff/stats?from=2026-01-01&dim=service", "stats-fr-1440"],
    ["/staff/stats?from=2026-01-01&dim=delegate", "stats-fr-delegate-1440"],
    ["/ar/staff/stats?from=2026-01-01&dim=delegate", "stats-ar-delegate-1440"],
  ]) {
    await page.goto(path);
    await expect(page.locator(".recharts-surface").nth(1)).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  }
}

test("the public results show each service without personal data", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Résultats des services" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Résultats des services" })).toBeVisible();
  const summary = page.getByTestId("results-summary");
  await expect(summary.getByRole("row")).toHaveCount(13); // header + 9 services + the 3 of the request types
  await expect(summary).toContainText("délégué à Tétouan Propreté SA");
  const shown = (await page.getByRole("main").textContent())!;
  expect(shown).not.toMatch(/@|TET-[0-9A-Z]{4}|\+212/);
  expect((await request.get("/api/staff/stats/export")).status()).toBe(401);
});
