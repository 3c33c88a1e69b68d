/**
 * Reference data kept per process: an admin change made here is seen at once; one made by another
 * instance is seen when its NOTIFY arrives, and at the latest within REFERENCE_TTL_MS.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db";
import { categories, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { databaseUrlOf, installTestDatabase, testDriver } from "@/db/testing";
import { saveCategory } from "./admin";
import { REFERENCE_CHANNEL, REFERENCE_TTL_MS, referenceData } from "./reference";
import { loadViewer } from "./staff-auth";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await handle?.close();
});

describe("reference data kept per process", () => {
  it("sees another instance's change within REFERENCE_TTL_MS when no notice comes", async () => {
    const start = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(start);
    const [pothole] = await handle.db.select().from(categories).where(eq(categories.code, "nid-de-poule"));
    expect((await referenceData()).categories.get(pothole.id)?.name.fr).toBe(pothole.name.fr);
    // Another instance's admin renames it: this process does not hear of it…
    await handle.db
      .update(categories)
      .set({ name: { ...pothole.name, fr: "Chaussée abîmée" } })
      .where(eq(categories.id, pothole.id));
    vi.spyOn(Date, "now").mockReturnValue(start + REFERENCE_TTL_MS - 1);
    expect((await referenceData()).categories.get(pothole.id)?.name.fr).toBe(pothole.name.fr);
    // …until its copy is older than the delay.
    vi.spyOn(Date, "now").mockReturnValue(start + REFERENCE_TTL_MS + 1);
    expect((await referenceData()).categories.get(pothole.id)?.name.fr).toBe("Chaussée abîmée");
  });

  it("sees this process's own admin change at once", async () => {
    const start = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(start);
    const [admin] = await handle.db.select().from(users).where(eq(users.role, "admin"));
    const viewer = (await loadViewer(admin.id))!;
    const [bin] = await handle.db.select().from(categories).where(eq(categories.code, "dechets-non-collectes"));
    await referenceData();
    await saveCategory(viewer, {
      id: bin.id,
      code: bin.code,
      nameFr: "Poubelles non ramassées",
      serviceId: bin.serviceId,
      triageHours: bin.triageHours,
      responseDays: bin.responseDays,
      responseDayCount: bin.responseDayCount,
      silenceRule: bin.silenceRule,
      isPrivate: bin.isPrivate,
      active: bin.active,
    } as Parameters<typeof saveCategory>[1]);
    expect((await referenceData()).categories.get(bin.id)?.name.fr).toBe("Poubelles non ramassées");
  });

  it.runIf(testDriver() !== "pglite")("sees another instance's change as soon as its notice arrives, long before REFERENCE_TTL_MS", async () => {
    vi.spyOn(Date, "now").mockReturnValue(Date.now());
    const [lamp] = await handle.db.select().from(categories).where(eq(categories.code, "lampadaire-eteint"));
    expect((await referenceData()).categories.get(lamp.id)?.name.fr).toBe(lamp.name.fr);
    // The other instance: its own connection to the same database, renaming and telling (as lib/dal/admin does there).
    const other = await openDatabase({ url: (await databaseUrlOf(handle)).url });
    try {
      await other.db
        .update(categories)
        .set({ name: { ...lamp.name, fr: "Lampadaires" } })
        .where(eq(categories.id, lamp.id));
      await other.executeSql(`select pg_notify('${REFERENCE_CHANNEL}', '')`, []);
    } finally {
      await other.close();
    }
    // The clock is stopped: only the notice can make this process read again.
    const end = performance.now() + 5000;
    let name = "";
    while (performance.now() < end && name !== "Lampadaires") {
      name = (await referenceData()).categories.get(lamp.id)?.name.fr ?? "";
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(name).toBe("Lampadaires");
  });
});
