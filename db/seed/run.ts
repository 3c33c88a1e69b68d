/** `npm run db:seed`: migrates and seeds the database DATABASE_URL names (or PGlite) if it is empty. */
import { getDatabase } from "../index";
import { seedDatabase } from "./index";

const handle = await getDatabase();
await handle.migrate();
const result = await seedDatabase(handle.db);
if (!result.created) console.log("[seed] the database already has its city: nothing to do");
await handle.close();
