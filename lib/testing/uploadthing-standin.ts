/**
 * A local stand-in for the part of UploadThing's HTTP API that `lib/storage/uploadthing.ts` uses,
 * so the real `uploadthing` SDK can run in a test on a machine with no network.
 *
 * What the SDK (uploadthing 7.7) sends, read from `node_modules/uploadthing/server/index.js`:
 * - upload: no API call. The SDK signs an ingest URL itself — `${ingestUrl}/${fileKey}?expires=…&
 *   x-ut-identifier=<appId>&x-ut-file-name=…&x-ut-file-size=…&x-ut-file-type=…&x-ut-custom-id=…&
 *   x-ut-content-disposition=…&signature=hmac-sha256=<hex HMAC of the URL before it, keyed by the
 *   API key>` — and PUTs a multipart body (one `file` field) with `Range: bytes=0-` and
 *   `x-uploadthing-version`. A wrong API key is therefore seen here as a wrong signature.
 * - signed URL: `POST ${apiUrl}/v6/requestFileAccess` `{ customId | fileKey, expiresIn? }` →
 *   `{ url, ufsUrl }`; the adapter then GETs `ufsUrl`.
 * - delete: `POST ${apiUrl}/v6/deleteFiles` `{ customIds | fileKeys }` → `{ success, deletedCount }`.
 * API calls carry `x-uploadthing-api-key`, `x-uploadthing-version`, `x-uploadthing-be-adapter`.
 *
 * The SDK is pointed here with its own settings UPLOADTHING_API_URL and UPLOADTHING_INGEST_URL
 * (`apiUrl` / `ingestUrl` of its config, read from the environment when not passed to `UTApi`);
 * `env` holds them. One server plays the API (`POST /v6/…`), the ingest (`PUT /<fileKey>`) and the
 * file host (`GET /f/<fileKey>`).
 *
 * Where UploadThing's documentation does not say (the status of a wrong API key, of an unknown
 * file, of a bad signature), this answers as an HTTP API usually does: 401, 404, 403. The SDK
 * treats every non-2xx answer alike, so only the adapter's own handling depends on the choice.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInFile {
  bytes: Buffer;
  type: string;
  customId: string | null;
}

export interface UploadThingStandIn {
  /** Base URL of the stand-in (API, ingest and file host at once). */
  url: string;
  /** An UPLOADTHING_TOKEN whose API key the stand-in accepts. */
  token: string;
  /** The environment that points the SDK at the stand-in (UPLOADTHING_TOKEN, _API_URL, _INGEST_URL). */
  env: Record<string, string>;
  /** Stored files by UploadThing file key. */
  files: Map<string, StandInFile>;
  /** Every request received, in order (path without query). */
  calls: { method: string; path: string }[];
  close(): Promise<void>;
}

export interface UploadThingTokenData {
  apiKey: string;
  appId: string;
  regions: string[];
  ingestHost?: string;
}

/** UPLOADTHING_TOKEN is base64 JSON `{ apiKey, appId, regions, ingestHost? }` (the SDK's `UploadThingToken` schema). */
export function encodeUploadThingToken(data: UploadThingTokenData): string {
  return Buffer.from(JSON.stringify(data), "utf8").toString("base64");
}

export function decodeUploadThingToken(token: string): UploadThingTokenData {
  return JSON.parse(Buffer.from(token, "base64").toString("utf8")) as UploadThingTokenData;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const fail = (status: number, message: string): never => {
  throw new HttpError(status, message);
};

const MAX_EXPIRES_IN = 7 * 24 * 3600;
const FILE_KEY = /^[A-Za-z0-9_-]{12,256}$/;

export async function startUploadThingStandIn(): Promise<UploadThingStandIn> {
  const apiKey = `sk_standin_${randomBytes(12).toString("hex")}`;
  const appId = "standinapp";
  const token = encodeUploadThingToken({ apiKey, appId, regions: ["fra1"] });
  const files = new Map<string, StandInFile>();
  const calls: { method: string; path: string }[] = [];
  let base = "";

  const sign = (unsigned: string) => `hmac-sha256=${createHmac("sha256", apiKey).update(unsigned).digest("hex")}`;

  /** Checks the `signature` (last parameter, over the URL before it) and `expires` (ms since epoch) of a URL the SDK or this stand-in signed. */
  const checkSignedUrl = (rawUrl: string) => {
    const at = rawUrl.lastIndexOf("&signature=");
    if (at < 0) fail(403, "missing signature");
    const unsigned = `${base}${rawUrl.slice(0, at)}`;
    const given = Buffer.from(decodeURIComponent(rawUrl.slice(at + "&signature=".length)));
    const expected = Buffer.from(sign(unsigned));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) fail(403, "invalid signature");
    const expires = Number(new URL(unsigned).searchParams.get("expires"));
    if (!Number.isFinite(expires) || expires <= 0) fail(400, "missing or invalid expires");
    if (expires < Date.now()) fail(403, "signed URL expired");
  };

  /** The SDK encodes each `x-ut-*` value with encodeURIComponent before URLSearchParams encodes it again. */
  const param = (search: URLSearchParams, name: string) => {
    const value = search.get(name);
    return value === null ? null : decodeURIComponent(value);
  };

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    if (!req.headers["content-type"]?.startsWith("application/json")) fail(400, "expected content-type application/json");
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req)).toString("utf8"));
    } catch {
      fail(400, "body is not JSON");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) fail(400, "body must be a JSON object");
    return body as Record<string, unknown>;
  };

  const onlyKeys = (body: Record<string, unknown>, allowed: string[]) => {
    const extra = Object.keys(body).filter((k) => !allowed.includes(k));
    if (extra.length > 0) fail(400, `unexpected field(s): ${extra.join(", ")}`);
  };

  const findKey = (by: { fileKey?: string; customId?: string }) => {
    if (by.fileKey !== undefined) return files.has(by.fileKey) ? by.fileKey : null;
    for (const [key, file] of files) if (file.customId === by.customId) return key;
    return null;
  };

  const ingest = async (req: IncomingMessage, rawUrl: string, fileKey: string) => {
    checkSignedUrl(rawUrl);
    if (!FILE_KEY.test(fileKey)) fail(400, `invalid file key: ${fileKey}`);
    if (!req.headers["x-uploadthing-version"]) fail(400, "missing x-uploadthing-version");
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ""));
    if (!range) fail(400, "expected a Range header bytes=<start>-");
    // Resuming (a Range start above 0, after a HEAD that reads x-ut-range-start) is what the browser
    // client does; the server SDK always sends the whole file.
    if (range![1] !== "0") fail(416, "only uploads from byte 0 are supported");

    const search = new URL(`${base}${rawUrl}`).searchParams;
    if (param(search, "x-ut-identifier") !== appId) fail(403, "x-ut-identifier is not this app");
    const name = param(search, "x-ut-file-name");
    const size = Number(param(search, "x-ut-file-size"));
    const type = param(search, "x-ut-file-type");
    const customId = param(search, "x-ut-custom-id");
    const disposition = param(search, "x-ut-content-disposition");
    const acl = param(search, "x-ut-acl");
    if (!name) fail(400, "missing x-ut-file-name");
    if (!Number.isInteger(size) || size < 0) fail(400, "missing or invalid x-ut-file-size");
    if (disposition !== null && disposition !== "inline" && disposition !== "attachment") fail(400, `invalid x-ut-content-disposition: ${disposition}`);
    if (acl !== null && acl !== "public-read" && acl !== "private") fail(400, `invalid x-ut-acl: ${acl}`);
    if (files.has(fileKey)) fail(409, `file key already used: ${fileKey}`);
    if (customId !== null && findKey({ customId }) !== null) fail(409, `customId already used: ${customId}`);

    const contentType = String(req.headers["content-type"] ?? "");
    if (!contentType.startsWith("multipart/form-data")) fail(400, "expected a multipart/form-data body");
    let form: FormData;
    try {
      form = await new Response(await readBody(req), { headers: { "content-type": contentType } }).formData();
    } catch {
      return fail(400, "malformed multipart body");
    }
    const fields = [...form.keys()];
    if (fields.length !== 1 || fields[0] !== "file") fail(400, `expected exactly one "file" field, got: ${fields.join(", ") || "none"}`);
    const part = form.get("file");
    if (typeof part === "string" || part === null) return fail(400, `"file" is not a file`);
    const bytes = Buffer.from(await part.arrayBuffer());
    if (bytes.length !== size) fail(400, `file is ${bytes.length} bytes, the signed URL says ${size}`);
    const storedType = type ?? part.type;
    if (type !== null && part.type && part.type !== type) fail(400, `file is ${part.type}, the signed URL says ${type}`);

    files.set(fileKey, { bytes, type: storedType || "application/octet-stream", customId });
    const fileUrl = `${base}/f/${fileKey}`;
    return {
      url: fileUrl,
      appUrl: `${base}/a/${appId}/${fileKey}`,
      ufsUrl: fileUrl,
      fileHash: createHash("md5").update(bytes).digest("hex"),
      serverData: null,
    };
  };

  /** Picks exactly one of a file-key field and a custom-id field. */
  const oneOf = <T>(body: Record<string, unknown>, byKey: string, byCustomId: string, check: (v: unknown) => v is T) => {
    const hasKey = body[byKey] !== undefined;
    const hasCustomId = body[byCustomId] !== undefined;
    if (hasKey === hasCustomId) fail(400, `exactly one of ${byKey} and ${byCustomId} is required`);
    const value = hasKey ? body[byKey] : body[byCustomId];
    if (!check(value)) fail(400, `invalid ${hasKey ? byKey : byCustomId}`);
    return { keyType: hasKey ? ("fileKey" as const) : ("customId" as const), value: value as T };
  };
  const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
  const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isText);

  const api = async (req: IncomingMessage, path: string) => {
    if (req.method !== "POST") fail(405, "the API takes POST only");
    const given = String(req.headers["x-uploadthing-api-key"] ?? "");
    if (given !== apiKey) fail(401, "Invalid API key");
    if (!req.headers["x-uploadthing-version"]) fail(400, "missing x-uploadthing-version");
    if (!req.headers["x-uploadthing-be-adapter"]) fail(400, "missing x-uploadthing-be-adapter");
    const body = await readJson(req);

    if (path === "/v6/requestFileAccess") {
      onlyKeys(body, ["fileKey", "customId", "expiresIn"]);
      const { keyType, value } = oneOf(body, "fileKey", "customId", isText);
      const expiresIn = body.expiresIn;
      if (expiresIn !== undefined && (typeof expiresIn !== "number" || !Number.isInteger(expiresIn) || expiresIn <= 0 || expiresIn > MAX_EXPIRES_IN)) {
        fail(400, "expiresIn must be a whole number of seconds, at most 7 days");
      }
      const fileKey = findKey({ [keyType]: value });
      if (fileKey === null) fail(404, "File not found");
      const unsigned = `${base}/f/${fileKey}?expires=${Date.now() + ((expiresIn as number | undefined) ?? 3600) * 1000}`;
      const signed = `${unsigned}&signature=${encodeURIComponent(sign(unsigned))}`;
      return { url: signed, ufsUrl: signed };
    }
    if (path === "/v6/deleteFiles") {
      onlyKeys(body, ["fileKeys", "customIds"]);
      const { keyType, value } = oneOf(body, "fileKeys", "customIds", isTextList);
      let deletedCount = 0;
      for (const id of value) {
        const fileKey = findKey(keyType === "fileKey" ? { fileKey: id } : { customId: id });
        if (fileKey !== null && files.delete(fileKey)) deletedCount++;
      }
      return { success: true, deletedCount };
    }
    return fail(404, `no such endpoint: ${path}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const rawUrl = req.url ?? "/";
    const path = rawUrl.split("?")[0];
    calls.push({ method: req.method ?? "", path });
    try {
      if (path.startsWith("/v6/")) return json(res, 200, await api(req, path));
      const served = /^\/f\/([^/]+)$/.exec(path);
      if (served && req.method === "GET") {
        checkSignedUrl(rawUrl);
        const file = files.get(served[1]);
        if (!file) fail(404, "File not found");
        res.writeHead(200, { "content-type": file!.type, "content-length": file!.bytes.length });
        return res.end(file!.bytes);
      }
      const upload = /^\/([^/]+)$/.exec(path);
      if (upload && req.method === "PUT") return json(res, 200, await ingest(req, rawUrl, upload[1]));
      fail(404, `no route for ${req.method} ${path}`);
    } catch (error) {
      if (error instanceof HttpError) return json(res, error.status, { error: error.message });
      return json(res, 500, { error: String(error) });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    token,
    env: { UPLOADTHING_TOKEN: token, UPLOADTHING_API_URL: base, UPLOADTHING_INGEST_URL: base },
    files,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
