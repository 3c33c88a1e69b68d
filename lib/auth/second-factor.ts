/**
 * The TOTP second factor (RFC 6238, an authenticator app) and its one-time recovery codes.
 * The secret is stored encrypted (AES-256-GCM, key derived from AUTH_SECRET with HKDF), so a copy
 * of the database alone does not give the codes; recovery codes are stored as keyed hashes.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verifySync } from "otplib";
import { env } from "@/lib/env";

// Outside production (tests, `next dev`) a fixed development secret stands in; production refuses
// to start without AUTH_SECRET (lib/env).
const DEVELOPMENT_SECRET = "e-reclamations-development-secret-not-for-production";

function keyFor(purpose: string): Buffer {
  const secret = process.env.AUTH_SECRET?.trim() || (env().isProduction ? "" : DEVELOPMENT_SECRET);
  if (!secret) throw new Error("AUTH_SECRET is required to use second factors");
  return Buffer.from(hkdfSync("sha256", secret, "e-reclamations", purpose, 32));
}

/** `v1.<iv>.<ciphertext>.<tag>` in base64url. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor("totp-secret"), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor("totp-secret"), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export const newTotpSecret = () => generateSecret();

export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret });
}

/**
 * The 30-second step a 6-digit code belongs to — the current one, or the one before or after (clock
 * drift) — or null when it is none of them. The caller spends the step (a code works once).
 */
export function totpStepOf(secret: string, code: string, now = new Date()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const epoch = Math.floor(now.getTime() / 1000);
    const result = verifySync({ secret, token, epochTolerance: 30, epoch });
    return result.valid ? Math.floor(epoch / 30) + result.delta : null;
  } catch {
    return null;
  }
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 10 Crockford base32 symbols (50 random bits), shown as `XXXXX-XXXXX`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const symbols = [...bytes].map((b) => CROCKFORD[b & 31]).join("");
    return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
  });
}

/** A code as typed: case, dashes and spaces ignored, and the letters Crockford reads as digits. */
export function normalizeRecoveryCode(code: string): string | null {
  const compact = code
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return /^[0-9A-HJKMNP-TV-Z]{10}$/.test(compact) ? compact : null;
}

export function hashRecoveryCode(normalized: string): string {
  return createHmac("sha256", keyFor("recovery-code")).update(normalized).digest("base64url");
}

/** Password-reset tokens: 32 random bytes in the link, a keyed hash in the database. */
export function newResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashResetToken(token) };
}

export function hashResetToken(token: string): string {
  return createHmac("sha256", keyFor("password-reset")).update(token).digest("base64url");
}
