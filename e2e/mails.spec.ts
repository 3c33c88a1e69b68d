/**
 * Delivery is visible: a report's mails and where each stands on its staff panel, and the
 * administration's list of what did not go out (empty here: the demo's outbox delivers at once).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { uniqueEmail } from "./support/report-page";
import { ACCOUNTS, signIn, signOut } from "./support/staff";

test("the coordinator sees the acknowledgement delivered on the report's panel; the administrator's mail page passes axe", async ({ page }) => {
  const email = uniqueEmail("delivery");
  const words = `Conteneur brûlé ${Date.now().toString(36)}`;
  const response = await page.request.post("/api/reports", {
    multipart: {
      idempotencyKey: `e2e-mail-${Date.now().toString(36)}`.padEnd(16, "x"),
      categoryIds: "1",
      lat: "35.5722",
      lng: "-5.3686",
      description: `${words}, la rue sent la fumée.`,
      name: "Nadia Envoi",
      email,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { trackingNumber } = (await response.json()) as { trackingNumber: string };

  await signIn(page, ACCOUNTS.coordinator);
  const panel = page.getByRole("complementary", { name: "Signalement sélectionné" });
  // The in-process worker delivers within a second or two; the panel is read again until it has.
  await expect(async () => {
    await page.goto(`/staff/triage?q=${encodeURIComponent(trackingNumber)}&status=submitted`);
    await page.getByRole("button", { name: new RegExp(trackingNumber) }).click();
    const delivery = panel.getByRole("region", { name: "E-mails envoyés pour ce signalement" }).getByTestId("mail-delivery");
    await expect(delivery).toHaveAttribute("data-state", "sent", { timeout: 1000 });
    await expect(delivery).toContainText("Accusé de réception");
    await expect(delivery).toContainText(email);
    await expect(delivery).toContainText("Envoyé");
  }).toPass({ timeout: 20_000 });
  await signOut(page);

  await signIn(page, ACCOUNTS.admin);
  await page.goto("/staff/admin/mails");
  await expect(page.getByRole("heading", { level: 1, name: "E-mails non remis" })).toBeVisible();
  await expect(page.getByTestId("mail-counts")).toContainText("0 non remis");
  await expect(page.getByText("Tous les e-mails ont été remis.")).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
  // The health check's queue figures: counts only.
  const health = await (await page.request.get("/api/health?queue=1")).json();
  expect(health.queue).toMatchObject({ mailsDead: 0 });
  expect(JSON.stringify(health)).not.toContain("@");
});
