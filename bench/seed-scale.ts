/**
 * `npm run seed:scale -- --reports 1000000`: fills the database DATABASE_URL names (or the embedded
 * PGlite under DATA_DIR) with a realistic city of many reports: four years of history growing
 * year on year, every state of the lifecycle (old reports mostly closed, recent ones open),
 * points clustered around the districts' centres, one or two categories, a timeline per report.
 *
 * Set-based: tracking numbers are made in JS (valid check symbols, unique by construction) and
 * sent 50,000 at a time; everything else is computed by PostgreSQL from generate_series/unnest.
 * Refuses to add to a database that already has reports unless `--append` is given.
 */
import { sql } from "drizzle-orm";
import { getDatabase, rowsOf, type Database } from "@/db";
import { seedDatabase } from "@/db/seed";
import { generateTrackingNumber } from "@/lib/domain/tracking-number";

const BATCH = 50_000;
const YEARS = 4;

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Distinct numbers: i ↦ i × odd constant mod 2⁴⁰ is a bijection, so no collision, no retry. */
function trackingNumbers(prefix: string, from: number, count: number): string[] {
  const out: string[] = [];
  const modulus = 2n ** 40n;
  for (let i = from; i < from + count; i++) {
    let v = (BigInt(i + 1) * 0x9e3779b97fn) % modulus;
    const bytes = new Uint8Array(5);
    for (let b = 4; b >= 0; b--) {
      bytes[b] = Number(v & 0xffn);
      v >>= 8n;
    }
    out.push(generateTrackingNumber(prefix, () => bytes));
  }
  return out;
}

export async function seedScale(db: Database, options: { reports: number; now?: Date; log?: (line: string) => void }) {
  const log = options.log ?? console.log;
  const now = options.now ?? new Date();
  await seedDatabase(db, { demo: true, reports: 0, log: () => {} });
  const [{ prefix }] = rowsOf<{ prefix: string }>(await db.execute(sql`select tracking_prefix as prefix from city limit 1`));
  const [{ existing }] = rowsOf<{ existing: number }>(await db.execute(sql`select count(*)::int as existing from reports`));
  const started = Date.now();

  // Reference data the generator draws from, as arrays PostgreSQL indexes into.
  await db.execute(sql`drop table if exists scale_categories`);
  await db.execute(sql`create temporary table scale_categories as
    select row_number() over (order by c.id) as n, c.id, c.service_id, c.triage_hours, c.response_days, s.delegate_id
    from categories c join services s on s.id = c.service_id where c.active and not c.is_private`);
  await db.execute(sql`drop table if exists scale_districts`);
  await db.execute(sql`create temporary table scale_districts as select row_number() over (order by id) as n, id, center_lat, center_lng from districts`);

  for (let from = 0; from < options.reports; from += BATCH) {
    const numbers = trackingNumbers(prefix, existing + from, Math.min(BATCH, options.reports - from));
    await db.execute(sql`
      with generated as (
        select t.num, t.i,
          -- Older years have fewer reports: the square root skews submission dates toward today. The
          -- i-th report of the whole run takes the i-th quantile (jittered within its slot), so rows
          -- are written in the order they arrived, as a city's table holds them: a month's reports
          -- sit on neighbouring pages, with no CLUSTER afterwards.
          ${now}::timestamptz - (interval '1 day' * ${YEARS * 365} * (1 - sqrt((${from}::float8 + t.i - 1 + random()) / ${options.reports}::float8))) as submitted_at,
          (select count(*) from scale_categories) as ncat,
          (select count(*) from scale_districts) as ndist,
          random() as r_state, random() as r_cat, random() as r_dist, random() as r_speed, random() as r_channel,
          sqrt(-2 * ln(greatest(random(), 1e-9))) * cos(2 * pi() * random()) as gx,
          sqrt(-2 * ln(greatest(random(), 1e-9))) * sin(2 * pi() * random()) as gy
        from unnest(${`{${numbers.join(",")}}`}::text[]) with ordinality as t(num, i)
      ), placed as (
        select g.*, c.id as category_id, c.service_id, c.triage_hours, c.response_days, d.id as district_id,
          d.center_lat + g.gy * 0.004 as lat, d.center_lng + g.gx * 0.005 as lng,
          extract(epoch from (${now}::timestamptz - g.submitted_at)) / 86400 as age_days
        from generated g
        join scale_categories c on c.n = 1 + floor(g.r_cat * g.ncat)::int
        join scale_districts d on d.n = 1 + floor(g.r_dist * g.r_dist * g.ndist)::int
      ), staged as (
        select p.*,
          case
            when p.r_state < 0.015 then 'duplicate'
            when p.r_state < 0.025 then 'inadmissible'
            when p.age_days < 2 and p.r_state < 0.6 then 'submitted'
            when p.age_days < 30 and p.r_state < 0.35 then 'routed'
            when p.age_days < 30 and p.r_state < 0.55 then 'in_progress'
            when p.age_days < 30 and p.r_state < 0.6 then 'needs_info'
            when p.age_days < 45 and p.r_state < 0.85 then 'answered'
            when p.r_state < 0.03 then 'in_progress'
            else 'closed'
          end::report_status as status
        from placed p
      )
      , inserted as (
      insert into reports (tracking_number, status, channel, description, lat, lng, district_id, service_id, citizen_name, citizen_email,
        is_anonymous, locale, submitted_at, routing_due_at, response_due_at, routed_at, answered_at, closed_at, outcome, answer, updated_at)
      select s.num, s.status,
        (array['web','web','web','web','phone','counter','email','letter','api'])[1 + floor(s.r_channel * 9)::int]::report_channel,
        'Signalement de démonstration n° ' || s.i || ' : problème constaté sur la voie publique.',
        least(greatest(s.lat, -90), 90), least(greatest(s.lng, -180), 180), s.district_id, s.service_id,
        case when s.r_speed < 0.8 then 'Citoyen ' || s.i end,
        case when s.r_speed < 0.6 then 'citoyen' || s.i || '@example.org' end,
        s.r_speed >= 0.8, (array['fr','fr','ar','ar','en'])[1 + floor(s.r_cat * 5)::int],
        s.submitted_at, s.submitted_at + interval '1 hour' * s.triage_hours, s.submitted_at + interval '1 day' * s.response_days,
        case when s.status not in ('submitted','duplicate','inadmissible') then s.submitted_at + interval '1 hour' * s.triage_hours * (0.2 + 1.3 * s.r_speed) end,
        case when s.status in ('answered','closed') then s.submitted_at + interval '1 day' * s.response_days * (0.3 + 1.2 * s.r_speed) end,
        case when s.status in ('closed','duplicate','inadmissible') then s.submitted_at + interval '1 day' * (s.response_days * 1.5 + 15) end,
        case when s.status in ('answered','closed') then (array['upheld','upheld','rejected','reoriented'])[1 + floor(s.r_state * 4)::int]::answer_outcome end,
        case when s.status in ('answered','closed') then 'Réponse du service.' end,
        s.submitted_at
      from staged s
      order by s.i
      returning id, tracking_number, submitted_at, routed_at, answered_at
      ), categorised as (
        insert into report_categories (report_id, category_id, position)
        select i.id, s.category_id, 0 from inserted i join staged s on s.num = i.tracking_number
      )
      -- The timeline: filed, then routed and answered when they were.
      insert into report_events (report_id, at, type, actor_role, from_status, to_status)
      select id, submitted_at, 'submit'::report_event_type, 'citizen', null::report_status, 'submitted'::report_status from inserted
      union all
      select id, routed_at, 'route'::report_event_type, 'coordinator', 'submitted', 'routed' from inserted where routed_at is not null
      union all
      select id, answered_at, 'answer'::report_event_type, 'agent', 'in_progress', 'answered' from inserted where answered_at is not null`);
    log(`[seed:scale] ${from + numbers.length} / ${options.reports} reports (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }

  // Vacuumed as well as analysed: a vacuum marks the pages all-visible, without which the public
  // map's index-only scans would visit the table's pages after all (a city's autovacuum does it in time).
  await db.execute(sql`vacuum (analyze) reports`);
  await db.execute(sql`analyze`);
  const [{ total }] = rowsOf<{ total: number }>(await db.execute(sql`select count(*)::int as total from reports`));
  log(`[seed:scale] done: ${total} reports in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { total, seconds: (Date.now() - started) / 1000 };
}

if (process.argv[1]?.endsWith("seed-scale.ts")) {
  const reports = Number(argument("reports") ?? "1000000");
  if (!Number.isInteger(reports) || reports < 1) {
    console.error("usage: npm run seed:scale -- --reports 1000000 [--append]");
    process.exit(2);
  }
  const handle = await getDatabase();
  await handle.migrate();
  const [{ existing }] = rowsOf<{ existing: number }>(await handle.db.execute(sql`select count(*)::int as existing from reports`));
  if (existing > 0 && !process.argv.includes("--append")) {
    console.error(`[seed:scale] the database already has ${existing} reports: pass --append to add more`);
    process.exit(1);
  }
  await seedScale(handle.db, { reports });
  await handle.close();
}
