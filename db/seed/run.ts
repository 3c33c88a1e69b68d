/**
 * `npm run db:seed`: migrates and seeds the database DATABASE_URL names (or PGlite) if it is empty.
 * Reference data only (city, districts, services, categories, delegates); `npm run db:seed -- --demo`
 * (or APP_MODE=demo) adds the demo accounts, whose passwords the README publishes, and 300 reports.
 */
import { isDemo } from "@/lib/env";
import { getDatabase } from "../index";
import { seedDatabase } from "./index";

const demo = isDemo(process.env, { command: "seed", args: process.argv.slice(2) });
const handle = await getDatabase();
await handle.migrate();
const result = await seedDatabase(handle.db, { demo });
if (!result.created) console.log("[seed] the database already has its city: nothing to do");
await handle.close();
