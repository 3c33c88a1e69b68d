/**
 * The citizen's journey on a phone: report with two categories and a photo carrying EXIF GPS,
 * get the tracking number, receive the acknowledgement, follow the report.
 */
import exifr from "exifr";
import { expect, test } from "./support/test";
import { PHOTO_GPS, photoWithGps } from "./support/files";
import { ReportPage, uniqueEmail } from "./support/report-page";

test("a citizen reports a problem with two categories and a geotagged photo, then follows it", async ({ page, request }) => {
  const email = uniqueEmail("amina");
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Signaler un problème" }).click();
  await expect(page).toHaveURL(/\/report$/);

  const form = new ReportPage(page);
  await form.showMap();
  await form.chooseCategories("Lampadaire éteint", "Câble électrique à nu");
  // The second category carries a danger notice.
  await expect(page.getByRole("note").filter({ hasText: "appelez d'abord le 19" })).toBeVisible();

  await form.attach(await photoWithGps());
  await expect(form.attachedFiles()).toHaveCount(1);
  await expect(form.attachedFiles().first()).toContainText("Envoyé");
  // The photo's GPS position is suggested, and used when the citizen accepts it.
  await page.getByRole("button", { name: "Utiliser l'emplacement de la photo" }).click();
  await expect(form.chosenPoint).toContainText(`${PHOTO_GPS.lat.toFixed(4)}`);
  await expect(form.chosenPoint).toContainText(`${PHOTO_GPS.lng.toFixed(4)}`);

  await page.getByLabel("Adresse ou repère (facultatif)").fill("Place Hassan II, devant le palais");
  await form.description.fill("Trois lampadaires sont éteints et un câble pend d'un poteau à hauteur d'enfant.");
  await expect(page.getByText(/\d+ \/ 4000 caractères/)).toBeVisible();
  await form.fillContact({ name: "Amina El Amrani", email, phone: "+212 6 61 23 45 67" });
  await form.submit.click();

  // Confirmation: the number, big, with the link to follow it and the due dates.
  await expect(page).toHaveURL(/\/report\/done\/TET-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
  const trackingNumber = (await page.getByTestId("tracking-number").textContent())!.trim();
  await expect(page.getByRole("heading", { name: "Signalement envoyé" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copier le numéro" })).toBeVisible();
  await expect(page.getByText("Service concerné : Éclairage public.")).toBeVisible();
  await expect(page.getByText("Orientation vers le service")).toBeVisible();
  await expect(page.getByText("Réponse attendue au plus tard le")).toBeVisible();
  await expect(page.getByText("Sans réponse à cette date")).toBeVisible();

  // The acknowledgement is in the outbox, with the same facts.
  await page.goto("/dev/outbox");
  const mail = page.getByRole("article").filter({ hasText: email });
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText(trackingNumber);
  await expect(mail).toContainText(`/track/${trackingNumber}`);
  await expect(mail).toContainText("Une réponse vous sera apportée au plus tard le");

  // The tracking page: status, categories, service, dates, timeline; never the citizen's identity.
  await page.goto(`/track/${trackingNumber}`);
  const main = page.getByRole("main");
  await expect(main).toContainText("Déposé");
  await expect(main).toContainText("Lampadaire éteint");
  await expect(main).toContainText("Câble électrique à nu");
  await expect(main).toContainText("Éclairage public");
  await expect(main).toContainText("Signalement déposé");
  const html = await page.content();
  expect(html).not.toContain("Amina El Amrani");
  expect(html).not.toContain(email);
  expect(html).not.toContain("61 23 45 67");

  // The photo shown is the re-encoded one: no EXIF left, served with nosniff.
  const photo = main.getByRole("img", { name: "Photo 1" });
  await expect(photo).toBeVisible();
  const response = await request.get((await photo.getAttribute("src"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-type"]).toBe("image/jpeg");
  const bytes = await response.body();
  expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
  // Without the tracking number the file is not served.
  const bare = (await photo.getAttribute("src"))!.split("?")[0];
  expect((await request.get(bare)).status()).toBe(404);
});

test("an anonymous report is told no update will come, and gets no mail", async ({ page }) => {
  const form = new ReportPage(page);
  await form.open();
  await form.chooseCategories("Nid-de-poule, chaussée dégradée");
  await form.chooseDistrict("Touabel");
  await form.description.fill("Un trou profond au milieu de la chaussée, très dangereux pour les motos.");
  await page.getByLabel("Je souhaite rester anonyme").check();
  await expect(page.getByRole("note").filter({ hasText: "vous ne recevrez aucun message" })).toBeVisible();
  await expect(page.getByLabel("Adresse e-mail")).toHaveCount(0);
  await form.submit.click();
  await expect(page).toHaveURL(/\/report\/done\//);
  await expect(page.getByText("Vous avez choisi l'anonymat")).toBeVisible();
});

test("a citizen who finds the same problem nearby adds their support instead", async ({ page }) => {
  const form = new ReportPage(page);
  // Someone already reported rubbish in the Médina.
  await form.open();
  await form.fillValid({ email: uniqueEmail("first-reporter") });
  await form.submit.click();
  await expect(page).toHaveURL(/\/report\/done\//);

  await form.open();
  await form.chooseCategories("Ordures non collectées");
  await form.chooseDistrict("Médina");
  const nearby = page.getByRole("region", { name: "Déjà signalé près d'ici" });
  await expect(nearby).toBeVisible();
  // The start of each description, to tell whether it is the same problem.
  await expect(nearby).toContainText("Les sacs d'ordures s'entassent devant la mosquée");
  await nearby.getByRole("button", { name: "+1 Moi aussi" }).first().click();
  await expect(nearby.getByRole("status").first()).toHaveText("Merci, votre soutien est compté.");
  await expect(nearby).toContainText(/\d+ soutiens?/);
});

test("the form is usable before the map's code arrives, which comes when the location step is reached", async ({ page }) => {
  const scripts: string[] = [];
  page.on("response", (response) => response.request().resourceType() === "script" && scripts.push(response.url()));
  const form = new ReportPage(page);
  await form.open();
  await page.waitForLoadState("networkidle");
  // The first step works while the map is not there yet (nothing of Leaflet has run).
  await form.chooseCategories("Ordures non collectées");
  await expect(form.category("Ordures non collectées")).toBeChecked();
  expect(await page.locator(".leaflet-container").count()).toBe(0);
  expect(await page.evaluate(() => "L" in window)).toBe(false);
  const before = scripts.length;
  // Reaching the location step fetches it, in the frame kept for it.
  await form.tapMap();
  expect(scripts.length).toBeGreaterThan(before);
  expect(await page.evaluate(() => "L" in window)).toBe(true);
});
