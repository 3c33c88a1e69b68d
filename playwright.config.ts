import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_MISSING, findChromium } from "./scripts/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// Without it, Playwright would fail every journey with its "download new browsers" box.
const chromium = findChromium();
if (!chromium) throw new Error(CHROMIUM_MISSING);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  // One server on one embedded database: journeys run one after the other.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    locale: "fr-FR",
    timezoneId: "Africa/Casablanca",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium-mobile",
      use: {
        ...devices["Pixel 7"],
        launchOptions: {
          executablePath: chromium,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR: process.env.DATA_DIR ?? path.resolve(".data-e2e"),
      NEXT_DIST_DIR: ".next-e2e",
      APP_URL: baseURL,
      // Map tiles cannot load offline; an unreachable local address keeps the browser quiet.
      NEXT_PUBLIC_TILE_URL: "http://localhost:9/{z}/{x}/{y}.png",
      DATABASE_URL: "",
      RESEND_API_KEY: "",
      UPLOADTHING_TOKEN: "",
      // Every journey comes from one address; the limits themselves are tested in lib/dal.
      RATE_LIMIT_SCALE: "100",
      // The server works the queue (its mails), but the journeys' clock is their own: no tick
      // escalates the demo reports under a journey's feet (the tick is tested in lib/dal).
      TICK_CRON: "off",
    },
  },
});
