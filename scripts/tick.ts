/** `npm run tick`: runs the scheduled tick once against the configured database (stop `npm start` first when on PGlite). */
import { getDatabase } from "../db";
import { runTick, type TickTimings } from "../lib/dal/tick";

const handle = await getDatabase();
try {
  const timings: TickTimings = [];
  const result = await runTick(new Date(), timings);
  console.log(`[tick] ${JSON.stringify(result)}`);
  console.log(`[tick] ${timings.map((t) => `${t.job} ${(t.ms / 1000).toFixed(1)} s`).join(", ")}`);
} finally {
  await handle.close();
}
