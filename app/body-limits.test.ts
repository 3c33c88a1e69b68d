/**
 * Every route handler that reads a body, sent 200 MB in chunks without Content-Length (a
 * ReadableStream that makes each chunk when it is pulled): 413 at once, the stream cancelled after
 * about the route's limit, and the process's memory bounded while it runs (sampled as the chunks
 * are pulled, after a garbage collection before the request). `request.formData()` instead buffers
 * all 200 MB before answering.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { installTestDatabase } from "@/db/testing";
import { BODY_LIMITS } from "@/lib/http/body";
import { connectionFrom } from "@/lib/auth/address-testing";

// Auth.js itself is not under test here: only that its route reads no more than its limit first.
vi.mock("@/lib/auth/config", () => ({
  handlers: { GET: async () => new Response(null, { status: 404 }), POST: async () => new Response(null, { status: 400 }) },
}));

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const TOTAL = 200 * 1024 * 1024;
const CHUNK = 64 * 1024;
const MB = 1024 * 1024;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

/** 200 MB of a multipart file part, made chunk by chunk as the reader pulls; the peak memory is sampled every MB. */
function hugeBody(contentType: string, prefix: string) {
  gc();
  const baseline = process.memoryUsage();
  const state = { pulled: 0, cancelled: false, peakRss: 0, peakArrayBuffers: 0 };
  const head = new TextEncoder().encode(prefix);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === 0) {
        state.pulled = head.byteLength;
        return controller.enqueue(head);
      }
      if (state.pulled >= TOTAL) return controller.close();
      state.pulled += CHUNK;
      if (state.pulled % MB < CHUNK) {
        const now = process.memoryUsage();
        state.peakRss = Math.max(state.peakRss, now.rss - baseline.rss);
        state.peakArrayBuffers = Math.max(state.peakArrayBuffers, now.arrayBuffers - baseline.arrayBuffers);
      }
      controller.enqueue(new Uint8Array(CHUNK).fill(97)); // fresh memory for each chunk
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const headers = { "content-type": contentType, ...connectionFrom("198.51.100.200") };
  return { body: stream, headers, state };
}

const MULTIPART = "multipart/form-data; boundary=----bodylimit";
const FILE_PART = '------bodylimit\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n';

const ROUTES = [
  {
    name: "POST /api/uploads",
    limit: BODY_LIMITS.upload,
    contentType: MULTIPART,
    prefix: FILE_PART,
    call: async (request: Request) => (await import("./api/uploads/route")).POST(request),
    expectBody: { error: "report.errors.file_too_large" },
  },
  {
    name: "POST /api/reports",
    limit: BODY_LIMITS.report,
    contentType: MULTIPART,
    prefix: '------bodylimit\r\nContent-Disposition: form-data; name="description"\r\n\r\n',
    call: async (request: Request) => (await import("./api/reports/route")).POST(request),
    expectBody: { fieldErrors: {}, code: "report.errors.request_too_large" },
  },
  {
    name: "POST /open311/v2/requests.json",
    limit: BODY_LIMITS.open311,
    contentType: "application/x-www-form-urlencoded",
    prefix: "api_key=k&description=",
    call: async (request: Request) => (await import("./open311/v2/[...path]/route")).POST(request, { params: Promise.resolve({ path: ["requests.json"] }) }),
    expectBody: [{ code: 413, description: `The body must not exceed ${BODY_LIMITS.open311} bytes` }],
  },
  {
    name: "POST /api/auth/callback/credentials",
    limit: BODY_LIMITS.auth,
    contentType: "application/x-www-form-urlencoded",
    prefix: "email=a%40example.org&password=",
    call: async (request: Request) => {
      const { NextRequest } = await import("next/server");
      return (await import("./api/auth/[...nextauth]/route")).POST(
        new NextRequest(
          request.url === "http://localhost/warm-up" ? "http://localhost/api/auth/nope" : "http://localhost/api/auth/callback/credentials",
          request as RequestInit & Request,
        ),
      );
    },
    expectBody: { code: "login.errors.request_too_large" },
  },
];

describe("a 200 MB chunked body without Content-Length", () => {
  for (const route of ROUTES) {
    it(`${route.name}: 413 after reading about its limit, memory bounded`, async () => {
      await route.call(new Request("http://localhost/warm-up", { method: "POST" })); // load the modules first
      const { body, headers, state } = hugeBody(route.contentType, route.prefix);
      const request = new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
      const response = await route.call(request);
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual(route.expectBody);
      expect(state.cancelled).toBe(true);
      expect(state.pulled).toBeLessThan(route.limit + 4 * CHUNK);
      expect(state.peakArrayBuffers, "array buffers held while reading").toBeLessThan(50 * MB);
      expect(state.peakRss, "resident memory grown while reading").toBeLessThan(50 * MB);
    }, 60_000);
  }

  it("a declared Content-Length over the limit is refused before a byte is read", async () => {
    const { POST } = await import("./api/uploads/route");
    const { body, headers, state } = hugeBody(MULTIPART, FILE_PART);
    const request = new Request("http://localhost/api/uploads", {
      method: "POST",
      body,
      headers: { ...headers, "content-length": String(TOTAL) },
      duplex: "half",
    } as RequestInit);
    const response = await POST(request);
    expect(response.status).toBe(413);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(FILE_PART.length + CHUNK);
  });
});
