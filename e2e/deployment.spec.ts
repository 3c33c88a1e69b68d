/**
 * The real deployment path: the build the journeys use (.next-e2e), served by `npm run serve`
 * (scripts/serve.ts) as production against a new PostgreSQL database seeded by `npm run db:seed`,
 * with the platform's own rate limits. No demo: no outbox page. Per-address limits count the
 * connection, whatever X-Forwarded-For a client forges; behind a trusted proxy, the hop it appended.
 * Needs TEST_DATABASE_URL (a PostgreSQL server on which to create the database).
 */
import { randomBytes } from "node:crypto";
import { deploy, serverUrl, sql, type Deployment } from "./support/deployment";
import { expect, test } from "./support/test";

const basePort = Number(process.env.E2E_PORT ?? 3100);
let deployment: Deployment;
let databaseUrl = "";
let categoryId = 0;
const serve = (port: number, extra: Record<string, string> = {}) => deployment.serve(port, extra);

test.skip(!serverUrl, "TEST_DATABASE_URL is not set");
test.describe.configure({ mode: "serial" });

/** A valid report from a new email each time (the email's own limit is not what is tested). */
function report(n: number, tag: string): FormData {
  const form = new FormData();
  const fields = {
    idempotencyKey: `deploy-${tag}-${n}-${randomBytes(4).toString("hex")}`,
    locale: "fr",
    categoryIds: String(categoryId),
    lat: "35.578500",
    lng: "-5.368400",
    description: "Un nid-de-poule profond au milieu de la chaussée.",
    name: "Essai Déploiement",
    email: `deploy.${tag}.${n}@example.org`,
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  deployment = await deploy("deploy");
  databaseUrl = deployment.databaseUrl;
  [{ id: categoryId }] = await sql<{ id: number }>(databaseUrl, "select id from categories where active and not is_private order by id limit 1");
});

test.afterAll(async () => {
  await deployment?.close();
});

test("served as production: no account, no report, no outbox page", async () => {
  const base = await serve(basePort + 11);
  expect(await sql(databaseUrl, "select id from users")).toHaveLength(0);
  expect(await sql(databaseUrl, "select id from reports")).toHaveLength(0);
  for (const page of ["/dev/outbox", "/en/dev/outbox", "/ar/dev/outbox"]) expect((await fetch(`${base}${page}`)).status, page).toBe(404);

  // 25 reports from one connection, each with a new forged X-Forwarded-For and X-Real-IP: the
  // address's quota (20 an hour) holds.
  const statuses: number[] = [];
  for (let n = 1; n <= 25; n++) {
    const forged = `198.51.100.${n}`;
    const response = await fetch(`${base}/api/reports`, {
      method: "POST",
      body: report(n, "forged"),
      headers: { "x-forwarded-for": forged, "x-real-ip": forged, "x-erec-client-address": forged },
    });
    statuses.push(response.status);
  }
  expect(statuses.filter((s) => s === 201)).toHaveLength(20);
  expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
});

test("behind a trusted proxy (TRUSTED_PROXIES=loopback), the hop the proxy appended is the client", async () => {
  const base = await serve(basePort + 12, { TRUSTED_PROXIES: "loopback" });
  // As a proxy forwards it: what the client claimed (6.6.6.6), then the peer the proxy saw.
  for (let n = 1; n <= 3; n++) {
    const response = await fetch(`${base}/api/reports`, {
      method: "POST",
      body: report(n, "proxied"),
      headers: { "x-forwarded-for": `6.6.6.6, 203.0.113.${n}` },
    });
    expect(response.status).toBe(201);
  }
  const counted = await sql<{ key: string; count: number }>(databaseUrl, "select key, count from rate_limits where key like 'report:address:%' order by key");
  expect(counted.map((c) => c.key)).toEqual(expect.arrayContaining(["report:address:203.0.113.1", "report:address:203.0.113.2", "report:address:203.0.113.3"]));
  expect(counted.map((c) => c.key)).not.toContain("report:address:6.6.6.6");
});
