/** Signing staff in and out, with the demo accounts the seed creates. */
import { expect, type Page } from "@playwright/test";
import { generateSync } from "otplib";

/** A staff account; `totp` is the base32 secret of its second factor (the demo's are in the README). */
export type Account = { email: string; password: string; totp?: string };

export const ACCOUNTS = {
  coordinator: { email: "coordinateur@demo.tetouan.ma", password: "demo-coordinateur-2026" },
  agentProprete: { email: "agent.proprete@demo.tetouan.ma", password: "demo-agent-2026" },
  agentVoirie: { email: "agent.voirie@demo.tetouan.ma", password: "demo-agent-2026" },
  mayorOffice: { email: "cabinet@demo.tetouan.ma", password: "demo-cabinet-2026", totp: "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD" },
  delegate: { email: "delegataire@demo.tetouan.ma", password: "demo-delegataire-2026" },
  admin: { email: "admin@demo.tetouan.ma", password: "demo-admin-2026", totp: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" },
} as const satisfies Record<string, Account>;

/** The last 30-second step whose code was typed, per secret: the server takes each code once. */
const lastStep = new Map<string, number>();

/**
 * The authenticator app's code of now — or, when this journey already typed this step's code for
 * that secret (a second sign-in within 30 s), the next step's, which the server also accepts (it
 * allows one step of clock drift); past that, it waits for the clock.
 */
export async function totpCode(secret: string): Promise<string> {
  const now = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(now(), (lastStep.get(secret) ?? -1) + 1);
  if (step > now() + 1) await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 500));
  lastStep.set(secret, step);
  return generateSync({ secret, epoch: step * 30 + 1 });
}

/** Fills the sign-in form (and its second step when the account has a factor); `code` overrides the app's code. */
export async function submitSignIn(page: Page, account: Account, code?: string) {
  await page.goto("/login");
  await page.getByLabel("Adresse e-mail").fill(account.email);
  await page.getByLabel("Mot de passe").fill(account.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  if (account.totp || code) {
    await page.getByLabel("Code de vérification").fill(code ?? (await totpCode(account.totp!)));
    await page.getByRole("button", { name: "Vérifier" }).click();
  }
}

export async function signIn(page: Page, account: Account) {
  await submitSignIn(page, account);
  await expect(page).toHaveURL(/\/(staff\/|delegate$)/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login$/);
}
