/** Signing staff in and out, with the demo accounts the seed creates. */
import { expect, type Page } from "@playwright/test";

export const ACCOUNTS = {
  coordinator: { email: "coordinateur@demo.tetouan.ma", password: "demo-coordinateur-2026" },
  agentProprete: { email: "agent.proprete@demo.tetouan.ma", password: "demo-agent-2026" },
  agentVoirie: { email: "agent.voirie@demo.tetouan.ma", password: "demo-agent-2026" },
  mayorOffice: { email: "cabinet@demo.tetouan.ma", password: "demo-cabinet-2026" },
  delegate: { email: "delegataire@demo.tetouan.ma", password: "demo-delegataire-2026" },
} as const;

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Adresse e-mail").fill(account.email);
  await page.getByLabel("Mot de passe").fill(account.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/(staff\/|delegate$)/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login$/);
}
