/**
 * The Resend path, as a city that sets RESEND_API_KEY runs it: the real SDK, through our transport and
 * the queue's worker, against a local stand-in of Resend's HTTP API (lib/testing/resend-standin).
 */
import { eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, mails } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { inTransaction } from "@/lib/dal/commands";
import { queueMail } from "@/lib/dal/mails";
import { submitReport } from "@/lib/dal/reports";
import type { ReportInput } from "@/lib/domain/report-input";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { startResendStandIn, type ResendStandIn } from "@/lib/testing/resend-standin";
import { DeliveryFailure, useMailTransport } from "./index";
import { resendTransport } from "./resend";

process.env.MAIL_RETRY_DELAY_SECONDS = "1";
process.env.MAIL_RETRY_LIMIT = "10";

const FROM = "Ville de Tétouan <no-reply@reclamations.tetouan.ma>";
const mail = (to: string) => ({ to, subject: "Votre signalement", text: "Bonjour", html: "<p>Bonjour</p>", template: "test", locale: "fr" });

let standIn: ResendStandIn;
let handle: DatabaseHandle;
let categoryId: number;
let worker: Worker | null = null;

beforeAll(async () => {
  standIn = await startResendStandIn();
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  categoryId = (await handle.db.select().from(categories).where(eq(categories.code, "nid-de-poule")))[0].id;
}, 60_000);

afterEach(async () => {
  await worker?.stop();
  worker = null;
  useMailTransport(undefined);
  standIn.faults = {};
});

afterAll(async () => {
  await standIn?.close();
  await handle?.close();
});

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the Resend transport", () => {
  it("posts the mail with the sender, the key and the idempotency key, and returns Resend's id; the same key again mails nothing more", async () => {
    const transport = resendTransport(standIn.apiKey, FROM, standIn.url);
    const first = await transport.deliver(mail("samira@example.org"), { idempotencyKey: "mail-0001" });
    const again = await transport.deliver(mail("samira@example.org"), { idempotencyKey: "mail-0001" });
    expect(first.providerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.providerId).toBe(first.providerId);
    const accepted = standIn.accepted.filter((m) => m.idempotencyKey === "mail-0001");
    expect(accepted).toEqual([
      expect.objectContaining({ from: FROM, to: ["samira@example.org"], subject: "Votre signalement", html: "<p>Bonjour</p>", text: "Bonjour" }),
    ]);
  });

  it("sends a letter as a PDF attachment, byte for byte", async () => {
    const transport = resendTransport(standIn.apiKey, FROM, standIn.url);
    const pdf = Buffer.from("%PDF-1.7\n% a letter\n%%EOF\n");
    await transport.deliver(
      { ...mail("samira@example.org"), attachments: [{ filename: "reponse-12-7K2Q-M9XD-4T1B.pdf", content: pdf, contentType: "application/pdf" }] },
      { idempotencyKey: "mail-letter-0001" },
    );
    const [accepted] = standIn.accepted.filter((m) => m.idempotencyKey === "mail-letter-0001");
    expect(accepted.attachments).toEqual([{ filename: "reponse-12-7K2Q-M9XD-4T1B.pdf", contentType: "application/pdf", content: pdf }]);
  });

  it("sorts Resend's refusals: an invalid address is refused for good, 429 waits retry-after, 5xx and a wrong key are tried again", async () => {
    const transport = resendTransport(standIn.apiKey, FROM, standIn.url);
    const failureOf = (to: string, key: string) =>
      transport.deliver(mail(to), { idempotencyKey: key }).then(
        () => null,
        (error: unknown) => error,
      );
    const refused = await failureOf("nobody@invalid.example", "k-refused");
    expect(refused).toBeInstanceOf(DeliveryFailure);
    expect(refused).toMatchObject({ kind: "refused" });
    standIn.faults = { rateLimitRate: 1, retryAfterSeconds: 7 };
    expect(await failureOf("a@example.org", "k-429")).toMatchObject({ kind: "rate_limited", retryAfterMs: 7000 });
    standIn.faults = { downUntil: Date.now() + 60_000 };
    expect(await failureOf("a@example.org", "k-503")).toMatchObject({ kind: "unavailable" });
    standIn.faults = {};
    const wrongKey = resendTransport("re_wrong_key", FROM, standIn.url);
    const denied = await wrongKey.deliver(mail("a@example.org"), { idempotencyKey: "k-403" }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ kind: "unavailable" });
    expect(String((denied as Error).message)).toContain("403");
  });
});

describe("delivery through Resend by the worker", () => {
  it("delivers every mail exactly once while Resend is down, refuses at random, rate-limits and loses answers it accepted", async () => {
    // mulberry32: a seeded random source, so a run's faults are of the same kind every time.
    let seed = 42;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    standIn.faults = { downUntil: Date.now() + 2000, failRate: 0.2, rateLimitRate: 0.05, retryAfterSeconds: 1, loseResponseRate: 0.2, random };
    useMailTransport(resendTransport(standIn.apiKey, FROM, standIn.url));
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push(await inTransaction(new Date(), (work) => queueMail(work.tx, mail(`crowd${i}@example.org`))));
    }
    worker = await startWorker({ concurrency: 4, pollingIntervalSeconds: 0.5, tickCron: null });
    const sent = await until(
      "20 deliveries",
      () => handle.db.select().from(mails).where(like(mails.to, "crowd%")),
      (rows) => rows.length === 20 && rows.every((r) => r.state === "sent"),
      90_000,
    );
    const accepted = standIn.accepted.filter((m) => m.to[0].startsWith("crowd"));
    expect(accepted).toHaveLength(20);
    expect(new Set(accepted.map((m) => m.idempotencyKey))).toEqual(new Set(ids));
    // Each row records the id Resend gave to the one mail it sent.
    for (const row of sent) expect(row.providerId).toBe(accepted.find((m) => m.idempotencyKey === row.id)!.id);
    // The faults did happen: refusals, and answers lost after Resend had accepted.
    const calls = standIn.calls.filter((c) => c.idempotencyKey && ids.includes(c.idempotencyKey));
    expect(calls.filter((c) => c.status === 503).length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.status === 0).length).toBeGreaterThan(0);
    expect(sent.some((r) => r.attempts > 1)).toBe(true);
  }, 120_000);

  it("marks a mail to an address Resend refuses dead after one attempt, while the report is filed", async () => {
    useMailTransport(resendTransport(standIn.apiKey, FROM, standIn.url));
    const { trackingNumber } = await submitReport(
      {
        categoryIds: [categoryId],
        lat: 35.5722,
        lng: -5.3686,
        districtId: undefined,
        address: "",
        description: "Nid-de-poule profond devant l'école, dangereux.",
        anonymous: false,
        name: "Karim",
        email: "karim@invalid.example",
        phone: "",
        attachmentTokens: [],
        idempotencyKey: "resend-test-key-000001",
        website: "",
      } as ReportInput,
      { locale: "fr" },
    );
    expect(trackingNumber).toMatch(/^TET-/);
    worker = await startWorker({ concurrency: 1, pollingIntervalSeconds: 0.5, tickCron: null });
    const dead = await until(
      "the refusal",
      async () => (await handle.db.select().from(mails).where(eq(mails.to, "karim@invalid.example")))[0],
      (m) => m?.state === "dead",
    );
    expect(dead.attempts).toBe(1);
    expect(dead.error).toMatch(/422.*validation_error/);
  });
});
