/**
 * `npm run worker`: the queue's worker as its own process (lib/queue/worker), beside servers started
 * with WORKER=off — or beside servers that work the queue too: any number share the jobs. Runs until
 * SIGTERM or SIGINT, then finishes the jobs in hand (10 s at most) and stops. On the embedded PGlite,
 * the server works the queue itself (one process per data folder): use this with DATABASE_URL.
 */
import { getDatabase } from "../db";
import { startWorker } from "../lib/queue/worker";

const handle = await getDatabase();
const worker = await startWorker({ concurrency: Number(process.env.WORKER_CONCURRENCY ?? 8) });
console.log(`[worker] working the queue on ${handle.kind}`);
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await handle.close();
    process.exit(0);
  });
}
