/**
 * The citizen's pages and the staff sign-in with JavaScript disabled: the browser posts the forms
 * itself (multipart, files included), the server runs the actions and answers with a page — the
 * confirmation, the tracking page, the staff area, or the same form again with its translated
 * errors and every value typed. The staff steps that prepare a report run in a second browser
 * context, with scripts.
 */
import { type Browser, devices, expect, type Page, test } from "./support/test";
import { photoWithGps } from "./support/files";
import { ReportPage, uniqueEmail } from "./support/report-page";
import { ACCOUNTS, signIn, signOut, totpCode } from "./support/staff";

test.use({ javaScriptEnabled: false });

/** Runs staff steps in a browser with scripts (the back office is not under test here). */
async function withScripts<T>(browser: Browser, baseURL: string | undefined, steps: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ ...devices["Pixel 7"], javaScriptEnabled: true, baseURL, locale: "fr-FR", timezoneId: "Africa/Casablanca" });
  try {
    return await steps(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Files a report without scripts: categories, district (no map), description, contact, and the given files. */
async function fileWithoutScripts(page: Page, options: { tag: string; files?: { name: string; mimeType: string; buffer: Buffer }[] }) {
  const form = new ReportPage(page);
  await form.open();
  await form.chooseCategories("Ordures non collectées");
  await form.chooseDistrict("Médina");
  await page.getByLabel("Adresse ou repère (facultatif)").fill("Rue de la Mosquée, n° 12");
  await form.description.fill(`Les sacs d'ordures s'entassent devant la mosquée depuis lundi (${options.tag}).`);
  await form.fillContact({ name: "Karim Citoyen", email: uniqueEmail("sans-script") });
  if (options.files) await form.attach(...options.files);
  await form.submit.click();
  await expect(page).toHaveURL(/\/report\/done\//);
  return (await page.getByTestId("tracking-number").textContent())!.trim();
}

/** The coordinator routes the report (found by its unique words) to the cleanliness service. */
async function routeToCleanliness(page: Page, tag: string, number: string) {
  await signIn(page, ACCOUNTS.coordinator);
  await page.goto(`/staff/triage?q=${tag}&status=submitted`);
  await page.getByRole("button", { name: new RegExp(number) }).click();
  const panel = page.getByRole("complementary", { name: "Signalement sélectionné" });
  await panel.getByRole("combobox", { name: "Service", exact: true }).selectOption({ label: "Propreté et collecte des déchets" });
  await panel.getByRole("button", { name: "Orienter", exact: true }).click();
  await expect(panel.locator(".report-panel__header")).toContainText("Transmis au service");
  await signOut(page);
}

test("a report with a photo and a district, without the map, gets its tracking number; the photo is attached", async ({ page, browser, baseURL }) => {
  const tag = `sansscript${Date.now().toString(36)}`;
  const form = new ReportPage(page);
  await form.open();
  // No map without scripts: the district and the address are the way to say where.
  await expect(page.getByLabel("Quartier (si vous ne pouvez pas utiliser la carte)")).toBeVisible();
  const number = await fileWithoutScripts(page, { tag, files: [await photoWithGps()] });
  expect(number).toMatch(/^TET-/);

  // The photo went with the form: staff see it on the report, placed in its district.
  await withScripts(browser, baseURL, async (staff) => {
    await signIn(staff, ACCOUNTS.coordinator);
    await staff.goto(`/staff/triage?q=${tag}&status=submitted`);
    await staff.getByRole("button", { name: new RegExp(number) }).click();
    const panel = staff.getByRole("complementary", { name: "Signalement sélectionné" });
    await expect(panel).toContainText("Médina");
    await expect(panel.getByRole("list", { name: "Pièces jointes" }).getByRole("listitem")).toHaveCount(1);
  });
});

test("a refused report comes back from the server with translated errors and every value typed", async ({ page }) => {
  const form = new ReportPage(page);
  await form.open();
  await form.chooseCategories("Ordures non collectées", "Dépôt sauvage de déchets");
  await form.chooseDistrict("Médina");
  await page.getByLabel("Adresse ou repère (facultatif)").fill("Derrière le marché central");
  await form.fillContact({ name: "Samira Citoyenne", email: "samira@example.org", phone: "0612345678" });
  await form.attach(await photoWithGps());
  // No description: refused by the server.
  await form.submit.click();

  await expect(page).toHaveURL(/\/report$/);
  await form.expectError("Décrivez le problème");
  await expect(form.category("Ordures non collectées")).toBeChecked();
  await expect(form.category("Dépôt sauvage de déchets")).toBeChecked();
  await expect(page.getByLabel("Quartier (si vous ne pouvez pas utiliser la carte)")).toHaveValue(/\d+/);
  await expect(page.getByLabel("Quartier (si vous ne pouvez pas utiliser la carte)").locator("option:checked")).toHaveText("Médina");
  await expect(page.getByLabel("Adresse ou repère (facultatif)")).toHaveValue("Derrière le marché central");
  await expect(page.getByLabel("Nom et prénom")).toHaveValue("Samira Citoyenne");
  await expect(page.getByLabel("Adresse e-mail")).toHaveValue("samira@example.org");
  await expect(page.getByLabel("Téléphone")).toHaveValue("0612345678");
  // The photo was kept by the server: listed, and sent again with the next attempt.
  await expect(form.attachedFiles()).toHaveCount(1);
  await expect(form.attachedFiles().first()).toContainText("lampadaire.jpg");

  await form.description.fill("Des gravats et des sacs abandonnés derrière le marché depuis dix jours.");
  await form.submit.click();
  await expect(page).toHaveURL(/\/report\/done\//);
  await expect(page.getByTestId("tracking-number")).toHaveText(/^TET-/);
});

test("in Arabic, the refusal is in Arabic", async ({ page }) => {
  await page.goto("/ar/report");
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/ar\/report$/);
  const summary = page.getByRole("alert");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(/[\u0600-\u06FF]/);
  await expect(summary).not.toContainText("report.errors");
});

test("on the tracking page, the citizen replies to a question and then gives feedback on the answer", async ({ page, browser, baseURL }) => {
  const tag = `suivisansscript${Date.now().toString(36)}`;
  const number = await fileWithoutScripts(page, { tag });

  await withScripts(browser, baseURL, async (staff) => {
    await routeToCleanliness(staff, tag, number);
    await signIn(staff, ACCOUNTS.agentProprete);
    await staff.getByRole("link", { name: number }).click();
    await staff.getByRole("button", { name: "Prendre en charge" }).click();
    await expect(staff.locator(".report-panel__header")).toContainText("En cours de traitement");
    await staff.getByLabel("Question au citoyen").fill("Pouvez-vous indiquer le numéro de la maison la plus proche ?");
    await staff.getByRole("button", { name: "Demander des précisions", exact: true }).click();
    await expect(staff.locator(".report-panel__header")).toContainText("En attente des précisions du citoyen");
  });

  // A reply too short is refused, with the text typed kept.
  await page.goto(`/track/${number}`);
  await page.getByLabel("Vos précisions").fill("27");
  await page.getByRole("button", { name: "Envoyer mes précisions" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByLabel("Vos précisions")).toHaveValue("27");

  await page.getByLabel("Vos précisions").fill("Devant le numéro 27, à côté de la boulangerie.");
  await page.locator("#reply-files").setInputFiles([await photoWithGps()]);
  await page.getByRole("button", { name: "Envoyer mes précisions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "vos précisions ont été transmises au service" })).toBeVisible();
  await expect(page.locator(".timeline")).toContainText("Votre réponse : Devant le numéro 27, à côté de la boulangerie.");

  await withScripts(browser, baseURL, async (staff) => {
    await signIn(staff, ACCOUNTS.agentProprete);
    await staff.getByRole("link", { name: number }).click();
    await expect(staff.getByText("Devant le numéro 27, à côté de la boulangerie.")).toBeVisible();
    // The photo of the reply, with the report's.
    await expect(staff.getByRole("list", { name: "Pièces jointes" }).getByRole("listitem")).toHaveCount(1);
    const answer = staff.getByRole("form", { name: "Répondre" });
    await answer.getByRole("radio", { name: "Réclamation fondée", exact: true }).check();
    await answer.getByLabel("Réponse au citoyen").fill("Votre réclamation est fondée : les sacs ont été ramassés ce matin.");
    await answer.getByRole("button", { name: "Envoyer la réponse signée" }).click();
    await expect(staff.locator(".report-panel__header")).toContainText("Répondu");
  });

  await page.goto(`/track/${number}`);
  const feedback = page.getByRole("form", { name: "Je donne mon avis" });
  // No answer to "is it fixed?": refused, the rating and comment kept.
  await feedback.getByLabel("4 étoiles").check();
  await feedback.getByLabel("Commentaire (facultatif)").fill("Rapide, merci.");
  await feedback.getByRole("button", { name: "Envoyer mon avis" }).click();
  await expect(page.getByRole("form", { name: "Je donne mon avis" }).getByRole("alert")).toBeVisible();
  await expect(feedback.getByLabel("4 étoiles")).toBeChecked();
  await expect(feedback.getByLabel("Commentaire (facultatif)")).toHaveValue("Rapide, merci.");

  await feedback.getByLabel("Oui").check();
  await feedback.getByRole("button", { name: "Envoyer mon avis" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merci pour votre avis." })).toBeVisible();
});

test("staff sign in without scripts and land in the staff area; a wrong password keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Adresse e-mail").fill(ACCOUNTS.coordinator.email);
  await page.getByLabel("Mot de passe").fill("not-the-password");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByRole("alert")).not.toContainText("login.errors");
  await expect(page.getByLabel("Adresse e-mail")).toHaveValue(ACCOUNTS.coordinator.email);
  await expect(page.getByLabel("Mot de passe")).toHaveValue("");

  await page.getByLabel("Mot de passe").fill(ACCOUNTS.coordinator.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/staff\/triage/);
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
});

test("an account with a second factor signs in without scripts: the password is typed again with the code", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Adresse e-mail").fill(ACCOUNTS.mayorOffice.email);
  await page.getByLabel("Mot de passe").fill(ACCOUNTS.mayorOffice.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByLabel("Mot de passe").fill(ACCOUNTS.mayorOffice.password);
  await page.getByLabel("Code de vérification").fill(await totpCode(ACCOUNTS.mayorOffice.totp));
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page).toHaveURL(/\/staff\/penalties$/);
});
