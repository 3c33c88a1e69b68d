/**
 * Every path that takes a tracking number is limited per address — the report's page, its
 * confirmation, the citizen's reply and feedback, the report's files — and an unknown number gets
 * the same answer as a known one in the wrong state (a guess learns nothing).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { connectionFrom } from "@/lib/auth/address-testing";
import { Redirected, form, harnessMock } from "./testing/harness";

const client = vi.hoisted(() => ({ address: "198.51.100.1" }));
vi.mock("next/headers", async () => {
  const { connectionFrom: from } = await import("@/lib/auth/address-testing");
  return { headers: async () => new Headers(from(client.address)) };
});
vi.mock("next/cache", () => harnessMock("next/cache"));
vi.mock("@/lib/i18n/navigation", () => ({
  ...harnessMock("@/lib/i18n/navigation"),
  Link: () => null,
}));
vi.mock("next-intl/server", () => {
  const t = Object.assign((key: string) => key, { has: () => true });
  return {
    getLocale: async () => "fr",
    setRequestLocale: () => undefined,
    getTranslations: async () => t,
    getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString() }),
  };
});

let handle: DatabaseHandle;
let LookupRefused: unknown;
let answered: string;
let routed: string;
let unknown: string;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 60, log: () => {} });
  ({ LookupRefused } = await import("@/components/tracking/LookupRefused"));
  const pick = async (status: "answered" | "routed") =>
    (await handle.db.select({ n: reports.trackingNumber }).from(reports).where(eq(reports.status, status)).limit(1))[0].n;
  answered = await pick("answered");
  routed = await pick("routed");
  const { generateTrackingNumber } = await import("@/lib/domain/tracking-number");
  unknown = generateTrackingNumber("TET", (n) => new Uint8Array(n).fill(7));
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const LIMIT = 60;
const page = async (number: string) => {
  const { default: TrackReportPage } = await import("./[locale]/(public)/track/[number]/page");
  try {
    return await TrackReportPage({ params: Promise.resolve({ locale: "fr", number }), searchParams: Promise.resolve({}) });
  } catch (error) {
    return { thrown: (error as Error).message };
  }
};
const reply = async (number: string) => {
  const { provideInformationAction } = await import("./[locale]/(public)/track/[number]/actions");
  try {
    return await provideInformationAction({ status: "idle" }, form({ trackingNumber: number, reply: "La rue exacte est la rue Lucas." }));
  } catch (error) {
    if (error instanceof Redirected) return { status: "ok" as const, code: undefined };
    throw error;
  }
};
const feedback = async (number: string) => {
  const { submitFeedbackAction } = await import("./[locale]/(public)/track/[number]/actions");
  try {
    return await submitFeedbackAction({ status: "idle" }, form({ trackingNumber: number, fixed: "yes", rating: "5" }));
  } catch (error) {
    if (error instanceof Redirected) return { status: "ok" as const, code: undefined };
    throw error;
  }
};

describe("guesses of tracking numbers", () => {
  it("an unknown number and a number in the wrong state get the same answer", async () => {
    client.address = "198.51.100.10";
    expect(await reply(unknown)).toEqual(await reply(answered));
    expect((await reply(unknown)).code).toBe("tracking.reply.errors.not_waiting");
    expect(await feedback(unknown)).toEqual(await feedback(routed));
    expect((await feedback(unknown)).code).toBe("tracking.feedback.errors.not_answered");
  });

  it("the report's page counts each view: past the budget, even a real number shows only the refusal", async () => {
    client.address = "198.51.100.20";
    const first = await page(answered);
    expect((first as { type?: unknown }).type).not.toBe(LookupRefused);
    for (let i = 1; i < LIMIT; i++) await page(unknown);
    const refused = await page(answered);
    expect((refused as { type?: unknown }).type).toBe(LookupRefused);
    // Another address still has its own budget.
    client.address = "198.51.100.21";
    expect(((await page(answered)) as { type?: unknown }).type).not.toBe(LookupRefused);
  });

  it("the confirmation page, the reply and the feedback share that budget", async () => {
    client.address = "198.51.100.30";
    const { default: ReportDonePage } = await import("./[locale]/(public)/report/done/[number]/page");
    for (let i = 0; i < LIMIT / 3; i++) {
      await reply(unknown);
      await feedback(unknown);
      await ReportDonePage({ params: Promise.resolve({ locale: "fr", number: unknown }) }).catch(() => null);
    }
    expect((await reply(answered)).code).toBe("tracking.errors.rate_limited");
    expect((await feedback(answered)).code).toBe("tracking.errors.rate_limited");
    expect(((await ReportDonePage({ params: Promise.resolve({ locale: "fr", number: answered }) })) as { type?: unknown }).type).toBe(LookupRefused);
  });

  it("a report's files, asked for with a number, have a budget of their own per address", async () => {
    const { GET } = await import("./files/[id]/route");
    const get = (address: string) =>
      GET(new Request(`http://localhost/files/00000000-0000-4000-8000-000000000000?n=${unknown}`, { headers: connectionFrom(address) }), {
        params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }),
      });
    for (let i = 0; i < 600; i++) expect((await get("198.51.100.40")).status).toBe(404);
    const refused = await get("198.51.100.40");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await get("198.51.100.41")).status).toBe(404);
  });
});
