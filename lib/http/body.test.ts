import { describe, expect, it } from "vitest";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";
import { ACTION_TEXT_LIMIT, actionBodyTooLarge, BODY_LIMITS, LOGO_ACTION_LIMIT, readBytes, readForm, readJson } from "./body";

/** A body sent in chunks, generated as it is read; counts what the reader pulled and whether it cancelled. */
function chunkedBody(totalBytes: number, chunkBytes = 64 * 1024, prefix = new Uint8Array()) {
  const state = { pulled: 0, cancelled: false };
  let sentPrefix = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sentPrefix && prefix.byteLength) {
        sentPrefix = true;
        state.pulled += prefix.byteLength;
        controller.enqueue(prefix);
        return;
      }
      const size = Math.min(chunkBytes, totalBytes - state.pulled);
      if (size <= 0) return controller.close();
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(97)); // a fresh chunk each time: buffering it costs memory
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBytes", () => {
  it("reads a body of exactly the limit and refuses one byte more", async () => {
    expect(await readBytes(post(new Uint8Array(1000)), 1000)).toMatchObject({ ok: true, value: new Uint8Array(1000) });
    expect(await readBytes(post(new Uint8Array(1001)), 1000)).toEqual({ ok: false, problem: "too_large" });
    expect(await readBytes(post(null), 1000)).toEqual({ ok: true, value: new Uint8Array() });
  });

  it("counts a chunked body without Content-Length and cancels it at the first chunk over the limit", async () => {
    const exact = chunkedBody(10_000, 1000);
    const read = await readBytes(post(exact.stream), 10_000);
    expect(read.ok && read.value.byteLength).toBe(10_000);
    expect(exact.state.cancelled).toBe(false);

    const oneOver = chunkedBody(10_001, 1000);
    expect(await readBytes(post(oneOver.stream), 10_000)).toEqual({ ok: false, problem: "too_large" });

    const huge = chunkedBody(1_000_000_000, 1000);
    expect(await readBytes(post(huge.stream), 10_000)).toEqual({ ok: false, problem: "too_large" });
    expect(huge.state.cancelled).toBe(true);
    // The stream may have one chunk queued ahead of the reader (highWaterMark 1), never more.
    expect(huge.state.pulled).toBeLessThanOrEqual(12_000);
  });

  it("refuses a declared Content-Length over the limit without reading a byte", async () => {
    const body = chunkedBody(5_000, 1000);
    expect(await readBytes(post(body.stream, { "content-length": "10001" }), 10_000)).toEqual({ ok: false, problem: "too_large" });
    expect(body.state.cancelled).toBe(true);
    expect(body.state.pulled).toBeLessThanOrEqual(1000);
  });

  it("counts what arrives, not what a lying Content-Length declares", async () => {
    const body = chunkedBody(50_000, 1000);
    expect(await readBytes(post(body.stream, { "content-length": "10" }), 10_000)).toEqual({ ok: false, problem: "too_large" });
    expect(body.state.cancelled).toBe(true);
    expect(body.state.pulled).toBeLessThanOrEqual(12_000);
  });

  it("answers unreadable when the stream fails", async () => {
    const failing = new ReadableStream({ pull: (c) => c.error(new Error("connection reset")) });
    expect(await readBytes(post(failing), 1000)).toEqual({ ok: false, problem: "unreadable" });
  });
});

describe("readForm and readJson", () => {
  it("parse multipart, urlencoded and JSON bodies within the limit", async () => {
    const form = new FormData();
    form.set("description", "Un nid-de-poule");
    form.set("file", new File([new Uint8Array([1, 2, 3])], "a.png", { type: "image/png" }));
    const multipart = await readForm(post(form), 10_000);
    expect(multipart.ok && multipart.value.get("description")).toBe("Un nid-de-poule");
    expect(multipart.ok && (multipart.value.get("file") as File).size).toBe(3);

    const urlencoded = await readForm(post("api_key=k&lat=35.57", { "content-type": "application/x-www-form-urlencoded" }), 1000);
    expect(urlencoded.ok && Object.fromEntries(urlencoded.value)).toEqual({ api_key: "k", lat: "35.57" });

    expect(await readJson(post('{"a":[1]}'), 100)).toEqual({ ok: true, value: { a: [1] } });
    expect(await readJson(post('{"a":[1]}'), 5)).toEqual({ ok: false, problem: "too_large" });
  });

  it("answer unreadable for what does not parse", async () => {
    expect(await readForm(post("not a form", { "content-type": "text/plain" }), 1000)).toEqual({ ok: false, problem: "unreadable" });
    expect(await readForm(post("--x\r\nbroken", { "content-type": "multipart/form-data; boundary=x" }), 1000)).toEqual({ ok: false, problem: "unreadable" });
    expect(await readJson(post("{"), 100)).toEqual({ ok: false, problem: "unreadable" });
  });
});

describe("BODY_LIMITS", () => {
  it("let the largest valid report through, multipart or urlencoded, in the widest characters", async () => {
    const wide = (n: number) => "𝄞".repeat(n); // 4 bytes of UTF-8, 12 percent-encoded
    const fields: [string, string][] = [
      ["categoryIds", "12"],
      ["categoryIds", "13"],
      ["lat", "35.571234567"],
      ["lng", "-5.375512345"],
      ["districtId", "11"],
      ["address", wide(REPORT_LIMITS.addressMax)],
      ["description", wide(REPORT_LIMITS.descriptionMax)],
      ["name", wide(REPORT_LIMITS.nameMax)],
      ["email", `${"a".repeat(64)}@${"b".repeat(185)}.org`],
      ["phone", "+212 6 12 34 56 78"],
      ...Array.from({ length: REPORT_LIMITS.maxFiles }, (): [string, string] => ["attachmentTokens", "t".repeat(100)]),
      ["idempotencyKey", "k".repeat(100)],
      ["website", ""],
      ["locale", "fr"],
    ];
    const multipart = new FormData();
    for (const [k, v] of fields) multipart.append(k, v);
    const multipartBytes = (await post(multipart).arrayBuffer()).byteLength;
    const urlencodedBytes = new URLSearchParams(fields).toString().length;
    for (const size of [multipartBytes, urlencodedBytes]) {
      expect(size).toBeLessThanOrEqual(BODY_LIMITS.report);
      expect(size).toBeLessThanOrEqual(BODY_LIMITS.open311);
    }
    // …and stay far below the upload's: a report's body is text, its files go one by one.
    expect(BODY_LIMITS.report).toBeLessThan(100 * 1024);
    expect(BODY_LIMITS.upload).toBeGreaterThan(REPORT_LIMITS.maxFileBytes);
    expect(BODY_LIMITS.upload).toBeLessThan(REPORT_LIMITS.maxFileBytes + 100 * 1024);
  });
});

describe("actionBodyTooLarge", () => {
  const big = String(ACTION_TEXT_LIMIT + 1);
  it("lets the files' forms (report, tracking page, any locale) post their files, and holds every other page to text", () => {
    for (const page of ["/report", "/ar/report", "/en/report/", "/track/TET-ABCD-EFGH", "/ar/track/TET-ABCD-EFGH"])
      expect(actionBodyTooLarge(page, big), page).toBe(false);
    for (const page of ["/login", "/staff/penalties", "/ar/staff/admin", "/report/done/TET-ABCD", "/track"])
      expect(actionBodyTooLarge(page, big), page).toBe(true);
    expect(actionBodyTooLarge("/login", String(ACTION_TEXT_LIMIT))).toBe(false);
    expect(actionBodyTooLarge("/login", null)).toBe(false);
  });

  it("lets the admin city page post its logo (2 MB), and no more", () => {
    const logo = String(2 * 1024 * 1024 + 64 * 1024);
    for (const page of ["/staff/admin/city", "/ar/staff/admin/city", "/en/staff/admin/city/"]) {
      expect(actionBodyTooLarge(page, logo), page).toBe(false);
      expect(actionBodyTooLarge(page, String(LOGO_ACTION_LIMIT + 1)), page).toBe(true);
    }
    for (const page of ["/staff/admin", "/staff/admin/users", "/staff/admin/city/x"]) expect(actionBodyTooLarge(page, logo), page).toBe(true);
    expect(LOGO_ACTION_LIMIT).toBeLessThan(3 * 1024 * 1024);
  });
});
