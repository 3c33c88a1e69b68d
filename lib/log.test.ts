import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, requestIdOf, serializeError } from "./log";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  process.env.LOG_LEVEL = "info";
  const logger = createLogger(stream);
  delete process.env.LOG_LEVEL;
  return { logger, text: () => lines.join("") };
}

describe("logs", () => {
  it("carry the request id and redact passwords, tokens and citizens' contact data wherever they are", () => {
    const { logger, text } = capture();
    logger.child({ requestId: "req-12345678" }).warn(
      {
        email: "amina@example.org",
        input: { phone: "0661234567", name: "Amina Tazi", password: "s3cret-passw0rd" },
        headers: { authorization: "Bearer abcdefgh" },
        upload: { claimToken: "tok-tok-tok-tok" },
      },
      "refused",
    );
    const line = JSON.parse(text());
    expect(line.requestId).toBe("req-12345678");
    expect(line.msg).toBe("refused");
    for (const secret of ["amina@example.org", "0661234567", "Amina Tazi", "s3cret-passw0rd", "Bearer abcdefgh", "tok-tok-tok-tok"])
      expect(text()).not.toContain(secret);
  });

  it("cut a database error's parameters (what the citizen typed) from its message and stack", () => {
    const error = new Error('Failed query: insert into "reports" ("citizen_name", "citizen_email") values ($1, $2)\nparams: Amina Tazi,amina@example.org');
    (error as { cause?: unknown }).cause = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
    const { logger, text } = capture();
    logger.error({ err: error, requestId: "req-abcdefgh" }, "submission failed");
    expect(text()).not.toContain("amina@example.org");
    expect(text()).not.toContain("Amina Tazi");
    const line = JSON.parse(text());
    expect(line.err.message).toContain('insert into "reports"');
    expect(line.err.cause).toMatchObject({ code: "57P01" });
    expect(serializeError("plain")).toEqual({ message: "plain" });
  });

  it("keep a well-formed request id from the reverse proxy and make one otherwise", () => {
    expect(requestIdOf(new Headers({ "x-request-id": "nginx-0123456789abcdef" }))).toBe("nginx-0123456789abcdef");
    const made = requestIdOf(new Headers({ "x-request-id": "<script>" }));
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(new Headers())).not.toBe(made);
  });
});
