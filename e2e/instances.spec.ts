/**
 * Several instances on one PostgreSQL, as a city scales out: two `npm run serve` (WORKER=off) and one
 * `npm run worker`, mails through Resend's HTTP API stood in for locally (lib/testing/resend-standin)
 * while it refuses 30 % of calls at random and is down for 10 s. Every acknowledgement is delivered,
 * each exactly once (counted at the stand-in); two ticks started on both instances at once act once.
 * Needs TEST_DATABASE_URL.
 */
import { randomBytes } from "node:crypto";
import { startResendStandIn, type ResendStandIn } from "../lib/testing/resend-standin";
import { deploy, serverUrl, sql, type Deployment } from "./support/deployment";
import { expect, test } from "./support/test";

const basePort = Number(process.env.E2E_PORT ?? 3100);
const CRON_SECRET = randomBytes(24).toString("hex");
const REPORTS = 1000;
const AT_ONCE = 50;
let deployment: Deployment;
let standIn: ResendStandIn;
let categoryId = 0;

test.skip(!serverUrl, "TEST_DATABASE_URL is not set");
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  standIn = await startResendStandIn();
  deployment = await deploy("instances");
  [{ id: categoryId }] = await sql<{ id: number }>(deployment.databaseUrl, "select id from categories where active and not is_private order by id limit 1");
});

test.afterAll(async () => {
  await deployment?.close();
  await standIn?.close();
});

function report(n: number): FormData {
  const form = new FormData();
  const fields = {
    idempotencyKey: `instances-${n}-${randomBytes(4).toString("hex")}`,
    locale: "fr",
    categoryIds: String(categoryId),
    lat: (35.56 + (n % 20) * 0.001).toFixed(6),
    lng: (-5.38 + Math.floor(n / 20) * 0.0005).toFixed(6),
    description: `Lampadaire éteint numéro ${n}, la rue est plongée dans le noir.`,
    name: "Habitant",
    email: `habitant.${n}@example.org`,
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

test("1,000 reports over two instances while the provider fails: 1,000 acknowledgements, each delivered once; two ticks at once act once", async () => {
  test.setTimeout(720_000);
  const mail = {
    RESEND_API_KEY: standIn.apiKey,
    RESEND_BASE_URL: standIn.url,
    MAIL_FROM: "Ville de Tétouan <no-reply@reclamations.tetouan.ma>",
    MAIL_RETRY_DELAY_SECONDS: "1",
    MAIL_RETRY_LIMIT: "14",
  };
  const instance = { ...mail, WORKER: "off", RATE_LIMIT_SCALE: "1000", CRON_SECRET };
  const bases = await Promise.all([deployment.serve(basePort + 21, instance), deployment.serve(basePort + 22, instance)]);
  await deployment.worker({ ...mail, TICK_CRON: "off", WORKER_CONCURRENCY: "16" });

  // The provider: down for the first 10 s, then refusing 30 % of calls at random.
  standIn.faults = { downUntil: Date.now() + 10_000, failRate: 0.3 };
  const statuses: number[] = [];
  for (let start = 0; start < REPORTS; start += AT_ONCE) {
    const batch = Array.from({ length: AT_ONCE }, (_, i) => start + i);
    statuses.push(...(await Promise.all(batch.map((n) => fetch(`${bases[n % 2]}/api/reports`, { method: "POST", body: report(n) }).then((r) => r.status)))));
  }
  expect(statuses.filter((s) => s !== 201)).toEqual([]);

  // Every acknowledgement reaches the provider once, whatever it refused on the way.
  const acknowledged = async () => standIn.accepted.filter((m) => m.to[0].startsWith("habitant."));
  // A mail first tried during the outage has failed four or five times already; with 30 % refusals
  // and retries doubling from 1 s, a few of a thousand need eight or nine tries (~ 400 s): the
  // wait covers the ninth. The faster the filing, the more mails meet the outage.
  for (let waited = 0; (await acknowledged()).length < REPORTS && waited < 540; waited++) await new Promise((r) => setTimeout(r, 1000));
  const accepted = await acknowledged();
  const recipients = accepted.map((m) => m.to[0]);
  expect(new Set(recipients).size).toBe(REPORTS);
  expect(recipients).toHaveLength(REPORTS);
  const refused = standIn.calls.filter((c) => c.status >= 500).length;
  expect(refused).toBeGreaterThan(100);
  const [states] = await sql<{ sent: number; other: number }>(
    deployment.databaseUrl,
    "select count(*) filter (where state = 'sent')::int as sent, count(*) filter (where state <> 'sent')::int as other from mails where template = 'acknowledgement'",
  );
  expect(states).toEqual({ sent: REPORTS, other: 0 });
  const health = await (await fetch(`${bases[0]}/api/health?queue=1`)).json();
  expect(health.queue).toMatchObject({ mailsDead: 0, mailsRetrying: 0 });

  // Every report is now past its triage deadline; the tick is started on both instances at once.
  await sql(deployment.databaseUrl, "update reports set routing_due_at = now() - interval '1 hour' where status = 'submitted'");
  const ticks = await Promise.all(
    bases.map((base) => fetch(`${base}/api/cron/tick`, { method: "POST", headers: { authorization: `Bearer ${CRON_SECRET}` } }).then((r) => r.json())),
  );
  expect(ticks[0].escalations + ticks[1].escalations).toBe(REPORTS);
  const [events] = await sql<{ reports: number; events: number }>(
    deployment.databaseUrl,
    "select count(distinct report_id)::int as reports, count(*)::int as events from report_events where type = 'escalate_routing'",
  );
  expect(events).toEqual({ reports: REPORTS, events: REPORTS });
});
