/** Every bad input gets a clear, translated error, and the form loses nothing the citizen typed. */
import { expect, test } from "./support/test";
import { elevenMegabytes, exeRenamedJpg, smallPng, svgImage } from "./support/files";
import { ReportPage, uniqueEmail } from "./support/report-page";

test.describe("the report form refuses bad input", () => {
  test("no category: the server says so and keeps every field, files included", async ({ page }) => {
    const form = new ReportPage(page);
    await form.open();
    await form.chooseDistrict("Médina");
    await form.description.fill("Description gardée après l'erreur, avec des accents : éàü.");
    await form.fillContact({ name: "Test Citoyen", email: "garde@example.org" });
    await form.attach(await smallPng(1));
    await expect(form.attachedFiles().first()).toContainText("Envoyé");
    await form.submit.click();
    await form.expectError("Choisissez au moins une catégorie.");
    await expect(form.description).toHaveValue("Description gardée après l'erreur, avec des accents : éàü.");
    await expect(page.getByLabel("Nom et prénom")).toHaveValue("Test Citoyen");
    await expect(page.getByLabel("Adresse e-mail")).toHaveValue("garde@example.org");
    await expect(form.attachedFiles()).toHaveCount(1);
    await expect(form.chosenPoint).toContainText("Emplacement choisi");
    await expect(page).toHaveURL(/\/report$/);
  });

  test("a third category is refused with a message", async ({ page }) => {
    const form = new ReportPage(page);
    await form.open();
    await form.chooseCategories("Ordures non collectées", "Lampadaire éteint");
    await form.category("Feu tricolore en panne").click();
    await expect(form.category("Feu tricolore en panne")).not.toBeChecked();
    await expect(page.getByText("Vous pouvez choisir au plus deux catégories.").first()).toBeVisible();
  });

  test("a point outside the city is refused", async ({ page, context }) => {
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ latitude: 34.0209, longitude: -6.8416 }); // Rabat
    const form = new ReportPage(page);
    await form.open();
    await form.chooseCategories("Ordures non collectées");
    await page.getByRole("button", { name: "Utiliser ma position" }).click();
    await expect(page.getByText("Cet emplacement est en dehors de la commune.").first()).toBeVisible();
    await form.description.fill("Les poubelles débordent dans la rue principale.");
    await form.fillContact({ name: "Test", email: "dehors@example.org" });
    await form.submit.click();
    await form.expectError("Cet emplacement est en dehors de la commune.");
  });

  test("an empty or 5,000-character description is refused", async ({ page }) => {
    const form = new ReportPage(page);
    await form.open();
    await form.fillValid({ email: uniqueEmail("desc"), description: "" });
    await form.submit.click();
    await form.expectError("Décrivez le problème.");
    await form.description.fill("x".repeat(5000));
    await expect(page.getByText("5000 / 4000 caractères")).toBeVisible();
    await form.submit.click();
    await form.expectError("La description est trop longue : au plus 4 000 caractères.");
    await expect(form.description).toHaveValue("x".repeat(5000));
  });

  test("an invalid email is refused", async ({ page }) => {
    const form = new ReportPage(page);
    await form.open();
    await form.fillValid({ email: "amina@" });
    await form.submit.click();
    await form.expectError("L'adresse e-mail n'est pas valide");
    await expect(page.getByLabel("Adresse e-mail")).toHaveAttribute("aria-invalid", "true");
    // Refused by the server: the ticked category and the chosen district are still there.
    await expect(form.category("Ordures non collectées")).toBeChecked();
    await expect(page.getByLabel("Quartier (si vous ne pouvez pas utiliser la carte)").locator("option:checked")).toHaveText("Médina");
    await expect(form.description).toHaveValue("Les sacs d'ordures s'entassent devant la mosquée depuis lundi.");
  });

  test("a sixth file, an 11 MB file, an executable renamed .jpg and an SVG are refused", async ({ page }) => {
    const form = new ReportPage(page);
    await form.open();
    await form.attach(await smallPng(1), await smallPng(2), await smallPng(3), await smallPng(4), await smallPng(5));
    await expect(form.attachedFiles()).toHaveCount(5);
    for (let i = 0; i < 5; i++) await expect(form.attachedFiles().nth(i)).toContainText("Envoyé");
    await form.attach(await smallPng(6));
    await expect(page.getByText("Vous pouvez joindre au plus 5 fichiers.").first()).toBeVisible();
    await expect(form.attachedFiles()).toHaveCount(5);

    // Make room, then try the bad files one by one.
    for (let i = 0; i < 5; i++)
      await page
        .getByRole("button", { name: /^Retirer photo-/ })
        .first()
        .click();
    await expect(form.attachedFiles()).toHaveCount(0);
    await form.attach(elevenMegabytes());
    await expect(form.attachedFiles().filter({ hasText: "enorme.jpg" })).toContainText("Ce fichier dépasse 10 Mo.");
    await form.attach(exeRenamedJpg());
    await expect(form.attachedFiles().filter({ hasText: "photo.jpg" })).toContainText("Ce type de fichier n'est pas accepté");
    await form.attach(svgImage());
    await expect(form.attachedFiles().filter({ hasText: "dessin.svg" })).toContainText("Ce type de fichier n'est pas accepté");
  });

  test("the upload endpoint itself refuses what the browser let through", async ({ request }) => {
    const big = elevenMegabytes();
    const tooLarge = await request.post("/api/uploads", { multipart: { file: { name: big.name, mimeType: big.mimeType, buffer: big.buffer } } });
    expect(tooLarge.status()).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: "report.errors.file_too_large" });
    const exe = exeRenamedJpg();
    const disguised = await request.post("/api/uploads", { multipart: { file: exe } });
    expect(disguised.status()).toBe(415);
    const svg = svgImage();
    const svgAsPng = await request.post("/api/uploads", { multipart: { file: { ...svg, name: "dessin.png", mimeType: "image/png" } } });
    expect(svgAsPng.status()).toBe(415);
  });

  test("a double click files one report, not two", async ({ page }) => {
    const email = uniqueEmail("double");
    const form = new ReportPage(page);
    await form.open();
    await form.fillValid({ email });
    // Two submissions of the same form, as fast as a double click on a slow phone.
    await page.locator("form").evaluate((f: HTMLFormElement) => {
      f.requestSubmit();
      f.requestSubmit();
    });
    await expect(page).toHaveURL(/\/report\/done\//);
    await page.goto("/dev/outbox");
    await expect(page.getByRole("article").filter({ hasText: email })).toHaveCount(1);
  });

  test("what a citizen types is never rendered as HTML", async ({ page }) => {
    page.on("dialog", () => {
      throw new Error("a script typed by a user ran");
    });
    const form = new ReportPage(page);
    await form.open();
    const payload = `<img src=x onerror="alert(1)"><script>alert(2)</script> fin du texte`;
    await form.fillValid({ email: uniqueEmail("xss"), description: payload });
    await page.getByLabel("Adresse ou repère (facultatif)").fill("<b>rue</b>");
    await form.submit.click();
    await expect(page).toHaveURL(/\/report\/done\//);
    await page.getByRole("link", { name: "Suivre ce signalement" }).click();
    await expect(page.getByText(payload)).toBeVisible();
    await expect(page.getByText("<b>rue</b>")).toBeVisible();
    await expect(page.locator('main img[src="x"]')).toHaveCount(0);
  });
});
