/**
 * The Resend stand-in, driven by the real `resend` SDK (pointed at it with `baseUrl`, which the SDK
 * takes from its options or from RESEND_BASE_URL): what the mail adapter and the outbox's tests rely on.
 */
import { Resend } from "resend";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ResendStandIn, startResendStandIn } from "./resend-standin";

let standIn: ResendStandIn;
let resend: Resend;

const mail = (overrides: Record<string, unknown> = {}) => ({
  from: "E-Réclamations <noreply@commune.example>",
  to: ["citizen@example.org"],
  subject: "Votre réclamation",
  text: "Bonjour",
  ...overrides,
});

/** A deterministic random source (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeEach(async () => {
  standIn = await startResendStandIn({ faults: { random: seeded(42) } });
  resend = new Resend(standIn.apiKey, { baseUrl: standIn.url });
});

afterEach(async () => {
  await standIn.close();
});

describe("Resend stand-in with the real SDK", () => {
  it("accepts a send and answers its id", async () => {
    const { data, error } = await resend.emails.send(mail());
    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(standIn.accepted).toHaveLength(1);
    expect(standIn.accepted[0]).toMatchObject({
      id: data!.id,
      idempotencyKey: null,
      to: ["citizen@example.org"],
      subject: "Votre réclamation",
      text: "Bonjour",
    });
    expect(standIn.calls.map((c) => c.status)).toEqual([200]);
  });

  it("reads RESEND_BASE_URL when no baseUrl is given", async () => {
    const before = process.env.RESEND_BASE_URL;
    process.env.RESEND_BASE_URL = standIn.url;
    try {
      const { data, error } = await new Resend(standIn.apiKey).emails.send(mail({ to: "other@example.org" }));
      expect(error).toBeNull();
      expect(standIn.accepted.map((m) => m.id)).toEqual([data!.id]);
      expect(standIn.accepted[0].to).toEqual(["other@example.org"]);
    } finally {
      if (before === undefined) delete process.env.RESEND_BASE_URL;
      else process.env.RESEND_BASE_URL = before;
    }
  });

  it("sends once for the same idempotency key and body, and answers the same id", async () => {
    const first = await resend.emails.send(mail(), { idempotencyKey: "mail/1" });
    const second = await resend.emails.send(mail(), { idempotencyKey: "mail/1" });
    expect(first.error).toBeNull();
    expect(second.error).toBeNull();
    expect(second.data?.id).toBe(first.data?.id);
    expect(standIn.accepted).toHaveLength(1);
    expect(standIn.calls.map((c) => [c.status, c.idempotencyKey])).toEqual([
      [200, "mail/1"],
      [200, "mail/1"],
    ]);
  });

  it("refuses the same key with another body: 409 invalid_idempotent_request", async () => {
    await resend.emails.send(mail(), { idempotencyKey: "mail/2" });
    const { data, error } = await resend.emails.send(mail({ subject: "Autre" }), { idempotencyKey: "mail/2" });
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(standIn.accepted).toHaveLength(1);
  });

  it("refuses a second call with a key still in flight: 409 concurrent_idempotent_requests", async () => {
    standIn.faults.delayMs = 150;
    const [a, b] = await Promise.all([
      resend.emails.send(mail(), { idempotencyKey: "mail/3" }),
      new Promise((r) => setTimeout(r, 30)).then(() => resend.emails.send(mail(), { idempotencyKey: "mail/3" })),
    ]);
    expect(a.error).toBeNull();
    expect(b.error).toMatchObject({ statusCode: 409, name: "concurrent_idempotent_requests" });
    expect(standIn.accepted).toHaveLength(1);
  });

  it("refuses an idempotency key over 256 characters: 400 invalid_idempotency_key", async () => {
    const { error } = await resend.emails.send(mail(), { idempotencyKey: "k".repeat(257) });
    expect(error).toMatchObject({ statusCode: 400, name: "invalid_idempotency_key" });
    expect((await resend.emails.send(mail(), { idempotencyKey: "k".repeat(256) })).error).toBeNull();
  });

  it("refuses a wrong key with 403 invalid_api_key and no key with 401 missing_api_key", async () => {
    const wrong = await new Resend("re_wrong", { baseUrl: standIn.url }).emails.send(mail());
    expect(wrong.error).toMatchObject({ statusCode: 403, name: "invalid_api_key" });
    const none = await fetch(`${standIn.url}/emails`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(mail()) });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });
    expect(standIn.accepted).toHaveLength(0);
  });

  it("refuses an address at invalid.example with 422 validation_error", async () => {
    const { data, error } = await resend.emails.send(mail({ to: ["nobody@invalid.example"] }));
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(error?.message).toContain("nobody@invalid.example");
    expect(standIn.accepted).toHaveLength(0);
  });

  it("refuses malformed mails as documented", async () => {
    expect((await resend.emails.send(mail({ to: "not an address" }))).error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect((await resend.emails.send(mail({ from: "nobody" }))).error).toMatchObject({ statusCode: 422, name: "invalid_from_address" });
    expect((await resend.emails.send(mail({ subject: undefined }))).error).toMatchObject({ statusCode: 422, name: "missing_required_field" });
    expect((await resend.emails.send(mail({ text: undefined }))).error).toMatchObject({ statusCode: 422, name: "missing_required_field" });
    const notJson = await fetch(`${standIn.url}/emails`, {
      method: "POST",
      headers: { authorization: `Bearer ${standIn.apiKey}`, "content-type": "application/json" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ name: "validation_error" });
    const tooLarge = await resend.emails.send(mail({ text: "x".repeat(2 * 1024 * 1024 + 1) }));
    expect(tooLarge.error).toMatchObject({ statusCode: 413 });
    expect(standIn.accepted).toHaveLength(0);
  });

  it("answers other paths 404 and other methods 405 in Resend's error shape", async () => {
    const other = await fetch(`${standIn.url}/domains`, { headers: { authorization: `Bearer ${standIn.apiKey}` } });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ statusCode: 404, name: "not_found", message: expect.any(String) });
    const get = await fetch(`${standIn.url}/emails`, { headers: { authorization: `Bearer ${standIn.apiKey}` } });
    expect(get.status).toBe(405);
  });

  it("answers 503 while down, then accepts the retry with the same key", async () => {
    standIn.faults.downUntil = Date.now() + 60_000;
    const down = await resend.emails.send(mail(), { idempotencyKey: "mail/4" });
    expect(down.error).toMatchObject({ statusCode: 503 });
    expect(standIn.accepted).toHaveLength(0);
    standIn.faults.downUntil = undefined;
    const up = await resend.emails.send(mail(), { idempotencyKey: "mail/4" });
    expect(up.error).toBeNull();
    expect(standIn.accepted.map((m) => m.id)).toEqual([up.data!.id]);
    expect(standIn.calls.map((c) => c.status)).toEqual([503, 200]);
  });

  it("refuses with 500/502/503 at failRate and accepts nothing then", async () => {
    standIn.faults.failRate = 1;
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const { error } = await resend.emails.send(mail(), { idempotencyKey: `mail/fail/${i}` });
      statuses.add(error!.statusCode!);
    }
    expect([...statuses].every((s) => [500, 502, 503].includes(s))).toBe(true);
    expect(statuses.size).toBeGreaterThan(1);
    expect(standIn.accepted).toHaveLength(0);
  });

  it("answers 429 rate_limit_exceeded with retry-after visible in the SDK's headers", async () => {
    standIn.faults.rateLimitRate = 1;
    standIn.faults.retryAfterSeconds = 7;
    const { data, error, headers } = await resend.emails.send(mail());
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(headers?.["retry-after"]).toBe("7");
    expect(standIn.accepted).toHaveLength(0);
  });

  it("loses the answer of an accepted call: the SDK sees an error, the mail is accepted, a retry with the key gets its id", async () => {
    standIn.faults.loseResponseRate = 1;
    const lost = await resend.emails.send(mail(), { idempotencyKey: "mail/5" });
    expect(lost.data).toBeNull();
    expect(lost.error).toMatchObject({ statusCode: null, name: "application_error" });
    expect(standIn.accepted).toHaveLength(1);
    expect(standIn.calls.map((c) => c.status)).toEqual([0]);
    standIn.faults.loseResponseRate = 0;
    const retry = await resend.emails.send(mail(), { idempotencyKey: "mail/5" });
    expect(retry.data?.id).toBe(standIn.accepted[0].id);
    expect(standIn.accepted).toHaveLength(1);
  });

  it("forgets an idempotency key after 24 hours", async () => {
    let clock = Date.now();
    const local = await startResendStandIn({ now: () => clock });
    try {
      const client = new Resend(local.apiKey, { baseUrl: local.url });
      const first = await client.emails.send(mail(), { idempotencyKey: "mail/6" });
      clock += 24 * 3600 * 1000 + 1;
      const later = await client.emails.send(mail(), { idempotencyKey: "mail/6" });
      expect(later.data?.id).not.toBe(first.data?.id);
      expect(local.accepted).toHaveLength(2);
    } finally {
      await local.close();
    }
  });
});
