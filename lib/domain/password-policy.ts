/**
 * What a staff password must be, wherever one is set (changed, reset, created by an administrator,
 * the first administrator's script): at least 12 characters, and not one of the ~49,000 most
 * common passwords (zxcvbn-ts's list), nor one of them with digits or symbols around it
 * ("Password2026!"), nor one character or a keyboard run repeated, nor the account's email or
 * name, nor a password published for the demo. Pure: the words to avoid come in.
 */
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = "too_short" | "too_long" | "common" | "personal";

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase())));

const SEQUENCES = ["abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "azertyuiop", "asdfghjkl", "qsdfghjklm", "zxcvbnm", "wxcvbn"];

/** The password's core: lower case, digits and symbols trimmed from both ends, spaces removed. */
function coreOf(password: string): string {
  return password
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
}

/** Whether the text is one short unit repeated ("abcabcabcabc", "aaaaaaaaaaaa"). */
function isRepetition(text: string): boolean {
  return /^(.{1,4})\1+.{0,3}$/su.test(text);
}

function isRun(text: string): boolean {
  if (text.length < 6) return false;
  return SEQUENCES.some((s) => (s + s).includes(text) || [...(s + s)].reverse().join("").includes(text));
}

/**
 * Why this password is refused, or null when it may be set. `avoid` holds the account's email,
 * names and any password known to the public (the demo's).
 */
export function passwordProblem(password: string, avoid: readonly (string | null | undefined)[] = []): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return "too_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  const compact = lower.replace(/\s+/g, "");
  const core = coreOf(password);
  const list = commonPasswords();
  if (list.has(lower) || list.has(compact) || (core.length >= 4 && list.has(core))) return "common";
  if (isRepetition(compact) || isRun(compact) || isRun(compact.replace(/[^\p{L}\p{N}]/gu, ""))) return "common";
  for (const raw of avoid) {
    const word = raw?.trim().toLowerCase();
    if (!word) continue;
    if (word.length >= PASSWORD_MIN_LENGTH && (lower === word || compact === word.replace(/\s+/g, ""))) return "common";
    const local = word.split("@")[0];
    if (local.length >= 4 && (core === local.replace(/[^\p{L}]/gu, "") || compact.includes(local))) return "personal";
  }
  return null;
}
