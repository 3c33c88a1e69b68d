/**
 * The outbox: a mail is written with the change that causes it and delivered by the queue's worker,
 * exactly once, whatever the provider does meanwhile.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DatabaseHandle } from "@/db";
import { auditLog, categories, mails, reports, services, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { databaseUrlOf, installTestDatabase, testDriver } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import type { ReportInput } from "@/lib/domain/report-input";
import { DeliveryFailure, useMailTransport } from "@/lib/mail";
import type { MailTransport, OutgoingMail } from "@/lib/mail/types";
import { queueBacklog } from "@/lib/queue";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { inTransaction } from "./commands";
import { deliverMail, listUndeliveredMails, mailsOfReport, queueMail, sendMailAgain } from "./mails";
import { submitReport } from "./reports";
import { loadViewer } from "./staff-auth";

// Retries a second apart (doubled, with jitter), three at most: the test waits seconds, not hours.
process.env.MAIL_RETRY_DELAY_SECONDS = "1";
process.env.MAIL_RETRY_LIMIT = "3";

let handle: DatabaseHandle;
let categoryId: number;
let worker: Worker | null = null;
const v: Record<string, Viewer> = {};

/** A provider the test scripts: each call for an address takes the next answer planned for it (then accepts). */
function scriptedProvider(plan: Record<string, ("ok" | "down" | "refuse")[]> = {}) {
  const calls: { to: string; key: string }[] = [];
  const transport: MailTransport = {
    kind: "resend",
    async deliver(mail: OutgoingMail, { idempotencyKey }) {
      calls.push({ to: mail.to, key: idempotencyKey });
      const answer = plan[mail.to]?.shift() ?? "ok";
      if (answer === "down") throw new DeliveryFailure("unavailable", "Resend 503: application_error: down");
      if (answer === "refuse") throw new DeliveryFailure("refused", "Resend 422: validation_error: Invalid `to` field");
      return { providerId: `re_${calls.length}` };
    },
  };
  return { transport, calls };
}

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  for (const u of await handle.db.select().from(users)) v[u.role!] ??= (await loadViewer(u.id))!;
  categoryId = (await handle.db.select().from(categories).where(eq(categories.code, "nid-de-poule")))[0].id;
}, 60_000);

afterEach(async () => {
  await worker?.stop();
  worker = null;
  useMailTransport(undefined);
});

afterAll(async () => {
  await handle?.close();
});

let n = 0;
async function fileReport(email: string) {
  n++;
  const { trackingNumber } = await submitReport(
    {
      categoryIds: [categoryId],
      lat: 35.5722,
      lng: -5.3686,
      districtId: undefined,
      address: "",
      description: `Nid-de-poule devant le numéro ${n}, dangereux pour les deux-roues.`,
      anonymous: false,
      name: "Samira",
      email,
      phone: "",
      attachmentTokens: [],
      idempotencyKey: `mails-test-key-${String(n).padStart(6, "0")}`,
      website: "",
    } as ReportInput,
    { locale: "fr" },
  );
  return trackingNumber;
}

const mailTo = async (to: string) => (await handle.db.select().from(mails).where(eq(mails.to, to)))[0];

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    // A read that meets a connection the test cut is read again.
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const jobsFor = async (mailId: string) =>
  rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'mail.deliver' and data->>'mailId' = ${mailId}`))[0]
    .n;

describe("the outbox", () => {
  it("writes nothing when the change that causes the mail rolls back", async () => {
    const failed = inTransaction(new Date(), async (work) => {
      await queueMail(work.tx, { to: "rollback@example.org", subject: "s", text: "t", html: "<p>t</p>", template: "test", locale: "fr" });
      throw new Error("the change fails after its mail was queued");
    });
    await expect(failed).rejects.toThrow("the change fails");
    expect(await mailTo("rollback@example.org")).toBeUndefined();
    const jobs = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'mail.deliver'`))[0].n;
    const queued = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from mails where state = 'queued'`))[0].n;
    expect(jobs).toBe(queued);
  });

  it("keeps a filed report's acknowledgement queued, with its job, while no worker runs; health sees the backlog", async () => {
    await fileReport("waiting@example.org");
    const mail = await mailTo("waiting@example.org");
    expect(mail.state).toBe("queued");
    expect(await jobsFor(mail.id)).toBe(1);
    const backlog = await queueBacklog();
    expect(backlog.waiting).toBeGreaterThanOrEqual(1);
    expect(backlog.oldestSeconds).not.toBeNull();
  });

  it("is delivered by the worker once, with the mail's id as idempotency key, after the provider's failures", async () => {
    const provider = scriptedProvider({ "retried@example.org": ["down", "down"] });
    useMailTransport(provider.transport);
    const trackingNumber = await fileReport("retried@example.org");
    worker = await startWorker({ concurrency: 2, pollingIntervalSeconds: 0.5, tickCron: null });
    const retrying = await until(
      "a failed attempt",
      () => mailTo("retried@example.org"),
      (m) => m.attempts >= 1,
    );
    expect(retrying.state).toBe("retrying");
    expect(retrying.error).toContain("503");
    const sent = await until(
      "the delivery",
      () => mailTo("retried@example.org"),
      (m) => m.state === "sent",
    );
    expect(sent.attempts).toBe(3);
    expect(sent.providerId).toMatch(/^re_\d+$/);
    expect(sent.error).toBeNull();
    const calls = provider.calls.filter((c) => c.to === "retried@example.org");
    expect(calls.map((c) => c.key)).toEqual([sent.id, sent.id, sent.id]);
    // The waiting acknowledgement of the test before went out too, once.
    await until(
      "the older mail",
      () => mailTo("waiting@example.org"),
      (m) => m.state === "sent",
    );
    expect(provider.calls.filter((c) => c.to === "waiting@example.org")).toHaveLength(1);
    // The report's staff page shows its mail's delivery.
    const [report] = await handle.db.select({ id: mails.reportId }).from(mails).where(eq(mails.id, sent.id));
    const scope = await handle.db
      .select({ id: reports.id, serviceId: reports.serviceId, serviceDelegateId: services.delegateId })
      .from(reports)
      .innerJoin(services, eq(services.id, reports.serviceId))
      .where(eq(reports.id, report.id!))
      .then((rows) => rows[0]);
    const shown = await mailsOfReport(v.coordinator, scope);
    expect(shown).toEqual([expect.objectContaining({ id: sent.id, state: "sent", attempts: 3, providerId: sent.providerId, to: "retried@example.org" })]);
    // The mayor's office reads them too (it reads every report); a delegate does not read the city's mails to the citizen.
    expect((await mailsOfReport(v.mayor_office, scope))[0].state).toBe("sent");
    await expect(mailsOfReport(v.delegate, scope)).rejects.toThrow("forbidden:report");
    await expect(mailsOfReport(null, scope)).rejects.toThrow("forbidden:unauthenticated");
    expect(trackingNumber).toMatch(/^TET-/);
  });

  it("is dead at once when the provider refuses the address, and an admin may send it again", async () => {
    const provider = scriptedProvider({ "refused@example.org": ["refuse"] });
    useMailTransport(provider.transport);
    await fileReport("refused@example.org");
    worker = await startWorker({ concurrency: 1, pollingIntervalSeconds: 0.5, tickCron: null });
    const dead = await until(
      "the refusal",
      () => mailTo("refused@example.org"),
      (m) => m.state === "dead",
    );
    expect(dead.attempts).toBe(1);
    expect(dead.error).toContain("422");
    const listed = await listUndeliveredMails(v.admin);
    expect(listed.mails.find((m) => m.id === dead.id)).toMatchObject({ state: "dead", to: "r…@example.org" });
    expect(listed.counts.dead).toBeGreaterThanOrEqual(1);
    // Only an administrator, only a dead mail.
    await expect(sendMailAgain(v.coordinator, dead.id)).rejects.toThrow("forbidden:admin");
    await expect(listUndeliveredMails(v.mayor_office)).rejects.toThrow("forbidden:admin");
    await sendMailAgain(v.admin, dead.id);
    await expect(sendMailAgain(v.admin, dead.id)).rejects.toThrow("admin.errors.mail_not_dead");
    const sent = await until(
      "the new delivery",
      () => mailTo("refused@example.org"),
      (m) => m.state === "sent",
    );
    expect(sent.attempts).toBe(2);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, dead.id));
    expect(audit).toMatchObject({ action: "mail.resend", actorUserId: v.admin.id });
  });

  it("is dead after its last attempt, and an attempt on a mail already sent calls nobody", async () => {
    const provider = scriptedProvider({ "last@example.org": ["down"] });
    useMailTransport(provider.transport);
    const id = await inTransaction(new Date(), (work) =>
      queueMail(work.tx, { to: "last@example.org", subject: "s", text: "t", html: "<p>t</p>", template: "test", locale: "fr" }),
    );
    expect(await deliverMail(id, { retryCount: 3, retryLimit: 3 })).toBe("dead");
    expect((await mailTo("last@example.org")).error).toContain("503");
    const again = await inTransaction(new Date(), (work) =>
      queueMail(work.tx, { to: "once@example.org", subject: "s", text: "t", html: "<p>t</p>", template: "test", locale: "fr" }),
    );
    expect(await deliverMail(again, { retryCount: 0, retryLimit: 3 })).toBe("sent");
    expect(await deliverMail(again, { retryCount: 1, retryLimit: 3 })).toBe("sent");
    expect(provider.calls.filter((c) => c.to === "once@example.org")).toHaveLength(1);
  });

  it("never sends a mail whose recipient was erased before delivery", async () => {
    const provider = scriptedProvider();
    useMailTransport(provider.transport);
    const id = await inTransaction(new Date(), (work) =>
      queueMail(work.tx, { to: "erased@example.org", subject: "s", text: "t", html: "<p>t</p>", template: "test", locale: "fr" }),
    );
    await handle.db.update(mails).set({ to: "[anonymised]", text: "", html: "" }).where(eq(mails.id, id));
    expect(await deliverMail(id, { retryCount: 0, retryLimit: 3 })).toBe("dead");
    expect(provider.calls).toHaveLength(0);
  });

  it.runIf(testDriver() === "pg")(
    "loses no mail when the database cuts the worker's connections mid-delivery (PostgreSQL)",
    async () => {
      const keys: string[] = [];
      useMailTransport({
        kind: "resend",
        async deliver(_mail, { idempotencyKey }) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          keys.push(idempotencyKey);
          return { providerId: `re_${idempotencyKey}` };
        },
      });
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) {
        ids.push(
          await inTransaction(new Date(), (work) =>
            queueMail(work.tx, { to: `cut${i}@example.org`, subject: "s", text: "t", html: "<p>t</p>", template: "test", locale: "fr" }),
          ),
        );
      }
      worker = await startWorker({ concurrency: 4, pollingIntervalSeconds: 0.5, tickCron: null });
      const { Client } = await import("pg");
      const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const { name } = await databaseUrlOf(handle);
      let cuts = 0;
      try {
        // Cut every connection of the app three times while it delivers.
        for (let round = 0; round < 3; round++) {
          await until(
            "some deliveries",
            () => Promise.resolve(keys.length),
            (n) => n >= (round + 1) * 10,
          );
          const { rows } = await admin.query("select pg_terminate_backend(pid) as done from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [
            name,
          ]);
          cuts += rows.filter((r: { done: boolean }) => r.done).length;
        }
      } finally {
        await admin.end();
      }
      expect(cuts).toBeGreaterThan(0);
      const delivered = await until(
        "every delivery",
        () => handle.db.select({ id: mails.id, state: mails.state }).from(mails).where(sql`${mails.to} like 'cut%'`),
        (rows) => rows.length === 60 && rows.every((r) => r.state === "sent"),
        200_000,
      );
      expect(delivered).toHaveLength(60);
      // Each mail reached the provider, under its own key (a retried one under the same key: the provider answers it once).
      expect(new Set(keys)).toEqual(new Set(ids));
    },
    240_000,
  );
});
