/** Following a report by its number: any case, with or without dashes; typos and unknown numbers explained. */
import { expect, test } from "./support/test";
import { ReportPage, uniqueEmail } from "./support/report-page";

async function fileReport(page: import("@playwright/test").Page) {
  const form = new ReportPage(page);
  await form.open();
  await form.fillValid({ email: uniqueEmail("suivi") });
  await form.submit.click();
  await expect(page).toHaveURL(/\/report\/done\//);
  return (await page.getByTestId("tracking-number").textContent())!.trim();
}

test("a number typed in lower case without dashes opens the report", async ({ page }) => {
  const number = await fileReport(page);
  await page.goto("/track");
  await page.getByLabel("Numéro de suivi").fill(number.toLowerCase().replaceAll("-", ""));
  await page.getByRole("button", { name: "Voir le signalement" }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${number}$`));
  await expect(page.getByRole("main")).toContainText("Ordures non collectées");
});

test("a typo is caught by the check symbol, and an unknown number is said to be unknown", async ({ page }) => {
  const number = await fileReport(page);
  const symbols = number.replace(/^TET-/, "").replaceAll("-", "");
  // Swap two different adjacent symbols.
  let i = 0;
  while (symbols[i] === symbols[i + 1]) i++;
  const swapped = symbols.slice(0, i) + symbols[i + 1] + symbols[i] + symbols.slice(i + 2);
  await page.goto("/track");
  await page.getByLabel("Numéro de suivi").fill(`TET-${swapped}`);
  await page.getByRole("button", { name: "Voir le signalement" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "faute de frappe" })).toBeVisible();
  await expect(page.getByLabel("Numéro de suivi")).toHaveValue(`TET-${swapped}`);

  await page.getByLabel("Numéro de suivi").fill("TET-0000-0000-0");
  await page.getByRole("button", { name: "Voir le signalement" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Aucun signalement ne porte ce numéro" })).toBeVisible();

  await page.getByLabel("Numéro de suivi").fill("bonjour");
  await page.getByRole("button", { name: "Voir le signalement" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Ce n'est pas un numéro de suivi" })).toBeVisible();

  const missing = await page.goto("/track/TET-0000-0000-0");
  expect(missing?.status()).toBe(404);
});
