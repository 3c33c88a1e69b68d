/**
 * The back office, one journey per role: the coordinator routes and merges, the agent asks for
 * details, the citizen answers on the tracking page, the agent answers with a signed response;
 * a phone request is taken at intake; and what each role may not do is refused.
 */
import { expect, test, type Page } from "./support/test";
import { ReportPage, uniqueEmail } from "./support/report-page";
import { ACCOUNTS, signIn, signOut } from "./support/staff";

/** Files a report as a citizen and returns its tracking number. */
async function citizenFiles(page: Page, options: { email: string; description: string; category?: string; district?: string }) {
  const form = new ReportPage(page);
  await form.open();
  await form.chooseCategories(options.category ?? "Ordures non collectées");
  await form.chooseDistrict(options.district ?? "Médina");
  await form.description.fill(options.description);
  await form.fillContact({ name: "Karim Citoyen", email: options.email });
  await form.submit.click();
  await expect(page).toHaveURL(/\/report\/done\//);
  return (await page.getByTestId("tracking-number").textContent())!.trim();
}

/** Opens a report in the triage panel by searching its unique words. */
async function openInTriage(page: Page, words: string, number: string) {
  await page.goto(`/staff/triage?q=${encodeURIComponent(words)}&status=submitted&status=routed&status=in_progress&status=needs_info`);
  await page.getByRole("button", { name: new RegExp(number) }).click();
  await expect(page.getByRole("complementary", { name: "Signalement sélectionné" })).toContainText(number);
  return page.getByRole("complementary", { name: "Signalement sélectionné" });
}

test("the coordinator routes a new report and merges a duplicate", async ({ page }) => {
  const tag = `conteneur${Date.now().toString(36)}`;
  const where = { category: "Conteneur endommagé ou manquant", district: "Kouilma" };
  const first = await citizenFiles(page, { ...where, email: uniqueEmail("first"), description: `Le conteneur est renversé et cassé (${tag}).` });
  const copy = await citizenFiles(page, { ...where, email: uniqueEmail("copy"), description: `Toujours ce conteneur cassé au coin de la rue (${tag}).` });

  await signIn(page, ACCOUNTS.coordinator);
  await expect(page).toHaveURL(/\/staff\/triage/);
  await expect(page.locator(".leaflet-container")).toBeVisible();
  const panel = await openInTriage(page, tag, first);
  await panel.getByRole("combobox", { name: "Service", exact: true }).selectOption({ label: "Propreté et collecte des déchets" });
  await panel.getByRole("button", { name: "Orienter", exact: true }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Orientation enregistrée." })).toBeVisible();
  await expect(panel).toContainText("Transmis au service");

  const copyPanel = await openInTriage(page, tag, copy);
  const master = copyPanel.getByLabel("Signalement principal");
  // Suggested: same category, within 150 m, still open.
  const option = master.locator("option", { hasText: first });
  await master.selectOption((await option.getAttribute("value"))!);
  await copyPanel.getByRole("button", { name: "Regrouper", exact: true }).click();
  await expect(copyPanel.locator(".report-panel__header")).toContainText("Regroupé");
  await expect(copyPanel).toContainText(first);
  await expect(copyPanel.getByTestId("merged-into")).toContainText(`Regroupé avec ${first}`);

  // The merged citizen is told which public case they joined, and where it is; no deadline of theirs to count.
  await page.goto(`/track/${copy}`);
  const notice = page.getByTestId("merged-notice");
  await expect(notice).toContainText(/regroupé avec le signalement public #\d+/);
  await expect(notice).not.toContainText(first);
  await expect(page.getByRole("heading", { name: "Délais" })).toHaveCount(0);
  await notice.getByRole("link", { name: "Le voir sur la carte" }).click();
  await expect(page).toHaveURL(/\/map\?lat=/);
  await expect(page.locator(".leaflet-container")).toBeVisible();

  await page.goto("/dev/outbox");
  await expect(
    page
      .getByRole("article")
      .filter({ hasText: `Signalement ${first} : transmis au service` })
      .first(),
  ).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: `Signalement ${copy} : regroupé` })).toHaveCount(1);
});

test("an agent asks for details, the citizen replies, and the agent answers with a signed response", async ({ page }) => {
  const tag = `sacs${Date.now().toString(36)}`;
  const email = uniqueEmail("suivi-agent");
  const number = await citizenFiles(page, { email, description: `Des sacs d'ordures éventrés depuis lundi (${tag}).` });

  await signIn(page, ACCOUNTS.coordinator);
  const panel = await openInTriage(page, tag, number);
  await panel.getByRole("combobox", { name: "Service", exact: true }).selectOption({ label: "Propreté et collecte des déchets" });
  await panel.getByRole("button", { name: "Orienter", exact: true }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Orientation enregistrée." })).toBeVisible();
  await signOut(page);

  await signIn(page, ACCOUNTS.agentProprete);
  await expect(page).toHaveURL(/\/staff\/desk/);
  await page.getByRole("link", { name: number }).click();
  await page.getByRole("button", { name: "Prendre en charge" }).click();
  await expect(page.locator(".report-panel__header")).toContainText("En cours de traitement");
  await page.getByLabel("Question au citoyen").fill("Pouvez-vous indiquer le numéro de la maison la plus proche ?");
  await page.getByRole("button", { name: "Demander des précisions", exact: true }).click();
  await expect(page.locator(".report-panel__header")).toContainText("En attente des précisions du citoyen");
  await signOut(page);

  await page.goto(`/track/${number}`);
  await expect(page.locator("blockquote.question")).toHaveText("Pouvez-vous indiquer le numéro de la maison la plus proche ?");
  // The file picker speaks the page's language, not the browser's ("Choose Files").
  await expect(page.locator("label.button", { hasText: "Choisir des photos ou documents" })).toBeVisible();
  await expect(page.getByText("Aucun fichier choisi.")).toBeVisible();
  await page.getByLabel("Vos précisions").fill("Devant le numéro 27, à côté de la boulangerie.");
  await page.getByRole("button", { name: "Envoyer mes précisions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "vos précisions ont été transmises au service" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("main")).toContainText("En cours de traitement");
  // What the citizen wrote is shown back to them.
  await expect(page.locator(".timeline")).toContainText("Votre réponse : Devant le numéro 27, à côté de la boulangerie.");

  await signIn(page, ACCOUNTS.agentProprete);
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByText("Devant le numéro 27, à côté de la boulangerie.")).toBeVisible();
  const answer = page.getByRole("form", { name: "Répondre" });
  // Whose words: the citizen's reply is not an internal note.
  await expect(page.locator(".timeline")).toContainText("Réponse du citoyen : Devant le numéro 27");
  await answer.getByLabel("Modèle de réponse").selectOption({ label: "Fondée — intervention réalisée" });
  // The template's blank is pointed out, and refused if sent as it is.
  await expect(answer.getByTestId("answer-blanks")).toContainText("[date]");
  await answer.getByRole("button", { name: "Envoyer la réponse signée" }).click();
  await expect(answer.getByRole("alert")).toContainText("champ du modèle à compléter entre crochets");
  const typed = "Votre réclamation est fondée : les sacs ont été ramassés ce matin et le circuit de collecte a été renforcé.";
  await answer.getByLabel("Réponse au citoyen").fill(typed);
  await expect(answer.getByTestId("answer-blanks")).toHaveCount(0);
  // Another template does not silently replace what the agent wrote.
  await answer.getByLabel("Modèle de réponse").selectOption({ label: "Non fondée — aucun dysfonctionnement constaté" });
  await answer.getByTestId("template-conflict").getByRole("button", { name: "Garder mon texte" }).click();
  await expect(answer.getByLabel("Réponse au citoyen")).toHaveValue(typed);
  await answer.getByRole("radio", { name: "Réclamation fondée" }).check();
  await answer.getByRole("button", { name: "Envoyer la réponse signée" }).click();
  await expect(page.locator(".report-panel__header")).toContainText("Répondu");
  // The answer is also a letter, listed in the panel with its verification code, downloadable as a PDF.
  const staffLetter = page.getByTestId("staff-letters").getByRole("link");
  await expect(staffLetter).toHaveCount(1);
  const code = /code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec((await staffLetter.textContent()) ?? "")![1];
  const staffPdf = await page.request.get((await staffLetter.getAttribute("href"))!);
  expect(staffPdf.status()).toBe(200);
  expect(staffPdf.headers()["content-type"]).toBe("application/pdf");
  expect((await staffPdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await page.goto("/dev/outbox");
  const mail = page.getByRole("article").filter({ hasText: `Signalement ${number} : réponse de la commune` });
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText("les sacs ont été ramassés ce matin");
  await expect(mail).toContainText("Youssef Benali");
  await expect(mail).toContainText("Réclamation fondée");

  await page.goto(`/track/${number}`);
  const published = page.getByRole("region", { name: "Réponse de la commune" });
  await expect(published).toContainText("les sacs ont été ramassés ce matin");
  await expect(published).toContainText("Youssef Benali");
  await expect(published).toContainText("Réclamation fondée");

  // The citizen downloads the letter, and asks for the acknowledgement as a letter too.
  const letters = page.getByRole("region", { name: "Lettres" });
  const answerLetter = letters.getByRole("link", { name: /^Réponse du .* \(PDF\)$/ });
  const pdf = await page.request.get((await answerLetter.getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await letters.getByRole("button", { name: "Obtenir l'accusé de réception en lettre (PDF)" }).click();
  await expect(letters.getByRole("status")).toContainText("Votre accusé de réception est prêt");
  await expect(letters.getByRole("link", { name: /^Accusé de réception du .* \(PDF\)$/ })).toHaveCount(1);
  await expect(letters.getByRole("button", { name: "Obtenir l'accusé de réception en lettre (PDF)" })).toHaveCount(0);

  // Anyone holding the letter's code can check it was issued — and learns nothing else.
  await page.goto(`/letters?code=${code.toLowerCase().replaceAll("-", " ")}`);
  await expect(page).toHaveURL(new RegExp(`/letters/${code}$`));
  const verified = page.getByTestId("letter-verified");
  await expect(verified).toContainText("Cette lettre a bien été émise par Tétouan.");
  await expect(verified).toContainText("Propreté et collecte des déchets");
  await expect(page.getByRole("main")).not.toContainText(number);
  await page.goto("/letters/ZZZZ-ZZZZ-ZZZZ");
  await expect(page.getByTestId("letter-unknown")).toContainText("Aucune lettre ne porte ce code");
});

test("a request taken by phone gets a tracking number to read out", async ({ page }) => {
  await signIn(page, ACCOUNTS.coordinator);
  await page.getByRole("link", { name: "Saisir une demande" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Saisir une demande" })).toBeVisible();
  const form = new ReportPage(page);
  await form.showMap();
  await page.getByLabel("Comment la demande est-elle arrivée ?").selectOption({ label: "Téléphone" });
  await form.chooseCategories("Feu tricolore en panne");
  await form.chooseDistrict("Ensanche (centre-ville)");
  await form.description.fill("Appel d'un commerçant : le feu du carrefour reste au rouge depuis ce matin.");
  await form.fillContact({ name: "Hassan Commerçant", phone: "0539 00 00 00" });
  await page.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(page).toHaveURL(/\/staff\/intake\/done\/TET-/);
  const number = (await page.getByTestId("tracking-number").textContent())!.trim();
  expect(number).toMatch(/^TET-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
  await page.goto(`/track/${number}`);
  await expect(page.getByRole("main")).toContainText("Feu tricolore en panne");
});

test("what a role may not do is refused", async ({ page, request }) => {
  // Not signed in: the staff area sends to the sign-in page; staff files and cron are closed.
  await page.goto("/staff/triage");
  await expect(page).toHaveURL(/\/login$/);
  expect((await request.get("/api/staff/files/00000000-0000-4000-8000-000000000000")).status()).toBe(401);
  expect((await request.post("/api/cron/tick")).status()).toBeGreaterThanOrEqual(401);

  // An agent of another service cannot open a cleanliness report, nor triage.
  const number = await citizenFiles(page, { email: uniqueEmail("scope"), description: `Dépôt d'ordures devant l'école ${Date.now()}.` });
  await signIn(page, ACCOUNTS.coordinator);
  const panel = await openInTriage(page, number, number);
  await expect(panel).toContainText(number);
  const id = new URL(page.url()).searchParams.get("selected")!;
  await signOut(page);
  await signIn(page, ACCOUNTS.agentVoirie);
  await page.goto(`/staff/reports/${id}`);
  await expect(page.getByRole("alert").filter({ hasText: "Vous n'avez pas accès" })).toBeVisible();
  await page.goto("/staff/triage");
  await expect(page.getByRole("alert").filter({ hasText: "Vous n'avez pas accès" })).toBeVisible();
  await signOut(page);

  // The mayor's office reads, but cannot act.
  await signIn(page, ACCOUNTS.mayorOffice);
  await page.goto(`/staff/reports/${id}`);
  await expect(page.getByText("Aucune action possible pour vous sur ce signalement.")).toBeVisible();
  await signOut(page);

  // Repeated wrong passwords lock this address out of the account (at the 11th), with a clear message.
  await page.goto("/login");
  // An account of its own, so that the other journeys' sign-ins are not slowed down.
  await page.getByLabel("Adresse e-mail").fill("devine.qui@demo.tetouan.ma");
  await page.getByLabel("Mot de passe").fill("wrong-0");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Adresse e-mail ou mot de passe incorrect." })).toBeVisible();
  const throttled = page.getByRole("alert").filter({ hasText: "Compte ou poste bloqué" });
  for (let i = 1; i < 12 && !(await throttled.isVisible()); i++) {
    await page.getByLabel("Mot de passe").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByRole("button", { name: "Se connecter" })).toBeEnabled();
  }
  await expect(throttled).toBeVisible();
  await expect(page.getByLabel("Adresse e-mail")).toHaveValue("devine.qui@demo.tetouan.ma");
});

test("the administrator adds a holiday and a staff account", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  // One page per section, reached from the administration's sub-navigation.
  const sections = page.getByRole("navigation", { name: "Sections" });
  await sections.getByRole("link", { name: "Jours fériés" }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/holidays$/);

  const holidays = page.getByRole("region", { name: "Ajoutés par la commune" });
  const addHoliday = holidays.getByRole("form", { name: "Ajouter un jour férié" });
  await addHoliday.getByLabel("Date").fill("2026-12-31");
  await addHoliday.getByLabel("Nom (français)").fill("Fermeture de fin d'année");
  await addHoliday.getByRole("button", { name: "Ajouter un jour férié" }).click();
  // Days read in the viewer's language, not as ISO dates.
  await expect(holidays).toContainText("jeudi 31 décembre 2026 — Fermeture de fin d'année");

  await sections.getByRole("link", { name: "Comptes des agents" }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/users$/);
  await expect(sections.getByRole("link", { name: "Comptes des agents" })).toHaveAttribute("aria-current", "page");
  const users = page.getByRole("region", { name: "Comptes des agents" });
  const create = users.getByRole("form", { name: "Nouveau compte" });
  const email = `agent.${Date.now().toString(36)}@demo.tetouan.ma`;
  await create.getByLabel("E-mail").fill(email);
  await create.getByLabel("Prénom").fill("Sara");
  await create.getByLabel("Nom", { exact: true }).fill("Alami");
  await create.getByLabel("Mot de passe initial").fill("court");
  await create.getByRole("button", { name: "Créer le compte" }).click();
  await expect(create.getByRole("alert")).toContainText("Un agent doit être rattaché à un service.");
  await expect(create.getByRole("alert")).toContainText("au moins 12 caractères");
  await expect(create.getByLabel("E-mail")).toHaveValue(email);
  await create.getByLabel("Service (pour un agent)").selectOption({ label: "Voirie et trottoirs" });
  await create.getByLabel("Mot de passe initial").fill("un mot de passe assez long");
  await create.getByRole("button", { name: "Créer le compte" }).click();
  await expect(users.getByRole("cell", { name: email })).toBeVisible();
  await signOut(page);
  await signIn(page, { email, password: "un mot de passe assez long" });
  await expect(page).toHaveURL(/\/staff\/desk/);
});

test("an administrator issues an Open311 key; a third-party app files a report with it until it is revoked", async ({ page, request }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/staff/admin/api-keys");
  const section = page.getByRole("region", { name: "Clés API (Open311)" });
  await section.getByLabel("Nom de l'application").fill("Appli 311 de test");
  await section.getByRole("button", { name: "Créer la clé" }).click();
  const key = (await section.getByTestId("issued-key").textContent())!.trim();
  expect(key.length).toBeGreaterThan(20);

  const services = await request.get("/open311/v2/services.json");
  expect(services.status()).toBe(200);
  expect((await services.json()).some((s: { service_code: string }) => s.service_code === "lampadaire-eteint")).toBe(true);
  const filed = await request.post("/open311/v2/requests.json", {
    form: {
      api_key: key,
      service_code: "lampadaire-eteint",
      lat: "35.5712",
      long: "-5.3755",
      description: "Lampadaire éteint signalé par l'appli 311.",
      email: "appli311@example.org",
    },
  });
  expect(filed.status()).toBe(201);
  const [{ service_request_id }] = await filed.json();
  const xml = await (await request.get(`/open311/v2/requests/${service_request_id}.xml`)).text();
  expect(xml).toContain(`<service_request_id>${service_request_id}</service_request_id>`);
  expect(xml).not.toContain("appli311@example.org");

  await page.reload();
  await section.getByRole("listitem").filter({ hasText: "Appli 311 de test" }).getByRole("button", { name: "Révoquer" }).click();
  await expect(section.getByRole("listitem").filter({ hasText: "Appli 311 de test" })).toContainText("révoquée");
  const refused = await request.post("/open311/v2/requests.json", {
    form: { api_key: key, service_code: "lampadaire-eteint", lat: "35.5712", long: "-5.3755", description: "Encore un lampadaire éteint." },
  });
  expect(refused.status()).toBe(403);
});
