/** The administration's audit log: a change an administrator makes is there, filtered, exported, accessible. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { ACCOUNTS, signIn } from "./support/staff";

test("an administrator's change and sign-in are in the audit log, which filters, exports and passes axe", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/staff/admin/api-keys");
  const name = `Journal ${Date.now().toString(36)}`;
  const section = page.getByRole("region", { name: "Clés API (Open311)" });
  await section.getByLabel("Nom de l'application").fill(name);
  await section.getByRole("button", { name: "Créer la clé" }).click();
  const key = (await section.getByTestId("issued-key").textContent())!.trim();

  await page.getByRole("link", { name: "Journal d'administration" }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/audit$/);
  const issued = page.getByRole("row").filter({ hasText: "api_key.issue" }).filter({ hasText: name });
  await expect(issued).toContainText(ACCOUNTS.admin.email);
  await expect(page.getByRole("row").filter({ hasText: "auth.sign_in" }).first()).toContainText(ACCOUNTS.admin.email);
  expect(await page.content()).not.toContain(key);

  await page.getByLabel("Type").selectOption({ label: "Clés API" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/kind=api_key/);
  await expect(page.getByRole("row").filter({ hasText: "auth.sign_in" })).toHaveCount(0);
  await expect(issued).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(
    results.violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    ),
  ).toEqual([]);

  const csv = await (await page.context().request.get("/api/staff/audit/export?kind=api_key&format=machine")).text();
  expect(csv.split("\r\n")[0]).toContain("action");
  expect(csv).toContain(name);
  expect(csv).not.toContain(key);

  // A reversed period is named, not silently empty.
  await page.goto("/staff/admin/audit?from=2026-12-01&to=2026-11-01");
  await expect(page.getByRole("alert").filter({ hasText: "La date de fin précède la date de début." })).toBeVisible();
});
