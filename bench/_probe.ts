import { chromium, devices } from "playwright";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const url of process.argv.slice(2)) {
  const context = await browser.newContext({ ...devices["Pixel 7"], serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  const list = await page.evaluate(() => performance.getEntriesByType("resource").filter((e: any) => e.initiatorType === "script" || e.name.endsWith(".js")).map((e: any) => [e.encodedBodySize, e.name.split("/").pop()] as const));
  console.log(url, (list.reduce((s, [b]) => s + b, 0) / 1024).toFixed(1), "KB");
  for (const [b, n] of list.sort((a, b) => b[0] - a[0]).slice(0, 12)) console.log("  ", (b / 1024).toFixed(1), n);
  await context.close();
}
await browser.close();
