/**
 * The administrator's day at a desktop (1440 px): a new colleague invited by mail chooses their
 * password; their account is edited (role, title) and deactivated only once confirmed; categories are
 * written in the three languages (Arabic fields typed right-to-left) and the citizen reads them in
 * theirs; the holidays page shows the country's official days beside the city's own.
 */
import { expect, test } from "./support/test";
import { photoWithGps, svgImage } from "./support/files";
import { ACCOUNTS, signIn, signOut, submitSignIn } from "./support/staff";

test.use({ viewport: { width: 1440, height: 900 } });

test("a new account is invited by mail, then edited and deactivated once confirmed", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const email = `invite.${Date.now().toString(36)}@demo.tetouan.ma`;
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/staff/admin/users");
  const users = page.getByRole("region", { name: "Comptes des agents" });
  const create = users.getByRole("form", { name: "Nouveau compte" });
  await create.getByLabel("E-mail").fill(email);
  await create.getByLabel("Prénom").fill("Meryem");
  await create.getByLabel("Nom", { exact: true }).fill("Tazi");
  await create.getByLabel("Fonction (signe les réponses)").fill("Technicienne");
  await create.getByLabel("Service (pour un agent)").selectOption({ label: "Espaces verts" });
  // No password: the invitation's link sets it.
  await create.getByRole("button", { name: "Créer le compte" }).click();
  await expect(create.getByRole("status")).toContainText("l'invitation est partie par e-mail");
  const row = users.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Actif");
  await page.screenshot({ path: testInfo.outputPath("admin-users-1440-fr.png"), fullPage: true });
  await signOut(page);

  // The invitation, in the account's language (here the city's default, French), carries the link.
  const mail = page.getByRole("article").filter({ hasText: email }).filter({ hasText: "Votre compte sur la plateforme" }).first();
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const link = /https?:\/\/\S+\/login\/reset\/[A-Za-z0-9_-]+/.exec((await mail.textContent())!)![0];
  await page.goto(link);
  const chosen = "jasmin bleu sur la terrasse";
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(chosen);
  await page.getByLabel("Confirmez le nouveau mot de passe").fill(chosen);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page).toHaveURL(/\/login\?password=set$/);
  await submitSignIn(page, { email, password: chosen });
  await expect(page).toHaveURL(/\/staff\/desk/);
  await signOut(page);

  // Edited: a refused change keeps what was typed and names its reason; then the role changes.
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/staff/admin/users");
  await row.getByRole("link", { name: "Modifier le compte de Meryem Tazi" }).click();
  await expect(page).toHaveURL(/\?edit=/);
  const account = page.getByRole("region", { name: "Compte de Meryem Tazi" });
  const edit = account.getByRole("form", { name: "Rôle, service, nom et fonction" });
  await edit.getByLabel("Fonction (signe les réponses)").fill("Cheffe de la cellule");
  await edit.getByLabel("Service (pour un agent)").selectOption("");
  await edit.getByRole("button", { name: "Enregistrer" }).click();
  await expect(edit.getByRole("alert")).toContainText("Un agent doit être rattaché à un service.");
  await expect(edit.getByLabel("Fonction (signe les réponses)")).toHaveValue("Cheffe de la cellule");
  await edit.getByLabel("Rôle").selectOption({ label: "cellule de suivi" });
  await edit.getByRole("button", { name: "Enregistrer" }).click();
  await expect(edit.getByRole("status")).toContainText("Enregistré.");
  await expect(row).toContainText("cellule de suivi");
  await expect(row).toContainText("Cheffe de la cellule");

  // Deactivation asks to tick the confirmation first.
  const deactivate = account.getByRole("form", { name: "Désactiver le compte" });
  await deactivate.getByRole("button", { name: "Désactiver" }).click();
  await expect(deactivate.getByRole("alert")).toContainText("Cochez la case pour confirmer la désactivation.");
  await expect(row).toContainText("Actif");
  await deactivate.getByLabel(`Je confirme la désactivation de ${email}`).check();
  await deactivate.getByRole("button", { name: "Désactiver" }).click();
  await expect(row).toContainText("Désactivé");
  await expect(row.getByRole("button", { name: "Réactiver" })).toBeVisible();
});

test("Arabic fields are typed right-to-left; a category's Arabic description reaches the Arabic report page, a missing English one falls back", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.admin);
  for (const section of ["categories", "services", "city", "holidays"]) {
    await page.goto(`/staff/admin/${section}`);
    const arabic = page.locator('input[name$="Ar"], textarea[name$="Ar"]');
    expect(await arabic.count(), section).toBeGreaterThan(0);
    for (const field of await arabic.all()) {
      await expect(field).toHaveAttribute("dir", "rtl");
      await expect(field).toHaveAttribute("lang", "ar");
    }
  }

  await page.goto("/staff/admin/categories");
  const item = page.locator("details").filter({ has: page.locator("summary", { hasText: "Parc ou jardin mal entretenu" }) });
  await item.locator("summary").click();
  const arabicDescription = `العشب أو الكراسي أو النافورات أو فضاءات اللعب ${Date.now() % 1000}.`;
  await item.getByLabel("Description (arabe)").fill(arabicDescription);
  await item.getByLabel("Description (anglais)").fill("");
  // The category's own form (the type's field editor below it has its own button and answers).
  const categoryForm = item.getByRole("form", { name: "Enregistrer", exact: true });
  await categoryForm.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(categoryForm.getByRole("status")).toContainText("Enregistré.");

  await page.goto("/ar/report");
  const shown = page.getByText(arabicDescription, { exact: true });
  await expect(shown).toBeVisible();
  await expect(shown).toHaveAttribute("lang", "ar");
  await expect(shown).toHaveAttribute("dir", "rtl");
  // English left empty: the French text, marked as French and left-to-right (its full stop at its end).
  await page.goto("/en/report");
  const fallback = page.getByText("Pelouse, bancs, fontaines ou aires de jeux à entretenir.", { exact: true });
  await expect(fallback).toBeVisible();
  await expect(fallback).toHaveAttribute("lang", "fr");
  await expect(fallback).toHaveAttribute("dir", "ltr");
});

test("the holidays page lists the country's official holidays of this year and the next beside the city's, dates in words", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/staff/admin/holidays");
  const official = page.getByRole("region", { name: "Jours fériés officiels (MA)" });
  const year = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Casablanca", year: "numeric" }).format(new Date()));
  for (const y of [year, year + 1]) {
    const table = official.getByRole("table", { name: `Année ${y}` });
    await expect(table).toBeVisible();
    const independence = table.getByRole("row").filter({ hasText: "Fête de l'indépendance" });
    await expect(independence).toContainText(`18 novembre ${y}`);
    await expect(independence).toContainText("Officiel");
    await expect(independence).not.toContainText(`${y}-11-18`);
  }
  await expect(page.getByRole("region", { name: "Ajoutés par la commune" }).getByRole("form", { name: "Ajouter un jour férié" })).toBeVisible();

  await page.goto("/ar/staff/admin/holidays");
  await expect(page.getByRole("region", { name: "العطل الرسمية (MA)" })).toContainText("عيد الاستقلال");
});

test("the letters' letterhead: a refused phone keeps what was typed; the logo is uploaded, previewed and removed", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/staff/admin/city");
  const cityForm = page.getByRole("form", { name: "Enregistrer", exact: true });
  const address = "Hôtel de ville\nAvenue Mohammed V\n93000 Tétouan";
  await cityForm.getByLabel("Adresse postale (français)").fill(address);
  await cityForm.getByLabel("Horaires d'ouverture (français)").fill("Du lundi au vendredi, 8 h 30 – 16 h 30");
  await cityForm.getByLabel("Téléphone de la mairie").fill("05 39 <b>");
  await cityForm.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(cityForm.getByRole("alert")).toContainText("Le téléphone ne peut contenir que des chiffres");
  await expect(cityForm.getByLabel("Adresse postale (français)")).toHaveValue(address);
  await cityForm.getByLabel("Téléphone de la mairie").fill("+212 5 39 96 00 00");
  await cityForm.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(cityForm.getByRole("status")).toContainText("Enregistré.");
  await page.reload();
  await expect(page.getByLabel("Adresse postale (français)")).toHaveValue(address);
  await expect(page.getByLabel("Téléphone de la mairie")).toHaveValue("+212 5 39 96 00 00");

  const logoForm = page.getByRole("form", { name: "Enregistrer le logo" });
  await logoForm.getByLabel("Nouveau logo (PNG ou JPEG, 2 Mo au plus)").setInputFiles(svgImage());
  await logoForm.getByRole("button", { name: "Enregistrer le logo" }).click();
  await expect(logoForm.getByRole("alert")).toContainText("PNG ou JPEG");
  await logoForm.getByLabel("Nouveau logo (PNG ou JPEG, 2 Mo au plus)").setInputFiles(await photoWithGps());
  await logoForm.getByRole("button", { name: "Enregistrer le logo" }).click();
  await expect(logoForm.getByRole("status")).toContainText("Enregistré.");
  const preview = page.getByRole("img", { name: "Logo actuel de la ville" });
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([600, 450]);
  await page.getByRole("form", { name: "Retirer le logo" }).getByRole("button", { name: "Retirer le logo" }).click();
  await expect(page.getByText("Aucun logo pour l'instant.")).toBeVisible();
  await expect(preview).toHaveCount(0);
});
