import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { log } from "@/lib/log";

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
