/**
 * `npm run create-admin -- <email> <first name> <last name>`: creates the first administrator of a
 * production deployment (demo accounts are refused there). The password is read from the
 * ADMIN_PASSWORD environment variable, never from the command line, and must pass the password
 * policy (lib/domain/password-policy: 12 characters, not a common password). At the first sign-in the
 * administrator is asked to enrol a second factor (an authenticator app) before anything else.
 */
import { hashPassword } from "../lib/auth/passwords";
import { passwordProblem } from "../lib/domain/password-policy";
import { DEMO_PASSWORDS } from "../db/seed/data";
import { sql } from "drizzle-orm";
import { getDatabase } from "../db";
import { users } from "../db/schema";

const [email, firstName, lastName] = process.argv.slice(2);
const password = process.env.ADMIN_PASSWORD ?? "";
if (!email || !firstName || !lastName || !/^[^@\s]+@[^@\s]+$/.test(email)) {
  console.error("Usage: ADMIN_PASSWORD=… npm run create-admin -- <email> <first name> <last name>");
  process.exit(2);
}
const PROBLEMS = {
  too_short: "at least 12 characters",
  too_long: "at most 200 characters",
  common: "not a common or easily guessed password (a sentence of several words works well)",
  personal: "not containing the account's email or name",
} as const;
const problem = passwordProblem(password, [email, firstName, lastName, ...Object.values(DEMO_PASSWORDS)]);
if (problem) {
  console.error(`Set ADMIN_PASSWORD to a password of ${PROBLEMS[problem]}.`);
  process.exit(2);
}
const handle = await getDatabase();
try {
  await handle.migrate();
  const [existing] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  if (existing) {
    console.error(`An account already uses ${email}.`);
    process.exitCode = 1;
  } else {
    await handle.db.insert(users).values({ email: email.toLowerCase(), firstName, lastName, role: "admin", passwordHash: await hashPassword(password) });
    console.log(`[admin] ${email} can now sign in at /login; the first sign-in asks to enrol a second factor (an authenticator app).`);
  }
} finally {
  await handle.close();
}
