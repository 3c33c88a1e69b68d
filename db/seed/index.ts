/**
 * Seeds an empty database with Tétouan's reference data (the city, districts, delegates, services,
 * categories, answer templates) and, for the demo only, one account per role and ~300 reports.
 * Idempotent: a database that already has its city is left untouched. Demo accounts have published
 * passwords: the caller says whether this is the demo (`isDemo` in lib/env.ts), this module never
 * guesses it from the environment.
 */
import bcrypt from "bcryptjs";
import { encryptSecret } from "@/lib/auth/second-factor";
import type { Database } from "@/db";
import {
  attachments,
  categories,
  categoryForms,
  city,
  delegates,
  districts,
  penalties,
  reportCategories,
  reportEvents,
  reports,
  responseTemplates,
  services,
  users,
} from "@/db/schema";
import { makeHolidayChecker } from "@/lib/domain/deadlines";
import { CATEGORIES, CITY, DELEGATES, DEMO_PASSWORDS, DEMO_TOTP_SECRETS, DEMO_USERS, DISTRICTS, SERVICES, responseTemplatesFor } from "./data";
import { generateDemoReports, mulberry32 } from "./reports";
import { generateDemoRequests } from "./requests";
import { REQUEST_SERVICES, REQUEST_TYPES } from "./request-types";
import { DAY_MS } from "@/lib/domain/time";
import { type FileStorage, getStorage } from "@/lib/storage";

export { DEMO_PASSWORDS, DEMO_USERS } from "./data";

export type SeedResult = { created: boolean; counts: Record<string, number> };

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export type SeedOptions = {
  demo: boolean;
  /** How many demo complaints (default 300). */
  reports?: number;
  /**
   * Whether the demo requests of the request types are added (each type in every state): by default
   * when there are demo complaints. The types themselves are always part of the demo.
   */
  requests?: boolean;
  now?: Date;
  log?: (line: string) => void;
  /** Where the demo requests' files go (default: the platform's storage). */
  storage?: FileStorage;
};

export async function seedDatabase(db: Database, options: SeedOptions): Promise<SeedResult> {
  const existing = await db.select({ id: city.id }).from(city).limit(1);
  if (existing.length > 0) return { created: false, counts: {} };
  // Demo accounts have published passwords: a real deployment gets the city's reference data only
  // (to adapt in /staff/admin), no accounts and no demo reports.
  const production = !options.demo;
  const now = options.now ?? new Date();
  const reportCount = production ? 0 : (options.reports ?? 300);
  const withRequests = !production && (options.requests ?? reportCount > 0);
  const log = options.log ?? ((line: string) => console.log(line));

  const counts = await db.transaction(async (tx): Promise<Record<string, number>> => {
    await tx.insert(city).values({ id: 1, ...CITY });
    const districtRows = await tx.insert(districts).values(DISTRICTS).returning();
    const delegateRows = await tx.insert(delegates).values(DELEGATES).returning();
    const delegateId = new Map(delegateRows.map((d) => [d.code, d.id]));
    const serviceRows = await tx
      .insert(services)
      .values(SERVICES.map(({ delegateCode, ...s }, i) => ({ ...s, sortOrder: i, delegateId: delegateCode ? delegateId.get(delegateCode)! : null })))
      .returning();
    const serviceId = new Map(serviceRows.map((s) => [s.code, s.id]));
    const categoryRows = await tx
      .insert(categories)
      .values(CATEGORIES.map(({ serviceCode, ...c }, i) => ({ ...c, serviceId: serviceId.get(serviceCode)!, sortOrder: i })))
      .returning();
    await tx.insert(responseTemplates).values(categoryRows.flatMap((c) => responseTemplatesFor(c.name.fr).map((t) => ({ ...t, categoryId: c.id }))));
    if (production) {
      return {
        districts: districtRows.length,
        delegates: delegateRows.length,
        services: serviceRows.length,
        categories: categoryRows.length,
        users: 0,
        reports: 0,
        events: 0,
        penalties: 0,
      };
    }
    const userRows = await tx
      .insert(users)
      .values(
        DEMO_USERS.map(({ serviceCode, delegateCode, ...u }) => ({
          ...u,
          passwordHash: bcrypt.hashSync(DEMO_PASSWORDS[u.email], 10),
          ...(DEMO_TOTP_SECRETS[u.email] ? { totpSecret: encryptSecret(DEMO_TOTP_SECRETS[u.email]), totpEnabledAt: now } : {}),
          serviceId: serviceCode ? serviceId.get(serviceCode)! : null,
          delegateId: delegateCode ? delegateId.get(delegateCode)! : null,
        })),
      )
      .returning({ id: users.id, role: users.role, serviceId: users.serviceId });

    // The request types (demo only: a real city defines its own): their services, the types, version 1 of each form.
    const requestServiceRows = await tx
      .insert(services)
      .values(REQUEST_SERVICES.map((s, i) => ({ ...s, sortOrder: serviceRows.length + i, delegateId: null })))
      .returning();
    for (const s of requestServiceRows) serviceId.set(s.code, s.id);
    const typeRows = await tx
      .insert(categories)
      .values(
        REQUEST_TYPES.map(({ serviceCode, fields, ...t }, i) => ({
          ...t,
          kind: "request" as const,
          serviceId: serviceId.get(serviceCode)!,
          sortOrder: categoryRows.length + i,
          formVersion: fields.length > 0 ? 1 : null,
        })),
      )
      .returning();
    const formOf = new Map(REQUEST_TYPES.map((t) => [t.code, t.fields]));
    await tx.insert(categoryForms).values(typeRows.map((t) => ({ categoryId: t.id, version: 1, fields: formOf.get(t.code)!, createdAt: now })));

    const serviceCodeOf = new Map(serviceRows.map((s) => [s.id, s.code]));
    const generated = generateDemoReports({
      count: reportCount,
      now,
      random: mulberry32(20140401),
      categories: categoryRows.map((c) => ({ ...c, serviceCode: serviceCodeOf.get(c.serviceId)! })),
      districts: districtRows,
      bounds: { minLat: CITY.minLat, minLng: CITY.minLng, maxLat: CITY.maxLat, maxLng: CITY.maxLng },
      calendar: { timeZone: CITY.timeZone, weekendDays: CITY.weekendDays, isHoliday: makeHolidayChecker({ country: CITY.holidayCountry }) },
      prefix: CITY.trackingPrefix,
      coordinatorId: userRows.find((u) => u.role === "coordinator")!.id,
      agentByService: Object.fromEntries(userRows.filter((u) => u.role === "agent" && u.serviceId).map((u) => [u.serviceId!, u.id])),
    });
    for (const batch of chunks(generated.reports, 100)) await tx.insert(reports).values(batch);
    for (const batch of chunks(generated.reportCategories, 200)) await tx.insert(reportCategories).values(batch);
    for (const batch of chunks(generated.events, 200)) await tx.insert(reportEvents).values(batch);

    // Requests of each type in every state, after the complaints (their own random source: the
    // complaints stay the same with or without them).
    const requests = withRequests
      ? generateDemoRequests({
          now,
          random: mulberry32(20240901),
          types: typeRows.map((t) => ({ ...t, formVersion: 1, fields: formOf.get(t.code)! })),
          districts: districtRows,
          calendar: { timeZone: CITY.timeZone, weekendDays: CITY.weekendDays, isHoliday: makeHolidayChecker({ country: CITY.holidayCountry }) },
          prefix: CITY.trackingPrefix,
          usedNumbers: new Set(generated.reports.map((r) => r.trackingNumber)),
          coordinatorId: userRows.find((u) => u.role === "coordinator")!.id,
          agentByService: Object.fromEntries(userRows.filter((u) => u.role === "agent" && u.serviceId).map((u) => [u.serviceId!, u.id])),
        })
      : { reports: [], reportCategories: [], events: [], files: [] };
    if (requests.reports.length > 0) {
      await tx.insert(reports).values(requests.reports);
      await tx.insert(reportCategories).values(requests.reportCategories);
      await tx.insert(reportEvents).values(requests.events);
    }
    if (requests.files.length > 0) {
      await tx.insert(attachments).values(requests.files.map(({ bytes, ...file }) => ({ ...file, source: "citizen" as const })));
      // The files' rows and bytes together: a failed write leaves no row naming a missing file.
      const storage = options.storage ?? getStorage();
      for (const file of requests.files) await storage.put(file.storageKey, file.bytes, file.mimeType);
    }

    // Upheld complaints about delegated services carry their penalty, in every state of its life.
    const delegateOfService = new Map(serviceRows.map((s) => [s.id, s.delegateId]));
    const contract = new Map(delegateRows.map((d) => [d.id, d]));
    const pick = mulberry32(500);
    // Decisions are the mayor's office's: each decided penalty names who decided it (the ledger shows "Décidé par …").
    const decider = userRows.find((u) => u.role === "mayor_office")!.id;
    const penaltyRows = generated.reports
      .filter((r) => r.outcome === "upheld" && r.answeredAt && delegateOfService.get(r.serviceId!))
      .map((r) => {
        const delegateId = delegateOfService.get(r.serviceId!)!;
        const proposedAt = r.answeredAt!;
        const old = now.getTime() - proposedAt.getTime() > 30 * DAY_MS;
        const roll = pick();
        const state = old ? (roll < 0.7 ? "confirmed" : roll < 0.85 ? "waived" : "contested") : roll < 0.6 ? "proposed" : "contested";
        return {
          reportId: r.id,
          delegateId,
          amountMinor: contract.get(delegateId)!.penaltyAmountMinor,
          currency: contract.get(delegateId)!.penaltyCurrency,
          state: state as "proposed" | "contested" | "confirmed" | "waived",
          proposedAt,
          contestDeadline: new Date(proposedAt.getTime() + 15 * DAY_MS),
          contestedAt: state === "contested" ? new Date(proposedAt.getTime() + 3 * DAY_MS) : null,
          contestText: state === "contested" ? "Le passage a bien été effectué selon le planning contractuel ; voir le relevé GPS du camion." : null,
          decidedAt: state === "confirmed" || state === "waived" ? new Date(proposedAt.getTime() + 20 * DAY_MS) : null,
          decidedByUserId: state === "confirmed" || state === "waived" ? decider : null,
          decisionReason: state === "waived" ? "Intempéries exceptionnelles : circulation impossible ce jour-là." : null,
          updatedAt: proposedAt,
        };
      });
    for (const batch of chunks(penaltyRows, 100)) await tx.insert(penalties).values(batch);

    return {
      districts: districtRows.length,
      delegates: delegateRows.length,
      services: serviceRows.length + requestServiceRows.length,
      categories: categoryRows.length,
      "request types": typeRows.length,
      users: userRows.length,
      reports: generated.reports.length,
      requests: requests.reports.length,
      events: generated.events.length + requests.events.length,
      penalties: penaltyRows.length,
    };
  });

  log(
    `[seed] ${production ? "reference data" : "Tétouan demo data"}: ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")}`,
  );
  if (production) {
    log("[seed] not a demo: no account and no report created. Create the first administrator with `npm run create-admin`.");
    return { created: true, counts };
  }
  log("[seed] demo accounts (sign in at /login):");
  for (const u of DEMO_USERS) log(`[seed]   ${u.role.padEnd(12)} ${u.email.padEnd(32)} ${DEMO_PASSWORDS[u.email]}`);
  return { created: true, counts };
}
