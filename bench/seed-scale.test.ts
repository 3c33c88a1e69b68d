/** `npm run seed:scale` still fills a database the current schema accepts (it broke unseen once, when event types became an enum). */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rowsOf, type DatabaseHandle } from "@/db";
import { installTestDatabase } from "@/db/testing";
import { seedScale } from "./seed-scale";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await installTestDatabase();
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

it("makes the reports asked for, each with its typed events", async () => {
  const { total } = await seedScale(handle.db, { reports: 300, log: () => {} });
  expect(total).toBe(300);
  const [counts] = rowsOf<{ reports: number; without_submit: number }>(
    await handle.db.execute(sql`select count(*)::int as reports,
      count(*) filter (where not exists (select 1 from report_events e where e.report_id = reports.id and e.type = 'submit'))::int as without_submit from reports`),
  );
  expect(counts).toEqual({ reports: 300, without_submit: 0 });
}, 120_000);
