/**
 * Every response of the running build carries the security headers, and every HTML page the
 * policy whose scripts need this response's nonce — also at paths with a dot (which the proxy once
 * skipped as if they were static files), 404s and pages in every locale. Route handlers and static
 * files get a policy under which whatever document they are opened as runs nothing.
 */
import http from "node:http";
import { expect, test, type APIResponse } from "./support/test";

const PAGES = [
  "/",
  "/report",
  "/track/ABC.def",
  "/track/TET-7KQ2-M9XD-4.json",
  "/fr.x",
  "/en/map.php",
  "/ar/results",
  "/no/such/page",
  "/robots.txt",
  "/favicon.txt",
];
const NOT_PAGES = [
  "/api/health",
  "/api/no-such-route",
  "/api/staff/penalties/export",
  "/files/00000000-0000-4000-8000-000000000000?n=TET-0000-0000-0",
  "/open311/v2/services.json",
  "/open311/v2/services.xml",
  "/open311/v2/nothing.txt",
  "/favicon.ico",
  "/icons/icon.svg",
  "/icons/missing.png",
  "/_next/static/missing.js",
];

function policies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "content-security-policy")
    .map((h) => h.value);
}

function expectStaticHeaders(response: APIResponse, path: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], path).toContain("geolocation=(self)");
  expect(headers["strict-transport-security"], path).toContain("max-age=");
  expect(headers["x-powered-by"], path).toBeUndefined();
}

test("every page, with or without a dot, found or not, has the nonce policy on all its scripts", async ({ request }) => {
  for (const path of PAGES) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["content-type"], path).toContain("text/html");
    expectStaticHeaders(response, path);
    const nonced = policies(response).find((p) => /script-src [^;]*'nonce-/.test(p));
    expect(nonced, `${path}: ${policies(response).join(" | ")}`).toBeTruthy();
    expect(nonced).toContain("'strict-dynamic'");
    expect(nonced).toContain("frame-ancestors 'none'");
    expect(nonced).toContain("object-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(nonced!)![1];
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
});

test("route handlers and static files: the headers, and a policy under which nothing runs", async ({ request }) => {
  const page = await (await request.get("/")).text();
  const asset = /<script\b[^>]*src="(\/_next\/static\/[^"]+)"/.exec(page)![1];
  for (const path of [...NOT_PAGES, asset, "/manifest.webmanifest"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expectStaticHeaders(response, path);
    const all = policies(response);
    expect(all.length, path).toBeGreaterThan(0);
    for (const policy of all) expect(policy, path).toContain("frame-ancestors 'none'");
    if (path !== "/manifest.webmanifest")
      expect(
        all.some((p) => p.includes("default-src 'none'")),
        `${path}: ${all.join(" | ")}`,
      ).toBe(true);
  }
  // The service worker keeps a policy that lets it fetch and cache the pages.
  const worker = await request.get("/sw.js");
  expectStaticHeaders(worker, "/sw.js");
  expect(policies(worker).join(" ")).not.toContain("default-src 'none'");
});

test("a 200 MB chunked upload without Content-Length is answered 413 long before it is all sent", async ({ baseURL }) => {
  const url = new URL("/api/uploads", baseURL);
  const chunk = Buffer.alloc(64 * 1024, 97);
  const result = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      url,
      { method: "POST", headers: { "content-type": "multipart/form-data; boundary=----e2e", "transfer-encoding": "chunked" } },
      (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
        res.on("error", reject);
      },
    );
    req.on("error", (error) => (answered ? undefined : reject(error)));
    req.write('------e2e\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
    const pump = () => {
      while (!answered && sent < 200 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
  expect(result.status).toBe(413);
  expect(JSON.parse(result.body)).toEqual({ error: "report.errors.file_too_large" });
  // The server stopped reading after ~10 MB; what was sent beyond sat in the sockets' buffers.
  expect(result.sent).toBeLessThan(100 * 1024 * 1024);
});

test("a page's POST heavier than text is refused before anything reads it, except on the forms that post files", async ({ request }) => {
  const body = "x".repeat(300 * 1024);
  const headers = { "Content-Type": "text/plain;charset=UTF-8", "Next-Action": "0".repeat(40) };
  expect((await request.post("/login", { data: body, headers })).status()).toBe(413);
  expect((await request.post("/staff/penalties", { data: body, headers })).status()).toBe(413);
  // The report form may carry files without scripts: the proxy lets it through (the action id is unknown: not a 413).
  expect((await request.post("/report", { data: body, headers })).status()).not.toBe(413);
});
