/**
 * Reference data kept per process: an admin change made here is seen at once; one made by another
 * instance (written straight to the database, as that instance would) within REFERENCE_TTL_MS.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { saveCategory } from "./admin";
import { REFERENCE_TTL_MS, referenceData } from "./reference";
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
  it("sees another instance's change within REFERENCE_TTL_MS, not before", async () => {
    const start = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(start);
    const [pothole] = await handle.db.select().from(categories).where(eq(categories.code, "nid-de-poule"));
    expect((await referenceData()).categories.get(pothole.id)?.name.fr).toBe(pothole.name.fr);
    // Another instance's admin renames it: this process does not hear of it…
    await handle.db.update(categories).set({ name: { ...pothole.name, fr: "Chaussée abîmée" } }).where(eq(categories.id, pothole.id));
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
});
