/** The letterhead of the city's letters, as an administrator sets it: texts, phone, and the re-encoded logo, audited without its bytes. */
import { createHash } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { auditLog, city, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import { cityInputSchema } from "@/lib/domain/admin-input";
import { sniffMimeType } from "@/lib/files/sniff";
import { getAdminOverview, getCityLogo, setCityLogo, updateCity } from "./admin";
import { loadViewer } from "./staff-auth";

let handle: DatabaseHandle;
let admin: Viewer;
let coordinator: Viewer;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  const all = await handle.db.select().from(users);
  admin = (await loadViewer(all.find((u) => u.role === "admin")!.id))!;
  coordinator = (await loadViewer(all.find((u) => u.role === "coordinator")!.id))!;
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

const cityRow = async () => (await handle.db.select().from(city).where(eq(city.id, 1)))[0];
const lastAudit = async (action: string) => (await handle.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];

/** The city's form as posted, with the seeded map. */
async function cityForm(extra: Record<string, string>) {
  const c = await cityRow();
  return cityInputSchema.parse({
    nameFr: "Tétouan",
    nameAr: "تطوان",
    centerLat: String(c.centerLat),
    centerLng: String(c.centerLng),
    minLat: String(c.minLat),
    minLng: String(c.minLng),
    maxLat: String(c.maxLat),
    maxLng: String(c.maxLng),
    ...extra,
  });
}

/** A test image: `width` × `height`, carrying EXIF that must not survive. */
const image = (width: number, height: number, format: "png" | "jpeg") =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 40 } } })
    .withExif({ IFD0: { Artist: "secret-artist", Copyright: "secret" } })
    [format]()
    .toBuffer();

describe("the city's letterhead", () => {
  it("is refused to everyone but administrators, and they change nothing", async () => {
    const before = await cityRow();
    const png = await image(40, 40, "png");
    for (const who of [null, coordinator]) {
      await expect(updateCity(who, await cityForm({ phone: "0539" }))).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
      await expect(setCityLogo(who, new Blob([png]))).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
      await expect(setCityLogo(who, null)).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
      await expect(getCityLogo(who)).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    }
    expect(await cityRow()).toEqual(before);
  });

  it("stores the address (its lines kept), the phone and the opening hours in each language given", async () => {
    await updateCity(
      admin,
      await cityForm({
        postalAddressFr: "Hôtel de ville\nAvenue Mohammed V\n93000 Tétouan",
        postalAddressAr: "شارع محمد الخامس\n93000 تطوان",
        openingHoursEn: "Monday to Friday, 8:30 to 16:30",
        phone: "+212 (0)5 39 96-00.00",
      }),
    );
    const row = await cityRow();
    expect(row.postalAddress).toEqual({ fr: "Hôtel de ville\nAvenue Mohammed V\n93000 Tétouan", ar: "شارع محمد الخامس\n93000 تطوان" });
    // Only English written: French, the stored type's required key, is "" (shown in another language).
    expect(row.openingHours).toEqual({ fr: "", en: "Monday to Friday, 8:30 to 16:30" });
    expect(row.phone).toBe("+212 (0)5 39 96-00.00");
    expect((await getAdminOverview(admin)).city).toMatchObject({ phone: "+212 (0)5 39 96-00.00", hasLogo: false });
    const audit = await lastAudit("city.update");
    expect(audit.after).toMatchObject({ phone: "+212 (0)5 39 96-00.00", postalAddress: row.postalAddress, logo: null });

    // Emptied: nothing stored, not an empty text.
    await updateCity(admin, await cityForm({ postalAddressFr: " ", phone: "" }));
    expect(await cityRow()).toMatchObject({ postalAddress: null, openingHours: null, phone: null });
  });

  it("re-encodes the logo to a PNG of at most 600 px without metadata, and audits its digest, never its bytes", async () => {
    await setCityLogo(admin, new Blob([await image(1500, 900, "jpeg")]));
    const stored = (await getCityLogo(admin))!;
    expect(sniffMimeType(stored)).toBe("image/png");
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height]).toEqual([600, 360]);
    expect(meta.exif).toBeUndefined();
    expect(stored.includes("secret-artist")).toBe(false);
    const digest = `sha256:${createHash("sha256").update(stored).digest("hex")}`;
    const audit = await lastAudit("city.logo");
    expect(audit).toMatchObject({ targetType: "city", before: { logo: null }, after: { logo: digest } });
    expect(JSON.stringify(audit).length).toBeLessThan(1000);

    // A small PNG is not enlarged; the city's own edits record the logo by its digest too.
    await setCityLogo(admin, new Blob([await image(120, 80, "png")]));
    const small = (await getCityLogo(admin))!;
    expect(await sharp(small).metadata()).toMatchObject({ format: "png", width: 120, height: 80 });
    expect((await lastAudit("city.logo")).before).toEqual({ logo: digest });
    await updateCity(admin, await cityForm({ phone: "05 39 00 00 00" }));
    const edit = await lastAudit("city.update");
    const smallDigest = `sha256:${createHash("sha256").update(small).digest("hex")}`;
    expect([edit.before?.logo, edit.after?.logo]).toEqual([smallDigest, smallDigest]);
    const text = JSON.stringify([edit.before, edit.after]);
    expect(text).not.toContain("logoPng");
    expect(text).not.toContain(small.toString("base64").slice(0, 40));
    expect(text).not.toContain('"type":"Buffer"');
    expect((await getAdminOverview(admin)).city).toMatchObject({ hasLogo: true });
    expect((await getAdminOverview(admin)).city).not.toHaveProperty("logoPng");
  });

  it("refuses what is not a PNG or JPEG of at most 2 MB, by its bytes, and keeps the logo it had", async () => {
    const kept = await getCityLogo(admin);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const webp = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } })
      .webp()
      .toBuffer();
    const truncated = (await image(200, 200, "png")).subarray(0, 60);
    const huge = Buffer.concat([await image(10, 10, "png"), Buffer.alloc(2 * 1024 * 1024)]);
    const cases: [Blob, string][] = [
      [new Blob([svg], { type: "image/png" }), "admin.errors.logo_type"],
      [new Blob([webp]), "admin.errors.logo_type"],
      [new Blob([truncated]), "admin.errors.logo_corrupt"],
      [new Blob([huge]), "admin.errors.logo_too_large"],
      [new Blob([]), "admin.errors.logo_missing"],
    ];
    for (const [upload, code] of cases) await expect(setCityLogo(admin, upload), code).rejects.toMatchObject({ code });
    expect(await getCityLogo(admin)).toEqual(kept);
  });

  it("removes the logo, audited", async () => {
    await setCityLogo(admin, null);
    expect(await getCityLogo(admin)).toBeNull();
    expect((await lastAudit("city.logo")).after).toEqual({ logo: null });
  });
});
