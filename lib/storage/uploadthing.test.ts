/**
 * The UploadThing adapter with the real `uploadthing` SDK (nothing mocked), against the local
 * stand-in of UploadThing's HTTP API: the SDK is pointed at it through UPLOADTHING_API_URL and
 * UPLOADTHING_INGEST_URL, settings of the SDK itself.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeUploadThingToken, encodeUploadThingToken, startUploadThingStandIn, type UploadThingStandIn } from "@/lib/testing/uploadthing-standin";
import { STORAGE_KEY } from "./types";
import { uploadThingStorage } from "./uploadthing";

let standIn: UploadThingStandIn;
const savedEnv = new Map<string, string | undefined>();

beforeAll(async () => {
  standIn = await startUploadThingStandIn();
  // The SDK reads its environment on every call, not once: it stays set for the whole file.
  for (const [name, value] of Object.entries({ ...standIn.env, UPLOADTHING_LOG_LEVEL: "None" })) {
    savedEnv.set(name, process.env[name]);
    process.env[name] = value;
  }
});

afterAll(async () => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await standIn?.close();
});

const newKey = (variant: "display" | "original", ext: "jpg" | "png" | "webp" | "pdf") => {
  const key = `2025/03/${randomUUID()}-${variant}.${ext}`;
  expect(key).toMatch(STORAGE_KEY);
  return key;
};

describe("uploadThingStorage (real SDK, local stand-in of UploadThing)", () => {
  it("puts a file under its key, gets it back byte for byte, then deletes it", async () => {
    const storage = uploadThingStorage(standIn.token);
    const key = newKey("original", "pdf");
    // Every byte value, so an encoding slip anywhere on the way shows.
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));

    const before = standIn.calls.length;
    await storage.put(key, bytes, "application/pdf");
    const stored = [...standIn.files.values()].find((f) => f.customId === key);
    expect(stored).toBeDefined();
    expect(stored!.type).toBe("application/pdf");
    expect(stored!.bytes.equals(bytes)).toBe(true);
    expect(standIn.calls.slice(before).map((c) => c.method)).toEqual(["PUT"]);

    const back = await storage.get(key);
    expect(back).not.toBeNull();
    expect(Buffer.isBuffer(back)).toBe(true);
    expect(back!.equals(bytes)).toBe(true);

    await storage.delete(key);
    expect([...standIn.files.values()].some((f) => f.customId === key)).toBe(false);
    expect(await storage.get(key)).toBeNull();

    const route = (path: string) => (path.startsWith("/v6/") ? path : path.startsWith("/f/") ? "/f/<fileKey>" : "/<fileKey>");
    expect(standIn.calls.slice(before).map((c) => `${c.method} ${route(c.path)}`)).toEqual([
      "PUT /<fileKey>",
      "POST /v6/requestFileAccess",
      "GET /f/<fileKey>",
      "POST /v6/deleteFiles",
      "POST /v6/requestFileAccess",
    ]);
  });

  it("gets null for a key that was never stored, and deleting it is not an error", async () => {
    const storage = uploadThingStorage(standIn.token);
    const key = newKey("display", "webp");
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it("keeps two files apart", async () => {
    const storage = uploadThingStorage(standIn.token);
    const [a, b] = [newKey("display", "jpg"), newKey("original", "png")];
    await storage.put(a, Buffer.from("first"), "image/jpeg");
    await storage.put(b, Buffer.from("second"), "image/png");
    expect((await storage.get(a))?.toString()).toBe("first");
    expect((await storage.get(b))?.toString()).toBe("second");
    await storage.delete(a);
    expect(await storage.get(a)).toBeNull();
    expect((await storage.get(b))?.toString()).toBe("second");
  });

  it("fails loudly with a wrong API key: put throws naming UploadThing, get throws rather than say 'no such file'", async () => {
    const good = uploadThingStorage(standIn.token);
    const key = newKey("original", "jpg");
    await good.put(key, Buffer.from("kept"), "image/jpeg");

    const wrongToken = encodeUploadThingToken({ ...decodeUploadThingToken(standIn.token), apiKey: "sk_live_not_this_app" });
    const wrong = uploadThingStorage(wrongToken);
    const filesBefore = standIn.files.size;
    await expect(wrong.put(newKey("original", "jpg"), Buffer.from("x"), "image/jpeg")).rejects.toThrow(/UploadThing/);
    expect(standIn.files.size).toBe(filesBefore);
    // The API refuses the key (401); a refusal must not read as "no such file" (null).
    await expect(wrong.get(key)).rejects.toThrow(/401/);
    await expect(wrong.delete(key)).rejects.toThrow(/401/);
    expect((await good.get(key))?.toString()).toBe("kept");
  });
});
