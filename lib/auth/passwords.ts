/**
 * Password hashes: bcrypt at one cost for every hash the platform writes (create-admin, accounts an
 * administrator creates, a change or a reset) and for the dummy compared against when no account
 * has the email typed, so that an unknown email costs as much as a known one (and staff emails
 * cannot be listed by timing). A hash of a lower cost (the demo seed's) is upgraded at its next
 * successful sign-in.
 */
import bcrypt from "bcryptjs";

export const BCRYPT_COST = 12;

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);

// Computed on first use, not when the module loads.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= bcrypt.hash("not-a-real-password", BCRYPT_COST));

/** Compares the password with the hash, or with the dummy of the same cost when there is none. */
export async function passwordMatches(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    await bcrypt.compare(password, await getDummyHash());
    return false;
  }
  return bcrypt.compare(password, hash);
}

/** Whether a stored hash was made at a lower cost than the platform's (to rehash on success). */
export function needsRehash(hash: string): boolean {
  try {
    return bcrypt.getRounds(hash) < BCRYPT_COST;
  } catch {
    return false;
  }
}
