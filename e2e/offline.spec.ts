/**
 * A phone that loses its network: the site installs as an app, the report form keeps a draft on
 * the phone (files included), a report written offline waits on the phone and is sent once when
 * the network returns, and the form opens again without network.
 */
import { expect, test, type Page } from "./support/test";
import { smallPng } from "./support/files";
import { ReportPage, uniqueEmail } from "./support/report-page";

async function mailsTo(page: Page, email: string) {
  const response = await page.request.get("/dev/outbox");
  const articles = (await response.text()).match(/<article[\s\S]*?<\/article>/g) ?? [];
  return articles.filter((article) => article.includes(email)).length;
}

test("the site is an installable app with its icons and a service worker", async ({ page, request }) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const body = await manifest.json();
  expect(body).toMatchObject({ display: "standalone", start_url: "/", lang: "fr" });
  expect(body.name).toContain("Tétouan");
  const sizes = body.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(body.icons.some((icon: { purpose?: string }) => icon.purpose === "maskable")).toBe(true);
  for (const icon of body.icons) {
    const file = await request.get(icon.src);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("image/png");
  }

  await page.goto("/");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", /manifest\.webmanifest/);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(new URL("/", page.url()).href);
  const sw = await request.get("/sw.js");
  expect(sw.headers()["cache-control"]).toContain("no-cache");
});

test("the report form opens without network once the site has been visited", async ({ page, context }) => {
  await page.goto("/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The worker precaches the form at install; give it the moment it needs.
  await expect.poll(() => page.evaluate(async () => Boolean(await caches.match("/report")))).toBe(true);
  await context.setOffline(true);
  await page.goto("/report");
  await expect(page.getByRole("heading", { level: 1, name: "Signaler un problème" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Vous n'êtes pas connecté" })).toBeVisible();
  await context.setOffline(false);
});

test("a draft survives a reload; a report written offline waits, then is sent once with its files", async ({ page, context }) => {
  const email = uniqueEmail("hors-ligne");
  const form = new ReportPage(page);
  await form.open();
  await form.chooseCategories("Ordures non collectées");
  await form.chooseDistrict("Médina");
  await form.description.fill("Conteneur renversé rue de la Luneta, les chats éventrent les sacs.");
  await form.attach(await smallPng(1));
  await expect(form.attachedFiles().first()).toContainText("Envoyé");

  // The phone keeps the draft: a reload (or a closed tab) loses nothing, the photo included.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open("e-reclamations");
            open.onsuccess = () => {
              const get = open.result.transaction("report").objectStore("report").get("draft");
              get.onsuccess = () => resolve(get.result?.files?.length ?? 0);
            };
            open.onerror = () => resolve(0);
          }),
      ),
    )
    .toBe(1);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Nous avons retrouvé le signalement" })).toBeVisible();
  await expect(form.description).toHaveValue("Conteneur renversé rue de la Luneta, les chats éventrent les sacs.");
  await expect(form.category("Ordures non collectées")).toBeChecked();
  await expect(form.chosenPoint).toContainText("Emplacement choisi");
  await expect(form.attachedFiles()).toHaveCount(1);
  await expect(form.attachedFiles().first()).toContainText("Envoyé");

  // The network goes: a second photo waits, the report is checked, then kept on the phone.
  await context.setOffline(true);
  await expect(page.getByRole("status").filter({ hasText: "Vous n'êtes pas connecté" })).toBeVisible();
  await form.attach(await smallPng(2));
  await expect(form.attachedFiles().nth(1)).toContainText("En attente du réseau");
  await form.fillContact({ name: "Youssef Hors-Ligne", email: "pas-une-adresse" });
  await form.submit.click();
  await form.expectError("L'adresse e-mail n'est pas valide");
  await form.fillContact({ email });
  await form.submit.click();
  await expect(page.getByTestId("report-queued")).toContainText("Pas de réseau : votre signalement est gardé sur ce téléphone");
  expect(await mailsTo(page, email)).toBe(0);

  // The network returns: the report leaves once and its tracking number is shown.
  await context.setOffline(false);
  await expect(page).toHaveURL(/\/report\/done\/TET-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/, { timeout: 30_000 });
  const trackingNumber = (await page.getByTestId("tracking-number").textContent())!.trim();
  expect(await mailsTo(page, email)).toBe(1);

  await page.goto(`/track/${trackingNumber}`);
  await expect(page.getByRole("main").getByRole("img", { name: "Photo 1" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("img", { name: "Photo 2" })).toBeVisible();

  // Back on the form: nothing waits, no draft, and still one report for this citizen.
  await page.goto("/report");
  await expect(form.description).toHaveValue("");
  await expect(page.getByRole("status").filter({ hasText: "attend le réseau" })).toHaveCount(0);
  expect(await mailsTo(page, email)).toBe(1);
});
