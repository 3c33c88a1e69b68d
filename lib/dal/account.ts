/**
 * A member of staff's own account: changing the password (the current one required), resetting a
 * forgotten one by a single-use, expiring link mailed to them, enrolling a TOTP second factor with
 * recovery codes, choosing the language of one's mails, exports and summaries (users.locale); and an
 * administrator resetting someone's factor. Every change is audited in its transaction. Who asks:
 * the signed-in member of staff for their own account (an account that must enrol may only enrol);
 * anyone for a reset link (the answer never says whether the email exists); an administrator
 * (`account.reset_second_factor`) for another's factor.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { getDb, type Database } from "@/db";
import { passwordResets, recoveryCodes, users } from "@/db/schema";
import { DEMO_PASSWORDS } from "@/db/seed/data";
import { hashPassword, passwordMatches } from "@/lib/auth/passwords";
import { isEnrolled, mayPerform, type Viewer } from "@/lib/auth/permissions";
import {
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  hashResetToken,
  newRecoveryCodes,
  newResetToken,
  newTotpSecret,
  normalizeRecoveryCode,
  totpStepOf,
  totpUri,
} from "@/lib/auth/second-factor";
import { type PasswordProblem, passwordProblem } from "@/lib/domain/password-policy";
import type { RatePolicy } from "@/lib/domain/rate-limit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isLocale, localized, type Locale } from "@/lib/i18n/config";
import { staffLocale } from "@/lib/i18n/staff-locale";
import { queueReady } from "@/lib/queue";
import { queueMail } from "./mails";
import { renderPasswordReset } from "@/lib/mail/templates";
import { recordAudit } from "./audit";
import { admit, hitRateLimit } from "./rate-limits";
import { getCity } from "./reference";

const HOUR = 3_600_000;
export const RESET_LINK_MS = HOUR;
/** Reset requests: per address and per email, so the form can neither spam an inbox nor probe many emails. */
export const RESET_LIMITS: Record<"address" | "email", RatePolicy> = { address: { limit: 10, windowMs: HOUR }, email: { limit: 3, windowMs: HOUR } };
/** Wrong current passwords on the change form, per account: a stolen session cannot guess it. */
const CHANGE_LIMIT: RatePolicy = { limit: 10, windowMs: HOUR };

function requireSignedIn(viewer: Viewer | null): asserts viewer is Viewer {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
}

/** The checks of a new password: the policy, and the two fields the same. Codes are `password.errors.*`. */
function newPasswordProblem(
  password: string,
  confirm: string,
  account: { email: string; firstName: string | null; lastName: string | null },
): `password.errors.${PasswordProblem | "mismatch"}` | null {
  const problem = passwordProblem(password, [account.email, account.firstName, account.lastName, ...Object.values(DEMO_PASSWORDS)]);
  if (problem) return `password.errors.${problem}`;
  if (password !== confirm) return "password.errors.mismatch";
  return null;
}

export type AccountOverview = {
  email: string;
  secondFactorSince: Date | null;
  recoveryCodesLeft: number;
  mustEnrol: boolean;
  /** The language this person chose; null: the city's default (`cityLocale`). */
  locale: Locale | null;
  cityLocale: Locale;
};

export async function getAccount(viewer: Viewer | null): Promise<AccountOverview> {
  requireSignedIn(viewer);
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, viewer.id));
  const [left] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, viewer.id), isNull(recoveryCodes.usedAt)));
  const city = await getCity();
  return {
    email: user.email,
    secondFactorSince: user.totpEnabledAt,
    recoveryCodesLeft: Number(left?.n ?? 0),
    mustEnrol: !!viewer.mustEnrolSecondFactor,
    locale: isLocale(user.locale) ? user.locale : null,
    cityLocale: staffLocale(null, city.defaultLocale),
  };
}

/** The language the signed-in member of staff reads their mails, exports and summaries in. */
export async function staffLocaleOf(viewer: Viewer | null): Promise<Locale> {
  requireSignedIn(viewer);
  const db = await getDb();
  const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, viewer.id));
  return staffLocale(user?.locale ?? null, (await getCity()).defaultLocale);
}

/**
 * Sets the language of the signed-in member of staff's mails, exports and summaries; null (or "")
 * goes back to the city's default. Anything but one of the interface's languages is refused
 * (`account.errors.locale_invalid`).
 */
export async function setStaffLocale(viewer: Viewer | null, input: { locale: string | null }, address?: string | null, now = new Date()): Promise<void> {
  requireSignedIn(viewer);
  if (!isEnrolled(viewer)) throw new AppError("forbidden:second_factor_required");
  const locale = input.locale === "" || input.locale === null ? null : input.locale;
  if (locale !== null && !isLocale(locale)) throw new AppError("account.errors.locale_invalid", { field: "locale" });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, viewer.id));
    if (!before) throw new AppError("forbidden:unauthenticated");
    await tx.update(users).set({ locale }).where(eq(users.id, viewer.id));
    await recordAudit(tx, {
      actor: viewer,
      action: "user.set_locale",
      targetType: "user",
      targetId: viewer.id,
      before: { locale: before.locale },
      after: { locale },
      address,
      at: now,
    });
  });
}

/**
 * Sets a new password after checking the current one. Sessions signed in before now stop working
 * (users.password_changed_at); open reset links are void.
 */
export async function changePassword(
  viewer: Viewer | null,
  input: { current: string; password: string; confirm: string },
  address: string | null,
  now = new Date(),
) {
  requireSignedIn(viewer);
  if (!isEnrolled(viewer)) throw new AppError("forbidden:second_factor_required");
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, viewer.id));
  if (!user?.passwordHash) throw new AppError("forbidden:unauthenticated");
  const limited = await hitRateLimit(`password-change:${viewer.id}`, CHANGE_LIMIT, now);
  if (!limited.allowed) throw new AppError("password.errors.current_wrong", { field: "current" });
  if (!(await passwordMatches(input.current, user.passwordHash))) throw new AppError("password.errors.current_wrong", { field: "current" });
  const problem = newPasswordProblem(input.password, input.confirm, user);
  if (problem) throw new AppError(problem, { field: problem.endsWith("mismatch") ? "confirm" : "password" });
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, viewer.id));
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, viewer.id), isNull(passwordResets.usedAt)));
    await recordAudit(tx, { actor: viewer, action: "auth.password_changed", targetType: "user", targetId: viewer.id, address, at: now });
  });
}

/**
 * Mails a reset link if an active member of staff has this email, in that person's language (their
 * choice, else the city's default: not the language of the page that asked, which anyone may pick).
 * The caller answers the same either way; only the rate limits refuse (`password_reset.throttled`,
 * with the wait). `locale`, the asking page's language, is not used.
 */
export async function requestPasswordReset(
  input: { email: string; locale?: Locale },
  address: string,
  now = new Date(),
  options: { later?: (task: () => Promise<void>) => void } = {},
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const { verdict } = await admit(
    [
      { key: `reset:address:${address}`, policy: RESET_LIMITS.address },
      { key: `reset:email:${email}`, policy: RESET_LIMITS.email },
    ],
    { now },
  );
  if (!verdict.allowed) throw new AppError("passwordReset.errors.throttled", { retryAfterSeconds: verdict.retryAfterSeconds });
  // Whether the email is a member of staff's must not show in the answer's timing either: the
  // server action hands the look-up and the mail to `after()`, run once the answer has gone.
  if (options.later) options.later(() => mailResetLink(email, now));
  else await mailResetLink(email, now);
}

async function mailResetLink(email: string, now: Date): Promise<void> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  // An invited account without a password yet may ask again for the link its invitation carried.
  if (!user?.active || !user.role) return;
  const { token, tokenHash } = newResetToken();
  const city = await getCity();
  const locale = staffLocale(user.locale, city.defaultLocale);
  const prefix = locale === "fr" ? "" : `/${locale}`;
  const mail = renderPasswordReset({
    cityName: localized(city.name, locale),
    url: `${env().appUrl}${prefix}/login/reset/${token}`,
    locale,
  });
  // The link and its mail commit together: a link is never stored without its mail queued.
  await queueReady();
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({ tokenHash, userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + RESET_LINK_MS) });
    await queueMail(tx as unknown as Database, { to: user.email, template: "password_reset", locale, ...mail });
  });
}

/** The account a reset link opens, if it is unused, unexpired and not older than the last password change. */
async function openResetLink(token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ reset: passwordResets, user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, hashResetToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .limit(1);
  if (!row?.user.active || !row.user.role) return null;
  if (row.user.passwordChangedAt && row.user.passwordChangedAt > row.reset.createdAt) return null;
  return row;
}

export async function resetLinkIsValid(token: string, now = new Date()): Promise<boolean> {
  return (await openResetLink(token, now)) !== null;
}

/** Sets the password a reset link was sent for, spending the link (once, even under a race). */
export async function resetPassword(input: { token: string; password: string; confirm: string }, address: string | null, now = new Date()): Promise<void> {
  const row = await openResetLink(input.token, now);
  if (!row) throw new AppError("passwordReset.invalidLink");
  const problem = newPasswordProblem(input.password, input.confirm, row.user);
  if (problem) throw new AppError(problem, { field: problem.endsWith("mismatch") ? "confirm" : "password" });
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const spent = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, row.reset.tokenHash), isNull(passwordResets.usedAt)))
      .returning({ userId: passwordResets.userId });
    if (spent.length === 0) throw new AppError("passwordReset.invalidLink");
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, row.user.id), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, row.user.id));
    await recordAudit(tx, {
      actor: { id: row.user.id, email: row.user.email, role: row.user.role! },
      action: "auth.password_reset",
      targetType: "user",
      targetId: row.user.id,
      address,
      at: now,
    });
  });
}

export type Enrolment = { secret: string; uri: string; qrSvg: string };

/**
 * The secret being enrolled (kept, encrypted, until a code confirms it; a reload shows the same),
 * its otpauth URI and QR code. Refused when a factor is already enabled.
 */
export async function beginEnrolment(viewer: Viewer | null): Promise<Enrolment> {
  requireSignedIn(viewer);
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, viewer.id));
  if (user.totpEnabledAt) throw new AppError("account.errors.already_enabled");
  let secret = user.totpSecret ? decryptSecret(user.totpSecret) : null;
  if (!secret) {
    secret = newTotpSecret();
    await db
      .update(users)
      .set({ totpSecret: encryptSecret(secret) })
      .where(and(eq(users.id, viewer.id), isNull(users.totpEnabledAt)));
  }
  const city = await getCity();
  // The authenticator app shows this label: in the person's language.
  const uri = totpUri(secret, user.email, `e-Réclamations ${localized(city.name, staffLocale(user.locale, city.defaultLocale))}`);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrSvg };
}

/** Confirms the factor with a current code; returns the 10 recovery codes, shown this once. */
export async function confirmEnrolment(viewer: Viewer | null, code: string, address: string | null, now = new Date()): Promise<string[]> {
  requireSignedIn(viewer);
  const limited = await hitRateLimit(`totp-enrol:${viewer.id}`, { limit: 20, windowMs: HOUR }, now);
  if (!limited.allowed) throw new AppError("account.errors.code_invalid");
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, viewer.id));
  if (user.totpEnabledAt) throw new AppError("account.errors.already_enabled");
  const secret = user.totpSecret ? decryptSecret(user.totpSecret) : null;
  if (!secret) throw new AppError("account.errors.enrolment_expired");
  const step = totpStepOf(secret, code, now);
  if (step === null) throw new AppError("account.errors.code_invalid");
  // The confirming code is spent like a sign-in's (it cannot be replayed at the next sign-in).
  await admit([], { now, once: { key: `totp:${viewer.id}:${step}`, windowMs: 3 * 30_000 } });
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    const enabled = await tx
      .update(users)
      .set({ totpEnabledAt: now })
      .where(and(eq(users.id, viewer.id), isNull(users.totpEnabledAt), eq(users.totpSecret, user.totpSecret!)))
      .returning({ id: users.id });
    if (enabled.length === 0) throw new AppError("account.errors.already_enabled");
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, viewer.id));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: viewer.id, codeHash: hashRecoveryCode(normalizeRecoveryCode(c)!), createdAt: now })));
    await recordAudit(tx, { actor: viewer, action: "auth.totp_enabled", targetType: "user", targetId: viewer.id, address, at: now });
  });
  return codes;
}

/** An administrator removes another account's factor (a lost phone): it enrols again at its next sign-in. */
export async function resetSecondFactor(viewer: Viewer | null, input: { userId: string }, now = new Date()): Promise<void> {
  requireSignedIn(viewer);
  if (!mayPerform(viewer, "account.reset_second_factor")) throw new AppError("forbidden:admin");
  if (!/^[0-9a-f-]{36}$/.test(input.userId)) throw new AppError("admin.errors.user_unknown");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ email: users.email, totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, input.userId));
    if (!before) throw new AppError("admin.errors.user_unknown");
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, input.userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, input.userId));
    await recordAudit(tx, {
      actor: viewer,
      action: "auth.totp_reset",
      targetType: "user",
      targetId: input.userId,
      before: { email: before.email, secondFactorSince: before.totpEnabledAt?.toISOString() ?? null },
      after: { secondFactorSince: null },
      at: now,
    });
  });
}
