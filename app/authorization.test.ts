/**
 * Who may do what, over the whole HTTP surface. Every server action ("use server" files) and every
 * route handler under app/ is listed below with the action of the authorization table
 * (lib/auth/permissions ACTIONS) it performs, or why it is public. Each is called as the
 * anonymous and as every role, with a target in and out of their reach, on a report freshly put in
 * the state where the call would succeed: a call the table allows succeeds; any other is refused
 * and leaves every table of the database exactly as it was.
 *
 * Adding a server action or a route without an entry here fails the first test.
 * The citizen has no account: a citizen is the anonymous holding a tracking number.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { apiKeys, attachments, categories, delegates, holidays, letters, penalties, reports, responseTemplates, services, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { mayPerform, type Action, type ReportScope, type Viewer } from "@/lib/auth/permissions";
import { Redirected, as, fingerprint as fingerprintOf, form, harnessMock } from "./testing/harness";
import { connectionFrom } from "@/lib/auth/address-testing";

vi.mock("@/lib/auth/session", () => harnessMock("@/lib/auth/session"));
vi.mock("@/lib/auth/config", () => harnessMock("@/lib/auth/config"));
vi.mock("next/cache", () => harnessMock("next/cache"));
vi.mock("next/headers", () => harnessMock("next/headers"));
vi.mock("next-intl/server", () => harnessMock("next-intl/server"));
vi.mock("@/lib/i18n/navigation", () => harnessMock("@/lib/i18n/navigation"));

const APP = path.resolve(__dirname);

/** Every server-action file and route handler under app/, as `relative/path#export`. */
function surface(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) {
        const text = fs.readFileSync(full, "utf8");
        const isActions = /^\s*["']use server["']/.test(text);
        const isRoute = entry.name === "route.ts";
        if (!isActions && !isRoute) continue;
        const rel = path.relative(APP, full).split(path.sep).join("/");
        const names = [
          ...[...text.matchAll(/export async function (\w+)/g)].map((m) => m[1]),
          ...[...text.matchAll(/export const \{ ([\w, ]+) \}/g)].flatMap((m) => m[1].split(",").map((n) => n.trim())),
        ];
        for (const name of names) out.push(`${rel}#${name}`);
      }
    }
  };
  walk(APP);
  return out.sort();
}

type Outcome = { refused: boolean; detail: string };
type Fixture = { scope: ReportScope | { delegateId: number } | undefined; call: () => Promise<Outcome> };
type Entry =
  | { kind: "staff"; action: Action; prepare: () => Promise<Fixture> }
  | { kind: "public"; why: string; prepare: () => Promise<Fixture> }
  | { kind: "secret"; why: string; prepare: () => Promise<Fixture> }
  | { kind: "not-called"; why: string };

let handle: DatabaseHandle;
const people: Record<string, Viewer | null> = {};
let wasteService: number;
let roadsService: number;
let wasteCategory: number;
let binCategory: number;
let busDelegate: number;
let wasteDelegate: number;

// `*_unenrolled`: an admin and a mayor's office account without the second factor their role
// requires — signed in, refused every command (lib/auth/permissions mustEnrolSecondFactor).
const PRINCIPALS = [
  "anonymous",
  "coordinator",
  "agent_in_scope",
  "agent_out_of_scope",
  "delegate_in_scope",
  "delegate_out_of_scope",
  "mayor_office",
  "admin",
  "admin_unenrolled",
  "mayor_office_unenrolled",
] as const;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  const { loadViewer } = await import("@/lib/dal/staff-auth");
  const byEmail = async (prefix: string) => loadViewer((await handle.db.select().from(users)).find((u) => u.email.startsWith(prefix))!.id);
  const svc = await handle.db.select().from(services);
  wasteService = svc.find((s) => s.code === "proprete")!.id;
  roadsService = svc.find((s) => s.code === "voirie")!.id;
  const cats = await handle.db.select().from(categories);
  wasteCategory = cats.find((c) => c.code === "dechets-non-collectes")!.id;
  binCategory = cats.find((c) => c.code === "conteneur-endommage")!.id;
  const dels = await handle.db.select().from(delegates);
  busDelegate = dels.find((d) => d.code === "bus-tetouan")!.id;
  wasteDelegate = dels.find((d) => d.code === "proprete-tetouan")!.id;
  const [busUser] = await handle.db
    .insert(users)
    .values({ email: "delegataire.bus@demo.tetouan.ma", role: "delegate", delegateId: busDelegate, firstName: "Bus", lastName: "Tétouan", passwordHash: "x" })
    .returning();
  people.anonymous = null;
  people.coordinator = await byEmail("coordinateur@");
  people.agent_in_scope = await byEmail("agent.proprete@");
  people.agent_out_of_scope = await byEmail("agent.voirie@");
  people.delegate_in_scope = await byEmail("delegataire@");
  people.delegate_out_of_scope = await loadViewer(busUser.id);
  people.mayor_office = await byEmail("cabinet@");
  people.admin = await byEmail("admin@");
  const unenrolled = await handle.db
    .insert(users)
    .values([
      { email: "admin.sans.facteur@demo.tetouan.ma", role: "admin", firstName: "Sans", lastName: "Facteur", passwordHash: "x" },
      { email: "cabinet.sans.facteur@demo.tetouan.ma", role: "mayor_office", firstName: "Sans", lastName: "Facteur", passwordHash: "x" },
    ])
    .returning();
  people.admin_unenrolled = await loadViewer(unenrolled[0].id);
  people.mayor_office_unenrolled = await loadViewer(unenrolled[1].id);
  expect(people.admin_unenrolled?.mustEnrolSecondFactor && people.mayor_office_unenrolled?.mustEnrolSecondFactor).toBe(true);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const fingerprint = () => fingerprintOf(handle.db);

// ---------------------------------------------------------------------------------------------
// Fixtures: a waste report (service proprete, run by the delegate proprete-tetouan) in each state.

let serial = 0;
const asAdmin = () => people.admin!;
const asAgent = () => people.agent_in_scope!;
const wasteScope = (): ReportScope => ({ serviceId: wasteService, serviceDelegateId: wasteDelegate });

async function newReport(email = `matrix${++serial}@example.org`) {
  const { submitReport } = await import("@/lib/dal/reports");
  const { trackingNumber } = await submitReport(
    {
      categoryIds: [wasteCategory],
      lat: 35.5722,
      lng: -5.3686,
      address: "Rue Lucas",
      description: "Les ordures ne sont pas ramassées depuis une semaine devant l'école.",
      anonymous: false,
      name: "Citoyen Matrice",
      email,
      phone: undefined,
      attachmentTokens: [],
      idempotencyKey: `matrix-key-${String(++serial).padStart(8, "0")}`,
      website: "",
    } as never,
    { locale: "fr" },
  );
  const [row] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber));
  return { id: row.id, trackingNumber, email };
}

async function reportIn(state: "submitted" | "routed" | "in_progress" | "needs_info" | "answered" | "closed", outcome: "rejected" | "upheld" = "rejected") {
  const wf = await import("@/lib/dal/report-workflow");
  const r = await newReport();
  if (state === "submitted") return r;
  await wf.routeReports(asAdmin(), { reportIds: [r.id], serviceId: wasteService, note: "" });
  if (state === "routed") return r;
  if (state === "needs_info") {
    await wf.askForInformation(asAgent(), { reportId: r.id, question: "Quel est le numéro exact de la rue ?" });
    return r;
  }
  await wf.takeReport(asAgent(), { reportId: r.id });
  if (state === "in_progress") return r;
  await wf.answerReport(asAgent(), { reportId: r.id, outcome, answer: "La collecte a été rétablie dans votre rue ce matin.", reorientedTo: "" });
  if (state === "answered") return r;
  await wf.closeReport(asAdmin(), { reportId: r.id });
  return r;
}

async function proposedPenalty() {
  const r = await reportIn("answered", "upheld");
  const [p] = await handle.db.select().from(penalties).where(eq(penalties.reportId, r.id));
  return p;
}

/** A staff action's answer: refused when it says forbidden. */
async function staffCall(run: () => Promise<{ status: string; code?: string; fieldErrors?: unknown }>): Promise<Outcome> {
  const state = await run();
  return { refused: state.status === "error" && state.code === "staff.errors.forbidden", detail: JSON.stringify(state) };
}

/** An action that redirects on success (intake, the tracking page's forms, the public form). */
async function redirectingCall(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const state = (await run()) as { status?: string; code?: string };
    return { refused: true, detail: JSON.stringify(state) };
  } catch (error) {
    if (error instanceof Redirected) return { refused: false, detail: error.href };
    throw error;
  }
}

async function httpCall(run: () => Promise<Response>, okStatuses = [200, 201]): Promise<Outcome> {
  const response = await run();
  return { refused: !okStatuses.includes(response.status), detail: `${response.status}` };
}

const mod = async <T>(rel: string): Promise<T> => (await import(/* @vite-ignore */ path.join(APP, rel))) as T;
type Act = (state: unknown, formData: FormData) => Promise<{ status: string; code?: string }>;
const act = async (rel: string, name: string) => (await mod<Record<string, Act>>(rel))[name];

const REPORTS = "[locale]/(staff)/staff/reports/actions.ts";
const ADMIN = "[locale]/(staff)/staff/admin/actions.ts";
const PENALTIES = "[locale]/(staff)/staff/penalties/actions.ts";
const INTAKE = "[locale]/(staff)/staff/intake/actions.ts";
const TRACK = "[locale]/(public)/track/[number]/actions.ts";
const REPORT = "[locale]/(public)/report/actions.ts";

/** A staff report action on a fresh report in `state`; the form names it by id. */
const onReport =
  (name: string, state: Parameters<typeof reportIn>[0], fields: (id: string) => Record<string, string | string[]>) => async (): Promise<Fixture> => {
    const r = await reportIn(state);
    const fn = await act(REPORTS, name);
    return { scope: wasteScope(), call: () => staffCall(() => fn({ status: "idle" }, form(fields(r.id)))) };
  };

const adminCall =
  (name: string, fields: () => Promise<Record<string, string | string[]>> | Record<string, string | string[]>) => async (): Promise<Fixture> => {
    const fn = await act(ADMIN, name);
    const body = await fields();
    return { scope: undefined, call: () => staffCall(() => fn({ status: "idle" }, form(body))) };
  };

const cityForm = async () => {
  const { getCity } = await import("@/lib/dal/reference");
  const c = await getCity();
  return {
    nameFr: "Tétouan",
    centerLat: String(c.centerLat),
    centerLng: String(c.centerLng),
    minLat: String(c.minLat),
    minLng: String(c.minLng),
    maxLat: String(c.maxLat),
    maxLng: String(c.maxLng),
  };
};

const ENTRIES: Record<string, Entry> = {
  // -- staff: the report's lifecycle -------------------------------------------------------------
  [`${REPORTS}#routeReportsAction`]: {
    kind: "staff",
    action: "report.route",
    prepare: onReport("routeReportsAction", "submitted", (id) => ({ reportIds: [id], serviceId: String(wasteService), note: "" })),
  },
  [`${REPORTS}#changeCategoriesAction`]: {
    kind: "staff",
    action: "report.recategorize",
    prepare: onReport("changeCategoriesAction", "submitted", (id) => ({ reportId: id, categoryIds: [String(binCategory)] })),
  },
  [`${REPORTS}#mergeReportAction`]: {
    kind: "staff",
    action: "report.merge",
    prepare: async () => {
      const master = await reportIn("routed");
      return onReport("mergeReportAction", "submitted", (id) => ({ reportId: id, masterId: master.id }))();
    },
  },
  [`${REPORTS}#askInformationAction`]: {
    kind: "staff",
    action: "report.ask_information",
    prepare: onReport("askInformationAction", "routed", (id) => ({ reportId: id, question: "Pouvez-vous préciser l'adresse exacte ?" })),
  },
  [`${REPORTS}#resumeReportAction`]: {
    kind: "staff",
    action: "report.resume",
    prepare: onReport("resumeReportAction", "needs_info", (id) => ({ reportId: id, note: "Adresse trouvée sur place." })),
  },
  [`${REPORTS}#takeReportAction`]: { kind: "staff", action: "report.take", prepare: onReport("takeReportAction", "routed", (id) => ({ reportId: id })) },
  [`${REPORTS}#giveAccountAction`]: {
    kind: "staff",
    action: "report.give_account",
    prepare: onReport("giveAccountAction", "routed", (id) => ({ reportId: id, account: "Collecte rattrapée le lendemain matin.", doneOn: "" })),
  },
  [`${REPORTS}#addNoteAction`]: {
    kind: "staff",
    action: "report.add_note",
    prepare: onReport("addNoteAction", "routed", (id) => ({ reportId: id, note: "Équipe prévenue." })),
  },
  [`${REPORTS}#answerReportAction`]: {
    kind: "staff",
    action: "report.answer",
    prepare: onReport("answerReportAction", "in_progress", (id) => ({
      reportId: id,
      outcome: "rejected",
      answer: "La collecte est passée à l'heure prévue ce jour-là.",
      reorientedTo: "",
    })),
  },
  [`${REPORTS}#declareInadmissibleAction`]: {
    kind: "staff",
    action: "report.declare_inadmissible",
    prepare: onReport("declareInadmissibleAction", "submitted", (id) => ({ reportId: id, reason: "Message publicitaire." })),
  },
  [`${REPORTS}#reopenReportAction`]: {
    kind: "staff",
    action: "report.reopen",
    prepare: onReport("reopenReportAction", "closed", (id) => ({ reportId: id, reason: "Le problème est revenu." })),
  },
  [`${REPORTS}#closeReportAction`]: { kind: "staff", action: "report.close", prepare: onReport("closeReportAction", "answered", (id) => ({ reportId: id })) },

  // -- staff: intake and penalties ----------------------------------------------------------------
  [`${INTAKE}#intakeReportAction`]: {
    kind: "staff",
    action: "report.intake",
    prepare: async () => {
      const fn = await act(INTAKE, "intakeReportAction");
      const body = {
        channel: "phone",
        categoryIds: [String(wasteCategory)],
        lat: "35.5722",
        lng: "-5.3686",
        description: "Appel : ordures non ramassées devant le marché central.",
        name: "Appelant",
        phone: "0539 00 00 00",
        idempotencyKey: `matrix-intake-${String(++serial).padStart(8, "0")}`,
      };
      return { scope: undefined, call: () => redirectingCall(() => fn({ status: "idle" }, form(body))) };
    },
  },
  [`${PENALTIES}#decidePenaltiesAction`]: {
    kind: "staff",
    action: "penalty.decide",
    prepare: async () => {
      const p = await proposedPenalty();
      const fn = await act(PENALTIES, "decidePenaltiesAction");
      return {
        scope: { delegateId: p.delegateId },
        call: () => staffCall(() => fn({ status: "idle" }, form({ penaltyIds: [p.id], decision: "confirm", reason: "" }))),
      };
    },
  },
  [`${PENALTIES}#contestPenaltyAction`]: {
    kind: "staff",
    action: "penalty.contest",
    prepare: async () => {
      const p = await proposedPenalty();
      const fn = await act(PENALTIES, "contestPenaltyAction");
      return {
        scope: { delegateId: p.delegateId },
        call: () => staffCall(() => fn({ status: "idle" }, form({ penaltyId: p.id, text: "Le camion est passé, photos à l'appui." }))),
      };
    },
  },

  // -- staff: administration ----------------------------------------------------------------------
  [`${ADMIN}#saveCategoryAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("saveCategoryAction", () => ({
      code: `cat-${++serial}`,
      serviceId: String(wasteService),
      nameFr: "Nouvelle catégorie",
      triageHours: "48",
      responseDays: "15",
      responseDayCount: "calendar",
      silenceRule: "none",
      active: "on",
    })),
  },
  [`${ADMIN}#saveRequestTypeFieldsAction`]: {
    kind: "staff",
    action: "city.configure",
    // A new field each time (a write leaves a trace), from the version the type is at now.
    prepare: adminCall("saveRequestTypeFieldsAction", async () => {
      const [cat] = await handle.db.select({ formVersion: categories.formVersion }).from(categories).where(eq(categories.id, binCategory));
      return {
        categoryId: String(binCategory),
        basedOn: cat.formVersion === null ? "" : String(cat.formVersion),
        fields: JSON.stringify([{ code: `f${++serial}`, kind: "short_text", required: false, label: { fr: "Numéro du conteneur" } }]),
      };
    }),
  },
  [`${ADMIN}#saveServiceAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("saveServiceAction", () => ({ code: `svc-${++serial}`, nameFr: "Nouveau service" })),
  },
  [`${ADMIN}#saveDelegateAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("saveDelegateAction", () => ({ code: `del-${++serial}`, name: "Nouveau délégataire SA", penaltyAmount: "500", penaltyCurrency: "MAD" })),
  },
  [`${ADMIN}#addHolidayAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("addHolidayAction", () => ({ day: `2031-0${1 + (++serial % 9)}-1${serial % 10}`, nameFr: "Fête locale" })),
  },
  [`${ADMIN}#removeHolidayAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("removeHolidayAction", async () => {
      const day = `2032-0${1 + (++serial % 9)}-1${serial % 10}`;
      await handle.db
        .insert(holidays)
        .values({ day, name: { fr: "Fête" } })
        .onConflictDoNothing();
      return { day };
    }),
  },
  [`${ADMIN}#createUserAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("createUserAction", () => ({
      email: `new${++serial}@demo.tetouan.ma`,
      firstName: "Nouvel",
      lastName: "Agent",
      role: "agent",
      serviceId: String(roadsService),
      password: "un-mot-de-passe-long",
    })),
  },
  [`${ADMIN}#setUserActiveAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("setUserActiveAction", async () => {
      const [u] = await handle.db
        .insert(users)
        .values({ email: `target${++serial}@demo.tetouan.ma`, role: "agent", serviceId: roadsService, passwordHash: "x" })
        .returning();
      return { userId: u.id, confirm: "on" };
    }),
  },
  [`${ADMIN}#updateUserAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("updateUserAction", async () => {
      const [u] = await handle.db
        .insert(users)
        .values({ email: `edited${++serial}@demo.tetouan.ma`, role: "agent", serviceId: roadsService, passwordHash: "x" })
        .returning();
      return { userId: u.id, firstName: "Nadia", lastName: "Bennani", title: "Cheffe de service", role: "agent", serviceId: String(wasteService) };
    }),
  },
  [`${ADMIN}#saveTemplateAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("saveTemplateAction", () => ({
      categoryId: String(wasteCategory),
      outcome: "upheld",
      title: `Modèle ${++serial}`,
      body: "Merci, la collecte a été rétablie dans votre rue.",
    })),
  },
  [`${ADMIN}#deleteTemplateAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("deleteTemplateAction", async () => {
      const [tpl] = await handle.db
        .insert(responseTemplates)
        .values({ categoryId: wasteCategory, outcome: "upheld", title: `À supprimer ${++serial}`, body: "Un modèle de réponse assez long pour être valable." })
        .returning();
      return { templateId: String(tpl.id) };
    }),
  },
  [`${ADMIN}#updateCityAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("updateCityAction", async () => ({ ...(await cityForm()), emergencyPhone: String(100 + (++serial % 800)) })),
  },
  [`${ADMIN}#setCityLogoAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: async () => {
      const fn = await act(ADMIN, "setCityLogoAction");
      const { default: sharp } = await import("sharp");
      const png = await sharp({ create: { width: 64, height: 32, channels: 3, background: { r: 0, g: 90, b: 160 } } })
        .png()
        .toBuffer();
      const body = new FormData();
      body.append("logo", new File([new Uint8Array(png)], "logo.png", { type: "image/png" }));
      return { scope: undefined, call: () => staffCall(() => fn({ status: "idle" }, body)) };
    },
  },
  [`${ADMIN}#removeCityLogoAction`]: {
    kind: "staff",
    action: "city.configure",
    prepare: adminCall("removeCityLogoAction", () => ({})),
  },
  [`${ADMIN}#issueApiKeyAction`]: {
    kind: "staff",
    action: "api_key.manage",
    prepare: adminCall("issueApiKeyAction", () => ({ name: `Application ${++serial}` })),
  },
  [`${ADMIN}#revokeApiKeyAction`]: {
    kind: "staff",
    action: "api_key.manage",
    prepare: adminCall("revokeApiKeyAction", async () => {
      const { issueApiKey } = await import("@/lib/dal/open311");
      await issueApiKey(asAdmin(), `À révoquer ${++serial}`);
      const all = await handle.db.select().from(apiKeys);
      return { keyId: all.find((k) => k.name === `À révoquer ${serial}`)!.id };
    }),
  },
  [`${ADMIN}#sendMailAgainAction`]: {
    kind: "staff",
    action: "mail.resend",
    prepare: adminCall("sendMailAgainAction", async () => {
      const { mails } = await import("@/db/schema");
      const [dead] = await handle.db
        .insert(mails)
        .values({ to: `dead${++serial}@example.org`, subject: "s", text: "t", html: "<p>t</p>", template: "test", locale: "fr", state: "dead", attempts: 11 })
        .returning({ id: mails.id });
      return { mailId: dead.id };
    }),
  },
  [`${ADMIN}#anonymiseCitizenAction`]: {
    kind: "staff",
    action: "citizen.anonymise",
    prepare: adminCall("anonymiseCitizenAction", async () => ({ contact: (await newReport()).email, confirm: "on" })),
  },

  // -- public: the citizen's forms (anyone may; the tracking number is the key) -----------------
  [`${REPORT}#submitReportAction`]: {
    kind: "public",
    why: "anyone may file a report (rate-limited per address and email)",
    prepare: async () => {
      const fn = await act(REPORT, "submitReportAction");
      const body = {
        categoryIds: [String(wasteCategory)],
        lat: "35.5722",
        lng: "-5.3686",
        description: "Conteneur renversé sur le trottoir depuis hier.",
        name: "Citoyenne",
        email: `public${++serial}@example.org`,
        idempotencyKey: `matrix-public-${String(serial).padStart(8, "0")}`,
      };
      return { scope: undefined, call: () => redirectingCall(() => fn({ status: "idle" }, form(body))) };
    },
  },
  [`${TRACK}#provideInformationAction`]: {
    kind: "public",
    why: "the holder of the tracking number answers the service's question",
    prepare: async () => {
      const r = await reportIn("needs_info");
      const fn = await act(TRACK, "provideInformationAction");
      return {
        scope: undefined,
        call: () => redirectingCall(() => fn({ status: "idle" }, form({ trackingNumber: r.trackingNumber, reply: "C'est au 12, rue Lucas." }))),
      };
    },
  },
  [`${TRACK}#submitFeedbackAction`]: {
    kind: "public",
    why: "the holder of the tracking number says whether the problem is fixed",
    prepare: async () => {
      const r = await reportIn("answered");
      const fn = await act(TRACK, "submitFeedbackAction");
      return {
        scope: undefined,
        call: () => redirectingCall(() => fn({ status: "idle" }, form({ trackingNumber: r.trackingNumber, fixed: "yes", rating: "4" }))),
      };
    },
  },
  [`${TRACK}#acknowledgementLetterAction`]: {
    kind: "public",
    why: "the holder of the tracking number asks for the acknowledgement as a letter",
    prepare: async () => {
      const r = await newReport();
      const fn = await act(TRACK, "acknowledgementLetterAction");
      return { scope: undefined, call: () => redirectingCall(() => fn({ status: "idle" }, form({ trackingNumber: r.trackingNumber }))) };
    },
  },
  "[locale]/(staff)/staff/admin/second-factor-actions.ts#resetSecondFactorAction": {
    kind: "staff",
    action: "account.reset_second_factor",
    prepare: async () => {
      const { encryptSecret } = await import("@/lib/auth/second-factor");
      const [u] = await handle.db
        .insert(users)
        .values({
          email: `phone${++serial}@demo.tetouan.ma`,
          role: "agent",
          serviceId: roadsService,
          passwordHash: "x",
          totpSecret: encryptSecret("JBSWY3DPEHPK3PXP"),
          totpEnabledAt: new Date(),
        })
        .returning();
      const fn = await act("[locale]/(staff)/staff/admin/second-factor-actions.ts", "resetSecondFactorAction");
      return { scope: undefined, call: () => staffCall(() => fn({ status: "idle" }, form({ userId: u.id }))) };
    },
  },
  "[locale]/login/account-actions.ts#requestPasswordResetAction": {
    kind: "public",
    why: "anyone may ask for a reset link: it is mailed to the account's own address, and the answer is the same for an unknown email",
    prepare: async () => {
      const fn = await act("[locale]/login/account-actions.ts", "requestPasswordResetAction");
      return {
        scope: undefined,
        call: async () => {
          const state = await fn({ status: "idle" }, form({ email: `inconnu${++serial}@example.org` }));
          return { refused: state.status !== "ok", detail: JSON.stringify(state) };
        },
      };
    },
  },
  "[locale]/login/account-actions.ts#resetPasswordAction": {
    kind: "public",
    why: "the holder of a reset link (a secret mailed to the account) sets that account's password, once",
    prepare: async () => {
      const { newResetToken } = await import("@/lib/auth/second-factor");
      const { passwordResets } = await import("@/db/schema");
      const [u] = await handle.db
        .insert(users)
        .values({ email: `reset${++serial}@demo.tetouan.ma`, role: "agent", serviceId: roadsService, passwordHash: "x" })
        .returning();
      const { token, tokenHash } = newResetToken();
      await handle.db.insert(passwordResets).values({ tokenHash, userId: u.id, expiresAt: new Date(Date.now() + 3_600_000) });
      const fn = await act("[locale]/login/account-actions.ts", "resetPasswordAction");
      return {
        scope: undefined,
        call: () => redirectingCall(() => fn({ status: "idle" }, form({ token, password: "lanterne violette au port", confirm: "lanterne violette au port" }))),
      };
    },
  },
  "[locale]/login/account-actions.ts#confirmEnrolmentAction": {
    kind: "not-called",
    why: "enrols the caller's own second factor (no other account is reachable); lib/dal/account.test.ts and e2e/account.spec.ts prove it",
  },
  "[locale]/(staff)/staff/account/actions.ts#changePasswordAction": {
    kind: "not-called",
    why: "changes the caller's own password, the current one required; lib/dal/account.test.ts proves it",
  },
  "[locale]/(staff)/staff/account/locale-actions.ts#saveStaffLocaleAction": {
    kind: "not-called",
    why: "sets the caller's own language (signed in and enrolled, audited); lib/dal/account.test.ts proves it",
  },
  "[locale]/login/actions.ts#signInAction": {
    kind: "not-called",
    why: "the sign-in itself (Auth.js credentials); its refusals and throttle are proven by e2e/staff.spec.ts and lib/dal/staff-auth",
  },
  "[locale]/login/actions.ts#signOutAction": { kind: "not-called", why: "ends the caller's own session; nothing to authorize" },
  "api/auth/[...nextauth]/route.ts#GET": { kind: "not-called", why: "Auth.js's own endpoints (session, CSRF, callbacks)" },
  "api/auth/[...nextauth]/route.ts#POST": { kind: "not-called", why: "Auth.js's own endpoints (session, CSRF, callbacks)" },

  // -- routes --------------------------------------------------------------------------------------
  "api/staff/files/[id]/route.ts#GET": {
    kind: "staff",
    action: "report.read",
    prepare: async () => {
      const r = await newReport();
      const [a] = await handle.db
        .insert(attachments)
        .values({
          reportId: r.id,
          claimToken: `matrix-token-${++serial}-abcdefghij`,
          kind: "image",
          mimeType: "image/png",
          storageKey: `2026/11/00000000-0000-4000-8000-${String(serial).padStart(12, "0")}-display.png`,
          originalName: "x.png",
          sizeBytes: 10,
        })
        .returning();
      const { GET } = await mod<{ GET: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response> }>("api/staff/files/[id]/route.ts");
      // The stored bytes are absent: an authorized reader gets 404 (no file), others 401/403.
      return {
        scope: wasteScope(),
        call: () => httpCall(() => GET(new Request(`http://localhost/api/staff/files/${a.id}`), { params: Promise.resolve({ id: a.id }) }), [200, 404]),
      };
    },
  },
  "api/staff/letters/[id]/route.ts#GET": {
    kind: "staff",
    action: "letter.read",
    prepare: async () => {
      const r = await reportIn("answered");
      const [letter] = await handle.db.select({ id: letters.id }).from(letters).where(eq(letters.reportId, r.id));
      const { GET } = await mod<{ GET: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response> }>("api/staff/letters/[id]/route.ts");
      return {
        scope: wasteScope(),
        call: () => httpCall(() => GET(new Request(`http://localhost/api/staff/letters/${letter.id}`), { params: Promise.resolve({ id: letter.id }) })),
      };
    },
  },
  "api/staff/penalties/export/route.ts#GET": {
    kind: "staff",
    action: "penalty.read",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request) => Promise<Response> }>("api/staff/penalties/export/route.ts");
      return { scope: undefined, call: () => httpCall(() => GET(new Request("http://localhost/api/staff/penalties/export"))) };
    },
  },
  "api/staff/audit/export/route.ts#GET": {
    kind: "staff",
    action: "audit.read",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request) => Promise<Response> }>("api/staff/audit/export/route.ts");
      return { scope: undefined, call: () => httpCall(() => GET(new Request("http://localhost/api/staff/audit/export"))) };
    },
  },
  "api/staff/stats/export/route.ts#GET": {
    kind: "staff",
    action: "stats.read",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request) => Promise<Response> }>("api/staff/stats/export/route.ts");
      return { scope: undefined, call: () => httpCall(() => GET(new Request("http://localhost/api/staff/stats/export?from=2026-01-01&to=2026-12-31"))) };
    },
  },
  "api/staff/stats/type-export/route.ts#GET": {
    kind: "staff",
    action: "stats.read",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request) => Promise<Response> }>("api/staff/stats/type-export/route.ts");
      await newReport();
      return {
        scope: undefined,
        call: () => httpCall(() => GET(new Request(`http://localhost/api/staff/stats/type-export?type=${wasteCategory}&from=2026-01-01&to=2026-12-31`))),
      };
    },
  },
  "api/staff/triage/new/route.ts#GET": {
    kind: "staff",
    action: "report.watch_new",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request) => Promise<Response> }>("api/staff/triage/new/route.ts");
      return { scope: undefined, call: () => httpCall(() => GET(new Request("http://localhost/api/staff/triage/new?since=2026-01-01T00:00:00Z"))) };
    },
  },
  "api/cron/tick/route.ts#POST": {
    kind: "secret",
    why: "the scheduler's bearer secret (CRON_SECRET), never a session",
    prepare: async () => {
      const { POST } = await mod<{ POST: (r: Request) => Promise<Response> }>("api/cron/tick/route.ts");
      return {
        scope: undefined,
        call: () => httpCall(() => POST(new Request("http://localhost/api/cron/tick", { method: "POST", headers: { authorization: "Bearer guessed" } }))),
      };
    },
  },
  "open311/v2/[...path]/route.ts#POST": {
    kind: "secret",
    why: "an Open311 API key issued by an administrator, never a session",
    prepare: async () => {
      const { POST } = await mod<{ POST: (r: Request, c: { params: Promise<{ path: string[] }> }) => Promise<Response> }>("open311/v2/[...path]/route.ts");
      const body = new URLSearchParams({
        service_code: "dechets-non-collectes",
        lat: "35.5722",
        long: "-5.3686",
        description: "Ordures non collectées rue Lucas.",
        email: "open311@example.org",
      });
      return {
        scope: undefined,
        call: () =>
          httpCall(() =>
            POST(
              new Request("http://localhost/open311/v2/requests.json", {
                method: "POST",
                body,
                headers: { "content-type": "application/x-www-form-urlencoded" },
              }),
              { params: Promise.resolve({ path: ["requests.json"] }) },
            ),
          ),
      };
    },
  },
  "open311/v2/[...path]/route.ts#GET": {
    kind: "public",
    why: "Open311 GeoReport v2 reads: public data only (tested free of personal data by e2e/public.spec.ts)",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request, c: { params: Promise<{ path: string[] }> }) => Promise<Response> }>("open311/v2/[...path]/route.ts");
      return {
        scope: undefined,
        call: () => httpCall(() => GET(new Request("http://localhost/open311/v2/services.json"), { params: Promise.resolve({ path: ["services.json"] }) })),
      };
    },
  },
  "api/map/route.ts#GET": {
    kind: "public",
    why: "the public map's clusters (no personal data)",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request) => Promise<Response> }>("api/map/route.ts");
      return { scope: undefined, call: () => httpCall(() => GET(new Request("http://localhost/api/map?bbox=-5.45,35.53,-5.30,35.62&zoom=13"))) };
    },
  },
  "api/map/reports/[ref]/route.ts#GET": {
    kind: "public",
    why: "a public report's summary for the map's popup, by its public number (no personal data)",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request, c: { params: Promise<{ ref: string }> }) => Promise<Response> }>("api/map/reports/[ref]/route.ts");
      return {
        scope: undefined,
        call: () => httpCall(() => GET(new Request("http://localhost/api/map/reports/1"), { params: Promise.resolve({ ref: "1" }) })),
      };
    },
  },
  "api/reports/nearby/route.ts#GET": {
    kind: "public",
    why: "open reports near a point, to support instead of duplicating (no personal data)",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request) => Promise<Response> }>("api/reports/nearby/route.ts");
      return {
        scope: undefined,
        call: () => httpCall(() => GET(new Request(`http://localhost/api/reports/nearby?lat=35.5722&lng=-5.3686&category=${wasteCategory}`))),
      };
    },
  },
  "api/health/route.ts#GET": {
    kind: "public",
    why: "the load balancer's health check",
    prepare: async () => {
      const { GET } = await mod<{ GET: (r: Request) => Promise<Response> }>("api/health/route.ts");
      return { scope: undefined, call: () => httpCall(() => GET(new Request("http://localhost/api/health?queue=1"))) };
    },
  },
  "api/reports/route.ts#POST": {
    kind: "public",
    why: "the offline queue's submission (same rules as the form)",
    prepare: async () => {
      const { POST } = await mod<{ POST: (r: Request) => Promise<Response> }>("api/reports/route.ts");
      const body = form({
        categoryIds: String(wasteCategory),
        lat: "35.5722",
        lng: "-5.3686",
        description: "Bac débordant depuis trois jours.",
        name: "Hors-ligne",
        email: `queue${++serial}@example.org`,
        idempotencyKey: `matrix-queue-${String(serial).padStart(8, "0")}`,
      });
      return {
        scope: undefined,
        call: () =>
          httpCall(() => POST(new Request("http://localhost/api/reports", { method: "POST", body, headers: connectionFrom(`198.51.100.${serial % 250}`) }))),
      };
    },
  },
  "api/uploads/route.ts#POST": {
    kind: "public",
    why: "a citizen's photo before the report exists (checked, re-encoded, claimed by token)",
    prepare: async () => {
      const sharp = (await import("sharp")).default;
      const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#888" } })
        .png()
        .toBuffer();
      const { POST } = await mod<{ POST: (r: Request) => Promise<Response> }>("api/uploads/route.ts");
      const body = new FormData();
      body.set("file", new File([new Uint8Array(png)], "photo.png", { type: "image/png" }));
      return {
        scope: undefined,
        call: () =>
          httpCall(() => POST(new Request("http://localhost/api/uploads", { method: "POST", body, headers: connectionFrom(`192.0.2.${++serial % 250}`) }))),
      };
    },
  },
  "api/reports/[id]/support/route.ts#POST": {
    kind: "public",
    why: '"me too" on a public open report',
    prepare: async () => {
      const r = await reportIn("routed");
      const { POST } = await mod<{ POST: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response> }>("api/reports/[id]/support/route.ts");
      return {
        scope: undefined,
        call: () =>
          httpCall(() =>
            POST(new Request(`http://localhost/api/reports/${r.id}/support`, { method: "POST", headers: connectionFrom(`192.0.2.${++serial % 250}`) }), {
              params: Promise.resolve({ id: r.id }),
            }),
          ),
      };
    },
  },
  "api/letters/[id]/route.ts#GET": {
    kind: "public",
    why: "a report's letter, for whoever holds its tracking number",
    prepare: async () => {
      const r = await reportIn("answered");
      const [letter] = await handle.db.select({ id: letters.id }).from(letters).where(eq(letters.reportId, r.id));
      const { GET } = await mod<{ GET: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response> }>("api/letters/[id]/route.ts");
      return {
        scope: undefined,
        call: () =>
          httpCall(() => GET(new Request(`http://localhost/api/letters/${letter.id}?n=${r.trackingNumber}`), { params: Promise.resolve({ id: letter.id }) })),
      };
    },
  },
  "files/[id]/route.ts#GET": {
    kind: "public",
    why: "a report's display file, for whoever holds its tracking number",
    prepare: async () => {
      const r = await newReport();
      const { getStorage } = await import("@/lib/storage");
      const key = `2026/11/00000000-0000-4000-9000-${String(++serial).padStart(12, "0")}-display.png`;
      await getStorage().put(key, Buffer.from("89504e470d0a1a0a", "hex"), "image/png");
      const [a] = await handle.db
        .insert(attachments)
        .values({
          reportId: r.id,
          claimToken: `matrix-public-token-${serial}-abcdefghij`,
          kind: "image",
          mimeType: "image/png",
          storageKey: key,
          originalName: "x.png",
          sizeBytes: 8,
        })
        .returning();
      const { GET } = await mod<{ GET: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response> }>("files/[id]/route.ts");
      return {
        scope: undefined,
        call: () => httpCall(() => GET(new Request(`http://localhost/files/${a.id}?n=${r.trackingNumber}`), { params: Promise.resolve({ id: a.id }) })),
      };
    },
  },
};

describe("the authorization matrix", () => {
  it("lists every server action and route handler of the application", () => {
    expect(Object.keys(ENTRIES).sort()).toEqual(surface());
  });

  const READS = new Set([
    "api/staff/files/[id]/route.ts#GET",
    "api/staff/letters/[id]/route.ts#GET",
    "api/staff/penalties/export/route.ts#GET",
    "api/staff/stats/export/route.ts#GET",
    "api/staff/stats/type-export/route.ts#GET",
    "api/staff/audit/export/route.ts#GET",
    "api/staff/triage/new/route.ts#GET",
  ]);

  for (const [name, entry] of Object.entries(ENTRIES)) {
    if (entry.kind === "not-called") continue;
    it(`${name}: ${entry.kind === "staff" ? entry.action : entry.why}`, async () => {
      for (const who of PRINCIPALS) {
        const fixture = await entry.prepare();
        const viewer = people[who];
        const expected =
          entry.kind === "public"
            ? true
            : entry.kind === "secret" || who.endsWith("_unenrolled")
              ? false
              : entry.action === "penalty.read"
                ? mayPerform(viewer, "penalty.read") || mayPerform(viewer, "penalty.read_own")
                : mayPerform(viewer, entry.action, fixture.scope);
        const before = await fingerprint();
        const outcome = await as(viewer, fixture.call);
        const after = await fingerprint();
        const context = `${name} as ${who}: ${outcome.detail}`;
        if (expected) {
          expect(outcome.refused, context).toBe(false);
          // A read changes nothing; every write leaves a trace.
          if (!READS.has(name) && entry.kind === "staff") expect(after, context).not.toEqual(before);
        } else {
          expect(outcome.refused, context).toBe(true);
          expect(after, context).toEqual(before);
        }
      }
    });
  }
});

describe("objects out of reach", () => {
  it("gives nobody a report's file by guessing its id, nor with another report's number", async () => {
    const { GET } = await mod<{ GET: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response> }>("files/[id]/route.ts");
    const a = await newReport();
    const b = await newReport();
    const key = `2026/11/00000000-0000-4000-a000-${String(++serial).padStart(12, "0")}-display.png`;
    const { getStorage } = await import("@/lib/storage");
    await getStorage().put(key, Buffer.from("89504e470d0a1a0a", "hex"), "image/png");
    const [file] = await handle.db
      .insert(attachments)
      .values({
        reportId: a.id,
        claimToken: `guess-${serial}-abcdefghijklmnop`,
        kind: "image",
        mimeType: "image/png",
        storageKey: key,
        originalName: "x.png",
        sizeBytes: 8,
      })
      .returning();
    const get = (id: string, n: string) => GET(new Request(`http://localhost/files/${id}?n=${n}`), { params: Promise.resolve({ id }) });
    expect((await get(file.id, a.trackingNumber)).status).toBe(200);
    expect((await get(file.id, b.trackingNumber)).status).toBe(404);
    expect((await get("00000000-0000-4000-8000-000000000000", a.trackingNumber)).status).toBe(404);
    expect((await get(file.id, "")).status).toBe(404);
    const staff = await mod<{ GET: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response> }>("api/staff/files/[id]/route.ts");
    const refused = await as(people.agent_out_of_scope, () =>
      staff.GET(new Request(`http://localhost/api/staff/files/${file.id}`), { params: Promise.resolve({ id: file.id }) }),
    );
    expect(refused.status).toBe(403);
  });

  it("never lets an agent or a delegate list or open another service's reports", async () => {
    const { getStaffReport, listReportsForStaff } = await import("@/lib/dal/staff-reports");
    const r = await reportIn("routed");
    for (const who of ["agent_out_of_scope", "delegate_out_of_scope"] as const) {
      await expect(getStaffReport(people[who], r.id, "fr")).rejects.toMatchObject({ code: "forbidden:report" });
      const listed = await listReportsForStaff(people[who], {} as never, "fr");
      expect(listed.map((x) => x.id)).not.toContain(r.id);
    }
    const mine = await listReportsForStaff(people.agent_in_scope, {} as never, "fr");
    expect(mine.map((x) => x.id)).toContain(r.id);
  });
});
