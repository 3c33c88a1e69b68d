/**
 * A version of a request type's form is never changed nor deleted, by the database itself (migration
 * 0020's trigger): the requests filed with it are read with it. New versions are still written.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./index";
import { categories, categoryForms } from "./schema";
import { seedDatabase } from "./seed";
import { openTestDatabase } from "./testing";

let handle: DatabaseHandle;
let typeId: number;

beforeAll(async () => {
  handle = await openTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  [{ id: typeId }] = await handle.db.select({ id: categories.id }).from(categories).where(eq(categories.code, "question-generale"));
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

const versionOne = () => and(eq(categoryForms.categoryId, typeId), eq(categoryForms.version, 1));
/** The error (and its causes) as one text: drivers wrap the database's message differently. */
const reasonOf = async (attempt: Promise<unknown>): Promise<string> => {
  try {
    await attempt;
  } catch (error) {
    const texts: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) texts.push(e.message);
    return texts.join(" / ");
  }
  return "accepted";
};

describe("category_forms", () => {
  it("refuses to change a stored version, and to delete it", async () => {
    const [before] = await handle.db.select().from(categoryForms).where(versionOne());
    expect(before.fields.length).toBeGreaterThan(0);
    expect(await reasonOf(handle.db.update(categoryForms).set({ fields: [] }).where(versionOne()))).toMatch(/append-only: UPDATE refused/);
    expect(await reasonOf(handle.db.update(categoryForms).set({ version: 9 }).where(versionOne()))).toMatch(/append-only: UPDATE refused/);
    expect(await reasonOf(handle.db.delete(categoryForms).where(versionOne()))).toMatch(/append-only: DELETE refused/);
    const [after] = await handle.db.select().from(categoryForms).where(versionOne());
    expect(after).toEqual(before);
  });

  it("takes a new version", async () => {
    const fields = [{ code: "subject", kind: "short_text" as const, required: true, label: { fr: "Objet" } }];
    await handle.db.insert(categoryForms).values({ categoryId: typeId, version: 2, fields });
    const rows = await handle.db.select().from(categoryForms).where(eq(categoryForms.categoryId, typeId));
    expect(rows.map((r) => r.version).sort()).toEqual([1, 2]);
  });
});
