/**
 * A member of staff's own account, in the browser: an administrator's new account must enrol a
 * second factor before reaching anything (QR code and key, a code, the recovery codes shown once),
 * changes its password (the current one required, a common one refused), forgets it and resets it
 * from the mailed link (once), and signs in with a recovery code.
 */
import { expect, test } from "./support/test";
import { ACCOUNTS, signIn, signOut, submitSignIn, totpCode } from "./support/staff";

test("a new administrator enrols a second factor, changes and resets the password, and signs in with a recovery code", async ({ page }) => {
  // Two codes of one secret may fall in one 30-second step: the second waits for the clock (support/staff).
  test.setTimeout(120_000);
  const email = `admin.${Date.now().toString(36)}@demo.tetouan.ma`;
  const first = "lanterne violette au port";
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/staff/admin/users");
  const create = page.getByRole("region", { name: "Comptes des agents" }).getByRole("form", { name: "Nouveau compte" });
  await create.getByLabel("E-mail").fill(email);
  await create.getByLabel("Prénom").fill("Imane");
  await create.getByLabel("Nom", { exact: true }).fill("Chraibi");
  await create.getByLabel("Rôle").selectOption("admin");
  await create.getByLabel("Mot de passe initial").fill("Password2026!");
  await create.getByRole("button", { name: "Créer le compte" }).click();
  await expect(create.getByRole("alert")).toContainText("trop courant");
  await expect(create.getByLabel("E-mail")).toHaveValue(email);
  await create.getByLabel("Mot de passe initial").fill(first);
  await create.getByRole("button", { name: "Créer le compte" }).click();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  await signOut(page);

  // Signed in, but sent to the enrolment, and kept there.
  await submitSignIn(page, { email, password: first });
  await expect(page).toHaveURL(/\/login\/second-factor$/);
  await expect(page.getByText("Votre rôle exige la double authentification")).toBeVisible();
  await page.goto("/staff/admin");
  await expect(page).toHaveURL(/\/login\/second-factor$/);
  await expect(page.getByRole("img", { name: "Code QR de la double authentification" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  await page.getByLabel("2. Code à 6 chiffres affiché par l'application").fill("000000");
  await page.getByRole("button", { name: "Activer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Code incorrect" })).toBeVisible();
  await page.getByLabel("2. Code à 6 chiffres affiché par l'application").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Activer" }).click();
  const codes = page.getByRole("region", { name: "Vos codes de secours" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.nth(0).textContent())!.trim();
  await page.getByRole("link", { name: "J'ai noté mes codes : continuer" }).click();
  await expect(page).toHaveURL(/\/staff\/triage/);

  // The password changed from the account page: the current one is required, a common one refused.
  await page.goto("/staff/account");
  await expect(page.getByText("10 codes de secours restants.")).toBeVisible();
  const second = "cheval agrafe batterie";
  await page.getByLabel("Mot de passe actuel").fill("pas le bon mot de passe");
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(second);
  await page.getByLabel("Confirmez le nouveau mot de passe").fill(second);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Le mot de passe actuel est incorrect." })).toBeVisible();
  await expect(page.getByLabel("Mot de passe actuel")).toHaveValue("");
  await page.getByLabel("Mot de passe actuel").fill(first);
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("motdepasse2026");
  await page.getByLabel("Confirmez le nouveau mot de passe").fill("motdepasse2026");
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "trop courant" })).toBeVisible();
  await page.getByLabel("Mot de passe actuel").fill(first);
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(second);
  await page.getByLabel("Confirmez le nouveau mot de passe").fill(second);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page).toHaveURL(/\/login\?password=set$/);
  await expect(page.getByRole("status")).toContainText("Votre mot de passe a été changé");
  await page.goto("/staff/triage");
  await expect(page).toHaveURL(/\/login/);

  // Forgotten: the link is mailed, works once.
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page).toHaveURL(/\/login\/forgot$/);
  await expect(page.getByRole("heading", { name: "Mot de passe oublié" })).toBeVisible();
  await page.getByLabel("Adresse e-mail").fill("personne@demo.tetouan.ma");
  await page.getByRole("button", { name: "Envoyer le lien" }).click();
  await expect(page.getByRole("status")).toContainText("Si un compte utilise cette adresse");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Envoyer le lien" }).click();
  await expect(page.getByRole("status")).toContainText("Si un compte utilise cette adresse");
  // The mail is written after the answer (so that a known address answers as fast as an unknown one): reload until it is there.
  const mail = page.getByRole("article").filter({ hasText: email }).filter({ hasText: "Réinitialisation de votre mot de passe" }).first();
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const link = /https?:\/\/\S+\/login\/reset\/[A-Za-z0-9_-]+/.exec((await mail.textContent())!)![0];
  await page.goto(link);
  const third = "ecureuil parapluie orange";
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(third);
  await page.getByLabel("Confirmez le nouveau mot de passe").fill("ecureuil parapluie rouge");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "ne sont pas identiques" })).toBeVisible();
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(third);
  await page.getByLabel("Confirmez le nouveau mot de passe").fill(third);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page).toHaveURL(/\/login\?password=set$/);
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "Ce lien n'est plus valable" })).toBeVisible();

  // A recovery code instead of the app's code, once.
  await submitSignIn(page, { email, password: third }, recovery);
  await expect(page).toHaveURL(/\/staff\/triage/);
  await page.goto("/staff/account");
  await expect(page.getByText("9 codes de secours restants.")).toBeVisible();
  await signOut(page);
  await submitSignIn(page, { email, password: third }, recovery);
  await expect(page.getByRole("alert").filter({ hasText: "Code incorrect ou expiré" })).toBeVisible();
  await page.getByLabel("Code de vérification").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page).toHaveURL(/\/staff\/triage/);
});

test("a member of staff chooses the language of their mails and exports; an unknown one is refused", async ({ page }) => {
  await signIn(page, ACCOUNTS.coordinator);
  await page.goto("/staff/account");
  const form = page.getByRole("form", { name: "Langue de vos e-mails et exports" });
  const language = form.getByLabel("Langue");
  await expect(language).toHaveValue("");
  await expect(language.locator("option").first()).toHaveText("Celle de la commune (Français)");
  await language.selectOption({ label: "English" });
  await form.getByRole("button", { name: "Enregistrer la langue" }).click();
  await expect(form.getByRole("status")).toContainText("Langue enregistrée.");
  await expect(language).toHaveValue("en");
  await page.reload();
  await expect(language).toHaveValue("en");
  // A value the list does not offer (a forged form) is refused with a translated reason.
  await language.evaluate((select: HTMLSelectElement) => {
    select.options[1].value = "de";
    select.value = "de";
  });
  await form.getByRole("button", { name: "Enregistrer la langue" }).click();
  await expect(form.getByRole("alert")).toContainText("Choisissez une des langues proposées.");
  await page.reload();
  await expect(language).toHaveValue("en");
  // Back to the city's default, so that the other journeys read this account as before.
  await language.selectOption("");
  await form.getByRole("button", { name: "Enregistrer la langue" }).click();
  await expect(form.getByRole("status")).toContainText("Langue enregistrée.");
  await expect(language).toHaveValue("");
});
