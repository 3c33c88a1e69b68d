/**
 * The tick at a city's scale (issue 21, point 3): two runs of the whole tick (lib/dal/tick runTick),
 * in this process, on a copy of the benchmark's database made for them (the tick changes what it
 * runs on: it closes, escalates and anonymises), with each job's duration and the process's peak
 * RSS. The first run meets the backlog the seeded city has (due reminders, escalations and silences,
 * quiet answers, two years of contact data to erase, which the tick erases 30 s at a time); the
 * runs go on until one is caught up. Called by
 * bench/run.ts once nothing else is connected to that database; `npx tsx bench/tick.ts` alone copies
 * the database BENCH_DATABASE_URL names.
 */
import pg from "pg";
import { openDatabase, useDatabase } from "@/db";
import { runTick, type TickResult, type TickTimings } from "@/lib/dal/tick";

export const TICK_TARGETS = { firstMs: 60_000, caughtUpMs: 10_000 };

export type TickRun = { ms: number; timings: TickTimings; result: TickResult; peakRssMb: number };

/** A run that had no backlog left to erase (less than one batch of the anonymisation): the tick once caught up. */
export const caughtUp = (run: TickRun) => run.result.anonymised < 5000;

/**
 * Runs the tick on a fresh copy of `sourceUrl`'s database (dropped afterwards): at least twice, and
 * until a run is caught up (the backlog of a first deployment is erased over a few ticks, each
 * bounded), at most five times.
 */
export async function benchTick(sourceUrl: string): Promise<TickRun[]> {
  const source = new URL(sourceUrl);
  const name = source.pathname.slice(1);
  const copy = `${name}_tick_run`;
  const admin = new pg.Client({ connectionString: Object.assign(new URL(sourceUrl), { pathname: "/postgres" }).toString() });
  await admin.connect();
  await admin.query(`drop database if exists "${copy}" with (force)`);
  // The servers just stopped may still be leaving the source (55006: being accessed by other users).
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`create database "${copy}" template "${name}"`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  const handle = await openDatabase({ url: Object.assign(new URL(sourceUrl), { pathname: `/${copy}` }).toString() });
  try {
    await handle.migrate();
    useDatabase(handle);
    const runs: TickRun[] = [];
    for (let i = 0; i < 5 && (i < 2 || !caughtUp(runs[i - 1])); i++) {
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      const timings: TickTimings = [];
      const started = performance.now();
      const result = await runTick(new Date(), timings);
      const ms = performance.now() - started;
      clearInterval(sampler);
      runs.push({ ms, timings, result, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024 });
    }
    return runs;
  } finally {
    await handle.close();
    await admin.query(`drop database if exists "${copy}" with (force)`);
    await admin.end();
  }
}

/** One line per job, for the table: "deadlines 10.1 s, anonymise 30.1 s, …". */
export function jobsLine(timings: TickTimings): string {
  return timings
    .filter((t) => t.ms >= 50)
    .map((t) => `${t.job} ${(t.ms / 1000).toFixed(1)} s`)
    .join(", ");
}

/** The bench table's lines: each run against its target (the first ≤ 60 s, a caught-up one ≤ 10 s), and the peak RSS. */
export function tickRecords(runs: TickRun[]): { measure: string; value: string; target: string; ok?: boolean }[] {
  const lines = runs.map((run, i) => {
    const target = i > 0 && caughtUp(run) ? TICK_TARGETS.caughtUpMs : TICK_TARGETS.firstMs;
    const label = i === 0 ? "first run (the seeded backlog)" : caughtUp(run) ? "caught up" : "still erasing the backlog";
    return {
      measure: `tick, run ${i + 1}: ${label}`,
      value: `${(run.ms / 1000).toFixed(1)} s: ${jobsLine(run.timings)}`,
      target: `≤ ${target / 1000} s`,
      ok: run.ms <= target,
    };
  });
  return [...lines, { measure: "tick, peak RSS of the process", value: `${Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)} MB`, target: "" }];
}

if (process.argv[1]?.endsWith("tick.ts")) {
  const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bench";
  const runs = await benchTick(url);
  for (const [i, run] of runs.entries()) {
    const summary = `${(run.ms / 1000).toFixed(1)} s (${jobsLine(run.timings)}); ${JSON.stringify(run.result)}; peak RSS ${run.peakRssMb.toFixed(0)} MB`;
    console.log(`[tick] run ${i + 1}${caughtUp(run) ? " (caught up)" : ""}: ${summary}`);
  }
}
