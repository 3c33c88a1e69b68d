/**
 * The job queue: pg-boss (10, the last line that runs on Node 20) on the app's own database, the
 * embedded PGlite included — pg-boss speaks to it through the database handle's `executeSql`, so
 * one process on one data folder queues and works, and several processes on one PostgreSQL share the
 * jobs (each claimed by one worker: `FOR UPDATE SKIP LOCKED`). Why pg-boss and not graphile-worker:
 * README "Delivery".
 *
 * `enqueue` writes a job in the caller's transaction (the outbox: a change that rolls back leaves no
 * job); the worker (lib/queue/worker) runs them. Like db/, only lib/dal, lib/queue and scripts import
 * this module.
 */
import PgBoss from "pg-boss";
import { sql, type SQL } from "drizzle-orm";
import { getDatabase, type Database, type DatabaseHandle } from "@/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/** The queues and what is in their jobs. */
export type Jobs = {
  /** One mail of the outbox (lib/dal/mails) to deliver. */
  "mail.deliver": { mailId: string };
  /** One run of the scheduled tick (lib/dal/tick). */
  tick: Record<string, never>;
};
export type QueueName = keyof Jobs;

/**
 * Each queue's policy. Mail: retried with exponential backoff and jitter (pg-boss waits
 * retryDelay × 2^n / 2 × (1 + random) seconds before try n+1), then dead (lib/dal/mails records it);
 * an attempt still active after `expireInSeconds` (a worker that died mid-call) is retried. Tick:
 * `singleton`, one run active at a time whichever instance scheduled it.
 */
export function queuePolicies(): Record<QueueName, PgBoss.Queue> {
  const { mailRetryLimit, mailRetryDelaySeconds } = env();
  return {
    "mail.deliver": {
      name: "mail.deliver",
      policy: "standard",
      retryLimit: mailRetryLimit,
      retryDelay: mailRetryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: 120,
      retentionMinutes: 14 * 24 * 60,
    },
    tick: { name: "tick", policy: "singleton", retryLimit: 0, expireInSeconds: 30 * 60, retentionMinutes: 24 * 60 },
  };
}

/** pg-boss's statements that record a worked job's outcome (plans.js completeJobs, failJobsById). */
const MARKS_A_WORKED_JOB = /SET completed_on = now\(\)|AND state < 'completed'/;

/** pg-boss over a database handle's raw SQL. */
export function bossOn(handle: DatabaseHandle, options: { supervise: boolean; schedule: boolean }): PgBoss {
  const boss = new PgBoss({
    db: {
      executeSql: (text: string, values?: unknown[]) => {
        const result = handle.executeSql(text, values);
        if (!MARKS_A_WORKED_JOB.test(text)) return result;
        // pg-boss 10 marks a worked job completed or failed without awaiting it (manager.js,
        // onFetch): when the database cuts the connection at that moment, the rejection would be
        // unhandled and end the process. Logged instead; the job, still active, expires and is
        // worked again (a mail's delivery is idempotent: its id is Resend's idempotency key).
        return result.catch((error: unknown) => {
          log().warn({ err: error }, "job queue: a worked job's outcome was not recorded; it will be worked again");
          return { rows: [{ count: "0" }] };
        });
      },
    },
    supervise: options.supervise,
    schedule: options.schedule,
    migrate: true,
  });
  boss.on("error", (error) => log().error({ err: error }, "job queue error"));
  return boss;
}

/** Starts a boss (installing or upgrading its schema, `pgboss`) and makes sure every queue exists with its policy. */
export async function startBoss(boss: PgBoss): Promise<PgBoss> {
  await boss.start();
  for (const queue of Object.values(queuePolicies())) {
    const existing = await boss.getQueue(queue.name);
    if (!existing) await boss.createQueue(queue.name, queue);
    else if (existing.retryLimit !== queue.retryLimit || existing.retryDelay !== queue.retryDelay) await boss.updateQueue(queue.name, queue);
  }
  return boss;
}

type Holder = { senders: WeakMap<DatabaseHandle, Promise<PgBoss>>; ready: WeakMap<DatabaseHandle, PgBoss> };
// On globalThis: Next can evaluate this module in several bundles of one process.
const holder = ((globalThis as { __ereclamationsQueue?: Holder }).__ereclamationsQueue ??= { senders: new WeakMap(), ready: new WeakMap() });

/**
 * Makes the queue ready to take jobs on the process's database (its schema installed, its queues
 * made). Awaited before a transaction that enqueues: on the embedded database, whose one
 * connection a transaction holds, nothing else can run until it ends.
 */
export async function queueReady(): Promise<void> {
  const handle = await getDatabase();
  if (holder.ready.has(handle)) return;
  let sender = holder.senders.get(handle);
  if (!sender) {
    // The sender only writes jobs: no maintenance, no schedules (the worker's boss runs them).
    sender = startBoss(bossOn(handle, { supervise: false, schedule: false }));
    holder.senders.set(handle, sender);
    sender.catch(() => holder.senders.delete(handle));
  }
  holder.ready.set(handle, await sender);
}

/** pg-boss's SQL ($1… parameters) as a drizzle statement, to run it in a drizzle transaction (an unset value is NULL, as pg sends it). */
export function statementOf(text: string, values: readonly unknown[] = []): SQL {
  const statement = sql.empty();
  text.split(/\$(\d+)/).forEach((part, i) => {
    statement.append(i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`);
  });
  return statement;
}

/** A drizzle transaction as pg-boss's database: what it writes commits or rolls back with the transaction. */
export function inTransactionOf(tx: Database): PgBoss.Db {
  return { executeSql: (text: string, values: unknown[]) => tx.execute(statementOf(text, values)) as unknown as Promise<{ rows: unknown[] }> };
}

/**
 * Writes a job in the transaction `tx` (of the process's database). `queueReady()` must have been
 * awaited before the transaction began (inTransaction and submitReport do).
 */
export async function enqueue<Q extends QueueName>(tx: Database, queue: Q, data: Jobs[Q], options: PgBoss.SendOptions = {}): Promise<void> {
  const boss = holder.ready.get(await getDatabase());
  if (!boss) throw new Error("enqueue: await queueReady() before opening the transaction");
  await boss.send(queue, data, { ...options, db: inTransactionOf(tx) });
}

/** Writes many jobs of one queue in the transaction `tx` with one statement (their data go as one JSON parameter: no bind limit). */
export async function enqueueMany<Q extends QueueName>(tx: Database, queue: Q, data: readonly Jobs[Q][]): Promise<void> {
  if (data.length === 0) return;
  const boss = holder.ready.get(await getDatabase());
  if (!boss) throw new Error("enqueueMany: await queueReady() before opening the transaction");
  await boss.insert(
    data.map((d) => ({ name: queue, data: d })),
    { db: inTransactionOf(tx) },
  );
}

/** The backlog: jobs waiting (created or to retry), and how long the oldest has waited. */
export async function queueBacklog(): Promise<{ waiting: number; oldestSeconds: number | null }> {
  const handle = await getDatabase();
  await queueReady();
  const { rows } = await handle.executeSql(
    `select count(*)::int as waiting, extract(epoch from now() - min(created_on))::float as oldest
       from pgboss.job where state in ('created', 'retry')`,
    [],
  );
  const [row] = rows as { waiting: number; oldest: number | null }[];
  return { waiting: row?.waiting ?? 0, oldestSeconds: row?.oldest == null ? null : Math.round(row.oldest) };
}
