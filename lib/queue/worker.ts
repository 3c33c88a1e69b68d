/**
 * The queue's worker: delivers the outbox's mails and runs the scheduled tick. Started in the
 * server's own process (instrumentation.ts, unless WORKER=off) or as its own process
 * (`npm run worker`, scripts/worker.ts); any number of them on one PostgreSQL share the jobs, each
 * job worked by one. Its boss also keeps the queue (expiring jobs whose worker died, archiving) and
 * the schedules: the tick's cron (TICK_CRON, UTC) makes one job per slot whichever instance sees it
 * first, and the tick's queue lets one run at a time.
 */
import type PgBoss from "pg-boss";
import { getDatabase } from "@/db";
import { deliverMail } from "@/lib/dal/mails";
import { runTick } from "@/lib/dal/tick";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { bossOn, startBoss } from "./index";

export type Worker = { stop: () => Promise<void> };

/**
 * Starts a worker on the process's database. `concurrency`: mails in flight at once (default 4);
 * `pollingIntervalSeconds`: how often an idle worker looks for jobs (default 1).
 */
export async function startWorker(options: { concurrency?: number; pollingIntervalSeconds?: number; tickCron?: string | null } = {}): Promise<Worker> {
  const handle = await getDatabase();
  const boss = await startBoss(bossOn(handle, { supervise: true, schedule: true }));
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
  for (let i = 0; i < (options.concurrency ?? 4); i++) {
    await boss.work<{ mailId: string }>(
      "mail.deliver",
      { pollingIntervalSeconds, includeMetadata: true },
      async ([job]: PgBoss.JobWithMetadata<{ mailId: string }>[]) => {
        await deliverMail(job.data.mailId, { retryCount: job.retryCount, retryLimit: job.retryLimit });
      },
    );
  }
  await boss.work("tick", { pollingIntervalSeconds: 5 }, async () => {
    const result = await runTick();
    log().info({ result }, "tick done");
  });
  const cron = options.tickCron === undefined ? env().tickCron : options.tickCron;
  if (cron) await boss.schedule("tick", cron, {}, { tz: "UTC" });
  else await boss.unschedule("tick");
  log().info({ driver: handle.kind, tickCron: cron }, "queue worker started");
  return { stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}

type Holder = { worker?: Promise<Worker>; retry?: NodeJS.Timeout };
const holder = ((globalThis as { __ereclamationsWorker?: Holder }).__ereclamationsWorker ??= {});

/**
 * The server's own worker (instrumentation.ts): started once per process, unless WORKER=off. A
 * start that fails (the database not reachable yet) never stops the server from serving: it is
 * logged and tried again 5 s later; mails wait in the outbox meanwhile.
 */
export function startInProcessWorker(): void {
  if (env().worker === "off" || holder.worker || holder.retry) return;
  holder.worker = startWorker().catch((error) => {
    log().error({ err: error }, "the in-process queue worker could not start; trying again in 5 s");
    holder.worker = undefined;
    holder.retry = setTimeout(() => {
      holder.retry = undefined;
      startInProcessWorker();
    }, 5000);
    holder.retry.unref();
    throw error;
  });
  holder.worker.catch(() => {});
}
