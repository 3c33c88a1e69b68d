/**
 * The city's configuration: categories and their deadlines, services, holidays, staff accounts,
 * answer templates, the city itself. Who asks: administrators only (`admin` capability); every
 * function checks it. Changes to deadlines apply to reports filed afterwards.
 */
import { hashPassword } from "@/lib/auth/passwords";
import { asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db";
import { categories, city, delegates, holidays, responseTemplates, services, users, type LocalizedText } from "@/db/schema";
import { mayPerform, type Viewer } from "@/lib/auth/permissions";
import type {
  categoryInputSchema,
  delegateInputSchema,
  cityInputSchema,
  holidayInputSchema,
  serviceInputSchema,
  templateInputSchema,
  userInputSchema,
} from "@/lib/domain/admin-input";
import { AppError } from "@/lib/errors";
import { forgetReferenceData } from "./reference";

function requireAdmin(viewer: Viewer | null): asserts viewer is Viewer {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!mayPerform(viewer, "city.configure")) throw new AppError("forbidden:admin");
}

const text = (fr: string, ar?: string, en?: string): LocalizedText => ({ fr, ...(ar ? { ar } : {}), ...(en ? { en } : {}) });

/** Postgres unique violations become a translated "already used" error. */
function uniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

export async function getAdminOverview(viewer: Viewer | null) {
  requireAdmin(viewer);
  const db = await getDb();
  const [cityRow] = await db.select().from(city).limit(1);
  const [cats, svc, dels, days, staff, templates] = await Promise.all([
    db.select().from(categories).orderBy(asc(categories.sortOrder), asc(categories.id)),
    db.select().from(services).orderBy(asc(services.sortOrder), asc(services.id)),
    db.select().from(delegates).orderBy(asc(delegates.id)),
    db.select().from(holidays).orderBy(asc(holidays.day)),
    db
      .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName, title: users.title, role: users.role, serviceId: users.serviceId, delegateId: users.delegateId, active: users.active })
      .from(users)
      .where(sql`${users.role} is not null`)
      .orderBy(asc(users.role), asc(users.email)),
    db.select().from(responseTemplates).orderBy(asc(responseTemplates.categoryId), asc(responseTemplates.id)),
  ]);
  return { city: cityRow, categories: cats, services: svc, delegates: dels, holidays: days, users: staff, templates };
}

export async function saveCategory(viewer: Viewer | null, input: z.output<typeof categoryInputSchema>) {
  requireAdmin(viewer);
  const db = await getDb();
  const [service] = await db.select({ id: services.id }).from(services).where(eq(services.id, input.serviceId));
  if (!service) throw new AppError("admin.errors.service_unknown");
  const values = {
    code: input.code,
    serviceId: input.serviceId,
    name: text(input.nameFr, input.nameAr, input.nameEn),
    description: input.descriptionFr ? { fr: input.descriptionFr } : null,
    notice: input.noticeFr ? { fr: input.noticeFr } : null,
    triageHours: input.triageHours,
    responseDays: input.responseDays,
    responseDayCount: input.responseDayCount,
    silenceRule: input.silenceRule,
    isPrivate: input.isPrivate,
    active: input.active,
    penaltyAmountMinor: input.penaltyAmount,
  };
  try {
    if (input.id) {
      const [existing] = await db.select({ name: categories.name, description: categories.description, notice: categories.notice }).from(categories).where(eq(categories.id, input.id));
      if (!existing) throw new AppError("admin.errors.category_unknown");
      // Keep the other languages of the description and notice when only French is edited here.
      await db
        .update(categories)
        .set({
          ...values,
          description: input.descriptionFr ? { ...(existing.description ?? {}), fr: input.descriptionFr } : null,
          notice: input.noticeFr ? { ...(existing.notice ?? {}), fr: input.noticeFr } : null,
        })
        .where(eq(categories.id, input.id));
    } else {
      await db.insert(categories).values(values);
    }
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError("admin.errors.code_taken");
    throw error;
  } finally {
    forgetReferenceData();
  }
}

export async function saveService(viewer: Viewer | null, input: z.output<typeof serviceInputSchema>) {
  requireAdmin(viewer);
  const db = await getDb();
  if (input.delegateId) {
    const [d] = await db.select({ id: delegates.id }).from(delegates).where(eq(delegates.id, input.delegateId));
    if (!d) throw new AppError("admin.errors.delegate_unknown");
  }
  const values = { code: input.code, name: text(input.nameFr, input.nameAr, input.nameEn), email: input.email ?? null, delegateId: input.delegateId ?? null };
  try {
    if (input.id) {
      const updated = await db.update(services).set(values).where(eq(services.id, input.id)).returning({ id: services.id });
      if (updated.length === 0) throw new AppError("admin.errors.service_unknown");
    } else {
      await db.insert(services).values(values);
    }
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError("admin.errors.code_taken");
    throw error;
  } finally {
    forgetReferenceData();
  }
}

export async function addHoliday(viewer: Viewer | null, input: z.output<typeof holidayInputSchema>) {
  requireAdmin(viewer);
  const db = await getDb();
  await db.insert(holidays).values({ day: input.day, name: { fr: input.nameFr } }).onConflictDoUpdate({ target: holidays.day, set: { name: { fr: input.nameFr } } });
  forgetReferenceData();
}

export async function removeHoliday(viewer: Viewer | null, day: string) {
  requireAdmin(viewer);
  const db = await getDb();
  await db.delete(holidays).where(eq(holidays.day, day));
  forgetReferenceData();
}

export async function createStaffUser(viewer: Viewer | null, input: z.output<typeof userInputSchema>) {
  requireAdmin(viewer);
  const db = await getDb();
  try {
    await db.insert(users).values({
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      name: `${input.firstName} ${input.lastName}`,
      title: input.title ?? null,
      role: input.role,
      serviceId: input.role === "agent" ? input.serviceId! : null,
      delegateId: input.role === "delegate" ? input.delegateId! : null,
      passwordHash: await hashPassword(input.password),
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError("admin.errors.email_taken");
    const e = error as { code?: string; cause?: { code?: string } };
    if (e?.code === "23503" || e?.cause?.code === "23503") throw new AppError("admin.errors.scope_unknown");
    throw error;
  }
}

/** Deactivating an account ends its sessions at once (the session reads the account each request). */
export async function setUserActive(viewer: Viewer | null, input: { userId: string; active: boolean }) {
  requireAdmin(viewer);
  if (input.userId === viewer.id && !input.active) throw new AppError("admin.errors.cannot_deactivate_self");
  const db = await getDb();
  const updated = await db.update(users).set({ active: input.active }).where(eq(users.id, input.userId)).returning({ id: users.id });
  if (updated.length === 0) throw new AppError("admin.errors.user_unknown");
}

export async function saveTemplate(viewer: Viewer | null, input: z.output<typeof templateInputSchema>) {
  requireAdmin(viewer);
  const db = await getDb();
  const [cat] = await db.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId));
  if (!cat) throw new AppError("admin.errors.category_unknown");
  await db.insert(responseTemplates).values(input);
}

export async function deleteTemplate(viewer: Viewer | null, templateId: number) {
  requireAdmin(viewer);
  const db = await getDb();
  await db.delete(responseTemplates).where(eq(responseTemplates.id, templateId));
}

/** The city's name, emergency number and map. The tracking prefix is fixed: numbers already given out must stay valid. */
export async function updateCity(viewer: Viewer | null, input: z.output<typeof cityInputSchema>) {
  requireAdmin(viewer);
  const db = await getDb();
  await db
    .update(city)
    .set({
      name: text(input.nameFr, input.nameAr, input.nameEn),
      emergencyPhone: input.emergencyPhone ?? null,
      centerLat: input.centerLat,
      centerLng: input.centerLng,
      minLat: input.minLat,
      minLng: input.minLng,
      maxLat: input.maxLat,
      maxLng: input.maxLng,
    })
    .where(eq(city.id, 1));
  forgetReferenceData();
}

/** A delegate's contract: its penalty per upheld complaint applies to penalties proposed afterwards. */
export async function saveDelegate(viewer: Viewer | null, input: z.output<typeof delegateInputSchema>) {
  requireAdmin(viewer);
  const db = await getDb();
  const values = {
    code: input.code,
    name: input.name,
    contractRef: input.contractRef ?? null,
    penaltyAmountMinor: input.penaltyAmount,
    penaltyCurrency: input.penaltyCurrency,
    contactEmail: input.contactEmail ?? null,
  };
  try {
    if (input.id) {
      const updated = await db.update(delegates).set(values).where(eq(delegates.id, input.id)).returning({ id: delegates.id });
      if (updated.length === 0) throw new AppError("admin.errors.delegate_unknown");
    } else {
      await db.insert(delegates).values(values);
    }
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError("admin.errors.code_taken");
    throw error;
  }
}
