/**
 * The coordinator's triage as a workspace to spend a day in: at 1440 × 900 the map and the list
 * side by side on the first screen, the panel beside them and in view whatever row was clicked,
 * reports to triage first, every visible report ticked at once, and a report filed meanwhile
 * announced without moving the list. At 1024 px the panel is not cut off.
 */
import { expect, test } from "./support/test";
import { ReportPage, uniqueEmail } from "./support/report-page";
import { ACCOUNTS, signIn } from "./support/staff";

test.use({ viewport: { width: 1440, height: 900 } });

test("map, list and panel share the first screen; the panel stays in view; to triage first", async ({ page }) => {
  await signIn(page, ACCOUNTS.coordinator);
  await page.goto("/staff/triage");
  const map = page.locator(".triage .leaflet-container");
  const list = page.getByRole("list", { name: "Signalements de la zone affichée" });
  await expect(map).toBeVisible();
  const [mapBox, listBox] = [(await map.boundingBox())!, (await list.boundingBox())!];
  expect(mapBox.y, "the map starts on the first screen").toBeLessThan(450);
  expect(listBox.y, "the list starts on the first screen").toBeLessThan(450);
  expect(mapBox.x + mapBox.width, "map and list side by side").toBeLessThanOrEqual(listBox.x + 1);
  await expect(page.getByTestId("triage-panel")).toContainText("Choisissez un signalement");

  // Reports waiting to be routed come first.
  const statuses = await list.locator(".status-badge").allTextContents();
  const firstOther = statuses.findIndex((s) => s !== "Déposé, à orienter");
  expect(firstOther, "some reports wait for triage in the demo").toBeGreaterThan(0);
  expect(statuses.slice(firstOther)).not.toContain("Déposé, à orienter");

  // A row far down the list: its report opens in a panel that is in view.
  const row = list.getByRole("listitem").nth(25);
  const number = (await row.locator(".triage-item__number").textContent())!;
  await row.getByRole("button").click();
  const panel = page.getByRole("complementary", { name: "Signalement sélectionné" });
  await expect(panel).toContainText(number);
  const panelBox = (await panel.boundingBox())!;
  expect(panelBox.y).toBeGreaterThanOrEqual(0);
  expect(panelBox.y).toBeLessThan(900 / 2);
  expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(1440);

  // Every report in view at once.
  const shown = await list.getByRole("listitem").count();
  await page.getByRole("checkbox", { name: `Tout cocher (${shown})` }).check();
  await expect(page.getByRole("button", { name: `Orienter les ${shown} signalements cochés` })).toBeVisible();
  await page.getByRole("checkbox", { name: `Tout cocher (${shown})` }).uncheck();
  await expect(page.getByRole("button", { name: /Orienter les \d+ signalements cochés/ })).toHaveCount(0);
});

test("a report filed meanwhile is announced, and shown when the coordinator asks", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.coordinator);
  await page.goto("/staff/triage");
  const count = page.getByTestId("triage-count");
  const before = Number((await count.textContent())!.match(/sur (\d+)/)![1]);
  const firstRow = await page.locator(".triage-item__number").first().textContent();

  const citizen = await browser.newPage();
  const form = new ReportPage(citizen);
  await form.open();
  await form.chooseCategories("Ordures non collectées");
  await form.chooseDistrict("Médina");
  await form.description.fill(`Sacs d'ordures laissés devant l'école depuis trois jours (${Date.now().toString(36)}).`);
  await form.fillContact({ name: "Nadia Citoyenne", email: uniqueEmail("news") });
  await form.submit.click();
  await expect(citizen).toHaveURL(/\/report\/done\//);
  await citizen.close();

  const news = page.getByTestId("triage-new");
  await expect(news).toHaveText("1 nouveau signalement — afficher", { timeout: 20_000 });
  // Announced, not inserted: what the coordinator reads has not moved.
  await expect(page.locator(".triage-item__number").first()).toHaveText(firstRow!);
  await news.click();
  await expect(count).toContainText(`sur ${before + 1}`);
  await expect(news).toHaveCount(0);
});

test.describe("at 1024 px", () => {
  test.use({ viewport: { width: 1024, height: 768 } });
  test("the panel is beside the list and not cut off", async ({ page }) => {
    await signIn(page, ACCOUNTS.coordinator);
    await page.goto("/staff/triage");
    await page.locator(".triage-item__open").first().click();
    const panel = page.getByRole("complementary", { name: "Signalement sélectionné" });
    await expect(panel.locator(".report-panel")).toBeVisible();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    expect(box.y).toBeLessThan(768);
  });
});
