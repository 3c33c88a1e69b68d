/** Page object of the citizen's report form (`/report`). */
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export class ReportPage {
  readonly submit: Locator;
  readonly description: Locator;
  readonly errorSummary: Locator;
  readonly fileInput: Locator;
  readonly chosenPoint: Locator;

  constructor(readonly page: Page) {
    this.submit = page.getByRole("button", { name: "Envoyer le signalement" });
    this.description = page.getByLabel("3. Décrivez le problème");
    this.errorSummary = page.getByRole("alert").filter({ hasText: "Le signalement n'a pas pu être envoyé" });
    this.fileInput = page.getByLabel("Ajouter une photo ou un document");
    this.chosenPoint = page.getByTestId("chosen-point");
  }

  async open() {
    await this.page.goto("/report");
    await expect(this.page.getByRole("heading", { level: 1, name: "Signaler un problème" })).toBeVisible();
  }

  /** Scrolls to the location step, where the map is fetched, and waits for it so that taps reach Leaflet. */
  async showMap() {
    await this.page.locator("#location").scrollIntoViewIfNeeded();
    await expect(this.page.locator(".leaflet-container")).toBeVisible();
  }

  category(name: string) {
    return this.page.getByRole("checkbox", { name });
  }

  async chooseCategories(...names: string[]) {
    for (const name of names) await this.category(name).check();
  }

  /** Taps the middle of the map (the city centre) to place the pin. */
  async tapMap() {
    await this.showMap();
    await this.page.locator(".leaflet-container").click();
    await expect(this.chosenPoint).toContainText("Emplacement choisi");
  }

  async chooseDistrict(name: string) {
    await this.page.getByLabel("Quartier (si vous ne pouvez pas utiliser la carte)").selectOption({ label: name });
  }

  async fillContact(contact: { name?: string; email?: string; phone?: string }) {
    if (contact.name !== undefined) await this.page.getByLabel("Nom et prénom").fill(contact.name);
    if (contact.email !== undefined) await this.page.getByLabel("Adresse e-mail").fill(contact.email);
    if (contact.phone !== undefined) await this.page.getByLabel("Téléphone").fill(contact.phone);
  }

  async attach(...files: { name: string; mimeType: string; buffer: Buffer }[]) {
    await this.fileInput.setInputFiles(files);
  }

  attachedFiles() {
    return this.page.getByRole("list", { name: "Fichiers joints" }).getByRole("listitem");
  }

  /** A report that passes every check, so a test can spoil exactly one field. */
  async fillValid(options: { email: string; description?: string }) {
    await this.chooseCategories("Ordures non collectées");
    await this.chooseDistrict("Médina");
    await this.description.fill(options.description ?? "Les sacs d'ordures s'entassent devant la mosquée depuis lundi.");
    await this.fillContact({ name: "Test Citoyen", email: options.email });
  }

  async expectError(message: string) {
    await expect(this.errorSummary).toBeVisible();
    await expect(this.errorSummary).toContainText(message);
  }
}

/** A unique address per test, to find its mail in the outbox. */
export function uniqueEmail(label: string) {
  return `${label}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}@example.org`;
}

/**
 * Files an anonymous report through the offline queue's endpoint and returns its tracking number:
 * the citizen's secret, which no public listing gives (the seed's first category has id 1).
 */
export async function fileReportForTracking(request: APIRequestContext): Promise<string> {
  const key = `e2e-track-${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`.padEnd(16, "x");
  const response = await request.post("/api/reports", {
    multipart: {
      idempotencyKey: key,
      categoryIds: "1",
      lat: "35.5722",
      lng: "-5.3686",
      description: "Un lampadaire éteint depuis une semaine au coin de la rue.",
      anonymous: "on",
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { trackingNumber: string }).trackingNumber;
}
