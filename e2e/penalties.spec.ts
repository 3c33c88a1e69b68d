/**
 * A delegated complaint upheld: the penalty is proposed to the right delegate, contested, confirmed
 * by the mayor's office; the ledger and its CSV agree; the citizen says it is still not fixed and
 * the report goes back to the service.
 */
import { expect, test } from "./support/test";
import { ReportPage, uniqueEmail } from "./support/report-page";
import { ACCOUNTS, signIn, signOut } from "./support/staff";
import { DAY_MS } from "../lib/domain/time";

test("an upheld complaint against the waste delegate goes from proposal to confirmed penalty, and back to the service when not fixed", async ({
  page,
  request,
}) => {
  const tag = `poubelles${Date.now().toString(36)}`;
  const form = new ReportPage(page);
  await form.open();
  await form.chooseCategories("Ordures non collectées");
  await form.chooseDistrict("Sania Rmel");
  await form.description.fill(`Les poubelles n'ont pas été vidées de la semaine (${tag}).`);
  await form.fillContact({ name: "Laila Citoyenne", email: uniqueEmail("penalty") });
  await form.submit.click();
  await expect(page).toHaveURL(/\/report\/done\//);
  const number = (await page.getByTestId("tracking-number").textContent())!.trim();

  // The coordinator routes it, the cleanliness agent answers "upheld".
  await signIn(page, ACCOUNTS.coordinator);
  await page.goto(`/staff/triage?q=${tag}&status=submitted`);
  await page.getByRole("button", { name: new RegExp(number) }).click();
  const panel = page.getByRole("complementary", { name: "Signalement sélectionné" });
  await panel.getByRole("combobox", { name: "Service", exact: true }).selectOption({ label: "Propreté et collecte des déchets" });
  await panel.getByRole("button", { name: "Orienter", exact: true }).click();
  await expect(panel.locator(".report-panel__header")).toContainText("Transmis au service");
  await signOut(page);

  await signIn(page, ACCOUNTS.agentProprete);
  await page.getByRole("link", { name: number }).click();
  const answer = page.getByRole("form", { name: "Répondre" });
  await answer.getByRole("radio", { name: "Réclamation fondée", exact: true }).check();
  await answer.getByLabel("Réponse au citoyen").fill("Votre réclamation est fondée : le délégataire n'a pas assuré la collecte, elle a été rattrapée.");
  await answer.getByRole("button", { name: "Envoyer la réponse signée" }).click();
  await expect(page.locator(".report-panel__header")).toContainText("Répondu");
  await expect(page.getByText("Pénalité proposée")).toBeVisible();
  await signOut(page);

  // The waste delegate contests it. It knows the report by its public number (Open311's id), never
  // by the citizen's tracking number.
  const published = (await (await request.get("/open311/v2/requests.json?service_code=dechets-non-collectes")).json()) as {
    service_request_id: string;
    description: string;
  }[];
  const reference = `#${published.find((r) => r.description.includes(tag))!.service_request_id}`;
  await signIn(page, ACCOUNTS.delegate);
  await expect(page).toHaveURL(/\/delegate$/);
  const card = page.getByRole("listitem", { name: reference });
  await expect(card).toContainText("500.00 MAD");
  await expect(card).toContainText("proposée");
  await card.getByLabel("Vos arguments").fill("Le camion est passé à 6 h ; les bacs étaient vides. Relevé GPS joint au dossier.");
  await card.getByLabel("Pièces justificatives (facultatif)").setInputFiles({
    name: "releve-gps.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"),
  });
  await expect(card).toContainText("releve-gps.pdf — envoyé");
  await card.getByRole("button", { name: "Contester" }).click();
  await expect(card).toContainText("contestée");
  await expect(card.getByRole("link", { name: "releve-gps.pdf" })).toBeVisible();
  expect(await page.content()).not.toContain(number);
  // On the report itself it gives its account of the facts; it cannot answer nor change the outcome.
  await card.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("form", { name: "Répondre" })).toHaveCount(0);
  const account = page.getByRole("form", { name: "Votre compte rendu des faits" });
  await account.getByLabel("Compte rendu").fill("Collecte rattrapée le lendemain matin ; conteneur vidé et nettoyé.");
  await account.getByLabel("Intervention réalisée le (facultatif)").fill(new Date(Date.now() - DAY_MS).toISOString().slice(0, 10));
  await account.getByRole("button", { name: "Envoyer le compte rendu" }).click();
  await expect(account.getByRole("status")).toContainText("Compte rendu transmis à la commune.");
  await expect(page.getByRole("main")).toContainText("Compte rendu du délégataire");
  expect(await page.content()).not.toContain(number);
  await signOut(page);

  // The mayor's office confirms it from the ledger.
  await signIn(page, ACCOUNTS.mayorOffice);
  await expect(page).toHaveURL(/\/staff\/penalties$/);
  const line = page.getByRole("row").filter({ hasText: number });
  await expect(line).toContainText("Tétouan Propreté SA");
  await expect(line).toContainText("contestée");
  await expect(line.getByRole("link", { name: "releve-gps.pdf" })).toBeVisible();
  await line.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Confirmer la pénalité choisie" }).click();
  await expect(page.getByRole("row").filter({ hasText: number })).toContainText("confirmée");

  // The ledger's total for the month equals the CSV's confirmed lines.
  const month = new Date().toISOString().slice(0, 7);
  await page.goto(`/staff/penalties?month=${month}&state=confirmed`);
  const summary = page.getByTestId("ledger-summary").getByRole("row").filter({ hasText: "Tétouan Propreté SA" });
  const due = (await summary.getByRole("cell").last().textContent())!.trim();
  const csv = await (await page.context().request.get(`/api/staff/penalties/export?month=${month}&state=confirmed&format=machine`)).text();
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .slice(1)
    .filter((l) => l.includes("Tétouan Propreté SA"));
  expect(lines.some((l) => l.startsWith(number))).toBe(true);
  const total = lines.reduce((sum, l) => sum + Number(l.split(",")[5]), 0);
  expect(due).toBe(`${total.toFixed(2)} MAD`);
  expect((await request.get(`/api/staff/penalties/export`)).status()).toBe(401);
  await signOut(page);

  // The citizen says the problem is not fixed: back to the service.
  await page.goto(`/track/${number}`);
  const feedback = page.getByRole("form", { name: "Je donne mon avis" });
  await feedback.getByLabel("Non").check();
  await feedback.getByLabel("1 étoile").check();
  await feedback.getByLabel("Commentaire (facultatif)").fill("Les poubelles débordent toujours.");
  await feedback.getByRole("button", { name: "Envoyer mon avis" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merci pour votre avis." })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("En cours de traitement");
});

test("a delegate or an agent cannot confirm penalties nor see another delegate's", async ({ page }) => {
  await signIn(page, ACCOUNTS.delegate);
  await page.goto("/staff/penalties");
  await expect(page.getByRole("alert").filter({ hasText: "Vous n'avez pas accès" })).toBeVisible();
  const csv = await page.context().request.get("/api/staff/penalties/export");
  const body = await csv.text();
  expect(body).not.toContain("Bus Tétouan");
  expect(body).not.toContain("Lumière du Nord");
  await signOut(page);
  await signIn(page, ACCOUNTS.agentProprete);
  await page.goto("/staff/penalties");
  await expect(page.getByRole("alert").filter({ hasText: "Vous n'avez pas accès" })).toBeVisible();
  expect((await page.context().request.get("/api/staff/penalties/export")).status()).toBe(403);
  await page.goto("/delegate");
  await expect(page.getByRole("alert").filter({ hasText: "Vous n'avez pas accès" })).toBeVisible();
});
