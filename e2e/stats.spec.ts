/** The mayor's office reads the statistics (chart, table, CSV); the public reads each service's results. */
import { expect, test } from "./support/test";
import { ACCOUNTS, signIn } from "./support/staff";

test("the mayor's office reads statistics per service and exports them", async ({ page }) => {
  await signIn(page, ACCOUNTS.mayorOffice);
  await page.getByRole("link", { name: "Statistiques" }).click();
  await page.getByLabel("Du", { exact: true }).fill("2026-01-01");
  await page.getByRole("button", { name: "Afficher" }).click();
  const table = page.getByTestId("stats-table");
  await expect(table.getByRole("rowheader", { name: "Propreté et collecte des déchets" })).toBeVisible();
  const total = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Total" }) });
  const received = Number(await total.getByRole("cell").first().textContent());
  expect(received).toBeGreaterThan(200);
  await expect(page.locator(".recharts-surface").first()).toBeVisible();

  const csv = await (await page.context().request.get("/api/staff/stats/export?from=2026-01-01&dim=service")).text();
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toMatch(/^Service,Reçus,/);
  expect(Number(lines.at(-1)!.split(",")[1])).toBe(received);

  await page.getByLabel("Par").selectOption({ label: "délégataire" });
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(table.getByRole("rowheader", { name: /Tétouan Propreté SA/ })).toBeVisible();
});

test("the public results show each service without personal data", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Résultats des services" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Résultats des services" })).toBeVisible();
  const summary = page.getByTestId("results-summary");
  await expect(summary.getByRole("row")).toHaveCount(10); // header + 9 services
  await expect(summary).toContainText("délégué à Tétouan Propreté SA");
  const shown = (await page.getByRole("main").textContent())!;
  expect(shown).not.toMatch(/@|TET-[0-9A-Z]{4}|\+212/);
  expect((await request.get("/api/staff/stats/export")).status()).toBe(401);
});
