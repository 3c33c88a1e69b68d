import { describe, expect, it } from "vitest";
import { flushQueue, queuedReportBody, type QueueStore, type QueueTransport, type ServerAnswer, type UploadAnswer } from "./queue";
import type { QueuedReport } from "./types";

function memoryStore(initial: QueuedReport[]): QueueStore & { items: Map<string, QueuedReport> } {
  const items = new Map(initial.map((r) => [r.idempotencyKey, r]));
  return {
    items,
    list: async () => [...items.values()],
    put: async (r) => void items.set(r.idempotencyKey, structuredClone(r)),
    remove: async (key) => void items.delete(key),
  };
}

function report(key: string, queuedAt: number, files = 0): QueuedReport {
  return {
    idempotencyKey: key,
    locale: "ar",
    queuedAt,
    fields: {
      categoryIds: [3, 7],
      point: { lat: 35.5711, lng: -5.3724 },
      districtId: "",
      address: "",
      description: "Des ordures devant l'école",
      anonymous: false,
      name: "Amina",
      email: "a@example.org",
      phone: "",
      answers: { child_name: ["Yasmine"], meals: ["mon", "thu"] },
    },
    files: Array.from({ length: files }, (_, i) => ({ id: `f${i}`, name: `p${i}.jpg`, type: "image/jpeg", blob: new Blob([`bytes${i}`]) })),
  };
}

const NETWORK = () => Promise.reject(new TypeError("Failed to fetch"));

/** A server that records what it receives; `answers` decide each call in turn (default: success). */
function server(options: { uploads?: (() => Promise<UploadAnswer>)[]; sends?: (() => Promise<ServerAnswer>)[] } = {}) {
  const uploads: string[] = [];
  const sends: FormData[] = [];
  let u = 0;
  let s = 0;
  const transport: QueueTransport = {
    upload: async (file) => {
      const answer = options.uploads?.[u++];
      if (answer) return answer();
      uploads.push(file.name);
      return { ok: true, token: `token_${file.name.replace(/\W/g, "")}_0123456789` };
    },
    send: async (body) => {
      const answer = options.sends?.[s++];
      if (answer) return answer();
      sends.push(body);
      return { ok: true, trackingNumber: `TET-${sends.length}` };
    },
  };
  return { transport, uploads, sends };
}

describe("flushQueue", () => {
  it("sends every queued report once, oldest first, and empties the queue", async () => {
    const store = memoryStore([report("k2", 2), report("k1", 1, 2)]);
    const { transport, uploads, sends } = server();
    const outcomes = await flushQueue(store, transport);
    expect(outcomes).toEqual([
      { idempotencyKey: "k1", result: "sent", trackingNumber: "TET-1" },
      { idempotencyKey: "k2", result: "sent", trackingNumber: "TET-2" },
    ]);
    expect(uploads).toEqual(["p0.jpg", "p1.jpg"]);
    expect(sends[0].getAll("attachmentTokens")).toEqual(["token_p0jpg_0123456789", "token_p1jpg_0123456789"]);
    expect(sends[0].get("idempotencyKey")).toBe("k1");
    expect(sends[0].get("locale")).toBe("ar");
    expect(store.items.size).toBe(0);
    // A second round has nothing left to send.
    expect(await flushQueue(store, transport)).toEqual([]);
    expect(sends).toHaveLength(2);
  });

  it("keeps everything when the network is gone, and later sends the same body with the same key", async () => {
    const store = memoryStore([report("k1", 1, 1), report("k2", 2)]);
    const lost = server({ sends: [NETWORK] });
    expect(await flushQueue(store, lost.transport)).toEqual([
      { idempotencyKey: "k1", result: "waiting" },
      { idempotencyKey: "k2", result: "waiting" },
    ]);
    // The file was uploaded before the network went: its token is kept, it is not uploaded again.
    expect(store.items.get("k1")!.files[0].token).toBe("token_p0jpg_0123456789");
    const back = server();
    const outcomes = await flushQueue(store, back.transport);
    expect(outcomes.map((o) => o.result)).toEqual(["sent", "sent"]);
    expect(back.uploads).toEqual([]);
    expect(back.sends[0].getAll("attachmentTokens")).toEqual(["token_p0jpg_0123456789"]);
    expect(back.sends[0].get("idempotencyKey")).toBe("k1");
  });

  it("keeps a report the server asks to wait for (429, 5xx)", async () => {
    for (const status of [429, 500, 503]) {
      const store = memoryStore([report("k1", 1)]);
      const { transport } = server({ sends: [async () => ({ ok: false, status })] });
      expect(await flushQueue(store, transport)).toEqual([{ idempotencyKey: "k1", result: "waiting" }]);
      expect(store.items.has("k1")).toBe(true);
    }
  });

  it("hands a refused report back with its reasons and goes on with the next", async () => {
    const store = memoryStore([report("k1", 1), report("k2", 2)]);
    const fieldErrors = { description: ["report.errors.description_too_short"] };
    const { transport } = server({ sends: [async () => ({ ok: false, status: 400, code: undefined, fieldErrors })] });
    const outcomes = await flushQueue(store, transport);
    expect(outcomes[0]).toMatchObject({ idempotencyKey: "k1", result: "refused", code: "report.errors.rejected", fieldErrors });
    expect(outcomes[0].result === "refused" && outcomes[0].report.fields.description).toBe("Des ordures devant l'école");
    expect(outcomes[1]).toEqual({ idempotencyKey: "k2", result: "sent", trackingNumber: "TET-1" });
    expect(store.items.size).toBe(0);
  });

  it("refuses a report whose file the server will never accept", async () => {
    const store = memoryStore([report("k1", 1, 1)]);
    const { transport, sends } = server({ uploads: [async () => ({ ok: false, status: 415, code: "report.errors.file_type" })] });
    const outcomes = await flushQueue(store, transport);
    expect(outcomes[0]).toMatchObject({ result: "refused", code: "report.errors.file_type" });
    expect(sends).toHaveLength(0);
  });
});

describe("queuedReportBody", () => {
  it("carries the form's fields, the anonymous box only when ticked", () => {
    const body = queuedReportBody({ ...report("k", 1), fields: { ...report("k", 1).fields, anonymous: true } });
    expect(body.getAll("categoryIds")).toEqual(["3", "7"]);
    expect(body.getAll("field.meals")).toEqual(["mon", "thu"]);
    expect(body.get("field.child_name")).toBe("Yasmine");
    expect(body.get("lat")).toBe("35.571100");
    expect(body.get("anonymous")).toBe("on");
    expect(queuedReportBody(report("k", 1)).has("anonymous")).toBe(false);
  });
});
