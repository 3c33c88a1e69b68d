import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { driverFor, lockPgliteFolder, openDatabase } from "./index";

describe("driverFor", () => {
  it("chooses PGlite without a URL, Neon for neon.tech hosts and pg otherwise", () => {
    expect(driverFor(undefined)).toBe("pglite");
    expect(driverFor("postgres://postgres@127.0.0.1:5432/test")).toBe("pg");
    expect(driverFor("postgresql://u:p@ep-cool-name-123.eu-central-1.aws.neon.tech/db?sslmode=require")).toBe("neon");
    expect(driverFor("postgres://u:p@neon.tech.example.org/db")).toBe("pg");
  });

  it("refuses a URL that is not PostgreSQL, with a sentence", () => {
    expect(() => driverFor("mysql://root@localhost/db")).toThrow(/DATABASE_URL must start with postgres/);
  });
});

describe("the PGlite folder lock", () => {
  const folder = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "erec-lock-")), "pglite");

  it("stops a second process at once with a sentence saying why", () => {
    const dataDir = folder();
    // The parent of the test process is alive and is not us: it plays the first server.
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(`${dataDir}.lock`, String(process.ppid));
    expect(() => lockPgliteFolder(dataDir)).toThrow(/already open in process \d+; two processes on one PGlite folder would corrupt it/);
  });

  it("takes over a lock left by a process that no longer runs, and releases it", () => {
    const dataDir = folder();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(`${dataDir}.lock`, "999999999");
    const release = lockPgliteFolder(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("opens a file-backed database, migrates it and frees the folder on close", async () => {
    const dataDir = folder();
    const handle = await openDatabase({ dataDir });
    await handle.migrate();
    await handle.migrate(); // idempotent
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(true);
    await handle.close();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    const again = await openDatabase({ dataDir });
    await again.close();
  }, 60_000);
});
