/** `npm run db:migrate`: applies the committed migrations to the database DATABASE_URL names (or PGlite). */
import { getDatabase } from "./index";

const handle = await getDatabase();
await handle.migrate();
console.log(`[db] migrations applied (${handle.kind})`);
await handle.close();
