/**
 * `npm run create-admin -- <email> <first name> <last name>`: creates the first administrator of a
 * production deployment (demo accounts are refused there). The password is read from the
 * ADMIN_PASSWORD environment variable (at least 12 characters), never from the command line.
 */
import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import { getDatabase } from "../db";
import { users } from "../db/schema";

const [email, firstName, lastName] = process.argv.slice(2);
const password = process.env.ADMIN_PASSWORD ?? "";
if (!email || !firstName || !lastName || !/^[^@\s]+@[^@\s]+$/.test(email)) {
  console.error("Usage: ADMIN_PASSWORD=… npm run create-admin -- <email> <first name> <last name>");
  process.exit(2);
}
if (password.length < 12) {
  console.error("Set ADMIN_PASSWORD to a password of at least 12 characters.");
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
    await handle.db.insert(users).values({ email: email.toLowerCase(), firstName, lastName, name: `${firstName} ${lastName}`, role: "admin", passwordHash: await bcrypt.hash(password, 12) });
    console.log(`[admin] ${email} can now sign in at /login.`);
  }
} finally {
  await handle.close();
}
