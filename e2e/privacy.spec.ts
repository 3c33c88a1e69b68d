/**
 * A citizen asks the city to erase their data: the administrator finds them by the email they gave,
 * must confirm, and the coordinator then sees a report that no longer names anyone.
 */
import { expect, test } from "./support/test";
import { ReportPage, uniqueEmail } from "./support/report-page";
import { ACCOUNTS, signIn, signOut } from "./support/staff";

test("an administrator erases a citizen's contact details on request; the report stays, naming no one", async ({ page }) => {
  const email = uniqueEmail("erase");
  const words = `Conteneur brûlé rue Mohammed V ${Date.now()}`;
  const form = new ReportPage(page);
  await form.open();
  await form.chooseCategories("Ordures non collectées");
  await form.chooseDistrict("Médina");
  await form.description.fill(`${words}, il faut le remplacer.`);
  await form.fillContact({ name: "Hajar Effacée", email });
  await form.submit.click();
  await expect(page).toHaveURL(/\/report\/done\//);
  const number = (await page.getByTestId("tracking-number").textContent())!.trim();

  await signIn(page, ACCOUNTS.admin);
  await page.goto("/staff/admin/privacy");
  const section = page.getByTestId("anonymise-citizen");
  await section.getByLabel("E-mail ou téléphone donné par le citoyen").fill(email);
  // Without the confirmation nothing happens, and what was typed stays.
  await section.getByRole("button", { name: "Effacer" }).click();
  await expect(section.getByRole("alert")).toContainText("Cochez la case pour confirmer l'effacement.");
  await expect(section.getByLabel("E-mail ou téléphone donné par le citoyen")).toHaveValue(email);
  await section.getByLabel("Je confirme : l'effacement est définitif.").check();
  await section.getByRole("button", { name: "Effacer" }).click();
  await expect(section.getByRole("status")).toContainText("Les coordonnées ont été effacées de tous les signalements de cette personne.");
  await signOut(page);

  await signIn(page, ACCOUNTS.coordinator);
  await page.goto(`/staff/triage?q=${encodeURIComponent(number)}&status=submitted`);
  await page.getByRole("button", { name: new RegExp(number) }).click();
  const panel = page.getByRole("complementary", { name: "Signalement sélectionné" });
  await expect(panel).toContainText(words);
  await expect(panel.getByTestId("citizen-contact")).toContainText("effacées le");
  await expect(panel).not.toContainText(email);
  await expect(panel).not.toContainText("Hajar Effacée");
  await expect(panel).toContainText("Coordonnées du citoyen effacées");
});
