/**
 * The server is killed (SIGKILL) in the middle of an upload, then restarted: no report is half
 * created, and once the tick has run no orphan file is kept — neither a file no row names nor a
 * write that never finished. The killed server is a child process on the same PostgreSQL database
 * (TEST_DB=pg; PGlite is one process's file and cannot be shared).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { attachments, categories, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { databaseUrlOf, installTestDatabase, testDriver } from "@/db/testing";
import type { ReportInput } from "@/lib/domain/report-input";
import { useStorage } from "@/lib/storage";
import { localStorage } from "@/lib/storage/local";
import { createUpload, sweepOrphanFiles, sweepUnclaimedUploads } from "./attachments";
import { submitReport } from "./reports";

const onPostgres = testDriver() !== "pglite";
let handle: DatabaseHandle;
let databaseUrl: string;

beforeAll(async () => {
  if (!onPostgres) return;
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  databaseUrl = (await databaseUrlOf(handle)).url;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(path.join(dir, e.name));
      else out.push(path.relative(root, path.join(dir, e.name)));
    }
  };
  await walk(root);
  return out.sort();
}

/** Starts a server-like child that uploads a photo, and kills it where `crashAt` says. */
function uploadAndKill(root: string, crashAt: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // One process, tsx as a loader: tsx's CLI runs the file in a child of its own, which the SIGKILL
    // left running (paused, holding its connection) after every run of this test.
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("lib/dal/upload-crash.child.ts")], {
      env: { ...process.env, DATABASE_URL: databaseUrl, UPLOAD_ROOT: root, CRASH_AT: crashAt, NODE_ENV: "production", APP_MODE: "demo" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (d) => (errors += d));
    child.stdout.on("data", (d: Buffer) => {
      if (String(d).includes("PAUSED")) child.kill("SIGKILL");
      if (String(d).includes("DONE")) reject(new Error("the child finished instead of pausing"));
    });
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`child exited without being killed: ${errors}`))));
  });
}

describe.runIf(onPostgres)("a server killed during an upload", () => {
  for (const crashAt of ["before-files", "mid-write", "between-files"]) {
    it(`${crashAt}: no report, and after the restart's sweep no orphan row or file`, async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), `erec-crash-${crashAt}-`));
      try {
        await uploadAndKill(root, crashAt);
        expect(await handle.db.select().from(reports)).toHaveLength(0);
        const left = await filesUnder(root);
        if (crashAt !== "before-files") expect(left.length, "the kill left something on disk").toBeGreaterThan(0);
        expect(await handle.db.select().from(attachments).where(isNull(attachments.reportId))).toHaveLength(1);

        // Restarted: the tick sweeps (a day later) what the killed upload left.
        useStorage(localStorage(root));
        const later = new Date(Date.now() + 25 * 3_600_000);
        await sweepUnclaimedUploads(later);
        await sweepOrphanFiles(later);
        expect(await filesUnder(root)).toEqual([]);
        expect(await handle.db.select().from(attachments)).toHaveLength(0);

        // And the restarted server works: an upload claimed by a report is kept by the same sweep.
        const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#a52" } })
          .jpeg()
          .toBuffer();
        const upload = await createUpload({ bytes: photo, originalName: "apres.jpg" });
        const [category] = await handle.db.select().from(categories).where(eq(categories.code, "depot-sauvage"));
        await submitReport(
          {
            categoryIds: [category.id],
            lat: 35.5722,
            lng: -5.3686,
            description: "Gravats déposés au coin de la rue depuis lundi.",
            anonymous: true,
            attachmentTokens: [upload.token],
            idempotencyKey: `crash-test-${crashAt}-key`,
            website: "",
          } as unknown as ReportInput,
          { locale: "fr" },
        );
        await sweepUnclaimedUploads(later);
        await sweepOrphanFiles(later);
        expect(await filesUnder(root)).toHaveLength(2);
        await handle.db.delete(reports);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
