import { sql } from "drizzle-orm";
import { getDatabase, rowsOf } from "@/db";
import { log } from "@/lib/log";
import { queueBacklog } from "@/lib/queue";

/** Public: says whether the database answers, and which driver is in use (no data). */
export async function checkDatabase(): Promise<{ ok: boolean; driver: string | null }> {
  try {
    const handle = await getDatabase();
    await handle.db.execute(sql`select 1`);
    return { ok: true, driver: handle.kind };
  } catch (error) {
    log().error({ err: error }, "database unreachable");
    return { ok: false, driver: null };
  }
}

export type DeliveryHealth = {
  /** Jobs waiting to run (created or to retry), and how long the oldest has waited, in seconds. */
  backlog: number;
  oldestSeconds: number | null;
  /** Mails not delivered: still to retry, and dead (an admin sends them again from /staff/admin/mails). */
  mailsRetrying: number;
  mailsDead: number;
};

/** Public: the queue's figures, counts only (no address, no content). Null when they cannot be read. */
export async function checkDelivery(): Promise<DeliveryHealth | null> {
  try {
    const { waiting, oldestSeconds } = await queueBacklog();
    const handle = await getDatabase();
    const [mails] = rowsOf<{ retrying: number; dead: number }>(
      await handle.db.execute(
        sql`select count(*) filter (where state = 'retrying')::int as retrying, count(*) filter (where state = 'dead')::int as dead from mails where state in ('retrying', 'dead')`,
      ),
    );
    return { backlog: waiting, oldestSeconds, mailsRetrying: mails?.retrying ?? 0, mailsDead: mails?.dead ?? 0 };
  } catch (error) {
    log().error({ err: error }, "queue figures unreadable");
    return null;
  }
}
