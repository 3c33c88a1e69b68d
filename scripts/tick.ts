/** `npm run tick`: runs the scheduled tick once against the configured database (stop `npm start` first when on PGlite). */
import { getDatabase } from "../db";
import { runTick } from "../lib/dal/tick";

const handle = await getDatabase();
try {
  const result = await runTick();
  console.log(`[tick] ${JSON.stringify(result)}`);
} finally {
  await handle.close();
}
