/**
 * Without a mouse, and with large text or a narrow screen: the report journey with the keyboard
 * alone (the district list replaces the map), the error summary leading to the fields, and every
 * public page readable at 320 px and with text at 200 % without scrolling sideways.
 */
import { expect, test, type Locator, type Page } from "./support/test";
import { fileReportForTracking, uniqueEmail } from "./support/report-page";

/** Presses Tab until the element has the focus: proves it is reachable in the tab order. */
async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

async function expectFocused(target: Locator) {
  await expect.poll(() => target.evaluate((el) => el === document.activeElement)).toBe(true);
}

test("the whole report journey works with the keyboard alone", async ({ page }) => {
  const email = uniqueEmail("clavier");
  await page.goto("/report");
  await page.waitForLoadState("networkidle");

  // The first Tab reaches the skip link, which jumps over the header.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  await expectFocused(skip);
  await page.keyboard.press("Enter");
  await expectFocused(page.getByRole("main"));

  // Sent empty with Enter: the summary takes the focus and its links lead into the fields.
  const submit = page.getByRole("button", { name: "Envoyer le signalement" });
  await tabTo(page, submit);
  await page.keyboard.press("Enter");
  const summary = page.getByRole("alert").filter({ hasText: "Le signalement n'a pas pu être envoyé" });
  await expect(summary).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.activeElement?.contains(document.querySelector("[role=alert] h2")) ?? false)).toBe(true);
  await page.keyboard.press("Tab");
  await expectFocused(summary.getByRole("link", { name: "Choisissez au moins une catégorie." }));
  await page.keyboard.press("Enter");
  const firstCategory = page.getByRole("checkbox").first();
  await expectFocused(firstCategory);

  // Categories with Space, the district with the arrow keys instead of the map.
  const category = page.getByRole("checkbox", { name: "Ordures non collectées" });
  await tabTo(page, category);
  await page.keyboard.press("Space");
  await expect(category).toBeChecked();
  const district = page.getByLabel("Quartier (si vous ne pouvez pas utiliser la carte)");
  await tabTo(page, district);
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("chosen-point")).toContainText("Emplacement choisi");

  await tabTo(page, page.getByLabel("3. Décrivez le problème"));
  await page.keyboard.type("Une benne déborde depuis trois jours devant le marché.");
  await tabTo(page, page.getByLabel("Nom et prénom"));
  await page.keyboard.type("Karim Clavier");
  await page.keyboard.press("Tab");
  await expectFocused(page.getByLabel("Adresse e-mail"));
  await page.keyboard.type(email);

  await tabTo(page, submit);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/report\/done\/TET-/);
  await expect(page.getByTestId("tracking-number")).toHaveText(/^TET-/);
  // The confirmation is announced (a status region) and its actions are reachable.
  await expect(page.getByRole("status").filter({ hasText: "Signalement envoyé" })).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "Copier le numéro" }));
});

const PUBLIC_PAGES = ["/", "/report", "/track", "/map", "/results", "/login"];

/** Width of content that sticks out of the viewport (0 when nothing scrolls sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const prefix of ["", "/ar"]) {
  test(`public pages${prefix ? ` in ${prefix}` : ""} reflow at 320 px and with text at 200 % without scrolling sideways`, async ({ page }) => {
    // A tracking number is the citizen's secret: file a report to have one (the offline queue's endpoint).
    const number = await fileReportForTracking(page.request);
    for (const path of [...PUBLIC_PAGES, `/track/${number}`]) {
      const url = `${prefix}${path === "/" && prefix ? "" : path}` || "/";
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      expect(await overflow(page), `${url} at 320 px`).toBeLessThanOrEqual(0);

      // Text at 200 % (the browser's text size setting scales rem units).
      await page.setViewportSize({ width: 640, height: 800 });
      await page.addStyleTag({ content: "html { font-size: 200% !important; }" });
      expect(await overflow(page), `${url} with text at 200 %`).toBeLessThanOrEqual(0);
      const base = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(base, "the text really is twice as large").toBeGreaterThanOrEqual(30);
    }
  });
}
